"""The collective an OCR'd partners' cell lists after a named agency ("...; các sở, ban, ngành").

A partners' cell often names one or two agencies and closes on a lower-case collective
("Sở Khoa học và Công nghệ; các doanh nghiệp viễn thông, internet, công nghệ thông tin").
OCR interleaves the collective's wrapped lines with the other columns' words, and the
collective's capital-less opening escapes the directory search for agency heads; this module
reads it back from the words that follow the name's "các".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import names_within
from theodoi.ingest.parse.faint_words import WORD_EDGE, directory_entries, word_places, words_in_order
from theodoi.ingest.parse.short_collectives import short_opening
from theodoi.ingest.text import fold

# How many fragment lines below the one a listing name ends on may open the collective it lists
# (its later words are sought to the row's end: a long collective wraps over many lines).
_LISTED_COLLECTIVE_LINES = 5
_LISTED_SHARE = 0.75  # of a long collective's words, its last ones may be lost to a neighbour
# The words that open a listed collective after a name ("...; các sở", "... và các sở").
_OPENERS = (["cac"], ["va", "cac"])
# A list mark glued to the word after it ("nghệ;gác"): split there, the word after marked glued.
_GLUED_MARK = re.compile(r";(?=\S)")
_GLUED = "\u2063"  # an invisible separator, stripped from the folded words
# A garbled "các" after a list mark: OCR's marks among its letters ("'(A:ác") or, glued to the
# mark, at most two letters before its "ac" ("nghệ;gác").
_GARBLED_CAC = re.compile(r"\W*\w*\W\w*ac")
_GLUED_CAC = re.compile(_GLUED + r"\W*\w{0,2}ac")


def listed_collective(name: str, fragments: Sequence[tuple[int, list[str]]]) -> str | None:
    """The collective an OCR'd agency name lists after it ("Công nghệ; các" / "sở, ban, ngành").

    A partners' cell often ends with a lower-case collective after a named agency ("Sở Khoa
    học và Công nghệ; các sở, ban, ngành, địa phương"); having no capital, it opens no name
    the directory search sees. The name's words are placed in the row's fragments, one middle
    word allowed lost to OCR ("Sở Khoa hộ'.)cố và"), its last one not (it says where the name
    ends). When the name's last word is followed by "các" (or "và các", or
    after a ";" a garbled "các": ``_garbled_cac``), the collectives' words after "các" are
    sought in order in the rest of the row, the first found within the rest of that line and
    the next ``_LISTED_COLLECTIVE_LINES`` lines (other columns' words between them, or
    anywhere on the next line): of those with every word of three letters or more found, or with their
    first word and ``_LISTED_SHARE`` of their words found (a long collective's last line runs
    into the task's name), the one with the most words found, the shortest on a tie, is
    printed there; None on a full tie or when none is. When none is but the row prints a
    collective's opening words side by side ("các doanh nghiệp": ``short_opening``), that
    opening is the collective printed.
    """
    words = re.findall(r"\w+", fold(name))
    raw, lines = listing_tokens(fragments)
    places = word_places(name, lines)
    if len(places) < max(2, len(words) - 1) or places[-1][2] != words[-1]:
        return None  # one middle word may be garbled ("Sở Khoa hộ'.)cố và"), not the last
    li, ti, _word = places[-1]
    return collective_after(raw, lines, li, ti) or _listed_below(raw, lines, fragments, li, ti)


# How many source lines below a partner's name closing its fragment on a list mark the
# collective it lists may open ("Sở Tài chính;" / "... các sở, ban,").
_BELOW_LINES = 2


def _listed_below(
    raw: Sequence[Sequence[str]],
    lines: Sequence[Sequence[str]],
    fragments: Sequence[tuple[int, list[str]]],
    li: int,
    ti: int,
) -> str | None:
    """The collective a partner's name lists on a line below, its list mark closing its fragment.

    A name ending its cell's line with ";" or "," ("Sở Tài chính;") says the list goes on,
    and a narrow cell goes on below it, often after a neighbour's words on that line ("Sở
    Khoa học và các sở, ban,": the lead's name, then the partners' "các"). A lower-case
    "các" (a collective is listed lower-case; a cell's own collective opens with "Các") on
    one of the ``_BELOW_LINES`` source lines below opens the collective listed, read there
    as after a name (``collective_after``). None when the name does not close its fragment
    on a list mark or no such "các" opens a collective.
    """
    if not raw[li][ti].endswith((";", ",")) or not _closes_fragment(fragments[li][1], ti):
        return None
    for lj in range(li + 1, len(raw)):
        if fragments[lj][0] - fragments[li][0] > _BELOW_LINES:
            break
        for tj, token in enumerate(raw[lj]):
            if token == "các" and (found := collective_after(raw, lines, lj, tj - 1)) is not None:
                return found
    return None


def _closes_fragment(pieces: Sequence[str], at: int) -> bool:
    """Whether token ``at`` of a fragment line (its pieces joined) is its piece's last."""
    for piece in pieces:
        count = len(piece.split())
        if at < count:
            return at == count - 1
        at -= count
    return False


def listing_tokens(fragments: Sequence[tuple[int, list[str]]]) -> tuple[list[list[str]], list[list[str]]]:
    """A row's fragment lines as raw tokens (a list mark glued to the next word split off) and
    as folded words, edge marks stripped: the places ``collective_after`` reads."""
    raw = [_GLUED_MARK.sub("; " + _GLUED, " ".join(pieces)).split() for _n, pieces in fragments]
    return raw, [[fold(t).strip(WORD_EDGE + _GLUED) for t in line] for line in raw]


def collective_after(
    raw: Sequence[Sequence[str]], lines: Sequence[Sequence[str]], li: int, ti: int
) -> str | None:
    """The collective listed after a name whose last word is token ``ti`` of line ``li``
    (see ``listed_collective``); None when no "các" follows it or no collective is read."""
    opener = next((len(o) for o in _OPENERS if lines[li][ti + 1 : ti + 1 + len(o)] == o), None)
    if opener is None and _garbled_cac(raw[li], lines[li], ti):
        opener = 1
    if opener is None:
        return None
    rest = lines[li][ti + 1 + opener :]
    below = lines[li + 1 :]
    tokens = rest + [t for line in below for t in line]
    token_lines = [0] * len(rest) + [k + 1 for k, line in enumerate(below) for _t in line]
    best: list[tuple[int, int, str]] = []
    short: set[str] = set()
    for key, entry in directory_entries():
        wanted = key.split()
        if wanted[0] != "cac" or len(wanted) < 3:
            continue
        hits = words_in_order(tokens, wanted[1:], token_lines)
        first = next((hit for hit in hits if hit is not None), None)
        if first is None or token_lines[first] > _LISTED_COLLECTIVE_LINES:
            continue
        found = sum(hit is not None for hit in hits)
        if all(hit is not None or len(word) < 3 for hit, word in zip(hits, wanted[1:], strict=True)) or (
            hits[0] is not None and found >= _LISTED_SHARE * len(hits)
        ):
            best.append((found, -len(wanted), entry))
        elif (opening := short_opening(entry, hits)) is not None:
            short.add(opening)
    if not best and len(short) == 1:
        return short.pop()
    best.sort(reverse=True)
    if not best or (len(best) > 1 and best[1][:2] == best[0][:2]):
        return None
    return best[0][2][:1].lower() + best[0][2][1:]


def _garbled_cac(raw: Sequence[str], folded: Sequence[str], at: int) -> bool:
    """Whether the token after a name's last word (``at``) is a garbled "các" after a list mark.

    The name's word must end on ";" ("Công nghệ;'(A:ác", "nghệ;gác"): the list mark says a
    next partner follows, and the token after it ends in "ac" as "các" does, with OCR's marks
    among its letters ("'(A:ác") or glued to the mark ("nghệ;gác"). A real word after the
    mark and a space ("Công nghệ; tác động") is another column's.
    """
    if at + 1 >= len(folded) or not raw[at].endswith(";"):
        return False
    token = fold(raw[at + 1])
    return any(p.fullmatch(token) for p in (_GARBLED_CAC, _GLUED_CAC))


def with_listed_collective(
    support: list[str], lead: list[str], fragments: Sequence[tuple[int, list[str]]]
) -> list[str]:
    """Add to the partners the collective a partner's name lists after it (``listed_collective``).

    A shorter partner collective that ends the listed one ("Các địa phương" of "các sở, ngành,
    địa phương") is the same cell read in part (its opening words lost to a neighbour) and
    gives its place to it; any other reading of it, in either cell, keeps it out.
    """
    for name in support:
        collective = listed_collective(name, fragments)
        if collective is None:
            continue
        if (listed := with_collective(support, lead, name, collective)) is not None:
            return listed
    return support


def with_collective(support: list[str], lead: list[str], name: str, collective: str) -> list[str] | None:
    """``support`` with ``collective`` right after its partner ``name`` (see
    ``with_listed_collective``); None when either cell already reads it."""
    cut = [x for x in support if x != name and _ending_of(x, collective)]
    if any(
        names_within(collective, x) or names_within(x, collective) for x in (*support, *lead) if x not in cut
    ):
        return None
    kept = [x for x in support if x not in cut]
    return [*kept[: kept.index(name) + 1], collective, *kept[kept.index(name) + 1 :]]


def _ending_of(short: str, long: str) -> bool:
    """Whether collective ``short``'s words after "các" end ``long`` ("Các địa phương", "các sở,
    ngành, địa phương"): ``long`` read with its opening words lost."""
    words, longer = re.findall(r"\w+", fold(short)), re.findall(r"\w+", fold(long))
    return (
        words[:1] == ["cac"]
        and len(words) < len(longer)
        and longer[len(longer) - len(words) + 1 :] == words[1:]
    )
