"""Of the directory names an OCR'd agency cell could open with, the one it holds more words of.

``directory_name_in`` scores each directory name by the share of its words the cell holds in
order; a short name wins on share with few words ("Sở Công Thương", two of three, from "Sở
phương Công nghệ") over a longer one the same words begin and the cell goes on to spell ("Sở
Khoa học và Công nghệ": "Sở", "Công", "nghệ"). A cell's words are read once: when another
name holds every word the best one was read from, in order, and more of the cell's words
besides, the cell spells that name, its words the short name's and more; it goes first.
Named agencies only: a collective's list words ("ngành, địa phương") run on into its
neighbours' cells, so holding more of them tells nothing.

A cell's words are read near one another, but a garbled cell spreads a name's last word
further down among the other columns' debris ("Số K10 càng © SỞ, địa phương LÀ nghệ": "nghệ"
six words after "càng"). When no name holds more of the cell's words nearby, the cell is read
again with no bound on the distance (``far``): a name holding the best one's words and
more, anywhere further on, goes first; the best one's own missing words are nowhere in the
cell ("Thương"), so the longer name is the likelier reading of the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from theodoi.ingest.normalise.agencies import is_collective
from theodoi.ingest.parse.faint_words import another_word, directory_words, word_like


def fuller_first(
    scored: Sequence[tuple[float, int, str]],
    hits: Mapping[str, Sequence[str]],
    sizes: Mapping[str, int],
    far: Callable[[str], Sequence[str]] | None = None,
) -> list[tuple[float, int, str]]:
    """``scored`` (share, words found, name; best first) with the name whose found words
    (``hits``: every name the text opens with; ``sizes``: its word count) hold the best
    one's in order and more put first, its share the best one's at least; unchanged when
    none does. ``far``: a name's words found in order anywhere in the text, asked when no
    name holds more nearby and the best one is not whole."""
    out = list(scored)
    if not out or is_collective(out[0][2]):
        return out  # a collective's words run into its neighbours' ("địa phương"): no telling
    best = hits.get(out[0][2], ())
    fuller = _fuller(hits, best)
    if not fuller and far is not None and out[0][0] < 1.0:
        best_far = len(far(out[0][2]))
        fuller = _fuller({name: far(name) for name in hits}, best, best_far)
    if not fuller:
        return out
    found, name = max(fuller, key=lambda s: (s[0], s[0] / sizes[s[1]]))
    share = found / sizes[name]
    # read from every word the best one was read from and more: at least as sure
    return [(max(share, out[0][0]), found, name), *(s for s in out if s[2] != name)]


def fuller_read(
    scored: Sequence[tuple[float, int, str]], hits: Mapping[str, Sequence[str]], words: Sequence[str]
) -> list[tuple[float, int, str]]:
    """``fuller_first`` for a cell's folded ``words`` (``hits``: the names they open, each
    with its words found nearby), read again at any distance when need be."""
    targets = {e: t for t, e in directory_words() if e in hits}
    sizes = {e: len(t) for e, t in targets.items()}
    return fuller_first(scored, hits, sizes, lambda e: words_anywhere(words, targets[e]))


def _fuller(hits: Mapping[str, Sequence[str]], best: Sequence[str], floor: int = 0) -> list[tuple[int, str]]:
    """(words found, name) of each named agency whose words hold ``best`` in order and more
    (more than ``floor`` too)."""
    return [
        (len(words), name)
        for name, words in hits.items()
        if len(words) > max(len(best), floor) and not is_collective(name) and _holds(words, best)
    ]


def _holds(words: Sequence[str], part: Sequence[str]) -> bool:
    """Whether ``part``'s words stand in ``words`` in order."""
    rest = iter(words)
    return all(w in rest for w in part)


def words_anywhere(words: Sequence[str], target: Sequence[str]) -> list[str]:
    """``target``'s words found in order among ``words`` (folded; the first opens them), at
    any distance from one another: a garbled cell's last read of a name (``far``)."""
    found, at = [target[0]], 1
    for word in target[1:]:
        hit = next(
            (
                i
                for i in range(at, len(words))
                if word_like(words[i], word) and not another_word(words[i], word)
            ),
            None,
        )
        if hit is not None:
            found.append(word)
            at = hit + 1
    return found
