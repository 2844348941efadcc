"""Reports made directly for the generated data sets of the evaluation tests."""

from __future__ import annotations

import datetime as dt

from theodoi.directory.models import Agency
from theodoi.plans.models import Plan
from theodoi.tracking import rules
from theodoi.tracking.models import ProgressReport, ReportStatus
from theodoi.tracking.rules import TZ

STATES = (
    ReportStatus.SUBMITTED,
    ReportStatus.ACCEPTED,
    ReportStatus.ACCEPTED,
    ReportStatus.RETURNED,
    ReportStatus.DRAFT,
)


def make_report(plan: Plan, agency: Agency, period: str, state: str, *, late_days: int = 0) -> ProgressReport:
    """Return a report for ``period`` in ``state``, due at the period's end, sent ``late_days`` after 08:00 that day."""
    cadence, start, end = rules.period_bounds(period)
    sent = dt.datetime.combine(end, dt.time(8), tzinfo=TZ) + dt.timedelta(days=late_days)
    return ProgressReport.objects.create(
        agency=agency,
        plan=plan,
        cadence=cadence,
        period=period,
        period_start=start,
        period_end=end,
        due_at=dt.datetime.combine(end, dt.time(0), tzinfo=TZ),
        status=state,
        submitted_at=None if state == ReportStatus.DRAFT else sent,
        last_submitted_at=None if state == ReportStatus.DRAFT else sent,
    )
