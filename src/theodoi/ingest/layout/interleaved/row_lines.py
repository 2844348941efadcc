"""Small questions about a row's lines: whether its number stands alone, the text after it,
the non-blank lines around, and whether a line can open a task name.

Row spans, block rows and the first column's cut all ask them; they live apart so that those
modules do not import one another.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.layout.interleaved.words import _OPENERS, fold
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.layout.table import RowStart


def _is_alone(start: RowStart) -> bool:
    return not start.rest.strip(" .|")


def _nonblank(lines: Sequence[Line], lo: int, hi: int, skip: set[int] | frozenset[int] = frozenset()) -> int:
    return sum(1 for i in range(lo, hi) if lines[i].key and i not in skip)


def _previous_nonblank(
    lines: Sequence[Line], lo: int, i: int, skip: set[int] | frozenset[int] = frozenset()
) -> int | None:
    for j in range(i - 1, lo - 1, -1):
        if lines[j].key and j not in skip:
            return j
    return None


def _text_after_code(line: Line, is_code: bool) -> str:
    if not is_code:
        return line.text
    # a row number with a digit OCR read as a letter ("9y |") goes with its letter
    return re.sub(
        r"^\s*(?:\d{1,3}[a-z](?=[\s|])|[\dIVXl]{1,5}(?:\.\d{1,2})*)\s*[.)|]?\s*\|?\s*", "", line.text
    )


# A line opening with one capitalised word then a dash ("Vân - Quy Nhơn"): the second half of a
# place name joined by "-" ("Khu đô thị Long" / "Vân - Quy Nhơn"), carried on from the line above;
# a task name opens with a verb or a noun phrase, not with half of such a pair.
_PAIR_HALF = re.compile(r"^[^\W\d_]+\s+[-–]\s+[A-ZÀ-ỸĐ]")

# A line opening with a word of capitals then a lone letter ("AR A Lô, doanh nghiệp"): OCR's
# reading of a stamp or a cell border's smudge, not words; no task name opens with an
# abbreviation followed by a one-letter word.
_CAPS_DEBRIS = re.compile(r"^[A-ZÀ-ỸĐ]{2,}\s+[^\W\d_]\b")


def _name_like_start(text: str) -> bool:
    """A line that can open a task name: capitalised, long enough, not an agency or output."""
    text = text.strip(" |")
    if len(text) < 18 or not text[:1].isupper() or _PAIR_HALF.match(text) or _CAPS_DEBRIS.match(text):
        return False
    key = fold(text)
    if key.startswith(_OPENERS) and len(text) < 35:
        return False
    return bool(re.match(r"^[A-ZÀ-Ỹa-zà-ỹĐđ]{2,}", text))
