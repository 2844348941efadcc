"""The evaluation figures (đánh giá): dashboards, agency scorecards, the national view.

Every figure is computed in bulk from a few aggregate queries, whatever the number of tasks,
agencies and reports; no query runs per row. The judgements are tracking's
(``theodoi.tracking.rules``): a task's status is judged from its latest submitted or accepted
update exactly as ``tracking.selectors.task_statuses`` does (a test compares them), but the
latest update per task is found by the database (a window function) rather than by loading
every update of the plan, and only over recent reports first (see ``_latest_updates``).

Definitions the pages print beside the figures:

- *on-time completion rate* (tỷ lệ hoàn thành đúng hạn): tasks done on time over the tasks
  that are done or past their deadline (a task not yet due and not done is not counted);
- *reporting compliance* (chấp hành chế độ báo cáo) for a period: the reports owed whose due
  moment falls in the period and has passed, split into on time, late (sent after the due
  moment) and missing (not sent, or returned and not sent again);
- *indicator standing* (chỉ tiêu): met (đạt) when the latest value meets the target of the
  next horizon; on track (đúng tiến độ) when it does not yet but the line through its first and
  latest values reaches the target by the end of the horizon year; behind (chậm) otherwise;
  no data (chưa có số liệu) without a numeric or yes/no value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import overload

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from theodoi.accounts.scope import province_of, province_q
from theodoi.directory.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel
from theodoi.ingest.text import fold
from theodoi.plans.models import (
    AgencyRole,
    Indicator,
    Plan,
    PlanStatus,
    Section,
    Task,
    TaskAgency,
)
from theodoi.tracking import calendar as cal
from theodoi.tracking import obligations, progress, rules, standings
from theodoi.tracking.models import (
    IndicatorProgress,
    IndicatorValue,
    ReportObligation,
    TaskProgress,
    TaskUpdate,
)
from theodoi.tracking.progress import COUNTED
from theodoi.tracking.rules import TaskStatus
from theodoi.tracking.services.values import indicator_target
from theodoi.tracking.standings import (
    STANDING_LABELS,
    STANDING_SLUGS,
    STANDINGS,
    IndicatorStanding,
    Standing,
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


# --- periods ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationPeriod:
    """The period a dashboard or scorecard is read for (kỳ đánh giá): a month, quarter or year."""

    key: str
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        return rules.period_label(self.key)

    @property
    def in_sentence(self) -> str:
        """Return the label as it reads inside a sentence: "quý IV/2025", "năm 2025"."""
        label = self.label
        return label[:1].lower() + label[1:]

    def judged_on(self, today: dt.date) -> dt.date:
        """Return the day tasks are judged on: the period's last day, or today while it runs."""
        return min(today, self.end)


def period_from_key(key: str | None, *, today: dt.date) -> EvaluationPeriod:
    """Return the period a key names (month, quarter or year); the current quarter otherwise."""
    if key:
        try:
            cadence, start, end = rules.period_bounds(key)
        except ValueError:
            cadence = ""
        if cadence in (rules.MONTHLY, rules.QUARTERLY, rules.ANNUAL) and start <= today:
            return EvaluationPeriod(key, start, end)
    key, start, end = rules.period_containing(rules.QUARTERLY, today)
    return EvaluationPeriod(key, start, end)


def period_choices(*, today: dt.date, years: int = 2) -> list[EvaluationPeriod]:
    """Return the periods offered in the filter: this year's and last year's quarters and years."""
    out = []
    for year in range(today.year, today.year - years, -1):
        for q in (4, 3, 2, 1):
            if dt.date(year, 3 * q - 2, 1) <= today:
                out.append(period_from_key(f"{year}-Q{q}", today=today))
        out.append(period_from_key(str(year), today=today))
    return out


# --- scope -----------------------------------------------------------------------------------


def province_plans(*, province_id: int) -> QuerySet[Plan]:
    """Return the plans in force in a province: its own, its communes', and those of the units
    merged into it in 2025 (Bình Định's plans under Gia Lai) until a new plan replaces them."""
    return Plan.objects.filter(province_q("unit", province_id), status=PlanStatus.ACTIVE)


