"""The unit column (đơn vị tính): the canonical units plans print, matched on OCR'd text.

OCR'd units are matched fuzzily on ``fold``; a unit wrapped over lines is matched with its
spaces and signs squeezed out.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.text import close_matches, fold

# Units plans print (đơn vị tính), canonical spelling; OCR'd units are matched fuzzily on fold.
UNITS = (
    "%", "% GRDP", "% dân số", "%/năm", "% tổng chi NSNN", "Thứ bậc", "Người", "Người/vạn dân",
    "Doanh nghiệp", "Doanh nghiệp/1000 dân", "Số doanh nghiệp/1000 dân", "Tổ chức",
    "Tổ chức, doanh nghiệp", "Nhiệm vụ", "Bài", "Bài báo", "Đơn", "Công trình", "Dự án",
    "Sản phẩm", "Sáng kiến", "Sáng chế", "Sáng chế, giải pháp", "Vườn, Trung tâm", "Trung tâm",
    "Có/Không", "Bảo đảm/Không bảo đảm", "Hoàn thành/Không hoàn thành", "Điểm", "Điểm (khung 1,0)",
    "Điểm (khung 1.0)", "Đô thị", "Thành phố", "Cơ sở", "Triệu đồng",
    "Tỷ đồng", "Hệ thống", "Nền tảng", "Cơ sở dữ liệu", "Mô hình", "Chỉ số phát triển con người (HDI)",
)  # fmt: skip


UNIT_KEYS = {fold(u): u for u in UNITS}


_UNIT_WORDS = {w.strip(",()") for k in UNIT_KEYS for w in k.split() if len(w.strip(",()")) >= 2}


_PERCENT_TOKENS = {
    "%",
    "/o",
    "%o",
    "%0",
    "yo",
    "y0",
    "o",
    "o,",
    "0/0",
    "°o",
    "%,",
    "/0",
    "o/o",
    "0",
    "%o,",
    "z",
}


_RANK = re.compile(r"^th\S{0,2}\s+b\S{1,2}c$")


def unit_match(tokens: Sequence[str]) -> tuple[str, float] | None:
    """Return the canonical unit ``tokens`` spell, with a fuzzy score, or None."""
    if not tokens:
        return None
    return _unit_of(" ".join(tokens), len(tokens))


@lru_cache(maxsize=16384)
def _unit_of(text: str, count: int) -> tuple[str, float] | None:
    key = fold(text)
    if count == 1 and key.strip(",.") in _PERCENT_TOKENS:
        return "%", 0.8
    if _RANK.match(key):
        return "Thứ bậc", 0.9
    m = re.fullmatch(r"(?:%|/o|%o|yo|y0)\s*(.*)", key)
    if m and m.group(1):
        tail = UNIT_KEYS.get(fold("% " + m.group(1)))
        if tail:
            return tail, 0.85
        if re.fullmatch(r"\S*\s?grdp", m.group(1)):
            return "% GRDP", 0.9
    if key in UNIT_KEYS:
        return UNIT_KEYS[key], 1.0
    if count > 1 and not any(w.strip(",") in _UNIT_WORDS for w in key.split()):
        return None  # no word of any unit: not worth a fuzzy search
    if len(key) >= 5:
        cutoff = 0.85 if len(key) >= 6 else 0.8
        best = close_matches(key, [k for k in UNIT_KEYS if len(k) >= 5], n=1, cutoff=cutoff)
        if best:
            last, unit_last = key.split()[-1], best[0].split()[-1]
            if count > 1 and difflib.SequenceMatcher(None, last, unit_last).ratio() < 0.75:
                return None  # "cơ sở dữ liệu 0": the unit must end where the words end
            ratio = difflib.SequenceMatcher(None, key, best[0]).ratio()
            return UNIT_KEYS[best[0]], round(ratio, 3)
    return None


@lru_cache(maxsize=1)
def _units_squeezed() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for k, u in UNIT_KEYS.items():
        if len(k) >= 4:
            table.setdefault(re.sub(r"[^a-z0-9%/]", "", k), []).append(u)
    return table


def squeezed_unit(text: str) -> tuple[str, float] | None:
    key = re.sub(r"[^a-z0-9%/]", "", fold(text))
    if len(key) < 6:
        return None
    table = _units_squeezed()
    best = close_matches(key, list(table), n=1, cutoff=0.8)
    if not best:
        return None
    # units that differ only in punctuation ("khung 1,0" / "khung 1.0"): the printed one
    unit = max(table[best[0]], key=lambda u: difflib.SequenceMatcher(None, fold(u), fold(text)).ratio())
    return unit, difflib.SequenceMatcher(None, key, best[0]).ratio()
