"""A partner named only by its name's last words before a listed collective ("Công nghệ; các").

A partners' cell often names an agency and then a collective ("Sở Khoa học và Công nghệ; các
sở, ban, ngành, địa phương"). In a narrow cell the agency's head wraps onto a line above the
row's, where OCR garbles it ("Số(i Khoa học và") or gives it to another row, and only its last
words are left with the list mark and the collective's "các" ("Công nghệ; các"). Words
printed as a directory name's last two, capitals and all, that end on a list mark with "các"
after them are that name's ending in a list: when no other directory name ends so, the cell
names it, and its collective is read after them as for a whole name (``collective_after``).
OCR may also glue a "Sở" to the abbreviation the cell prints and add a stray letter ("Sở
KHCN và các" read "SOWKHC'N và các"): a capitals-only token whose letters are "so" and a
known abbreviation's, one letter more at most, before "các" or "và các" names it too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.normalise.agencies import AGENCY_ABBREVIATIONS, names_within
from theodoi.ingest.parse.faint_words import WORD_EDGE, directory_entries
from theodoi.ingest.parse.listed_collectives import collective_after, listing_tokens, with_collective
from theodoi.ingest.text import fold

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


@lru_cache(maxsize=1)
def _glued_abbreviations() -> dict[str, tuple[str, str]]:
    """The letters of each "Sở" abbreviation of letters alone ("sokhcn") with its printed
    form ("Sở KHCN") and the long name it stands for."""
    out = {}
    for key, long in AGENCY_ABBREVIATIONS.items():
        head, _, short = key.partition(" ")
        if head == "so" and short.isalpha():
            out[head + short] = (f"Sở {short.upper()}", long)
    return out


def _glued_abbreviation(token: str) -> tuple[str, str] | None:
    """(printed, long) of a "Sở" abbreviation OCR glued into one capitals-only token, one
    stray letter at most among its own ("SOWKHC'N"); None for any other token."""
    if len(token) < 5 or not token[:1].isupper() or any(c.islower() for c in token):
        return None
    letters = "".join(c for c in fold(token) if c.isalpha())
    known = _glued_abbreviations()
    for k in range(len(letters) + 1):
        if (found := known.get(letters[:k] + letters[k + 1 :])) is not None:
            return found
    return None


def tail_partner(fragments: Sequence[tuple[int, list[str]]]) -> tuple[str, str | None] | None:
    """The directory name whose last words a row lists a collective after (see the module),
    with that collective (None when not read); None when no such words stand in the row.
    A glued abbreviation is returned as printed ("Sở KHCN")."""
    raw, lines = listing_tokens(fragments)
    tails = _tails()
    for li, words in enumerate(lines):
        for ti, token in enumerate(raw[li]):
            glued = _glued_abbreviation(token)
            if glued is not None and (
                words[ti + 1 : ti + 2] == ["cac"] or words[ti + 1 : ti + 3] == ["va", "cac"]
            ):
                return glued[0], collective_after(raw, lines, li, ti)
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
    long = AGENCY_ABBREVIATIONS.get(fold(name), name)
    if any(names_within(n, x) or names_within(x, n) for x in (*support, *lead) for n in (name, long)):
        return support
    support = [name, *support]
    if collective is None:
        return support
    return with_collective(support, lead, name, collective) or support
