"""An OCR'd agency name whose middle words are garbled, told by its head and its last words.

OCR garbles the middle of a name inside an interleaved row ("Ban 9L K hl? doanh nghiệp
kinh tế" for "Ban Quản lý Khu kinh tế": "Quản lý Khu" read as debris, a partner's
"doanh nghiệp" run in) while its head ("Ban") and its last words ("kinh tế") stand. Such
a name spells no directory name and holds too few of its telling words to be told by them
(``garbled_names``). It is the one directory name with that head ending in the same two
words, when the words between are no more than the name's own would be plus a few a
neighbour's column runs in, and at least one of them is garbled (no Vietnamese syllable):
a cell that reads cleanly is a name the directory does not hold, not a garbled one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from theodoi.ingest.layout.debris import is_syllable
from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY, head_of
from theodoi.ingest.text import fold


@lru_cache(maxsize=1)
def _ends() -> dict[tuple[str, str, str], list[tuple[int, str]]]:
    """(head, last two words) → the directory names (their middle's length) with them."""
    out: dict[tuple[str, str, str], list[tuple[int, str]]] = {}
    for name in AGENCY_DIRECTORY:
        words = re.findall(r"\w+", fold(name))
        head = head_of(" ".join(words))
        if head is None or "cac" in words:
            continue
        middle = len(words) - len(head.split()) - 2
        if middle >= 1:
            out.setdefault((head, words[-2], words[-1]), []).append((middle, name))
    return out


def name_by_head_and_end(name: str) -> str | None:
    """The directory name with ``name``'s head and last two words, its middle garbled; or None."""
    raw = name.split()
    words = [fold(w) for w in raw]
    head = head_of(" ".join(words))
    if head is None or len(words) < 4:
        return None
    found = _ends().get((head, words[-2], words[-1]), [])
    if len(found) != 1:
        return None
    middle, entry = found[0]
    between = words[len(head.split()) : -2]
    if len(between) > middle + 3 or all(is_syllable(w) for w in between):
        return None
    return entry
