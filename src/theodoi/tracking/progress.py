"""Each task's current progress in one row (``TaskProgress``): written here, judged in SQL.

Why a table: the dashboards, scorecards and the national view used to load every task of
their scope with its newest update and judge it in Python on every request — 300,000 tasks
and 22 million updates for the national view. Here each task's newest counted update is
kept in one row, written in the same transaction as what changes it:

- ``report_submit`` / ``report_accept`` / ``report_return`` (services): the report's tasks;
- the job following an API submission (``tasks.report_submitted``): the report's tasks,
  incrementally (``task_progress_apply_report``: its updates against the stored rows);
- ``plan_import`` and ``draft_publish`` (plans): every task of the plan, the carried-over
  ones with the progress of the tasks they continue (``Task.carried_from``);
- ``task_amend``: the task whose deadline or lead changed;

and rebuilt from the updates by the nightly job (``tasks.rebuild_task_progress``) and by
``theodoi rebuild-task-progress`` (repair, first fill).

Why the status is judged in SQL rather than stored and re-judged when a date passes: the
statuses that move with the calendar (overdue once the due day is behind, a recurring
task's new period) then stay right at any hour without a job having run, for today or any
day, and the rule is not copied: ``status_at`` builds its CASE/WHEN from ``rules.STATUS_RULES``,
the table ``rules.task_status`` evaluates in Python, with the facts spelt out once each side
(``tests/tracking/test_progress.py`` checks them against each other case by case). A row
also keeps the status it had on the day it was written (``status``, ``judged_on``): read as
it is on that day (``status_on``; the nightly rebuild makes that every row), judged again
in SQL on any other.

What stays outside: a report sent for a period that has not begun yet counts once the
period begins, which the nightly rebuild picks up (the row keeps the newest update of a
begun period until then).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, Count, DateField, F, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from theodoi.accounts.scope import province_of
from theodoi.ingest.normalise.deadlines import parse_deadline
from theodoi.plans.models import Plan, Task
from theodoi.tracking import rules
from theodoi.tracking.models import ReportStatus, TaskProgress, TaskUpdate

logger = logging.getLogger(__name__)

COUNTED = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)  # what the agency has stated as fact
CHAIN_LIMIT = 10  # carried_from links followed, as ``selectors.task_chain`` does
REBUILD_BATCH = 2000  # tasks per rebuild step: one window query and one upsert each


def task_deadline(task: Task) -> dict[str, Any] | None:
    """Return the task's parsed deadline: stored when imported, else parsed from the printed text."""
    return task.deadline_parsed or parse_deadline(task.deadline_text)


# --- judging from one update, in Python ----------------------------------------------------------


@dataclass(frozen=True)
class Latest:
    """A task's newest counted update, as far as judging and the progress row go."""

    update_id: int
    status: str
    percent: int
    done_on: dt.date | None
    submitted: dt.datetime | None  # the report's last submission
    period: str
    period_start: dt.date
    period_end: dt.date

    @property
    def order(self) -> tuple[dt.date, dt.datetime, int]:
        """Return tracking's "newest" order: the period's end, then the last submission, then the row."""
        return (self.period_end, self.submitted or dt.datetime.min.replace(tzinfo=dt.UTC), self.update_id)

    def reported(self) -> rules.ReportedWork:
        sent = self.submitted or timezone.now()
        return rules.ReportedWork(
            status=self.status,
            percent=self.percent,
            done_on=self.done_on,
            submitted_on=timezone.localtime(sent).date(),
        )


def judge_latest(
    deadline: dict[str, Any] | None, latest: Latest | None, *, on: dt.date
) -> tuple[rules.TaskStatus, dt.date | None]:
    """Judge a task on ``on`` from its newest counted update with ``rules.judge_task``; return the due day too.

    For a recurring or continuous task only an update overlapping the judged period counts;
    the newest overlaps it exactly when it ends on or after the period's start, since every
    update read starts on or before ``on``.
    """
    due = rules.deadline_due(deadline)
    period_due = None
    if rules.is_per_period(deadline, on=on):
        _, start, end = rules.period_containing(rules.task_cadence(deadline), on)
        due = period_due = end
        if latest is not None and latest.period_end < start:
            latest = None
    reported = latest.reported() if latest is not None else None
    return rules.judge_task(deadline=deadline, reported=reported, on=on, period_due=period_due), due


