"""Cross-table reads of progress reporting, each in a fixed number of queries.

- ``report_get_for_user``: one report, checked object by object (PermissionDenied otherwise);
- ``reporter_open_reports``: what an agency's reporter owes and has open;
- ``report_form``: everything the reporter's form for one report shows;
- ``coordinator_inbox``: submitted reports to review, missing and late ones per period;
- ``task_statuses``: the five-status judgement for every task of a plan, in bulk;
- ``task_history`` / ``object_history``: what happened to a task (following ``carried_from``
  back through superseded plans) or to any object, from the reports and the audit trail.

Query counts are pinned in ``tests/tracking/test_selectors.py`` at N and 3N rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F, Model, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from theodoi.accounts.models import Role
from theodoi.accounts.scope import province_q, scope_for
from theodoi.core.models import AuditEvent
from theodoi.directory.models import Agency
from theodoi.ingest.text import fold
from theodoi.plans.models import AgencyRole, Indicator, IndicatorAgency, Plan, PlanStatus, Task, TaskAgency
from theodoi.tracking import calendar as cal
from theodoi.tracking import progress, rules
from theodoi.tracking.calendar import Obligation
from theodoi.tracking.models import (
    Amendment,
    AmendmentStatus,
    ChaseUp,
    Evidence,
    IndicatorValue,
    Notification,
    NotificationKind,
    NotificationPreference,
    PartnerContribution,
    ProgressReport,
    ReportStatus,
    TaskProgress,
    TaskUpdate,
)
from theodoi.tracking.permissions import (
    DENIED,
    can_coordinate,
    can_read_plan_reports,
    can_read_report,
    can_write_report,
    user_agency_id,
)
from theodoi.tracking.progress import COUNTED, task_deadline

REPORT_FORM_HISTORY = 3  # earlier periods shown under each task of a report form (the task page has all)
WEEKLY_LOOKBACK_DAYS = 35


# --- one report ------------------------------------------------------------------------------


def report_get_for_user(*, user: Any, pk: int) -> ProgressReport:
    """Return report ``pk`` if ``user`` may read it; Http404 if there is none, PermissionDenied if not theirs."""
    report = ProgressReport.objects.select_related("plan__unit__parent", "agency").filter(pk=pk).first()
    if report is None:
        raise Http404("Không tìm thấy báo cáo.")
    if not can_read_report(user, report):
        raise PermissionDenied(DENIED)
    return report


# --- the reporter's side ---------------------------------------------------------------------


@dataclass(frozen=True)
class OpenReport:
    """A report an agency owes for a period, with its row if the form was opened."""

    obligation: Obligation
    report: ProgressReport | None

    @property
    def plan(self) -> Plan | None:
        return self.obligation.plan

    @property
    def period(self) -> rules.Period:
        return self.obligation.period

    @property
    def status(self) -> str:
        return self.report.status if self.report is not None else "missing"

    @property
    def status_label(self) -> str:
        return self.report.get_status_display() if self.report is not None else "Chưa lập"

    def is_late(self, *, at: dt.datetime) -> bool:
        if self.report is not None:
            return self.report.is_late(at=at)
        return at > self.period.due_at


# What the inbox shows of a report: its status and whether it came late.
INBOX_REPORT_FIELDS = ("id", "plan_id", "agency_id", "cadence", "period", "status", "submitted_at", "due_at")


def _reports_for(
    obligations: list[Obligation], *, fields: tuple[str, ...] | None = None
) -> dict[tuple[int, int, str, str], ProgressReport]:
    """Return the reports answering ``obligations`` by key (one query); only ``fields`` when given."""
    if not obligations:
        return {}
    rows = ProgressReport.objects.filter(
        plan_id__in={o.plan_id for o in obligations},
        agency_id__in={o.agency_id for o in obligations},
        period__in={o.period.key for o in obligations},
    )
    rows = rows.only(*fields) if fields else rows.select_related("agency")
    return {(r.plan_id, r.agency_id, r.cadence, r.period): r for r in rows}


def reporter_open_reports(*, user: Any, on: dt.date, lookback_days: int = 190) -> list[OpenReport]:
    """Return the reports the user's agency owes: periods begun by ``on`` and not yet accepted.

    Periods are looked for from ``lookback_days`` back; a report returned to the agency stays
    open however old; unopened weekly periods only for the last five weeks. Soonest due first. Six queries whatever the number of plans and periods.
    """
    agency_id = user_agency_id(user)
    if agency_id is None:
        return []
    owed = [
        o
        for o in cal.obligations(start=on - dt.timedelta(days=lookback_days), end=on, agency_ids=[agency_id])
        if o.period.start <= on
    ]
    reports = _reports_for(owed)
    out = [OpenReport(o, reports.get(o.key)) for o in owed]
    listed = {o.key for o in owed}
    returned = ProgressReport.objects.filter(
        agency_id=agency_id, status=ReportStatus.RETURNED
    ).select_related("agency", "plan")
    for report in returned:
        key = (report.plan_id, report.agency_id, report.cadence, report.period)
        if key not in listed:
            period = rules.Period(
                report.cadence, report.period, report.period_start, report.period_end, report.due_at
            )
            out.append(OpenReport(Obligation(report.plan_id, agency_id, period, report.plan), report))
    # Weekly reports matter for a few weeks; an old unopened week is noise on the list.
    recent = on - dt.timedelta(days=WEEKLY_LOOKBACK_DAYS)
    out = [
        r
        for r in out
        if r.status != ReportStatus.ACCEPTED
        and (r.report is not None or r.period.cadence != rules.WEEKLY or r.period.end >= recent)
    ]
    out.sort(key=lambda r: (r.period.due_at, r.obligation.plan_id, r.period.cadence))
    return out


@dataclass
class TaskRow:
    """One task on the reporter's form: the agency's update, partners' contributions, its status."""

    task: Task
    update: TaskUpdate | None
    contributions: list[PartnerContribution]
    evidence: list[Evidence]
    status: rules.TaskStatus
    history: list[TaskUpdate] = field(default_factory=list)  # the last earlier periods, newest first
    more_history: bool = False  # earlier periods beyond ``history`` (on the task's page)

    @property
    def status_label(self) -> str:
        return self.status.label