def province_in_sql(prefix: str) -> Case:
    """Return ``accounts.scope.province_of`` of the unit at ``prefix`` as an SQL expression.

    So that a national read learns each plan's province without loading 3,500 plans with
    their units and parents; ``tests/evaluation/test_selectors.py`` compares the two on every unit.
    """
    local = Q(
        **{
            f"{prefix}__level__in": [UnitLevel.COMMUNE, UnitLevel.DISTRICT],
            f"{prefix}__parent__isnull": False,
        }
    )
    return Case(
        When(local & Q(**{f"{prefix}__parent__level": UnitLevel.COUNTRY}), then=Value(None)),
        When(local, then=Coalesce(F(f"{prefix}__parent__successor"), F(f"{prefix}__parent"))),
        When(Q(**{f"{prefix}__level": UnitLevel.COUNTRY}), then=Value(None)),
        default=Coalesce(F(f"{prefix}__successor"), F(f"{prefix}__id")),
        output_field=IntegerField(),
    )


def current_provinces() -> QuerySet[AdministrativeUnit]:
    """Return the provinces in force today (not merged away), by name."""
    return AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, successor__isnull=True).order_by(
        "name"
    )


def lead_agencies(*, plans: QuerySet[Plan]) -> list[Agency]:
    """Return the agencies that lead a task of ``plans``, by name (one query)."""
    return list(
        Agency.objects.filter(
            pk__in=TaskAgency.objects.filter(task__plan__in=plans, role=AgencyRole.LEAD).values("agency_id")
        ).order_by("name")
    )


# --- task statuses in bulk ---------------------------------------------------------------------


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


# --- an earlier day: judged from the updates --------------------------------------------------------


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


# --- indicators ------------------------------------------------------------------------------


def indicator_standings(
    *, plans: QuerySet[Plan], on: dt.date, at: dt.datetime | None = None
) -> list[IndicatorStanding]:
    """Return each indicator set of ``plans`` with its standing on ``on`` and its series.

    Today (``is_current``): the stored judgement (``IndicatorProgress``, two queries when
    every row is current). An earlier day: judged from the values (three or four queries).
    Either way ``standings.judge`` makes the judgement.
    """
    if not is_current(on, at=at):
        return standings.standings_from_values(plans=plans, on=on)
    standings.indicator_progress_fill(plans=plans, on=on)
    return standings.stored_standings(plans=plans)


def standing_counts_by(
    *, plans: QuerySet[Plan], on: dt.date, key: str, at: dt.datetime | None = None
) -> dict[int | None, dict[str, int]]:
    """Return the indicator standings of ``plans`` counted by "plan_id" or "province_id".

    Today: one GROUP BY over ``IndicatorProgress`` (plus the fill check); an earlier day:
    the indicators judged from the values.
    """
    out: dict[int | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STANDINGS, 0))
    if not is_current(on, at=at):
        provinces = {p.pk: province_of(p.unit) for p in plans.select_related("unit__parent")}
        for row in standings.standings_from_values(plans=plans, on=on):
            group = row.plan_id if key == "plan_id" else provinces.get(row.plan_id)
            out[group][row.standing] += 1
        return out
    standings.indicator_progress_fill(plans=plans, on=on)
    counted = IndicatorProgress.objects.filter(plan__in=plans, judged=True).order_by()
    for group, standing, n in counted.values_list(key, "standing").annotate(n=Count("pk")):
        out[group][standing] += n
    return out


def standing_counts(rows: Iterable[IndicatorStanding]) -> dict[str, int]:
    counts = Counter(r.standing for r in rows)
    return {s: counts.get(s, 0) for s in STANDINGS}


# --- reporting compliance ----------------------------------------------------------------------


class Compliance:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    NOT_DUE = "not_due"


COMPLIANCE_LABELS = {
    Compliance.ON_TIME: "Đúng hạn",
    Compliance.LATE: "Trễ hạn",
    Compliance.MISSING: "Chưa gửi",
    Compliance.NOT_DUE: "Chưa đến hạn",
}
COMPLIANCES = (Compliance.ON_TIME, Compliance.LATE, Compliance.MISSING, Compliance.NOT_DUE)