_LATEST_FIELDS = (
    "task_id",
    "id",
    "status",
    "percent",
    "done_on",
    "report__last_submitted_at",
    "report__period",
    "report__period_start",
    "report__period_end",
)


def newest_counted(updates: QuerySet[Any], *, on: dt.date) -> dict[int, Latest]:
    """Return each task's newest update among ``updates`` counted on ``on`` (one query, a window).

    Counted: of a submitted or accepted report whose period had begun on ``on``. Newest:
    the report's period end, then its last submission, then the row.
    """
    rows = (
        updates.filter(report__status__in=COUNTED, report__period_start__lte=on)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("task_id")],
                order_by=[
                    F("report__period_end").desc(),
                    F("report__last_submitted_at").desc(nulls_last=True),
                    F("id").desc(),
                ],
            )
        )
        .filter(rank=1)
        .values_list(*_LATEST_FIELDS)
    )
    return {task_id: Latest(*values) for task_id, *values in rows}


# --- judging in SQL -------------------------------------------------------------------------------


def _period_bound(on: dt.date, index: int, prefix: str) -> Case:
    """Return the first (index 1) or last (2) day of the period of the row's cadence holding ``on``."""
    return Case(
        *(
            When(**{f"{prefix}cadence": c}, then=Value(rules.period_containing(c, on)[index]))
            for c in rules.PERIODIC_CADENCES
        ),
        default=Value(rules.period_containing(rules.QUARTERLY, on)[index]),
        output_field=DateField(),
    )


def _per_period(on: dt.date, prefix: str) -> Q:
    """``rules.is_per_period`` on the stored basis: always, or once a continuing task's due day is past."""
    return Q(**{f"{prefix}per_period": True}) | Q(
        **{f"{prefix}continues": True, f"{prefix}deadline_due__lt": on}
    )


def due_at(on: dt.date, *, prefix: str = "") -> Case:
    """Return the day a row is judged against on ``on``: its period's end per period, else its due day."""
    return Case(
        When(_per_period(on, prefix), then=_period_bound(on, 2, prefix)),
        default=F(f"{prefix}deadline_due"),
        output_field=DateField(),
    )


def _facts(on: dt.date, prefix: str) -> dict[str, Q]:
    """Return the facts of ``rules.STATUS_RULES`` as conditions on a ``TaskProgress`` row on ``on``.

    The same facts ``rules.task_status`` computes: the update counts when there is one and,
    for a task judged per period, it reaches into the period holding ``on``.
    """
    p = prefix
    counted = ~Q(**{f"{p}work_status": ""}) & (
        ~_per_period(on, p) | Q(**{f"{p}report_period_end__gte": _period_bound(on, 1, p)})
    )
    done = counted & Q(**{f"{p}work_status": "done"})
    due = due_at(on, prefix=p)
    return {
        rules.DONE_AFTER_DUE: done & Q(**{f"{p}done_on__gt": due}),
        rules.DONE: done,
        rules.PAST_DUE: ~_per_period(on, p) & Q(**{f"{p}deadline_due__lt": on}),
        rules.STARTED: counted & (~Q(**{f"{p}work_status": "not_started"}) | Q(**{f"{p}percent__gt": 0})),
    }


def status_at(on: dt.date, *, prefix: str = "") -> Case:
    """Return the SQL judgement of a ``TaskProgress`` row (``prefix``: the path to it) on ``on``."""
    facts = _facts(on, prefix)
    default = next(status for status, fact in rules.STATUS_RULES if fact is None)
    return Case(
        *(When(facts[fact], then=Value(status.value)) for status, fact in rules.STATUS_RULES if fact),
        default=Value(default.value),
    )


def status_on(on: dt.date, *, prefix: str = "") -> Case:
    """Return a row's status on ``on``: the stored one when the row was judged that day, else ``status_at``.

    Why: a row written on ``on`` (by the services, the nightly rebuild or ``task_progress_rejudge``)
    holds the judgement of that day already, made by the same rule (``rules.task_status`` in
    Python, ``status_at`` in SQL; ``tests/tracking/test_progress.py`` holds them equal), so the
    database need not work the long CASE out again for each of 300,000 rows; rows written on an
    earlier day, whose status may have moved with the calendar since, are judged again.
    """
    return Case(
        When(Q(**{f"{prefix}judged_on": on}), then=F(f"{prefix}status")),
        default=status_at(on, prefix=prefix),
    )


