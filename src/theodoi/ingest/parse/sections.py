"""Sections of the task table (I, II, ...): the groups tasks sit in.

A section heading is a roman numeral followed by its title, as a table row of its own; the
layout step returns it as a ``Row`` of kind "section". Titles are kept as printed, joined
over lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from theodoi.ingest.layout.table import Row
from theodoi.ingest.plan import Section
from theodoi.ingest.text import collapse_spaces


def sections_from_rows(rows: Sequence[Row]) -> list[Section]:
    """Return the sections among ``rows``, in order, one per code."""
    out: list[Section] = []
    seen: set[str] = set()
    for row in rows:
        if row.kind != "section" or row.code in seen:
            continue
        seen.add(row.code)
        out.append(Section(code=row.code, title=clean_title(row.text("title") or "")))
    return out


def clean_title(text: str) -> str:
    """Return a section title as printed: spaces collapsed, edge punctuation dropped."""
    return collapse_spaces(text).strip(" .:;,-|")