@dataclass
class IndicatorRow:
    indicator: Indicator
    value: IndicatorValue | None
    expects: str  # "number", "boolean", "text"
    previous: IndicatorValue | None
    met: bool | None
    trend: rules.Trend


@dataclass
class ReportForm:
    """Everything the reporter's form for one report shows, loaded in a fixed number of queries."""

    report: ProgressReport
    tasks: list[TaskRow]
    indicators: list[IndicatorRow]
    evidence: list[Evidence]  # files attached to the report as a whole
    can_edit: bool
    period: rules.Period


def report_form(*, report: ProgressReport, user: Any, on: dt.date | None = None) -> ReportForm:
    """Return the form data of ``report`` for ``user`` (who must be able to read it).

    Queries: tasks, their assignments, updates (this and earlier reports), contributions,
    evidence, indicators, values (this and earlier reports): a fixed count.
    """
    if not can_read_report(user, report):
        raise PermissionDenied(DENIED)
    on = on or timezone.localdate()
    tasks = list(
        Task.objects.filter(
            plan_id=report.plan_id,
            pk__in=TaskAgency.objects.filter(agency_id=report.agency_id, role=AgencyRole.LEAD).values(
                "task_id"
            ),
        )
        .select_related("section")
        .prefetch_related(Prefetch("assignments", queryset=TaskAgency.objects.select_related("agency")))
        .order_by("position", "id")
    )
    task_ids = [t.pk for t in tasks]
    updates_by_task: dict[int, list[TaskUpdate]] = defaultdict(list)
    # The newest REPORT_FORM_HISTORY earlier periods per task, one more to tell whether there
    # are more, and this report's own row: years of weekly rows per task would otherwise be
    # loaded on every form.
    for u in (
        TaskUpdate.objects.filter(task_id__in=task_ids, report__agency_id=report.agency_id)
        .filter(Q(report=report) | Q(report__status__in=COUNTED, report__period_end__lte=report.period_end))
        .select_related("report")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("task_id")],
                order_by=[
                    F("report__period_end").desc(),
                    F("report__last_submitted_at").desc(),
                    F("id").desc(),
                ],
            )
        )
        .filter(rank__lte=REPORT_FORM_HISTORY + 2)
        .order_by("-report__period_end", "-report__last_submitted_at", "-id")
    ):
        updates_by_task[u.task_id].append(u)
    contributions: dict[int, list[PartnerContribution]] = defaultdict(list)
    for c in PartnerContribution.objects.filter(task_id__in=task_ids, period=report.period).select_related(
        "agency"
    ):
        contributions[c.task_id].append(c)
    files: dict[int | None, list[Evidence]] = defaultdict(list)
    for e in Evidence.objects.filter(report=report, removed_at__isnull=True):
        files[e.task_id].append(e)
    period = rules.Period(
        report.cadence, report.period, report.period_start, report.period_end, report.due_at
    )
    rows = []
    for task in tasks:
        mine = next((u for u in updates_by_task[task.pk] if u.report_id == report.pk), None)
        earlier = [u for u in updates_by_task[task.pk] if u.report_id != report.pk]
        rows.append(
            TaskRow(
                task=task,
                update=mine,
                contributions=contributions[task.pk],
                evidence=files[task.pk],
                status=_judge(task, ([mine] if mine else []) + earlier, on=on, period=period),
                history=earlier[:REPORT_FORM_HISTORY],
                more_history=len(earlier) > REPORT_FORM_HISTORY,
            )
        )
    indicators = list(
        Indicator.objects.filter(
            plan_id=report.plan_id,
            pk__in=IndicatorAgency.objects.filter(agency_id=report.agency_id).values("indicator_id"),
        ).order_by("position", "id")
    )
    values: dict[int, list[IndicatorValue]] = defaultdict(list)
    for v in (
        IndicatorValue.objects.filter(indicator__in=indicators, report__agency_id=report.agency_id)
        .filter(Q(report=report) | Q(report__status__in=COUNTED, report__period_end__lt=report.period_end))
        .select_related("report")
        .order_by("report__period_end", "id")
    ):
        values[v.indicator_id].append(v)
    # rules live with the writes
    from theodoi.tracking.services.values import indicator_expects, indicator_target

    indicator_rows = []
    for ind in indicators:
        mine_v = next((v for v in values[ind.pk] if v.report_id == report.pk), None)
        earlier_v = [v for v in values[ind.pk] if v.report_id != report.pk]
        latest = mine_v.value if mine_v is not None else (earlier_v[-1].value if earlier_v else None)
        history = [v.value for v in earlier_v] if mine_v is not None else [v.value for v in earlier_v[:-1]]
        op, target, target_max = indicator_target(ind)
        met, trend = rules.indicator_progress(
            op=op, value=target, value_max=target_max, latest=latest, history=history
        )
        indicator_rows.append(
            IndicatorRow(
                indicator=ind,
                value=mine_v,
                expects=indicator_expects(ind),
                previous=earlier_v[-1] if earlier_v else None,
                met=met,
                trend=trend,
            )
        )
    return ReportForm(
        report=report,
        tasks=rows,
        indicators=indicator_rows,
        evidence=files[None],
        can_edit=report.is_editable and can_write_report(user, report),
        period=period,
    )