@dataclass(frozen=True)
class OwedReport:
    """A report owed in the period and how the agency stands on it."""

    obligation: cal.Obligation
    state: str
    submitted_at: dt.datetime | None

    @property
    def state_label(self) -> str:
        return COMPLIANCE_LABELS[self.state]


def owed_reports(
    *,
    plans: QuerySet[Plan],
    period: EvaluationPeriod,
    at: dt.datetime,
    agency_ids: Iterable[int] | None = None,
) -> list[OwedReport]:
    """Return the reports owed on ``plans`` whose due moment falls in ``period``, judged at ``at``.

    Queries: the calendar's three (plans with duties, leads, monitors) and one for the reports.
    """
    owed = [
        o
        for o in cal.obligations(
            start=period.start - dt.timedelta(days=31), end=period.end, plans=plans, agency_ids=agency_ids
        )
        if period.start <= o.period.due_at.astimezone(rules.TZ).date() <= period.end
    ]
    if not owed:
        return []
    sent = obligations.sent_reports(owed)
    out = []
    for o in owed:
        if o.key in sent:
            submitted_at = sent[o.key]
            state = (
                Compliance.LATE
                if submitted_at is not None and submitted_at > o.period.due_at
                else Compliance.ON_TIME
            )
            out.append(OwedReport(o, state, submitted_at))
        else:
            out.append(
                OwedReport(o, Compliance.MISSING if at > o.period.due_at else Compliance.NOT_DUE, None)
            )
    return out


def compliance_counts_by(
    *,
    plans: QuerySet[Plan],
    period: EvaluationPeriod,
    at: dt.datetime,
    key: str | None = None,
    agency_id: int | None = None,
) -> dict[int | None, dict[str, int]]:
    """Return the reports owed on ``plans`` in ``period`` counted by state and by "province_id",
    "agency_id" or nothing (``key`` None: all under None), narrowed to one agency.

    A quarter whose obligations are built (``tracking.obligations``): one GROUP BY over
    ``ReportObligation`` (plus the built check); any other period: ``owed_reports`` from the
    calendar. The same states either way: sent after the due moment is late, else on time;
    not sent is missing once the due moment is past at ``at``, else not due.
    """
    out: dict[int | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COMPLIANCES, 0))
    if rules.period_bounds(period.key)[0] == rules.QUARTERLY and obligations.is_built(period.key):
        rows = ReportObligation.objects.filter(quarter=period.key, plan__in=plans)
        if agency_id is not None:
            rows = rows.filter(agency_id=agency_id)
        state = Case(
            When(sent=True, submitted_at__gt=F("due_at"), then=Value(Compliance.LATE)),
            When(sent=True, then=Value(Compliance.ON_TIME)),
            When(due_at__lt=at, then=Value(Compliance.MISSING)),
            default=Value(Compliance.NOT_DUE),
        )
        group = F(key) if key else Value(None, output_field=IntegerField())
        for value, compliance, n in (
            rows.order_by()
            .annotate(group=group, state=state)
            .values_list("group", "state")
            .annotate(n=Count("pk"))
        ):
            out[value][compliance] += n
        return out
    owed = owed_reports(plans=plans, period=period, at=at, agency_ids=[agency_id] if agency_id else None)
    provinces = {}
    if key == "province_id":
        provinces = {p.pk: province_of(p.unit) for p in plans.select_related("unit__parent")}
    for r in owed:
        value = {"province_id": provinces.get(r.obligation.plan_id), "agency_id": r.obligation.agency_id}.get(
            key or ""
        )
        out[value][r.state] += 1
    return out


def compliance_counts(rows: Iterable[OwedReport]) -> dict[str, int]:
    counts = Counter(r.state for r in rows)
    return {s: counts.get(s, 0) for s in COMPLIANCES}


def compliance_rate(counts: dict[str, int]) -> float | None:
    """Return the share of due reports sent on time, in percent (None when none was due)."""
    due = counts[Compliance.ON_TIME] + counts[Compliance.LATE] + counts[Compliance.MISSING]
    return round(100 * counts[Compliance.ON_TIME] / due, 1) if due else None


