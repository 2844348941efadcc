"""The reports owed in a quarter (nghĩa vụ báo cáo), materialised: one ``ReportObligation`` row each.

Why a table: the reporting compliance of the whole country for the current quarter used to
walk the calendar of every plan (3,480 plans, 130,000 obligations, about 8 s) on every
request of the national view. The calendar is deterministic (``calendar.obligations``), so
the obligations whose due moment falls in a quarter are written once, with whether a
counted report answers each, and the pages count them with one GROUP BY.

Kept current by:

- ``report_submit`` / ``report_return`` (services): the report's row gets or loses its
  sending (``obligation_report_sent``), in the same transaction;
- ``plan_import`` (through ``progress.task_progress_for_plan``) and ``task_amend`` changing a
  lead: the plan's rows of every built quarter are rewritten (``obligations_for_plan``);
- the nightly job and ``theodoi rebuild-task-progress``: the current quarter is rebuilt
  (agencies made collective or inactive, holidays configured, a quarter beginning).

A quarter is read from the table only once it has been built (``ObligationQuarter``); the
pages judge any other period from the calendar, as before. Whether an unsent report is
missing or not yet due is decided when read (its due moment against the reading time).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from theodoi.accounts.scope import province_of
from theodoi.plans.models import Plan
from theodoi.tracking import calendar as cal
from theodoi.tracking import rules
from theodoi.tracking.models import ObligationQuarter, ProgressReport, ReportObligation
from theodoi.tracking.progress import COUNTED

logger = logging.getLogger(__name__)

KEEP_QUARTERS = 4  # built quarters kept: this one and the three before


def quarter_of(day: dt.date) -> tuple[str, dt.date, dt.date]:
    """Return (key, first day, last day) of the quarter holding ``day``."""
    return rules.period_containing(rules.QUARTERLY, day)


def due_in(key: str, plans: QuerySet[Plan] | None = None) -> list[cal.Obligation]:
    """Return the obligations whose due day (local time) falls in the quarter ``key``.

    The calendar's periods are read from a month before the quarter: a period that ended
    then is due inside it.
    """
    _, start, end = rules.period_bounds(key)
    return [
        o
        for o in cal.obligations(start=start - dt.timedelta(days=31), end=end, plans=plans)
        if start <= o.period.due_at.astimezone(rules.TZ).date() <= end
    ]


def sent_reports(owed: list[cal.Obligation]) -> dict[tuple[int, int, str, str], dt.datetime | None]:
    """Return the first sending of the counted report answering each of ``owed`` that has one (one query)."""
    sent: dict[tuple[int, int, str, str], dt.datetime | None] = {}
    if not owed:
        return sent
    for plan_id, agency_id, cadence, period, submitted_at in ProgressReport.objects.filter(
        plan_id__in={o.plan_id for o in owed},
        cadence__in={o.cadence for o in owed},
        period__in={o.period.key for o in owed},
        status__in=COUNTED,
    ).values_list("plan_id", "agency_id", "cadence", "period", "submitted_at"):
        sent[(plan_id, agency_id, cadence, period)] = submitted_at
    return sent


def _rows(key: str, owed: list[cal.Obligation]) -> list[ReportObligation]:
    """Return the rows of ``owed`` with the sending of the counted report answering each (one query)."""
    sent = sent_reports(owed)
    return [
        ReportObligation(
            plan_id=o.plan_id,
            agency_id=o.agency_id,
            province_id=province_of(o.plan.unit) if o.plan is not None else None,
            cadence=o.cadence,
            period=o.period.key,
            due_at=o.period.due_at,
            quarter=key,
            sent=o.key in sent,
            submitted_at=sent.get(o.key),
        )
        for o in owed
    ]


def obligations_build(*, key: str | None = None, plan_ids: Iterable[int] | None = None) -> int:
    """Write the obligations due in quarter ``key`` (today's by default); return how many.

    With ``plan_ids``, only those plans' rows are replaced (a plan imported or amended);
    otherwise the whole quarter's, and the quarter is marked built. One transaction.
    """
    key = key or quarter_of(timezone.localdate())[0]
    plans = cal.active_plans()
    if plan_ids is not None:
        plans = plans.filter(pk__in=list(plan_ids))
    rows = _rows(key, due_in(key, plans))
    with transaction.atomic():
        stale = ReportObligation.objects.filter(quarter=key)
        if plan_ids is not None:
            stale = stale.filter(plan_id__in=plans.values("pk"))
        stale.delete()
        ReportObligation.objects.bulk_create(rows, batch_size=2000)
        if plan_ids is None:
            ObligationQuarter.objects.update_or_create(key=key, defaults={"built_at": timezone.now()})
    return len(rows)


def obligations_rebuild(*, on: dt.date | None = None) -> int:
    """Rebuild today's quarter and drop the quarters older than ``KEEP_QUARTERS``; return the rows written."""
    key, start, _ = quarter_of(on or timezone.localdate())
    written = obligations_build(key=key)
    oldest = start
    for _ in range(KEEP_QUARTERS - 1):
        oldest = quarter_of(oldest - dt.timedelta(days=1))[1]
    old = ObligationQuarter.objects.filter(key__lt=quarter_of(oldest)[0]).values_list("key", flat=True)
    with transaction.atomic():
        ReportObligation.objects.filter(quarter__in=list(old)).delete()
        ObligationQuarter.objects.filter(key__in=list(old)).delete()
    return written


def obligations_for_plan(*, plan_id: int) -> int:
    """Rewrite a plan's obligations in every built quarter (its leads or monitors changed)."""
    return sum(
        obligations_build(key=key, plan_ids=[plan_id])
        for key in ObligationQuarter.objects.values_list("key", flat=True)
    )


def obligation_report_sent(report: ProgressReport) -> None:
    """Record on the report's obligation, if one is built, whether it is sent now (one UPDATE).

    Only a row that changes is written (a job run twice writes nothing). ``report`` is read
    locked by the caller, so no review changes its status between the read and this write.
    """
    sent = report.status in COUNTED
    submitted_at = report.submitted_at if sent else None
    ReportObligation.objects.filter(
        plan_id=report.plan_id, agency_id=report.agency_id, cadence=report.cadence, period=report.period
    ).exclude(sent=sent, submitted_at=submitted_at).update(sent=sent, submitted_at=submitted_at)


def is_built(key: str) -> bool:
    """Tell whether the quarter ``key`` is read from the table (one query)."""
    return ObligationQuarter.objects.filter(key=key).exists()
