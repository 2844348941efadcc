"""Demo progress reports: recorded through the services, marked as demo data, idempotent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from theodoi.plans.models import Plan
from theodoi.reports.build import report_content
from theodoi.reports.demo_data import DEMO_MARK, demo_periods, demo_reports_record
from theodoi.tracking.models import IndicatorValue, ProgressReport, ReportStatus, TaskUpdate

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 1, 20)
PERIODS = ["2025-Q2", "2025-Q3", "2025-Q4", "2025"]


def test_demo_reports_are_recorded_for_the_agencies_that_owe_them(duties_a: Plan, coordinator_a: Any) -> None:
    result = demo_reports_record(plans=[duties_a], periods=PERIODS, on=ON)

    reports = ProgressReport.objects.filter(plan=duties_a)
    assert result.created == reports.count() > 0
    assert set(reports.values_list("period", flat=True)) <= set(PERIODS)
    assert reports.filter(status=ReportStatus.ACCEPTED).exists()
    assert set(reports.values_list("reviewed_by", flat=True)) <= {coordinator_a.pk, None}


def test_every_demo_text_is_marked(duties_a: Plan) -> None:
    demo_reports_record(plans=[duties_a], periods=PERIODS, on=ON)

    assert all(s.startswith(DEMO_MARK) for s in ProgressReport.objects.values_list("summary", flat=True))
    assert all(t.startswith(DEMO_MARK) for t in TaskUpdate.objects.values_list("done_text", flat=True))
    assert all(t.startswith(DEMO_MARK) for t in IndicatorValue.objects.values_list("source", flat=True))
    demo_users = get_user_model().objects.filter(username__startswith="minhhoa_")
    assert demo_users.exists()
    assert not demo_users.filter(is_active=True).exists()
    assert set(demo_users.values_list("first_name", flat=True)) == {DEMO_MARK}


def test_a_second_run_adds_nothing(duties_a: Plan) -> None:
    first = demo_reports_record(plans=[duties_a], periods=PERIODS, on=ON)
    updates = TaskUpdate.objects.count()

    second = demo_reports_record(plans=[duties_a], periods=PERIODS, on=ON)

    assert second.created == 0
    assert second.skipped == first.created
    assert TaskUpdate.objects.count() == updates


def test_submissions_are_dated_around_the_due_date(duties_a: Plan) -> None:
    demo_reports_record(plans=[duties_a], periods=["2025-Q3"], on=ON)

    for report in ProgressReport.objects.all():
        assert abs(report.submitted_at - report.due_at) < dt.timedelta(days=14)


def test_periods_not_ended_or_before_the_plan_are_left_out(duties_a: Plan) -> None:
    demo_reports_record(plans=[duties_a], periods=["2024-Q4", "2026-Q1"], on=ON)

    assert not ProgressReport.objects.exists()


def test_the_consolidated_report_has_something_to_say_on_demo_data(duties_a: Plan) -> None:
    demo_reports_record(plans=[duties_a], periods=PERIODS, on=ON)

    report = report_content(plan=duties_a, period="2025-Q3", issued_on=dt.date(2025, 10, 15))
    assert report.compliance and report.compliance[0].sent > 0


def test_default_periods_are_recent_months_quarters_and_the_last_year() -> None:
    assert demo_periods(on=dt.date(2026, 1, 20)) == [
        "2025-M12",
        "2025-M11",
        "2025-M10",
        "2025-M09",
        "2025-Q4",
        "2025-Q3",
        "2025",
    ]