# --- the province dashboard --------------------------------------------------------------------


@dataclass
class Breakdown:
    """A row of a by-section or by-agency table: counts per status."""

    key: int | None
    label: str
    counts: dict[TaskStatus, int]
    plan_id: int | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[tuple[TaskStatus, str, int]]:
        return [(s, STATUS_SLUGS[s], self.counts[s]) for s in STATUSES]


@dataclass
class Dashboard:
    province: AdministrativeUnit
    period: EvaluationPeriod
    on: dt.date
    plans: list[Plan]
    total: int
    counts: dict[TaskStatus, int]
    by_section: list[Breakdown]
    by_agency: list[Breakdown]
    overdue: Sequence[JudgedTask]
    upcoming: Sequence[JudgedTask]
    compliance: dict[str, int]
    indicators: list[IndicatorStanding]
    indicator_counts: dict[str, int]
    agencies: dict[int, Agency]
    sections: dict[int, Section]

    @property
    def compliance_rate(self) -> float | None:
        return compliance_rate(self.compliance)

    @property
    def status_rows(self) -> list[tuple[TaskStatus, str, int]]:
        return [(s, STATUS_SLUGS[s], self.counts[s]) for s in STATUSES]

    @property
    def compliance_rows(self) -> list[tuple[str, str, int]]:
        return [(s, COMPLIANCE_LABELS[s], self.compliance[s]) for s in COMPLIANCES]

    @property
    def indicator_rows(self) -> list[tuple[str, str, str, int]]:
        return [(s, STANDING_LABELS[s], STANDING_SLUGS[s], self.indicator_counts[s]) for s in STANDINGS]


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


def dashboard(
    *,
    province: AdministrativeUnit,
    period: EvaluationPeriod,
    at: dt.datetime | None = None,
    plan: Plan | None = None,
    section_id: int | None = None,
    agency_id: int | None = None,
) -> Dashboard:
    """Return the province dashboard's figures for ``period``, narrowed by plan, section, agency.

    A fixed number of queries: tasks (``task_figures``), indicators (three or four), reports
    owed (four), plans, sections, agencies.
    """
    at = at or timezone.now()
    on = period.judged_on(timezone.localtime(at).date())
    plans = province_plans(province_id=province.pk)
    if plan is not None:
        plans = plans.filter(pk=plan.pk)
    plan_list = list(plans.select_related("unit").order_by("-date", "number", "id"))
    figures = task_figures(plans=plans, on=on, at=at, section_id=section_id, agency_id=agency_id)
    indicators = indicator_standings(plans=plans, on=on, at=at)
    if agency_id is not None:
        indicators = [i for i in indicators if agency_id in i.monitor_ids]
    compliance = compliance_counts_by(plans=plans, period=period, at=at, agency_id=agency_id)[None]
    sections = Section.objects.filter(plan__in=plans).in_bulk()
    plan_numbers = {p.pk: str(p) for p in plan_list}
    agencies = Agency.objects.only("id", "name", "short_name", "kind").in_bulk(figures.by_agency)
    several_plans = len(plan_list) > 1
    by_section = []
    for section_pk, counts in figures.by_section.items():
        section = sections.get(section_pk) if section_pk is not None else None
        label = f"{section.code}. {section.title}" if section else "Chưa xếp nhóm"
        if several_plans and section is not None:
            label = f"{plan_numbers.get(section.plan_id, '')} – {label}"
        by_section.append(Breakdown(section_pk, label, counts, plan_id=section.plan_id if section else None))
    by_section.sort(key=lambda b: (b.plan_id or 0, sections[b.key].position if b.key in sections else -1))
    by_agency = [
        Breakdown(pk, agencies[pk].name if pk in agencies else "", counts)
        for pk, counts in figures.by_agency.items()
    ]
    by_agency.sort(key=lambda b: (-b.counts[TaskStatus.IN_PROGRESS_OVERDUE], -b.total, b.label))
    return Dashboard(
        province=province,
        period=period,
        on=on,
        plans=plan_list,
        total=figures.total,
        counts=figures.counts,
        by_section=by_section,
        by_agency=by_agency,
        overdue=figures.overdue,
        upcoming=figures.upcoming,
        compliance=compliance,
        indicators=indicators,
        indicator_counts=standing_counts(indicators),
        agencies=agencies,
        sections=sections,
    )


