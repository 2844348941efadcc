"""A partner named only by its name's last words before a listed collective ("Công nghệ; các").

A partners' cell often names an agency and then a collective ("Sở Khoa học và Công nghệ; các
sở, ban, ngành, địa phương"). In a narrow cell the agency's head wraps onto a line above the
row's, where OCR garbles it ("Số(i Khoa học và") or gives it to another row, and only its last
words are left with the list mark and the collective's "các" ("Công nghệ; các"). Words
printed as a directory name's last two, capitals and all, that end on a list mark with "các"
after them are that name's ending in a list: when no other directory name ends so, the cell
names it, and its collective is read after them as for a whole name (``collective_after``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.normalise.agencies import names_within
from theodoi.ingest.parse.faint_words import WORD_EDGE, directory_entries
from theodoi.ingest.parse.listed_collectives import collective_after, listing_tokens, with_collective

_LIST_MARKS = (";", ",")


@lru_cache(maxsize=1)
def _tails() -> dict[tuple[str, str], tuple[tuple[bool, bool], str]]:
    """Each named directory entry's last two words, with their capitals ("Công nghệ": True,
    False), when no other entry ends on them and one is capitalised; collectives ("Các sở,
    ngành") are lists themselves, not a partner before one."""
    ends: dict[tuple[str, str], list[tuple[tuple[bool, bool], str]]] = {}
    for key, name in directory_entries():
        words, printed = key.split(), re.findall(r"[\w-]+", name)
        if len(words) < 3 or len(printed) != len(words) or words[0] == "cac" or "cac" in words:
            continue
        caps = (printed[-2][:1].isupper(), printed[-1][:1].isupper())
        ends.setdefault((words[-2], words[-1]), []).append((caps, name))
    return {tail: found[0] for tail, found in ends.items() if len(found) == 1 and any(found[0][0])}


def tail_partner(fragments: Sequence[tuple[int, list[str]]]) -> tuple[str, str | None] | None:
    """The directory name whose last words a row lists a collective after (see the module),
    with that collective (None when not read); None when no such words stand in the row."""
    raw, lines = listing_tokens(fragments)
    tails = _tails()
    for li, words in enumerate(lines):
        for ti in range(1, len(words)):
            found = tails.get((words[ti - 1], words[ti]))
            if found is None or not raw[li][ti].endswith(_LIST_MARKS):
                continue
            caps, name = found
            printed = (
                raw[li][ti - 1].lstrip(WORD_EDGE)[:1].isupper(),
                raw[li][ti].lstrip(WORD_EDGE)[:1].isupper(),
            )
            if printed != caps or words[ti + 1 : ti + 2] != ["cac"]:
                continue
            return name, collective_after(raw, lines, li, ti)
    return None


def with_tail_partner(
    support: list[str], lead: list[str], fragments: Sequence[tuple[int, list[str]]]
) -> list[str]:
    """Add to the partners the name a row lists a collective after by its last words alone
    (``tail_partner``) and that collective, when neither cell names them already."""
    found = tail_partner(fragments) if fragments else None
    if found is None:
        return support
    name, collective = found
    if any(names_within(name, x) or names_within(x, name) for x in (*support, *lead)):
        return support
    support = [name, *support]
    if collective is None:
        return support
    return with_collective(support, lead, name, collective) or support
