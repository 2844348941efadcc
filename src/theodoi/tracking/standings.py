"""Each indicator's standing (chỉ tiêu: đạt, đúng tiến độ, chậm) judged once and kept in a row.

Why a table: the dashboards, the national view and the public page used to read every
indicator of their scope with two years of values and judge them in Python on every request
(12,000 indicators and 580,000 values for the national view, about 8 s). The judgement only
changes when a value starts or stops counting or when the year turns (the target is the
first horizon not yet past), so it is made here and stored in ``IndicatorProgress``:

- ``report_submit`` / ``report_accept`` / ``report_return`` (services): the indicators of the
  report's plan, when the report states a value; the job following an API submission: the
  indicator sets it states values of (``indicator_progress_apply_report``);
- ``plan_import`` (through ``progress.task_progress_for_plan``): every indicator of the plan,
  whose targets and monitors may have changed;
- the nightly job and ``theodoi rebuild-task-progress``: every indicator (repair, first fill,
  the two-year window of the series moving on);
- a reader: indicators with no row, or a row judged in an earlier year, first
  (``indicator_progress_fill``; one query when there are none).

The judgement is one function (``judge``) used both ways: the stored rows are ``judge`` on
the day they were written, and an earlier day is judged from the values directly
(``standings_from_values``); ``tests/evaluation/test_indicator_progress.py`` compares them.

As in tracking, the rows of a plan with the same name and unit are one indicator set for
several horizons; every row of the set holds the set's figures and ``judged`` marks the one
judged against on ``judged_on`` (the first horizon not yet past), which is what the readers
count.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from theodoi.accounts.scope import province_of
from theodoi.ingest.text import fold
from theodoi.plans.models import Indicator, IndicatorAgency, Plan
from theodoi.tracking import rules
from theodoi.tracking.models import IndicatorProgress, IndicatorValue
from theodoi.tracking.progress import COUNTED
from theodoi.tracking.services.values import indicator_target

logger = logging.getLogger(__name__)

SERIES_DAYS = 730  # the charts show the last two years, one point per quarter
REBUILD_PLANS = 200  # plans per rebuild step: a few queries and one upsert each
STATED = Q(number__isnull=False) | Q(boolean__isnull=False)  # a value given, not left blank


class Standing:
    MET = "met"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"


STANDING_LABELS = {
    Standing.MET: "Đạt",
    Standing.ON_TRACK: "Đúng tiến độ",
    Standing.BEHIND: "Chậm",
    Standing.NO_DATA: "Chưa có số liệu",
}
STANDING_SLUGS = {
    Standing.MET: "dat",
    Standing.ON_TRACK: "dung-tien-do",
    Standing.BEHIND: "cham",
    Standing.NO_DATA: "chua-co",
}
STANDINGS = (Standing.MET, Standing.ON_TRACK, Standing.BEHIND, Standing.NO_DATA)


@dataclass
class IndicatorStanding:
    """An indicator of a plan judged on a day, with its values over time (one per quarter)."""

    indicator: Indicator  # the row of the horizon judged against
    plan_id: int
    standing: str
    trend: rules.Trend
    latest: float | bool | None
    latest_on: dt.date | None
    series: list[tuple[str, float]]  # (quarter label, last value stated in it), oldest first
    monitor_ids: tuple[int, ...]
    member_ids: tuple[int, ...] = ()  # every horizon row of the set

    @property
    def standing_label(self) -> str:
        return STANDING_LABELS[self.standing]

    @property
    def standing_slug(self) -> str:
        return STANDING_SLUGS[self.standing]

    @property
    def latest_display(self) -> float | str | None:
        if isinstance(self.latest, bool):
            return "Có" if self.latest else "Không"
        return self.latest


def recent_periods(*, start: dt.date, end: dt.date) -> tuple[list[str], list[str]]:
    """Return the cadences and the keys of every reporting period overlapping [start, end].

    A report's key fixes its bounds, so filtering reports on these keys reads exactly the
    reports of periods ending on or after ``start``, through the (plan, cadence, period) index.
    """
    keys = {
        p.key
        for cadence in rules.PERIODIC_CADENCES
        for p in rules.periods_for(cadence, "", start=start, end=end)
    }
    return list(rules.PERIODIC_CADENCES), sorted(keys)


# --- judging ---------------------------------------------------------------------------------------


def _on_track(
    op: str, target: float | None, horizon: int | None, points: Sequence[tuple[dt.date, float]], on: dt.date
) -> bool:
    """Tell whether the line through the first and latest values reaches the target by the horizon's end."""
    if (
        target is None
        or horizon is None
        or horizon < on.year
        or len(points) < 2
        or op not in (">=", ">", "<=", "<", "range")
    ):
        return False
    (d0, v0), (d1, v1) = points[0], points[-1]
    days = (d1 - d0).days
    if days <= 0:
        return False
    projected = v1 + (v1 - v0) / days * (dt.date(horizon, 12, 31) - d1).days
    return projected <= target if op in ("<=", "<") else projected >= target


