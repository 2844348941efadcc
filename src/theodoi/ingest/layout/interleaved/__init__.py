"""Rows of an OCR'd table: cells in blank-separated blocks, or columns interleaved per line.

OCR of a table page gives one of two shapes, often both in one document (page by page):

- blocks: the row number alone on a line, then each cell as a block of lines separated by
  blank lines (name, lead, partners, output, deadline). Blocks are aligned to columns like
  the one-cell-per-line layout.
- interleaved: each physical line holds the first column's text followed by fragments of the
  other columns ("... trong toàn xã hội về | Sở Khoa học | Các sở, ngành, | Kế hoạch 9/2025"),
  and the row number sits on a middle line of the row. The rows are cut between consecutive
  row numbers where a new first-column text starts (a capitalised line after a finished one,
  balanced around the numbers); each line is cut into the first column's part and the rest
  at gap marks OCR leaves between columns ("|", runs of stray marks) or, failing those, near
  the first column's usual width; the rest is cut into fragments at agency, output and
  deadline words and aligned to the remaining columns.

Before that, runs of stray OCR tokens (floating accents, table rules read as lone letters)
are found on the raw line and replaced by one gap mark in the restored line (the restorer
turns lone letters into words, so the raw line is where they show; its tokens match the
restored ones one to one). A name line's end that is a short agency name (or a directory
name OCR glued together) goes to the other columns, and a deadline cell wrapped over the
row's line ends is carried on ("Năm 2025 và" / "những năm" / "tiếp theo").

The raw OCR lines keep no runs of spaces between columns (checked on the samples), so the
column cuts rest on gap marks, vocabularies and the first column's usual width.
"""

from __future__ import annotations

from collections.abc import Sequence

from theodoi.ingest.layout.interleaved.blocks import _block_row, _is_block_row
from theodoi.ingest.layout.interleaved.carries import (
    _carry_deadline_heads,
    _carry_output_heads,
    _carry_output_openings,
)
from theodoi.ingest.layout.interleaved.debris import (
    debris_words,
    drop_debris_runs,
    lone_letter_words,
    whole_words,
)
from theodoi.ingest.layout.interleaved.first_column import _first_column_width
from theodoi.ingest.layout.interleaved.inline import _inline_row
from theodoi.ingest.layout.interleaved.mended_words import mended_words
from theodoi.ingest.layout.interleaved.result_tails import give_result_tails
from theodoi.ingest.layout.interleaved.segmented import (
    SEGMENTED_COLUMNS,
    _use_segmented_cells,
    segmented_rest,
)
from theodoi.ingest.layout.interleaved.spans import _row_spans, with_unnumbered_block_rows
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.layout.segment import DEADLINE, OUTPUT, column_kind
from theodoi.ingest.layout.table import Cell, ColumnSpec, Row, RowStart


def rows_interleaved(
    lines: Sequence[Line], starts: list[RowStart], columns: Sequence[ColumnSpec]
) -> list[Row]:
    """Rebuild rows from OCR'd table lines; ``starts`` are the accepted row numbers."""
    if not starts:
        return []
    debris = {line.number: debris_words(line) for line in lines}
    lone = {line.number: lone_letter_words(line) for line in lines}
    originals = {line.number: line for line in lines}  # a name's mended words, when it holds debris
    output_debris = {line.number: debris[line.number] | lone[line.number] for line in lines}
    whole = {line.number: whole_words(line) for line in lines}
    lines = [drop_debris_runs(line) for line in lines]
    first = next((c for c in columns if c.first), columns[0])
    others = [c for c in columns if c is not first]
    starts = with_unnumbered_block_rows(lines, starts)
    spilled: set[int] = set()
    spans = _row_spans(lines, starts, spilled)
    width = _first_column_width(lines, starts, spans)
    rows: list[Row] = []
    next_event: list[tuple[str, int]] = []  # an event deadline's opening read on the row above
    for start, (lo, hi) in zip(starts, spans, strict=True):
        if start.kind == "section":
            rows.append(_section(lines, start, lo, hi))
            continue
        conf = 0.6 if start.repaired else 0.85
        if _is_block_row(lines, start, hi):
            row = _block_row(lines, start, hi, first, others)
        else:
            rests: list[tuple[int, str]] = []
            opening: set[int] = set()
            row = _inline_row(
                lines,
                start,
                lo,
                hi,
                first,
                others,
                width,
                rests,
                debris,
                spilled,
                opening,
                next_event,
                lone,
                lambda number, among: mended_words(originals[number], among),
            )
            if any(c.name in SEGMENTED_COLUMNS for c in others):
                segmented = segmented_rest(rests, others, output_debris, partner_lines=opening, whole=whole)
                _use_segmented_cells(row, segmented, SEGMENTED_COLUMNS)
        row.confidence = conf
        for cell in row.cells.values():
            cell.confidence = round(min(cell.confidence, conf), 3)
        rows.append(row)
    outputs = [c.name for c in others if column_kind(c.fits, first=False) == OUTPUT]
    _carry_output_heads(rows, outputs)
    _carry_output_openings(rows, outputs)
    if outputs:
        give_result_tails(rows, first.name, outputs[0])
    numbered = frozenset(lines[start.index].number for start in starts)
    _carry_deadline_heads(
        rows, [c.name for c in others if column_kind(c.fits, first=False) == DEADLINE], numbered
    )
    return rows


def _section(lines: Sequence[Line], start: RowStart, lo: int, hi: int) -> Row:
    cell = Cell("", [], 0.8)
    for i in range(lo, hi):
        line = lines[i]
        if not line.key:
            continue
        text = line.text
        if i == start.index:
            text = start.rest if start.rest else ""
        cell.add(text.strip(" |"), line.number)
    cell.text = cell.text.strip(" .:-|")
    return Row(
        "section", start.code, {"title": cell}, [lines[i].number for i in range(lo, hi) if lines[i].key], 0.8
    )
