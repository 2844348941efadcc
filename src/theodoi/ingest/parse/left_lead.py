"""The lead told by the order of words on the row's lines, among all the names the row holds.

The lead column stands left of the partners', so on a line holding words of both cells the
lead's come first. A name the row's other columns hold, read whole in order on its lines
but given to neither agency cell (its words ran into another column's fragment), that stands
left of the one lead name read on a line and never right of it is the lead, and the name
read as the lead is a partner.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from theodoi.ingest.normalise.agencies import names_within
from theodoi.ingest.text import fold

Places = Callable[[str, Sequence[Sequence[str]]], list[tuple[int, int, str]]]
LeftOf = Callable[[str, str, Sequence[Sequence[str]]], bool]


def lead_left_of_found(
    lead: list[str],
    support: list[str],
    found: Sequence[str],
    lines: Sequence[Sequence[str]],
    places: Places,
    stands_left_of: LeftOf,
) -> tuple[list[str], list[str]]:
    """Give the lead's place to a ``found`` name no cell holds that stands left of it.

    Both names must be read whole (``places`` finds each of their words in order): a word
    of a name only half read may be another column's ("hoạch" of "Kế hoạch" for "học").
    ``places`` and ``stands_left_of`` are the parser's word-order readings (``parse.tasks``),
    passed in so that this module does not import the parser that calls it.
    """
    if len(lead) != 1:
        return lead, support

    def whole(name: str) -> bool:
        return len(places(name, lines)) == len(re.findall(r"\w+", fold(name)))

    if not whole(lead[0]):
        return lead, support
    for name in found:
        if any(names_within(name, x) or names_within(x, name) for x in (*lead, *support)) or not whole(name):
            continue
        if stands_left_of(name, lead[0], lines) and not stands_left_of(lead[0], name, lines):
            return [name], [lead[0], *support]
    return lead, support
