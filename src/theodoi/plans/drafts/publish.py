"""Publish or discard a draft, and name the plan it supersedes."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from theodoi.core.audit import audit_record
from theodoi.directory.models import AdministrativeUnit
from theodoi.ingest import plan as fmt
from theodoi.plans.drafts.base import DraftError, check_may_edit, lock_for_write
from theodoi.plans.drafts.diff import draft_diff
from theodoi.plans.models import DraftStatus, Plan, PlanDraft, PlanStatus, Task
from theodoi.plans.services import _unit_family, plan_import, plan_mark_superseded


def _supersedable(row: PlanDraft, plan: Plan | None) -> Plan | None:
    if plan is None:
        return None
    if plan.unit_id not in _unit_family(row.unit):
        raise DraftError("Chỉ thay thế được kế hoạch của cùng tỉnh, thành phố.", code="supersedes")
    return plan


def draft_set_supersedes(*, draft: PlanDraft, actor: Any, version: int, plan: Plan | None) -> PlanDraft:
    """Record the plan the draft replaces (picked by the reviewer), or None for none."""
    with transaction.atomic():
        row = lock_for_write(draft=draft, actor=actor, version=version)
        before = row.supersedes_plan_id
        row.supersedes_plan = _supersedable(row, plan)
        row.version += 1
        row.updated_by = actor
        row.save(update_fields=["supersedes_plan", "version", "updated_by", "updated_at"])
        audit_record(
            actor=actor,
            action="plan_draft.supersedes",
            obj=row,
            summary=f"Bản nháp “{row.file_name}” thay thế kế hoạch {plan or '(không)'}.",
            before={"supersedes_plan": before},
            after={"supersedes_plan": row.supersedes_plan_id},
        )
    return row


def draft_publish(*, draft: PlanDraft, actor: Any, version: int, supersedes: Plan | None = None) -> Plan:
    """Publish the draft as an active plan, through ``plan_import``.

    ``supersedes`` (else the draft's ``supersedes_plan``) becomes superseded and stays
    readable; each task of the new plan matched to one of its tasks (see ``draft_diff``) gets
    ``carried_from`` so progress history follows. A draft updating a plan already stored
    (``target_plan``: same file or same number) updates it in place. Corrections are linked
    to the plan.

    Raises DraftConflict, DraftError (with ``path`` when the document is invalid, e.g. a
    field too long or an unknown province), PermissionDenied.
    """
    with transaction.atomic():
        row = lock_for_write(draft=draft, actor=actor, version=version)
        try:
            document = fmt.Plan.from_dict(row.document or {})
        except fmt.PlanFormatError as e:
            raise DraftError(e.message, code=e.code, path=e.path) from e
        old = _supersedable(row, supersedes or row.supersedes_plan)
        diff = draft_diff(draft=row, against=old) if old is not None else None
        try:
            plan = plan_import(
                plan=document,
                actor=actor,
                unit=_publish_unit(row, document),
                source_hash=row.file_sha256,
                source_text="\n".join(line["text"] for line in row.source_lines or []),
                status=PlanStatus.ACTIVE,
            )
        except fmt.PlanFormatError as e:
            raise DraftError(e.message, code=e.code, path=e.path) from e
        carried = 0
        if old is not None and diff is not None and old.pk != plan.pk:
            carried = _carry_over(plan=plan, matches=diff.matches)
            from theodoi.tracking.progress import task_progress_for_plan  # tracking builds on plans

            task_progress_for_plan(plan=plan)  # continued tasks now start from their predecessors' progress
            old.refresh_from_db(fields=["status"])
            plan_mark_superseded(plan=old, by=plan, actor=actor)
        row.corrections.update(plan=plan)
        if old is not None and old.pk == plan.pk:  # an update of the plan itself replaces nothing
            old = None
        row.status, row.published_plan, row.supersedes_plan = DraftStatus.PUBLISHED, plan, old
        row.version += 1
        row.updated_by = actor
        row.save(
            update_fields=[
                "status",
                "published_plan",
                "supersedes_plan",
                "version",
                "updated_by",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="plan_draft.publish",
            obj=row,
            summary=f"Ban hành kế hoạch {plan} từ tệp “{row.file_name}”"
            + (f"; thay thế kế hoạch {old}, {carried} nhiệm vụ được nối tiếp" if old is not None else "")
            + ".",
            before={"status": DraftStatus.READY},
            after={
                "status": row.status,
                "plan": plan.pk,
                "supersedes": old.pk if old else None,
                "carried": carried,
            },
        )
    return plan


def _publish_unit(row: PlanDraft, document: fmt.Plan) -> AdministrativeUnit:
    """Return the province the plan belongs to: the one it names, if in the draft's family.

    A plan issued by Bình Định before the merger stays Bình Định's under a Gia Lai draft; a
    document naming no province, or another one, is the draft's province.
    """
    from theodoi.directory.services import unit_find_province

    named = unit_find_province(name=document.document.province) if document.document.province else None
    if named is not None and named.pk in _unit_family(row.unit):
        return named
    return row.unit


def _carry_over(*, plan: Plan, matches: dict[int, int]) -> int:
    """Point each new task at the task it continues; return how many were linked."""
    tasks = list(Task.objects.filter(plan=plan).order_by("position", "id"))
    changed = []
    for task in tasks:
        previous = matches.get(task.position)
        if task.carried_from_id != previous:
            task.carried_from_id = previous
            changed.append(task)
    Task.objects.bulk_update(changed, ["carried_from"], batch_size=200)
    return sum(1 for t in tasks if t.carried_from_id)


def draft_discard(*, draft: PlanDraft, actor: Any) -> PlanDraft:
    """Discard a draft that will not be published; its file and corrections are kept."""
    with transaction.atomic():
        row = PlanDraft.objects.select_for_update().select_related("unit").get(pk=draft.pk)
        check_may_edit(actor=actor, unit=row.unit)
        if not row.is_open:
            raise DraftError(f"Bản nháp đã {row.get_status_display().lower()}.", code="status")
        before = row.status
        row.status = DraftStatus.DISCARDED
        row.version += 1
        row.updated_by = actor
        row.save(update_fields=["status", "version", "updated_by", "updated_at"])
        audit_record(
            actor=actor,
            action="plan_draft.discard",
            obj=row,
            summary=f"Hủy bản nháp từ tệp “{row.file_name}”.",
            before={"status": before},
            after={"status": row.status},
        )
    return row