# --- agency scorecards -------------------------------------------------------------------------


@dataclass
class ScoreRow:
    """One agency's figures for a period (bảng điểm), as the plans use them to evaluate its head."""

    agency: Agency
    rank: int = 0
    tasks: int = 0  # tasks it leads
    due_or_done: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    reports_owed: int = 0  # due in the period
    reports_on_time: int = 0
    reports_late: int = 0
    reports_missing: int = 0
    indicators: int = 0  # indicators it monitors
    indicators_met: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """Return tasks done on time over tasks done or past their deadline, in percent."""
        return round(100 * self.done_on_time / self.due_or_done, 1) if self.due_or_done else None

    @property
    def late_or_missing(self) -> int:
        return self.reports_late + self.reports_missing

    def sort_key(self) -> tuple[float, int, int, int, str]:
        rate = self.on_time_rate
        return (
            -(rate if rate is not None else -1.0),
            self.overdue,
            self.late_or_missing,
            -self.indicators_met,
            self.agency.name,
        )


@dataclass
class Scorecard:
    province: AdministrativeUnit
    period: EvaluationPeriod
    on: dt.date
    rows: list[ScoreRow]


SCORE_COLUMNS = {
    # address-bar key: (label, sort key, descending first)
    "hang": ("Hạng", lambda r: r.rank, False),
    "co-quan": ("Cơ quan", lambda r: fold(r.agency.name), False),
    "dung-han": (
        "Tỷ lệ hoàn thành đúng hạn",
        lambda r: -1 if r.on_time_rate is None else r.on_time_rate,
        True,
    ),
    "qua-han": ("Nhiệm vụ quá hạn", lambda r: r.overdue, True),
    "bao-cao": ("Báo cáo trễ hoặc chưa gửi", lambda r: r.late_or_missing, True),
    "chi-tieu": ("Chỉ tiêu đạt", lambda r: r.indicators_met, True),
}


def scorecard(
    *, unit: AdministrativeUnit, period: EvaluationPeriod, at: dt.datetime | None = None
) -> Scorecard:
    """Return every reporting agency of a province ranked for ``period``.

    Agencies listed: those that lead a task or monitor an indicator in the province's plans in
    force (collective mentions such as "các sở, ban, ngành" excluded). Rank: on-time completion
    rate, then fewer overdue tasks, fewer late or missing reports, more indicators met.
    """
    at = at or timezone.now()
    on = period.judged_on(timezone.localtime(at).date())
    plans = province_plans(province_id=unit.pk)
    by_agency = task_figures(plans=plans, on=on, at=at, lists=False).by_agency
    indicators = indicator_standings(plans=plans, on=on, at=at)
    owed = compliance_counts_by(plans=plans, period=period, at=at, key="agency_id")
    ids = set(by_agency) | {a for i in indicators for a in i.monitor_ids}
    agencies = (
        Agency.objects.filter(pk__in=ids, is_active=True)
        .exclude(kind=AgencyKind.COLLECTIVE)
        .only("id", "name", "short_name", "kind", "unit_id")
        .in_bulk()
    )
    rows = {pk: ScoreRow(agency=a) for pk, a in agencies.items()}
    for pk, counts in by_agency.items():
        row = rows.get(pk)
        if row is None:
            continue
        row.tasks = sum(counts.values())
        row.done_on_time = counts[TaskStatus.DONE_ON_TIME]
        row.done_late = counts[TaskStatus.DONE_LATE]
        row.overdue = counts[TaskStatus.IN_PROGRESS_OVERDUE]
        row.due_or_done = row.done_on_time + row.done_late + row.overdue
    for i in indicators:
        for pk in i.monitor_ids:
            if pk in rows:
                rows[pk].indicators += 1
                rows[pk].indicators_met += i.standing == Standing.MET
    for pk, counts in owed.items():
        row = rows.get(pk)  # type: ignore[arg-type]
        if row is None:
            continue
        row.reports_on_time = counts[Compliance.ON_TIME]
        row.reports_late = counts[Compliance.LATE]
        row.reports_missing = counts[Compliance.MISSING]
        row.reports_owed = row.reports_on_time + row.reports_late + row.reports_missing
    ranked = sorted(rows.values(), key=ScoreRow.sort_key)
    for n, row in enumerate(ranked, start=1):
        row.rank = n
    return Scorecard(province=unit, period=period, on=on, rows=ranked)


