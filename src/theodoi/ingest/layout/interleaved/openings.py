"""Another column's cell opening above a task name: its lines taken off the name's start.

A row's output (or partner) cell may wrap on more lines than its name and stand higher, so
its first lines come out of OCR above the name's first line, where the name column is blank
("Hình thành hệ thống" / "Xây dựng kho học liệu trực tuyến cho giáo dục ..."). The first
column's cut gives them to the name, which then opens with another column's words.
"""

from __future__ import annotations

from collections.abc import Sequence

from theodoi.ingest.layout.interleaved.first_column import _PARAGRAPH_END_SHARE
from theodoi.ingest.layout.interleaved.words import TASK_VERBS, fold


def drop_lines_above_opening(
    parts: Sequence[tuple[int, str]], number_line: int, width: float
) -> list[tuple[int, str]]:
    """Drop a name's first lines when a task name opens below them, at or above the row's number.

    The name is a wrapped paragraph: each of its lines but the last runs to near the first
    column's width (``first_column.ends_paragraph``). A line short of it followed by a line
    opening as task names open (a capitalised verb of ``TASK_VERBS``: "Thúc đẩy", "Xây
    dựng", or "Cơ sở dữ liệu") ends something else: the lines down to it are another cell's
    ("Có ít nhất 03 dự án," / ", chương trình trong" / "Thúc đẩy hoạt động ..."). The row's
    number sits on a middle line of the name, so the opening must lie at or above the number's
    line ``number_line``; a capitalised word further down is the name's own ("... chuyên
    trách" / "CNTT của tỉnh"). The last such opening is the name's.
    """
    out = list(parts)
    for j in range(len(out) - 1, 0, -1):
        number, text = out[j]
        if number > number_line or not text[:1].isupper() or not fold(text).startswith(TASK_VERBS):
            continue
        if len(out[j - 1][1]) < _PARAGRAPH_END_SHARE * width:
            return out[j:]
    return out


def opening_cell_lines(dropped: Sequence[tuple[int, str]], width: float) -> list[tuple[int, str]]:
    """The lines ``drop_lines_above_opening`` took off that are another column's cell.

    A taller cell standing above the name is a narrow column's: each of its lines is short
    of the first column's width ("Có ít nhất 03 dự án," / ", chương trình trong"), and its
    words go back to the row's other columns. A line as wide as the first column belongs to
    text spanning the table above the row (a group's unnumbered title: "Đẩy mạnh chuyển đổi
    số, ứng dụng khoa học, công" / ...): then none of the lines is a cell's.
    """
    if any(len(text) >= _PARAGRAPH_END_SHARE * width for _number, text in dropped):
        return []
    return list(dropped)