def judged(rows: QuerySet[TaskProgress], *, on: dt.date) -> QuerySet[TaskProgress]:
    """Return ``rows`` with ``judged_status`` and ``judged_due`` on ``on`` annotated."""
    return rows.annotate(judged_status=status_on(on), judged_due=due_at(on))


# --- writing rows ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Models:
    """The model classes rows are written with: the app's, or a migration's historical ones."""

    task: Any = Task
    update: Any = TaskUpdate
    progress: Any = TaskProgress


MODELS = Models()

_ROW_FIELDS = (
    "plan",
    "province",
    "deadline_due",
    "per_period",
    "continues",
    "cadence",
    "update",
    "work_status",
    "percent",
    "done_on",
    "report_period",
    "report_period_start",
    "report_period_end",
    "reported_at",
    "status",
    "judged_on",
)


def _ancestors(tasks: Sequence[Task], models: Models) -> dict[int, list[int]]:
    """Return, for each task carried over from another, the chain of tasks it continues (one query a link)."""
    parent: dict[int, int | None] = {t.pk: t.carried_from_id for t in tasks}
    frontier = {p for p in parent.values() if p is not None and p not in parent}
    for _ in range(CHAIN_LIMIT):
        if not frontier:
            break
        found = dict(models.task.objects.filter(pk__in=frontier).values_list("pk", "carried_from_id"))
        parent.update(found)
        frontier = {p for p in found.values() if p is not None and p not in parent}
    out: dict[int, list[int]] = {}
    for task in tasks:
        chain, seen, current = [], {task.pk}, task.carried_from_id
        while current is not None and current not in seen and len(chain) < CHAIN_LIMIT:
            chain.append(current)
            seen.add(current)
            current = parent.get(current)
        if chain:
            out[task.pk] = chain
    return out


def progress_rows(tasks: Sequence[Task], *, on: dt.date, models: Models = MODELS) -> list[TaskProgress]:
    """Return the progress rows of ``tasks`` (plan, unit and parent unit loaded) as of ``on``.

    Queries: one for the newest updates, plus one per carried_from link when a task
    continues another.
    """
    chains = _ancestors(tasks, models)
    ids = {t.pk for t in tasks} | {a for chain in chains.values() for a in chain}
    newest = newest_counted(models.update.objects.filter(task_id__in=sorted(ids)), on=on)
    rows = []
    for task in tasks:
        candidates = [newest[i] for i in (task.pk, *chains.get(task.pk, ())) if i in newest]
        latest = max(candidates, key=lambda u: u.order) if candidates else None
        rows.append(progress_row(task, latest, on=on, models=models))
    return rows


def progress_row(task: Task, latest: Latest | None, *, on: dt.date, models: Models = MODELS) -> TaskProgress:
    """Return the progress row of ``task`` (plan, unit and parent unit loaded) given its newest update."""
    deadline = task_deadline(task)
    basis = rules.deadline_basis(deadline)
    status, _ = judge_latest(deadline, latest, on=on)
    reported = latest.reported() if latest is not None else None
    return models.progress(
        task_id=task.pk,
        plan_id=task.plan_id,
        province_id=province_of(task.plan.unit),
        deadline_due=basis.due,
        per_period=basis.per_period,
        continues=basis.continues,
        cadence=basis.cadence,
        update_id=latest.update_id if latest else None,
        work_status=latest.status if latest else "",
        percent=latest.percent if latest else 0,
        done_on=(reported.done_on or reported.submitted_on)
        if reported is not None and reported.status == "done"
        else None,
        report_period=latest.period if latest else "",
        report_period_start=latest.period_start if latest else None,
        report_period_end=latest.period_end if latest else None,
        reported_at=latest.submitted if latest else None,
        status=status.value,
        judged_on=on,
    )


