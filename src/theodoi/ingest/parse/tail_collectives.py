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


def tail_collective(fragments: Sequence[tuple[int, list[str]]]) -> str | None:
    """The long collective whose last words a row's fragments hold wrapped (see the module);
    None when none does."""
    lines = [[fold(t).strip(WORD_EDGE) for t in " ".join(pieces).split()] for _n, pieces in fragments]
    tokens = [t for line in lines for t in line]
    token_lines = [k for k, line in enumerate(lines) for _t in line]
    best: list[tuple[int, int, str]] = []
    for words, name in _long_collectives():
        tail = words_in_order(tokens, words[-_TAIL_WORDS:], token_lines)
        if any(hit is None for hit in tail) or token_lines[tail[0]] == token_lines[tail[-1]]:
            continue
        run = max(
            k
            for k in range(_TAIL_WORDS, len(words) + 1)
            if None not in words_in_order(tokens, words[-k:], token_lines)
        )
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
