"""The task table's heading read again at a page's top, inside the rows.

OCR reads the column headings again on every page; those lines hold no cell's words and must
be neither a row's name nor a cut between rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.layout.lines import Line

# The task table's column headings (folded), which OCR reads again at each page's top.
_HEADER_PHRASES = (
    "ten nhiem vu",
    "co quan",
    "chu tri",
    "phoi hop",
    "ket qua",
    "san pham",
    "thoi gian",
    "hoan thanh",
    "thoi han",
    "don vi",
)
_HEADER_WORDS = frozenset(" ".join(_HEADER_PHRASES).split()) | {"tt", "stt"}


def is_header_repeat(key: str) -> bool:
    """Whether a folded line is the table's heading read again after a page break.

    "Tổ Tên nhiệm vụ chủ trì phối hợp Kết quả hoàn thành", "Cơ quan Cơ quan Thời gian": two
    heading phrases or more, and (OCR debris aside) hardly a word that is not a heading word.
    """
    words = [w for w in re.findall(r"[a-z]+", key) if len(w) >= 2]
    if not words or sum(1 for p in _HEADER_PHRASES if p in key) < 2:
        return False
    return sum(w in _HEADER_WORDS for w in words) >= 0.75 * len(words)


def header_lines(lines: Sequence[Line], lo: int, hi: int) -> set[int]:
    """The indexes in lines[lo:hi] of a table heading read again (``is_header_repeat``).

    A heading may come one line a phrase ("TT" / "Tên nhiệm vụ" / "Cơ quan" / "chủ trì"):
    consecutive lines made only of heading words are judged together.
    """
    out: set[int] = set()
    run: list[int] = []
    for i in [*range(lo, hi), hi]:
        key = lines[i].key if i < hi else ""
        if i < hi and not key:
            continue
        if i < hi and is_header_repeat(key):
            out.add(i)
            continue
        words = re.findall(r"[a-z]+", key)
        if i < hi and words and all(w in _HEADER_WORDS for w in words):
            run.append(i)
            continue
        if run and is_header_repeat(" ".join(lines[j].key for j in run)):
            out.update(run)
        run = []
    return out


def page_notes(lines: Sequence[Line], lo: int, hi: int, width: float) -> set[int]:
    """The indexes in lines[lo:hi] of a note printed across the page's foot.

    "Theo phân công chi tiết trong chương trình hành động thực hiện Đề án 06": after a blank
    line and right before a page break (the next page's heading is left out of the table's
    lines, so the line numbers jump), a line with no gap mark and longer than the first
    column is wide spans the table: it is no row's cell.
    """
    out: set[int] = set()
    for i in range(max(lo, 1), hi - 1):
        text = lines[i].text
        if not lines[i].key or lines[i - 1].key or "|" in text or len(text.strip()) < _NOTE_SHARE * width:
            continue
        below = next((j for j in range(i + 1, hi) if lines[j].key), None)
        if below is not None and lines[below].number - lines[i].number >= _PAGE_JUMP:
            out.add(i)
    return out


# A line this many times the first column's width spans the table (a note, not a cell).
_NOTE_SHARE = 1.2
# Source lines skipped between two table lines at a page break (the heading read again).
_PAGE_JUMP = 3