@dataclass
class PartnerTaskRow:
    """A task the user's agency partners on (phối hợp), with its contribution for the period."""

    task: Task
    contribution: PartnerContribution | None

    @property
    def version(self) -> int:
        """Return the version a contribution form sends back (0 for a first contribution)."""
        return self.contribution.version if self.contribution is not None else 0


def partner_tasks(*, user: Any, period: str) -> list[PartnerTaskRow]:
    """Return the tasks of active plans the user's agency partners on, with its contribution (three queries)."""
    agency_id = user_agency_id(user)
    if agency_id is None:
        return []
    tasks = list(
        Task.objects.filter(
            plan__status=PlanStatus.ACTIVE,
            pk__in=TaskAgency.objects.filter(agency_id=agency_id, role=AgencyRole.PARTNER).values("task_id"),
        )
        .select_related("plan")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=TaskAgency.objects.filter(role=AgencyRole.LEAD).select_related("agency"),
            )
        )
        .order_by("plan__date", "plan_id", "position", "id")
    )
    mine = {
        c.task_id: c
        for c in PartnerContribution.objects.filter(task__in=tasks, agency_id=agency_id, period=period)
    }
    return [PartnerTaskRow(t, mine.get(t.pk)) for t in tasks]


# --- task status in bulk ---------------------------------------------------------------------


