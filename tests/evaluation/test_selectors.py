"""The evaluation figures on the small known data set of ``conftest.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.evaluation.known import AT

from theodoi.evaluation import selectors as ev
from theodoi.evaluation.selectors import Compliance
from theodoi.plans.models import Plan
from theodoi.tracking.rules import TaskStatus
from theodoi.tracking.selectors import task_statuses
from theodoi.tracking.standings import Standing

pytestmark = pytest.mark.django_db

ON = AT.date()


def _statuses(known: dict[str, Any], on: dt.date) -> list[TaskStatus]:
    judged = {
        r.task.pk: r.status for r in ev.judged_tasks(plans=Plan.objects.filter(pk=known["plan"].pk), on=on)
    }
    return [judged[t.pk] for t in known["tasks"]]


def test_statuses_are_counted_in_the_five_standard_statuses(known: dict[str, Any]) -> None:
    assert _statuses(known, ON) == [
        TaskStatus.DONE_ON_TIME,
        TaskStatus.NOT_STARTED,
        TaskStatus.IN_PROGRESS_OVERDUE,
        TaskStatus.NOT_STARTED,  # continuous: nothing reported for Q4 yet
    ]


def test_a_continuous_task_is_judged_on_its_quarter(known: dict[str, Any]) -> None:
    assert _statuses(known, dt.date(2025, 9, 30))[3] == TaskStatus.IN_PROGRESS_ON_TIME


@pytest.mark.parametrize("on", [dt.date(2025, 5, 1), dt.date(2025, 7, 1), dt.date(2025, 9, 30), ON])
def test_bulk_statuses_agree_with_tracking(known: dict[str, Any], on: dt.date) -> None:
    tracking = {pk: row.status for pk, row in task_statuses(plan=known["plan"], on=on).items()}
    assert {
        r.task.pk: r.status for r in ev.judged_tasks(plans=Plan.objects.filter(pk=known["plan"].pk), on=on)
    } == tracking


def test_old_updates_are_found_beyond_the_recent_window(known: dict[str, Any]) -> None:
    later = ON + dt.timedelta(days=ev.RECENT_DAYS + 30)
    tracking = {pk: row.status for pk, row in task_statuses(plan=known["plan"], on=later).items()}
    judged = ev.judged_tasks(plans=Plan.objects.filter(pk=known["plan"].pk), on=later)
    assert {r.task.pk: r.status for r in judged} == tracking
    assert {r.task.pk: r.percent for r in judged}[known["tasks"][2].pk] == 60


def test_dashboard_counts_and_lists(known: dict[str, Any], units: dict[str, Any]) -> None:
    d = ev.dashboard(province=units["a"], period=ev.period_from_key("2025-Q4", today=ON), at=AT)
    assert d.counts == {
        TaskStatus.NOT_STARTED: 2,
        TaskStatus.IN_PROGRESS_ON_TIME: 0,
        TaskStatus.IN_PROGRESS_OVERDUE: 1,
        TaskStatus.DONE_ON_TIME: 1,
        TaskStatus.DONE_LATE: 0,
    }
    assert [r.task for r in d.overdue] == [known["tasks"][2]]
    assert [r.task for r in d.upcoming] == [known["tasks"][1], known["tasks"][3]]  # both due 31/12
    assert [b.label for b in d.by_section] == ["Chưa xếp nhóm", "I. Nâng cao nhận thức"]


def test_dashboard_narrows_by_agency(known: dict[str, Any], units: dict[str, Any]) -> None:
    d = ev.dashboard(
        province=units["a"],
        period=ev.period_from_key("2025-Q4", today=ON),
        at=AT,
        agency_id=known["science"].pk,
    )
    assert d.total == 2
    assert [i.indicator.pk for i in d.indicators] == [known["indicators"][0].pk]


def test_reporting_compliance_for_a_period(known: dict[str, Any], units: dict[str, Any]) -> None:
    q2 = ev.dashboard(province=units["a"], period=ev.period_from_key("2025-Q2", today=ON), at=AT)
    q3 = ev.dashboard(province=units["a"], period=ev.period_from_key("2025-Q3", today=ON), at=AT)
    assert q2.compliance == {
        Compliance.ON_TIME: 2,
        Compliance.LATE: 0,
        Compliance.MISSING: 1,
        Compliance.NOT_DUE: 0,
    }
    # Sở KH&CN late; Sở Tài chính's draft is not sent; the radio station sent nothing.
    assert q3.compliance == {
        Compliance.ON_TIME: 0,
        Compliance.LATE: 1,
        Compliance.MISSING: 2,
        Compliance.NOT_DUE: 0,
    }
    assert q2.compliance_rate == pytest.approx(66.7)


def test_reports_not_yet_due_are_not_missing(known: dict[str, Any], units: dict[str, Any]) -> None:
    d = ev.dashboard(province=units["a"], period=ev.period_from_key("2025-Q4", today=ON), at=AT)
    assert d.compliance[Compliance.NOT_DUE] == 3  # due 15/12/2025
    assert d.compliance_rate is None


def test_indicator_standings(known: dict[str, Any]) -> None:
    rows = ev.indicator_standings(plans=Plan.objects.filter(pk=known["plan"].pk), on=ON)
    assert [(r.indicator.pk, r.standing) for r in rows] == [
        (known["indicators"][0].pk, Standing.ON_TRACK),
        (known["indicators"][1].pk, Standing.MET),
    ]
    assert rows[0].series == [("Q2/2025", 40.0), ("Q3/2025", 60.0)]


def test_scorecard_ranks_agencies(known: dict[str, Any], units: dict[str, Any]) -> None:
    card = ev.scorecard(unit=units["a"], period=ev.period_from_key("2025-Q3", today=ON), at=AT)
    rows = {r.agency.pk: r for r in card.rows}
    science, finance, radio = rows[known["science"].pk], rows[known["finance"].pk], rows[known["radio"].pk]
    assert [r.agency for r in card.rows] == [known["science"], known["finance"], known["radio"]]
    assert [r.rank for r in card.rows] == [1, 2, 3]
    assert (science.tasks, science.due_or_done, science.on_time_rate, science.overdue) == (2, 1, 100.0, 0)
    assert (science.reports_late, science.reports_missing, science.indicators, science.indicators_met) == (
        1,
        0,
        1,
        0,
    )
    assert (finance.on_time_rate, finance.overdue, finance.reports_missing, finance.indicators_met) == (
        0.0,
        1,
        1,
        1,
    )
    assert (radio.on_time_rate, radio.late_or_missing) == (None, 1)


def test_scorecard_sorts_by_a_column(known: dict[str, Any], units: dict[str, Any]) -> None:
    card = ev.scorecard(unit=units["a"], period=ev.period_from_key("2025-Q3", today=ON), at=AT)
    rows, key = ev.sort_scores(card.rows, "qua-han")
    assert key == "qua-han"
    assert rows[0].agency == known["finance"]
    rows, _ = ev.sort_scores(card.rows, "-qua-han")
    assert rows[-1].agency == known["finance"]


def test_merged_province_shows_its_predecessors_plans(
    known: dict[str, Any], units: dict[str, Any], plan_b: Plan
) -> None:
    overview = ev.national_overview(on=ON, at=AT)
    by_name = {p.province.name: p for p in overview.provinces}
    assert "Bình Định" not in by_name  # merged into Gia Lai on 1 July 2025
    assert by_name["Gia Lai"].plans == [known["plan"]]
    assert by_name["Gia Lai"].inherited == [known["plan"]]
    assert by_name["Gia Lai"].total == 4
    assert by_name["Đồng Tháp"].plans == [plan_b]


def test_indicator_comparison_matches_names_across_provinces(
    known: dict[str, Any], units: dict[str, Any], plan_b: Plan, agencies: dict[str, Any], make_indicator: Any
) -> None:
    make_indicator(
        plan_b,
        "Tỉ lệ cung cấp dịch vụ công trực tuyến toàn trình",
        monitor=[agencies["science_b"]],
        target="≥ 90",
    )
    make_indicator(
        plan_b, "Số doanh nghiệp khởi nghiệp sáng tạo", monitor=[agencies["science_b"]], target="≥ 50"
    )
    rows = {
        r.province.name: r
        for r in ev.indicator_comparison(name_key="dich-vu-cong-toan-trinh", horizon=2030, on=ON)
    }
    assert rows["Gia Lai"].indicator == known["indicators"][0]
    assert rows["Gia Lai"].latest == 60
    assert rows["Đồng Tháp"].indicator.name.startswith("Tỉ lệ cung cấp")
    assert rows["Đồng Tháp"].latest is None


def test_name_similarity_ignores_marks_and_ti_ty() -> None:
    assert ev.name_similarity("Tỉ lệ thanh toán trực tuyến", "Tỷ lệ thanh toán trực tuyến") == 1.0
    assert ev.name_similarity("Quy mô kinh tế số", "Tỷ lệ phủ sóng 5G") < ev.MATCH_THRESHOLD


def test_public_province_lists_published_plans_only(known: dict[str, Any], units: dict[str, Any]) -> None:
    Plan.objects.create(number="99/KH-UBND", unit=units["a"], status="draft")
    plans = ev.public_province(province=units["a"], on=ON)
    assert [p.plan for p in plans] == [known["plan"]]
    assert plans[0].done == 1


def test_period_from_key_falls_back_on_the_current_quarter() -> None:
    assert ev.period_from_key("2025-W10", today=ON).key == "2025-Q4"
    assert ev.period_from_key("rác", today=ON).key == "2025-Q4"
    assert ev.period_from_key("2026", today=ON).key == "2025-Q4"  # not begun
    assert ev.period_from_key("2025-M07", today=ON).label == "Tháng 07/2025"


def test_the_province_in_sql_is_province_of(units: dict[str, Any]) -> None:
    from tests.cast import _unit

    from theodoi.accounts.scope import province_of
    from theodoi.directory.models import AdministrativeUnit, UnitLevel

    _unit("Xã Tây Sơn", UnitLevel.COMMUNE, units["a_old"])  # under a province merged away
    _unit("Phường Cao Lãnh", UnitLevel.COMMUNE, units["b"])
    _unit("Huyện cũ", UnitLevel.DISTRICT, units["a"])
    _unit("Đặc khu trực thuộc", UnitLevel.COMMUNE, units["country"])
    for n, unit in enumerate(AdministrativeUnit.objects.all()):
        Plan.objects.create(unit=unit, number=f"{n}/KH-UBND")
    plans = Plan.objects.select_related("unit__parent").annotate(province=ev.province_in_sql("unit"))
    assert len(plans) > 8
    assert [(p.unit.name, p.province) for p in plans] == [(p.unit.name, province_of(p.unit)) for p in plans]
