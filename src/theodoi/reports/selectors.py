"""The reads behind the consolidated report, in a fixed number of queries.

``plan_facts`` loads, for one plan and period: the sections and tasks, the agencies named on
each task, the one update each task is judged on, the proof files of those updates, the
indicators with their latest values, the difficulties and proposals of the period's accepted
reports, and who reported.

Why not ``tracking.selectors.task_statuses`` and ``indicator_progress_for_plan``: they load
every update and value of the plan as models, which is fine for a page but not for five
years of weekly reports from 200 agencies (issue 7 asks for the report in under 5 s). Here
the database picks each task's latest update (a correlated subquery on the task's index;
recurring and continuous tasks within their own period), and indicator values are read as
tuples. The judgements are the tracking rules (``rules.task_status``,
``rules.indicator_progress``), applied the way those selectors apply them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from theodoi.directory.models import Agency
from theodoi.ingest.text import fold
from theodoi.plans.models import Indicator, Plan, Section, Task, TaskAgency
from theodoi.tracking import calendar as cal
from theodoi.tracking import rules
from theodoi.tracking.models import (
    Evidence,
    IndicatorValue,
    ProgressReport,
    ReportStatus,
    TaskUpdate,
    WorkStatus,
)
from theodoi.tracking.selectors import (
    COUNTED,
    task_deadline,
)
from theodoi.tracking.services.values import indicator_target

LatestUpdate = TaskUpdate


@dataclass
class Judged:
    status: rules.TaskStatus
    latest: TaskUpdate | None
    done_on: dt.date | None


@dataclass
class Compliance:
    """Who reported for one cadence of the period: owed, sent on time or late, accepted, missing."""

    cadence: str
    owed: int
    on_time: int
    late: int
    accepted: int
    missing: list[str]  # agencies with no submitted report for at least one of its periods

    @property
    def sent(self) -> int:
        return self.on_time + self.late

    @property
    def cadence_label(self) -> str:
        return {
            rules.WEEKLY: "hằng tuần",
            rules.MONTHLY: "hằng tháng",
            rules.QUARTERLY: "hằng quý",
            rules.SEMIANNUAL: "6 tháng",
            rules.ANNUAL: "hằng năm",
        }.get(self.cadence, self.cadence)


@dataclass
class IndicatorFacts:
    """An indicator judged on a day: the horizon judged against, its latest value, who stated it."""

    indicator: Indicator
    latest: IndicatorValue | None  # an unsaved carrier of the value (number or yes/no)
    met: bool | None
    trend: rules.Trend
    agency: str


@dataclass
class PlanFacts:
    sections: list[Section]
    tasks: list[Task]
    statuses: dict[int, Judged]
    agencies: dict[tuple[int, str], list[str]]  # (task id, "lead" | "partner") -> names as printed
    files: dict[int, list[str]]  # task id -> proof file names on the update judged
    indicators: list[IndicatorFacts]
    difficulties: list[tuple[str, str]]  # (agency, text)
    proposals: list[tuple[str, str]]
    compliance: list[Compliance]


def _ordered(rows: Any) -> Any:
    return rows.order_by("-report__period_end", "-report__last_submitted_at", "-id")


def _counted_updates(plan: Plan, on: dt.date) -> Any:
    return TaskUpdate.objects.filter(
        task__plan=plan, report__status__in=COUNTED, report__period_start__lte=on
    ).select_related("report")


def _judged_periods(tasks: list[Task], on: dt.date) -> dict[int, rules.Period]:
    """Return the period each recurring or continuous task is judged over on ``on``."""
    out = {}
    for task in tasks:
        deadline = task_deadline(task)
        if rules.is_per_period(deadline, on=on):
            key = rules.period_containing(rules.task_cadence(deadline), on)[0]
            out[task.pk] = rules.period_for_key(key, "")
    return out


def _latest_update_id(on: dt.date, period: rules.Period | None = None) -> Subquery:
    """Return a subquery of a task's latest counted update by ``on`` (within ``period`` if given)."""
    rows = TaskUpdate.objects.filter(
        task_id=OuterRef("pk"), report__status__in=COUNTED, report__period_start__lte=on
    )
    if period is not None:
        rows = rows.filter(report__period_start__lte=period.end, report__period_end__gte=period.start)
    return Subquery(_ordered(rows).values("pk")[:1])


