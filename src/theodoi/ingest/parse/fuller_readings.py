"""The fuller directory name a row prints when a shorter one that leaves words out was read.

The directory may hold a collective in two wordings, one naming a word the other leaves out
("Các doanh nghiệp viễn thông, công nghệ thông tin" / "...viễn thông, internet, công nghệ
thông tin"). A cell OCR has split over several lines among the other columns' words can be
matched to the shorter wording though the row prints the word it leaves out; when that word
stands in the row between the shorter name's words, the cell is the fuller name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from theodoi.ingest.parse.faint_words import directory_words, fragment_words, word_like
from theodoi.ingest.text import fold


@lru_cache(maxsize=256)  # the same few collectives are read in row after row
def _fuller_entries(words: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], tuple[int, ...], str], ...]:
    """Directory names holding all of ``words`` in order with more words among them (not
    after the last: a longer tail is another name's), each with where its extra words stand."""
    out = []
    for key, entry in directory_words():
        if len(key) <= len(words) or key[0] != words[0] or key[-1] != words[-1]:
            continue
        extra, at = [], 0
        for k, word in enumerate(key):
            if at < len(words) and word == words[at]:
                at += 1
            else:
                extra.append(k)
        if at == len(words):
            out.append((key, tuple(extra), entry))
    return tuple(out)


def fuller_reading(name: str, fragments: Sequence[tuple[int, list[str]]]) -> str:
    """``name``, or the one fuller directory name whose extra words the row prints in place.

    A fuller name counts when each of its extra words stands in the row's fragment lines
    right before the name's word that follows it there ("internet, công" of "viễn thông,
    internet, công nghệ thông tin"): a word found elsewhere in the row ("địa phương" of
    another collective) is another cell's. With two such names, or none, ``name`` is kept;
    the first letter keeps ``name``'s case.
    """
    words = tuple(re.findall(r"[\w-]+", fold(name)))
    candidates = _fuller_entries(words) if len(words) >= 2 else ()
    if not candidates:
        return name
    tokens = [t for line in fragment_words(fragments) for t in line]
    found = [
        entry
        for key, extra, entry in candidates
        if all(
            any(word_like(a, key[k]) and word_like(b, key[k + 1]) for a, b in pairwise(tokens)) for k in extra
        )
    ]
    if len(found) != 1:
        return name
    return (name[0] + found[0][1:]) if fold(name[0]) == fold(found[0][0]) else found[0]
