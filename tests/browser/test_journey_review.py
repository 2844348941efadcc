"""A coordinator turns an OCR'd plan (sample 002, Quảng Trị 635/KH-UBND) into a published plan.

``test_review_ocr_plan_and_publish``: upload the scan's text, watch the progress bar while
extraction runs, walk to the first cell to check and fix it, merge two rows extraction cut
apart, publish, and find the fix on the plan page. Extraction runs in the test's thread while
the browser polls (the dummy task backend only queues), so the progress bar is seen as a user
sees it.

``test_extraction_runs_in_a_worker_process``: the production path. The upload is queued in
django-tasks' database backend and a real ``theodoi worker`` process, started by the test,
extracts it; the web app is a ``theodoi runserver`` process on the same database. The user
sees the bar advance, leaves, comes back to the import page and finds the draft ready. Both
processes need a database another process can open: the test database itself on PostgreSQL
(DATABASE_URL) or in a SQLite file (THEODOI_TEST_DATABASE_NAME); SQLite's default in-memory
test database is copied to a file first (with the coordinator already in it).

Desktop and phone.
"""

from __future__ import annotations

import re
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.core.demo_data import THEODOI, env_for

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_002 = ROOT / "samples" / "plans" / "002_a739a90603f09329.txt"
EXTRACTION_TIMEOUT = 120_000  # ms: a whole OCR'd plan takes a few seconds, more on a busy machine
# The worker journey waits longer: two more Django processes start (a few seconds each on an
# idle machine, half a minute when the two cores are shared with other test runs), and the
# worker polls the queue every WORKER_INTERVAL seconds.
WORKER_TIMEOUT = 240_000  # ms
SERVER_START = 90  # s for ``theodoi runserver`` to answer its first request
WORKER_INTERVAL = "0.5"  # s between the worker's looks at the queue


@pytest.fixture
def queued_tasks(settings: Any, tmp_path: Path) -> None:
    """Jobs are queued, not run: the test runs the extraction itself while the page polls."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def coordinator_qt(transactional_db: Any, django_user_model: Any, password: str) -> Any:
    """The coordinator of Quảng Trị, the province plan 635/KH-UBND belongs to."""
    from theodoi.accounts.models import Profile, Role
    from theodoi.directory.services import unit_find_province, units_seed

    units_seed()
    user = django_user_model.objects.create_user(
        username="dieuphoi.quangtri", password=password, first_name="Trần Văn", last_name="Hùng"
    )
    Profile.objects.create(user=user, role=Role.COORDINATOR, unit=unit_find_province(name="Quảng Trị"))
    return user


def sign_in(page: Any, base: str, user: Any, password: str, then: str) -> None:
    page.goto(f"{base}{then}")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(re.escape(then) + "$"))


def htmx_idle(page: Any) -> None:
    """Wait until htmx has no request in flight and has settled what it swapped in."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping, .htmx-added')"
    )


def open_row_menu(page: Any, row: Any) -> None:
    htmx_idle(page)
    row.locator("summary").click()
    expect(row.locator(".row-menu__panel")).to_be_visible()


