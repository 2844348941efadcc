"""A collective read from a partners' list's tail gives the lead's place to a named agency.

The collective of a partners' cell is usually listed after a named partner: "Sở Khoa học
và Công nghệ; các sở, ban, ngành, địa phương". Its "các" is then lower case, following the
list mark; a collective that heads a cell of its own is capitalised ("Các sở, ban, ngành").
When the one lead read is a collective, the row prints no capitalised "Các", and a partner's
name goes on to a lower-case "các" (``opens_a_list``), the collective is that partner's list's
tail, not the lead: the lead's place goes to the one named directory agency the row's words
hold that neither cell does (its words ran among the other columns'), the collective joins
the partners.
"""

from __future__ import annotations

from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import is_collective, known_agency, names_a_collective, names_within
from theodoi.ingest.parse.listed_lead import opens_a_list


def lead_of_listed_tail(
    lead: list[str],
    support: list[str],
    fragments: Sequence[tuple[int, list[str]]],
    found: Sequence[str],
) -> tuple[list[str], list[str]]:
    """Move a collective lead that a partner's list goes on to into the partners; the one
    unheld named agency ``found`` in the row leads."""
    if len(lead) != 1 or not is_collective(lead[0]) or not fragments:
        return lead, support
    if any(names_a_collective(piece) for _n, pieces in fragments for piece in pieces):
        return lead, support
    if not any(not is_collective(x) and opens_a_list(x, fragments) for x in support):
        return lead, support
    held = (*lead, *support)
    unheld = [
        f
        for f in found
        if known_agency(f)
        and not is_collective(f)
        and not any(names_within(f, x) or names_within(x, f) for x in held)
    ]
    if len(unheld) != 1:
        return lead, support
    return unheld, [*support, lead[0]]