_TASK_FIELDS = (  # what ``progress_row`` reads of a task, its plan and the plan's unit
    "id",
    "plan_id",
    "carried_from_id",
    "deadline_text",
    "deadline_parsed",
    "plan__unit__id",
    "plan__unit__level",
    "plan__unit__successor_id",
    "plan__unit__parent__id",
    "plan__unit__parent__level",
    "plan__unit__parent__successor_id",
)


def _tasks(filters: Q, models: Models = MODELS) -> QuerySet[Task]:
    return (
        models.task.objects.filter(filters)
        .select_related("plan__unit__parent")
        .only(*_TASK_FIELDS)
        .order_by("id")
    )


def _save(rows: list[TaskProgress], models: Models = MODELS) -> None:
    models.progress.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["task"], update_fields=list(_ROW_FIELDS), batch_size=500
    )


def task_progress_refresh(*, task_ids: Iterable[int], on: dt.date | None = None) -> int:
    """Write the progress rows of some tasks from their updates; return how many.

    Called inside the transaction of the write that changed them (no transaction of its own,
    no audit event: the row is derived from what that write recorded).
    """
    ids = sorted(set(task_ids))
    if not ids:
        return 0
    on = on or timezone.localdate()
    rows = progress_rows(list(_tasks(Q(pk__in=ids))), on=on)
    _save(rows)
    return len(rows)


# --- one report's tasks, incrementally (the submission's job) --------------------------------------

_COMPARED = tuple(
    TaskProgress._meta.get_field(f).attname for f in _ROW_FIELDS if f not in ("status", "judged_on")
)  # what a rewrite changes: the judgement of the day follows from them


def _stored_order(row: TaskProgress) -> tuple[dt.date, dt.datetime, int] | None:
    """Return the update a stored row holds in ``Latest.order``, or None when it holds none."""
    if row.update_id is None:
        return None
    return (row.report_period_end, row.reported_at or dt.datetime.min.replace(tzinfo=dt.UTC), row.update_id)


def _stored_row(task: Task) -> TaskProgress | None:
    try:
        return task.progress
    except TaskProgress.DoesNotExist:
        return None


def task_progress_apply_report(*, report: Any, on: dt.date | None = None) -> int:
    """Bring the progress rows of ``report``'s tasks up to date with its updates; return the rows written.

    The follow-up of a submission (``tasks.report_submitted``), 200 a second: rather than read
    every update of each task again (``task_progress_refresh``), each stored row is compared
    with the report's update in tracking's "newest" order (``Latest.order``, the order
    ``newest_counted`` ranks by): the update replaces the row when it is at least as new, else
    the row stands. Every write keeps the rows right and only this report's updates are new,
    so the result is the full rebuild's. A carried-over task compares the same way: its row
    holds the newest of the tasks it continues already.

    One query (the report's updates with their tasks and stored rows) and at most one write,
    of the rows that change: an upsert whose conflict branch overwrites only a row holding an
    older update (``_save_newer``), so two jobs of reports sharing a task leave the newer in
    either order, at the same time too. What the comparison cannot decide is rebuilt from the
    updates with the rows locked: a task without a row, a row whose update is gone, a row
    holding this report's update when the report no longer counts (returned meanwhile). Call
    inside a transaction holding ``report`` locked, so that no review changes it meanwhile.
    """
    on = on or timezone.localdate()
    counts = report.status in COUNTED and report.period_start <= on
    writes, rebuild = [], []
    updates = (
        TaskUpdate.objects.filter(report_id=report.pk)
        .select_related("task__plan__unit__parent", "task__progress")
        .only(
            "id",
            "task_id",
            "status",
            "percent",
            "done_on",
            *(f"task__{f}" for f in _TASK_FIELDS),
            *(f"task__progress__{f.name}" for f in TaskProgress._meta.concrete_fields),
        )
    )
    for update in updates.order_by("task_id"):  # rows are locked in task order: no deadlock between jobs
        task, row = update.task, _stored_row(update.task)
        latest = (
            Latest(
                update.pk,
                update.status,
                update.percent,
                update.done_on,
                report.last_submitted_at,
                report.period,
                report.period_start,
                report.period_end,
            )
            if counts
            else None
        )
        stored = _stored_order(row) if row is not None else None
        if (
            row is None
            or (stored is None and row.work_status)
            or (latest is None and row.update_id == update.pk)
        ):
            rebuild.append(task.pk)
        elif latest is not None and (stored is None or latest.order >= stored):
            new = progress_row(task, latest, on=on)
            if any(getattr(new, f) != getattr(row, f) for f in _COMPARED):
                writes.append(new)
    if rebuild:
        list(
            TaskProgress.objects.select_for_update()
            .filter(task_id__in=rebuild)
            .order_by("pk")
            .values_list("pk")
        )
        task_progress_refresh(task_ids=rebuild, on=on)
    return _save_newer(writes) + len(rebuild)


