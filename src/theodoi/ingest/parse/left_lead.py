"""Lead and partners told by the order of words on the row's lines, among the names it holds.

The lead column stands left of the partners', so on a line holding words of both cells the
lead's come first. A name the row's other columns hold, read whole in order on its lines
but given to neither agency cell (its words ran into another column's fragment), that stands
left of the one lead name read on a line and never right of it is the lead, and the name
read as the lead is a partner; one that stands right of it and never left is a partner.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from theodoi.ingest.normalise.agencies import names_within
from theodoi.ingest.text import fold

Places = Callable[[str, Sequence[Sequence[str]]], list[tuple[int, int, str]]]
LeftOf = Callable[[str, str, Sequence[Sequence[str]]], bool]


def place_found_names(
    lead: list[str],
    support: list[str],
    found: Sequence[str],
    lines: Sequence[Sequence[str]],
    places: Places,
    stands_left_of: LeftOf,
) -> tuple[list[str], list[str]]:
    """Give the ``found`` names no cell holds their column by where they stand beside the lead.

    A name printed left of the one lead name on a line, and never right of it, takes the
    lead's place (the name read as the lead becomes a partner); the names printed right of
    the lead, and never left of it, join the partners. Both names must be read whole
    (``places`` finds each of their words in order): a word of a name only half read may be
    another column's ("hoạch" of "Kế hoạch" for "học"). ``places`` and ``stands_left_of`` are
    the parser's word-order readings (``parse.tasks``), passed in so that this module does
    not import the parser that calls it.
    """
    if len(lead) != 1 or not _whole(lead[0], lines, places):
        return lead, support
    for name in _unheld(found, lead, support, lines, places):
        if stands_left_of(name, lead[0], lines) and not stands_left_of(lead[0], name, lines):
            lead, support = [name], [lead[0], *support]
            break
    right = [
        name
        for name in _unheld(found, lead, support, lines, places)
        if stands_left_of(lead[0], name, lines) and not stands_left_of(name, lead[0], lines)
    ]
    return lead, [*support, *right]


def _whole(name: str, lines: Sequence[Sequence[str]], places: Places) -> bool:
    """Whether each of the name's words is found in order on the row's lines."""
    return len(places(name, lines)) == len(re.findall(r"\w+", fold(name)))


def _unheld(
    found: Sequence[str], lead: list[str], support: list[str], lines: Sequence[Sequence[str]], places: Places
) -> list[str]:
    """The names read whole that neither cell holds (nor a reading within one, or holding one)."""
    return [
        name
        for name in found
        if _whole(name, lines, places)
        and not any(names_within(name, x) or names_within(x, name) for x in (*lead, *support))
    ]
