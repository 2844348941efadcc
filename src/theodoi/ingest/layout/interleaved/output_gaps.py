"""A narrow cell's line that holds the output's opening past a gap mark.

A row's cells are centred on its height, so a tall agency cell and a tall output cell both
open on lines above the row's name: such a line reads "Sở Khoa học và" or "Công nghệ; các |
Đề án, dự án", the partners' words, a gap mark, then the output's first words. The row cut
and the partners' opening read the line's agency cell from the words before the gap; the
output's words after it stay the output's.
"""

from __future__ import annotations

from theodoi.ingest.layout.segment import OUTPUT, opener


def output_after_gap(text: str) -> tuple[str, str]:
    """Split a line at its first gap mark when an output kind opens the words after it.

    "7 . ở Công nghệ; các | Đề án, dự án" -> ("7 . ở Công nghệ; các", "Đề án, dự án"). The
    words after the gap must open an output (a capitalised output kind or result: "Kế
    hoạch", "Hoàn thành"); otherwise the line is returned whole with "" after it.
    """
    head, gap, after = text.partition(" | ")
    tokens = after.split()
    if not gap or not head.strip() or not tokens or not opener(tokens, 0, OUTPUT):
        return text, ""
    return head, after.strip()
