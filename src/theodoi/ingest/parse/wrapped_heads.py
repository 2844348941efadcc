"""An agency name a list cell wraps right after its head ("Sở Nội vụ, Sở" / "Khoa học và").

A cell listing several agencies wraps wherever its line is full, so a name's head can end
one line ("Sở Nội vụ, Sở") and its other words open the next ones ("Khoa học và" / "Công
nghệ"), where other columns' words stand beside them. The head alone names no agency and
the words below open none, so neither the cell's reading nor the directory search over the
row finds the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY, known_agency
from theodoi.ingest.parse.faint_words import word_places, words_in_order
from theodoi.ingest.text import fold

_EDGE = ".,;:()'\"“”‘’"
# How many lines below the head a wrapped name's words may run on.
_WRAP_LINES = 3


@lru_cache(maxsize=1)
def _named_by_head() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """The directory's names by their folded head word, with their other folded words."""
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for entry in AGENCY_DIRECTORY:
        words = re.findall(r"\w+", fold(entry))
        if len(words) >= 2 and entry[:1].isupper():
            out.setdefault(words[0], []).append((entry, tuple(words[1:])))
    return {head: tuple(names) for head, names in out.items()}


def wrapped_head_names(
    fragments: Sequence[tuple[int, list[str]]], named: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """The names whose head ends a listed agency's line, their other words on the lines below.

    Returns (the agency listed before the head, the wrapped name) pairs: the wrapped name
    belongs to that agency's cell. On a fragment line, a capitalised head word ("Sở") right
    after a directory name closed by a mark ("Sở Nội vụ, Sở"), or after the last word of a
    ``named`` one (read in the row's cells) wrapped from the lines above ("Sở Khoa học và" /
    "Công nghệ, Văn": ``_ends_at``), that does not go on to one of
    its names on that line opens a name wrapped onto the next ``_WRAP_LINES`` lines; its
    words are sought there in order (``words_in_order``, the cell's lines one after
    another). The name with every word of three letters or more found, two words at least
    (all of a one-word name's), and the most words found, is taken; none on a tie.
    """
    printed = [" ".join(pieces).split() for _n, pieces in fragments]
    lines = [[fold(t).strip(_EDGE) for t in tokens] for tokens in printed]
    out: list[tuple[str, str]] = []
    for li, tokens in enumerate(printed):
        for j in range(1, len(tokens)):
            names = _named_by_head().get(lines[li][j], ()) if tokens[j][:1].isupper() else ()
            if not names or not re.search(r"[,;.]$", tokens[j - 1]):
                continue
            before = next(
                (n for k in range(j - 1, -1, -1) if (n := known_agency(" ".join(tokens[k:j]).strip(_EDGE)))),
                None,
            ) or next((n for n in named if _ends_at(n, lines, li, j - 1)), None)
            same_line = lines[li][j + 1 :]
            if before is None or any(same_line[: len(wanted)] == list(wanted) for _e, wanted in names):
                continue
            below = [(k, t) for k in range(li + 1, min(len(lines), li + 1 + _WRAP_LINES)) for t in lines[k]]
            tokens_below, rows = [t for _k, t in below], [k for k, _t in below]
            best: list[tuple[int, str]] = []
            for entry, wanted in names:
                hits = words_in_order(tokens_below, wanted, rows)
                found = sum(hit is not None for hit in hits)
                if found >= min(2, len(wanted)) and all(
                    hit is not None or len(word) < 3 for hit, word in zip(hits, wanted, strict=True)
                ):
                    best.append((found, entry))
            best.sort(reverse=True)
            if best and (len(best) == 1 or best[1][0] < best[0][0]):
                out.append((before, best[0][1]))
    return out


def _ends_at(name: str, lines: Sequence[Sequence[str]], li: int, ti: int) -> bool:
    """Whether every word of a name the row's cells read is placed in its fragment lines
    (``word_places``), its last one token ``ti`` of line ``li``: a name wrapped from the lines
    above ("Sở Khoa học và" / "Công nghệ, Văn") that closes before a head on that line."""
    places = word_places(name, lines)
    return len(places) == len(re.findall(r"\w+", fold(name))) and places[-1][:2] == (li, ti)


def with_wrapped_head_names(
    lead: list[str], support: list[str], fragments: Sequence[tuple[int, list[str]]]
) -> tuple[list[str], list[str]]:
    """Add each wrapped name (``wrapped_head_names``) to the cell that lists the agency before it."""
    for before, name in wrapped_head_names(fragments, (*support, *lead)):
        named = {fold(n) for n in (*lead, *support)}
        if fold(name) in named:
            continue
        if fold(before) in {fold(n) for n in support}:
            support = [*support, name]
        elif fold(before) in {fold(n) for n in lead}:
            lead = [*lead, name]
    return lead, support