def task_judgements(*, plan: Plan, tasks: list[Task], on: dt.date) -> dict[int, Judged]:
    """Judge every task of ``plan`` on ``on`` from submitted and accepted reports.

    ``tasks`` carry ``latest_update_id`` (see ``plan_facts``). Recurring and continuous tasks
    are judged on their latest update within their own period: one more query picks those,
    with one subquery per distinct period (five cadences at most). Then one query loads the
    updates picked.
    """
    per_period = _judged_periods(tasks, on)
    picked = {t.pk: t.latest_update_id for t in tasks if t.pk not in per_period and t.latest_update_id}
    if per_period:
        distinct = sorted({p.key for p in per_period.values()})
        by_key = {p.key: p for p in per_period.values()}
        annotations = {f"in_{n}": _latest_update_id(on, by_key[key]) for n, key in enumerate(distinct)}
        for row in (
            Task.objects.filter(pk__in=list(per_period)).annotate(**annotations).values("pk", *annotations)
        ):
            update_id = row[f"in_{distinct.index(per_period[row['pk']].key)}"]
            if update_id:
                picked[row["pk"]] = update_id
    latest = {u.task_id: u for u in _counted_updates(plan, on).filter(pk__in=list(picked.values()))}
    out = {}
    for task in tasks:
        update = latest.get(task.pk)
        done_on = None
        if update is not None and update.status == WorkStatus.DONE:
            done_on = (
                update.done_on or timezone.localtime(update.report.last_submitted_at or timezone.now()).date()
            )
        started = update is not None and (update.status != WorkStatus.NOT_STARTED or update.percent > 0)
        period = per_period.get(task.pk)
        status = rules.task_status(
            deadline=task_deadline(task),
            done_on=done_on,
            started=started,
            on=on,
            period_due=period.end if period else None,
        )
        out[task.pk] = Judged(status=status, latest=update, done_on=done_on)
    return out


def plan_facts(*, plan: Plan, on: dt.date, period: rules.Period) -> PlanFacts:
    """Return what the consolidated report of ``plan`` for ``period`` needs, judged on ``on``.

    Queries: sections, tasks (with each one's latest update id), per-period tasks' updates
    in their period, agency mentions, updates judged, proof files, indicators and values
    (two), remarks, the reporting calendar (four), the period's reports and the agencies'
    names: a count that does not grow with agencies, tasks or reports.
    """
    sections = list(Section.objects.filter(plan=plan).order_by("position", "id"))
    tasks = list(
        Task.objects.filter(plan=plan)
        .annotate(latest_update_id=_latest_update_id(on))
        .order_by("position", "id")
    )
    names: dict[tuple[int, str], list[str]] = defaultdict(list)
    for task_id, role, printed, name in (
        TaskAgency.objects.filter(task__plan=plan)
        .order_by("task_id", "role", "position", "id")
        .values_list("task_id", "role", "printed_name", "agency__name")
    ):
        names[(task_id, role)].append(printed or name)
    statuses = task_judgements(plan=plan, tasks=tasks, on=on)

    files: dict[int, list[str]] = defaultdict(list)
    judged = [(j.latest.report_id, task_id) for task_id, j in statuses.items() if j.latest is not None]
    if judged:
        wanted = set(judged)
        for report_id, task_id, file_name in (
            Evidence.objects.filter(
                report_id__in={r for r, _ in judged},
                task_id__in={t for _, t in judged},
                removed_at__isnull=True,
            )
            .order_by("uploaded_at", "id")
            .values_list("report_id", "task_id", "file_name")
        ):
            if (report_id, task_id) in wanted:
                files[task_id].append(file_name)

    indicators = indicator_facts(plan=plan, on=on)
    difficulties, proposals = _remarks(plan=plan, period=period)
    return PlanFacts(
        sections=sections,
        tasks=tasks,
        statuses=statuses,
        agencies=dict(names),
        files=dict(files),
        indicators=indicators,
        difficulties=difficulties,
        proposals=proposals,
        compliance=compliance_for(plan=plan, period=period),
    )


