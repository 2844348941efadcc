"""The reporting calendar: who owes which report when, from the plans' reporting duties."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from theodoi.directory.models import Agency, AgencyKind
from theodoi.plans.models import Plan, PlanStatus, ReportingDuty
from theodoi.tracking.calendar import obligations
from theodoi.tracking.rules import TZ

pytestmark = pytest.mark.django_db


def _owed(**kw: Any) -> list[tuple[str, str, str]]:
    return [(o.plan.number, Agency.objects.get(pk=o.agency_id).name, o.period.key) for o in obligations(**kw)]


def test_agencies_that_lead_or_monitor_owe_a_report_per_period(duties_a: Plan) -> None:
    owed = obligations(start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30))

    names = sorted({Agency.objects.get(pk=o.agency_id).name for o in owed})
    # The ministry only partners: it owes nothing.
    assert names == ["Sở Khoa học và Công nghệ", "Sở Tài chính", "Đài Phát thanh và Truyền hình tỉnh"]
    assert {(o.cadence, o.period.key, o.period.due_at) for o in owed} == {
        ("quarterly", "2025-Q3", dt.datetime(2025, 9, 15, tzinfo=TZ)),
        ("annual", "2025", dt.datetime(2025, 12, 15, tzinfo=TZ)),
    }


def test_a_plan_that_says_nothing_reports_quarterly_and_yearly(plan_a: Plan) -> None:
    owed = obligations(
        start=dt.date(2025, 7, 1),
        end=dt.date(2025, 9, 30),
        agency_ids=[plan_a.tasks.first().assignments.first().agency_id],
    )

    assert sorted((o.cadence, o.period.key) for o in owed) == [("annual", "2025"), ("quarterly", "2025-Q3")]


def test_the_first_wording_that_reads_as_a_rule_wins(plan_a: Plan) -> None:
    ReportingDuty.objects.create(plan=plan_a, cadence="annual", due_text="tại phiên họp cuối năm", position=0)
    ReportingDuty.objects.create(plan=plan_a, cadence="annual", due_text="trước ngày 01 tháng 12", position=1)

    (o, *_) = obligations(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))

    assert o.period.due_at == dt.datetime(2025, 12, 1, tzinfo=TZ)


def test_inactive_plans_and_collective_mentions_owe_nothing(
    duties_a: Plan, agencies: dict[str, Agency], make_task: Any, units: Any
) -> None:
    everyone = Agency.objects.create(
        unit=units["a_old"], name="Các sở, ban, ngành", kind=AgencyKind.COLLECTIVE
    )
    make_task(duties_a, "Tuyên truyền", lead=[everyone])
    draft = Plan.objects.create(number="1/KH-UBND", unit=units["a"], status=PlanStatus.DRAFT)
    make_task(draft, "Nháp", lead=[agencies["finance_a"]])

    owed = obligations(start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30))

    assert everyone.pk not in {o.agency_id for o in owed}
    assert draft.pk not in {o.plan_id for o in owed}


def test_periods_start_no_earlier_than_the_plan(duties_a: Plan) -> None:
    owed = obligations(start=dt.date(2024, 1, 1), end=dt.date(2025, 3, 31))

    assert {o.period.key for o in owed} == {"2025-Q1", "2025"}  # plan A is dated 26/02/2025


def test_configured_holidays_move_due_dates(settings: Any, duties_a: Plan) -> None:
    settings.TRACKING_HOLIDAYS = ["2025-09-15"]

    owed = obligations(start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30))

    assert {o.period.due_at for o in owed if o.cadence == "quarterly"} == {
        dt.datetime(2025, 9, 16, tzinfo=TZ)
    }
