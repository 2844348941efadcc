"""Reporting compliance counted from ``ReportObligation`` equals compliance from the calendar.

Generated data: two plans with weekly, monthly and quarterly duties, agencies that lead tasks
or monitor indicators, reports sent on time, late, returned, left in draft or never opened;
the quarter judged mid-way (some reports not due yet), both ways.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from tests.evaluation.generated import STATES, make_report

from theodoi.evaluation import selectors as ev
from theodoi.plans.models import Plan, PlanStatus, ReportingDuty
from theodoi.tracking import obligations
from theodoi.tracking.models import ObligationQuarter, ReportObligation
from theodoi.tracking.rules import TZ

pytestmark = pytest.mark.django_db

AT = dt.datetime(2025, 11, 20, 9, 0, tzinfo=TZ)
QUARTER = ev.period_from_key("2025-Q4", today=AT.date())
DUTIES = (
    ("weekly", "trước 10 giờ thứ Năm hằng tuần"),
    ("monthly", "trước ngày 15 hằng tháng"),
    ("quarterly", ""),
)
PERIODS = (
    *(f"2025-W{w}" for w in range(38, 48)),
    "2025-M09",
    "2025-M10",
    "2025-M11",
    "2025-Q3",
    "2025-Q4",
)


def _generate(plan: Plan, agencies: list[Any], make_task: Any, make_indicator: Any, seed: int) -> None:
    rng = random.Random(seed)
    for n, (cadence, due) in enumerate(DUTIES[: 3 if seed == 1 else 2]):
        ReportingDuty.objects.create(plan=plan, cadence=cadence, due_text=due, position=n)
    for n, agency in enumerate(agencies[:-1]):
        make_task(plan, f"Nhiệm vụ {seed}-{n}", lead=[agency])
    make_indicator(plan, f"Chỉ tiêu {seed}", monitor=[agencies[-1]])
    for agency in agencies:
        for period in PERIODS:
            if rng.random() < 0.8:
                make_report(plan, agency, period, rng.choice(STATES), late_days=rng.randint(-25, 5))


@pytest.fixture
def generated(
    plan_a: Plan, plan_b: Plan, agencies: dict[str, Any], make_task: Any, make_indicator: Any
) -> list[Plan]:
    Plan.objects.filter(pk__in=[plan_a.pk, plan_b.pk]).update(status=PlanStatus.ACTIVE)
    reporting = [agencies["science_a"], agencies["finance_a"], agencies["radio_a"]]
    _generate(plan_a, reporting, make_task, make_indicator, seed=1)
    _generate(plan_b, reporting[1:], make_task, make_indicator, seed=2)
    return [plan_a, plan_b]


def _from_calendar(plans: Any, key: str | None, agency_id: int | None = None) -> dict[Any, dict[str, int]]:
    assert not ObligationQuarter.objects.exists()
    return dict(ev.compliance_counts_by(plans=plans, period=QUARTER, at=AT, key=key, agency_id=agency_id))


@pytest.mark.parametrize("key", [None, "province_id", "agency_id"])
def test_counts_from_the_table_equal_the_calendar(generated: list[Plan], key: str | None) -> None:
    plans = Plan.objects.filter(pk__in=[p.pk for p in generated])
    expected = _from_calendar(plans, key)
    obligations.obligations_build(key=QUARTER.key)
    counted = dict(ev.compliance_counts_by(plans=plans, period=QUARTER, at=AT, key=key))
    assert all(sum(c[state] for c in expected.values()) for state in ev.COMPLIANCES)  # every state occurs
    assert counted == expected


def test_one_agency_counted_from_the_table_equals_the_calendar(
    generated: list[Plan], agencies: dict[str, Any]
) -> None:
    plans = Plan.objects.filter(pk__in=[p.pk for p in generated])
    expected = _from_calendar(plans, None, agencies["finance_a"].pk)
    obligations.obligations_build(key=QUARTER.key)
    assert (
        ev.compliance_counts_by(plans=plans, period=QUARTER, at=AT, agency_id=agencies["finance_a"].pk)
        == expected
    )


@pytest.mark.parametrize("both", [False, True])
def test_a_built_quarter_takes_two_queries(
    generated: list[Plan], django_assert_num_queries: Any, both: bool
) -> None:
    plans = Plan.objects.filter(pk__in=[p.pk for p in generated[: 2 if both else 1]])
    obligations.obligations_build(key=QUARTER.key)
    assert ReportObligation.objects.filter(plan__in=plans).count() > (60 if both else 30)
    # built check, GROUP BY
    with django_assert_num_queries(2):
        ev.compliance_counts_by(plans=plans, period=QUARTER, at=AT, key="province_id")
