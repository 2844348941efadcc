"""Deadlines as printed (thời gian hoàn thành) -> a parsed form with a due date.

``parse_deadline(text)`` returns a dict ``{"kind", "due", "text", ...}`` or None for an empty
cell. Kinds:

- ``date``      "15/6/2025"                          due that day
- ``month``     "06/2025", "Tháng 9/2025"              due the month's last day
- ``quarter``   "Quý I/2026", "Quý 1/2026"             due the quarter's last day
- ``year``      "2026", "Năm 2025"                     due 31/12 of the year
- ``range``     "2025-2030", "2025 - 2026"             due 31/12 of the last year (``start``)
- ``recurring`` "Hằng tháng", "Hàng năm", "Quý I hằng năm", "Định kỳ theo Đề án" (``cadence``)
- ``continuous`` "Thường xuyên", "Nhiệm vụ thường xuyên"
- ``event``     "Ngay sau khi Trung ương ban hành", "Theo kế hoạch của Bộ Quốc phòng"
- ``unknown``   anything else (kept as printed)

A first term followed by "và thường xuyên" / "và những năm tiếp theo" keeps the first term's
kind and due date and sets ``then`` to "continuous" or "recurring": the task is due then and
continues. Matching is on folded text, so OCR'd text without marks parses too ("Quy 1/2026",
"Thuong xuyen", "Hang nam").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Any

from theodoi.ingest.text import collapse_spaces, fold

_ROMAN_QUARTER = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "l": 1,
    "ll": 2,
    "lll": 3,
}
_YEAR = r"(20\d\d|19\d\d)"
_DATE = re.compile(rf"^(?:ngay\s*)?(\d{{1,2}})\s*[/.-]\s*(\d{{1,2}})\s*[/.-]\s*{_YEAR}\b")
_MONTH = re.compile(rf"^(?:thang\s*)?(\d{{1,2}})\s*[/.-]\s*{_YEAR}\b")
_QUARTER = re.compile(rf"^quy\s*(iv|i{{1,3}}|l{{1,3}}|[1-4])\s*(?:/|-|nam)\s*{_YEAR}\b")
_RANGE = re.compile(rf"^(?:giai doan\s*|nam\s*|tu nam\s*)?{_YEAR}\s*(?:-|–|—|den|đen)\s*(?:nam\s*)?{_YEAR}\b")
_YEAR_ONLY = re.compile(rf"^(?:nam\s*|trong nam\s*|truoc nam\s*)?{_YEAR}\b")
_CADENCES = (
    ("hang tuan", "weekly"),
    ("hang thang", "monthly"),
    ("hang quy", "quarterly"),
    ("6 thang", "semiannual"),
    ("hang nam", "annual"),
    ("moi nam", "annual"),
)
_CONTINUOUS = ("thuong xuyen", "lien tuc", "hang ngay")
_EVENT = (
    "sau khi",
    "ngay khi",
    "khi co",
    "theo ke hoach",
    "theo chi dao",
    "theo tien do",
    "theo yeu cau",
    "khi ",
)
_THEN = re.compile(r"\bva\b.*?(thuong xuyen|nhung nam tiep theo|cac nam tiep theo|hang nam)")


def parse_deadline(text: str | None) -> dict[str, Any] | None:
    """Parse a printed deadline; return None for an empty cell, kind "unknown" if unreadable."""
    printed = collapse_spaces(text or "")
    key = fold(printed).strip(" .;,:")
    if not key:
        return None
    out: dict[str, Any] = {"text": printed}
    out.update(_first_term(key))
    then = _THEN.search(key)
    if then and out["kind"] in ("date", "month", "quarter", "year", "range"):
        out["then"] = "continuous" if then.group(1) == "thuong xuyen" else "recurring"
    return out


def _first_term(key: str) -> dict[str, Any]:
    if m := _DATE.match(key):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            return {"kind": "date", "due": dt.date(year, month, day).isoformat()}
    if m := _QUARTER.match(key):
        quarter, year = _ROMAN_QUARTER[m.group(1)], int(m.group(2))
        return {"kind": "quarter", "quarter": quarter, "due": _month_end(year, quarter * 3)}
    if m := _RANGE.match(key):
        start, end = int(m.group(1)), int(m.group(2))
        if start <= end:
            return {"kind": "range", "start": start, "end": end, "due": dt.date(end, 12, 31).isoformat()}
    if m := _MONTH.match(key):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return {"kind": "month", "due": _month_end(year, month)}
    if m := _YEAR_ONLY.match(key):
        return {"kind": "year", "due": dt.date(int(m.group(1)), 12, 31).isoformat()}
    if key.startswith("quy ") and ("hang nam" in key or "hang nam" in key):
        return {"kind": "recurring", "cadence": "annual"}
    for word, cadence in _CADENCES:
        if key.startswith((word, "dinh ky " + word)):
            return {"kind": "recurring", "cadence": cadence}
    if key.startswith("dinh ky"):
        return {"kind": "recurring", "cadence": "periodic"}
    if any(key.startswith((w, "nhiem vu " + w)) for w in _CONTINUOUS):
        return {"kind": "continuous"}
    if any(key.startswith(w) for w in _EVENT) or key.startswith(("ngay sau", "tiep theo")):
        return {"kind": "event"}
    return {"kind": "unknown"}


def _month_end(year: int, month: int) -> str:
    return dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()


# A deadline cell as the layout step sees it: a whole line that is only a deadline.
DEADLINE_LINE = re.compile(
    r"^(?:(?:thang|nam|quy\s*(?:iv|i{1,3}|[1-4]))\s*/?\s*)?"
    r"(?:\d{1,2}\s*/\s*)?(?:\d{1,2}\s*/\s*)?20\d\d(?:\s*[-–]\s*20\d\d)?"
    r"(?:\s*va\s+(?:thuong xuyen|nhung nam tiep theo|cac nam tiep theo|nang cap.*))?$"
    r"|^(?:nhiem vu\s+)?thuong xuyen$|^hang (?:thang|nam|quy|tuan)$|^quy\s*\S+\s*hang nam$"
)


@lru_cache(maxsize=1 << 15)
def is_deadline_text(text: str) -> bool:
    """Return True when ``text`` is, as a whole, a deadline cell ("12/2025", "Thường xuyên")."""
    key = fold(text).strip(" .;,:")
    if not key:
        return False
    if DEADLINE_LINE.match(key):
        return True
    parsed = parse_deadline(text)
    return bool(
        parsed
        and parsed["kind"] in ("event", "recurring")
        and len(key.split()) <= 20
        and key.startswith(("ngay sau", "sau khi", "ngay khi", "theo ke hoach", "theo chi dao", "dinh ky"))
    )


_TIDY = (
    (re.compile(r"quy\s*(iv|i{1,3}|[1-4])\s*/\s*(20\d\d)"), None),
    (re.compile(r"(?<![\d/])(\d{1,2}\s*/\s*\d{1,2}\s*/\s*20\d\d)"), None),
    (re.compile(r"(?<![\d/])(\d{1,2}\s*/\s*20\d\d)"), None),
    (re.compile(r"(?<!\d)(20\d\d\s*-\s*20\d\d)"), None),
)


def _joined_period(tail: str) -> str:
    """The phrase a date's deadline cell goes on with after it: "và thường xuyên", "và những
    năm tiếp theo"; "" when the words after the date hold neither (OCR may lose the "và")."""
    words = tail.split()
    # a lone "Thương" after the date, with neither "và" nor "xuyên", ends an agency's name
    # ("Sở Công" / "Thương") printed beside the date, not the deadline
    said = words[:1] == ["va"] or "xuyen" in words[:3]
    if "thuong" in words[:3] and "cong" not in words[:3] and said:
        return " và thường xuyên"
    if words[:1] == ["va"] and re.fullmatch(r"xuye{1,2}ng?", " ".join(words[1:2])):
        return " và thường xuyên"  # "thường" lost to a neighbour column: "12/2025 và" / "xuyeén"
    if "nhung" in words[:3] or " ".join(words[:3]).endswith("tiep theo"):
        return " và những năm tiếp theo"
    if re.match(r"va nang? cap\W* mo\b", " ".join(words)):  # the phrase told by its opening
        return " và nâng cấp, mở rộng thường xuyên"
    return ""


