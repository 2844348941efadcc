"""A long partner collective read by its last words, its opening lost ("internet, công" / "nghệ thông tin").

A partners' cell often closes on a long collective ("các doanh nghiệp viễn thông, internet,
công nghệ thông tin"). In a narrow column it wraps over four or five lines, and OCR garbles or
glues its opening lines to the neighbours' words ("Cdong }Illghfil’.các ([j)éerﬁeg"), so
neither the directory search nor the collective listed after a name (``listed_collectives``)
reads it. Its last lines come out clean, one short fragment each ("viễn thông," / "internet,
công" / "nghệ thông tin"). A run of ``_TAIL_WORDS`` words that ends a directory collective,
found in order in the row's fragments and wrapped over more than one line (a narrow cell's
lines, not another column's prose on one line), names that collective: of those whose last
words stand so, the one with the longest run of its last words found in order ("viễn thông,
internet, công nghệ thông tin" over "viễn thông, công nghệ thông tin"), the shorter on a tie.

The other way round too: the opening lines read clean ("các doanh" / "nghiệp viễn" / "thông,
internet,") while the closing ones went to the name column, so a run of its first words found
the same way names it as well. A piece opening a named agency ("Sở Khoa học và") is the lead
cell's line set between the collective's wrapped lines: its words are left out of the search,
not counted as the gap between two of the collective's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.normalise.agencies import is_collective, names_within
from theodoi.ingest.parse.faint_words import WORD_EDGE, directory_entries, words_in_order
from theodoi.ingest.text import fold

# How many of a collective's last words must stand in order: five ("internet, công nghệ thông
# tin") is more than a common phrase of the other columns ("công nghệ thông tin") runs to.
_TAIL_WORDS = 5


@lru_cache(maxsize=1)
def _long_collectives() -> tuple[tuple[tuple[str, ...], str], ...]:
    """The directory's collectives with more words after "các" than their sought tail (each
    with its words after "các"), printed lower-case as a listed partner is."""
    out = []
    for key, name in directory_entries():
        words = tuple(key.split())
        if words[0] == "cac" and len(words) - 1 > _TAIL_WORDS:
            out.append((words[1:], name[:1].lower() + name[1:]))
    return tuple(out)


@lru_cache(maxsize=1)
def _name_openings() -> frozenset[str]:
    """The folded openings of the directory's names that are no collective ("so khoa hoc va")."""
    out = set()
    for key, _name in directory_entries():
        words = key.split()
        if words[0] != "cac":
            out.update(" ".join(words[:k]) for k in range(2, len(words)))
    return frozenset(out)


def _opens_other_name(piece: str) -> bool:
    """A piece that is the opening of a named agency ("Sở Khoa học và"), its head capitalised:
    another agency cell's line, set between the collective's wrapped lines."""
    words = [fold(t).strip(WORD_EDGE) for t in piece.split()]
    return piece[:1].isupper() and " ".join(w for w in words if w) in _name_openings()


def _run(tokens: list[str], token_lines: list[int], words: tuple[str, ...], head: bool) -> int:
    """How many of a collective's last words (its first with ``head``) stand in order in a row's
    tokens; 0 unless ``_TAIL_WORDS`` do, wrapped over more than one line."""
    ends = (lambda k: words[:k]) if head else (lambda k: words[-k:])
    hits = words_in_order(tokens, ends(_TAIL_WORDS), token_lines)
    if any(hit is None for hit in hits) or token_lines[hits[0]] == token_lines[hits[-1]]:
        return 0
    return max(
        k
        for k in range(_TAIL_WORDS, len(words) + 1)
        if None not in words_in_order(tokens, ends(k), token_lines)
    )


def tail_collective(fragments: Sequence[tuple[int, list[str]]]) -> str | None:
    """The long collective whose last (or first) words a row's fragments hold wrapped (see the
    module); None when none does."""
    kept = [[p for p in pieces if not _opens_other_name(p)] for _n, pieces in fragments]
    lines = [[fold(t).strip(WORD_EDGE) for t in " ".join(pieces).split()] for pieces in kept]
    tokens = [t for line in lines for t in line]
    token_lines = [k for k, line in enumerate(lines) for _t in line]
    best: list[tuple[int, int, str]] = []
    for words, name in _long_collectives():
        run = max(_run(tokens, token_lines, words, head) for head in (False, True))
        if run:
            best.append((run, -len(words), name))
    return max(best)[2] if best else None


def with_tail_collective(
    support: list[str], lead: list[str], fragments: Sequence[tuple[int, list[str]]]
) -> list[str]:
    """Add to the partners the long collective a row holds the last words of (``tail_collective``)
    when neither cell reads it (the lead's not even in part); a partner collective it holds all the words of ("các doanh
    nghiệp") is the same cell read in part and gives its place to it."""
    found = tail_collective(fragments) if fragments else None
    if found is None or any(names_within(found, x) for x in (*support, *lead)):
        return support
    if any(names_within(x, found) for x in lead):
        return support  # the lead cell read it, in part
    part = next((x for x in support if is_collective(x) and names_within(x, found)), None)
    if part is not None:
        return [found if x == part else x for x in support]
    return [*support, found]
