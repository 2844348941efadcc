"""Chase agencies up about a period's report (đôn đốc): the ones named, or every late one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from theodoi.core.audit import audit_record
from theodoi.directory.models import Agency
from theodoi.plans.models import Plan
from theodoi.tracking import calendar as cal
from theodoi.tracking import rules
from theodoi.tracking.models import (
    ChaseUp,
    NotificationKind,
    ProgressReport,
)
from theodoi.tracking.permissions import can_coordinate, require
from theodoi.tracking.services.errors import TrackingError
from theodoi.tracking.services.notifications import notify
from theodoi.tracking.services.people import _reporters_of, _user_or_none
from theodoi.tracking.services.report_state import DONE_STATES


def late_agency_ids(*, plan: Plan, cadence: str, period: str, at: dt.datetime) -> list[int]:
    """Return the agencies whose report for the period is past due and not yet submitted."""
    p = cal.plan_period(plan=plan, cadence=cadence, period_key=period)
    if p.due_at > at:
        return []
    owing = {
        o.agency_id
        for o in cal.obligations(start=p.start, end=p.end, plans=Plan.objects.filter(pk=plan.pk))
        if o.period.key == period
    }
    sent = set(
        ProgressReport.objects.filter(
            plan=plan, cadence=cadence, period=period, agency_id__in=owing, status__in=DONE_STATES
        ).values_list("agency_id", flat=True)
    )
    return sorted(owing - sent)


def chase_up_send(
    *,
    actor: Any,
    plan: Plan,
    cadence: str,
    period: str,
    agencies: Iterable[Agency] = (),
    all_late: bool = False,
    message: str = "",
    at: dt.datetime | None = None,
) -> list[ChaseUp]:
    """Chase agencies up about a period's report (đôn đốc): the ones named, or all late ones."""
    require(can_coordinate(actor, plan))
    at = at or timezone.now()
    agency_ids = [a.pk for a in agencies]
    if all_late:
        agency_ids = sorted(
            set(agency_ids) | set(late_agency_ids(plan=plan, cadence=cadence, period=period, at=at))
        )
    if not agency_ids:
        raise TrackingError("Không có cơ quan nào cần đôn đốc trong kỳ này.", code="nobody_to_chase")
    label = rules.period_label(period)
    text = (message or "").strip() or (
        f"Đề nghị quý cơ quan gửi báo cáo {label} thực hiện Kế hoạch {plan} theo quy định."
    )
    sent: list[ChaseUp] = []
    with transaction.atomic():
        for agency in Agency.objects.filter(pk__in=agency_ids).order_by("pk"):
            chase = ChaseUp.objects.create(
                agency=agency,
                plan=plan,
                cadence=cadence,
                period=period,
                message=text,
                sent_by=_user_or_none(actor),
            )
            audit_record(
                actor=actor,
                action="chase_up.send",
                obj=chase,
                summary=f"Đôn đốc {agency} gửi báo cáo {label}",
                after={"agency": agency.pk, "plan": plan.pk, "cadence": cadence, "period": period},
            )
            notify(
                users=_reporters_of([agency.pk]),
                kind=NotificationKind.CHASE_UP,
                title=f"Đôn đốc gửi báo cáo {label}",
                body=text,
                obj=chase,
            )
            sent.append(chase)
    return sent