# A year OCR read without its decade digit ("205 và thường xuyên" for "2025 và ..."): three
# digits opening with "20", read as a year only where they open the deadline before "và".
_SHORT_YEAR = re.compile(r"^(20)(\d)(?=\s+(?:và|va)\b)", re.IGNORECASE)


def tidy_deadline(text: str | None) -> str | None:
    """Return the deadline an OCR'd cell most likely printed, taken out of surrounding debris.

    An interleaved OCR row gathers its deadline from line ends, so the cell may hold half a
    phrase ("Thường", "xuyên") or a neighbour's word ("08/2025 quy"). Dates and periods are
    taken as printed; the continuous and recurring phrases are written whole.
    """
    printed = collapse_spaces(text or "")
    key = fold(printed)
    if not key:
        return None
    first, _, rest = printed.partition(" ")
    if fold(first) == "xuyen" and rest and is_deadline_text(rest):
        # the end of the row above's "Thường xuyên" wrapped onto this row's first line
        return tidy_deadline(rest)
    for pattern, _ in _TIDY:
        m = pattern.search(key)
        if m:
            start, end = m.span()
            tail = key[end:]
            rest = printed[start:end]
            rest += _joined_period(tail)
            if key[:start].rstrip().endswith("thang") and not rest.lower().startswith("quy"):
                rest = "Tháng " + rest
            return rest[:1].upper() + rest[1:]
    year = re.search(r"(?<!\d)(20\d\d)(?!\d)", key)
    if year and _joined_period(key[year.end() :]):
        prefix = "Năm " if key[: year.start()].rstrip().endswith("nam") else ""
        return prefix + year.group(1) + _joined_period(key[year.end() :])
    if quarter := re.search(r"\bquy\s+(iv|i{1,3}|[1-4])\s+h[aă]ng\s+nam\b", key):
        return "Quý " + quarter.group(1).upper() + " hằng năm"
    words = set(re.findall(r"[a-z]+", key))
    # "Năm 2025 Thương": a lone "Thương" after the date ends an agency's name ("Sở Công Thương")
    lone = year is not None and not words & {"va", "xuyen", "xuyeng"} and not re.match(r"\W*thuo", key)
    if (short := _SHORT_YEAR.match(key)) and words & {"thuong", "thuon", "xuyen"}:
        return short.group() + " và thường xuyên"  # its decade digit from the table's years (below)
    if words & {"thuong", "xuyen", "thuon", "xuyeng"} and not words & {"cong"} and not lone:  # OCR: "Thuon"
        return "Nhiệm vụ thường xuyên" if "nhiem" in words else "Thường xuyên"
    if re.fullmatch(r"h[aeiou]n[ge]?\s+nam\W*", key) and printed[:1] == "H":
        return "Hằng năm"  # OCR's "Hine năm", "Hing năm": the recurring phrase, marks lost
    if "hang" in words or "hangnam" in words:
        if "thang" in words:
            return "Hằng tháng" if "hằng" in printed.lower() else "Hàng tháng"
        if "nam" in words:
            return "Hằng năm" if "hằng" in printed.lower() else "Hàng năm"
    if m := re.search(r"(?<!\d)(20\d\d)(?!\d)", key):
        prefix = "Năm " if key[: m.start()].rstrip().endswith("nam") else ""
        suffix = " và thường xuyên" if re.match(r"\s*va\b", key[m.end() :]) and "thuong" in key else ""
        return prefix + m.group(1) + suffix
    return printed


