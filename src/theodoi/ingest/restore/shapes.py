"""Letter shapes a scan splits or merges: what a word damaged past the channel may have read.

The learnt confusions (``Model.sub``, ``Model.sub2``) read a scan a character at a time, and the
near-syllable search (``Restorer._near``) allows one or two letters dropped, added or changed.
Printed letters that OCR breaks into two, or two it reads as one, cost that search two edits
each, so a word with such a slip and one more ("lfhal" for "khai", "nglilen" for "nghiên", "ndin"
for "năm") lies beyond it. The slips come from the letters' shapes, the same in every scan:

- "k" is a stem with an arm: its halves read "lf", "lc", "lk", and "kh" reads "fh";
- "h" is a stem with a hump: "li", "ln";
- "m" is two humps: "rn", "in", "nn";
- "d" is a bowl with a stem: "cl";
- "u" is two stems: "ii".

One letter read as another of its shape ("l" for "i") is one edit already, which the near
search weighs as it is. ``variants`` rewrites a damaged word's split or merged letters back,
one or two rewrites at most, so the near search can weigh the result (a rewrite costs one edit
where the plain search counts two: see ``Restorer._near``).
"""

from __future__ import annotations

# Scanned letters -> the clean letters of the same shape.
REWRITES = (
    ("lf", "k"),
    ("lc", "k"),
    ("lk", "k"),
    ("fh", "kh"),
    ("li", "h"),
    ("ln", "h"),
    ("rn", "m"),
    ("in", "m"),
    ("nn", "m"),
    ("cl", "d"),
    ("ii", "u"),
)
MAX_REWRITES = 2


def _once(word: str) -> list[str]:
    """Every string made by one rewrite of ``word``, left to right, rule by rule."""
    out = []
    for scanned, clean in REWRITES:
        start = word.find(scanned)
        while start >= 0:
            out.append(word[:start] + clean + word[start + len(scanned) :])
            start = word.find(scanned, start + 1)
    return out


def variants(key: str) -> dict[str, int]:
    """Return the letters ``key`` may have been before a scan broke their shapes, with the number
    of rewrites (``REWRITES``, ``MAX_REWRITES`` at most) made to get there; ``key`` itself with 0.

    In the order found (a dict: the same order whatever the process's string hash seed).
    """
    out = {key: 0}
    frontier = [key]
    for made in range(1, MAX_REWRITES + 1):
        found = []
        for word in frontier:
            for rewritten in _once(word):
                if rewritten not in out:
                    out[rewritten] = made
                    found.append(rewritten)
        frontier = found
    return out
