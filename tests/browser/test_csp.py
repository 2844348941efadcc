"""Under the strict Content-Security-Policy the pages still work in a real browser: the dashboard,
the review screen and the public page load with no violation reported,
their charts are drawn, the print button prints and the progress bars are sized.

Chromium reports every refused script, style or handler on the console ("... violates the
following Content Security Policy directive ..."); a ``securitypolicyviolation`` listener
installed before any page script reports it too, in case a message is worded otherwise.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import GOLD
from tests.browser.test_journey_dashboards import _reports, _sign_in

pytestmark = pytest.mark.browser

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
"""


@pytest.fixture
def violations(page: Any) -> list[str]:
    """Every console message about the Content Security Policy, whatever its level."""
    found: list[str] = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None)
    return found


@pytest.fixture
def draft(gold_plan: Any, coordinator: Any, settings: Any, tmp_path: Any) -> Any:
    """The gold plan's document as a draft of Gia Lai ready for review."""
    from django.core.files.base import ContentFile

    from theodoi.plans.models import DraftStatus, PlanDraft

    settings.MEDIA_ROOT = tmp_path / "media"
    doc = json.loads(GOLD.read_text(encoding="utf-8"))
    draft = PlanDraft(
        unit=gold_plan.unit.current_unit(),
        created_by=coordinator,
        file_name="ke-hoach.txt",
        file_sha256="0" * 64,
        extracted=copy.deepcopy(doc),
        document=copy.deepcopy(doc),
        source_lines=[{"n": n, "raw": f"dong {n}", "text": f"dòng {n}"} for n in range(1, 40)],
        status=DraftStatus.READY,
    )
    draft.file.save("ke-hoach.txt", ContentFile(b"ke hoach"), save=False)
    draft.save()
    return draft


def test_the_pages_work_under_the_policy(
    live_server: Any,
    page: Any,
    shoot: Any,
    viewport: Any,
    violations: list[str],
    coordinator: Any,
    gold_plan: Any,
    draft: Any,
    password: str,
) -> None:
    _reports(gold_plan)
    province = gold_plan.unit.current_unit()

    # The coordinator's dashboard: the policy is sent, the charts are drawn from their JSON islands.
    _sign_in(page, live_server.url, coordinator, password)
    page.wait_for_url(re.compile(r"/tong-quan/$"))
    expect(page.locator("canvas[data-chart='chart-status'][data-drawn='1']")).to_have_count(1)
    expect(page.locator("canvas[data-chart='chart-compliance'][data-drawn='1']")).to_have_count(1)
    shoot("1-tong-quan")
    if not viewport.mobile:  # the print button is hidden on a phone
        page.evaluate("window.print = () => { window.printed = true; }")
        page.get_by_role("button", name="In trang").click()
        assert page.evaluate("window.printed") is True

    # A filter swaps the dashboard in place (htmx), still without a violation.
    page.locator("form.filters--dash select").first.select_option(index=1)
    page.wait_for_load_state("networkidle")
    expect(page.locator("canvas[data-chart='chart-status'][data-drawn='1']")).to_have_count(1)

    # The review screen of a draft: its scripts (review.js, htmx) run.
    response = page.goto(f"{live_server.url}/nhap-ke-hoach/{draft.pk}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("h1")).to_contain_text("Rà soát kế hoạch")
    expect(page.locator("table.table--review tr.review-row").first).to_be_visible()
    shoot("2-ra-soat")

    # The public page, signed out: progress bars sized from their data attributes, charts drawn.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/cong-khai/{province.code}/")
    parts = page.locator(".progress-bar__part")
    expect(parts.first).to_be_visible()
    grows = parts.evaluate_all("els => els.map(e => [e.dataset.grow, e.style.flexGrow])")
    assert grows and all(grow == style for grow, style in grows)
    expect(page.locator(".indicator-card canvas[data-drawn='1']").first).to_be_attached()
    shoot("3-cong-khai", full_page=True)

    assert violations == []
