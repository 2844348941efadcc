"""A long directory name wrapped down an agency cell, its pieces read into the name's lines.

An agency cell (cơ quan phối hợp, the partners') is narrow: a long directory name ("Các doanh nghiệp viễn thông, internet, công
nghệ thông tin") wraps over three or more lines, one piece a line, each on the same line as
a line of the name. Where OCR left no gap mark between the columns, the first column's cut
gives some pieces to the name ("... cơ quan, doanh nghiệp viễn thông," / "internet, công"),
often with a further column's words after them. Read up the row's lines, the pieces spell
the whole directory name, in order, one line after another, ending with a piece the other
columns hold: no name's own words do that. The pieces in the name's lines, and the words
right of them (further columns'), are the other columns'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.layout.interleaved.words import fold
from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY

_WORD = re.compile(r"\w+")
_MIN_WORDS = 5  # a directory name long enough to wrap over three lines of a narrow cell
_MIN_LINES = 3  # the pieces' lines: fewer may be the name's own words beside an agency's
_GAP = 2  # row lines between two pieces' lines (other cells wrap at other heights)
_NAME_RUN = 2  # words of a piece in a name line at least (one word, "các", may be the name's)
_AFTER = 3  # words right of a piece in a name line (a further column's: output, deadline)


@lru_cache(maxsize=1)
def _directory_words() -> tuple[tuple[str, ...], ...]:
    """The long directory names' folded words."""
    names = {tuple(_WORD.findall(fold(name))) for name in AGENCY_DIRECTORY}
    return tuple(sorted(words for words in names if len(words) >= _MIN_WORDS))


def _keys(text: str) -> list[str]:
    """Each token's folded letters ("" for a mark standing alone)."""
    return ["".join(_WORD.findall(fold(token))) for token in text.split()]


def directory_chain_cuts(
    parts: Sequence[tuple[int, str]], fragments: Sequence[tuple[int, Sequence[str]]]
) -> dict[int, tuple[int, int]]:
    """Where a wrapped directory name's pieces stand in the name's lines: line number ->
    (first token, token after the piece).

    ``parts`` are the name's (line number, words), ``fragments`` the other columns' pieces a
    line. A chain starts at the other columns' piece opening with a directory name's last
    words and goes up the row's lines, each (at most ``_GAP`` lines apart) holding the
    words just before, followed by at most ``_AFTER`` words (a further column's), in an
    other-column piece or in a name line. It must spell the whole name over ``_MIN_LINES``
    lines at least, one piece in a name line at least (``_chain_up`` takes the reading over
    most lines).
    """
    named = {number: _keys(text) for number, text in parts}
    pieces = {number: [_keys(piece) for piece in row] for number, row in fragments}
    lines = sorted(set(named) | set(pieces))
    # each piece's words (marks standing alone left out), read once for all the names
    found_at = [
        (at, tuple(k for k in keys if k))
        for at, number in enumerate(lines)
        for keys in pieces.get(number, [])
    ]
    cuts: dict[int, tuple[int, int]] = {}
    for words in _directory_words():
        for at, found in found_at:
            for j in range(1, len(words) - 1):
                if found[: len(words) - j] != words[j:]:
                    continue
                chain = _chain_up(words, j, at, lines, named, pieces)
                if chain is None or len(chain) + 1 < _MIN_LINES:
                    continue
                for line, span in chain.items():
                    if span is not None:
                        cuts[line] = min(cuts.get(line, span), span)
    return cuts


def cut_directory_chains(
    parts: Sequence[tuple[int, str]], cuts: dict[int, tuple[int, int]]
) -> tuple[list[tuple[int, str]], list[tuple[int, list[str]]]]:
    """The name's parts without the words from each line's cut on, and those words (line
    number, the piece and the further column's words right of it). The name's other repairs only take lines or line ends off, so the cuts
    found on the name's lines as first read still stand."""
    kept, taken = [], []
    for number, text in parts:
        tokens = text.split()
        start, end = cuts.get(number, (len(tokens), len(tokens)))
        if start:
            kept.append((number, " ".join(tokens[:start])))
        if start < len(tokens):
            pieces = [" ".join(tokens[start:end]), " ".join(tokens[end:])]
            taken.append((number, [piece for piece in pieces if piece]))
    return kept, taken


def _chain_up(
    words: tuple[str, ...],
    j: int,
    at: int,
    lines: Sequence[int],
    named: dict[int, list[str]],
    pieces: dict[int, list[list[str]]],
) -> dict[int, tuple[int, int] | None] | None:
    """The lines above ``lines[at]`` holding ``words[:j]`` piece by piece, bottom up: each
    line's piece in the name's tokens (None for an other-column piece), or None if none do.

    Of several readings the one over most lines is taken: a narrow cell wraps its name a
    piece a line, and a reading with fewer, longer pieces has taken the name's own words
    beside a piece ("... cơ quan, doanh nghiệp" + "viễn thông,").
    """
    best: dict[int, tuple[int, int] | None] | None = None
    for up in range(at - 1, max(-1, at - 2 - _GAP), -1):
        number = lines[up]
        for i in range(j):
            run = list(words[i:j])
            options: list[tuple[int, int] | None] = []
            if any(_runs_in(keys, run, 1) for keys in pieces.get(number, [])):
                options.append(None)
            if number in named and len(run) >= _NAME_RUN:
                options.extend(_runs_in(named[number], run, 0))
            for option in options:
                rest = {} if i == 0 else _chain_up(words, i, up, lines, named, pieces)
                if rest is not None and (best is None or len(rest) + 1 > len(best)):
                    best = {number: option, **rest}
    return best


def _runs_in(keys: Sequence[str], run: Sequence[str], alone: int) -> list[tuple[int, int]]:
    """Where ``run`` stands (its first token, the token after it) in a line's tokens, with
    at most ``_AFTER`` words after it (a further column's); a run of ``alone`` words or fewer
    with none after it (one word, "các" or "ban", is a piece only at an other-column
    piece's end: elsewhere it is as likely any other words')."""
    out = []
    for start in range(len(keys)):
        found, k = [], start
        while k < len(keys) and len(found) < len(run):
            if keys[k]:
                found.append(keys[k])
            k += 1
        after = [key for key in keys[k:] if key]
        limit = 0 if len(run) <= alone else _AFTER
        if found == list(run) and keys[start] and len(after) <= limit:
            out.append((start, k))
    return out