def _save_newer(rows: list[TaskProgress]) -> int:
    """Upsert rows that each hold an update; a stored row is overwritten only if its update is not newer.

    One INSERT ... ON CONFLICT DO UPDATE ... WHERE per 500 rows (PostgreSQL and SQLite alike):
    the condition is ``Latest.order`` spelt in SQL (period end, then last submission with none
    the oldest, then the update's id), checked against the row as it is when written, under
    the row's lock, not as it was read.
    """
    if not rows:
        return 0
    meta = TaskProgress._meta
    fields = [meta.get_field("task"), *(meta.get_field(f) for f in _ROW_FIELDS)]
    qn = connection.ops.quote_name
    t = qn(meta.db_table)
    end, at, upd = (qn(meta.get_field(f).column) for f in ("report_period_end", "reported_at", "update"))
    older = (
        f"{t}.{upd} IS NULL OR {t}.{end} < excluded.{end} OR ({t}.{end} = excluded.{end} AND ("
        f"({t}.{at} IS NULL AND excluded.{at} IS NOT NULL) OR {t}.{at} < excluded.{at}"
        f" OR (({t}.{at} = excluded.{at} OR ({t}.{at} IS NULL AND excluded.{at} IS NULL))"
        f" AND {t}.{upd} <= excluded.{upd})))"
    )
    columns = ", ".join(qn(f.column) for f in fields)
    assign = ", ".join(f"{qn(f.column)} = excluded.{qn(f.column)}" for f in fields[1:])
    written = 0
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            values = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * len(chunk))
            params = [
                f.get_db_prep_save(getattr(row, f.attname), connection) for row in chunk for f in fields
            ]
            cursor.execute(
                f"INSERT INTO {t} ({columns}) VALUES {values} ON CONFLICT ({qn(fields[0].column)})"
                f" DO UPDATE SET {assign} WHERE {older}",
                params,
            )
            written += max(cursor.rowcount, 0)
    return written


def task_progress_for_plan(*, plan: Plan, on: dt.date | None = None) -> int:
    """Write the progress rows of every task of ``plan`` (imported, published, carried over).

    The plan's other derived rows too: its indicators' standings (``standings``; an import may
    change their targets and monitors) and the reports it is owed in the built quarters
    (``obligations``; its leads and monitors may have changed). Returns the task rows written.
    """
    from theodoi.tracking.obligations import obligations_for_plan  # both build on this module
    from theodoi.tracking.standings import indicator_progress_for_plans

    indicator_progress_for_plans(plan_ids=[plan.pk], on=on)
    obligations_for_plan(plan_id=plan.pk)
    return task_progress_refresh(task_ids=Task.objects.filter(plan=plan).values_list("pk", flat=True), on=on)


def _counts(*querysets: QuerySet[Any]) -> tuple[int, ...]:
    """Return the row counts of ``querysets`` in one statement (scalar subqueries)."""
    parts, params = [], []
    for qs in querysets:
        sql, more = qs.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")
        params.extend(more)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        return tuple(cursor.fetchone())


def task_progress_fill_missing(*, plans: QuerySet[Plan], on: dt.date | None = None) -> int:
    """Write the rows of tasks of ``plans`` that have none; return how many (one query when none).

    Tasks are given rows by the services above; a task made another way (a bulk load, a
    fixture, a plan imported before this table existed) gets its row the first time a
    dashboard reads its plan, rather than being left out of the counts. The check is an
    anti-join of the plans' tasks, cheap for a plan or two; for a province or more see
    ``task_progress_fill_counted``.
    """
    return _write_missing(plans, on=on)