def _quarter_label(day: dt.date) -> str:
    return f"Q{(day.month - 1) // 3 + 1}/{day.year}"


@dataclass(frozen=True)
class Models:
    """The model classes read and written: the app's, or a migration's historical ones."""

    plan: Any = Plan
    indicator: Any = Indicator
    value: Any = IndicatorValue
    monitor: Any = IndicatorAgency
    progress: Any = IndicatorProgress


MODELS = Models()
Group = list[Indicator]  # the horizon rows of one indicator set, by horizon


def groups_of(indicators: Iterable[Indicator]) -> list[Group]:
    """Return the indicator sets: a plan's rows with the same folded name and unit, in the order given."""
    groups: dict[tuple[int, str, str], Group] = defaultdict(list)
    for ind in indicators:
        groups[(ind.plan_id, fold(ind.name), fold(ind.unit))].append(ind)
    return list(groups.values())


def stated_values(
    groups: Sequence[Group], *, on: dt.date, models: Models = MODELS
) -> dict[int, list[tuple[dt.date, float | bool]]]:
    """Return the numeric and yes/no values counted on ``on`` for each indicator, oldest first.

    Values of the last ``SERIES_DAYS`` are read through the reports' (plan, cadence, period)
    index; an indicator with none that recent gets its older values in a second query.
    """
    values: dict[int, list[tuple[dt.date, float | bool]]] = defaultdict(list)
    if not groups:
        return values
    fields = ("indicator_id", "report__period_end", "number", "boolean", "report__status")
    cadences, keys = recent_periods(start=on - dt.timedelta(days=SERIES_DAYS), end=on)
    recent = models.value.objects.filter(
        STATED,
        report__plan_id__in=sorted({group[0].plan_id for group in groups}),
        report__cadence__in=cadences,
        report__period__in=keys,
        report__status__in=COUNTED,
        report__period_start__lte=on,
    )
    rows = list(recent.order_by("report__period_end", "report__last_submitted_at", "id").values_list(*fields))
    found = {row[0] for row in rows}
    missing = [i.pk for group in groups for i in group if i.pk not in found]
    if missing:
        older = models.value.objects.filter(STATED, indicator_id__in=missing, report__period_start__lte=on)
        rows += older.order_by("report__period_end", "report__last_submitted_at", "id").values_list(*fields)
    for ind_id, end, number, boolean, status in rows:
        if status in COUNTED:
            values[ind_id].append((end, number if number is not None else bool(boolean)))
    return values


def monitors_of(indicators: QuerySet[Any], models: Models = MODELS) -> dict[int, list[int]]:
    """Return the monitoring agencies (cơ quan theo dõi) of some indicators (one query)."""
    out: dict[int, list[int]] = defaultdict(list)
    for ind_id, agency_id in models.monitor.objects.filter(indicator__in=indicators).values_list(
        "indicator_id", "agency_id"
    ):
        out[ind_id].append(agency_id)
    return out


