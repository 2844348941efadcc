"""Compare one indicator across provinces for the national view, found in each province's plans
by its folded name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Q
from django.utils import timezone

from theodoi.directory.models import AdministrativeUnit, UnitLevel
from theodoi.evaluation.selectors.scope import current_provinces, province_in_sql
from theodoi.ingest.text import fold
from theodoi.plans.models import (
    Indicator,
    Plan,
    PlanStatus,
)
from theodoi.tracking import rules
from theodoi.tracking.models import (
    IndicatorValue,
)
from theodoi.tracking.progress import COUNTED
from theodoi.tracking.services.values import indicator_target
from theodoi.tracking.standings import (
    STANDING_LABELS,
    Standing,
)

# Indicators the national view compares by default, found in each province's plans by name.
KEY_INDICATORS: dict[str, str] = {
    "kinh-te-so": "Quy mô kinh tế số (% GRDP)",
    "dich-vu-cong-toan-trinh": "Tỷ lệ dịch vụ công trực tuyến toàn trình",
    "chi-rd": "Kinh phí chi cho nghiên cứu phát triển (R&D) (% GRDP)",
    "phu-song-5g": "Tỷ lệ phủ sóng 5G",
}


_NAME_WORDS = re.compile(r"[a-z0-9]+")


_STOP = {"ty", "ti", "le", "cua", "va", "cac", "tren", "so", "luong", "duoc", "trong", "tong", "dat", "muc"}


MATCH_THRESHOLD = 0.6


def name_key(text: str) -> str:
    """Return the comparable form of an indicator name: folded, "tỉ"/"tỷ" alike, no filler words."""
    words = _NAME_WORDS.findall(fold(text).replace("r&d", "rd"))
    return " ".join(w for w in words if w not in _STOP)


def name_similarity(a: str, b: str) -> float:
    """Return how alike two indicator names are (0..1): word overlap, then character order."""
    ka, kb = name_key(a), name_key(b)
    wa, wb = set(ka.split()), set(kb.split())
    if not wa or not wb:
        return 0.0
    overlap = len(wa & wb) / min(len(wa), len(wb))
    return 0.7 * overlap + 0.3 * SequenceMatcher(None, ka, kb).ratio()


@dataclass
class ComparisonRow:
    """One province's indicator matching a compared one: its target and latest value."""

    province: AdministrativeUnit
    indicator: Indicator | None
    plan: Plan | None
    similarity: float
    latest: float | bool | None = None
    latest_on: dt.date | None = None
    standing: str = Standing.NO_DATA

    @property
    def standing_label(self) -> str:
        return STANDING_LABELS[self.standing]

    @property
    def target_value(self) -> float | None:
        return indicator_target(self.indicator)[1] if self.indicator is not None else None


def indicator_comparison(
    *,
    name_key: str,
    horizon: int | None,
    on: dt.date | None = None,
    provinces: Sequence[AdministrativeUnit] | None = None,
) -> list[ComparisonRow]:
    """Return, per province in force, the indicator of its plans in force most like ``name_key``
    for ``horizon`` (a key of ``KEY_INDICATORS`` or any name), its target and latest value.

    Matching is by folded name (``name_similarity`` ≥ ``MATCH_THRESHOLD``), units breaking ties;
    each distinct name is scored once, and only the chosen indicators are loaded whole.
    Six queries whatever the number of provinces.
    """
    on = on or timezone.localdate()
    wanted = KEY_INDICATORS.get(name_key, name_key)
    wanted_unit = "grdp" if "grdp" in fold(wanted) else ""
    provinces = list(provinces if provinces is not None else current_provinces())
    plans = Plan.objects.filter(
        status=PlanStatus.ACTIVE, unit__level__in=[UnitLevel.PROVINCE, UnitLevel.COMMUNE, UnitLevel.DISTRICT]
    )
    candidates = Indicator.objects.filter(plan__in=plans)
    if horizon is not None:
        candidates = candidates.filter(horizon=horizon)
    # Scored once per distinct (name, unit), read first: plans repeat the same indicator names,
    # so the 12,000 indicators of the country are a few hundred names; only the indicators
    # whose name scores are read after.
    scores: dict[tuple[str, str], float] = {}
    for name, unit in candidates.order_by().values_list("name", "unit").distinct():
        score = name_similarity(wanted, name) + (0.05 if wanted_unit and wanted_unit in fold(unit) else 0)
        if score >= MATCH_THRESHOLD:
            scores[(name, unit)] = score
    matched: list[tuple[float, dt.date, int, int]] = []  # (score, plan date, plan, indicator)
    for pk, name, unit, plan_id, plan_date in candidates.filter(
        name__in={name for name, _ in scores}
    ).values_list("pk", "name", "unit", "plan_id", "plan__date"):
        score = scores.get((name, unit))
        if score is not None:
            matched.append((score, plan_date or dt.date.min, plan_id, pk))
    # Every plan's province (3,500 rows) rather than the matched plans' by id: a list of
    # thousands of ids costs more to send than the rows it saves.
    province_by_plan = dict(plans.annotate(province=province_in_sql("unit")).values_list("pk", "province"))
    best_ids: dict[int, tuple[float, dt.date, int]] = {}
    for score, plan_date, plan_id, pk in matched:
        province_id = province_by_plan.get(plan_id)
        if province_id is None:
            continue
        current = best_ids.get(province_id)
        if current is None or (score, plan_date) > current[:2]:
            best_ids[province_id] = (score, plan_date, pk)
    found = Indicator.objects.select_related("plan__unit__parent").in_bulk([v[2] for v in best_ids.values()])
    best: dict[int, tuple[float, Indicator]] = {
        province_id: (score, found[pk]) for province_id, (score, _, pk) in best_ids.items()
    }
    chosen = [ind for _, ind in best.values()]
    latest: dict[int, tuple[dt.date, float | bool]] = {}
    if chosen:
        # The values stated against any horizon row of the same indicator in that plan count.
        keys = {(i.plan_id, fold(i.name)) for i in chosen}
        siblings = {
            pk: (plan_id, fold(name))
            for pk, plan_id, name in Indicator.objects.filter(
                plan_id__in={i.plan_id for i in chosen}
            ).values_list("pk", "plan_id", "name")
            if (plan_id, fold(name)) in keys
        }
        for ind_id, end, number, boolean in (
            IndicatorValue.objects.filter(
                indicator_id__in=list(siblings), report__status__in=COUNTED, report__period_start__lte=on
            )
            .filter(Q(number__isnull=False) | Q(boolean__isnull=False))
            .order_by("report__period_end", "report__last_submitted_at", "id")
            .values_list("indicator_id", "report__period_end", "number", "boolean")
        ):
            latest[siblings[ind_id]] = (end, number if number is not None else bool(boolean))  # type: ignore[index]
    out = []
    for province in provinces:
        score, ind = best.get(province.pk, (0.0, None))
        row = ComparisonRow(
            province=province, indicator=ind, plan=ind.plan if ind else None, similarity=round(score, 2)
        )
        if ind is not None:
            stated = latest.get((ind.plan_id, fold(ind.name)))  # type: ignore[call-overload]
            if stated is not None:
                row.latest_on, row.latest = stated
                op, value, value_max = indicator_target(ind)
                met, _ = rules.indicator_progress(op=op, value=value, value_max=value_max, latest=row.latest)
                row.standing = Standing.MET if met else (Standing.NO_DATA if met is None else Standing.BEHIND)
        out.append(row)
    return out
