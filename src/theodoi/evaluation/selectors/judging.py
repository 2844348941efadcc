"""Judge tasks in bulk: today from ``TaskProgress``, filtered in SQL; an earlier day from the
updates, with tracking's rule; narrowed and sorted into the overdue and due-soon lists.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from django.db.models import QuerySet
from django.utils import timezone

from theodoi.plans.models import (
    AgencyRole,
    Plan,
    Task,
    TaskAgency,
)
from theodoi.tracking import progress
from theodoi.tracking.models import (
    TaskProgress,
    TaskUpdate,
)
from theodoi.tracking.rules import TaskStatus
from theodoi.tracking.standings import (
    recent_periods,
)

STATUSES: tuple[TaskStatus, ...] = (
    TaskStatus.NOT_STARTED,
    TaskStatus.IN_PROGRESS_ON_TIME,
    TaskStatus.IN_PROGRESS_OVERDUE,
    TaskStatus.DONE_ON_TIME,
    TaskStatus.DONE_LATE,
)


# What the address bar says for each status (``/nhiem-vu/?trang-thai=qua-han``).
STATUS_SLUGS: dict[TaskStatus, str] = {
    TaskStatus.NOT_STARTED: "chua-trien-khai",
    TaskStatus.IN_PROGRESS_ON_TIME: "dang-trong-han",
    TaskStatus.IN_PROGRESS_OVERDUE: "qua-han",
    TaskStatus.DONE_ON_TIME: "xong-dung-han",
    TaskStatus.DONE_LATE: "xong-tre-han",
}


STATUS_BY_SLUG = {slug: status for status, slug in STATUS_SLUGS.items()}


UPCOMING_DAYS = 30


RECENT_DAYS = 120  # reports looked at first; tasks with no update that recent are looked up again


@dataclass
class JudgedTask:
    """A task with its status on the judging day, its percent done and its lead agencies."""

    task: Task
    status: TaskStatus
    percent: int
    lead_ids: tuple[int, ...]
    due: dt.date | None  # the date it is judged against (its period's end for recurring tasks)

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def status_slug(self) -> str:
        return STATUS_SLUGS[self.status]

    @property
    def is_done(self) -> bool:
        return self.status in (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)


def is_current(on: dt.date, *, at: dt.datetime | None = None) -> bool:
    """Tell whether ``on`` is today (at ``at``): the day ``TaskProgress`` rows are judged for."""
    return on >= timezone.localtime(at or timezone.now()).date()


_TASK_FIELDS = ("id", "plan_id", "section_id", "code", "name", "deadline_text", "deadline_due", "position")


def _leads(task_ids: Iterable[int]) -> dict[int, tuple[int, ...]]:
    """Return the lead agencies (chủ trì) of tasks, in printed order (one query)."""
    leads: dict[int, list[int]] = defaultdict(list)
    for task_id, agency_id in (
        TaskAgency.objects.filter(task_id__in=list(task_ids), role=AgencyRole.LEAD)
        .order_by("task_id", "position")
        .values_list("task_id", "agency_id")
    ):
        leads[task_id].append(agency_id)
    return {k: tuple(v) for k, v in leads.items()}


def current_progress(
    *,
    plans: QuerySet[Plan],
    on: dt.date,
    section_id: int | None = None,
    agency_id: int | None = None,
) -> QuerySet[TaskProgress]:
    """Return the progress rows of the tasks of ``plans`` judged on ``on`` (today), narrowed.

    Tasks without a row yet are given one first (``progress.task_progress_fill_counted``):
    one query when every task has its row.
    """
    progress.task_progress_fill_counted(plans=plans)
    rows = progress.judged(TaskProgress.objects.filter(plan__in=plans), on=on)
    if section_id is not None:
        rows = rows.filter(task__section_id=None if section_id == 0 else section_id)
    if agency_id is not None:
        rows = rows.filter(
            task_id__in=TaskAgency.objects.filter(agency_id=agency_id, role=AgencyRole.LEAD).values("task_id")
        )
    return rows


def _judged_rows(rows: QuerySet[TaskProgress]) -> list[JudgedTask]:
    """Return progress rows as ``JudgedTask`` (two queries: rows with their tasks, leads)."""
    found = list(
        rows.select_related("task").only(*(f"task__{f}" for f in _TASK_FIELDS), "percent", "plan_id")
    )
    leads = _leads(r.task_id for r in found)
    return [
        JudgedTask(r.task, TaskStatus(r.judged_status), r.percent, leads.get(r.task_id, ()), r.judged_due)
        for r in found
    ]


class JudgedTaskList(Sequence[JudgedTask]):
    """Today's overdue or due-soon tasks of a scope, read from ``TaskProgress`` when used.

    A dashboard shows the first eight and the count: a slice reads only those rows (LIMIT)
    with their leads, the length is the count the GROUP BY gave (or one COUNT), and only a
    download or a full iteration reads every row (719 overdue tasks in a large province).
    """

    def __init__(self, rows: QuerySet[TaskProgress], count: int | None = None) -> None:
        self._rows = rows
        self._count = count
        self._all: list[JudgedTask] | None = None

    def _load(self) -> list[JudgedTask]:
        if self._all is None:
            self._all = _judged_rows(self._rows)
            self._count = len(self._all)
        return self._all

    def __len__(self) -> int:
        if self._count is None:
            self._count = self._rows.count()
        return self._count

    def __iter__(self) -> Iterator[JudgedTask]:
        return iter(self._load())

    @overload
    def __getitem__(self, index: int) -> JudgedTask: ...

    @overload
    def __getitem__(self, index: slice) -> list[JudgedTask]: ...

    def __getitem__(self, index: int | slice) -> JudgedTask | list[JudgedTask]:
        if self._all is None and isinstance(index, slice) and index.step is None:
            start, stop = index.start or 0, index.stop
            if start >= 0 and stop is not None and stop >= 0:
                return _judged_rows(self._rows[start:stop]) if stop > start else []
        return self._load()[index]

    def __repr__(self) -> str:
        return f"<JudgedTaskList of {len(self)}>"


def judged_tasks(
    *,
    plans: QuerySet[Plan],
    on: dt.date,
    at: dt.datetime | None = None,
    section_id: int | None = None,
    agency_id: int | None = None,
    status: TaskStatus | None = None,
) -> list[JudgedTask]:
    """Return the tasks of ``plans`` judged on ``on``, narrowed by section (0: none), lead and status.

    Today (``is_current``): from ``TaskProgress``, filtered in SQL (three queries). An earlier
    day (a past period picked in the filter): judged from the updates, which the callers bound
    to one province (``judged_from_updates``).
    """
    if not is_current(on, at=at):
        rows = judged_from_updates(plans=plans, on=on)
        return filter_tasks(rows, section_id=section_id, agency_id=agency_id, status=status)
    found = current_progress(plans=plans, on=on, section_id=section_id, agency_id=agency_id)
    if status is not None:
        found = found.filter(judged_status=status.value)
    return _judged_rows(found.order_by("plan_id", "task__position", "task_id"))


def _newest_recent(plan_ids: list[int], *, on: dt.date, since: dt.date) -> dict[int, progress.Latest]:
    """Return each task's newest counted update among reports of periods ending on or after ``since``.

    When a task has an update in such a report, its newest is among them, since any other
    report ends earlier. The plans are given by id: SQLite then reads the reports through
    their (plan, cadence, period) index.
    """
    cadences, keys = recent_periods(start=since, end=on)
    return progress.newest_counted(
        TaskUpdate.objects.filter(
            report__plan_id__in=plan_ids, report__cadence__in=cadences, report__period__in=keys
        ),
        on=on,
    )


def judged_from_updates(*, plans: QuerySet[Plan], on: dt.date) -> list[JudgedTask]:
    """Return every task of ``plans`` judged on ``on`` from the updates (four or five queries).

    For days other than today, which ``TaskProgress`` cannot answer: the newest updates of
    the last ``RECENT_DAYS`` by plan, then by task for the tasks with none that recent.
    Each task is judged with ``progress.judge_latest`` (tracking's rule).
    """
    tasks = list(
        Task.objects.filter(plan__in=plans)
        .only(*_TASK_FIELDS, "deadline_parsed")
        .order_by("plan_id", "position", "id")
    )
    if not tasks:
        return []
    leads = _leads(t.pk for t in tasks)
    plan_ids = sorted({t.plan_id for t in tasks})
    latest = _newest_recent(plan_ids, on=on, since=on - dt.timedelta(days=RECENT_DAYS))
    older = [t.pk for t in tasks if t.pk not in latest]
    if older:
        latest.update(progress.newest_counted(TaskUpdate.objects.filter(task_id__in=older), on=on))
    out = []
    for task in tasks:
        row = latest.get(task.pk)
        status, due = progress.judge_latest(progress.task_deadline(task), row, on=on)
        out.append(JudgedTask(task, status, row.percent if row else 0, leads.get(task.pk, ()), due))
    return out


def filter_tasks(
    rows: Iterable[JudgedTask],
    *,
    section_id: int | None = None,
    agency_id: int | None = None,
    status: TaskStatus | None = None,
) -> list[JudgedTask]:
    """Return the rows of one section (0: outside any section), lead agency and status."""
    section = None if section_id == 0 else section_id
    return [
        r
        for r in rows
        if (section_id is None or r.task.section_id == section)
        and (agency_id is None or agency_id in r.lead_ids)
        and (status is None or r.status == status)
    ]


def upcoming_tasks(rows: Iterable[JudgedTask], *, on: dt.date, days: int = UPCOMING_DAYS) -> list[JudgedTask]:
    """Return tasks not done whose deadline falls in the next ``days`` days, soonest first."""
    last = on + dt.timedelta(days=days)
    found = [r for r in rows if not r.is_done and r.due is not None and on <= r.due <= last]
    return sorted(found, key=lambda r: (r.due, r.task.plan_id, r.task.position))


def overdue_tasks(rows: Iterable[JudgedTask]) -> list[JudgedTask]:
    """Return tasks in progress past their deadline, longest overdue first."""
    found = [r for r in rows if r.status == TaskStatus.IN_PROGRESS_OVERDUE]
    return sorted(found, key=lambda r: (r.due or dt.date.max, r.task.plan_id, r.task.position))