def judge(
    group: Group,
    values: dict[int, list[tuple[dt.date, float | bool]]],
    monitors: dict[int, list[int]],
    *,
    on: dt.date,
) -> IndicatorStanding:
    """Judge one indicator set on ``on`` from its counted values: the one rule, both paths."""
    target = next((i for i in group if i.horizon is None or i.horizon >= on.year), group[-1])
    stated = sorted((v for i in group for v in values.get(i.pk, ())), key=lambda v: v[0])
    latest = stated[-1][1] if stated else None
    op, value, value_max = indicator_target(target)
    met, trend = rules.indicator_progress(
        op=op, value=value, value_max=value_max, latest=latest, history=[v for _, v in stated[:-1]]
    )
    numbers = [(d, float(v)) for d, v in stated if not isinstance(v, bool)]
    if met:
        standing = Standing.MET
    elif met is None:
        standing = Standing.NO_DATA
    elif _on_track(op, value, target.horizon, numbers, on):
        standing = Standing.ON_TRACK
    else:
        standing = Standing.BEHIND
    by_quarter: dict[str, float] = {}
    for day, number in numbers:
        by_quarter[_quarter_label(day)] = number
    return IndicatorStanding(
        indicator=target,
        plan_id=target.plan_id,
        standing=standing,
        trend=trend,
        latest=latest,
        latest_on=stated[-1][0] if stated else None,
        series=list(by_quarter.items()),
        monitor_ids=tuple(sorted({a for i in group for a in monitors.get(i.pk, ())})),
        member_ids=tuple(i.pk for i in group),
    )


def _sort_key(r: IndicatorStanding) -> tuple[int, int, int]:
    return (r.plan_id, r.indicator.position, r.indicator.pk)


def standings_from_values(
    *, plans: QuerySet[Plan], on: dt.date, models: Models = MODELS
) -> list[IndicatorStanding]:
    """Return each indicator set of ``plans`` judged on ``on`` from the values (three or four queries).

    For days other than today, which the stored rows do not answer, and to write the rows.
    """
    indicators = models.indicator.objects.filter(plan__in=plans).order_by(
        "plan_id", "horizon", "position", "id"
    )
    groups = groups_of(indicators)
    if not groups:
        return []
    monitors = monitors_of(indicators, models)
    values = stated_values(groups, on=on, models=models)
    return sorted((judge(g, values, monitors, on=on) for g in groups), key=_sort_key)


# --- writing rows ----------------------------------------------------------------------------------

_ROW_FIELDS = (
    "plan",
    "province",
    "judged",
    "standing",
    "trend",
    "latest_number",
    "latest_boolean",
    "latest_on",
    "series",
    "monitor_ids",
    "judged_on",
)


def _rows(
    standings: Sequence[IndicatorStanding], provinces: dict[int, int | None], *, on: dt.date, models: Models
) -> list[Any]:
    out = []
    for s in standings:
        for member in s.member_ids:
            out.append(
                models.progress(
                    indicator_id=member,
                    plan_id=s.plan_id,
                    province_id=provinces.get(s.plan_id),
                    judged=member == s.indicator.pk,
                    standing=s.standing,
                    trend=s.trend.value,
                    latest_number=None if isinstance(s.latest, bool) else s.latest,
                    latest_boolean=s.latest if isinstance(s.latest, bool) else None,
                    latest_on=s.latest_on,
                    series=[list(point) for point in s.series],
                    monitor_ids=list(s.monitor_ids),
                    judged_on=on,
                )
            )
    return out


def indicator_progress_for_plans(
    *, plan_ids: Iterable[int], on: dt.date | None = None, models: Models = MODELS
) -> int:
    """Write the rows of every indicator of some plans, judged on ``on`` (today); return how many.

    Called inside the transaction of the write that changed them (no transaction of its own,
    no audit event: the rows are derived from what that write recorded). Six queries, the
    first locking the plans (``_lock_plans``).
    """
    ids = sorted(set(plan_ids))
    if not ids:
        return 0
    on = on or timezone.localdate()
    plans = models.plan.objects.filter(pk__in=ids)
    _lock_plans(plans)
    standings = standings_from_values(plans=plans, on=on, models=models)
    if not standings:
        return 0
    provinces = {p.pk: province_of(p.unit) for p in plans.select_related("unit__parent")}
    return _save(_rows(standings, provinces, on=on, models=models), models)


def _lock_plans(plans: QuerySet[Plan]) -> None:
    """Lock the plans' rows (PostgreSQL; SQLite writes one at a time anyway) before reading their values.

    Why: a plan's standings are judged from all its values, so two writers reading them at
    once (the jobs of two agencies' reports, a web submission) would each miss the other's
    and the later write would undo the earlier. In pk order, so two writers never wait on each other.
    Outside a transaction (a page filling missing rows) a lock would end at once: none is taken.
    """
    if transaction.get_connection().in_atomic_block:
        list(plans.select_for_update(no_key=True).order_by("pk").values_list("pk"))


