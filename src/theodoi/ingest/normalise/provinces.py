"""The provinces and centrally-run cities: one list the header parser and the layout share.

The header names the plan's province ("Bình Định, ngày ..."), and the tables name agencies
after it ("UBND tỉnh Bình Định", "Báo Bình Định"): the column cuts must know a province's
words belong to the agency name they follow, not to the next column.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from functools import lru_cache

from theodoi.ingest.text import fold

# Provinces and centrally-run cities, before and after the 2025 mergers (tỉnh, thành phố).
PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Huế", "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Hồ Chí Minh",
)  # fmt: skip
CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}


@lru_cache(maxsize=1)
def province_words() -> frozenset[str]:
    """The folded words province names are made of ("binh", "dinh", "quang", "tri")."""
    return frozenset(w for name in PROVINCES for w in re.findall(r"[a-z]+", fold(name)))


@lru_cache(maxsize=1)
def _province_names() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(re.findall(r"[a-z]+", fold(name))) for name in PROVINCES)


def province_marks(words: Sequence[str]) -> list[bool]:
    """Mark the folded words that spell a whole province name in a row ("tinh binh dinh").

    Whole names only: a province's words alone are common ones ("nam" is also a year,
    "an", "hoa", "thanh" open many words), so one word on its own names nothing.
    """
    marks = [False] * len(words)
    for k in range(len(words)):
        if words[k] not in province_words():
            continue
        for name in _province_names():
            if tuple(words[k : k + len(name)]) == name:
                marks[k : k + len(name)] = [True] * len(name)
    return marks


def province_after_agency(
    words: Sequence[str], agency_words: Container[str], above: Sequence[str] = ()
) -> list[bool]:
    """Mark the folded words of a province name that ends an agency's ("bao binh dinh").

    The name must follow an agency word ("tinh", "bao"): on the line, or at its start one of
    ``above`` (the last words of agency cells begun on the lines above). Elsewhere a province
    is prose ("sản xuất tại Bình Định") and keeps its column.
    """
    marks = province_marks(words)
    named = [False] * len(words)
    for k, mark in enumerate(marks):
        if not mark:
            continue
        if k > 0 and marks[k - 1]:
            named[k] = named[k - 1]
        else:
            named[k] = any(w in agency_words for w in ([words[k - 1]] if k > 0 else above))
    return named
