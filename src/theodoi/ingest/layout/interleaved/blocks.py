"""Block rows: the row number alone on a line, then each cell as a blank-separated block of lines.

Such rows are aligned to the columns block by block, page by page, like the one-cell-per-line
layout; the interleaved cut does not apply to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from theodoi.ingest.layout.interleaved.row_lines import _is_alone
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.layout.table import Cell, ColumnSpec, Row, RowStart, align


def _is_block_row(lines: Sequence[Line], start: RowStart, hi: int) -> bool:
    if not _is_alone(start):
        return False
    blanks = sum(1 for line in lines[start.index + 1 : hi] if not line.key)
    return blanks >= 1


def _blocks(lines: Sequence[Line], lo: int, hi: int) -> list[tuple[list[Line], bool]]:
    """The row's blank-separated blocks, each with whether it opens a new page.

    The heading read again at a page's top is left out of the lines, so a page break shows
    as a jump in the source line numbers (``_page_break``); it ends a block even where OCR
    left no blank line ("Hằng năm" last on one page, the name's carry-on first on the next).
    """
    blocks: list[tuple[list[Line], bool]] = []
    current: list[Line] = []
    opens_page = after_break = False
    previous: Line | None = None
    for line in lines[lo:hi]:
        if previous is not None and line.number - previous.number >= 3:
            if current:
                blocks.append((current, opens_page))
                current = []
            after_break = True
        previous = line
        if line.key:
            if not current:
                opens_page, after_break = after_break, False
            current.append(line)
        elif current:
            blocks.append((current, opens_page))
            current = []
    if current:
        blocks.append((current, opens_page))
    return blocks


def _block_row(
    lines: Sequence[Line], start: RowStart, hi: int, first: ColumnSpec, others: Sequence[ColumnSpec]
) -> Row:
    """Align a block row's blocks to the columns, page by page.

    A row cut by a page break prints the rest of every cell on the next page, again from the
    first column: the blocks after the break are aligned on their own, the name's carry-on
    not forced first (the name may have ended on the page before).
    """
    row = Row("row", start.code, {}, [lines[start.index].number])
    blocks = _blocks(lines, start.index + 1, hi)
    pages: list[list[list[Line]]] = [[]]
    for block, new_page in blocks:
        if new_page and pages[-1]:
            pages.append([])
        pages[-1].append(block)
    columns = [first, *others]
    confidence: dict[str, float] = {}
    for k, page in enumerate(pages):
        texts = [" ".join(line.text for line in block) for block in page]
        assignment, page_confidence = align(
            texts, [first if k == 0 else replace(first, first=False), *others]
        )
        for name, value in page_confidence.items():
            confidence[name] = min(confidence.get(name, 1.0), value)
        for block, col in zip(page, assignment, strict=True):
            cell = row.cells.setdefault(columns[col].name, Cell("", [], 0.85))
            for line in block:
                cell.add(line.text, line.number)
                row.lines.append(line.number)
    for name, cell in row.cells.items():
        cell.confidence = min(cell.confidence, confidence.get(name, 0.8))
    return row
