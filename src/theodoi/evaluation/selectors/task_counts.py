"""Count tasks by status, section, lead agency, plan or province: GROUP BY over ``TaskProgress``
today, the judged tasks counted in Python for an earlier day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Case, Count, QuerySet, Value, When

from theodoi.accounts.scope import province_of
from theodoi.evaluation.selectors.judging import (
    STATUSES,
    UPCOMING_DAYS,
    JudgedTask,
    JudgedTaskList,
    current_progress,
    filter_tasks,
    is_current,
    judged_from_updates,
    overdue_tasks,
    upcoming_tasks,
)
from theodoi.plans.models import (
    AgencyRole,
    Plan,
)
from theodoi.tracking.rules import TaskStatus


def status_counts(rows: Iterable[JudgedTask]) -> dict[TaskStatus, int]:
    counts = Counter(r.status for r in rows)
    return {s: counts.get(s, 0) for s in STATUSES}


def _zero() -> dict[TaskStatus, int]:
    return dict.fromkeys(STATUSES, 0)


@dataclass
class TaskFigures:
    """The task counts of a scope by status, section and lead agency, with the two short lists.

    ``by_agency`` counts a task under each of its leads. Built by GROUP BY over
    ``TaskProgress`` for today (``task_figures``) or from judged tasks for an earlier day.
    """

    counts: dict[TaskStatus, int] = field(default_factory=_zero)
    by_section: dict[int | None, dict[TaskStatus, int]] = field(default_factory=dict)
    by_agency: dict[int, dict[TaskStatus, int]] = field(default_factory=dict)
    overdue: Sequence[JudgedTask] = field(default_factory=list)  # a ``JudgedTaskList`` today
    upcoming: Sequence[JudgedTask] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @classmethod
    def of(cls, rows: list[JudgedTask], *, on: dt.date) -> TaskFigures:
        """Count judged tasks in Python (an earlier day's, read from the updates)."""
        out = cls(
            counts=status_counts(rows), overdue=overdue_tasks(rows), upcoming=upcoming_tasks(rows, on=on)
        )
        for row in rows:
            out.by_section.setdefault(row.task.section_id, _zero())[row.status] += 1
            for agency in row.lead_ids:
                out.by_agency.setdefault(agency, _zero())[row.status] += 1
        return out


def task_figures(
    *,
    plans: QuerySet[Plan],
    on: dt.date,
    at: dt.datetime | None = None,
    section_id: int | None = None,
    agency_id: int | None = None,
    lists: bool = True,
) -> TaskFigures:
    """Return the task figures of ``plans`` on ``on``, narrowed by section and lead agency.

    Today: the fill check and two GROUP BY queries over ``TaskProgress`` (by section and
    status, by lead and status); with ``lists``, the overdue and due-soon tasks as
    ``JudgedTaskList``, read when used. An earlier day: the tasks judged from the updates
    (``judged_from_updates``).
    """
    if not is_current(on, at=at):
        rows = filter_tasks(
            judged_from_updates(plans=plans, on=on), section_id=section_id, agency_id=agency_id
        )
        return TaskFigures.of(rows, on=on)
    rows = current_progress(plans=plans, on=on, section_id=section_id, agency_id=agency_id)
    out = TaskFigures()
    soon_range = (on, on + dt.timedelta(days=UPCOMING_DAYS))
    # Grouped by whether the task falls due in the next days too, so the due-soon list's
    # length comes with the counts.
    due_soon = Case(When(judged_due__range=soon_range, then=Value(True)), default=Value(False))
    soon_count = 0
    for section, status, soon, n in (
        rows.order_by()
        .annotate(due_soon=due_soon)
        .values_list("task__section_id", "judged_status", "due_soon")
        .annotate(n=Count("pk"))
    ):
        out.by_section.setdefault(section, _zero())[TaskStatus(status)] += n
        out.counts[TaskStatus(status)] += n
        if soon and status not in (TaskStatus.DONE_ON_TIME.value, TaskStatus.DONE_LATE.value):
            soon_count += n
    # Each row joined to its task's lead assignments: a task counts under each of its leads.
    for agency, status, n in (
        rows.filter(task__assignments__role=AgencyRole.LEAD)
        .order_by()
        .values_list("task__assignments__agency_id", "judged_status")
        .annotate(n=Count("task__assignments__id"))
    ):
        out.by_agency.setdefault(agency, _zero())[TaskStatus(status)] += n
    if lists:
        overdue = rows.filter(judged_status=TaskStatus.IN_PROGRESS_OVERDUE.value)
        out.overdue = JudgedTaskList(
            overdue.order_by("judged_due", "plan_id", "task__position", "task_id"),
            count=out.counts[TaskStatus.IN_PROGRESS_OVERDUE],
        )
        soon = rows.exclude(
            judged_status__in=[TaskStatus.DONE_ON_TIME.value, TaskStatus.DONE_LATE.value]
        ).filter(judged_due__range=soon_range)
        out.upcoming = JudgedTaskList(
            soon.order_by("judged_due", "plan_id", "task__position", "task_id"), count=soon_count
        )
    return out


def status_counts_by(
    *, plans: QuerySet[Plan], on: dt.date, key: str, at: dt.datetime | None = None
) -> dict[int | None, dict[TaskStatus, int]]:
    """Return the status counts of ``plans``' tasks grouped by a ``TaskProgress`` column ("plan_id",
    "province_id"): one GROUP BY today, the tasks judged from the updates on an earlier day."""
    out: dict[int | None, dict[TaskStatus, int]] = defaultdict(_zero)
    if not is_current(on, at=at):
        for row in judged_from_updates(plans=plans, on=on):
            out[row.task.plan_id][row.status] += 1
        if key == "plan_id":
            return out
        provinces = {p.pk: province_of(p.unit) for p in plans.select_related("unit__parent")}
        by_province: dict[int | None, dict[TaskStatus, int]] = defaultdict(_zero)
        for plan_id, counts in out.items():
            for status, n in counts.items():
                by_province[provinces.get(plan_id)][status] += n  # type: ignore[arg-type]
        return by_province
    rows = current_progress(plans=plans, on=on)
    for group, status, n in rows.order_by().values_list(key, "judged_status").annotate(n=Count("pk")):
        out[group][TaskStatus(status)] += n
    return out
