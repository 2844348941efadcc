"""A deadline month whose year OCR lost ("Tháng 8/") takes the year its neighbours print.

A plan's table lists its tasks' deadlines in runs of one year ("Tháng 06/2025", "Tháng
8/2025", "Năm 2025 và những năm tiếp theo"). When OCR garbled or lost a month's year, the
nearest dated deadlines above and below it tell the year: it is filled in only when every
year those two print is one and the same, so a month between two years stays as read.
"""

from __future__ import annotations

import re

from theodoi.ingest.normalise.deadlines import repair_past_years

_YEARLESS = re.compile(r"^(Tháng \d{1,2})/?$")
_YEAR = re.compile(r"(?<!\d)20\d\d(?!\d)")


def fill_month_years(deadlines: list[str | None]) -> list[str | None]:
    """Each yearless month ("Tháng 8/") completed with its neighbours' one year, if they agree."""
    years = [_YEAR.findall(text or "") for text in deadlines]
    out = list(deadlines)
    for i, text in enumerate(deadlines):
        m = _YEARLESS.match(text or "")
        if m is None:
            continue
        above = next((found for found in reversed(years[:i]) if found), [])
        below = next((found for found in years[i + 1 :] if found), [])
        told = set(above) | set(below)
        if len(told) == 1:
            out[i] = f"{m[1]}/{told.pop()}"
    return out


def repair_table_years(deadlines: list[str | None]) -> list[str | None]:
    """A table's deadlines with their lost years filled in and past decades repaired."""
    return repair_past_years(fill_month_years(deadlines))
