"""Today's indicator standings read from ``IndicatorProgress`` are the standings judged from the values.

Generated data: indicator sets over two horizons with every kind of target, values stated
in monthly and quarterly reports over 2024–2025 (submitted, accepted, returned, drafts; some
numbers, some yes/no, some only text), judged on one day both ways.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from tests.evaluation.generated import STATES, make_report

from theodoi.directory.models import Agency
from theodoi.evaluation import selectors as ev
from theodoi.plans.models import Plan, PlanStatus
from theodoi.tracking import rules, standings
from theodoi.tracking.models import IndicatorProgress, IndicatorValue
from theodoi.tracking.rules import TZ

pytestmark = pytest.mark.django_db

AT = dt.datetime(2025, 11, 20, 9, 0, tzinfo=TZ)
ON = AT.date()
TARGETS = ("≥ 80", "≤ 20", "> 0,75", "16 - 18", "100", "Có", "Bảo đảm", "Đạt mức tiên tiến", "≥ 15")
PERIODS = (
    "2024-Q2",
    "2024-Q4",
    "2025-Q1",
    "2025-Q2",
    "2025-Q3",
    "2025-M09",
    "2025-M10",
    "2025-M11",
    "2025-M12",
)


def _generate(plan: Plan, count: int, agencies: list[Agency], make_indicator: Any, seed: int) -> None:
    rng = random.Random(seed)
    indicators = []
    for n in range(count):
        target = rng.choice(TARGETS)
        monitor = rng.sample(agencies, rng.choice((1, 1, 2)))
        horizons = rng.choice(((2025, 2030), (2030,), (2024, 2030), (2025,)))
        for horizon in horizons:
            indicators.append(
                make_indicator(
                    plan, f"Chỉ tiêu sinh {seed}-{n}", monitor=monitor, horizon=horizon, target=target
                )
            )
    for agency in agencies:
        for period in PERIODS:
            report = make_report(plan, agency, period, rng.choice(STATES))
            for indicator in indicators:
                if rng.random() < 0.35:
                    kind = rng.random()
                    IndicatorValue.objects.create(
                        report=report,
                        indicator=indicator,
                        number=round(rng.uniform(0, 120), 1) if kind < 0.7 else None,
                        boolean=rng.random() < 0.6 if 0.7 <= kind < 0.9 else None,
                        text="" if kind < 0.9 else "Đang tổng hợp",
                    )


@pytest.fixture
def generated(plan_a: Plan, plan_b: Plan, agencies: dict[str, Any], make_indicator: Any) -> list[Plan]:
    Plan.objects.filter(pk__in=[plan_a.pk, plan_b.pk]).update(status=PlanStatus.ACTIVE)
    monitors = [agencies["science_a"], agencies["finance_a"], agencies["radio_a"]]
    _generate(plan_a, 40, monitors, make_indicator, seed=1)
    _generate(plan_b, 25, monitors[:2], make_indicator, seed=2)
    standings.indicator_progress_rebuild(on=ON)
    return [plan_a, plan_b]


def _key(rows: list[standings.IndicatorStanding]) -> list[tuple[Any, ...]]:
    return [
        (r.indicator.pk, r.plan_id, r.standing, r.trend, r.latest, r.latest_on, r.series, r.monitor_ids)
        for r in rows
    ]


def test_standings_read_from_the_table_equal_the_values(generated: list[Plan]) -> None:
    plans = Plan.objects.filter(pk__in=[p.pk for p in generated])
    from_table = ev.indicator_standings(plans=plans, on=ON, at=AT)
    assert {r.standing for r in from_table} == set(standings.STANDINGS)  # the data is not one-sided
    assert {r.trend for r in from_table} >= {rules.Trend.UP, rules.Trend.DOWN, rules.Trend.UNKNOWN}
    assert _key(from_table) == _key(standings.standings_from_values(plans=plans, on=ON))


def test_counts_by_plan_and_province_equal_the_values(generated: list[Plan]) -> None:
    plans = Plan.objects.filter(pk__in=[p.pk for p in generated])
    judged = standings.standings_from_values(plans=plans, on=ON)
    by_plan = ev.standing_counts_by(plans=plans, on=ON, key="plan_id", at=AT)
    for plan in generated:
        assert by_plan[plan.pk] == ev.standing_counts(r for r in judged if r.plan_id == plan.pk)
    overview = ev.national_overview(on=ON, at=AT)
    assert sum(sum(p.indicators.values()) for p in overview.provinces) == len(judged)


def test_a_past_day_is_judged_from_the_values(generated: list[Plan]) -> None:
    plans = Plan.objects.filter(pk__in=[p.pk for p in generated])
    past = dt.date(2025, 3, 1)
    assert _key(ev.indicator_standings(plans=plans, on=past, at=AT)) == _key(
        standings.standings_from_values(plans=plans, on=past)
    )


def test_a_new_year_rejudges_against_the_next_horizon(generated: list[Plan]) -> None:
    plans = Plan.objects.filter(pk__in=[p.pk for p in generated])
    new_year = dt.date(2026, 1, 2)
    at = dt.datetime.combine(new_year, dt.time(9), tzinfo=TZ)
    before = {
        (r.plan_id, r.indicator.name): r.indicator.horizon
        for r in ev.indicator_standings(plans=plans, on=ON, at=AT)
    }
    rows = ev.indicator_standings(plans=plans, on=new_year, at=at)
    assert not IndicatorProgress.objects.filter(judged_on__lt=dt.date(2026, 1, 1)).exists()
    after = {(r.plan_id, r.indicator.name): r.indicator.horizon for r in rows}
    assert {(before[k], after[k]) for k in before if before[k] != after[k]} == {(2025, 2030)}  # 2025 is past
    assert _key(rows) == _key(standings.standings_from_values(plans=plans, on=new_year))


@pytest.mark.parametrize("count", [10, 30])
def test_today_takes_a_fixed_number_of_queries(
    plan_a: Plan, agencies: dict[str, Any], make_indicator: Any, django_assert_num_queries: Any, count: int
) -> None:
    _generate(plan_a, count, [agencies["science_a"], agencies["finance_a"]], make_indicator, seed=3)
    standings.indicator_progress_rebuild(on=ON)
    plans = Plan.objects.filter(pk=plan_a.pk)
    # fill check, rows with their indicators
    with django_assert_num_queries(2):
        ev.indicator_standings(plans=plans, on=ON, at=AT)
    # fill check, counts
    with django_assert_num_queries(2):
        ev.standing_counts_by(plans=plans, on=ON, key="province_id", at=AT)
