"""A collective read as the lead gives its place to the one named partner the lines put first.

The fragments of an OCR'd row are given to the columns by their order on each line: the
first agency words of a line go to the lead. A collective partner ("Các sở, ngành," /
"địa phương") whose words a line prints right of the named lead's, or whose first line
stands below the named agency's first line, was taken for the lead all the same when its
words opened a line of their own (the named lead's cell is short and centred, or its first
line fell above the name's). The lead column stands left of the partners', and plans list
a named agency as the lead and the collective as its partners far more often than the
other way round: the named agency is the lead unless a line prints the collective first.
"""

from __future__ import annotations

from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import known_agency
from theodoi.ingest.parse.collective_lead import collective_sides
from theodoi.ingest.text import fold


def _collective(name: str) -> bool:
    return fold(name).startswith(("cac ", "ubnd cac "))


def named_lead(
    lead: list[str], support: list[str], fragments: Sequence[tuple[int, list[str]]]
) -> tuple[list[str], list[str]]:
    """Swap a collective lead with the one named partner printed left of it or above it."""
    if len(lead) != 1 or len(support) != 1 or not _collective(lead[0]):
        return lead, support
    named = support[0]
    if _collective(named) or not known_agency(named):
        return lead, support
    left, right, first_open, first_named = collective_sides(named, fragments)
    if left or not (right or first_named < first_open):
        return lead, support
    return [named], [lead[0]]
