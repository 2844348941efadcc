"""Change a task's deadline, output or lead: proposed by its lead agency (đề xuất điều chỉnh),
approved or rejected by the coordinator, or applied by the coordinator directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from theodoi.core.audit import audit_record
from theodoi.directory.models import Agency
from theodoi.ingest.normalise.deadlines import parse_deadline
from theodoi.plans.models import AgencyRole, Plan, Task, TaskAgency
from theodoi.tracking import rules
from theodoi.tracking.models import (
    Amendment,
    AmendmentStatus,
    NotificationKind,
)
from theodoi.tracking.obligations import obligations_for_plan
from theodoi.tracking.permissions import can_coordinate, require, user_agency_id
from theodoi.tracking.progress import task_progress_refresh
from theodoi.tracking.services.errors import InvalidTransition, _Errors
from theodoi.tracking.services.notifications import notify
from theodoi.tracking.services.people import _coordinators_of, _reporters_of, _user_or_none
from theodoi.tracking.services.values import _as_id, _jsonable

AMENDABLE = ("deadline_text", "output", "lead_agency_id")


def _task_lead_ids(task: Task) -> list[int]:
    return list(
        TaskAgency.objects.filter(task=task, role=AgencyRole.LEAD)
        .order_by("position")
        .values_list("agency_id", flat=True)
    )


def _task_snapshot(task: Task) -> dict[str, Any]:
    leads = _task_lead_ids(task)
    return {
        "deadline_text": task.deadline_text,
        "deadline_due": _jsonable(task.deadline_due),
        "output": task.output,
        "lead_agency_id": leads[0] if leads else None,
    }


def _clean_changes(task: Task, changes: Mapping[str, Any]) -> dict[str, Any]:
    errors = _Errors({})
    unknown = sorted(set(changes) - set(AMENDABLE))
    for key in unknown:
        errors.add(key, "Chỉ đề xuất điều chỉnh thời hạn, sản phẩm hoặc cơ quan chủ trì.")
    out: dict[str, Any] = {}
    if "deadline_text" in changes:
        text = str(changes["deadline_text"] or "").strip()
        parsed = parse_deadline(text)
        if parsed is None or parsed["kind"] == "unknown":
            errors.add(
                "deadline_text", f"Không đọc được thời hạn “{text}” (ví dụ: 12/2025, Quý I/2026, 2026)."
            )
        out["deadline_text"] = text
    if "output" in changes:
        out["output"] = str(changes["output"] or "").strip()
        if not out["output"]:
            errors.add("output", "Hãy ghi sản phẩm (kết quả) đề xuất.")
    if "lead_agency_id" in changes:
        agency_id = _as_id(changes["lead_agency_id"])
        if agency_id is None or not Agency.objects.filter(pk=agency_id, is_active=True).exists():
            errors.add("lead_agency_id", "Cơ quan chủ trì đề xuất không có trong danh mục.")
        out["lead_agency_id"] = agency_id
    current = _task_snapshot(task)
    out = {k: v for k, v in out.items() if current.get(k) != v}
    if not out and not errors.messages:
        errors.add("changes", "Đề xuất không thay đổi gì so với nhiệm vụ hiện tại.")
    errors.raise_if_any()
    return out


def amendment_propose(*, actor: Any, task: Task, changes: Mapping[str, Any], reason: str = "") -> Amendment:
    """Propose a change to a task the actor's agency leads (đề xuất điều chỉnh)."""
    agency_id = user_agency_id(actor)
    require(agency_id is not None and agency_id in _task_lead_ids(task))
    cleaned = _clean_changes(task, changes)
    with transaction.atomic():
        amendment = Amendment.objects.create(
            task=task,
            agency_id=agency_id,
            changes=cleaned,
            before={k: v for k, v in _task_snapshot(task).items() if k in cleaned},
            reason=(reason or "").strip(),
            proposed_by=_user_or_none(actor),
        )
        audit_record(
            actor=actor,
            action="amendment.propose",
            obj=amendment,
            summary=f"Đề xuất điều chỉnh nhiệm vụ {task.code}",
            before=amendment.before,
            after=cleaned,
        )
        plan = Plan.objects.select_related("unit__parent").get(pk=task.plan_id)
        notify(
            users=_coordinators_of(plan),
            kind=NotificationKind.AMENDMENT,
            title=f"Đề xuất điều chỉnh nhiệm vụ {task.code} của kế hoạch {plan}",
            body=amendment.reason,
            obj=amendment,
        )
    return amendment


