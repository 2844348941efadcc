"""The reporting calendar (lịch báo cáo): which agency owes which report, and when.

From every active plan's reporting duties (``ReportingDuty``): for each periodic cadence the
plan names, every agency that leads a task (chủ trì) or monitors an indicator (theo dõi chỉ
tiêu) in it owes one report per period, due at the moment the plan's wording gives
(``rules.periods_for``). A plan that names no periodic duty gets ``DEFAULT_CADENCES``.
Collective mentions ("các sở, ban, ngành") are not agencies that can report, so they owe none.

Public holidays move no due date unless ``settings.TRACKING_HOLIDAYS`` lists them (ISO dates);
then a due day falling on one moves to the next day that is not.

The calendar is computed, not stored: a report row exists once an agency opens its form,
and "missing" is an obligation without a submitted report.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from theodoi.directory.models import AgencyKind
from theodoi.plans.models import AgencyRole, IndicatorAgency, Plan, PlanStatus, ReportingDuty, TaskAgency
from theodoi.tracking import rules
from theodoi.tracking.rules import ANNUAL, PERIODIC_CADENCES, QUARTERLY, Period

DEFAULT_CADENCES = (QUARTERLY, ANNUAL)


@dataclass(frozen=True)
class Obligation:
    """One report an agency owes on a plan for one period (nghĩa vụ báo cáo)."""

    plan_id: int
    agency_id: int
    period: Period
    plan: Plan | None = field(default=None, compare=False, hash=False, repr=False)

    @property
    def cadence(self) -> str:
        return self.period.cadence

    @property
    def key(self) -> tuple[int, int, str, str]:
        """Return the identity a ``ProgressReport`` row has: (plan, agency, cadence, period)."""
        return (self.plan_id, self.agency_id, self.period.cadence, self.period.key)


def holidays() -> tuple[dt.date, ...]:
    """Return the configured public holidays that move due dates (none by default)."""
    return tuple(
        d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))
        for d in getattr(settings, "TRACKING_HOLIDAYS", ())
    )


def duty_rules(duties: Iterable[ReportingDuty]) -> dict[str, str]:
    """Return the printed due rule per periodic cadence of a plan's duties.

    A plan may name a cadence twice (yearly to the Department, yearly to the People's
    Committee); the first wording that reads as a rule wins, else the first one.
    """
    out: dict[str, str] = {}
    defaulted: set[str] = set()
    for duty in duties:
        if duty.cadence not in PERIODIC_CADENCES:
            continue
        readable = not rules.parse_due_rule(duty.cadence, duty.due_text).is_default
        if duty.cadence not in out or (readable and duty.cadence in defaulted):
            out[duty.cadence] = duty.due_text
            if readable:
                defaulted.discard(duty.cadence)
            else:
                defaulted.add(duty.cadence)
    return out or dict.fromkeys(DEFAULT_CADENCES, "")


def plan_period(*, plan: Plan, cadence: str, period_key: str) -> Period:
    """Return one period of a plan with its due moment under the plan's rule (one query)."""
    rule_text = duty_rules(plan.reporting_duties.all()).get(cadence, "")
    period = rules.period_for_key(period_key, rule_text, holidays=holidays())
    if period.cadence != cadence:
        raise ValueError(f"period {period_key!r} is not {cadence}")
    return period


def active_plans() -> QuerySet[Plan]:
    return Plan.objects.filter(status=PlanStatus.ACTIVE)


def obligations(
    *,
    start: dt.date,
    end: dt.date,
    plans: QuerySet[Plan] | None = None,
    agency_ids: Iterable[int] | None = None,
) -> list[Obligation]:
    """Return every report owed for periods overlapping [start, end], in a fixed number of queries.

    ``plans`` narrows to some plans (active ones by default); ``agency_ids`` to some agencies.
    A plan's periods start no earlier than the plan's date.
    """
    rows = (
        (plans if plans is not None else active_plans())
        .select_related("unit__parent")
        .prefetch_related(
            Prefetch("reporting_duties", queryset=ReportingDuty.objects.order_by("position", "id"))
        )
    )
    plan_list = list(rows)
    if not plan_list:
        return []
    owing: dict[int, set[int]] = defaultdict(set)
    wanted = set(agency_ids) if agency_ids is not None else None
    leads = TaskAgency.objects.filter(task__plan__in=[p.pk for p in plan_list], role=AgencyRole.LEAD)
    monitors = IndicatorAgency.objects.filter(indicator__plan__in=[p.pk for p in plan_list])
    for mentions, plan_field in ((leads, "task__plan_id"), (monitors, "indicator__plan_id")):
        mentions = mentions.exclude(agency__kind=AgencyKind.COLLECTIVE).exclude(agency__is_active=False)
        if wanted is not None:
            mentions = mentions.filter(agency_id__in=wanted)
        for plan_id, agency_id in mentions.values_list(plan_field, "agency_id").distinct():
            owing[plan_id].add(agency_id)
    closed = holidays()
    out: list[Obligation] = []
    for plan in plan_list:
        if not owing.get(plan.pk):
            continue
        first = max(start, plan.date) if plan.date else start
        for cadence, rule_text in duty_rules(plan.reporting_duties.all()).items():
            for period in rules.periods_for(cadence, rule_text, start=first, end=end, holidays=closed):
                out.extend(
                    Obligation(plan.pk, agency_id, period, plan) for agency_id in sorted(owing[plan.pk])
                )
    out.sort(key=lambda o: (o.period.due_at, o.plan_id, o.agency_id, o.cadence))
    return out


def owes(*, plan: Plan, agency_id: int) -> bool:
    """Tell whether an agency owes reports on a plan: it leads a task or monitors an indicator."""
    return (
        TaskAgency.objects.filter(task__plan=plan, agency_id=agency_id, role=AgencyRole.LEAD).exists()
        or IndicatorAgency.objects.filter(indicator__plan=plan, agency_id=agency_id).exists()
    )
