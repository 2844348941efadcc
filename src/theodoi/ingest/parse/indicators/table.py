"""Where the indicator table is and which of its lines are headers, noise or horizon rows.

The table opens at its appendix title ("PHỤ LỤC I ... CHỈ TIÊU") or, without one, at a header
row naming its columns, and ends at the next appendix or at "Nơi nhận". Keywords are matched on
both the restored and the raw text, since restoration may garble a heading word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.parse.indicators.numbering import CODE
from theodoi.ingest.text import fold


def line_keys(line: Line) -> tuple[str, str]:
    """The restored key and the raw one: restoration may garble a heading word."""
    return line.key, _fold_raw(line.raw)


@lru_cache(maxsize=65536)
def _fold_raw(raw: str) -> str:
    return fold(raw)


def _is_appendix(line: Line) -> bool:
    """An appendix heading: "PHỤ LỤC I", or "PHỤ LỤC I: DANH MỤC CHỈ TIÊU ..." on one line."""
    for k in line_keys(line):
        if re.match(r"^\W*ph\S{0,2}\s*l\S{0,2}c\b", k) and (
            len(k) < 30 or re.search(r"chi tieu|nhiem vu|danh muc|ke hoach", k)
        ):
            return True
    return False


def find_table(lines: Sequence[Line]) -> tuple[int, int] | None:
    """Return ``(start, end)`` of the indicator table, or None."""
    n = len(lines)
    start = None
    for i, line in enumerate(lines):
        if _is_appendix(line):
            title = " ".join(k for x in lines[i : i + 8] for k in line_keys(x))
            if "chi tieu" in title or ("chi ti" in title and "ket qua" in title):
                start = i + 1
                break
    if start is None:
        # No appendix title: a header row naming the indicator columns.
        for i, line in enumerate(lines):
            window = " ".join(x.key for x in lines[i : i + 6])
            if (
                len(line.key) < 80
                and ("chi tieu" in line.key or line.key in ("tt", "stt"))
                and "chi tieu" in window
                and ("don vi" in window or "theo doi" in window)
                and "nhiem vu" not in window
            ):
                start = i
                break
    if start is None:
        return None
    end = n
    for j in range(start + 1, n):
        if _is_appendix(lines[j]) or re.match(r"^\W*n\S{0,2}i\s+nh\S{0,2}n\b", lines[j].key):
            end = j
            break
    return start, end


def is_header_line(line: Line) -> bool:
    """True for a (repeated) header row of the table or one of its fragments."""
    if not line.key:
        return True
    return any(_is_header_key(key) for key in line_keys(line))


_HEADER_KNOWN = {
    "co", "quan", "chu", "tri", "theo", "doi", "ddi", "dbi", "dai", "tong", "hop", "danh", "gia", "gis",
    "yeu", "cau", "ket", "qua", "qui", "don", "vi", "tinh", "stt", "tt", "chi", "tieu", "by", "bo", "s",
    "o", "en", "a",
}  # fmt: skip


def _is_header_key(key: str) -> bool:
    if re.search(r"k\S{0,2}m theo k\S{0,2} ho\S{0,2}ch|/kh-ubnd ngay|^\W*ph\S{0,2} l\S{0,2}c\b", key):
        return True  # the next appendix's title block, or a page's running head
    if CODE.match(key):
        return False
    terms = ("chi ti", "don vi", "ket qu", "co quan", "chu tri", "theo d", "danh gi", "tong hop")
    if sum(1 for w in terms if w in key) >= 2:
        return True
    words = re.findall(r"[a-z]+", key)
    if not words:
        return False
    return len(words) <= 6 and sum(w in _HEADER_KNOWN for w in words) / len(words) >= 0.7


HORIZON = re.compile(r"(?:^|\W)[dđpbt]\S{0,2}n\s*(?:h\S{0,2}t\s*)?(?:n\S{0,2}m\s*)?(20\d\d)\b")


def horizon_of(line: Line) -> int | None:
    """The year of a horizon row ("Đến năm 2030", OCR'd "Dénnim 2030"), else None."""
    if len(line.key) > 60:
        return None
    for key in line_keys(line):
        m = HORIZON.search(key)
        if m:
            return int(m.group(1))
    return None


def is_noise(line: Line) -> bool:
    key = line.key
    if not key:
        return True
    letters = re.findall(r"[a-z]{2,}", key)
    return (not letters and not re.search(r"\d", key)) or bool(
        re.fullmatch(r"(?:s\S{0,2}|thoi gian ky)\s*:.*", key)
    )