def sort_scores(rows: list[ScoreRow], key: str) -> tuple[list[ScoreRow], str]:
    """Return the rows sorted by an address-bar key ("qua-han", "-dung-han" ...), and the key used."""
    name = key.lstrip("-")
    if name not in SCORE_COLUMNS:
        return rows, "hang"
    _, sort, descending = SCORE_COLUMNS[name]
    reverse = descending != key.startswith("-")
    return sorted(
        rows, key=lambda r: (sort(r), r.rank) if not reverse else (sort(r), -r.rank), reverse=reverse
    ), key


# --- the national view -------------------------------------------------------------------------

# Indicators the national view compares by default, found in each province's plans by name.
KEY_INDICATORS: dict[str, str] = {
    "kinh-te-so": "Quy mô kinh tế số (% GRDP)",
    "dich-vu-cong-toan-trinh": "Tỷ lệ dịch vụ công trực tuyến toàn trình",
    "chi-rd": "Kinh phí chi cho nghiên cứu phát triển (R&D) (% GRDP)",
    "phu-song-5g": "Tỷ lệ phủ sóng 5G",
}
_NAME_WORDS = re.compile(r"[a-z0-9]+")
_STOP = {"ty", "ti", "le", "cua", "va", "cac", "tren", "so", "luong", "duoc", "trong", "tong", "dat", "muc"}
MATCH_THRESHOLD = 0.6


def name_key(text: str) -> str:
    """Return the comparable form of an indicator name: folded, "tỉ"/"tỷ" alike, no filler words."""
    words = _NAME_WORDS.findall(fold(text).replace("r&d", "rd"))
    return " ".join(w for w in words if w not in _STOP)


def name_similarity(a: str, b: str) -> float:
    """Return how alike two indicator names are (0..1): word overlap, then character order."""
    ka, kb = name_key(a), name_key(b)
    wa, wb = set(ka.split()), set(kb.split())
    if not wa or not wb:
        return 0.0
    overlap = len(wa & wb) / min(len(wa), len(wb))
    return 0.7 * overlap + 0.3 * SequenceMatcher(None, ka, kb).ratio()


@dataclass
class ComparisonRow:
    """One province's indicator matching a compared one: its target and latest value."""

    province: AdministrativeUnit
    indicator: Indicator | None
    plan: Plan | None
    similarity: float
    latest: float | bool | None = None
    latest_on: dt.date | None = None
    standing: str = Standing.NO_DATA

    @property
    def standing_label(self) -> str:
        return STANDING_LABELS[self.standing]

    @property
    def target_value(self) -> float | None:
        return indicator_target(self.indicator)[1] if self.indicator is not None else None


