"""Reporting compliance (chấp hành chế độ báo cáo): the reports owed in a period, on time, late,
missing or not yet due, listed or counted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When

from theodoi.accounts.scope import province_of
from theodoi.evaluation.selectors.periods import EvaluationPeriod
from theodoi.plans.models import (
    Plan,
)
from theodoi.tracking import calendar as cal
from theodoi.tracking import obligations, rules
from theodoi.tracking.models import (
    ReportObligation,
)


class Compliance:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    NOT_DUE = "not_due"


COMPLIANCE_LABELS = {
    Compliance.ON_TIME: "Đúng hạn",
    Compliance.LATE: "Trễ hạn",
    Compliance.MISSING: "Chưa gửi",
    Compliance.NOT_DUE: "Chưa đến hạn",
}


COMPLIANCES = (Compliance.ON_TIME, Compliance.LATE, Compliance.MISSING, Compliance.NOT_DUE)


@dataclass(frozen=True)
class OwedReport:
    """A report owed in the period and how the agency stands on it."""

    obligation: cal.Obligation
    state: str
    submitted_at: dt.datetime | None

    @property
    def state_label(self) -> str:
        return COMPLIANCE_LABELS[self.state]


def owed_reports(
    *,
    plans: QuerySet[Plan],
    period: EvaluationPeriod,
    at: dt.datetime,
    agency_ids: Iterable[int] | None = None,
) -> list[OwedReport]:
    """Return the reports owed on ``plans`` whose due moment falls in ``period``, judged at ``at``.

    Queries: the calendar's three (plans with duties, leads, monitors) and one for the reports.
    """
    owed = [
        o
        for o in cal.obligations(
            start=period.start - dt.timedelta(days=31), end=period.end, plans=plans, agency_ids=agency_ids
        )
        if period.start <= o.period.due_at.astimezone(rules.TZ).date() <= period.end
    ]
    if not owed:
        return []
    sent = obligations.sent_reports(owed)
    out = []
    for o in owed:
        if o.key in sent:
            submitted_at = sent[o.key]
            state = (
                Compliance.LATE
                if submitted_at is not None and submitted_at > o.period.due_at
                else Compliance.ON_TIME
            )
            out.append(OwedReport(o, state, submitted_at))
        else:
            out.append(
                OwedReport(o, Compliance.MISSING if at > o.period.due_at else Compliance.NOT_DUE, None)
            )
    return out


def compliance_counts_by(
    *,
    plans: QuerySet[Plan],
    period: EvaluationPeriod,
    at: dt.datetime,
    key: str | None = None,
    agency_id: int | None = None,
) -> dict[int | None, dict[str, int]]:
    """Return the reports owed on ``plans`` in ``period`` counted by state and by "province_id",
    "agency_id" or nothing (``key`` None: all under None), narrowed to one agency.

    A quarter whose obligations are built (``tracking.obligations``): one GROUP BY over
    ``ReportObligation`` (plus the built check); any other period: ``owed_reports`` from the
    calendar. The same states either way: sent after the due moment is late, else on time;
    not sent is missing once the due moment is past at ``at``, else not due.
    """
    out: dict[int | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COMPLIANCES, 0))
    if rules.period_bounds(period.key)[0] == rules.QUARTERLY and obligations.is_built(period.key):
        rows = ReportObligation.objects.filter(quarter=period.key, plan__in=plans)
        if agency_id is not None:
            rows = rows.filter(agency_id=agency_id)
        state = Case(
            When(sent=True, submitted_at__gt=F("due_at"), then=Value(Compliance.LATE)),
            When(sent=True, then=Value(Compliance.ON_TIME)),
            When(due_at__lt=at, then=Value(Compliance.MISSING)),
            default=Value(Compliance.NOT_DUE),
        )
        group = F(key) if key else Value(None, output_field=IntegerField())
        for value, compliance, n in (
            rows.order_by()
            .annotate(group=group, state=state)
            .values_list("group", "state")
            .annotate(n=Count("pk"))
        ):
            out[value][compliance] += n
        return out
    owed = owed_reports(plans=plans, period=period, at=at, agency_ids=[agency_id] if agency_id else None)
    provinces = {}
    if key == "province_id":
        provinces = {p.pk: province_of(p.unit) for p in plans.select_related("unit__parent")}
    for r in owed:
        value = {"province_id": provinces.get(r.obligation.plan_id), "agency_id": r.obligation.agency_id}.get(
            key or ""
        )
        out[value][r.state] += 1
    return out


def compliance_counts(rows: Iterable[OwedReport]) -> dict[str, int]:
    counts = Counter(r.state for r in rows)
    return {s: counts.get(s, 0) for s in COMPLIANCES}


def compliance_rate(counts: dict[str, int]) -> float | None:
    """Return the share of due reports sent on time, in percent (None when none was due)."""
    due = counts[Compliance.ON_TIME] + counts[Compliance.LATE] + counts[Compliance.MISSING]
    return round(100 * counts[Compliance.ON_TIME] / due, 1) if due else None
