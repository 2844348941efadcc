"""Read indicators' standings (met, on track, behind, no data) and count them by plan or province."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db.models import Count, QuerySet

from theodoi.accounts.scope import province_of
from theodoi.evaluation.selectors.judging import is_current
from theodoi.plans.models import (
    Plan,
)
from theodoi.tracking import standings
from theodoi.tracking.models import (
    IndicatorProgress,
)
from theodoi.tracking.standings import (
    STANDINGS,
    IndicatorStanding,
)


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
