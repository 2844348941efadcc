"""An open-ended collective a partners' list closes on, read through its wrapped qualifier.

A partners' cell often closes on a collective of its own wording after a list mark ("Sở Khoa
học và Công nghệ; các doanh nghiệp, đơn vị khoa học, công nghệ", "...; các tổ chức, doanh
nghiệp liên quan"). No directory holds every such wording, so the directory readings stop
at its opening ("các doanh nghiệp") or miss it. In a narrow OCR'd column its words wrap one
short run a line among the other columns' words ("doanh nghiệp," / "đơn vị khoa" / "học,
công nghệ"). Read from a "các" right after a list mark ("phương; các"): the collective noun
that opens it (``_NOUNS``) on the rest of that line or anywhere on the next, then runs of
qualifier phrases (``_PHRASES``, lower-case): the one right after the noun, then on each next
line one opening a piece of the line (a cell's line stands apart from its neighbours), or
its first word completing a phrase wrapped from the line above. The reading ends on a line
with no such run, a capitalised word (another name), a list mark, or the row's end. A
"các" closing its line may also list a directory collective opening the next line and
closing on a list mark ("Công nghệ; các" / "địa phương; các"): a directory reading picks
the collective with the most words found after it and misses this short one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import is_collective, names_within
from theodoi.ingest.parse.faint_words import WORD_EDGE, directory_words, piece_starts
from theodoi.ingest.text import fold

# Nouns that open a collective of the list's own wording (its qualifier follows them).
_NOUNS = ("doanh nghiệp", "tổ chức", "đơn vị", "cơ quan", "cơ sở", "hợp tác xã", "cá nhân")
# Phrases that qualify such a collective (its field, its ties), and the nouns themselves.
_PHRASES = (
    *_NOUNS,
    "khoa học",
    "công nghệ",
    "công nghệ số",
    "công nghệ thông tin",
    "thông tin",
    "viễn thông",
    "internet",
    "đổi mới sáng tạo",
    "chuyển đổi số",
    "liên quan",
    "có liên quan",
    "trên địa bàn",
    "và",
)
_FOLDED = {tuple(fold(p).split()): p for p in _PHRASES}
_PREFIXES = {key[:k] for key in _FOLDED for k in range(1, len(key) + 1)}
_NOUN_KEYS = {tuple(fold(n).split()) for n in _NOUNS}
_FIRST_NOUN_WORDS = {key[0] for key in _NOUN_KEYS}
_MARKS = re.compile(r"[;.]$")
# How many fragment lines the reading may run over after the one its noun stands on.
_LINES = 5


def _word(token: str) -> str:
    return fold(token).strip(WORD_EDGE)


def _lower(token: str) -> bool:
    letters = re.sub(r"\W", "", token)
    return bool(letters) and not letters[0].isupper()


class _Reader:
    """Qualifier phrases read token by token, a phrase allowed to wrap onto the next line."""

    def __init__(self) -> None:
        self.phrases: list[str] = []  # as printed, "," kept after a phrase printed with it
        self.pending: tuple[str, ...] = ()
        self.comma = False
        self.done = False

    def _commit(self) -> None:
        self.phrases.append(_FOLDED[self.pending] + ("," if self.comma else ""))
        self.pending, self.comma = (), False

    def take(self, token: str) -> bool:
        """Read ``token``; False when it continues no phrase (the run on this line ends)."""
        word = _word(token)
        if not _lower(token) or not word:
            return False
        if (*self.pending, word) not in _PREFIXES:
            if self.pending not in _FOLDED or (word,) not in _PREFIXES:
                return False
            self._commit()
        self.pending += (word,)
        self.comma = token.rstrip(";.").endswith(",")
        if _MARKS.search(token):
            self.done = True
        return True

    def line_end(self) -> None:
        """A line's run ended: a complete phrase no longer one can go on is read."""
        if self.pending in _FOLDED and not any(
            p[: len(self.pending)] == self.pending and p != self.pending for p in _FOLDED
        ):
            self._commit()

    def finish(self) -> str | None:
        if self.pending in _FOLDED:
            self._commit()
        words = list(self.phrases)
        while words and fold(words[-1]).rstrip(",") == "va":
            words.pop()
        if not words or tuple(fold(words[0]).rstrip(",").split()) not in _NOUN_KEYS:
            return None
        return ("các " + " ".join(words)).rstrip(",")


