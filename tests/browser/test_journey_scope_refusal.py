"""A reporter of another province cannot open province A's report: the form, the review page and
the proof file are refused, and nothing of the report shows. Desktop and phone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import SCREENSHOTS
from tests.browser.tracking_journeys import give_duties, previous_quarter, sign_in

from theodoi.tracking import services

pytestmark = pytest.mark.browser


def test_reporter_cannot_open_another_agencys_report(
    live_server: Any,
    page: Any,
    viewport: Any,
    plan_a: Any,
    agencies: dict[str, Any],
    reporter_a: Any,
) -> None:
    from tests.cast import _user

    from theodoi.accounts.models import Role

    give_duties(plan_a)
    report = services.report_get_or_create_draft(
        actor=reporter_a,
        agency=agencies["science_a"],
        plan=plan_a,
        cadence="quarterly",
        period=previous_quarter(),
    )
    services.report_save_draft(
        report=report, actor=reporter_a, version=report.version, data={"summary": "Nội dung nội bộ của Sở A"}
    )
    reporter_b = _user("baocao_dongthap", role=Role.REPORTER, agency=agencies["science_b"])
    base = live_server.url

    # Signed in, province B's reporter sees only its own reports.
    sign_in(page, base, reporter_b, "/bao-cao/")
    expect(page.locator("main")).not_to_contain_text("37/KH-UBND")
    page.screenshot(
        path=str(SCREENSHOTS / f"reporter_cannot_open_another_agencys_report-{viewport.name}-1-bao-cao.png")
    )

    # Typing the address of A's report is refused (403) without a word of the report. The refusal
    # is looked at in a second tab: the browser logs a 403 as a console error, which the journey's
    # own tab treats as a failure.
    other = page.context.new_page()
    for n, path in enumerate((f"/bao-cao/{report.pk}/", f"/bao-cao/{report.pk}/duyet/"), start=2):
        response = other.goto(f"{base}{path}")
        assert response.status == 403
        expect(other.locator("h1")).to_have_text("Bạn không có quyền xem trang này")
        expect(other.locator("main")).not_to_contain_text("Nội dung nội bộ của Sở A")
        other.screenshot(
            path=str(
                SCREENSHOTS / f"reporter_cannot_open_another_agencys_report-{viewport.name}-{n}-tu-choi.png"
            )
        )
    other.close()
