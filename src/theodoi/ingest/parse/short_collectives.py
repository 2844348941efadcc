"""A collective an OCR'd cell prints short ("các doanh nghiệp"), kept short as printed.

The directory lists long collectives ("Các doanh nghiệp viễn thông, công nghệ thông tin"), and
the directory search reads a cell that opens with their first words as the long name (its end
lost to a neighbour column). But a plan also prints the bare collective ("các doanh nghiệp");
its wrapped end cannot be lost to a neighbour when none of the row's columns holds the long
name's next word: then the row never spelled the long name, and the cell is printed short.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from theodoi.ingest.normalise.agencies import known_agency
from theodoi.ingest.parse.faint_words import directory_entries
from theodoi.ingest.text import fold

_WORD = re.compile(r"\w+")
_MIN_WORDS = 3  # "các" and two more words ("các doanh nghiệp"): fewer name no collective alone
# Of a longer collective's further words (three letters or more), the share the row must hold
# for it to spell that name: fewer are words of the row's other names ("công nghệ").
_SPELLED_SHARE = 0.5
_EDGE = " \t.;,:-–—•*+"


def short_collective(name: str, fragments: Sequence[tuple[int, list[str]]]) -> str | None:
    """The opening words of collective ``name`` that open a longer directory collective, when
    the row's fragments do not spell a longer one; None otherwise.

    ``name`` must open with "các" and not be a directory name itself; its first
    ``_MIN_WORDS`` words or more must open one or more longer directory collectives, and
    the row must hold under ``_SPELLED_SHARE`` of each one's further words ("viễn", "thông",
    "công", "nghệ", "tin" of "các doanh nghiệp viễn thông, công nghệ thông tin"): a few are
    other names' words ("Sở Khoa học và Công nghệ"), so a share, not one of them, shows the
    row spells the long name. A cut inside a listing ("các sở, ban" of "Các sở, ban, ngành")
    is no collective (``_in_list``). The name's matched words are returned as printed.
    """
    words = _WORD.findall(fold(name))
    if len(words) < _MIN_WORDS or words[0] != "cac" or known_agency(name) or not fragments:
        return None
    row = {w for _n, pieces in fragments for piece in pieces for w in _WORD.findall(fold(piece))}
    matched = 0
    for key, entry in directory_entries():
        wanted = key.split()
        k = next(
            (i for i, (a, b) in enumerate(zip(words, wanted, strict=False)) if a != b),
            min(len(words), len(wanted)),
        )
        if k < _MIN_WORDS or k >= len(wanted) or _in_list(entry, k):
            continue
        further = {w for w in wanted[k:] if len(w) >= 3}
        if len(further & row) >= _SPELLED_SHARE * len(further):
            return None  # the row spells this longer name: its end is in a neighbour's words
        matched = max(matched, k)
    if not matched:
        return None
    return _first_words(name, matched)


def short_opening(entry: str, hits: Sequence[int | None]) -> str | None:
    """The opening ``_MIN_WORDS`` words of directory collective ``entry`` ("các doanh nghiệp")
    when the row holds its words after "các" side by side (``hits``: where each of them was
    found after a listing "các"), as a collective printed short; None when they are apart or
    the cut falls inside its listing (``_in_list``)."""
    if len(hits) < _MIN_WORDS or _in_list(entry, _MIN_WORDS):
        return None
    first = hits[: _MIN_WORDS - 1]
    if any(hit is None for hit in first) or any(b != a + 1 for a, b in pairwise(first)):
        return None
    opening = _first_words(entry, _MIN_WORDS)
    return opening[:1].lower() + opening[1:]


def _in_list(entry: str, count: int) -> bool:
    """Whether directory name ``entry``'s ``count``-th word closes an item of its list ("ban,"
    of "Các sở, ban, ngành"): cut there, the list would be left half printed."""
    ends = [m.end() for m in _WORD.finditer(entry)]
    return entry[ends[count - 1] : ends[count - 1] + 1] == ","


def _first_words(name: str, count: int) -> str:
    """``name`` up to the end of its ``count``-th word, as printed."""
    ends = [m.end() for m in _WORD.finditer(name)]
    return name[: ends[count - 1]].strip(_EDGE)
