"""``IndicatorProgress``: each indicator's standing, written with what changes it and rebuilt."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from theodoi.plans.models import Indicator, Plan
from theodoi.tracking import progress, services, standings
from theodoi.tracking.models import IndicatorProgress, ProgressReport
from theodoi.tracking.standings import Standing

pytestmark = pytest.mark.django_db


def _service_indicator(plan: Plan) -> Indicator:
    return plan.indicators.get(name="Tỷ lệ dịch vụ công trực tuyến toàn trình")


def _state(report: ProgressReport, actor: Any, value: str) -> ProgressReport:
    """Fill every task the agency leads and state ``value`` for the indicator it monitors."""
    tasks = report.plan.tasks.filter(assignments__agency=report.agency, assignments__role="lead")
    services.report_save_draft(
        report=report,
        actor=actor,
        version=report.version,
        data={
            "tasks": {t.pk: {"status": "in_progress", "percent": 30} for t in tasks},
            "indicators": {_service_indicator(report.plan).pk: {"value": value}},
        },
    )
    report.refresh_from_db()
    return report


def _row(indicator: Indicator) -> IndicatorProgress:
    return IndicatorProgress.objects.get(indicator=indicator)


def test_submitting_a_value_judges_the_indicator(q3_report: ProgressReport, reporter_a: Any) -> None:
    report = _state(q3_report, reporter_a, "85")
    services.report_submit(report=report, actor=reporter_a, version=report.version)
    row = _row(_service_indicator(report.plan))
    assert (row.standing, row.latest_number, row.judged) == (Standing.MET, 85.0, True)


def test_returning_the_report_takes_the_value_back(
    q3_report: ProgressReport, reporter_a: Any, coordinator_a: Any
) -> None:
    report = _state(q3_report, reporter_a, "85")
    report = services.report_submit(report=report, actor=reporter_a, version=report.version)
    services.report_return(report=report, actor=coordinator_a, comment="Số liệu chưa có nguồn.")
    row = _row(_service_indicator(report.plan))
    assert (row.standing, row.latest_number) == (Standing.NO_DATA, None)


def test_accepting_keeps_the_standing(q3_report: ProgressReport, reporter_a: Any, coordinator_a: Any) -> None:
    report = _state(q3_report, reporter_a, "40")
    report = services.report_submit(report=report, actor=reporter_a, version=report.version)
    services.report_accept(report=report, actor=coordinator_a)
    assert _row(_service_indicator(report.plan)).standing == Standing.BEHIND


def test_a_plan_written_again_rejudges_its_indicators(plan_a: Plan) -> None:
    indicator = _service_indicator(plan_a)
    Indicator.objects.filter(pk=indicator.pk).update(target_text="Có", op="text", value=None)
    progress.task_progress_for_plan(plan=plan_a)
    assert _row(indicator).standing == Standing.NO_DATA
    assert IndicatorProgress.objects.filter(plan=plan_a).count() == plan_a.indicators.count()


def test_the_rebuild_command_rejudges_every_indicator(
    q3_report: ProgressReport, reporter_a: Any, capsys: Any
) -> None:
    report = _state(q3_report, reporter_a, "90")
    services.report_submit(report=report, actor=reporter_a, version=report.version)
    IndicatorProgress.objects.all().delete()
    call_command("rebuild_task_progress")
    assert IndicatorProgress.objects.count() == Indicator.objects.count()
    assert _row(_service_indicator(report.plan)).latest_number == 90.0
    assert "chỉ tiêu" in capsys.readouterr().out


def test_status_only_still_judges_the_indicators(plan_a: Plan, capsys: Any) -> None:
    IndicatorProgress.objects.all().delete()
    call_command("rebuild_task_progress", "--status-only")
    assert IndicatorProgress.objects.filter(plan=plan_a).count() == plan_a.indicators.count()
    assert "đánh giá lại" in capsys.readouterr().out


def test_indicators_made_outside_the_services_get_their_row_when_read(plan_a: Plan) -> None:
    IndicatorProgress.objects.all().delete()
    assert (
        standings.indicator_progress_fill(plans=Plan.objects.filter(pk=plan_a.pk), on=timezone.localdate())
        == 2
    )
    assert (
        standings.indicator_progress_fill(plans=Plan.objects.filter(pk=plan_a.pk), on=timezone.localdate())
        == 0
    )


def test_one_row_of_a_set_is_judged(plan_a: Plan, make_indicator: Any, agencies: dict[str, Any]) -> None:
    name = "Số doanh nghiệp khoa học và công nghệ"
    early = make_indicator(plan_a, name, monitor=[agencies["science_a"]], horizon=2020, target="≥ 5")
    later = make_indicator(plan_a, name, monitor=[agencies["finance_a"]], horizon=2099, target="≥ 50")
    progress.task_progress_for_plan(plan=plan_a)
    assert (_row(early).judged, _row(later).judged) == (False, True)
    assert _row(early).monitor_ids == sorted([agencies["science_a"].pk, agencies["finance_a"].pk])
