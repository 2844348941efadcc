"""Row edits: add, delete, move, merge and split the rows of a draft's tables.

Merge and split undo what extraction most often gets wrong on a scan: one printed row
cut in two, or two glued into one.
"""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction

from theodoi.ingest.normalise.deadlines import parse_deadline
from theodoi.ingest.normalise.targets import parse_target
from theodoi.plans.drafts.base import (
    DraftError,
    lock_for_write,
    record_correction,
    row_index,
    save_document,
    table_path,
    table_rows,
)
from theodoi.plans.drafts.fields import FIELDS, as_text, convert, plain_number
from theodoi.plans.models import CorrectionKind, PlanDraft


def _new_row(table: str, document: dict[str, Any], index: int, values: dict[str, Any]) -> dict[str, Any]:
    """Return a hand-made row; a placeholder name gets confidence 0 so the review queue stops on it."""
    rows = table_rows(document, table)
    near = rows[index - 1] if index > 0 and rows else (rows[0] if rows else {})
    if table == "tasks":
        row: dict[str, Any] = {
            "section": near.get("section") if table == "tasks" else None,
            "code": None,
            "name": "Nhiệm vụ mới",
            "lead": [],
            "support": [],
            "output": None,
            "deadline": None,
        }
    elif table == "indicators":
        row = {
            "horizon": near.get("horizon"),
            "group": near.get("group"),
            "code": None,
            "name": "Chỉ tiêu mới",
            "unit": None,
            "target": None,
            "op": "text",
            "value": None,
            "value_max": None,
            "lead": [],
        }
    elif table == "sections":
        codes = {s.get("code") for s in rows}
        n = len(rows) + 1
        while f"Mục {n}" in codes:
            n += 1
        row = {"code": f"Mục {n}", "title": ""}
    else:
        row = {"cadence": "ad_hoc", "due": None, "to": None}
    placeholder = {"tasks": "name", "indicators": "name", "sections": "code", "reporting": "cadence"}[table]
    row["confidence"] = {} if placeholder in values else {placeholder: 0.0}
    for name, value in values.items():
        if name not in FIELDS[table]:
            raise DraftError(f"Không có trường “{name}” trong bảng này.", code="field")
        row[name] = convert(
            FIELDS[table][name],
            value,
            document=document,
            path=f"{table_path(table, index)}.{name}",
            current=None,
        )
        row["confidence"][name] = 1.0
    if table == "tasks" and row.get("deadline"):
        row["deadline_parsed"] = parse_deadline(row["deadline"])
    if table == "indicators" and row.get("target") and "op" not in values:
        row["op"], value_min, value_max = parse_target(row["target"])
        row["value"], row["value_max"] = plain_number(value_min), plain_number(value_max)
    return row


def draft_row_add(
    *,
    draft: PlanDraft,
    actor: Any,
    version: int,
    table: str,
    index: int,
    values: dict[str, Any] | None = None,
) -> PlanDraft:
    """Insert a row at ``index`` (``len(rows)`` appends) of ``table``, with ``values`` if given.

    Without a name the row is called "Nhiệm vụ mới"/"Chỉ tiêu mới" and stays in the review
    queue until the name is edited. A task takes the section of the row above it.
    """
    with transaction.atomic():
        row = lock_for_write(draft=draft, actor=actor, version=version)
        document = copy.deepcopy(row.document or {})
        rows = table_rows(document, table)
        index = row_index(rows, index, table, end_ok=True)
        new = _new_row(table, document, index, dict(values or {}))
        rows.insert(index, new)
        record_correction(
            row, actor=actor, kind=CorrectionKind.ADD, path=table_path(table, index), row_after=new
        )
        return save_document(row, document, actor=actor)


def draft_row_delete(*, draft: PlanDraft, actor: Any, version: int, table: str, index: int) -> PlanDraft:
    """Delete a row; deleting a section leaves its tasks without a section (not deleted)."""
    with transaction.atomic():
        row = lock_for_write(draft=draft, actor=actor, version=version)
        document = copy.deepcopy(row.document or {})
        rows = table_rows(document, table)
        gone = rows.pop(row_index(rows, index, table))
        if table == "sections":
            for task in document.get("tasks", []):
                if task.get("section") == gone.get("code"):
                    task["section"] = None
        record_correction(
            row, actor=actor, kind=CorrectionKind.DELETE, path=table_path(table, index), row_before=gone
        )
        return save_document(row, document, actor=actor)


def draft_row_move(
    *, draft: PlanDraft, actor: Any, version: int, table: str, index: int, to: int
) -> PlanDraft:
    """Move a row from ``index`` to position ``to`` (both 0-based, ``to`` in the table after removal)."""
    with transaction.atomic():
        row = lock_for_write(draft=draft, actor=actor, version=version)
        document = copy.deepcopy(row.document or {})
        rows = table_rows(document, table)
        moved = rows.pop(row_index(rows, index, table))
        rows.insert(row_index(rows, to, table, end_ok=True), moved)
        record_correction(
            row,
            actor=actor,
            kind=CorrectionKind.MOVE,
            path=table_path(table, index),
            before=str(index),
            row_before={"index": index},
            row_after={"index": to},
        )
        return save_document(row, document, actor=actor)


