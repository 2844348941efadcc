"""A collective lead told by where its words stand beside the one named agency read as lead.

The lead column (cơ quan chủ trì) stands left of the partners' (cơ quan phối hợp), so on a
line holding words of both cells the lead's come first. A collective lead ("Các sở, ban,
ngành, địa phương") is often read as no name at all: OCR garbles its opener ("Các‘ 59, bơn,")
and its other words are generic ones that open no directory name, so the one named partner
on its lines is taken for the lead. When a collective's words open a stretch of a line that
two words of the named lead come after, and no line prints the lead's words before a
collective's, the collective is the lead and the named agency a partner. The same holds when
the collective stands so left of a named partner's words and never right of them, and no
line prints the named lead's words before a collective's: the named lead was taken from
the row's names ("Công an tỉnh" found beside a collective whose opener OCR garbled) and is
a partner as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from theodoi.ingest.normalise.agencies import collective_noun_words
from theodoi.ingest.parse.faint_words import piece_starts, word_like
from theodoi.ingest.text import fold

_EDGE = ".,;:()'\"“”‘’`"


# The folded words of a collective: "các" and the nouns it lists ("sở", "ngành", "địa").
_COLLECTIVE_WORDS = collective_noun_words() | {"cac"}


def _word(token: str) -> str:
    return fold(token).strip(_EDGE)


def _opens_collective(tokens: Sequence[str], t: int, piece_start: bool) -> bool:
    """Whether tokens[t] opens a collective's words on its line.

    A capitalised "Các" opens one however OCR garbled the words after it (``Các‘ 59,``); a
    collective word closed by a comma and followed by another ("ngành, địa") does where a
    column's stretch of the line begins.
    """
    token = tokens[t]
    if token[:1] == "C" and re.sub(r"[^a-z]", "", fold(token)) == "cac":
        nxt = _word(tokens[t + 1]) if t + 1 < len(tokens) else ""
        return not nxt.isalpha() or nxt in _COLLECTIVE_WORDS
    return (
        piece_start
        and t + 1 < len(tokens)
        and token.endswith(",")
        and _word(token) in _COLLECTIVE_WORDS
        and _word(tokens[t + 1]) in _COLLECTIVE_WORDS
    )


def _name_stretches(name: str, words: Sequence[str]) -> list[int]:
    """Where two of ``name``'s words stand side by side on a line, as in the name ("Khoa học").

    Two words in a row tell the name's own stretch of the line: one word alone may be
    another column's ("nghệ" of an output's "công nghệ thông tin").
    """
    pairs = set(pairwise(re.findall(r"\w+", fold(name))))
    return [t for t in range(len(words) - 1) if any(_pair_like(words[t], words[t + 1], p) for p in pairs)]


def _pair_like(left: str, right: str, pair: tuple[str, str]) -> bool:
    return word_like(left, pair[0]) and word_like(right, pair[1])


def collective_sides(name: str, fragments: Sequence[tuple[int, list[str]]]) -> tuple[bool, bool, int, int]:
    """Where a collective's words stand beside ``name``'s on the row's lines.

    Returns (whether a collective opens a stretch left of the name's on some line, whether
    right of it on some line, the first line a collective opens on, the first line holding
    two of the name's words side by side; a line not found is ``len(fragments)``).
    """
    left = right = False
    first_open = first_named = len(fragments)
    for li, (_number, pieces) in enumerate(fragments):
        tokens = " ".join(pieces).split()
        starts = piece_starts(pieces)
        opens = [t for t in range(len(tokens)) if _opens_collective(tokens, t, t in starts)]
        named = _name_stretches(name, [_word(t) for t in tokens])
        first_open = li if opens and first_open > li else first_open
        first_named = li if named and first_named > li else first_named
        if not opens or not named:
            continue
        left |= opens[0] < named[-1]
        right |= named[0] < opens[-1]
    return left, right, first_open, first_named


def collective_stands_left(name: str, fragments: Sequence[tuple[int, list[str]]]) -> bool:
    """Whether a collective's words open a stretch left of ``name``'s on some line, never right."""
    left, right, _first_open, _first_named = collective_sides(name, fragments)
    return left and not right


def _collective_stands_right(name: str, fragments: Sequence[tuple[int, list[str]]]) -> bool:
    """Whether some line prints ``name``'s words before a collective's."""
    return collective_sides(name, fragments)[1]


def collective_lead(
    lead: list[str],
    support: list[str],
    fragments: Sequence[tuple[int, list[str]]],
    faint: Callable[[], str | None],
) -> tuple[list[str], list[str]]:
    """Make a collective the lead when its words stand left of the one named lead's, or of a
    named partner's while never right of the lead's (see the module's docstring).

    The collective is the partners' one, else ``faint()`` (the collective faintly read among
    the row's words, sought only then); the named lead becomes the first partner.
    """
    if len(lead) != 1 or fold(lead[0]).startswith("cac "):
        return lead, support
    if not collective_stands_left(lead[0], fragments) and not (
        not _collective_stands_right(lead[0], fragments)
        and any(not fold(p).startswith("cac ") and collective_stands_left(p, fragments) for p in support)
    ):
        return lead, support
    collective = next((x for x in support if fold(x).startswith("cac ")), None) or faint()
    if collective is None:
        return lead, support
    return [collective[:1].upper() + collective[1:]], [lead[0], *(x for x in support if x != collective)]
