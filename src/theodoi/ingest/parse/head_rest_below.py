"""A lead read as a head and garbled words, the rest of its name wrapped below ("Văn phòng" / "UBND tỉnh").

Some directory names are another name with a head before it: "Văn phòng UBND tỉnh" is "UBND
tỉnh" with "Văn phòng" before it. In a narrow lead cell the head may fill a line by itself
and the rest open a later line ("Văn phòng" / ... / "UBND tỉnh"); OCR runs the next column's
garbled words onto the head's line ("Văn phòng SOWKHC'N"), and the lead is read as the head
and those words, no directory name. When such a lead opens with the head of a longer
directory name and that name's rest opens a column's piece on one of the few lines below
the head, the lead is the longer name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.normalise.agencies import known_agency
from theodoi.ingest.parse.faint_words import WORD_EDGE, directory_entries, word_like
from theodoi.ingest.text import fold

# How many fragment lines below the head the rest of the name may open a piece on.
REST_LINES = 3


@lru_cache(maxsize=1)
def headed_names() -> tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...]:
    """(head, rest, name) of each directory name whose rest, two words or more, opens with a
    capital after its head ("Văn phòng" / "UBND tỉnh", "Chi cục" / "Thuế tỉnh")."""
    out = []
    for folded, name in directory_entries():
        printed = name.split()
        cut = next((k for k in range(1, len(printed)) if printed[k][:1].isupper()), None)
        words = tuple(folded.split())
        if cut is not None and len(printed) == len(words) and len(words) - cut >= 2:
            out.append((words[:cut], words[cut:], name))
    return tuple(out)


def is_run(tokens: Sequence[str], words: Sequence[str]) -> bool:
    return len(tokens) >= len(words) and all(word_like(t, w) for t, w in zip(tokens, words, strict=False))


def lead_with_rest_below(lead: list[str], fragments: Sequence[tuple[int, list[str]]]) -> list[str]:
    """The longer directory name a lead of a head and garbled words is (see the module)."""
    if len(lead) != 1 or known_agency(lead[0]) or not fragments:
        return lead
    said = re.findall(r"\w+", fold(lead[0]))
    pieces = [
        [[w for w in (fold(t).strip(WORD_EDGE) for t in p.split()) if w] for p in ps] for _n, ps in fragments
    ]
    for head, rest, name in headed_names():
        if tuple(said[: len(head)]) != head or len(said) == len(head) or is_run(said[len(head) :], rest):
            continue
        at = next(
            (i for i, line in enumerate(pieces) if any(p[: len(head)] == list(head) for p in line)), None
        )
        if at is None:
            continue
        below = pieces[at + 1 : at + 1 + REST_LINES]
        if any(is_run(piece[: len(rest)], rest) for line in below for piece in line):
            return [name]
    return lead
