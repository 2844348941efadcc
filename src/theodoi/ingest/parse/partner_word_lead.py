"""A lead guessed from words that are a partner's: the cell-opening collective leads instead.

When the lead cell reads no name, a directory name is guessed from the words the row's
lines still hold (``faint_directory_name``); "Sở Thông tin và Truyền thông" is then made of
the "thông tin" of a partner's "công nghệ thông tin", its own "Truyền" nowhere. A lead some
of whose telling words (three letters or more, after the head) the row does not print at all,
and whose others are all words of one partner's name, was read from that partner. The lead
is then the partners' collective the row opens with a capitalised "Các" (a cell's first
word: "Các sở, ban," beside the partners' "Sở Khoa học và Công nghệ; các doanh nghiệp");
with no such collective the guess stays. A lead whose telling words all stand in the row,
or whose head the row prints right before its first word ("Sở Công" / "thuone:" for "Sở
Công Thương", its last word garbled), was read, not guessed, and stays.
"""

from __future__ import annotations

import re

from theodoi.ingest.normalise.agencies import is_collective
from theodoi.ingest.parse.faint_words import Fragments
from theodoi.ingest.parse.list_head_partner import opened_collectives, second_word
from theodoi.ingest.text import fold


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def _headed(name: str, fragments: Fragments) -> bool:
    """Whether a piece of the row prints ``name``'s first two words in a row ("Sở Công")."""
    opening = " ".join(_words(name)[:2])
    return any(re.search(rf"\b{opening}\b", fold(piece)) for _line, pieces in fragments for piece in pieces)


def lead_of_partner_words(
    lead: list[str], support: list[str], fragments: Fragments
) -> tuple[list[str], list[str]]:
    """Replace a one-name lead guessed from a partner's words by the cell-opening partner collective."""
    if len(lead) != 1 or is_collective(lead[0]):
        return lead, support
    telling = [w for w in _words(lead[0])[1:] if len(w) >= 3 and w not in ("tinh", "cac")]
    printed = {w for _line, pieces in fragments for piece in pieces for w in _words(piece)}
    found = [w for w in telling if w in printed]
    if not found or len(found) == len(telling) or _headed(lead[0], fragments):
        return lead, support
    if not any(set(found) <= set(_words(n)) for n in support if fold(n) != fold(lead[0])):
        return lead, support
    opened = opened_collectives(fragments)
    head = next((n for n in support if is_collective(n) and second_word(n) in opened), None)
    if head is None:
        return lead, support
    return [head], [n for n in support if n != head]