@dataclass
class TaskStatusRow:
    task: Task
    status: rules.TaskStatus
    percent: int
    latest: TaskUpdate | None
    lead_ids: list[int]
    period: rules.Period | None  # the period judged, for recurring and continuous tasks

    @property
    def status_label(self) -> str:
        return self.status.label


def _judge(
    task: Task, updates: list[TaskUpdate], *, on: dt.date, period: rules.Period | None = None
) -> rules.TaskStatus:
    """Judge a task from its updates, newest first; per period for recurring and continuous tasks."""
    deadline = task_deadline(task)
    period_due = None
    if rules.is_per_period(deadline, on=on):
        if period is None:
            period = rules.period_for_key(rules.period_containing(rules.task_cadence(deadline), on)[0], "")
        updates = [
            u for u in updates if u.report.period_start <= period.end and u.report.period_end >= period.start
        ]
        period_due = period.end
    latest = updates[0] if updates else None
    reported = None
    if latest is not None:
        reported = rules.ReportedWork(
            status=latest.status,
            percent=latest.percent,
            done_on=latest.done_on,
            submitted_on=timezone.localtime(latest.report.last_submitted_at or timezone.now()).date(),
        )
    return rules.judge_task(deadline=deadline, reported=reported, on=on, period_due=period_due)


def task_statuses(*, plan: Plan, on: dt.date) -> dict[int, TaskStatusRow]:
    """Return every task's status on ``on`` from the submitted and accepted reports (four queries).

    A recurring or continuous task is judged over its own cadence's period that holds ``on``
    (quarterly for "thường xuyên"). Today (or later) the newest updates are the tasks'
    ``TaskProgress`` rows; an earlier day reads them from the updates.
    """
    tasks = list(
        Task.objects.filter(plan=plan)
        .prefetch_related(Prefetch("assignments", queryset=TaskAgency.objects.filter(role=AgencyRole.LEAD)))
        .order_by("position", "id")
    )
    if on >= timezone.localdate():
        progress.task_progress_fill_missing(plans=Plan.objects.filter(pk=plan.pk))
        newest = {
            row.task_id: row.update
            for row in TaskProgress.objects.filter(plan=plan, update__isnull=False).select_related(
                "update__report"
            )
        }
    else:
        # Only each task's newest counted update is judged (for a per-period task the newest
        # overlaps the judged period whenever any does, since every update read starts on or
        # before ``on``), so only that one is read: years of weekly updates stay in the database.
        ids = [
            u.update_id
            for u in progress.newest_counted(TaskUpdate.objects.filter(task__plan=plan), on=on).values()
        ]
        newest = {u.task_id: u for u in TaskUpdate.objects.filter(pk__in=ids).select_related("report")}
    out = {}
    for task in tasks:
        deadline = task_deadline(task)
        judged = None
        if rules.is_per_period(deadline, on=on):
            judged = rules.period_for_key(rules.period_containing(rules.task_cadence(deadline), on)[0], "")
        latest = newest.get(task.pk)
        rows = [latest] if latest is not None else []
        out[task.pk] = TaskStatusRow(
            task=task,
            status=_judge(task, rows, on=on, period=judged),
            percent=latest.percent if latest else 0,
            latest=latest,
            lead_ids=[a.agency_id for a in task.assignments.all()],
            period=judged,
        )
    return out


