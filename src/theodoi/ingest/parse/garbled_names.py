"""An OCR'd agency name read with garbled or stray words, told by its head and telling words.

OCR garbles words inside an agency's cell ("Sở Công nghệ bài Phát", "Số của cơ quan nhà ở
Nội vụ": other columns' words run in, "Khoa học" is lost) so that no directory name opens the
cell and the name is kept as read. Its head ("Sở", "Ban", "Văn phòng") and some of the words
that tell one directory name from the others with that head ("Nội vụ", "Công nghệ") still
stand in order: the name is the directory name with that head whose telling words it holds
most of, when no other name with the head holds as many.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY, head_of, known_agency
from theodoi.ingest.text import fold

# Words that tell no name from another with the same head.
_UNTELLING = frozenset({"tinh", "cac"})


@lru_cache(maxsize=1)
def _named_entries() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """(head, telling words, printed name) of each directory name that is no collective."""
    out = []
    for name in AGENCY_DIRECTORY:
        key = " ".join(re.findall(r"\w+", fold(name)))
        head = head_of(key)
        if head is None or "cac" in key.split():
            continue
        telling = tuple(w for w in key[len(head) :].split() if len(w) >= 3 and w not in _UNTELLING)
        if telling:
            out.append((head, telling, name))
    return tuple(out)


def name_by_telling_words(name: str) -> str | None:
    """The directory name an OCR'd name no directory entry spells is most likely, or None.

    The name's first word must be a directory name's head (folded: "Số" for "Sở"); among the names
    with that head, the one whose telling words (three letters or more, after the head) the
    name holds most of, in order: two at least, or all of a name with one ("Nội vụ"); one
    word of several ("Phát" of "Phát triển nông thôn") may be any column's. None on a tie.
    """
    key = " ".join(re.findall(r"\w+", fold(name)))
    scores: list[tuple[int, str]] = []
    for head, telling, entry in _named_entries():
        if not key.startswith(head + " "):
            continue
        found = _found_in_order(key[len(head) :].split(), telling)
        if found >= min(2, len(telling)):
            scores.append((found, entry))
    scores.sort(reverse=True)
    if not scores or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return scores[0][1]


def _found_in_order(tokens: list[str], telling: tuple[str, ...]) -> int:
    """How many telling words stand in ``tokens`` in order, read exactly or, five letters
    or more, with one slip ("nghiep"/"nghiép"): a short word one letter off is another word
    ("nội"/"ngoại", "pháp"/"phát", "Công"/"Nông")."""
    found, at = 0, 0
    for word in telling:
        hit = next((i for i in range(at, len(tokens)) if _same_word(tokens[i], word)), None)
        if hit is not None:
            found, at = found + 1, hit + 1
    return found


def _same_word(token: str, word: str) -> bool:
    if token == word:
        return True
    return min(len(token), len(word)) >= 5 and difflib.SequenceMatcher(None, token, word).ratio() >= 0.8


def with_told_names(names: list[str]) -> list[str]:
    """The names, each that no directory name spells replaced by the one it most likely is."""
    return [n if known_agency(n) else name_by_telling_words(n) or n for n in names]
