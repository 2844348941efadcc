"""A partner's name whose opening words wrapped onto the line above it ("Văn phòng" / "UBND tỉnh").

Some directory names are another name with a head before it: "Văn phòng UBND tỉnh" is "UBND
tỉnh" with "Văn phòng" before it. In a narrow partners' cell the head may end a line by
itself and the rest open the next ("Văn phòng" / "UBND tỉnh,"); OCR interleaves the other
columns' words, so the head's line is read apart ("Văn phòng trình nội bộ", the outputs'
"quy trình nội bộ" beside it) and the partner is read as the shorter name. When a partner
is the end of a longer directory name and that name's head opens a column's stretch of one
of the two lines above the partner's first word (its words side by side), or stands right
before it on its line, the partner is the longer name. The row printing that head once, any
other name read from it ("Văn phòng Tỉnh ủy", its other words not printed) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.normalise.agencies import known_agency
from theodoi.ingest.parse.faint_words import WORD_EDGE, directory_entries, word_like, word_places
from theodoi.ingest.text import fold

# How many fragment lines above a partner's first word its wrapped head may stand on.
_HEAD_LINES = 2


@lru_cache(maxsize=1 << 10)
def _headed(key: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The directory names longer than ``key``'s words that end with them: (head, name)."""
    if len(key) < 2:
        return ()
    out = []
    for folded, name in directory_entries():
        long = tuple(folded.split())
        if len(long) > len(key) and long[len(long) - len(key) :] == key:
            out.append((long[: len(long) - len(key)], name))
    return tuple(out)


def with_heads_above(
    lead: list[str], support: list[str], fragments: Sequence[tuple[int, list[str]]]
) -> tuple[list[str], list[str]]:
    """Lengthen a partner whose longer name's head wrapped above it (see the module)."""
    if not support or not fragments:
        return lead, support
    pieces = [[_words(p) for p in ps] for _n, ps in fragments]
    lines = [[w for p in line for w in p] for line in pieces]
    for k, full in enumerate(support):
        # a partner that is no directory name may be one with other columns' words run on
        # after a comma ("UBND tỉnh, vụ nội bộ"): its words before the comma are sought too
        name = full if known_agency(full) else full.split(",")[0]
        key = tuple(re.findall(r"\w+", fold(name)))
        for head, longer in _headed(key):
            if not _head_above(name, key, head, pieces, lines):
                continue
            if any(fold(x) == fold(longer) for x in (*lead, *support)):
                break
            out = [*support[:k], longer, *support[k + 1 :]]
            if sum(_count(line, head) for line in lines) == 1:
                lead = [x for x in lead if not _reads_head(x, head)] or lead
                out = [x for x in out if x == longer or not _reads_head(x, head)]
            return lead, out
    return lead, support


def _words(piece: str) -> list[str]:
    return [w for w in (fold(t).strip(WORD_EDGE) for t in piece.split()) if w]


def _head_above(
    name: str,
    key: tuple[str, ...],
    head: tuple[str, ...],
    pieces: Sequence[Sequence[Sequence[str]]],
    lines: Sequence[Sequence[str]],
) -> bool:
    """Whether ``head`` stands right before ``name``'s first word on its line, or opens a
    piece of one of the ``_HEAD_LINES`` lines above it, its words side by side."""
    places = word_places(name, lines)
    if len(places) < len(key) or [w for _l, _t, w in places] != list(key):
        return False
    li, ti, _word = places[0]
    if ti >= len(head) and _is_run(lines[li][ti - len(head) : ti], head):
        return True
    return any(
        _is_run(piece[: len(head)], head) for line in pieces[max(0, li - _HEAD_LINES) : li] for piece in line
    )


def _is_run(tokens: Sequence[str], head: Sequence[str]) -> bool:
    return len(tokens) == len(head) and all(word_like(t, w) for t, w in zip(tokens, head, strict=True))


def _count(tokens: Sequence[str], head: Sequence[str]) -> int:
    return sum(_is_run(tokens[i : i + len(head)], head) for i in range(len(tokens) - len(head) + 1))


def _reads_head(name: str, head: Sequence[str]) -> bool:
    """Whether ``name`` opens with ``head`` (a reading of the one head the row prints)."""
    words = re.findall(r"\w+", fold(name))
    return tuple(words[: len(head)]) == tuple(head) and len(words) > len(head)
