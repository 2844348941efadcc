"""Of the directory names an OCR'd agency cell could open with, the one it holds more words of.

``directory_name_in`` scores each directory name by the share of its words the cell holds in
order; a short name wins on share with few words ("Sở Công Thương", two of three, from "Sở
phương Công nghệ") over a longer one the same words begin and the cell goes on to spell ("Sở
Khoa học và Công nghệ": "Sở", "Công", "nghệ"). A cell's words are read once: when another
name holds every word the best one was read from, in order, and more of the cell's words
besides, the cell spells that name, its words the short name's and more; it goes first.
Named agencies only: a collective's list words ("ngành, địa phương") run on into its
neighbours' cells, so holding more of them tells nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from theodoi.ingest.normalise.agencies import is_collective


def fuller_first(
    scored: Sequence[tuple[float, int, str]], hits: Mapping[str, Sequence[str]], sizes: Mapping[str, int]
) -> list[tuple[float, int, str]]:
    """``scored`` (share, words found, name; best first) with the name whose found words
    (``hits``: every name the text opens with; ``sizes``: its word count) hold the best
    one's in order and more put first, its share the best one's at least; unchanged when
    none does."""
    out = list(scored)
    if not out or is_collective(out[0][2]):
        return out  # a collective's words run into its neighbours' ("địa phương"): no telling
    best = hits.get(out[0][2], ())
    fuller = [
        (len(words) / sizes[name], len(words), name)
        for name, words in hits.items()
        if len(words) > len(best) and not is_collective(name) and _holds(words, best)
    ]
    if not fuller:
        return out
    share, found, name = max(fuller, key=lambda s: (s[1], s[0]))
    # read from every word the best one was read from and more: at least as sure
    return [(max(share, out[0][0]), found, name), *(s for s in out if s[2] != name)]


def _holds(words: Sequence[str], part: Sequence[str]) -> bool:
    """Whether ``part``'s words stand in ``words`` in order."""
    rest = iter(words)
    return all(w in rest for w in part)
