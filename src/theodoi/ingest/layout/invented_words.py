"""Restored words no Vietnamese text uses: OCR debris the restorer dressed as a syllable.

The restorer's syllable inventory is generated (every onset, rhyme and tone the spelling
rules allow), so it can read a stray unmarked token as a syllable no word is made of: the
tail of a neighbouring column's "phương" cut to "huon" and read "huỗn", "en" read "ẽn",
"oanh" read "oãnh". Its language model's vocabulary, built from a Vietnamese word list and
plan texts, holds the syllables Vietnamese writing does use. A token OCR printed as plain
lower-case letters, to which the restorer only added marks, and whose reading that
vocabulary lacks, is no word of the line: a loan word the restorer leaves alone ("camera",
"logistics") and any marked or capitalised token are not judged. Nor is a two-letter token: mostly a piece of a
word of the cell's own that a stray mark split off ("Tf en" for "Triển"), whose letters still
match the word (three letters and more are mostly a whole token of another column).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.restore.syllables import fold_word

_EDGE = ".,;:()\"'“”‘’"


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str] | None:
    """The restorer's language model's words (lower-case), None without the model."""
    try:
        from theodoi.ingest.restore import default_restorer

        return frozenset(default_restorer().model.vocab)
    except (ImportError, OSError, ValueError):
        return None


def is_invented(token: str, restored: str, vocabulary: frozenset[str] | None = None) -> bool:
    """Whether ``restored``, the restorer's reading of the raw OCR ``token``, is a syllable it
    made up: the token is three or more plain lower-case letters a..z, the reading differs from it only by
    marks, and the vocabulary (the language model's, by default) lacks it."""
    vocabulary = _vocabulary() if vocabulary is None else vocabulary
    if vocabulary is None:
        return False
    bare, reading = token.strip(_EDGE), restored.strip(_EDGE)
    return (
        bool(re.fullmatch(r"[a-z]{3,}", bare))
        and reading != bare
        and fold_word(reading) == bare
        and reading.lower() not in vocabulary
    )


def invented_words(tokens: Sequence[str], restored: Sequence[str]) -> frozenset[str]:
    """The restored words of a line (tokens matched one to one) that ``is_invented`` judges."""
    if len(tokens) != len(restored):
        return frozenset()
    return frozenset(r for t, r in zip(tokens, restored, strict=True) if is_invented(t, r))