def open_collective(fragments: Sequence[tuple[int, list[str]]], li: int, ti: int) -> str | None:
    """The collective a "các" at token ``ti`` of fragment line ``li`` opens (see the module)."""
    tokens = [" ".join(pieces).split() for _n, pieces in fragments]
    reader = _Reader()
    # The noun: right after "các", or anywhere on the next line (a neighbour's words after "các").
    start = None
    if ti + 1 < len(tokens[li]) and _word(tokens[li][ti + 1]) in _FIRST_NOUN_WORDS:
        start = (li, ti + 1)
    elif li + 1 < len(tokens):
        at = next(
            (k for k, t in enumerate(tokens[li + 1]) if _word(t) in _FIRST_NOUN_WORDS and _lower(t)), None
        )
        start = None if at is None else (li + 1, at)
    if start is None:
        return None
    lj, k = start
    while k < len(tokens[lj]) and reader.take(tokens[lj][k]) and not reader.done:
        k += 1
    for lk in range(lj + 1, min(len(tokens), lj + 1 + _LINES)):
        if reader.done:
            break
        line = tokens[lk]
        if reader.pending and line and reader.take(line[0]):
            k = 1
        else:
            reader.line_end()
            if reader.pending:
                break  # a phrase wrapped here is not completed: the cell's lines ended
            k = next(
                (s for s in sorted(piece_starts(fragments[lk][1])) if s < len(line) and reader.take(line[s])),
                None,
            )
            if k is None:
                break
            k += 1
        while not reader.done and k < len(line) and reader.take(line[k]):
            k += 1
        reader.line_end()
    if reader.pending and reader.pending not in _FOLDED:
        reader.pending = ()
    return reader.finish()


def listed_directory_collective(fragments: Sequence[tuple[int, list[str]]], li: int, ti: int) -> str | None:
    """The directory collective a "các" closing its fragment line lists on the next line.

    "Công nghệ; các" / "địa phương; các": the next line opens with the words of a directory
    collective after its "Các", side by side, its last word closing on a list mark (the
    list goes on after it): that collective, lower-case as listed. None otherwise.
    """
    tokens = [" ".join(pieces).split() for _n, pieces in fragments]
    if ti != len(tokens[li]) - 1 or li + 1 >= len(tokens):
        return None
    below = tokens[li + 1]
    words = [w for t in below for w in re.findall(r"\w+", fold(t))]
    for key, name in directory_words():
        rest = list(key[1:])
        if key[0] != "cac" or words[: len(rest)] != rest:
            continue
        spelled = 0
        for token in below:
            spelled += len(re.findall(r"\w+", fold(token)))
            if spelled == len(rest):
                if _lower(below[0]) and token.endswith((";", ",")):
                    return name[:1].lower() + name[1:]
                break
    return None


def _listed_openers(fragments: Sequence[tuple[int, list[str]]]) -> list[tuple[int, int]]:
    """Where a "các" stands right after a list mark ("phương; các")."""
    out = []
    for li, (_n, pieces) in enumerate(fragments):
        tokens = " ".join(pieces).split()
        for ti in range(1, len(tokens)):
            if tokens[ti] == "các" and tokens[ti - 1].endswith(";"):
                out.append((li, ti))
    return out


def with_open_collectives(
    support: list[str], lead: list[str], fragments: Sequence[tuple[int, list[str]]]
) -> list[str]:
    """The partners with each open collective the row lists (``open_collective``): one that
    reads a partner collective on ("các doanh nghiệp" to "các doanh nghiệp công nghệ số")
    takes its place; one neither cell reads in any part is added."""
    for li, ti in _listed_openers(fragments):
        found = open_collective(fragments, li, ti) or listed_directory_collective(fragments, li, ti)
        if found is None:
            continue
        shorter = next(
            (x for x in support if is_collective(x) and names_within(x, found) and fold(x) != fold(found)),
            None,
        )
        if shorter is not None and fold(found).startswith(fold(shorter).rstrip(",")):
            support = [found if x == shorter else x for x in support]
        elif not any(names_within(found, x) or names_within(x, found) for x in (*support, *lead)):
            support = [*support, found]
    return support
