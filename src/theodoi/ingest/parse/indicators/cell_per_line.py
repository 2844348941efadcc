"""Layout: a table flattened one cell per line, empty cells left out.

A number alone on its line opens a row when it is next in sequence; the row's cells are
assigned to columns by their vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.parse.indicators.leads import agency_like
from theodoi.ingest.parse.indicators.numbering import accept_code
from theodoi.ingest.parse.indicators.rows import Parts, Row, mark_groups
from theodoi.ingest.parse.indicators.table import horizon_of
from theodoi.ingest.parse.indicators.target_cell import target_like


def is_cell_per_line(body: Sequence[Line]) -> bool:
    alone = sum(1 for line in body if re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){0,2}\.?", line.key))
    inline = sum(1 for line in body if re.match(r"^\d{1,2}(?:\.\d{1,2}){0,2}\.?\s+\S", line.key))
    return alone >= 1 and alone >= 2 * inline


def rows_cell_per_line(body: Sequence[Line]) -> list[Row]:
    rows: list[Row] = []
    horizon: int | None = None
    current: Row | None = None
    cells: dict[int, list[Line]] = {}
    started = False
    last: str | None = None
    fresh = False
    for line in body:
        if not line.key:
            continue
        if re.fullmatch(r"[ivxl]{1,4}\.?", line.key):
            current = None
            continue
        h = horizon_of(line)
        if (
            h
            and not re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){0,2}\.?", line.key)
            and (current is None or cells.get(id(current)))
        ):
            horizon = h
            current = None
            fresh = True
            started = True
            continue
        if re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){0,2}\.?", line.key):
            # A number alone is a row number only in sequence; otherwise it is a target cell.
            accepted = accept_code(line.key.rstrip("."), last, fresh=fresh)
            if accepted is not None and (current is None or cells.get(id(current))):
                fresh = False
                current = Row(code=accepted, horizon=horizon, group=None, lines=[line])
                rows.append(current)
                cells[id(current)] = []
                last = accepted
                started = True
                continue
        if not started or current is None:
            continue
        cells[id(current)].append(line)
        current.lines.append(line)
    for row in rows:
        row.parts = [_classify_cells([c.text for c in cells[id(row)]])]
    mark_groups(rows)
    return rows


def _classify_cells(texts: list[str]) -> Parts:
    """Assign a row's cells (one per line) to name, unit, target and lead."""
    parts = Parts()
    if not texts:
        return parts
    parts.name = texts[0]
    rest = texts[1:]
    if rest and agency_like(rest[-1]):
        parts.lead = rest.pop()
    # A lead wrapped over two lines: "Công an tỉnh, Sở Khoa học" / "và Công nghệ".
    while rest and parts.lead and agency_like(rest[-1]) and not target_like(rest[-1]):
        parts.lead = rest.pop() + " " + parts.lead
    if len(rest) >= 2:
        parts.unit = rest[0]
        parts.target = " ".join(rest[1:])
    elif len(rest) == 1:
        only = rest[0]
        if target_like(only) or len(only) > 40:
            parts.target = only
        else:
            parts.unit = only
    return parts
