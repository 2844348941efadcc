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

from theodoi.ingest.parse.faint_words import rest_name
from theodoi.ingest.text import fold


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


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
