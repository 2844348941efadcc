"""A table row of indicators as the layouts rebuild it: its lines split into columns.

A row is a code, a horizon and group, and the physical lines it spans, each split into
``Parts`` (name, unit, target, lead); a numbered row with sub-rows and no cells of its own is
a group heading (nhóm chỉ tiêu).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.parse.indicators.names import clean_name
from theodoi.ingest.text import collapse_spaces


@dataclass
class Parts:
    """A physical line split into the columns of an indicator table."""

    code: str | None = None
    name: str = ""
    unit: str = ""
    target: str = ""
    lead: str = ""

    @property
    def has_row_cells(self) -> bool:
        return bool(self.unit or self.target or self.lead)


@dataclass
class Row:
    code: str | None
    horizon: int | None
    group: str | None
    lines: list[Line] = field(default_factory=list)
    parts: list[Parts] = field(default_factory=list)
    repaired: bool = False
    is_group: bool = False

    def column(self, name: str) -> str:
        return collapse_spaces(" ".join(getattr(p, name) for p in self.parts if getattr(p, name)))


def mark_groups(rows: list[Row]) -> None:
    """A numbered row with sub-rows and no cells of its own is a group heading."""
    group: str | None = None
    group_code: str | None = None
    for k, row in enumerate(rows):
        code = row.code or ""
        nxt = rows[k + 1].code if k + 1 < len(rows) else None
        has_cells = any(p.unit or p.target or p.lead for p in row.parts)
        if "." not in code and nxt == code + ".1" and not has_cells:
            row.is_group = True
            group = clean_name(row.column("name"))
            group_code = code
            continue
        if group_code is not None and not code.startswith(group_code + "."):
            group, group_code = None, None
        row.group = group
