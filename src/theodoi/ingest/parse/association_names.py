"""An association of one kind of members among the partners ("Hội doanh nghiệp").

A plan lists a provincial association by its members' kind ("Sở Tài chính, Hội doanh
nghiệp, Liên minh hợp tác xã tỉnh"). Its head "Hội" is also a plain noun of collectives
("các sở, hội, đoàn thể") and the words after it are a collective noun, so the cell's
splitting keeps it with the name before and the repair of that name drops it. An item of
the partners' cell that is a capitalised "Hội" and one collective noun (with "tỉnh" at
most after it) is such an association, kept as printed.
"""

from __future__ import annotations

import re

from theodoi.ingest.normalise.agencies import collective_nouns, names_within
from theodoi.ingest.text import fold


def association(item: str) -> str | None:
    """``item`` as printed when it names an association by its members' kind, else None."""
    words = item.split()
    if len(words) < 2 or words[0] != "Hội":
        return None
    rest = " ".join(re.findall(r"\w+", fold(" ".join(words[1:]))))
    rest = rest.removesuffix(" tinh")
    return " ".join(words) if rest in collective_nouns() else None


def with_associations(support: list[str], lead: list[str], cell: str | None) -> list[str]:
    """The partners with the associations their OCR'd cell lists (``association``), when no
    cell reads them already."""
    for item in re.split(r"[;,]", cell or ""):
        found = association(item.strip(" .:"))
        if found and not any(names_within(found, x) or names_within(x, found) for x in (*support, *lead)):
            support = [*support, found]
    return support
