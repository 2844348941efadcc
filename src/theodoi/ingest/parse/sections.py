"""Sections of the task table (I, II, ...): the groups tasks sit in.

A section heading is a roman numeral followed by its title, as a table row of its own; the
layout step returns it as a ``Row`` of kind "section". Titles are kept as printed, joined
over lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.layout.classify import roman_value, to_roman
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.layout.table import Cell, Row
from theodoi.ingest.plan import Section
from theodoi.ingest.text import collapse_spaces, fold, similarity_at_least
from theodoi.ingest.text import ratio as text_ratio


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


_HEADING = re.compile(r"^(\d{1,2})\s*[.)]\s+(\S.{15,})$")


def recover_sections(rows: list[Row], body: Sequence[Line], table: Sequence[Line]) -> list[Row]:
    """Insert the section headings OCR lost, found through the body's numbered headings.

    A plan's task groups repeat the numbered headings of its tasks-and-solutions part
    ("4. Phát triển, trọng dụng nhân lực ..." in the body, "IV Phát triển, trọng dụng nhân
    lực ..." in the appendix). When the numerals run I, II, III, V, the heading numbered 4
    is looked for among the table lines between III and V; where its opening words match a
    line (folded, fuzzy), section IV starts at the first row from that line on.
    """
    present = {roman_value(r.code) for r in rows if r.kind == "section"}
    if not present:
        return rows
    headings: dict[int, list[Line]] = {}
    for line in body:
        m = _HEADING.match(line.text)
        if m:
            headings.setdefault(int(m.group(1)), []).append(line)
    probes = [(line, fold(line.raw)) for line in table if len(line.key) >= 15]
    top = max(present) + 1
    for value in range(1, top + 1):
        if value in present or value not in headings:
            continue
        lo, hi = _section_window(rows, value)
        best: tuple[float, int, Line] | None = None
        for heading in headings[value]:
            key = fold(_HEADING.match(heading.text).group(2))[:40]
            for line, raw_key in probes:
                if not lo <= line.number < hi:
                    continue
                ratio = max(_opening_similarity(key, line.key), _opening_similarity(key, raw_key))
                if ratio >= 0.7 and (best is None or ratio > best[0]):
                    best = (ratio, line.number, heading)
        if best is None:
            continue
        ratio, number, heading = best
        at = next((k for k, r in enumerate(rows) if r.kind == "row" and min(r.lines or [0]) >= number), None)
        if at is None:
            continue
        title = _HEADING.match(heading.text).group(2)
        rows.insert(
            at,
            Row(
                "section",
                to_roman(value),
                {"title": Cell(title, [number], round(ratio * 0.8, 3))},
                [number],
                0.6,
            ),
        )
        present.add(value)
        _drop_title_from_name(rows[at + 1], _whole_heading(body, heading))
    return _renumber_sections(rows)


def _whole_heading(body: Sequence[Line], heading: Line) -> str:
    """A numbered heading's text with the lines it wraps onto (up to a blank line, an item
    "a)" or a new number; four lines at most)."""
    at = next((k for k, line in enumerate(body) if line is heading), None)
    parts = [_HEADING.match(heading.text).group(2)]
    for line in body[at + 1 : at + 4] if at is not None else ():
        if not line.key or re.match(r"^(?:[a-zđ]\)|\d|[-+*•])", line.key):
            break
        parts.append(line.text.strip())
    return " ".join(parts)


def _drop_title_from_name(row: Row, title: str) -> None:
    """Take a recovered section's title out of the name of the row below it.

    The heading OCR lost its numeral on was read as the first column's lines, so the first
    row's name opens with the group's title ("Phát triển, trọng dụng nhân lực ... Tập trung
    nguồn lực ..."). The name's opening words that match the title (folded, 0.8 alike at
    least, half the title's words at least) go; a name that does not open so keeps them all.
    """
    cell = row.cells.get("name")
    if cell is None or not cell.text:
        return
    words, want = cell.text.split(), fold(title).split()
    if len(want) < 4 or len(words) <= len(want) // 2:
        return
    folded = [fold(w) for w in words]
    best, best_ratio = 0, 0.0
    for k in range(max(1, len(want) // 2), min(len(words) - 1, len(want) + 3) + 1):
        ratio = text_ratio(" ".join(want), " ".join(folded[:k]))
        if ratio > best_ratio:
            best, best_ratio = k, ratio
    if best_ratio >= 0.8:
        cell.text = " ".join(words[best:])


def _opening_similarity(key: str, line_key: str) -> float:
    """How much a table line opens like a heading (numeral and bars dropped), 0..1."""
    probe = re.sub(r"^[ivxl1|.\s]{1,6}(?=\S)", "", line_key)[: len(key)]
    return similarity_at_least(key, probe, 0.7)


def _section_window(rows: Sequence[Row], value: int) -> tuple[int, int]:
    """Return the source-line window where section ``value`` must start."""
    lo, hi = 0, 10**9
    for row in rows:
        if row.kind != "section":
            continue
        v = roman_value(row.code) or 0
        first = min(row.lines or [0])
        if v < value:
            lo = max(lo, first)
        elif v > value:
            hi = min(hi, first)
    return lo, hi


def _renumber_sections(rows: list[Row]) -> list[Row]:
    """Keep section rows in ascending order (drop a recovered one that landed out of order)."""
    out: list[Row] = []
    last = 0
    for row in rows:
        if row.kind == "section":
            value = roman_value(row.code) or 0
            if value <= last:
                continue
            last = value
        out.append(row)
    return out


def clean_title(text: str) -> str:
    """Return a section title as printed: spaces collapsed, edge punctuation dropped."""
    return collapse_spaces(text).strip(" .:;,-|")
