"""An event deadline's words read back through OCR's look-alikes.

An event deadline cell ("Sau khi Đề án được Chính phủ ban hành") opens at a row's line end
(the deadline column is the last one). OCR reads a mark into its "Sau" ("Sa}u khi") or a
space as an "l" ("Saulkhi"), and the cell's opening is then not found: its words fall into
the output. Only a capitalised "Sau" (a cell's first word) with at most one word after its
"khi" before the line's end is read back, so a name's words stay as printed. A word of the
cell OCR garbled past reading ("Sau khi DS án được") is read back where the event phrases
plans word their cells with (``EVENT_PHRASES``) fix it by the words either side of it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from theodoi.ingest.layout.interleaved.words import fold

# Event deadlines as plans word them.
EVENT_PHRASES = (
    "theo kế hoạch của",
    "theo chỉ đạo của",
    "sau khi có quyết định",
    "sau khi Đề án được ban hành",
    "sau khi chính sách được ban hành chính sách",
    "được phê duyệt",
    "Thủ tướng Chính phủ",
    "Trung ương",
)

_GARBLED_SAU_KHI = re.compile(r"(?<![\w/])Sa[^\w\s|]?u(?:\s+|l)?khi(?=(?:\s+[^\W\d_]+)?\s*$)")


def repair_event_opening(text: str) -> str:
    """ "... Sa}u khi DS" -> "... Sau khi DS", "... Saulkhi có" -> "... Sau khi có"."""
    return _GARBLED_SAU_KHI.sub("Sau khi", text)


@lru_cache(maxsize=1)
def _phrase_words() -> tuple[frozenset[str], dict[tuple[str, str], tuple[str, ...]]]:
    """The phrases' folded words, and for each pair of words one apart the printed words between."""
    known: set[str] = set()
    between: dict[tuple[str, str], set[str]] = {}
    for phrase in EVENT_PHRASES:
        printed = phrase.split()
        words = [fold(w) for w in printed]
        known.update(words)
        for k in range(1, len(words) - 1):
            between.setdefault((words[k - 1], words[k + 1]), set()).add(printed[k])
    return frozenset(known), {pair: tuple(sorted(found)) for pair, found in between.items()}


def mend_event_words(deadline: str) -> str:
    """ "Sau khi DS án được ..." -> "Sau khi Đề án được ...": a garbled word read from the phrases.

    A word of no event phrase, between two words that stand one apart in exactly one way in
    a phrase, is that phrase's word when its first letter is the phrase word's (OCR keeps a
    word's shape: "DS" for "Đề"). Other cells and words stay as read.
    """
    tokens = deadline.split()
    if not re.match(r"(?:sau|ngay|theo|khi)\b", fold(deadline)):
        return deadline
    known, between = _phrase_words()
    words = [fold(t).strip(".,;:") for t in tokens]
    for k in range(1, len(tokens) - 1):
        found = between.get((words[k - 1], words[k + 1]), ())
        if words[k] in known or len(found) != 1 or fold(found[0])[:1] != words[k][:1]:
            continue
        tokens[k] = found[0]
    return " ".join(tokens)
