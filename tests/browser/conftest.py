"""Browser journeys: Playwright (PyPI) driving Debian's chromium against pytest-django's live server.

Never ``playwright install``: the browser is /usr/bin/chromium. Each test gets a fresh
profile (user-data-dir) and one viewport, desktop or phone; screenshots go to
test-artifacts/screenshots/ (git-ignored) to be looked at.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from
# a thread with a running loop unless told this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold" / "003_40dd3ed96488933f.json"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "mat-khau-hanh-trinh-57"


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    mobile: bool


DESKTOP = Viewport("desktop", 1366, 900, mobile=False)
PHONE = Viewport("phone", 390, 844, mobile=True)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        yield p


@pytest.fixture(params=[DESKTOP, PHONE], ids=lambda v: v.name)
def viewport(request: Any) -> Viewport:
    return request.param


@pytest.fixture
def page(playwright: Any, viewport: Viewport, tmp_path: Path) -> Iterator[Any]:
    """A page in a fresh chromium profile at ``viewport``; console errors fail the test."""
    context = playwright.chromium.launch_persistent_context(
        user_data_dir=str(tmp_path / "chromium-profile"),
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": viewport.width, "height": viewport.height},
        device_scale_factor=2 if viewport.mobile else 1,
        is_mobile=viewport.mobile,
        has_touch=viewport.mobile,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    context.set_default_timeout(10_000)
    page = context.pages[0] if context.pages else context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"lỗi trong trình duyệt: {errors}"


@pytest.fixture
def shoot(page: Any, viewport: Viewport, request: Any) -> Any:
    """Return ``shoot(step)``: save a screenshot as test-artifacts/screenshots/<test>-<viewport>-<step>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test = request.node.originalname.removeprefix("test_")

    def shoot(step: str, *, full_page: bool = False) -> Path:
        path = SCREENSHOTS / f"{test}-{viewport.name}-{step}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return shoot


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def gold_plan(transactional_db: Any) -> Any:
    """Bình Định's 37/KH-UBND (sample 003) stored through the import service, active."""
    from theodoi.directory.services import units_seed
    from theodoi.ingest.plan import Plan
    from theodoi.plans.services import plan_import

    units_seed()
    document = Plan.from_dict(json.loads(GOLD.read_text(encoding="utf-8")))
    return plan_import(plan=document, status="active")


@pytest.fixture
def coordinator(gold_plan: Any, django_user_model: Any) -> Any:
    """The coordinator of Gia Lai, the province Bình Định was merged into."""
    from theodoi.accounts.models import Profile, Role

    user = django_user_model.objects.create_user(
        username="dieuphoi.gialai", password=PASSWORD, first_name="Nguyễn Thị", last_name="Lan"
    )
    Profile.objects.create(user=user, role=Role.COORDINATOR, unit=gold_plan.unit.current_unit())
    return user


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """Mark every journey ``browser`` and give it two reruns.

    A journey drives a real Chromium against a live server on a 2-core machine shared with
    the other tests; under load a step can miss its timeout although the page is right. A
    rerun tells that apart from a broken page, which fails all three times.
    """
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.flaky(reruns=2, reruns_delay=1))
