"""Agency scorecards (bảng điểm): every reporting agency of a province ranked for a period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from theodoi.directory.models import AdministrativeUnit, Agency, AgencyKind
from theodoi.evaluation.selectors.compliance import Compliance, compliance_counts_by
from theodoi.evaluation.selectors.indicators import indicator_standings
from theodoi.evaluation.selectors.periods import EvaluationPeriod
from theodoi.evaluation.selectors.scope import province_plans
from theodoi.evaluation.selectors.task_counts import task_figures
from theodoi.ingest.text import fold
from theodoi.tracking.rules import TaskStatus
from theodoi.tracking.standings import (
    Standing,
)


@dataclass
class ScoreRow:
    """One agency's figures for a period (bảng điểm), as the plans use them to evaluate its head."""

    agency: Agency
    rank: int = 0
    tasks: int = 0  # tasks it leads
    due_or_done: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    reports_owed: int = 0  # due in the period
    reports_on_time: int = 0
    reports_late: int = 0
    reports_missing: int = 0
    indicators: int = 0  # indicators it monitors
    indicators_met: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """Return tasks done on time over tasks done or past their deadline, in percent."""
        return round(100 * self.done_on_time / self.due_or_done, 1) if self.due_or_done else None

    @property
    def late_or_missing(self) -> int:
        return self.reports_late + self.reports_missing

    def sort_key(self) -> tuple[float, int, int, int, str]:
        rate = self.on_time_rate
        return (
            -(rate if rate is not None else -1.0),
            self.overdue,
            self.late_or_missing,
            -self.indicators_met,
            self.agency.name,
        )


@dataclass
class Scorecard:
    province: AdministrativeUnit
    period: EvaluationPeriod
    on: dt.date
    rows: list[ScoreRow]


SCORE_COLUMNS = {
    # address-bar key: (label, sort key, descending first)
    "hang": ("Hạng", lambda r: r.rank, False),
    "co-quan": ("Cơ quan", lambda r: fold(r.agency.name), False),
    "dung-han": (
        "Tỷ lệ hoàn thành đúng hạn",
        lambda r: -1 if r.on_time_rate is None else r.on_time_rate,
        True,
    ),
    "qua-han": ("Nhiệm vụ quá hạn", lambda r: r.overdue, True),
    "bao-cao": ("Báo cáo trễ hoặc chưa gửi", lambda r: r.late_or_missing, True),
    "chi-tieu": ("Chỉ tiêu đạt", lambda r: r.indicators_met, True),
}


def scorecard(
    *, unit: AdministrativeUnit, period: EvaluationPeriod, at: dt.datetime | None = None
) -> Scorecard:
    """Return every reporting agency of a province ranked for ``period``.

    Agencies listed: those that lead a task or monitor an indicator in the province's plans in
    force (collective mentions such as "các sở, ban, ngành" excluded). Rank: on-time completion
    rate, then fewer overdue tasks, fewer late or missing reports, more indicators met.
    """
    at = at or timezone.now()
    on = period.judged_on(timezone.localtime(at).date())
    plans = province_plans(province_id=unit.pk)
    by_agency = task_figures(plans=plans, on=on, at=at, lists=False).by_agency
    indicators = indicator_standings(plans=plans, on=on, at=at)
    owed = compliance_counts_by(plans=plans, period=period, at=at, key="agency_id")
    ids = set(by_agency) | {a for i in indicators for a in i.monitor_ids}
    agencies = (
        Agency.objects.filter(pk__in=ids, is_active=True)
        .exclude(kind=AgencyKind.COLLECTIVE)
        .only("id", "name", "short_name", "kind", "unit_id")
        .in_bulk()
    )
    rows = {pk: ScoreRow(agency=a) for pk, a in agencies.items()}
    for pk, counts in by_agency.items():
        row = rows.get(pk)
        if row is None:
            continue
        row.tasks = sum(counts.values())
        row.done_on_time = counts[TaskStatus.DONE_ON_TIME]
        row.done_late = counts[TaskStatus.DONE_LATE]
        row.overdue = counts[TaskStatus.IN_PROGRESS_OVERDUE]
        row.due_or_done = row.done_on_time + row.done_late + row.overdue
    for i in indicators:
        for pk in i.monitor_ids:
            if pk in rows:
                rows[pk].indicators += 1
                rows[pk].indicators_met += i.standing == Standing.MET
    for pk, counts in owed.items():
        row = rows.get(pk)  # type: ignore[arg-type]
        if row is None:
            continue
        row.reports_on_time = counts[Compliance.ON_TIME]
        row.reports_late = counts[Compliance.LATE]
        row.reports_missing = counts[Compliance.MISSING]
        row.reports_owed = row.reports_on_time + row.reports_late + row.reports_missing
    ranked = sorted(rows.values(), key=ScoreRow.sort_key)
    for n, row in enumerate(ranked, start=1):
        row.rank = n
    return Scorecard(province=unit, period=period, on=on, rows=ranked)


def sort_scores(rows: list[ScoreRow], key: str) -> tuple[list[ScoreRow], str]:
    """Return the rows sorted by an address-bar key ("qua-han", "-dung-han" ...), and the key used."""
    name = key.lstrip("-")
    if name not in SCORE_COLUMNS:
        return rows, "hang"
    _, sort, descending = SCORE_COLUMNS[name]
    reverse = descending != key.startswith("-")
    return sorted(
        rows, key=lambda r: (sort(r), r.rank) if not reverse else (sort(r), -r.rank), reverse=reverse
    ), key
