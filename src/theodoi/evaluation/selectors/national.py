"""The national view: every province in force side by side (plans, task mix, reporting, indicators)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone

from theodoi.directory.models import AdministrativeUnit, UnitLevel
from theodoi.evaluation.selectors.compliance import COMPLIANCES, compliance_counts_by, compliance_rate
from theodoi.evaluation.selectors.indicators import standing_counts_by
from theodoi.evaluation.selectors.judging import STATUS_SLUGS, STATUSES, is_current
from theodoi.evaluation.selectors.periods import EvaluationPeriod, period_from_key
from theodoi.evaluation.selectors.scope import current_provinces, province_in_sql
from theodoi.evaluation.selectors.task_counts import status_counts_by
from theodoi.plans.models import (
    Plan,
    PlanStatus,
)
from theodoi.tracking import progress
from theodoi.tracking.rules import TaskStatus
from theodoi.tracking.standings import (
    STANDINGS,
)


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
