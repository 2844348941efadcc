"""Reads the API serves, with their joins in one place (query counts pinned in tests/api).

Public reads show published plans only: active and superseded, never drafts. A province's
list holds the plans of the units merged into it (Gia Lai lists Bình Định's plans) and of
its communes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from theodoi.accounts.scope import province_q
from theodoi.directory.models import AdministrativeUnit, Agency, UnitLevel
from theodoi.plans import selectors as plan_selectors
from theodoi.plans.models import (
    AgencyRole,
    Indicator,
    Plan,
    PlanReference,
    PlanStatus,
    ReportingDuty,
    Section,
    Task,
    TaskAgency,
)
from theodoi.tracking.models import IndicatorValue, ProgressReport, TaskUpdate
from theodoi.tracking.permissions import user_agency_id
from theodoi.tracking.rules import TaskStatus
from theodoi.tracking.selectors import COUNTED, task_statuses

PUBLISHED = (PlanStatus.ACTIVE, PlanStatus.SUPERSEDED)


def public_plans() -> QuerySet[Plan]:
    """Return the published plans (not drafts), newest first, with unit and counts."""
    return plan_selectors.plan_list().filter(status__in=PUBLISHED)


def public_plan_list(
    *, province: AdministrativeUnit | None = None, level: str = "", status: str = "", year: int | None = None
) -> QuerySet[Plan]:
    """Return published plans filtered as the list endpoint allows, in a stable order."""
    rows = public_plans()
    if province is not None:
        rows = rows.filter(province_q("unit", province.pk))
    if level:
        rows = rows.filter(level=level)
    if status:
        rows = rows.filter(status=status)
    if year is not None:
        rows = rows.filter(date__year=year)
    return rows.order_by("-date", "number", "id")


def public_plan_get(*, pk: int) -> Plan | None:
    """Return published plan ``pk`` with what its detail shows, or None (drafts do not exist here)."""
    return (
        public_plans()
        .prefetch_related(
            Prefetch("references", queryset=PlanReference.objects.select_related("target")),
            Prefetch("reporting_duties", queryset=ReportingDuty.objects.order_by("position", "id")),
        )
        .filter(pk=pk)
        .first()
    )


def plan_sections(*, plan: Plan) -> QuerySet[Section]:
    """Return a plan's sections in order with their task counts."""
    return Section.objects.filter(plan=plan).annotate(task_count=Count("tasks")).order_by("position", "id")


def plan_task_list(
    *,
    plan: Plan,
    section: str = "",
    lead_agency_id: int | None = None,
    deadline_kind: str = "",
    status_ids: list[int] | None = None,
) -> QuerySet[Task]:
    """Return a plan's tasks filtered as the endpoint allows (``status_ids`` from the statuses)."""
    rows = plan_selectors.plan_tasks(plan=plan)
    if section:
        rows = rows.filter(Q(section__code=section) | Q(section__isnull=True, section_code=section))
    if lead_agency_id is not None:
        leads = TaskAgency.objects.filter(agency_id=lead_agency_id, role=AgencyRole.LEAD).values("task_id")
        rows = rows.filter(pk__in=leads)
    if deadline_kind:
        rows = rows.filter(deadline_kind=deadline_kind)
    if status_ids is not None:
        rows = rows.filter(pk__in=status_ids)
    return rows


def plan_task_statuses(*, plan: Plan, on: dt.date) -> dict[int, Any]:
    """Return every task's computed status on ``on`` (tracking's five statuses), by task id."""
    return task_statuses(plan=plan, on=on)


def progress_summary(statuses: dict[int, Any]) -> dict[str, int]:
    """Count tasks per status, every status present (0 when none)."""
    counts = {s.value: 0 for s in TaskStatus}
    for row in statuses.values():
        counts[row.status.value] += 1
    return counts


