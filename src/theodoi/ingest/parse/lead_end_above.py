"""A lead read as other columns' words and a name's last words, the name's rest on lines above.

A narrow lead cell wraps a long name over several lines ("Sở Văn hóa," / "Thể thao và" /
"Du lịch"); OCR glues or garbles its opening line, and a wider neighbour's words fill the
lines between ("UBND tỉnh" of an output's "Chủ tịch UBND tỉnh"), so the lead cell is read as
those words and the name's last line ("UBND tỉnh Du lịch"), no directory name. When such a
lead ends with a directory name's last two words, and the row's lines above the one they
stand on hold half or more of that name's other telling words in order (two at least, each
on a line at most ``REACH`` above the next), the lead is that name; a lead's end that
closes two names, or none, keeps its reading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import known_agency
from theodoi.ingest.parse.faint_words import WORD_EDGE, Fragments, directory_entries, word_like
from theodoi.ingest.text import fold

# How many fragment lines apart two of the name's words may stand (a neighbour's line between).
REACH = 2


def _telling(words: Sequence[str]) -> list[str]:
    return [w for w in words if len(w) >= 3 and w not in ("tinh", "cac")]


def _found_above(wanted: Sequence[str], placed: Sequence[tuple[int, str]], end_line: int) -> int:
    """How many of ``wanted`` stand in order on the lines above ``end_line``, read backwards
    from it, each at most ``REACH`` lines above the word after it."""
    found, line, i = 0, end_line, len(placed) - 1
    for word in reversed(wanted):
        at = next(
            (k for k in range(i, -1, -1) if placed[k][0] >= line - REACH and word_like(placed[k][1], word)),
            None,
        )
        if at is None:
            continue
        found, line, i = found + 1, placed[at][0], at - 1
    return found


def lead_from_end_above(lead: list[str], fragments: Fragments) -> list[str]:
    """The directory name a lead of other words and a name's last words is (module docstring)."""
    if len(lead) != 1 or known_agency(lead[0]) or not fragments:
        return lead
    said = re.findall(r"\w+", fold(lead[0]))
    if len(said) < 3:
        return lead
    placed = [
        (n, w)
        for n, pieces in fragments
        for piece in pieces
        for w in (fold(t).strip(WORD_EDGE) for t in piece.split())
        if w
    ]
    hits = []
    for key, name in directory_entries():
        words = key.split()
        if len(words) < 4 or tuple(words[-2:]) != tuple(said[-2:]):
            continue
        end = next(
            (k for k in range(len(placed) - 1) if (placed[k][1], placed[k + 1][1]) == tuple(words[-2:])),
            None,
        )
        wanted = _telling(words[1:-2])
        if end is None or len(wanted) < 2:
            continue
        found = _found_above(wanted, placed[:end], placed[end][0])
        if found >= 2 and found / len(wanted) >= 0.5:
            hits.append(name)
    return hits if len(hits) == 1 else lead
