"""A lead cell that lists several agencies keeps the names its list marks carry on to.

The lead cell ("cơ quan chủ trì") of a task shared by several agencies lists them one after
the other, each but the last closed by a list mark ("Sở Khoa học và Công nghệ, Sở Tài
chính"; "Công an tỉnh, Sở Tài chính, ..."). The OCR'd row gives its fragments to the columns
by their order on the line, so a listed name that wraps onto a line of its own, or stands
after the lead's name on the line, is often read into the partners' cell. Two cells side by
side on a line are cut by no list mark, so when the lead's name is followed, in its cell, by
"," or ";" and the opening words of another agency of the row (``listed_after``), or its
list mark ends its fragment and the other opens the first fragment of a line just below
(``listed_below``: the first fragment of a line is the lead column's) or the fragment right
after it on its line (a narrow cell's two lines read side by side: "tế," / "Sở Nông"), that
agency is the lead's next name, not a partner. The chain is followed name by name, from any
of the lead's directory names (the list's last name may have been read first); a lead read from debris
is no name whose end can be placed. A partner whose list mark goes on to a lead name, the
list's earlier name, joins the lead before it. A lower-case "các" on the lines between says
the list goes on to a collective ("Sở Tài chính;" / "các sở, ban, ngành"), the partners'
habit: no lead list then. A listed name whose head's first word follows the mark and whose
capitalised rest opens a line below ("Văn" / "UBND tỉnh") is added too (``with_listed_head``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import is_collective, known_agency, names_within
from theodoi.ingest.parse.faint_words import WORD_EDGE, fragment_words, word_like, word_places
from theodoi.ingest.parse.head_rest_below import REST_LINES, headed_names, is_run
from theodoi.ingest.parse.listed_lead import listed_after, name_end
from theodoi.ingest.text import fold

# How many source lines below a listed name's end the list's next name may open.
_LIST_LINES = 2


def _words(piece: str) -> list[str]:
    return [fold(t).strip(WORD_EDGE) for t in piece.split()]


def listed_below(name: str, other: str, fragments: Sequence[tuple[int, list[str]]]) -> bool:
    """Whether ``name``'s last word closes its fragment with "," or ";" (a one-letter speck
    after it aside) and ``other``'s first two words open the next fragment of its line or the
    first fragment of one of the ``_LIST_LINES`` lines below."""
    words = re.findall(r"\w+", fold(name))
    fragments = _unglued(words, fragments)
    places = word_places(name, fragment_words(fragments))
    if len(places) < max(2, len(words) - 1) or places[-1][2] != words[-1]:
        return False
    li, ti, _word = places[-1]
    pieces, at = fragments[li][1], 0
    while at < len(pieces) and ti >= len(pieces[at].split()):
        ti -= len(pieces[at].split())
        at += 1
    if at == len(pieces):
        return False
    tokens = pieces[at].split()
    if not re.search(r"[;,]$", tokens[ti]) or any(len(w) > 1 for w in _words(" ".join(tokens[ti + 1 :]))):
        return False
    opening = re.findall(r"\w+", fold(other))[:2]
    if _opens(pieces[at + 1 : at + 2], opening):
        return True  # the cell's next line was read beside its end ("tế," / "Sở Nông")
    for number, below in fragments[li + 1 :]:
        if number - fragments[li][0] > _LIST_LINES:
            break
        if any(token == "các" for piece in below for token in piece.split()):
            return False  # the list goes on to a collective ("Sở Tài chính;" / "các sở, ban"): partners
        if _opens(below[:1], opening):
            return True
    return False


def _unglued(words: Sequence[str], fragments: Sequence[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """The fragments with a token the OCR ran two of the name's short words into ("SOY" for
    "Sở Y" of "Sở Y tế") split into the two, so the name is placed where it stands."""
    glued = {a + b: f"{a} {b}" for a, b in itertools.pairwise(words) if len(a) + len(b) <= 4}
    if not glued:
        return list(fragments)
    return [
        (number, [" ".join(_split(t, glued) for t in piece.split()) for piece in pieces])
        for number, pieces in fragments
    ]


def _split(token: str, glued: dict[str, str]) -> str:
    words = glued.get(fold(token).strip(WORD_EDGE))
    return token if words is None else words + token[len(token.rstrip(",;:")) :]


def _opens(pieces: Sequence[str], opening: Sequence[str]) -> bool:
    """Whether the first of ``pieces`` (none: no) opens with the words ``opening``."""
    if not pieces or not opening:
        return False
    first = _words(pieces[0])
    return len(first) >= len(opening) and all(word_like(a, w) for a, w in zip(first, opening, strict=False))


def _lists(name: str, other: str, fragments: Sequence[tuple[int, list[str]]]) -> bool:
    return bool(known_agency(name)) and (
        listed_after(name, other, fragments) or listed_below(name, other, fragments)
    )


def _listing_pair(
    lead: Sequence[str], others: Sequence[str], fragments: Sequence[tuple[int, list[str]]], *, listed: bool
) -> tuple[int, str] | None:
    """The first (index after which to insert, other) where a lead name lists ``other``
    (``listed``) or ``other`` lists a lead name (inserted before it), else None."""
    return next(
        (
            (k if listed else k - 1, other)
            for other in others
            for k, name in enumerate(lead)
            if (_lists(name, other, fragments) if listed else _lists(other, name, fragments))
        ),
        None,
    )


def with_listed_leads(
    lead: list[str],
    support: list[str],
    fragments: Sequence[tuple[int, list[str]]],
    found: Sequence[str] = (),
) -> tuple[list[str], list[str]]:
    """Move to the lead the partners (or unheld ``found`` names) its names list, or that list
    one of its names next."""
    if not lead or not fragments:
        return lead, support
    lead, support = list(lead), list(support)
    while True:
        held = (*lead, *support)
        unheld = [f for f in found if not any(names_within(f, x) or names_within(x, f) for x in held)]
        taken = {fold(x) for x in lead}
        others = [
            other
            for other in (*support, *unheld)
            if known_agency(other) and not is_collective(other) and fold(other) not in taken
        ]
        # a lead name listing another goes before it; one another lists, after it
        pair = _listing_pair(lead, others, fragments, listed=True) or _listing_pair(
            lead, others, fragments, listed=False
        )
        if pair is None:
            return lead, support
        at, other = pair
        lead.insert(at + 1, other)
        support = [x for x in support if x != other]


def with_listed_head(lead: list[str], fragments: Sequence[tuple[int, list[str]]]) -> list[str]:
    """Add to the lead the headed directory name its last name's list mark goes on to, its
    head's first word after the mark and its rest opening a piece just below.

    "Sở Khoa học và" / "Công nghệ, Văn" / ... / "UBND tỉnh": the lead cell lists a second
    name whose head ("Văn phòng") begins after the first name's list mark and whose rest
    ("UBND tỉnh", capitalised) opens a line of its own; the head's other words went to
    another column. One headed name only must fit (``headed_names``).
    """
    if not lead or not fragments or not known_agency(lead[-1]):
        return lead
    end = name_end(lead[-1], fragments)
    if end is None or not re.search(r"[;,]$", end[0]):
        return lead
    after = [a for a in end[1] if a][:1]
    at = _end_line(lead[-1], fragments)
    if not after or at is None:
        return lead
    below = [
        [_words(piece) for piece in pieces]
        for number, pieces in fragments
        if 0 < number - fragments[at][0] <= REST_LINES
    ]
    taken = {fold(x) for x in lead}
    fits = [
        name
        for head, rest, name in headed_names()
        if fold(name) not in taken
        and word_like(after[0], head[0])
        and any(is_run(piece[: len(rest)], rest) for line in below for piece in line)
    ]
    return [*lead, fits[0]] if len(fits) == 1 else lead


def _end_line(name: str, fragments: Sequence[tuple[int, list[str]]]) -> int | None:
    """Index of the fragment line ``name``'s last placed word stands on."""
    places = word_places(name, fragment_words(fragments))
    return places[-1][0] if places else None
