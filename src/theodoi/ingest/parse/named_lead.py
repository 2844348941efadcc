"""A collective read as the lead gives its place to the one named partner the lines put first.

The fragments of an OCR'd row are given to the columns by their order on each line: the
first agency words of a line go to the lead. A collective partner ("Các sở, ngành," /
"địa phương") whose words a line prints right of the named lead's, or whose first line
stands below the named agency's first line, was taken for the lead all the same when its
words opened a line of their own (the named lead's cell is short and centred, or its first
line fell above the name's). The lead column stands left of the partners', and plans list
a named agency as the lead and the collective as its partners far more often than the
other way round: the named agency is the lead unless a line prints the collective first.
Likewise a named partner a line prints left of the partners' collective, below the line the
collective opens on, stands in the lead's column (``lead_left_of_collective``).
"""

from __future__ import annotations

from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import is_collective, known_agency
from theodoi.ingest.parse.collective_lead import collective_sides
from theodoi.ingest.parse.faint_words import fragment_words, word_places
from theodoi.ingest.text import fold


def named_lead(
    lead: list[str], support: list[str], fragments: Sequence[tuple[int, list[str]]]
) -> tuple[list[str], list[str]]:
    """Swap a collective lead with the one named partner printed left of it or above it."""
    if len(lead) != 1 or len(support) != 1 or not is_collective(lead[0]):
        return lead, support
    named = support[0]
    if is_collective(named) or not known_agency(named):
        return lead, support
    left, right, first_open, first_named = collective_sides(named, fragments)
    if left or not (right or first_named < first_open):
        return lead, support
    return [named], [lead[0]]


def _telling_places(name: str, other: str, lines: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """(line, token) of ``name``'s words of three letters or more that ``other`` does not share."""
    shared = set(fold(other).replace(",", " ").split())
    return [(li, ti) for li, ti, w in word_places(name, lines) if len(w) >= 3 and w not in shared]


def _first_on_line(places: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Each line's first token among ``places``."""
    out: dict[int, int] = {}
    for li, ti in places:
        out[li] = min(ti, out.get(li, ti))
    return out


def lead_left_of_collective(
    lead: list[str], support: list[str], fragments: Sequence[tuple[int, list[str]]]
) -> tuple[list[str], list[str]]:
    """Move to the lead a named partner printed left of the partners' collective below its top.

    A partners' cell lists a named agency before its collective ("Sở Tài chính; các sở,
    ngành"), so there the named agency's words come first. When the collective opens on a
    line above and a line further down prints a named partner's words left of the
    collective's ("Các sở, ngành," / ... / "Sở Tài địa phương"), the named agency stands in
    the column left of the partners': the lead's, which lists it after its first name.
    """
    collective = next((x for x in support if is_collective(x)), None)
    if not lead or collective is None:
        return lead, support
    lines = fragment_words(fragments)
    ours = _telling_places(collective, "", lines)
    if not ours:
        return lead, support
    top = min(li for li, _ti in ours)
    moved = []
    for named in support:
        if named is collective or is_collective(named) or not known_agency(named):
            continue
        first = _first_on_line(_telling_places(named, collective, lines))
        theirs = _first_on_line(_telling_places(collective, named, lines))
        shared = first.keys() & theirs.keys()
        if any(first[li] < theirs[li] and li > top for li in shared) and not any(
            first[li] > theirs[li] for li in shared
        ):
            moved.append(named)
    if not moved:
        return lead, support
    return [*lead, *moved], [x for x in support if x not in moved]
