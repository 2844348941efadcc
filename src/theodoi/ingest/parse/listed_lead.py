"""The lead told from the partners by which agency name opens a list in the row's cells.

A lead cell names one agency most often; the partners' cell lists several ("Sở Tài chính;
các sở, ban, ngành, địa phương") and, the taller cell, opens on the row's first line, while a
short lead cell stands half-way down. The first name read is then the partners' list's
opening name: when it goes on to a further name (";", or a lower-case "các" after it) and
another named agency of the row does not, the other is the lead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import known_agency, names_within
from theodoi.ingest.parse.faint_words import fragment_words, word_like, word_places
from theodoi.ingest.text import fold


def name_end(name: str, fragments: Sequence[tuple[int, list[str]]]) -> tuple[str, list[str]] | None:
    """The token an agency name ends on in the row's fragments, with the folded words after it
    on its line (None when the name is not placed).

    The name's words are placed in order (``word_places``), one of them may be garbled ("Sở
    Khoa hộ'.)cố và"): a last word OCR garbled ("Các địa pthcng;") is the token right after
    the word before it, on its line.
    """
    words = re.findall(r"\w+", fold(name))
    lines = fragment_words(fragments)
    tokens = [" ".join(pieces).split() for _n, pieces in fragments]
    if [len(t) for t in tokens] != [len(w) for w in lines]:
        return None
    places = word_places(name, lines)
    if len(places) < max(2, len(words) - 1):
        return None
    li, ti, word = places[-1]
    if word != words[-1]:  # the last word garbled: the token after the word before it
        ti += 1
    if ti >= len(tokens[li]):
        return None
    return tokens[li][ti], lines[li][ti + 1 :]


def opens_a_list(name: str, fragments: Sequence[tuple[int, list[str]]]) -> bool:
    """Whether an agency name's last word, in the row's fragments, goes on to a further name.

    "Sở Khoa học và" / "Công nghệ; các" / "sở, ban, ngành": the cell lists several agencies,
    the name's last word ends with ";" or ":" or is followed by a lower-case "các".
    """
    end = name_end(name, fragments)
    if end is None:
        return False
    last, after = end
    return bool(re.search(r"[;:]$", last) or (re.search(r"[;:,-]$", last) and after[:1] == ["cac"]))


def listed_after(name: str, other: str, fragments: Sequence[tuple[int, list[str]]]) -> bool:
    """Whether ``other`` is the next name of ``name``'s list, in one cell ("Sở Tài chính, các
    địa phương"): right after the name's last word and its list mark (",", ";") on its line
    stand the other's first two words (its first word alone when the line ends there).

    Two cells side by side on a line are cut by no list mark, so such a pair is no lead and
    partner printed in a row.
    """
    end = name_end(name, fragments)
    if end is None or not re.search(r"[;,]$", end[0]):
        return False
    words = re.findall(r"\w+", fold(other))
    after = [a for a in end[1] if a][:2]  # a stray mark ("Số .") reads as no word
    return bool(words and after) and all(word_like(a, w) for a, w in zip(after, words, strict=False))


def lead_after_listed_partners(
    lead: list[str],
    support: list[str],
    fragments: Sequence[tuple[int, list[str]]],
    found: Sequence[str] = (),
) -> tuple[list[str], list[str]]:
    """Give the lead's place to another agency of the row when the lead's name opens a list.

    When the one lead name read goes on to a further name in its cell (``opens_a_list``)
    and a partner's name does not, the two change places; failing a partner, a name
    ``found`` among the row's words that neither cell holds (its cell's words ran into
    another column's) takes the lead's place, the lead's name opening the partners' list.
    Only a directory name that is no collective ("Các ...", a partners' cell more often
    than not) takes the lead's place.
    """
    if len(lead) != 1 or not fragments or not opens_a_list(lead[0], fragments):
        return lead, support
    unheld = [
        f for f in found if not any(names_within(f, x) or names_within(x, f) for x in (*lead, *support))
    ]
    for other in (*support, *unheld):
        if known_agency(other) and not fold(other).startswith("cac ") and not opens_a_list(other, fragments):
            return [other], [lead[0], *(x for x in support if x != other)]
    return lead, support
