"""A lead cell that lists several agencies keeps the names its list marks carry on to.

The lead cell ("cơ quan chủ trì") of a task shared by several agencies lists them one after
the other, each but the last closed by a list mark ("Sở Khoa học và Công nghệ, Sở Tài
chính"; "Công an tỉnh, Sở Tài chính, ..."). The OCR'd row gives its fragments to the columns
by their order on the line, so a listed name that wraps onto a line of its own, or stands
after the lead's name on the line, is often read into the partners' cell. Two cells side by
side on a line are cut by no list mark, so when the lead's last name is followed, in its
cell, by "," or ";" and the opening words of another agency of the row (``listed_after``),
that agency is the lead's next name, not a partner. The chain is followed name by name,
from any of the lead's directory names (the list's last name may have been read first); a
lead read from debris is no name whose end can be placed.
"""

from __future__ import annotations

from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import is_collective, known_agency, names_within
from theodoi.ingest.parse.listed_lead import listed_after
from theodoi.ingest.text import fold


def with_listed_leads(
    lead: list[str],
    support: list[str],
    fragments: Sequence[tuple[int, list[str]]],
    found: Sequence[str] = (),
) -> tuple[list[str], list[str]]:
    """Move to the lead the partners (or unheld ``found`` names) its last name lists next."""
    if not lead or not fragments:
        return lead, support
    lead, support = list(lead), list(support)
    while True:
        held = (*lead, *support)
        unheld = [f for f in found if not any(names_within(f, x) or names_within(x, f) for x in held)]
        nxt = next(
            (
                other
                for other in (*support, *unheld)
                if known_agency(other)
                and not is_collective(other)
                and fold(other) not in {fold(x) for x in lead}
                and any(known_agency(name) and listed_after(name, other, fragments) for name in lead)
            ),
            None,
        )
        if nxt is None:
            return lead, support
        at = next(
            k for k, name in enumerate(lead) if known_agency(name) and listed_after(name, nxt, fragments)
        )
        lead.insert(at + 1, nxt)
        support = [x for x in support if x != nxt]
