"""The target column (kết quả / mục tiêu): what reads as a target, and which of a row's
target fragments is its target.
"""

from __future__ import annotations

import re

from theodoi.ingest.normalise.targets import parse_target
from theodoi.ingest.parse.indicators.rows import Row
from theodoi.ingest.text import collapse_spaces, fold

_TARGET_TAIL = re.compile(
    r"(?:(?:≥|≤|>=|<=|>|<|=)\s*)?\d+(?:[.,]\d+)*\s*%?(?:\s*[-–]\s*\d+(?:[.,]\d+)*\s*%?)?"
    r"(?:\s+vi\S{0,2}t\s+nam)?$"
)


WORD_TARGETS = {"co": "Có", "khong": "Không", "bao dam": "Bảo đảm", "hoan thanh": "Hoàn thành", "dat": "Đạt"}


def target_like(text: str) -> bool:
    key = fold(text)
    if _TARGET_TAIL.search(key) and re.match(r"^\W*(?:≥|≤|>|<|=)?\s*\d", text.strip()):
        return True
    if key in WORD_TARGETS:
        return True
    return parse_target(text)[0] != "text"


def pick_target(row: Row) -> str | None:
    """The row's target: the numbered line's, else a comparison, else a number, else text."""
    found = [(p.target, bool(p.code)) for p in row.parts if p.target]
    if not found:
        return None
    number = re.compile(r"^\s*(?:≥|≤|>=|<=|>|<|=)?\s*\d")
    on_code = [t for t, c in found if c]
    signed = [t for t, _ in found if re.match(r"^\s*(?:≥|≤|>=|<=|>|<)\s*\d", t)]
    if on_code and (number.match(on_code[0]) or fold(on_code[0]) in WORD_TARGETS):
        if signed and not re.match(r"^\s*(?:≥|≤|>=|<=|>|<|=)", on_code[0]) and len(on_code[0]) <= 2:
            return signed[0]  # a one- or two-digit speck beside a comparison printed nearby
        return on_code[0]
    if signed:
        return signed[0]
    if on_code and re.match(r"^\s*(?:≥|≤|>|<)\S{1,3}$", on_code[0]):
        return on_code[0]  # ">0y": the sign survived on the row's line, the number did not
    text_parts = [t for t, _ in found if not number.match(t)]
    if any(len(t) > 12 for t in text_parts):
        # a number beside a text target is a stray (e.g. the end of an agency name)
        return collapse_spaces(" ".join(text_parts))
    numeric = [t for t, _ in found if number.match(t)]
    if numeric:
        return numeric[0]
    return collapse_spaces(" ".join(t for t, _ in found))