@dataclass
class IndicatorProgressRow:
    """An indicator of a plan judged on a day: latest value against the next horizon's target."""

    indicator: Indicator  # the row of the next horizon (its target is the one judged against)
    horizons: list[Indicator]  # every horizon the plan sets for it, earliest first
    latest: IndicatorValue | None
    met: bool | None
    trend: rules.Trend


def indicator_progress_for_plan(*, plan: Plan, on: dt.date) -> list[IndicatorProgressRow]:
    """Return each indicator of ``plan`` with its latest stated value, met or not, and its trend (two queries).

    A plan sets the same indicator for several horizons (2025, 2030 ...): the rows with the same
    name and unit are one indicator, values reported against any of them count, and the
    target judged is that of the first horizon not yet past on ``on`` (the last one after that).
    """
    from theodoi.tracking.services.values import indicator_target

    groups: dict[tuple[str, str], list[Indicator]] = defaultdict(list)
    for ind in Indicator.objects.filter(plan=plan).order_by("horizon", "position", "id"):
        groups[(fold(ind.name), fold(ind.unit))].append(ind)
    values: dict[int, list[IndicatorValue]] = defaultdict(list)
    for v in (
        IndicatorValue.objects.filter(
            indicator__plan=plan, report__status__in=COUNTED, report__period_start__lte=on
        )
        .filter(Q(number__isnull=False) | Q(boolean__isnull=False))
        .select_related("report")
        .order_by("report__period_end", "report__last_submitted_at", "id")
    ):
        values[v.indicator_id].append(v)
    out = []
    for rows in groups.values():
        target = next((i for i in rows if i.horizon is None or i.horizon >= on.year), rows[-1])
        stated = sorted(
            (v for i in rows for v in values[i.pk]),
            key=lambda v: (v.report.period_end, v.report.last_submitted_at or v.report.created_at, v.pk),
        )
        op, value, value_max = indicator_target(target)
        met, trend = rules.indicator_progress(
            op=op,
            value=value,
            value_max=value_max,
            latest=stated[-1].value if stated else None,
            history=[v.value for v in stated[:-1]],
        )
        out.append(IndicatorProgressRow(target, rows, stated[-1] if stated else None, met, trend))
    out.sort(key=lambda r: (r.horizons[0].position, r.horizons[0].pk))
    return out


# --- the coordinator's inbox -----------------------------------------------------------------


@dataclass
class InboxRow:
    obligation: Obligation
    agency: Agency
    report: ProgressReport | None
    late: bool

    @property
    def status(self) -> str:
        return self.report.status if self.report is not None else "missing"


@dataclass
class InboxPeriod:
    """One plan's period in the inbox: who sent, who is missing, who is late."""

    plan: Plan
    period: rules.Period
    rows: list[InboxRow]

    @property
    def submitted(self) -> list[InboxRow]:
        return [r for r in self.rows if r.status in COUNTED]

    @property
    def missing(self) -> list[InboxRow]:
        return [r for r in self.rows if r.status not in COUNTED]

    @property
    def late(self) -> list[InboxRow]:
        return [r for r in self.rows if r.late and r.status not in COUNTED]


@dataclass
class Inbox:
    to_review: list[ProgressReport]  # submitted, awaiting accept / return
    periods: list[InboxPeriod]
    amendments: list[Amendment]  # proposed, awaiting a decision

    @property
    def missing(self) -> list[InboxRow]:
        return [r for p in self.periods for r in p.missing]

    @property
    def late(self) -> list[InboxRow]:
        return [r for p in self.periods for r in p.late]


