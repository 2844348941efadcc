"""Today's figures read from ``TaskProgress`` are the figures judged from the updates.

Generated data: tasks with every kind of deadline, several leads, quarterly and monthly
reports over 2025 (submitted, accepted, returned, drafts), judged on one day both ways.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from tests.evaluation.generated import STATES, make_report

from theodoi.directory.models import Agency
from theodoi.evaluation import selectors as ev
from theodoi.plans.models import Plan, PlanStatus, Section
from theodoi.tracking import progress
from theodoi.tracking.models import TaskUpdate, WorkStatus
from theodoi.tracking.rules import TZ

pytestmark = pytest.mark.django_db

AT = dt.datetime(2025, 11, 20, 9, 0, tzinfo=TZ)
ON = AT.date()
DEADLINES = (
    "06/2025",
    "15/12/2025",
    "Quý IV/2025",
    "2026",
    "Thường xuyên",
    "Hằng tháng",
    "09/2025 và thường xuyên",
    "Sau khi Trung ương ban hành hướng dẫn",
    "",
)
PERIODS = ("2025-Q1", "2025-Q2", "2025-Q3", "2025-M09", "2025-M10", "2025-M11")


def _generate(plan: Plan, count: int, agencies: list[Agency], make_task: Any, seed: int) -> None:
    rng = random.Random(seed)
    section = Section.objects.create(plan=plan, code="II", title="Hạ tầng số", position=9)
    tasks = [
        make_task(
            plan,
            f"Nhiệm vụ sinh {seed}-{n}",
            lead=rng.sample(agencies, rng.choice((1, 1, 2))),
            deadline=rng.choice(DEADLINES),
            section=section if n % 3 else None,
        )
        for n in range(count)
    ]
    for agency in agencies:
        for period in PERIODS:
            report = make_report(plan, agency, period, rng.choice(STATES), late_days=rng.randint(-20, 10))
            end = report.period_end
            for task in tasks:
                if (
                    agency.pk in set(task.assignments.values_list("agency_id", flat=True))
                    and rng.random() < 0.8
                ):
                    status = rng.choice(list(WorkStatus.values))
                    done_on = end - dt.timedelta(days=rng.randint(0, 120)) if rng.random() < 0.5 else None
                    TaskUpdate.objects.create(
                        report=report,
                        task=task,
                        status=status,
                        percent=100 if status == WorkStatus.DONE else rng.randint(0, 90),
                        done_on=done_on if status == WorkStatus.DONE else None,
                    )


@pytest.fixture
def generated(plan_a: Plan, plan_b: Plan, agencies: dict[str, Any], make_task: Any) -> list[Plan]:
    Plan.objects.filter(pk__in=[plan_a.pk, plan_b.pk]).update(status=PlanStatus.ACTIVE)
    leads = [agencies["science_a"], agencies["finance_a"], agencies["radio_a"]]
    _generate(plan_a, 40, leads, make_task, seed=1)
    _generate(plan_b, 25, leads[:2], make_task, seed=2)
    progress.task_progress_rebuild(on=ON)
    return [plan_a, plan_b]


def _key(rows: list[ev.JudgedTask]) -> list[tuple[int, str, int, dt.date | None, tuple[int, ...]]]:
    return [(r.task.pk, r.status.value, r.percent, r.due, r.lead_ids) for r in rows]


def test_judged_tasks_read_from_progress_equal_the_updates(generated: list[Plan]) -> None:
    plans = Plan.objects.filter(pk__in=[p.pk for p in generated])
    from_table = ev.judged_tasks(plans=plans, on=ON, at=AT)
    assert len({r.status for r in from_table}) == 5  # the data is not one-sided
    assert _key(from_table) == _key(ev.judged_from_updates(plans=plans, on=ON))


@pytest.mark.parametrize(("section", "agency"), [(None, None), (0, None), (None, "finance_a")])
def test_figures_by_group_by_equal_the_updates(
    generated: list[Plan], agencies: dict[str, Any], section: int | None, agency: str | None
) -> None:
    plans = Plan.objects.filter(pk__in=[p.pk for p in generated])
    agency_id = agencies[agency].pk if agency else None
    table = ev.task_figures(plans=plans, on=ON, at=AT, section_id=section, agency_id=agency_id)
    rows = ev.filter_tasks(
        ev.judged_from_updates(plans=plans, on=ON), section_id=section, agency_id=agency_id
    )
    updates = ev.TaskFigures.of(rows, on=ON)
    assert (table.counts, table.by_section, table.by_agency) == (
        updates.counts,
        updates.by_section,
        updates.by_agency,
    )
    assert (_key(table.overdue), _key(table.upcoming)) == (_key(updates.overdue), _key(updates.upcoming))


def test_national_counts_equal_the_updates(generated: list[Plan], units: dict[str, Any]) -> None:
    overview = ev.national_overview(on=ON, at=AT)
    plans = Plan.objects.filter(pk__in=[p.pk for p in generated])
    judged = ev.judged_from_updates(plans=plans, on=ON)
    by_name = {p.province.name: p.counts for p in overview.provinces}
    for plan in generated:
        province = units["a"] if plan == generated[0] else units["b"]
        name = province.successor.name if province.successor_id else province.name
        assert by_name[name] == ev.status_counts(r for r in judged if r.task.plan_id == plan.pk)


def test_rows_judged_on_an_earlier_day_are_judged_again_in_sql(generated: list[Plan]) -> None:
    # Rows written the day before: their stored status is a day old, so the figures of ON come
    # from the SQL judgement (``progress.status_at``), not from the stored status.
    progress.task_progress_rebuild(on=ON - dt.timedelta(days=1))
    plans = Plan.objects.filter(pk__in=[p.pk for p in generated])
    table = ev.task_figures(plans=plans, on=ON, at=AT)
    updates = ev.TaskFigures.of(ev.judged_from_updates(plans=plans, on=ON), on=ON)
    assert (table.counts, table.by_section, table.by_agency) == (
        updates.counts,
        updates.by_section,
        updates.by_agency,
    )
    assert (_key(table.overdue), _key(table.upcoming)) == (_key(updates.overdue), _key(updates.upcoming))


def test_the_lists_read_when_used_are_the_lists_read_whole(generated: list[Plan]) -> None:
    plans = Plan.objects.filter(pk__in=[p.pk for p in generated])
    whole = ev.task_figures(plans=plans, on=ON, at=AT)
    for name in ("overdue", "upcoming"):
        listed = list(getattr(whole, name))
        assert len(listed) > 4  # more than the slices below take
        cut = getattr(ev.task_figures(plans=plans, on=ON, at=AT), name)
        assert len(cut) == len(listed)
        assert _key(cut[:3]) == _key(listed[:3])
        assert _key(cut[2:4]) == _key(listed[2:4])
        assert _key(cut[-2:]) == _key(listed[-2:])
        assert cut[0].task.pk == listed[0].task.pk


def test_a_past_day_is_judged_from_the_updates(generated: list[Plan]) -> None:
    plans = Plan.objects.filter(pk__in=[p.pk for p in generated])
    past = dt.date(2025, 8, 1)
    assert _key(ev.judged_tasks(plans=plans, on=past, at=AT)) == _key(
        ev.judged_from_updates(plans=plans, on=past)
    )


@pytest.mark.parametrize("count", [20, 60])
def test_today_takes_a_fixed_number_of_queries(
    plan_a: Plan, agencies: dict[str, Any], make_task: Any, django_assert_num_queries: Any, count: int
) -> None:
    _generate(plan_a, count, [agencies["science_a"], agencies["finance_a"]], make_task, seed=3)
    progress.task_progress_rebuild(on=ON)
    plans = Plan.objects.filter(pk=plan_a.pk)
    # fill check, rows with their tasks, leads
    with django_assert_num_queries(3):
        ev.judged_tasks(plans=plans, on=ON, at=AT)
    # fill check, by section, by lead (the overdue and due-soon lists are read when used)
    with django_assert_num_queries(3):
        figures = ev.task_figures(plans=plans, on=ON, at=AT)
    # a dashboard's first eight of each list: rows (LIMIT) and leads; their lengths come with
    # the by-section GROUP BY
    with django_assert_num_queries(4):
        figures.overdue[:8], figures.upcoming[:8], len(figures.overdue), len(figures.upcoming)
    # fill check, by plan
    with django_assert_num_queries(2):
        ev.status_counts_by(plans=plans, on=ON, key="plan_id", at=AT)