def task_progress_fill_counted(*, plans: QuerySet[Plan], on: dt.date | None = None) -> int:
    """``task_progress_fill_missing`` for many plans: count first, look for the missing rows only if short.

    The plans' tasks and their rows are counted in one statement (index scans) rather than
    every task joined to its row: a row is written with its task's plan and a task keeps
    its plan, so equal counts mean no row is missing. One query when none.
    """
    tasks, rows = _counts(Task.objects.filter(plan__in=plans), TaskProgress.objects.filter(plan__in=plans))
    return _write_missing(plans, on=on) if tasks != rows else 0


def _write_missing(plans: QuerySet[Plan], *, on: dt.date | None) -> int:
    """Write the rows of the tasks of ``plans`` that have none (an anti-join, then the writes)."""
    missing = list(Task.objects.filter(plan__in=plans, progress__isnull=True).values_list("pk", flat=True))
    if missing:
        logger.info("task progress: %d tasks had no row, written now", len(missing))
    return task_progress_refresh(task_ids=missing, on=on)


def status_counts_by_plan(*, on: dt.date) -> dict[int, dict[rules.TaskStatus, int]]:
    """Return every plan's tasks counted by status on ``on`` (today): plan id -> status -> count.

    For the national view: one GROUP BY over the whole table without a filter (filtering by
    the plans in force joined all 300,000 rows to their plan; the caller keeps the plans it
    shows and their provinces) and one COUNT of the tasks. The groups add up to the rows, so
    the tasks are checked for rows with the count alone (one row per task: equal counts mean
    every task has its row); when some are missing they are written (as
    ``task_progress_fill_missing`` does) and the table is read again.
    """

    def grouped() -> tuple[dict[int, dict[rules.TaskStatus, int]], int]:
        out: dict[int, dict[rules.TaskStatus, int]] = {}
        total = 0
        for plan_id, status, n in (
            judged(TaskProgress.objects.all(), on=on)
            .order_by()
            .values_list("plan_id", "judged_status")
            .annotate(n=Count("pk"))
        ):
            counts = out.setdefault(plan_id, {})
            judged_status = rules.TaskStatus(status)
            counts[judged_status] = counts.get(judged_status, 0) + n
            total += n
        return out, total

    out, rows = grouped()
    if rows != Task.objects.count() and _write_missing(Plan.objects.all(), on=None):
        out, _ = grouped()
    return out


def task_progress_rebuild(
    *,
    on: dt.date | None = None,
    batch: int = REBUILD_BATCH,
    report: Callable[[int, int], None] | None = None,
    models: Models = MODELS,
) -> int:
    """Recompute every task's row from the updates, ``batch`` tasks at a time; return how many.

    Each batch commits on its own (no long transaction over the whole country) and is
    idempotent: a rebuild stopped half way is finished by running it again. ``report(done,
    total)`` is told after each batch. Rows of tasks that no longer exist go with their task
    (the foreign key cascades). The migration that made the table fills it with this, given
    its historical ``models``.
    """
    on = on or timezone.localdate()
    ids = list(models.task.objects.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        tasks = list(_tasks(Q(pk__gte=chunk[0], pk__lte=chunk[-1]), models))
        with transaction.atomic():
            _save(progress_rows(tasks, on=on, models=models), models)
        done += len(tasks)
        if report is not None:
            report(done, len(ids))
    return done


def task_progress_rejudge(*, on: dt.date | None = None) -> int:
    """Set every row's stored ``status`` to its SQL judgement on ``on`` in one UPDATE; return the rows changed.

    For a bulk load that filled the update columns set-based (``bench/generate.py``). The
    pages read the stored status of rows judged on the day they are read (``status_on``),
    so it must be the rule's: here it is ``status_at`` itself.
    """
    on = on or timezone.localdate()
    judgement = status_at(on)
    return TaskProgress.objects.exclude(status=judgement, judged_on=on).update(status=judgement, judged_on=on)


def analyze_derived(*tables: str) -> None:
    """Refresh PostgreSQL's statistics of derived tables after a bulk write (nothing elsewhere).

    Without them the planner guesses a province's share of ``tracking_taskprogress`` and
    scans the whole table (measured: 72 ms before ANALYZE, 32 ms after, for one province's
    GROUP BY at national scale); autovacuum does it too, but only where it is on and later.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables or (
            "tracking_taskprogress",
            "tracking_indicatorprogress",
            "tracking_reportobligation",
        ):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
