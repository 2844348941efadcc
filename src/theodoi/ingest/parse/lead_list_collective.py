"""A collective the lead cell lists after its named lead ("Ban Quản lý Khu kinh tế; các địa phương").

A lead shared by a department and the collectives below it is printed as a list: the name,
a semicolon and a lowercase "các" ("...kinh tế; các địa phương"). The OCR'd row gives the
collective's words to both agency cells (a line's pieces are cut by their gaps, not their
columns), and the collective, read in full as a partner, is left out of the lead. When the
lead cell prints the one named lead's last two words, "; các" and the second word of a
partners' collective right after, that collective is the lead list's next name and moves
there. The partners' own list ("Sở Khoa học và Công nghệ; các doanh nghiệp") printed in
the partners' cell, a collective the lead cell does not print after the lead's name, or the
row's only partner (a whole list read into the lead cell is then the partners' one: a row
hardly ever leaves its partners empty) moves nothing.
"""

from __future__ import annotations

import re

from theodoi.ingest.normalise.agencies import is_collective
from theodoi.ingest.text import fold


def with_listed_collective_lead(
    lead: list[str], support: list[str], cell: str | None
) -> tuple[list[str], list[str]]:
    """Move the partners' collective the lead cell lists after the one named lead into the lead."""
    if len(lead) != 1 or len(support) < 2 or is_collective(lead[0]) or not cell:
        return lead, support
    last = re.findall(r"\w+", fold(lead[0]))[-2:]
    if len(last) < 2 or not re.search(r";\s*các\b", cell):
        return lead, support
    text = fold(cell)
    for name in support:
        words = re.findall(r"\w+", fold(name))
        if not is_collective(name) or len(words) < 2 or words[0] != "cac":
            continue
        if re.search(rf"\b{last[0]}\s+{last[1]}\s*;\s*cac\s+{words[1]}\b", text):
            return [lead[0], name], [n for n in support if n != name]
    return lead, support
