"""Debris words of an output span that are a compound's first syllable stay in the output.

The output's debris filter (``segmented._without_output_debris``) drops the words the raw OCR
shows as stray marks (``debris_words``: mixed case, odd marks). OCR also misreads a real
syllable that way ("thAm" for "thẩm", restored as such): dropping it cuts the output inside a
compound ("... có thẩm quyền" read "của quyền"). A debris word that the next word of the
span completes, by the restorer's trigram model (``fluency.COMPLETES``: a compound's second
syllable reads on that surely, "thẩm" / "quyền"), is the output's own word.
"""

from __future__ import annotations

from collections.abc import Sequence

from theodoi.ingest.layout.fluency import COMPLETES, reading_after


def compound_heads(words: Sequence[str], debris: frozenset[str]) -> set[int]:
    """The indexes of the debris words in ``words`` (an output span) whose next word completes
    them as a compound (reads at least ``COMPLETES`` after them)."""
    return {
        k
        for k, word in enumerate(words[:-1])
        if word in debris
        and words[k + 1] not in debris
        and reading_after([word], words[k + 1])[0] >= COMPLETES
    }
