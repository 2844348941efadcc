"""A deadline cell's "Tháng" wrapped above a month whose year OCR garbled or lost.

The deadline column is narrow, so "Tháng 08/2025" wraps: "Tháng" ends one line of the row and
the month the next. OCR may then garble the year past reading ("08/ OégS", "2 /202g5") or lose
it to the column's edge ("|, 7"). Such a month is still the cell's: it is carried down as
"Tháng 8/" for the plan's pass that gives a yearless month its neighbours' year
(``theodoi.ingest.normalise.month_years``). Only a capitalised month word (OCR slips allowed:
"Thén", "Than", "Théang") ending the line right above makes a bare number a month, so a name's
numbers stay where they are.
"""

from __future__ import annotations

import re
from itertools import pairwise

from theodoi.ingest.layout.interleaved.words import fold

# "Tháng" as OCR reads it: "Théang", "Thông", its g lost ("Thén", "Than").
_MONTH_WORD = re.compile(r"^th[a-z]{1,2}n(?:g)?[.,]?$")
# A month number ending a line, then maybe a slash and a garbled year (no four digits).
_YEARLESS_MONTH = re.compile(r"(?<![\w/.,])(0?[1-9]|1[0-2])\s*(?:/\s*(\S{0,6}))?$")


def yearless_month(text: str) -> tuple[str, str] | None:
    """(the line's rest, "Tháng M/") when the line ends with a month its year unread, else None."""
    key = fold(text)
    m = _YEARLESS_MONTH.search(key)
    if m is None or len(key) != len(text) or (m[2] and re.search(r"\d{4}", m[2])):
        return None
    return text[: m.start()].rstrip(" |,"), f"Tháng {m[1]}/"


def join_yearless_months(texts: dict[int, str]) -> dict[int, str]:
    """Carry a month word ending a line down onto the next line's yearless month number."""
    out = dict(texts)
    for above, below in pairwise(sorted(texts)):
        tokens = out[above].split()
        if len(tokens) < 2 or not tokens[-1][:1].isupper() or not _MONTH_WORD.match(fold(tokens[-1])):
            continue
        found = yearless_month(out[below])
        if found is None:
            continue
        out[above] = " ".join(tokens[:-1])
        out[below] = f"{found[0]} {found[1]}".strip()
    return out
