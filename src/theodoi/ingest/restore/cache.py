"""The document cache: words a document restored with confidence, reused where it is damaged.

Administrative plans repeat their phrases ("hạ tầng", "cốt lõi", "nhất là", "đáp ứng") many
times. Where the scan was clean, or the context settled the word, the first pass is sure of
them; where the scan mangled a word past what the OCR channel proposes ("tﬁng", "15i", "13",
"ng"), the same neighbours in the same document point at the word it was. The cache keeps, for
every pair of adjacent words both decoded with a clear margin, which word followed which; the
second pass offers those neighbours as extra candidates for the unsure words between them
(see ``Restorer._proposals``), and the language model decides as usual.

A cache language model proper (Kuhn and De Mori, 1990: the cache's bigrams mixed into the
model's) was measured too and dropped: the first pass is sure of the wrong phrase as often as of
the right one ("chú trọng" pulled "tự chủ trong" along), and the two pair files gained nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from theodoi.ingest.restore.model import UNSEEN


class DocumentCache:
    """Which sure word followed which in a document, filed by the length of the word's letters
    (a damaged word is matched only against words of about its own length)."""

    __slots__ = ("followers", "leaders")

    def __init__(self) -> None:
        self.followers: dict[int, dict[int, set[int]]] = {}  # v -> length -> {w}
        self.leaders: dict[int, dict[int, set[int]]] = {}  # w -> length -> {v}

    @classmethod
    def build(
        cls, lines: Iterable[tuple[tuple[int, float], ...]], *, sure: float, length: Callable[[int], int]
    ) -> DocumentCache:
        """Collect the pairs of adjacent words both decoded with at least ``sure`` margin.

        ``lines`` holds per line the (word id, margin) of each token as the first pass chose them;
        ``length`` gives a word id's number of letters.
        """
        cache = cls()
        followers, leaders = cache.followers, cache.leaders
        sizes: dict[int, int] = {}  # word id -> length, asked once per word
        for words in lines:
            v = v_size = 0  # the word before, if it was sure (0: it was not)
            for w, sure_w in words:
                if w <= UNSEEN or not sure_w >= sure:  # (a NaN margin is not sure)
                    v = 0
                    continue
                w_size = sizes.get(w)
                if w_size is None:
                    w_size = sizes[w] = length(w)
                if v:
                    followers.setdefault(v, {}).setdefault(w_size, set()).add(w)
                    leaders.setdefault(w, {}).setdefault(v_size, set()).add(v)
                v, v_size = w, w_size
        return cache

    def __bool__(self) -> bool:
        return bool(self.followers)

    def neighbours(self, before: int, after: int, shortest: int, longest: int) -> set[int]:
        """Return the words of ``shortest`` to ``longest`` letters the document showed, surely,
        right after ``before`` or right before ``after``: what a damaged word between them may be."""
        found: set[int] = set()
        for by_length in (self.followers.get(before), self.leaders.get(after)):
            if by_length:
                for size in range(shortest, longest + 1):
                    found.update(by_length.get(size, ()))
        return found


def edits(a: str, b: str, limit: int) -> int:
    """Return the Levenshtein distance between two short strings, or ``limit + 1`` once it is
    sure to exceed ``limit`` (most pairs differ by more than one letter: they stop early)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if limit == 1:  # the common case, in one walk
        if len(a) == len(b):
            return min(sum(ca != cb for ca, cb in zip(a, b, strict=True)), 2)
        short, long_ = (a, b) if len(a) < len(b) else (b, a)
        i = 0
        while i < len(short) and short[i] == long_[i]:
            i += 1
        return 1 if short[i:] == long_[i + 1 :] else 2
    # What the two share at either end costs nothing: only the middle is weighed.
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a, b = a[head : len(a) - tail], b[head : len(b) - tail]
    if not a or not b:
        return min(max(len(a), len(b)), limit + 1)
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)
