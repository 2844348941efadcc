"""The public page of a province: its plans in force with their progress, nothing about people."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from theodoi.directory.models import AdministrativeUnit
from theodoi.evaluation.selectors.indicators import indicator_standings
from theodoi.evaluation.selectors.judging import STATUSES
from theodoi.evaluation.selectors.scope import province_plans
from theodoi.evaluation.selectors.task_counts import status_counts_by
from theodoi.plans.models import (
    Plan,
)
from theodoi.tracking.rules import TaskStatus
from theodoi.tracking.standings import (
    IndicatorStanding,
)


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
