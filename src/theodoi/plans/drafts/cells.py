"""Cell edits: set one cell of a draft, the printed and parsed forms together."""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction

from theodoi.ingest.normalise.deadlines import parse_deadline
from theodoi.ingest.normalise.targets import parse_target
from theodoi.plans.drafts.base import lock_for_write, record_correction, row_index, save_document, table_rows
from theodoi.plans.drafts.fields import FIELDS, convert, parse_path, plain_number, text_of
from theodoi.plans.models import CorrectionKind, Plan, PlanDraft
from theodoi.plans.services import _unit_family


def draft_cell_update(*, draft: PlanDraft, actor: Any, version: int, path: str, value: Any) -> PlanDraft:
    """Set one cell of the draft (``path`` like "tasks[3].name", "document.number",
    "document.reporting[0].due") and record the correction.

    The value is checked for its field: agency lists take a list of names (or one string split
    on ";"), a deadline is re-parsed (``deadline_parsed``) and a target re-parsed (op, value,
    value_max) so that the printed and parsed forms change together; renaming a section code
    renames it on its tasks; a new header number finds the plan of that number the draft will
    update (``target_plan``). The edited cell's confidence becomes 1.0 (checked); setting a cell
    to the value it has records no correction but still marks it checked.

    Raises DraftConflict (stale version), DraftError (bad value, with ``path``), PermissionDenied.
    """
    table, index, name = parse_path(path)
    with transaction.atomic():
        row = lock_for_write(draft=draft, actor=actor, version=version)
        document = copy.deepcopy(row.document or {})
        if table == "document":
            target = document.setdefault("document", {})
        else:
            rows = table_rows(document, table)
            target = rows[row_index(rows, index if index is not None else -1, table)]
        before = target.get(name)
        new = convert(FIELDS[table][name], value, document=document, path=path, current=before)
        target[name] = new
        if table == "tasks" and name == "deadline":
            parsed = parse_deadline(new)
            if parsed:
                target["deadline_parsed"] = parsed
            else:
                target.pop("deadline_parsed", None)
        if table == "indicators" and name == "target":
            target["op"], value_min, value_max = parse_target(new)
            target["value"], target["value_max"] = plain_number(value_min), plain_number(value_max)
        if table == "sections" and name == "code" and before != new:
            for task in document.get("tasks", []):
                if task.get("section") == before:
                    task["section"] = new
        target.setdefault("confidence", {})[name] = 1.0
        if table == "document" and name == "number" and not row.same_file:
            family = _unit_family(row.unit)
            row.target_plan = (
                Plan.objects.filter(unit_id__in=family, number=new).order_by("id").first() if new else None
            )
            row.save(update_fields=["target_plan"])
        if before == new:
            row.document = document  # only the confidence changed: checked as correct
            row.version += 1
            row.updated_by = actor
            row.save(update_fields=["document", "version", "updated_by", "updated_at"])
            return row
        record_correction(
            row,
            actor=actor,
            kind=CorrectionKind.EDIT,
            path=path,
            field_name=name,
            before=text_of(before),
            after=text_of(new),
        )
        return save_document(row, document, actor=actor)
