"""A directory name's words sought in order among an OCR'd row's words, other columns' between.

OCR garbles an agency's head ("Sở" read as "56") or its cell is spread over the row's lines
among the other columns' words; the name's telling words can still be found in order, each
near the one before. The search is shared by the faint readings of a row's agencies
(``parse.tasks.faint_directory_name``, ``parse.tasks.listed_collective``) and the
reading of a named agency from a cell's other words (``rest_name``: ``twin_lead``,
``unread_partner``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY, is_collective, names_within
from theodoi.ingest.text import digits_as_letters, fold, similarity_at_least

# Marks OCR leaves on a word's edges ("Công nghệ;" "(nếu"), stripped before words are compared.
WORD_EDGE = ".,;:()'\"“”‘’"
# How many other tokens may stand between two words of a faintly read directory name.
FAINT_GAP = 8
# How many words a name read across its cell's lines must have found (``words_found``).
WRAPPED_WORDS = 3

# An OCR'd row's fragment lines: (line number, the line's pieces cut at their gaps).
Fragments = Sequence[tuple[int, list[str]]]


@lru_cache(maxsize=1 << 16)  # directory names are matched word by word, the same pairs again and again
def word_like(a: str, b: str) -> bool:
    """Two folded words that OCR may have made of one another ("nghe"/"nghs", "khoa"/"kh0a")."""
    a, b = digits_as_letters(a), digits_as_letters(b)
    if a == b:
        return True
    if len(a) <= 2 or len(b) <= 2:
        return False
    alike = similarity_at_least(a, b, 0.75)  # (0.0 below 0.75: neither test below passes)
    return alike >= 0.85 or (alike >= 0.75 and a[0] == b[0])


def words_in_order(
    tokens: Sequence[str], wanted: Sequence[str], lines: Sequence[int] | None = None
) -> list[int | None]:
    """Where each of ``wanted`` stands in ``tokens`` (None where not found), read in order.

    The first word found opens the search; each next one is the first token like it at most
    ``FAINT_GAP`` tokens further on. With ``lines`` (each token's fragment line) the next word
    may also stand anywhere on the line below the word before: a cell wraps there, and a
    wide neighbour's words can fill the gap between its lines.
    """
    out: list[int | None] = []
    at = -1
    for word in wanted:
        stop = len(tokens) if at < 0 else min(len(tokens), at + 1 + FAINT_GAP)
        if at >= 0 and lines is not None:
            stop = max(
                stop, next((i for i in range(at + 1, len(lines)) if lines[i] > lines[at] + 1), len(lines))
            )
        nxt = next((i for i in range(at + 1, stop) if word_like(tokens[i], word)), None)
        out.append(nxt)
        if nxt is not None:
            at = nxt
    return out


def words_found(tokens: Sequence[str], wanted: Sequence[str], lines: Sequence[int]) -> int:
    """How many of ``wanted`` a row's tokens hold in order (``words_in_order``).

    Read across the cell's lines (``lines``: each token's fragment line) a name counts only
    with ``WRAPPED_WORDS`` words found or more: two common words on two lines ("học" / "tới
    nghệ") are no cell of theirs; else the words must stand ``FAINT_GAP`` tokens apart.
    """
    wrapped = sum(hit is not None for hit in words_in_order(tokens, wanted, lines))
    if wrapped >= WRAPPED_WORDS:
        return wrapped
    return sum(hit is not None for hit in words_in_order(tokens, wanted))


@lru_cache(maxsize=1)
def directory_entries() -> tuple[tuple[str, str], ...]:
    """The directory's names with their folded words ("so khoa hoc va cong nghe"), to seek."""
    return tuple((" ".join(re.findall(r"[\w-]+", fold(name))), name) for name in AGENCY_DIRECTORY)


@lru_cache(maxsize=1)
def directory_words() -> tuple[tuple[tuple[str, ...], str], ...]:
    """``directory_entries`` with each key split into its words (a row's cell is sought among
    all of them, word by word)."""
    return tuple((tuple(key.split()), name) for key, name in directory_entries())


@lru_cache(maxsize=1)
def _directory_vocabulary() -> frozenset[str]:
    return frozenset(word for key, _name in directory_words() for word in key)


def another_word(token: str, word: str) -> bool:
    """Whether a folded ``token`` that is not ``word`` spells another word of the directory.

    OCR damage makes non-words ("nghs", "kh0a"); a token spelling a directory word in full
    ("truong" for "trường") is that word, not a garbled reading of a like one ("thuong"):
    "Sở ... Môi trường" does not read as "Sở Công Thương".
    """
    return token != word and token in _directory_vocabulary()


def fragment_words(fragments: Sequence[tuple[int, list[str]]]) -> list[list[str]]:
    """A row's fragment lines as lists of folded words, edge marks stripped."""
    return [[fold(t).strip(WORD_EDGE) for t in " ".join(pieces).split()] for _n, pieces in fragments]


def piece_starts(pieces: Sequence[str]) -> set[int]:
    """The token indices of a fragment line (its pieces joined) that open a piece.

    A word opening a piece stands first in its cell's part of the line (a gap mark or a
    capitalised opening before it), so rules that read a cell's start look there.
    """
    starts, at = set(), 0
    for piece in pieces:
        starts.add(at)
        at += len(piece.split())
    return starts


def word_places(name: str, lines: Sequence[Sequence[str]]) -> list[tuple[int, int, str]]:
    """Where an agency name's words stand in a row's fragment lines, read in order.

    The name's first word opens the search (the first token like it); each next word is the
    first token like it further on, other columns' words between them allowed. A word no
    token further on is like (OCR garbled it: "Sở Khoa hộ'.)cố và" / "Công nghệ; các") is
    passed over and the words after it are still sought, so a name's last word is placed
    though a middle one is lost. Returns (line index, token index, the name's word) per word
    found; none when the first word is not found.
    """
    words = re.findall(r"\w+", fold(name))
    places: list[tuple[int, int, str]] = []
    at = (0, 0)
    for k, word in enumerate(words):
        hit = next(
            (
                (li, ti)
                for li in range(at[0], len(lines))
                for ti in range(at[1] if li == at[0] else 0, len(lines[li]))
                if word_like(lines[li][ti], word)
            ),
            None,
        )
        if hit is None:
            if k == 0:
                return []
            continue
        places.append((hit[0], hit[1], word))
        at = (hit[0], hit[1] + 1)
    return places


def rest_name(
    rest: Sequence[str], exclude: Sequence[str], *, headed: bool = False, lines: Sequence[int] | None = None
) -> str | None:
    """The one named directory agency whose telling words ``rest`` holds, in order.

    ``headed``: all its telling words must be found, the token just before the first of them
    spelling the word the name prints before it ("Sở'Tài Chính" for "Sở Tài chính", "50 Khoa
    học và" / "Công nghệ" for "Sở Khoa học và Công nghệ"): a row's other words that merely
    hold a name's words ("Phát hiện ... hành") name no agency.
    ``lines`` (each token's fragment line) lets the name wrap onto the line below
    (``words_in_order``).
    """
    best: list[tuple[float, int, str]] = []
    for key, entry in directory_entries():
        if is_collective(entry) or any(names_within(x, entry) or names_within(entry, x) for x in exclude):
            continue
        words = key.split()
        wanted = [w for w in words[1:] if len(w) >= 3 and w not in ("tinh", "cac")]
        if len(wanted) < 2:
            continue
        places = words_in_order(rest, wanted, lines)
        hits = [hit is not None for hit in places]
        found = sum(hits)
        first = hits.index(True) if found else 0
        if headed and (not all(hits) or not _headed(rest, places[0], words[words.index(wanted[0]) - 1])):
            continue
        if found >= 2 and found / len(wanted) >= 0.5 and all(hits[first : first + found]):
            best.append((found / len(wanted), found, entry))
    best.sort(reverse=True)
    if not best or (len(best) > 1 and best[1][:2] == best[0][:2]):
        return None
    return best[0][2]


def _headed(rest: Sequence[str], at: int | None, head: str) -> bool:
    """Whether the token before ``rest[at]`` spells ``head`` (OCR's digits read as letters)."""
    return bool(at) and word_like(rest[at - 1], head)
