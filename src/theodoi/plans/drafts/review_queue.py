"""The review queue ("next to check"): the cells extraction was unsure of, and their source lines."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from theodoi.plans.drafts.base import TABLES, table_path, table_rows
from theodoi.plans.drafts.fields import FIELD_LABELS, FIELDS
from theodoi.plans.models import PlanDraft

# Cells extracted with less confidence are "to check" (THEODOI_REVIEW_CONFIDENCE). Measured by
# bench/review_queue.py on samples 000 and 002 against the dev gold: about half the cells under
# 0.75 are wrong, 2-5 % of those at 0.75-0.85; under 0.75 holds 96 % of the wrong cells, under
# 0.65 only 75 %. So the line stays at 0.75 and the queue is walked worst confidence first.
REVIEW_THRESHOLD = 0.75


@dataclass(frozen=True)
class CellRef:
    """A cell to check: where it is, what it holds, how sure extraction was, where it came from.

    ``table`` is "document" for the header; ``index`` None there. ``source_lines`` are
    ``{"n", "raw", "text"}`` of the lines the row came from.
    """

    path: str
    table: str
    index: int | None
    field: str
    label: str
    value: Any
    confidence: float
    source_lines: list[dict[str, Any]]


def _threshold() -> float:
    return float(getattr(settings, "THEODOI_REVIEW_CONFIDENCE", REVIEW_THRESHOLD))


def draft_review_queue(*, draft: PlanDraft, threshold: float | None = None) -> list[CellRef]:
    """Return the cells to check (confidence below ``threshold``), least confident first.

    Cells of equal confidence come in document order: the row's first source line, so the
    header comes first and each appendix follows as printed. Least confident first because a
    queue of hundreds of cells is walked from the top: there the cells most likely wrong
    (bench/review_queue.py). An empty header number or date is always to check (confidence
    0). A cell edited or confirmed (``draft_cell_update`` with the same value) has confidence
    1.0 and leaves the queue.
    """
    limit = _threshold() if threshold is None else threshold
    document = draft.document or {}
    by_number = {line["n"]: line for line in draft.source_lines or []}
    cells: list[tuple[tuple[float, int, int, int, int], CellRef]] = []
    order = {"document": 0, "reporting": 1, "sections": 2, "indicators": 3, "tasks": 4}

    def add(table: str, index: int | None, row: dict[str, Any]) -> None:
        confidence = dict(row.get("confidence") or {})
        if table == "document":
            for name in ("number", "date"):
                if not row.get(name) and name not in confidence:
                    confidence[name] = 0.0
        lines = [by_number[n] for n in row.get("source_lines") or [] if n in by_number]
        first = min(row.get("source_lines") or [0])
        fields = list(FIELDS[table])
        for name, value in confidence.items():
            if name not in FIELDS[table] or value >= limit:
                continue
            path = f"document.{name}" if table == "document" else f"{table_path(table, index or 0)}.{name}"
            ref = CellRef(
                path=path,
                table=table,
                index=index,
                field=name,
                label=FIELD_LABELS.get(name, name),
                value=row.get(name),
                confidence=float(value),
                source_lines=lines,
            )
            cells.append(((float(value), first, order[table], index or 0, fields.index(name)), ref))

    add("document", None, document.get("document") or {})
    for table in TABLES:
        for n, row in enumerate(table_rows(copy.deepcopy(document), table)):
            add(table, n, row)
    return [ref for _, ref in sorted(cells, key=lambda c: c[0])]


def draft_source_lines(*, draft: PlanDraft, numbers: Iterable[int]) -> list[dict[str, Any]]:
    """Return the source lines ``{"n", "raw", "text"}`` with these 1-based numbers, in order."""
    wanted = set(numbers)
    return [line for line in draft.source_lines or [] if line["n"] in wanted]