def indicator_facts(*, plan: Plan, on: dt.date) -> list[IndicatorFacts]:
    """Judge each indicator of ``plan`` on ``on`` (two queries).

    The judgement of ``tracking.selectors.indicator_progress_for_plan``: the rows with the
    same name and unit are one indicator over several horizons, values stated against any
    count, the target is that of the first horizon not past. Values are read as tuples here:
    that selector builds a model and its report per value, seconds for years of weekly values.
    """
    groups: dict[tuple[str, str], list[Indicator]] = defaultdict(list)
    for ind in Indicator.objects.filter(plan=plan).order_by("horizon", "position", "id"):
        groups[(fold(ind.name), fold(ind.unit))].append(ind)
    values: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in (
        IndicatorValue.objects.filter(
            indicator__plan=plan, report__status__in=COUNTED, report__period_start__lte=on
        )
        .filter(Q(number__isnull=False) | Q(boolean__isnull=False))
        .values_list(
            "indicator_id",
            "number",
            "boolean",
            "report_id",
            "report__agency__name",
            "report__period_end",
            "report__last_submitted_at",
            "report__created_at",
            "id",
        )
    ):
        values[row[0]].append(row)
    out = []
    for rows in groups.values():
        target = next((i for i in rows if i.horizon is None or i.horizon >= on.year), rows[-1])
        stated = sorted((v for i in rows for v in values[i.pk]), key=lambda v: (v[5], v[6] or v[7], v[8]))
        carriers = [IndicatorValue(number=v[1], boolean=v[2], report_id=v[3]) for v in stated[-2:]]
        op, value, value_max = indicator_target(target)
        met, trend = rules.indicator_progress(
            op=op,
            value=value,
            value_max=value_max,
            latest=carriers[-1].value if carriers else None,
            history=[c.value for c in carriers[:-1]],
        )
        latest = carriers[-1] if carriers else None
        out.append(IndicatorFacts(target, latest, met, trend, stated[-1][4] if stated else ""))
    out.sort(key=lambda r: (r.indicator.position, r.indicator.pk))
    return out


def _remarks(*, plan: Plan, period: rules.Period) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Return the difficulties and proposals of the accepted reports within ``period`` (one query).

    Per agency and task the latest report's words count: a weekly report repeating last
    week's difficulty, or one that no longer mentions it, does not pile up.
    """
    rows = (
        TaskUpdate.objects.filter(
            report__plan=plan,
            report__status=ReportStatus.ACCEPTED,
            report__period_start__gte=period.start,
            report__period_end__lte=period.end,
        )
        .filter(~Q(difficulties="") | ~Q(proposals=""))
        .order_by("report__agency__name", "task__position", "task_id", "-report__period_end", "-id")
        .values_list("report__agency_id", "report__agency__name", "task_id", "difficulties", "proposals")
    )
    seen: set[tuple[int, int]] = set()
    difficulties, proposals = [], []
    for agency_id, agency, task_id, difficulty, proposal in rows:
        if (agency_id, task_id) in seen:
            continue
        seen.add((agency_id, task_id))
        difficulties.append((agency, difficulty))
        proposals.append((agency, proposal))
    return difficulties, proposals


def compliance_for(*, plan: Plan, period: rules.Period) -> list[Compliance]:
    """Return, per cadence, the reports owed on ``plan`` for periods within ``period`` and who sent them."""
    owed = [
        o
        for o in cal.obligations(start=period.start, end=period.end, plans=Plan.objects.filter(pk=plan.pk))
        if o.period.start >= period.start and o.period.end <= period.end
    ]
    if not owed:
        return []
    sent = {
        (r["agency_id"], r["cadence"], r["period"]): r
        for r in ProgressReport.objects.filter(
            plan=plan, period__in={o.period.key for o in owed}, status__in=COUNTED
        ).values("agency_id", "cadence", "period", "status", "submitted_at", "due_at")
    }
    names = dict(Agency.objects.filter(pk__in={o.agency_id for o in owed}).values_list("pk", "name"))
    out = []
    for cadence in rules.PERIODIC_CADENCES:
        rows = [o for o in owed if o.cadence == cadence]
        if not rows:
            continue
        on_time = late = accepted = 0
        missing: set[int] = set()
        for o in rows:
            report = sent.get((o.agency_id, cadence, o.period.key))
            if report is None:
                missing.add(o.agency_id)
                continue
            if report["submitted_at"] and report["submitted_at"] > o.period.due_at:
                late += 1
            else:
                on_time += 1
            accepted += report["status"] == ReportStatus.ACCEPTED
        out.append(
            Compliance(
                cadence=cadence,
                owed=len(rows),
                on_time=on_time,
                late=late,
                accepted=accepted,
                missing=sorted(names.get(a, str(a)) for a in missing),
            )
        )
    return out
