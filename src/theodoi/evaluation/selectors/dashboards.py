"""The province dashboard: task, indicator and reporting figures of a period, narrowed by plan,
section and agency, in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from theodoi.directory.models import AdministrativeUnit, Agency
from theodoi.evaluation.selectors.compliance import (
    COMPLIANCE_LABELS,
    COMPLIANCES,
    compliance_counts_by,
    compliance_rate,
)
from theodoi.evaluation.selectors.indicators import indicator_standings, standing_counts
from theodoi.evaluation.selectors.judging import STATUS_SLUGS, STATUSES, JudgedTask
from theodoi.evaluation.selectors.periods import EvaluationPeriod
from theodoi.evaluation.selectors.scope import province_plans
from theodoi.evaluation.selectors.task_counts import task_figures
from theodoi.plans.models import (
    Plan,
    Section,
)
from theodoi.tracking.rules import TaskStatus
from theodoi.tracking.standings import (
    STANDING_LABELS,
    STANDING_SLUGS,
    STANDINGS,
    IndicatorStanding,
)


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