def _coordinated_plans(user: Any) -> QuerySet[Plan]:
    scope = scope_for(user)
    plans = Plan.objects.filter(status=PlanStatus.ACTIVE)
    if scope.everything:
        return plans
    role = scope.profile.role if scope.profile else None
    if role not in (Role.COORDINATOR, Role.LEADER) or scope.province_id is None:
        return plans.none()
    return plans.filter(province_q("unit", scope.province_id))


def coordinator_inbox(
    *,
    user: Any,
    at: dt.datetime | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    plan: Plan | None = None,
    cadence: str | None = None,
) -> Inbox:
    """Return the inbox of a coordinator (or what a leader or central viewer may read).

    Periods shown: those whose due moment falls between ``start`` (default 120 days back) and
    ``end`` (default 31 days ahead). Fixed number of queries whatever the number of agencies,
    reports and periods.
    """
    at = at or timezone.now()
    today = timezone.localtime(at).date()
    start = start or today - dt.timedelta(days=120)
    end = end or today + dt.timedelta(days=31)
    plans = _coordinated_plans(user)
    if plan is not None:
        plans = plans.filter(pk=plan.pk)
    owed = [
        o
        for o in cal.obligations(start=start - dt.timedelta(days=366), end=end, plans=plans)
        if start <= timezone.localtime(o.period.due_at).date() <= end
        and (cadence is None or o.cadence == cadence)
    ]
    reports = _reports_for(owed, fields=INBOX_REPORT_FIELDS)
    agencies = Agency.objects.in_bulk({o.agency_id for o in owed})
    grouped: dict[tuple[int, str, str], list[InboxRow]] = defaultdict(list)
    for o in owed:
        report = reports.get(o.key)
        late = report.is_late(at=at) if report is not None else at > o.period.due_at
        grouped[(o.plan_id, o.cadence, o.period.key)].append(InboxRow(o, agencies[o.agency_id], report, late))
    periods = [
        InboxPeriod(rows[0].obligation.plan, rows[0].obligation.period, rows) for rows in grouped.values()
    ]
    periods.sort(key=lambda p: (p.period.due_at, p.plan.pk, p.period.cadence), reverse=True)
    to_review = list(
        ProgressReport.objects.filter(plan__in=plans, status=ReportStatus.SUBMITTED)
        .select_related("agency", "plan", "submitted_by")
        .order_by("last_submitted_at", "id")
    )
    amendments = list(
        Amendment.objects.filter(task__plan__in=plans, status=AmendmentStatus.PROPOSED)
        .select_related("task__plan", "agency", "proposed_by")
        .order_by("proposed_at", "id")
    )
    return Inbox(to_review=to_review, periods=periods, amendments=amendments)


def plan_reports(*, user: Any, plan: Plan) -> QuerySet[ProgressReport]:
    """Return every report on ``plan`` the user may read (all for the province's readers, else its own)."""
    rows = (
        ProgressReport.objects.filter(plan=plan)
        .select_related("agency", "plan")
        .order_by("-period_end", "agency__name")
    )
    if can_read_plan_reports(user, plan):
        return rows
    agency_id = user_agency_id(user)
    return rows.filter(agency_id=agency_id) if agency_id is not None else rows.none()


# --- amendments ------------------------------------------------------------------------------


def amendments_for_user(*, user: Any, status: str | None = None) -> QuerySet[Amendment]:
    """Return amendments the user may see: its agency's, or its province's plans'."""
    rows = Amendment.objects.select_related("task__plan", "agency", "proposed_by", "decided_by")
    if status:
        rows = rows.filter(status=status)
    agency_id = user_agency_id(user)
    if agency_id is not None:
        return rows.filter(agency_id=agency_id)
    return rows.filter(task__plan__in=_coordinated_plans(user))


def can_decide(*, user: Any, amendment: Amendment) -> bool:
    return can_coordinate(user, amendment.task.plan)


