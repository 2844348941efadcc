"""An agency name read without its head ("Y tế" for "Sở Y tế"), the head lost to another column.

OCR misreads a short head ("Sở" as "36") and the column cut gives the misread head to the
first column's text ("... sức khỏe 36" / "Y tế"), leaving the agency cell with the name's
other words only. When a row has no lead otherwise, a fragment that is exactly the words
after the head of one directory name is that name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY, known_agency
from theodoi.ingest.text import fold


@lru_cache(maxsize=1)
def _by_tail() -> dict[tuple[str, ...], str]:
    """The directory's names by their folded words after the head, for tails only one name has."""
    seen: dict[tuple[str, ...], list[str]] = {}
    for name in AGENCY_DIRECTORY:
        words = re.findall(r"\w+", fold(name))
        if len(words) >= 3 and name[:1].isupper() and words[0] != "cac":
            seen.setdefault(tuple(words[1:]), []).append(name)
    return {tail: names[0] for tail, names in seen.items() if len(names) == 1}


def headless_name(fragments: Sequence[tuple[int, list[str]]]) -> str | None:
    """The directory name one of the row's fragments spells all but the head of."""
    tails = _by_tail()
    for _number, pieces in fragments:
        for piece in pieces:
            name = tails.get(tuple(re.findall(r"\w+", fold(piece))))
            if name is not None:
                return name
    return None


def with_listed_tails(lead: list[str], support: list[str], cell: str | None) -> list[str]:
    """The lead with the names its cell lists by their words after the head alone.

    A lead cell listing several agencies with one head ("Sở Công Thương, Xây dựng") or whose
    later heads OCR cut into another column's piece reads a later name as its tail only: an
    item of the cell's list (after its first, cut at "," and ";") that is exactly the words
    after the head of one directory name is that name, when the list opens with a directory
    name (a task name's words run into the cell list fields: "lĩnh vực tư pháp, y tế").
    """
    items = re.split(r"[,;]", cell or "")
    if not lead or not known_agency(items[0].strip()):
        return lead
    tails = _by_tail()
    held = {fold(n) for n in (*lead, *support)}
    out = list(lead)
    for item in items[1:]:
        name = tails.get(tuple(re.findall(r"\w+", fold(item))))
        if name is not None and fold(name) not in held:
            out.append(name)
            held.add(fold(name))
    return out
