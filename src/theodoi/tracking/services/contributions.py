"""Save a partner agency's contribution to a task for a period (phần phối hợp)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F

from theodoi.core.audit import audit_record
from theodoi.plans.models import AgencyRole, Task, TaskAgency
from theodoi.tracking import rules
from theodoi.tracking.models import (
    PartnerContribution,
)
from theodoi.tracking.permissions import require, user_agency_id
from theodoi.tracking.services.errors import ReportConflict, _Errors
from theodoi.tracking.services.people import _user_or_none
from theodoi.tracking.services.report_rows import _clean_task_row
from theodoi.tracking.services.values import today


def contribution_save(
    *,
    actor: Any,
    task: Task,
    period: str,
    text: str,
    version: int | None = None,
    evidence_number: str = "",
    evidence_date: Any = None,
    evidence_link: str = "",
) -> PartnerContribution:
    """Save a partner agency's contribution to a task for a period (phần phối hợp).

    ``version`` is the one the form was loaded at (None for a first contribution).
    """
    agency_id = user_agency_id(actor)
    require(
        agency_id is not None
        and TaskAgency.objects.filter(task=task, agency_id=agency_id, role=AgencyRole.PARTNER).exists()
    )
    errors = _Errors({})
    cleaned = _clean_task_row(
        {"evidence_number": evidence_number, "evidence_date": evidence_date, "evidence_link": evidence_link},
        task=task,
        prefix="contribution",
        errors=errors,
        on=today(),
    )
    if not (text or "").strip():
        errors.add("contribution.text", "Hãy ghi nội dung đã phối hợp thực hiện.")
    try:
        rules.period_bounds(period)
    except ValueError:
        errors.add("contribution.period", f"Kỳ báo cáo “{period}” không hợp lệ.")
    errors.raise_if_any()
    fields = {
        "text": text.strip(),
        "evidence_number": cleaned["evidence_number"],
        "evidence_date": cleaned["evidence_date"],
        "evidence_link": cleaned["evidence_link"],
        "updated_by": _user_or_none(actor),
    }
    with transaction.atomic():
        row = (
            PartnerContribution.objects.select_for_update()
            .filter(task=task, agency_id=agency_id, period=period)
            .first()
        )
        if row is None:
            if version not in (None, 0):
                raise ReportConflict(current_version=0)
            row = PartnerContribution.objects.create(task=task, agency_id=agency_id, period=period, **fields)
            before = None
        else:
            if version != row.version:
                raise ReportConflict(current_version=row.version)
            before = {"text": row.text, "version": row.version}
            PartnerContribution.objects.filter(pk=row.pk).update(version=F("version") + 1, **fields)
            row.refresh_from_db()
        audit_record(
            actor=actor,
            action="contribution.save",
            obj=row,
            summary=f"Cập nhật phần phối hợp nhiệm vụ {task.code} kỳ {period}",
            before=before,
            after={"text": row.text, "version": row.version},
        )
    return row
