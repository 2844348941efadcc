"""``ReportObligation``: the reports owed in a built quarter, kept current by what changes them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from theodoi.plans.models import Plan
from theodoi.tracking import obligations, services
from theodoi.tracking.models import ObligationQuarter, ProgressReport, ReportObligation

pytestmark = pytest.mark.django_db


def _row(report: ProgressReport) -> ReportObligation:
    return ReportObligation.objects.get(
        plan=report.plan, agency=report.agency, cadence=report.cadence, period=report.period
    )


def _submit(report: ProgressReport, actor: Any) -> ProgressReport:
    tasks = report.plan.tasks.filter(assignments__agency=report.agency, assignments__role="lead")
    services.report_save_draft(
        report=report,
        actor=actor,
        version=report.version,
        data={"tasks": {t.pk: {"status": "in_progress", "percent": 10} for t in tasks}},
    )
    report.refresh_from_db()
    return services.report_submit(report=report, actor=actor, version=report.version)


def test_building_a_quarter_lists_every_report_owed_in_it(duties_a: Plan) -> None:
    written = obligations.obligations_build(key="2025-Q3")
    owed = obligations.due_in("2025-Q3")
    assert written == len(owed) == ReportObligation.objects.filter(quarter="2025-Q3").count() > 0
    assert ObligationQuarter.objects.filter(key="2025-Q3").exists()
    assert not ReportObligation.objects.filter(sent=True).exists()


def test_submitting_marks_the_obligation_sent(q3_report: ProgressReport, reporter_a: Any) -> None:
    obligations.obligations_build(key="2025-Q3")
    report = _submit(q3_report, reporter_a)
    row = _row(report)
    assert (row.sent, row.submitted_at) == (True, report.submitted_at)


def test_returning_takes_the_sending_back(
    q3_report: ProgressReport, reporter_a: Any, coordinator_a: Any
) -> None:
    obligations.obligations_build(key="2025-Q3")
    report = _submit(q3_report, reporter_a)
    services.report_return(report=report, actor=coordinator_a, comment="Thiếu số liệu.")
    row = _row(report)
    assert (row.sent, row.submitted_at) == (False, None)


def test_a_new_lead_owes_the_plans_reports(
    duties_a: Plan, coordinator_a: Any, agencies: dict[str, Any]
) -> None:
    obligations.obligations_build(key="2025-Q3")
    newcomer = agencies["science_b"]
    assert not ReportObligation.objects.filter(agency=newcomer).exists()
    task = duties_a.tasks.order_by("position").first()
    services.task_amend(actor=coordinator_a, task=task, changes={"lead_agency_id": newcomer.pk})
    assert ReportObligation.objects.filter(agency=newcomer, plan=duties_a, quarter="2025-Q3").exists()


def test_the_rebuild_keeps_four_quarters(duties_a: Plan) -> None:
    for key in ("2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3"):
        obligations.obligations_build(key=key)
    obligations.obligations_rebuild(on=dt.date(2025, 8, 1))
    assert list(ObligationQuarter.objects.values_list("key", flat=True)) == [
        "2024-Q4",
        "2025-Q1",
        "2025-Q2",
        "2025-Q3",
    ]
    assert not ReportObligation.objects.filter(quarter="2024-Q3").exists()