def plan_indicator_list(*, plan: Plan, horizon: int | None = None) -> QuerySet[Indicator]:
    rows = plan_selectors.plan_indicators(plan=plan)
    if horizon is not None:
        rows = rows.filter(horizon=horizon)
    return rows


def province_list() -> QuerySet[AdministrativeUnit]:
    """Return the provinces in force and the ones merged away, with their predecessors."""
    return (
        AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
        .select_related("successor")
        .prefetch_related(
            Prefetch("predecessors", queryset=AdministrativeUnit.objects.order_by("name", "id"))
        )
        .order_by("name", "id")
    )


def agency_list(
    *, province: AdministrativeUnit | None = None, kind: str = "", search: str = ""
) -> QuerySet[Agency]:
    """Return active agencies (with their unit), by unit and name; ``province`` includes merged units."""
    rows = Agency.objects.filter(is_active=True).select_related("unit")
    if province is not None:
        rows = rows.filter(province_q("unit", province.pk))
    if kind:
        rows = rows.filter(kind=kind)
    if search.strip():
        rows = rows.filter(Q(name__icontains=search.strip()) | Q(short_name__icontains=search.strip()))
    return rows.order_by("unit__name", "name", "id")


def agency_reports(
    *, user: Any, plan_id: int | None = None, period: str = "", status: str = "", cadence: str = ""
) -> QuerySet[ProgressReport]:
    """Return the reports of the user's agency only (none for a user with no agency)."""
    agency_id = user_agency_id(user)
    if agency_id is None:
        return ProgressReport.objects.none()
    rows = ProgressReport.objects.filter(agency_id=agency_id).select_related("agency", "plan")
    if plan_id is not None:
        rows = rows.filter(plan_id=plan_id)
    if period:
        rows = rows.filter(period=period)
    if status:
        rows = rows.filter(status=status)
    if cadence:
        rows = rows.filter(cadence=cadence)
    return rows.order_by("-period_end", "plan_id", "cadence", "id")


def agency_report_get(*, user: Any, pk: int) -> ProgressReport | None:
    """Return report ``pk`` if it is the user's agency's, else None (another agency's is 404).

    Only the report row with its plan and agency: what a write needs before the service locks
    the row, and the head of the detail (its rows come from ``report_rows``). Unordered: the
    model's ordering compiled for a one-row look-up was a tenth of a submission's CPU.
    """
    agency_id = user_agency_id(user)
    if agency_id is None:
        return None
    rows = (
        ProgressReport.objects.select_related("plan", "agency").filter(pk=pk, agency_id=agency_id).order_by()
    )
    return next(iter(rows[:1]), None)


def report_rows(
    *, report: ProgressReport, task_fields: tuple[str, ...], indicator_fields: tuple[str, ...]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the report's task rows (with ``task_code``) and indicator values as plain dicts
    of the fields asked for, in the plan's order.

    Plain values, not model instances: the detail sends them back after every draft save and
    submission, where building a TaskUpdate and its Task per row was a good part of the cost.
    """
    tasks = (
        TaskUpdate.objects.filter(report=report)
        .annotate(task_code=F("task__code"))
        .order_by("task__position", "task_id")
    )
    indicators = IndicatorValue.objects.filter(report=report).order_by("indicator__position", "indicator_id")
    return list(tasks.values(*task_fields)), list(indicators.values(*indicator_fields))


def plan_indicator_values(*, plan: Plan, indicator_id: int | None = None) -> QuerySet[IndicatorValue]:
    """Return the values agencies stated for a plan's indicators in submitted or accepted
    reports (drafts are not facts yet), oldest period first: the series a chart draws."""
    rows = IndicatorValue.objects.filter(indicator__plan=plan, report__status__in=COUNTED).select_related(
        "report"
    )
    if indicator_id is not None:
        rows = rows.filter(indicator_id=indicator_id)
    return rows.order_by(
        "indicator__position", "indicator_id", "report__period_end", "report__agency_id", "id"
    )