def amendment_get_for_user(*, user: Any, pk: int) -> Amendment:
    """Return amendment ``pk`` if the user's agency proposed it or the user reads its plan's province."""
    row = (
        Amendment.objects.select_related("task__plan__unit__parent", "agency", "proposed_by", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if row is None:
        raise Http404("Không tìm thấy đề xuất điều chỉnh.")
    if row.agency_id != user_agency_id(user) and not can_read_plan_reports(user, row.task.plan):
        raise PermissionDenied(DENIED)
    return row


def evidence_get_for_user(*, user: Any, pk: int) -> Evidence:
    """Return proof file ``pk`` for download if the user may read its report (files are never public)."""
    row = (
        Evidence.objects.select_related("report__plan__unit__parent")
        .filter(pk=pk, removed_at__isnull=True)
        .first()
    )
    if row is None:
        raise Http404("Không tìm thấy tệp minh chứng.")
    if not can_read_report(user, row.report):
        raise PermissionDenied(DENIED)
    return row


def chase_ups_for(*, user: Any, limit: int = 100) -> list[ChaseUp]:
    """Return the chase-ups the user's agency received, or those sent on the plans the user reads."""
    rows = ChaseUp.objects.select_related("agency", "plan", "sent_by")
    agency_id = user_agency_id(user)
    if agency_id is not None:
        return list(rows.filter(agency_id=agency_id)[:limit])
    return list(rows.filter(plan__in=_coordinated_plans(user))[:limit])


# --- history ---------------------------------------------------------------------------------


def object_history(*, obj: Model) -> list[AuditEvent]:
    """Return the audit trail of one object, newest first (who, when, before, after)."""
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related(
            "actor"
        )
    )


@dataclass
class TaskHistory:
    chain: list[Task]  # the task, then the tasks it carries on from (older plans), newest first
    updates: list[TaskUpdate]  # submitted and accepted reports' rows over the chain, newest first
    events: list[AuditEvent]  # changes to the tasks themselves (amendments applied ...)
    amendments: list[Amendment]


def task_chain(task: Task, *, limit: int = 10) -> list[Task]:
    """Return ``task`` and its predecessors through ``carried_from`` (issue 5), newest first."""
    chain, seen = [task], {task.pk}
    current = task
    while current.carried_from_id is not None and current.carried_from_id not in seen and len(chain) < limit:
        current = Task.objects.select_related("plan").get(pk=current.carried_from_id)
        chain.append(current)
        seen.add(current.pk)
    return chain


def task_history(*, task: Task) -> TaskHistory:
    """Return what was reported and changed on a task, including on the tasks it carries on from."""
    chain = task_chain(task)
    ids = [t.pk for t in chain]
    updates = list(
        TaskUpdate.objects.filter(task_id__in=ids, report__status__in=COUNTED)
        .select_related("report__agency", "report__plan", "task")
        .order_by("-report__period_end", "-id")
    )
    events = list(
        AuditEvent.objects.filter(
            object_type=Task._meta.label_lower, object_id__in=[str(i) for i in ids]
        ).select_related("actor")
    )
    amendments = list(
        Amendment.objects.filter(task_id__in=ids).select_related("agency", "proposed_by", "decided_by")
    )
    return TaskHistory(chain=chain, updates=updates, events=events, amendments=amendments)


# --- notifications ---------------------------------------------------------------------------


def notifications_for(*, user: Any, unread_only: bool = False, limit: int = 50) -> list[Notification]:
    rows = Notification.objects.filter(user_id=user.pk, in_app=True)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return list(rows[:limit])


def unread_count(*, user: Any) -> int:
    return Notification.objects.filter(user_id=user.pk, in_app=True, read_at__isnull=True).count()


def preferences_for(*, user: Any) -> dict[str, dict[str, Any]]:
    """Return every notification kind with its label and the channels the user wants."""
    stored = {p.kind: p for p in NotificationPreference.objects.filter(user_id=user.pk)}
    return {
        kind: {
            "label": label,
            "email": stored[kind].email if kind in stored else True,
            "in_app": stored[kind].in_app if kind in stored else True,
        }
        for kind, label in NotificationKind.choices
    }
