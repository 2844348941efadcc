"""A line's raw OCR tokens matched one to one with its restored tokens.

The layout and parse rules judge a restored word by the token OCR read for it (a lone letter
the restorer made a word of, debris it read as syllables), pairing the two lines token for
token. Restoration keeps a line's tokens but for one change: it puts back the gap OCR lost
between the words of a token run together ("Vanban," -> "Văn bản,", the restorer's glued
split; "Congantinh" -> "Cong an tinh", the directory names'). On such a line the raw token
is split the same way: each raw token is matched with the run of restored tokens whose
letters it spells (an alignment that costs the fewest letter edits), and cut where the
restored words end. Without this the rules skipped the whole line, and its debris stayed.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from theodoi.ingest.text import fold

# The most restored words one raw token may spell ("SoKhoahocva" -> "So Khoa hoc va").
MAX_PARTS = 4
# The share of a split token's letters restoration may have changed ("Dénnim" -> "Đến năm").
MAX_EDITS = 0.25


def paired_tokens(raw: str, text: str) -> tuple[list[str], list[str]]:
    """Return the whitespace tokens of ``raw`` and ``text``, the raw ones split where the
    restored line split a token into words, so that they pair one to one.

    A line whose restored tokens cannot be matched so (fewer than the raw ones, or a raw
    token spelling more than ``MAX_PARTS`` words) comes back with its tokens as they are.
    """
    tokens, words = _paired(raw, text)
    return list(tokens), list(words)


@lru_cache(maxsize=1 << 14)  # each rule asks again for the same line
def _paired(raw: str, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    tokens, words = tuple(raw.split()), tuple(text.split())
    extra = len(words) - len(tokens)
    if extra <= 0 or not tokens:
        return tokens, words
    groups = _align([_letters(t) for t in tokens], [_letters(w) for w in words], extra)
    if groups is None:
        return tokens, words
    out: list[str] = []
    at = 0
    for token, size in zip(tokens, groups, strict=True):
        out.extend(_cut(token, words[at : at + size]) if size > 1 else (token,))
        at += size
    return tuple(out), words


def _letters(token: str) -> str:
    return "".join(ch for ch in fold(token) if ch.isalnum())


def _align(tokens: list[str], words: list[str], extra: int) -> list[int] | None:
    """How many restored words each raw token spells: the split with the fewest letter edits
    between each raw token and its words run together (dynamic programming over the line)."""
    n = len(tokens)
    inf = float("inf")
    # best[i][j]: (cost, sizes) for the first i tokens matched with the first i + j words
    best: list[list[tuple[float, tuple[int, ...]]]] = [[(inf, ())] * (extra + 1) for _ in range(n + 1)]
    best[0][0] = (0.0, ())
    for i in range(n):
        for j in range(extra + 1):
            cost, sizes = best[i][j]
            if cost == inf:
                continue
            for more in range(min(MAX_PARTS - 1, extra - j) + 1):
                start = i + j
                joined = "".join(words[start : start + more + 1])
                edits = _edits(tokens[i], joined)
                if more and (len(tokens[i]) <= more or edits > len(joined) * MAX_EDITS):
                    continue  # the token does not spell the words: no split of it
                step = cost + edits
                if step < best[i + 1][j + more][0]:
                    best[i + 1][j + more] = (step, (*sizes, more + 1))
    cost, sizes = best[n][extra]
    return list(sizes) if cost < inf else None


@lru_cache(maxsize=1 << 14)
def _edits(a: str, b: str) -> int:
    """Levenshtein distance of two short strings."""
    if a == b:
        return 0
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _cut(token: str, words: tuple[str, ...]) -> tuple[str, ...]:
    """Cut ``token`` where its restored ``words`` end, the characters matched by their folded
    forms (restoration changes a letter now and then: "Dénnim" -> "Đến năm")."""
    source = fold(token)
    if len(source) != len(token):  # folding changed the length: compare as printed
        source = token
    target = "".join(fold(word) for word in words)
    gapless, at = [], 0  # where each word but the last ends in ``target``
    for word in words[:-1]:
        at += len(fold(word))
        gapless.append(at)
    matcher = SequenceMatcher(None, source.lower(), target.lower(), autojunk=False)
    cuts = [_map_back(matcher, end, len(source)) for end in gapless]
    pieces, start = [], 0
    for cut in cuts:
        cut = min(max(cut, start + 1), len(token) - 1)  # no piece is empty
        pieces.append(token[start:cut])
        start = cut
    pieces.append(token[start:])
    return tuple(pieces)


def _map_back(matcher: SequenceMatcher, end: int, limit: int) -> int:
    """The position in the raw token matching position ``end`` of the restored letters."""
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if j1 <= end <= j2:
            if tag == "equal":
                return i1 + (end - j1)
            return i2 if end == j2 else min(i1 + (end - j1), i2)
    return limit