def indicator_comparison(
    *,
    name_key: str,
    horizon: int | None,
    on: dt.date | None = None,
    provinces: Sequence[AdministrativeUnit] | None = None,
) -> list[ComparisonRow]:
    """Return, per province in force, the indicator of its plans in force most like ``name_key``
    for ``horizon`` (a key of ``KEY_INDICATORS`` or any name), its target and latest value.

    Matching is by folded name (``name_similarity`` ≥ ``MATCH_THRESHOLD``), units breaking ties;
    each distinct name is scored once, and only the chosen indicators are loaded whole.
    Six queries whatever the number of provinces.
    """
    on = on or timezone.localdate()
    wanted = KEY_INDICATORS.get(name_key, name_key)
    wanted_unit = "grdp" if "grdp" in fold(wanted) else ""
    provinces = list(provinces if provinces is not None else current_provinces())
    plans = Plan.objects.filter(
        status=PlanStatus.ACTIVE, unit__level__in=[UnitLevel.PROVINCE, UnitLevel.COMMUNE, UnitLevel.DISTRICT]
    )
    candidates = Indicator.objects.filter(plan__in=plans)
    if horizon is not None:
        candidates = candidates.filter(horizon=horizon)
    # Scored once per distinct (name, unit), read first: plans repeat the same indicator names,
    # so the 12,000 indicators of the country are a few hundred names; only the indicators
    # whose name scores are read after.
    scores: dict[tuple[str, str], float] = {}
    for name, unit in candidates.order_by().values_list("name", "unit").distinct():
        score = name_similarity(wanted, name) + (0.05 if wanted_unit and wanted_unit in fold(unit) else 0)
        if score >= MATCH_THRESHOLD:
            scores[(name, unit)] = score
    matched: list[tuple[float, dt.date, int, int]] = []  # (score, plan date, plan, indicator)
    for pk, name, unit, plan_id, plan_date in candidates.filter(
        name__in={name for name, _ in scores}
    ).values_list("pk", "name", "unit", "plan_id", "plan__date"):
        score = scores.get((name, unit))
        if score is not None:
            matched.append((score, plan_date or dt.date.min, plan_id, pk))
    # Every plan's province (3,500 rows) rather than the matched plans' by id: a list of
    # thousands of ids costs more to send than the rows it saves.
    province_by_plan = dict(plans.annotate(province=province_in_sql("unit")).values_list("pk", "province"))
    best_ids: dict[int, tuple[float, dt.date, int]] = {}
    for score, plan_date, plan_id, pk in matched:
        province_id = province_by_plan.get(plan_id)
        if province_id is None:
            continue
        current = best_ids.get(province_id)
        if current is None or (score, plan_date) > current[:2]:
            best_ids[province_id] = (score, plan_date, pk)
    found = Indicator.objects.select_related("plan__unit__parent").in_bulk([v[2] for v in best_ids.values()])
    best: dict[int, tuple[float, Indicator]] = {
        province_id: (score, found[pk]) for province_id, (score, _, pk) in best_ids.items()
    }
    chosen = [ind for _, ind in best.values()]
    latest: dict[int, tuple[dt.date, float | bool]] = {}
    if chosen:
        # The values stated against any horizon row of the same indicator in that plan count.
        keys = {(i.plan_id, fold(i.name)) for i in chosen}
        siblings = {
            pk: (plan_id, fold(name))
            for pk, plan_id, name in Indicator.objects.filter(
                plan_id__in={i.plan_id for i in chosen}
            ).values_list("pk", "plan_id", "name")
            if (plan_id, fold(name)) in keys
        }
        for ind_id, end, number, boolean in (
            IndicatorValue.objects.filter(
                indicator_id__in=list(siblings), report__status__in=COUNTED, report__period_start__lte=on
            )
            .filter(Q(number__isnull=False) | Q(boolean__isnull=False))
            .order_by("report__period_end", "report__last_submitted_at", "id")
            .values_list("indicator_id", "report__period_end", "number", "boolean")
        ):
            latest[siblings[ind_id]] = (end, number if number is not None else bool(boolean))  # type: ignore[index]
    out = []
    for province in provinces:
        score, ind = best.get(province.pk, (0.0, None))
        row = ComparisonRow(
            province=province, indicator=ind, plan=ind.plan if ind else None, similarity=round(score, 2)
        )
        if ind is not None:
            stated = latest.get((ind.plan_id, fold(ind.name)))  # type: ignore[call-overload]
            if stated is not None:
                row.latest_on, row.latest = stated
                op, value, value_max = indicator_target(ind)
                met, _ = rules.indicator_progress(op=op, value=value, value_max=value_max, latest=row.latest)
                row.standing = Standing.MET if met else (Standing.NO_DATA if met is None else Standing.BEHIND)
        out.append(row)
    return out


