"""A garbled named lead standing before a collective, read by its head and telling words.

In a plan whose rows name a department as lead and "các sở, ngành" as partners, OCR can
garble the lead's cell so badly ("56 ~10d học" / "và Công" / "nghệ", "SỞ'KhoahQC") that no
directory name is read and the collective is taken for the lead. The lead column stands
left of the partners' and its cell opens on the collective's line or above it, so a
head-like token ("Sở" read as "56", "50", "SỞ'Khoa…") before the collective's opening "Các"
opens the lead's name; its telling words are sought in order from there on, across the
cell's lines (``faint_words.words_found``). Searching the whole row instead finds other
columns' words (the task's own "khoa học, công nghệ") and names no lead the plan meant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.parse.faint_words import (
    FAINT_GAP,
    WRAPPED_WORDS,
    Fragments,
    fragment_words,
    words_in_order,
)
from theodoi.ingest.parse.garbled_names import _named_entries
from theodoi.ingest.text import digits_as_letters

_SPLIT = re.compile(r"['’`]")


def _tokens(fragments: Fragments) -> tuple[list[str], list[int]]:
    tokens: list[str] = []
    lines: list[int] = []
    for li, words in enumerate(fragment_words(fragments)):
        for word in words:
            for part in _SPLIT.split(word):
                if part:
                    tokens.append(part)
                    lines.append(li)
    return tokens, lines


def _collective_opening(tokens: Sequence[str]) -> int | None:
    """Where the collective's "Các sở" opens (the first "các" followed by a word like "sở")."""
    return next(
        (
            i
            for i in range(len(tokens) - 1)
            if tokens[i] == "cac" and digits_as_letters(tokens[i + 1]) == "so"
        ),
        None,
    )


def _unglued(
    tokens: Sequence[str], telling: Sequence[str], lines: Sequence[int]
) -> tuple[list[str], list[int]]:
    """The tokens with a telling word of four letters or more that OCR glued to the next word
    ("khoahqc") split off it."""
    out: list[str] = []
    out_lines: list[int] = []
    for token, line in zip(tokens, lines, strict=True):
        word = next(
            (w for w in telling if len(w) >= 4 and len(token) > len(w) + 1 and token.startswith(w)), None
        )
        parts = [word, token[len(word) :]] if word else [token]
        out.extend(parts)
        out_lines.extend([line] * len(parts))
    return out, out_lines


def _found_after_head(tokens: Sequence[str], telling: Sequence[str], lines: Sequence[int]) -> int:
    """How many telling words follow the head in order, the first found near it (``FAINT_GAP``):
    OCR may lose the name's first words ("Khoa" of "Sở Khoa học"), and a like word far off
    ("khai" for "khoa") is another column's."""
    tokens, lines = _unglued(tokens, telling, lines)
    best = 0
    for skip in range(len(telling) - 1):
        for by_lines in (lines, None):
            hits = words_in_order(tokens, telling[skip:], by_lines)
            if hits[0] is None or hits[0] > FAINT_GAP:
                break
            found = sum(hit is not None for hit in hits)
            if by_lines is None or found >= WRAPPED_WORDS:
                best = max(best, found)
                break
    return best


def lead_before_collective(fragments: Fragments) -> str | None:
    """The directory name whose head stands before the collective's "Các" and whose telling
    words follow it (two at least, half of them), when no other name with a head there is
    found as well; None otherwise."""
    tokens, lines = _tokens(fragments)
    opening = _collective_opening(tokens)
    if not opening:
        return None
    best: list[tuple[float, int, str]] = []
    for head, telling, entry in _named_entries():
        if " " in head or len(telling) < 2:
            continue
        at = next((i for i in range(opening) if digits_as_letters(tokens[i]) == head), None)
        if at is None:
            continue
        found = _found_after_head(tokens[at + 1 :], telling, lines[at + 1 :])
        if found >= 2 and found / len(telling) >= 0.5:
            best.append((found / len(telling), found, entry))
    best.sort(reverse=True)
    if not best or (len(best) > 1 and best[1][:2] == best[0][:2]):
        return None
    return best[0][2]
