"""Small text helpers every ingestion stage and the web search share.

``fold`` is the diacritic-insensitive key used for matching ("Sở KH&CN" and "so kh&cn"
compare equal); it must stay one function so that search, alias lookup and parsing agree.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import repeat

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form the format and the database keep."""
    return unicodedata.normalize("NFC", text)


class _MarkTable(dict):
    """``str.translate`` table: a combining mark's code point (category Mn) -> None (dropped),
    any other -> itself; filled as characters are met (the marks are scattered over Unicode)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = kept
        return kept


_MARKS = _MarkTable()


def strip_marks(text: str) -> str:
    """Remove Vietnamese tone and vowel marks, keeping case (đ -> d, Đ -> D)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    if text.isascii():  # nothing to decompose: most words of an OCR'd or folded text
        return text
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_MARKS))


@lru_cache(maxsize=1 << 18)  # every stage folds the same cell and line texts again and again
def fold(text: str | None) -> str:
    """Return the matching key of ``text``: lower case, no marks, single spaces, trimmed."""
    if not text:
        return ""
    return _SPACES.sub(" ", strip_marks(text).lower()).strip()


@lru_cache(maxsize=1 << 16)  # cells and fragments are joined and weighed again and again
def collapse_spaces(text: str) -> str:
    """Join a field's lines the way the format wants: single spaces, trimmed."""
    return _SPACES.sub(" ", text).strip()


# Digits (and the "&" for a marked "ở") OCR reads for the letters they resemble, one table for
# every stage that matches words through them: "S6", "50", "86", "S&" for "Sở", "kh0a" for "khoa".
_DIGIT_LETTERS = str.maketrans("01568&", "oisoso")


def holds_run(words: Sequence[str], run: Sequence[str]) -> bool:
    """Whether ``run`` stands in ``words`` as consecutive words."""
    n = len(run)
    return any(tuple(words[i : i + n]) == tuple(run) for i in range(len(words) - n + 1))


def digits_as_letters(word: str) -> str:
    """Read a folded word's digits as the letters OCR took them for ("s6", "86", "s&" -> "so").

    Why: a directory name's words are matched against OCR'd words, where a letter read as a
    look-alike digit must not make two spellings of one word differ.
    """
    return word.translate(_DIGIT_LETTERS)


def is_so_lookalike(token: str) -> bool:
    """Whether a token is "Sở" as OCR reads it with a digit for a letter ("56", "50", "86", "S6").

    Also "Sở" itself (and "5ở"), but not "Số"/"So": a capital or a digit first, then a digit or
    the "ở". No task name's word reads so, while "số" (number) is one.
    """
    if len(token) != 2 or token[0].islower() or digits_as_letters(fold(token)) != "so":
        return False
    return token[1] == "ở" or any(ch.isdigit() for ch in token)


def similarity_at_least(a: str, b: str, floor: float, *, common: int | None = None) -> float:
    """Return difflib's similarity ratio of ``a`` and ``b`` (no junk heuristic), or 0.0 as soon
    as the cheap upper bounds show it is below ``floor``.

    Why: fuzzy matching scans a directory or a table pair by pair, and most pairs are far
    apart; difflib's own bounds (``real_quick_ratio``: the lengths, ``quick_ratio``: the
    letters shared) need a ``SequenceMatcher``, whose set-up indexes ``b`` and costs more than
    the bounds. Here they are computed directly, giving the same floats, and a matcher is built
    only for a pair within them: the result is that of
    ``real_quick_ratio() >= floor and quick_ratio() >= floor and ratio()``. ``common``: how
    many letters the two share (counted with repeats), when the caller has it cheaper.
    """
    length = len(a) + len(b)
    if not length:
        return 1.0
    if 2.0 * min(len(a), len(b)) / length < floor:
        return 0.0
    if common is None:
        letters = set(a)
        common = sum(map(min, map(a.count, letters), map(b.count, letters)))
    if 2.0 * common / length < floor:
        return 0.0
    return ratio(a, b)


