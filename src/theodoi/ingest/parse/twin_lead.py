"""A lead read the same as a partner: the lead cell's other words name the real lead.

An OCR'd row interleaves its lead (cơ quan chủ trì) and partners' (cơ quan phối hợp) cells
line by line; a long collective partner ("Các Sở, ngành, địa phương") opening the row's
first line is then read into both cells, while the lead's own name, garbled at its head
("Sở Khoa học" lost among the name column's words), leaves only a few words in the lead
cell ("Các Sở, ngành, và Công địa phương tịch nghệ"). One name cannot be both a row's lead
and its partner: when the lead is the one name also read as a partner, the lead cell's words
that are not that name's are sought for a named directory agency (two of its telling words
at least, half of them, in order, one run of the name's words with none left out between
them, and no other name as well); found, it is the lead and the
name read twice stays a partner. A lead cell with no such rest keeps its reading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import is_collective, names_within
from theodoi.ingest.parse.faint_words import directory_entries, word_like, words_in_order
from theodoi.ingest.text import fold


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def rest_name(
    rest: Sequence[str], exclude: Sequence[str], *, headed: bool = False, lines: Sequence[int] | None = None
) -> str | None:
    """The one named directory agency whose telling words ``rest`` holds, in order.

    ``headed``: all its telling words must be found, the token just before the first of them
    spelling the word the name prints before it ("Sở'Tài Chính" for "Sở Tài chính", "50 Khoa
    học và" / "Công nghệ" for "Sở Khoa học và Công nghệ"): a row's other words that merely
    hold a name's words ("Phát hiện ... hành") name no agency.
    ``lines`` (each token's fragment line) lets the name wrap onto the line below
    (``words_in_order``).
    """
    best: list[tuple[float, int, str]] = []
    for key, entry in directory_entries():
        if is_collective(entry) or any(names_within(x, entry) or names_within(entry, x) for x in exclude):
            continue
        words = key.split()
        wanted = [w for w in words[1:] if len(w) >= 3 and w not in ("tinh", "cac")]
        if len(wanted) < 2:
            continue
        places = words_in_order(rest, wanted, lines)
        hits = [hit is not None for hit in places]
        found = sum(hits)
        first = hits.index(True) if found else 0
        if headed and (not all(hits) or not _headed(rest, places[0], words[words.index(wanted[0]) - 1])):
            continue
        if found >= 2 and found / len(wanted) >= 0.5 and all(hits[first : first + found]):
            best.append((found / len(wanted), found, entry))
    best.sort(reverse=True)
    if not best or (len(best) > 1 and best[1][:2] == best[0][:2]):
        return None
    return best[0][2]


def _headed(rest: Sequence[str], at: int | None, head: str) -> bool:
    """Whether the token before ``rest[at]`` spells ``head`` (OCR's digits read as letters)."""
    return bool(at) and word_like(rest[at - 1], head)


def lead_beside_twin(lead: list[str], support: list[str], cell: str | None) -> tuple[list[str], list[str]]:
    """Read the lead from its cell's other words when the one lead name is also a partner."""
    if len(lead) != 1 or not cell or fold(lead[0]) not in {fold(n) for n in support}:
        return lead, support
    own = set(_words(lead[0]))
    rest = [w for w in _words(cell) if w not in own]
    name = rest_name(rest, support)
    if name is None:
        return lead, support
    return [name], support