_TABLE_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def repair_past_years(deadlines: list[str | None]) -> list[str | None]:
    """Rewrite an OCR'd deadline year the scan pushed into a past decade ("12/2008", "2025-2007").

    A plan's deadlines fall in the years it plans for, so one table's years share a decade;
    OCR reads the decade's "2" as "0" ("2028" -> "2008"). A year earlier than the decade most
    of the table's years print (three at least) takes that decade with its own last digit.
    Later years ("2030" in a 2020s table) are left alone: plans do plan ahead.
    """
    decades: dict[int, int] = {}
    for text in deadlines:
        for year in _TABLE_YEAR.findall(text or ""):
            decades[int(year) // 10] = decades.get(int(year) // 10, 0) + 1
    if not decades:
        return list(deadlines)
    decade, count = max(decades.items(), key=lambda item: item[1])
    if count < 3 or count * 2 <= sum(decades.values()):
        return list(deadlines)

    def repaired(m: re.Match[str]) -> str:
        year = int(m.group(1))
        return str(decade * 10 + year % 10) if year // 10 < decade else m.group(1)

    def filled(m: re.Match[str]) -> str:
        return str(decade * 10 + int(m.group(2)))

    return [_SHORT_YEAR.sub(filled, _TABLE_YEAR.sub(repaired, text)) if text else text for text in deadlines]