@dataclass
class ProvinceOverview:
    """A province in the national view: plans in force, task mix, reporting, key indicators."""

    province: AdministrativeUnit
    plans: list[Plan] = field(default_factory=list)  # in force, predecessors' included
    # The plans issued by a unit merged into this province (shown under it).
    inherited: list[Plan] = field(default_factory=list)
    counts: dict[TaskStatus, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    compliance: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COMPLIANCES, 0))
    indicators: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STANDINGS, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def compliance_rate(self) -> float | None:
        return compliance_rate(self.compliance)

    @property
    def done_share(self) -> float | None:
        done = self.counts[TaskStatus.DONE_ON_TIME] + self.counts[TaskStatus.DONE_LATE]
        return round(100 * done / self.total, 1) if self.total else None

    @property
    def status_cells(self) -> list[tuple[TaskStatus, str, int]]:
        return [(s, STATUS_SLUGS[s], self.counts[s]) for s in STATUSES]


@dataclass
class NationalOverview:
    on: dt.date
    period: EvaluationPeriod
    provinces: list[ProvinceOverview]

    @property
    def counts(self) -> dict[TaskStatus, int]:
        return {s: sum(p.counts[s] for p in self.provinces) for s in STATUSES}


def national_overview(*, on: dt.date, at: dt.datetime | None = None) -> NationalOverview:
    """Return every province in force side by side (a fixed number of queries).

    Plans of units merged into a province (Bình Định's under Gia Lai) count under it; the
    compliance figures are for the quarter holding ``on``.
    """
    at = at or timezone.now()
    period = period_from_key(None, today=on)
    provinces = list(current_provinces())
    rows = {p.pk: ProvinceOverview(province=p) for p in provinces}
    plans = Plan.objects.filter(status=PlanStatus.ACTIVE).exclude(unit__level=UnitLevel.COUNTRY)
    # 3,500 plans: their units' level read as a column, not 3,500 unit objects beside them.
    shown = plans.only("id", "number", "date", "unit_id").annotate(
        province=province_in_sql("unit"), unit_level=F("unit__level")
    )
    for plan in shown.order_by("-date", "number", "id"):
        row = rows.get(plan.province)
        if row is not None:
            row.plans.append(plan)
            if plan.unit_id != row.province.pk and plan.unit_level == UnitLevel.PROVINCE:
                row.inherited.append(plan)
    if is_current(on, at=at):
        # Today: every plan's counts in one GROUP BY, added up here under the plans' provinces.
        by_plan = progress.status_counts_by_plan(on=on)
        for row in rows.values():
            for plan in row.plans:
                for status, n in by_plan.get(plan.pk, {}).items():
                    row.counts[status] += n
    else:
        for province_id, counts in status_counts_by(plans=plans, on=on, key="province_id", at=at).items():
            if province_id in rows:
                rows[province_id].counts = counts
    for province_id, counts in standing_counts_by(plans=plans, on=on, key="province_id", at=at).items():
        if province_id in rows:
            rows[province_id].indicators = counts
    for province_id, counts in compliance_counts_by(
        plans=plans, period=period, at=at, key="province_id"
    ).items():
        if province_id in rows:
            rows[province_id].compliance = counts
    return NationalOverview(on=on, period=period, provinces=[rows[p.pk] for p in provinces])


# --- the public page ---------------------------------------------------------------------------


@dataclass
class PublicPlan:
    plan: Plan
    counts: dict[TaskStatus, int]
    indicators: list[IndicatorStanding]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[TaskStatus.DONE_ON_TIME] + self.counts[TaskStatus.DONE_LATE]

    @property
    def status_rows(self) -> list[tuple[TaskStatus, int]]:
        return [(s, self.counts[s]) for s in STATUSES]


def public_province(*, province: AdministrativeUnit, on: dt.date) -> list[PublicPlan]:
    """Return the plans in force in a province with their progress and indicators, for anyone.

    Published plans only (in force); nothing about people: no reports' authors, no comments.
    """
    plans = province_plans(province_id=province.pk)
    plan_list = list(plans.select_related("unit").order_by("-date", "number", "id"))
    by_plan = status_counts_by(plans=plans, on=on, key="plan_id")
    indicators: dict[int, list[IndicatorStanding]] = defaultdict(list)
    for i in indicator_standings(plans=plans, on=on):
        indicators[i.plan_id].append(i)
    return [PublicPlan(p, by_plan[p.pk], indicators[p.pk]) for p in plan_list]