def task_amend(*, actor: Any, task: Task, changes: Mapping[str, Any], reason: str = "") -> Task:
    """Change a task's deadline, output or lead (the plans-level write an amendment applies).

    Lives here rather than in ``plans.services`` while that module is being reworked; it
    writes ``plans.Task`` and its lead mention with one audit event on the task.
    """
    plan = Plan.objects.select_related("unit__parent").get(pk=task.plan_id)
    require(can_coordinate(actor, plan))
    cleaned = _clean_changes(task, changes)
    with transaction.atomic():
        row = Task.objects.select_for_update().get(pk=task.pk)
        before = _task_snapshot(row)
        if "deadline_text" in cleaned:
            parsed = parse_deadline(cleaned["deadline_text"])
            row.deadline_text = cleaned["deadline_text"]
            row.deadline_parsed = parsed
            row.deadline_kind = parsed["kind"] if parsed else "unknown"
            row.deadline_due = rules.deadline_due(parsed)
        if "output" in cleaned:
            row.output = cleaned["output"]
        row.save()
        if "lead_agency_id" in cleaned:
            # The first lead mention changes in place (no row is deleted); the audit event keeps the old lead.
            agency = Agency.objects.get(pk=cleaned["lead_agency_id"])
            mention = TaskAgency.objects.filter(task=row, role=AgencyRole.LEAD).order_by("position").first()
            if mention is None:
                TaskAgency.objects.create(
                    task=row, agency=agency, role=AgencyRole.LEAD, printed_name=agency.name
                )
            else:
                mention.agency, mention.printed_name = agency, agency.name
                mention.save(update_fields=["agency", "printed_name"])
        if "deadline_text" in cleaned:
            task_progress_refresh(task_ids=[row.pk])
        if "lead_agency_id" in cleaned:
            obligations_for_plan(plan_id=row.plan_id)  # the new lead owes the plan's reports
        audit_record(
            actor=actor,
            action="task.amend",
            obj=row,
            summary=f"Điều chỉnh nhiệm vụ {row.code}" + (f": {reason}" if reason else ""),
            before=before,
            after=_task_snapshot(row),
        )
    return row


def _decide(*, actor: Any, amendment: Amendment, approve: bool, comment: str) -> Amendment:
    task = Task.objects.select_related("plan__unit__parent").get(pk=amendment.task_id)
    require(can_coordinate(actor, task.plan))
    with transaction.atomic():
        row = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if row.status != AmendmentStatus.PROPOSED:
            raise InvalidTransition("Đề xuất này đã được xử lý.")
        if approve:
            task_amend(actor=actor, task=task, changes=row.changes, reason=f"theo đề xuất #{row.pk}")
        row.status = AmendmentStatus.APPROVED if approve else AmendmentStatus.REJECTED
        row.decided_by = _user_or_none(actor)
        row.decided_at = timezone.now()
        row.comment = comment
        row.save()
        audit_record(
            actor=actor,
            action="amendment.approve" if approve else "amendment.reject",
            obj=row,
            summary=f"{'Phê duyệt' if approve else 'Không phê duyệt'} đề xuất điều chỉnh nhiệm vụ {task.code}",
            before={"status": AmendmentStatus.PROPOSED},
            after={"status": row.status, "comment": comment},
        )
        notify(
            users=_reporters_of([row.agency_id]),
            kind=NotificationKind.AMENDMENT,
            title=f"Đề xuất điều chỉnh nhiệm vụ {task.code} {'được phê duyệt' if approve else 'không được phê duyệt'}",
            body=comment,
            obj=row,
        )
    return row


def amendment_approve(*, actor: Any, amendment: Amendment, comment: str = "") -> Amendment:
    """Approve an amendment and apply it to the task (the coordinator of the plan's province)."""
    return _decide(actor=actor, amendment=amendment, approve=True, comment=(comment or "").strip())


def amendment_reject(*, actor: Any, amendment: Amendment, comment: str) -> Amendment:
    """Reject an amendment, saying why."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Hãy ghi lý do không phê duyệt."})
    return _decide(actor=actor, amendment=amendment, approve=False, comment=comment)
