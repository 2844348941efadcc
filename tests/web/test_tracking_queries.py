"""The report form and the inbox run the same number of queries for N and 3N rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from tests.cast import _user
from tests.web.tracking_fixtures import previous_quarter

from theodoi.accounts.models import Role
from theodoi.directory.models import Agency
from theodoi.tracking import services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tracking_media")]

N = 3


def _rows_for_science(
    plan: Any, count: int, make_task: Any, make_indicator: Any, agencies: dict[str, Any]
) -> None:
    for n in range(count):
        make_task(
            plan,
            f"Nhiệm vụ chuyển đổi số {n}",
            lead=[agencies["science_a"]],
            partners=[agencies["finance_a"]],
        )
        make_indicator(plan, f"Chỉ tiêu {n}", monitor=[agencies["science_a"]])


@pytest.mark.parametrize("rows", [N, 3 * N])
def test_report_form_query_count(
    client: Any,
    django_assert_num_queries: Any,
    reporter_a: Any,
    report_a: Any,
    agencies: dict[str, Any],
    make_task: Any,
    make_indicator: Any,
    rows: int,
) -> None:
    _rows_for_science(report_a.plan, rows, make_task, make_indicator, agencies)
    led = report_a.plan.tasks.filter(assignments__agency=agencies["science_a"], assignments__role="lead")
    tasks = {t.pk: {"status": "in_progress", "percent": "30", "done_text": "Đang làm"} for t in led}
    services.report_save_draft(
        report=report_a, actor=reporter_a, version=report_a.version, data={"tasks": tasks}
    )
    client.force_login(reporter_a)
    # session, user, profile, report; form: tasks, assignments, updates, contributions, evidence,
    # indicators, values; the audit trail
    with django_assert_num_queries(12):
        response = client.get(reverse("web:report", args=[report_a.pk]))
    assert len(response.context["state"].tasks) == rows + 1


def _agencies_with_tasks(plan: Any, count: int, make_task: Any, units: dict[str, Any]) -> list[Agency]:
    out = []
    for n in range(count):
        agency = Agency.objects.create(unit=units["a_old"], name=f"Sở thử nghiệm {n}", kind="department")
        make_task(plan, f"Nhiệm vụ của sở {n}", lead=[agency])
        out.append(agency)
    return out


@pytest.mark.parametrize("rows", [N, 3 * N])
@pytest.mark.parametrize("tab", ["cho-duyet", "nop-muon", "chua-nop"])
def test_inbox_query_count(
    client: Any,
    django_assert_num_queries: Any,
    coordinator_a: Any,
    duties_a: Any,
    units: dict[str, Any],
    make_task: Any,
    rows: int,
    tab: str,
) -> None:
    agencies = _agencies_with_tasks(duties_a, rows, make_task, units)
    for n, agency in enumerate(agencies[: rows // 2 + 1]):
        reporter = _user(f"baocao_thu_{n}", role=Role.REPORTER, agency=agency)
        report = services.report_get_or_create_draft(
            actor=reporter, agency=agency, plan=duties_a, cadence="quarterly", period=previous_quarter()
        )
        task = duties_a.tasks.get(name=f"Nhiệm vụ của sở {n}")
        report = services.report_save_draft(
            report=report,
            actor=reporter,
            version=report.version,
            data={"tasks": {task.pk: {"status": "done"}}},
        )
        services.report_submit(report=report, actor=reporter, version=report.version)
    client.force_login(coordinator_a)
    # session, user, profile; calendar: plans, duties, leads, monitors; reports, agencies,
    # reports to review, amendments
    with django_assert_num_queries(11):
        response = client.get(reverse("web:inbox"), {"tab": tab})
    assert len(response.context["box"].to_review) == rows // 2 + 1