def _save(rows: list[Any], models: Models) -> int:
    models.progress.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["indicator"],
        update_fields=list(_ROW_FIELDS),
        batch_size=500,
    )
    return len(rows)


def indicator_progress_apply_report(*, report: Any, on: dt.date | None = None) -> int:
    """Rejudge the indicator sets ``report`` states a value of (counted now, or no longer); return the rows.

    The follow-up of a submission (``tasks.report_submitted``): only those sets can have
    moved, so the others of the plan are not read again. A set's standing, trend and series
    come from all its values, so each is judged again from them (``judge``, the rule of the
    full rebuild), with the plan locked (``_lock_plans``). One query when the report states
    no value; otherwise five to six (the plan's indicators, their monitors, the values).
    """
    touched = set(
        IndicatorValue.objects.filter(STATED, report_id=report.pk).values_list("indicator_id", flat=True)
    )
    if not touched:
        return 0
    on = on or timezone.localdate()
    plans = Plan.objects.filter(pk=report.plan_id)
    _lock_plans(plans)
    indicators = Indicator.objects.filter(plan_id=report.plan_id).order_by("horizon", "position", "id")
    groups = [g for g in groups_of(indicators) if any(i.pk in touched for i in g)]
    members = Indicator.objects.filter(pk__in=[i.pk for g in groups for i in g])
    monitors = monitors_of(members)
    values = stated_values(groups, on=on)
    judged = sorted((judge(g, values, monitors, on=on) for g in groups), key=_sort_key)
    provinces = {p.pk: province_of(p.unit) for p in plans.select_related("unit__parent")}
    return _save(_rows(judged, provinces, on=on, models=MODELS), MODELS)


def indicator_progress_fill(*, plans: QuerySet[Plan], on: dt.date) -> int:
    """Write the rows of ``plans``' indicators that have none or were judged in an earlier year.

    One query when there are none. An indicator gets its row from the services; one made
    another way (a bulk load, a fixture) gets it the first time a page reads its plan, and a
    new year moves every target to the next horizon, so last year's judgements are redone.
    """
    stale = (
        Indicator.objects.filter(plan__in=plans)
        .filter(Q(progress__isnull=True) | Q(progress__judged_on__lt=dt.date(on.year, 1, 1)))
        .order_by()
        .values_list("plan_id", flat=True)
        .distinct()
    )
    plan_ids = list(stale)
    if not plan_ids:
        return 0
    logger.info(
        "indicator progress: %d plans had indicators without a current row, written now", len(plan_ids)
    )
    return indicator_progress_for_plans(plan_ids=plan_ids, on=on)


def indicator_progress_rebuild(
    *,
    on: dt.date | None = None,
    batch: int = REBUILD_PLANS,
    report: Callable[[int, int], None] | None = None,
    models: Models = MODELS,
) -> int:
    """Rejudge every indicator from the values, ``batch`` plans a transaction; return the rows written."""
    on = on or timezone.localdate()
    plan_ids = list(models.indicator.objects.order_by("plan_id").values_list("plan_id", flat=True).distinct())
    written = 0
    for start in range(0, len(plan_ids), batch):
        with transaction.atomic():
            written += indicator_progress_for_plans(
                plan_ids=plan_ids[start : start + batch], on=on, models=models
            )
        if report is not None:
            report(min(start + batch, len(plan_ids)), len(plan_ids))
    return written


# --- reading rows ----------------------------------------------------------------------------------


def stored_standings(*, plans: QuerySet[Plan]) -> list[IndicatorStanding]:
    """Return the stored judgement of each indicator set of ``plans`` (one query)."""
    rows = IndicatorProgress.objects.filter(plan__in=plans, judged=True).select_related("indicator")
    out = [
        IndicatorStanding(
            indicator=r.indicator,
            plan_id=r.plan_id,
            standing=r.standing,
            trend=rules.Trend(r.trend),
            latest=r.latest_boolean if r.latest_boolean is not None else r.latest_number,
            latest_on=r.latest_on,
            series=[(label, number) for label, number in r.series],
            monitor_ids=tuple(r.monitor_ids),
        )
        for r in rows
    ]
    return sorted(out, key=_sort_key)