def close_matches(word: str, possibilities: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Return ``difflib.get_close_matches(word, possibilities, n, cutoff)``, the same list.

    Why: difflib sets its matcher up again for every possibility and bounds the pair through
    it; a directory's or a unit table's keys are searched so for many cells a plan. Here the
    pairs go through ``similarity_at_least`` (difflib's bounds and ratio, the same floats),
    ranked as difflib ranks them (the best ``n`` (ratio, possibility), highest first). A word
    of 200 characters or more goes to difflib, whose "popular character" junk rule (autojunk)
    then applies.
    """
    if len(word) >= 200 or n <= 0 or not 0.0 <= cutoff <= 1.0:
        import difflib  # only here: rare, and difflib raises the errors of a bad n or cutoff

        return difflib.get_close_matches(word, possibilities, n, cutoff)
    # similarity_at_least(possibility, word, cutoff) inlined: the word's letters are counted
    # once per call, and a possibility's (a directory's or table's key, met call after call)
    # once per process; the shared letters are then summed over the possibility's counts.
    size = len(word)
    counted = Counter(word).get
    scored = []
    for possibility in possibilities:
        length = len(possibility) + size
        if not length:
            score = 1.0
        elif 2.0 * min(len(possibility), size) / length < cutoff:
            continue
        else:
            counts = _letter_counts(possibility)
            common = sum(map(min, counts.values(), map(counted, counts, repeat(0))))
            if 2.0 * common / length < cutoff:
                continue
            score = ratio(possibility, word)
        if score >= cutoff:
            scored.append((score, possibility))
    return [possibility for _, possibility in heapq.nlargest(n, scored)]


def shared_letters(a: str, b: str) -> int:
    """How many letters ``a`` and ``b`` share, counted with repeats (``similarity_at_least``'s
    ``common``), from their letter counts, cached: for strings met again and again (a
    document's indicator names, compared pairwise), a pair's bound then costs no pass over
    them. (Not for strings mostly seen once: building the counts costs more than the pass.)"""
    counts_a, counts_b = _letter_counts(a), _letter_counts(b)
    return sum(map(min, counts_a.values(), map(counts_b.get, counts_a, repeat(0))))


@lru_cache(maxsize=1 << 12)
def _letter_counts(text: str) -> Counter[str]:
    return Counter(text)


def ratio(a: str, b: str) -> float:
    """Return ``difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()``, the same float.

    Why: fuzzy matching asks it tens of thousands of times a plan, mostly of short words and
    directory names. difflib's matcher indexes ``b`` anew for every pair and walks its
    matching blocks through objects; here the index of ``b`` is cached (the same names and
    words come back) and the blocks' sizes are only added up. The blocks are difflib's: the
    longest match of each range, earliest in ``a`` then in ``b`` on ties, with no junk (with
    nothing junk, difflib's extension of a match over junk never applies).
    """
    length = len(a) + len(b)
    if not length:
        return 1.0
    positions = _positions(b)
    nothing: tuple[int, ...] = ()
    matched = 0
    ranges = [(0, len(a), 0, len(b))]
    while ranges:
        alo, ahi, blo, bhi = ranges.pop()
        best_i = best_j = size = 0
        run_at: dict[int, int] = {}  # j -> length of the match ending at a[i - 1], b[j]
        for i in range(alo, ahi):
            run_get = run_at.get
            runs: dict[int, int] = {}
            for j in positions.get(a[i], nothing):
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = runs[j] = run_get(j - 1, 0) + 1
                if k > size:
                    best_i, best_j, size = i - k + 1, j - k + 1, k
            run_at = runs
        if size:
            matched += size
            if alo < best_i and blo < best_j:
                ranges.append((alo, best_i, blo, best_j))
            if best_i + size < ahi and best_j + size < bhi:
                ranges.append((best_i + size, ahi, best_j + size, bhi))
    return 2.0 * matched / length


@lru_cache(maxsize=1 << 14)  # the second strings are directory names and words, met again and again
def _positions(b: str) -> dict[str, list[int]]:
    """Where each character stands in ``b``, in order (difflib's ``b2j`` without junk)."""
    positions: dict[str, list[int]] = {}
    for j, ch in enumerate(b):
        positions.setdefault(ch, []).append(j)
    return positions


class LetterCounts:
    """Letter counts of a fixed set of strings' prefixes as bit masks, for ``similarity_at_least``.

    Each letter has a slot of ``width`` bits; a string's count ``k`` of it sets the slot's ``k``
    low bits. Two masks ANDed then hold, per letter, the smaller count: ``shared`` is one
    popcount instead of a loop over letters. Why: a directory's names are compared with many
    texts, each against a prefix of every name of the same initial.
    """

    def __init__(self, names: Iterable[str]) -> None:
        names = list(names)
        self.width = max(map(len, names), default=0) + 1
        self.slots = {ch: i * self.width for i, ch in enumerate(sorted(set("".join(names))))}
        self.prefixes: dict[str, tuple[int, ...]] = {}
        for name in names:
            masks, seen, mask = [0], {}, 0
            for ch in name:
                mask |= 1 << (self.slots[ch] + seen.get(ch, 0))
                seen[ch] = seen.get(ch, 0) + 1
                masks.append(mask)
            self.prefixes[name] = tuple(masks)

    def mask(self, text: str) -> int:
        """The mask of any text (letters no name has are left out: they match nothing)."""
        mask = 0
        for ch in set(text):
            slot = self.slots.get(ch)
            if slot is not None:
                mask |= ((1 << min(text.count(ch), self.width)) - 1) << slot
        return mask

    def shared(self, mask: int, name: str, length: int) -> int:
        """How many letters a text (its ``mask``) shares with ``name[:length]``."""
        masks = self.prefixes[name]
        return (mask & masks[min(length, len(masks) - 1)]).bit_count()