def _database_url(tmp_path: Path) -> str:
    """Return a DATABASE_URL other processes can open for the live test database.

    SQLite's in-memory test database lives in this process only: it is copied to a file
    (SQLite's backup API, with what the fixtures committed) and the processes use the copy.
    """
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        return (
            f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    if not connection.is_in_memory_db():
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    copy = tmp_path / "theodoi-test.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    target.close()
    return f"sqlite:///{copy}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End a process this test started: politely, then for good."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


@pytest.fixture
def web_process(coordinator_qt: Any, tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A ``theodoi runserver`` process on the test database; yield its address and environment."""
    env = env_for(_database_url(tmp_path), tmp_path / "data")
    port = _free_port()
    server = subprocess.Popen(
        [*THEODOI, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "server.log").open("wb"),
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START
    while True:
        try:
            urllib.request.urlopen(f"{base}/dang-nhap/", timeout=5).close()
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
            if server.poll() is not None or time.monotonic() > deadline:
                _stop(server)
                log = (tmp_path / "server.log").read_text(errors="replace")
                raise AssertionError(f"theodoi runserver did not start: {e}\n{log}") from e
            time.sleep(0.5)
    yield base, env
    _stop(server)


def test_extraction_runs_in_a_worker_process(
    web_process: tuple[str, dict[str, str]],  # first: set up before the page, stopped after it closes
    page: Any,
    shoot: Any,
    coordinator_qt: Any,
    password: str,
    tmp_path: Path,
) -> None:
    base, env = web_process

    # Given the coordinator uploads the scan's text: no worker runs yet, so the job waits.
    sign_in(page, base, coordinator_qt, password, "/nhap-ke-hoach/")
    page.locator("input[type=file]").set_input_files(str(SAMPLE_002))
    page.get_by_role("button", name="Tải lên và trích xuất").click()
    page.wait_for_url(re.compile(r"/nhap-ke-hoach/\d+/$"))
    draft_url = page.url
    bar = page.locator("#thanh-tien-do")
    expect(bar).to_have_attribute("value", "0")
    expect(page.locator("#tien-do")).to_contain_text("Đang chờ trích xuất")
    shoot("w1-cho-trich-xuat")

    # When a worker process starts, the polling page shows the bar advance step by step.
    worker = subprocess.Popen(
        [*THEODOI, "worker", "--interval", WORKER_INTERVAL, "--no-reload", "--no-startup-delay"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "worker.log").open("wb"),
    )
    try:
        page.wait_for_function(
            "() => { const bar = document.querySelector('#thanh-tien-do');"
            " return bar && Number(bar.value) > 0 && Number(bar.value) < 100; }",
            timeout=WORKER_TIMEOUT,
        )
        expect(page.locator(".progress-card__step")).not_to_have_text("Đang chờ trích xuất")
        shoot("w2-dang-trich-xuat")

        # They leave for the plan list while the worker carries on; the job does not need the page.
        page.goto(f"{base}/ke-hoach/")
        expect(page.locator("h1")).to_be_visible()

        # Back on the import page, the draft is listed; once extracted it is ready to review.
        row = page.locator("#ban-nhap tbody tr", has_text="002_a739a90603f09329.txt")
        deadline = time.monotonic() + WORKER_TIMEOUT / 1000
        while True:
            page.goto(f"{base}/nhap-ke-hoach/")
            if "Sẵn sàng rà soát" in row.inner_text():
                break
            assert worker.poll() is None, (tmp_path / "worker.log").read_text(errors="replace")
            assert time.monotonic() < deadline, f"the draft is still {row.inner_text()!r}"
            time.sleep(2)
        expect(row).to_contain_text("635/KH-UBND")
        shoot("w3-ban-nhap-san-sang")
        row.get_by_role("link", name="002_a739a90603f09329.txt").click()
        page.wait_for_url(draft_url)
        expect(page.locator("h1")).to_contain_text("Rà soát kế hoạch 635/KH-UBND")
        expect(page.locator(".review-toolbar__count strong")).to_be_visible()
        shoot("w4-ra-soat")
    finally:
        _stop(worker)


def test_review_ocr_plan_and_publish(
    live_server: Any, page: Any, shoot: Any, coordinator_qt: Any, password: str, queued_tasks: None
) -> None:
    from theodoi.plans.drafts import draft_extract
    from theodoi.plans.models import PlanDraft

    # Given a coordinator on the import page: the formats and the size limit are printed.
    sign_in(page, live_server.url, coordinator_qt, password, "/nhap-ke-hoach/")
    assert page.get_by_role("link", name="Nhập kế hoạch").get_attribute("aria-current") == "page"
    hint = page.locator(".dropzone__hint").inner_text()
    assert ".pdf" in hint and ".docx" in hint and "tối đa" in hint
    shoot("1-trang-nhap")

    # When they pick the scan's text and upload it, the draft page shows a progress bar.
    page.locator("input[type=file]").set_input_files(str(SAMPLE_002))
    expect(page.locator("[data-file-name]")).to_contain_text("002_a739a90603f09329.txt")
    page.get_by_role("button", name="Tải lên và trích xuất").click()
    page.wait_for_url(re.compile(r"/nhap-ke-hoach/\d+/$"))
    expect(page.locator("progress")).to_be_visible()
    assert "Bạn có thể đóng trang này" in page.locator("#tien-do").inner_text()
    shoot("2-tien-do")

    # The job runs (here, in the test's thread); the polling page turns into the review screen.
    draft = PlanDraft.objects.get()
    worker = threading.Thread(target=draft_extract, kwargs={"draft_id": draft.pk})
    worker.start()
    worker.join()
    expect(page.locator("h1")).to_contain_text("Rà soát kế hoạch 635/KH-UBND", timeout=EXTRACTION_TIMEOUT)
    expect(page.locator("#dong-1")).to_be_attached()
    shoot("3-ra-soat")

    # "Next to check" opens the first doubtful cell, the signing date OCR lost, beside its lines.
    count_before = int(page.locator(".review-toolbar__count strong").inner_text().replace(".", ""))
    page.get_by_role("link", name="Ô tiếp theo cần kiểm tra").click()
    editor = page.locator(".cell--editing")
    expect(editor).to_be_visible()
    expect(editor.locator(".cell-form__label")).to_contain_text("Ngày ký")
    expect(editor.locator(".cell-form__source")).to_contain_text("2025")
    if page.viewport_size["width"] >= 1000:
        expect(page.locator("#dong-2")).to_have_class(re.compile("is-lit"))
    shoot("4-o-can-kiem-tra")

    # They type the date as printed on paper and save: the cell shows it, one cell fewer to check.
    editor.locator("input[name=value]").fill("27/8/2025")
    editor.get_by_role("button", name="Lưu").click()
    expect(page.locator("#o-document-date")).to_contain_text("27/08/2025")
    expect(page.locator("#o-document-date .check-mark")).to_have_count(0)
    htmx_idle(page)
    expect(page.locator(".review-toolbar__count strong")).to_have_text(
        f"{count_before - 1:,}".replace(",", ".")
    )
    shoot("5-da-sua")

    # The next cell to check is further on; a deadline cell reads the printed text beside its sense.
    page.get_by_role("link", name="Ô tiếp theo cần kiểm tra").click()
    expect(page.locator(".cell--editing")).to_be_visible()
    page.locator(".cell--editing").get_by_role("button", name="Hủy").click()
    expect(page.locator(".cell--editing")).to_have_count(0)
    htmx_idle(page)

    # On the task list, two rows are merged into one (the queue may have left us on another tab,
    # whose long table takes a while to swap out on a loaded machine).
    page.get_by_role("link", name=re.compile("^Nhiệm vụ")).click()
    rows = page.locator("table.table--tasks tbody tr.review-row")
    expect(rows.first).to_be_visible(timeout=30_000)
    total = rows.count()
    first_name = rows.nth(0).locator("td[data-label='Nhiệm vụ']").inner_text().split("\n")[0].strip()
    second_name = rows.nth(1).locator("td[data-label='Nhiệm vụ']").inner_text().split("\n")[0].strip()
    expect(page.locator("td[data-label='Thời hạn'] .reading").first).to_be_visible()
    shoot("6-nhiem-vu")
    glued = [t["name"] for t in PlanDraft.objects.get().document["tasks"][:2]]
    open_row_menu(page, rows.nth(0))
    shoot("7-thao-tac-dong")
    rows.nth(0).get_by_role("button", name="Gộp với dòng dưới").click()
    expect(rows).to_have_count(total - 1)
    htmx_idle(page)
    merged = rows.nth(0).locator("td[data-label='Nhiệm vụ']").inner_text()
    assert first_name[:20] in merged and second_name[:20] in merged
    shoot("8-da-gop")

    # Splitting takes the cursor's place in the text: back to the two rows as they were.
    open_row_menu(page, rows.nth(0))
    rows.nth(0).get_by_role("button", name="Tách thành hai dòng…").click()
    split = page.locator("tr.split-row")
    expect(split).to_be_visible()
    split.locator("textarea").evaluate(
        "(el, n) => { el.focus(); el.setSelectionRange(n, n); el.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true})); }",
        len(glued[0]) + 1,
    )
    expect(split.locator("input[name=vi_tri]")).to_have_value(str(len(glued[0]) + 1))
    shoot("8b-tach")
    split.get_by_role("button", name="Tách", exact=True).click()
    expect(rows).to_have_count(total)
    htmx_idle(page)
    assert [t["name"] for t in PlanDraft.objects.get().document["tasks"][:2]] == glued
    open_row_menu(page, rows.nth(0))
    rows.nth(0).get_by_role("button", name="Gộp với dòng dưới").click()
    expect(rows).to_have_count(total - 1)

    # Publishing: no plan of Quảng Trị to replace, so every task is new; the plan page shows the fix.
    page.get_by_role("link", name="Ban hành kế hoạch…").click()
    page.wait_for_url(re.compile(r"/cong-bo/$"))
    expect(page.locator("#khac-biet")).to_contain_text("không thay thế kế hoạch nào")
    shoot("9-ban-hanh")
    page.get_by_role("button", name="Ban hành kế hoạch").click()
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("Đã ban hành kế hoạch 635/KH-UBND")
    assert "27/08/2025" in page.locator(".facts").inner_text()
    assert "Đang hiệu lực" in page.locator("h1").inner_text()
    expect(page.locator("table.table--tasks tbody tr")).to_have_count(total - 1)
    shoot("10-ke-hoach")