def _join_text(a: str | None, b: str | None) -> str | None:
    if a and b and a != b:
        return f"{a} {b}"
    return a or b


def _union(a: list[str] | None, b: list[str] | None) -> list[str]:
    return list(dict.fromkeys([*(a or []), *(b or [])]))


_MERGE_TEXT = {"name", "output", "title", "target", "due", "group", "unit"}
_MERGE_LIST = {"lead", "support", "implements", "supersedes"}


def draft_rows_merge(*, draft: PlanDraft, actor: Any, version: int, table: str, index: int) -> PlanDraft:
    """Merge row ``index + 1`` into row ``index``: one row that extraction cut in two.

    Names (and outputs, titles) are joined with a space, agency lists and source lines are
    united in order, other fields keep the first row's value or else the second's; each
    field's confidence is the lower of the two. Merging sections moves the second's tasks
    into the first.
    """
    with transaction.atomic():
        row = lock_for_write(draft=draft, actor=actor, version=version)
        document = copy.deepcopy(row.document or {})
        rows = table_rows(document, table)
        index = row_index(rows, index, table)
        if index + 1 >= len(rows):
            raise DraftError("Dòng cuối bảng không có dòng sau để gộp.", code="index")
        first, second = rows[index], rows[index + 1]
        merged = dict(first)
        for name in {*first, *second} - {"source_lines", "confidence", "deadline_parsed"}:
            if name in _MERGE_LIST:
                merged[name] = _union(first.get(name), second.get(name))
            elif name in _MERGE_TEXT:
                merged[name] = _join_text(first.get(name), second.get(name))
            elif first.get(name) in (None, "", []):
                merged[name] = second.get(name)
        lines = sorted({*(first.get("source_lines") or []), *(second.get("source_lines") or [])})
        if lines:
            merged["source_lines"] = lines
        conf_a, conf_b = first.get("confidence") or {}, second.get("confidence") or {}
        merged["confidence"] = {k: min(conf_a.get(k, 1.0), conf_b.get(k, 1.0)) for k in {*conf_a, *conf_b}}
        if table == "tasks":
            parsed = parse_deadline(merged.get("deadline"))
            merged.pop("deadline_parsed", None)
            if parsed:
                merged["deadline_parsed"] = parsed
        if table == "indicators" and merged.get("target") != first.get("target"):
            merged["op"], value_min, value_max = parse_target(merged.get("target"))
            merged["value"], merged["value_max"] = plain_number(value_min), plain_number(value_max)
        if table == "sections":
            merged["code"] = first.get("code")
            for task in document.get("tasks", []):
                if task.get("section") == second.get("code"):
                    task["section"] = first.get("code")
        rows[index : index + 2] = [merged]
        record_correction(
            row,
            actor=actor,
            kind=CorrectionKind.MERGE,
            path=table_path(table, index),
            row_before=[first, second],
            row_after=merged,
        )
        return save_document(row, document, actor=actor)


def draft_row_split(
    *, draft: PlanDraft, actor: Any, version: int, table: str, index: int, field: str = "name", at: int
) -> PlanDraft:
    """Split row ``index`` in two at character ``at`` of its ``field``: two rows extraction glued.

    The first row keeps the text before ``at``, a new row after it gets the rest and a copy of
    the other fields (no code), each copied field at confidence 0 so the review queue stops on
    them; both rows keep the source lines.
    """
    with transaction.atomic():
        row = lock_for_write(draft=draft, actor=actor, version=version)
        document = copy.deepcopy(row.document or {})
        rows = table_rows(document, table)
        index = row_index(rows, index, table)
        original = rows[index]
        if field not in _MERGE_TEXT or not isinstance(original.get(field), str):
            raise DraftError(f"Không tách được theo trường “{field}”.", code="field")
        text = original[field]
        head, tail = (
            (as_text(text[:at]) if at > 0 else None),
            (as_text(text[at:]) if at < len(text) else None),
        )
        if not head or not tail:
            raise DraftError("Chọn chỗ tách ở giữa nội dung, để mỗi dòng còn chữ.", code="split_at")
        first = copy.deepcopy(original)
        first[field] = head
        first.setdefault("confidence", {})[field] = 1.0
        second = copy.deepcopy(original)
        second[field] = tail
        if "code" in second:
            second["code"] = None
        if table == "sections":
            codes = {s.get("code") for s in rows}
            n = len(rows) + 1
            while f"Mục {n}" in codes:
                n += 1
            second["code"] = f"Mục {n}"
        second["confidence"] = {
            name: (1.0 if name == field else 0.0)
            for name in FIELDS[table]
            if second.get(name) not in (None, "", [])
        }
        rows[index : index + 1] = [first, second]
        record_correction(
            row,
            actor=actor,
            kind=CorrectionKind.SPLIT,
            path=table_path(table, index),
            field_name=field,
            row_before=original,
            row_after=[first, second],
        )
        return save_document(row, document, actor=actor)
