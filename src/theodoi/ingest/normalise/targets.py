"""Targets (kết quả / chỉ tiêu cần đạt): the printed cell -> comparison, value and upper bound.

A plan prints an indicator's target as ``≥ 80``, ``> 0,75`` (decimal comma), ``≤ 20 Việt Nam``
(a rank among provinces), ``16 - 18`` (a range), ``100``, ``04``, ``≥ 1.200`` (dot as thousands
separator), ``Có``, ``Bảo đảm`` or a sentence ("Đạt mức tiên tiến ..."). Prose objectives say the
same in words: "đạt trên 90%", "tối thiểu 30% GRDP", "ít nhất 03 tổ chức", "từ 50% trở lên",
"có 8 - 10 trung tâm", "từ 50 đến 60 dự án".

``parse_target`` returns ``(op, value, value_max)`` with op one of ``>= <= > < = range text``.
``repair_target`` undoes the OCR damage seen in scanned tables ("≥" read as ">", "=", "2"
glued to the number, "%" read as "/o", "Yo", "%o") so that the printed form is what the
original most likely showed; ``unit_hint`` names the unit a target carries ("≥ 3%" -> "%").
"""

from __future__ import annotations

import re

from theodoi.ingest.text import collapse_spaces, fold

# A number as printed: "80", "04", "0,75", "1.200" (thousands), "2.000", "0.7" (OCR'd comma).
_NUMBER = r"\d+(?:[.,]\d+)*"
_OPS = {
    "≥": ">=",
    ">=": ">=",
    "=>": ">=",
    "≤": "<=",
    "<=": "<=",
    "=<": "<=",
    ">": ">",
    "<": "<",
    "=": "=",
}
_SYMBOL = re.compile(rf"^\s*(≥|≤|>=|<=|=>|=<|>|<|=)\s*({_NUMBER})")
_RANGE = re.compile(rf"^\s*({_NUMBER})\s*%?\s*[-–—]\s*({_NUMBER})\s*%?(?:\s|$|/|[a-zA-Z%])")
_PLAIN = re.compile(rf"^\s*({_NUMBER})(?=\s|$|%|/|[^\d.,])")
# Words that state a comparison in prose, matched on folded text.
_WORD_OPS = (
    (re.compile(rf"\b(?:toi thieu|it nhat|tu)\s+({_NUMBER})\s*%?\s*tro len"), ">="),
    (re.compile(rf"\b(?:toi thieu|it nhat|khong it hon|khong duoi)\s+({_NUMBER})"), ">="),
    (re.compile(rf"\b(?:tren|hon|vuot)\s+({_NUMBER})"), ">"),
    (re.compile(rf"\b(?:toi da|khong qua|khong vuot qua)\s+({_NUMBER})"), "<="),
    (re.compile(rf"\b(?:duoi)\s+({_NUMBER})"), "<"),
    (re.compile(rf"\b(?:co|dat)\s+tu\s+({_NUMBER})"), ">="),
    (re.compile(rf"\b(?:dat|la|chiem|duy tri)\s+({_NUMBER})"), "="),
)


# A range inside a sentence: "có 8 - 10 trung tâm", "từ 50 đến 60 dự án", "70 - 90%".
_RANGE_IN_TEXT = re.compile(
    rf"(?<![\d.,/])(?:tu\s+)?({_NUMBER})\s*%?\s*(?:[-–—]|den)\s*({_NUMBER})(?![\d/])\s*(%?)"
)


def find_range(text: str) -> tuple[int, int, float, float, bool] | None:
    """Return the first range a sentence states: ``(start, end, low, high, percent)``.

    ``start`` is where the lower number begins and ``end`` where the range ends, in ``fold(text)``, which keeps the length of collapsed Vietnamese text. A
    period of years ("2026 - 2030") and a falling pair ("10 - 8") are not ranges.
    """
    key = fold(text)
    for m in _RANGE_IN_TEXT.finditer(key):
        low, high = parse_number(m.group(1)), parse_number(m.group(2))
        if low is None or high is None or low >= high:
            continue
        if 1900 <= low <= 2100 and 1900 <= high <= 2100 and float(low).is_integer():
            continue
        if re.search(r"\b(?:ngay|thang|nam|giai doan|quy)\s*$", key[: m.start()]):
            continue  # "ngày 10-12", "năm 2025 - 2026": dates and periods
        return m.start(1), m.end(), low, high, bool(m.group(3))
    return None


def parse_number(text: str) -> float | None:
    """Read a printed number: decimal comma ("0,75"), dot thousands ("1.200"), OCR'd dot ("0.7")."""
    text = text.strip()
    if not re.fullmatch(_NUMBER, text):
        return None
    if "," in text:
        # Vietnamese: comma is the decimal mark, dots group thousands.
        whole, _, frac = text.rpartition(",")
        return float(whole.replace(".", "") + "." + frac)
    if "." in text:
        parts = text.split(".")
        if all(len(p) == 3 for p in parts[1:]) and parts[0] != "0":
            return float("".join(parts))  # 1.200, 2.000
        if len(parts) == 2:
            return float(text)  # 0.7 where OCR read the comma as a dot
        return None
    return float(text)


def parse_target(text: str | None) -> tuple[str, float | None, float | None]:
    """Return ``(op, value, value_max)`` for a printed target; ``("text", None, None)`` if none."""
    if not text:
        return "text", None, None
    text = collapse_spaces(text)
    m = _SYMBOL.match(text)
    if m:
        value = parse_number(m.group(2))
        if value is not None:
            return _OPS[m.group(1)], value, None
    m = re.match(r"^\s*(≥|≤|>=|<=|>|<)\s*[^\d\s]", text)
    if m:
        return _OPS[m.group(1)], None, None  # the sign survived the scan, the number did not
    m = _RANGE.match(text + " ")
    if m:
        low, high = parse_number(m.group(1)), parse_number(m.group(2))
        if low is not None and high is not None and low < high:
            return "range", low, high
    m = _PLAIN.match(text)
    if m:
        value = parse_number(m.group(1))
        rest = fold(text[m.end() :])
        # "100", "04", "2", "100%", "1,0"; not "2025-2030" or "03 thành phố và thị xã" sentences
        if value is not None and (not rest or re.fullmatch(r"%?\s*[\w/ ()%]{0,20}", rest)):
            return "=", value, None
    # Prose: the comparison whose number comes first wins ("có từ 07 người ... trên 01 vạn
    # dân"); a range beats the comparison that opens it ("có từ 5 đến 7").
    key = fold(text)
    found = []
    for rank, (pattern, op) in enumerate(_WORD_OPS):
        m = pattern.search(key)
        if m and parse_number(m.group(1)) is not None:
            found.append((m.start(1), rank, op, parse_number(m.group(1))))
    span = find_range(text)
    if span is not None:
        found.append((span[0], -1, "range", (span[2], span[3])))
    if found:
        _start, _rank, op, value = min(found)
        if op == "range":
            return op, value[0], value[1]
        return op, value, None
    return "text", None, None


_PERCENT_OCR = re.compile(r"^(?:/o|%o|Yo|yo|°o|0/0|%0|Y0)$")


def repair_target(text: str | None, *, unit: str | None = None, ocr: bool = False) -> str | None:
    """Return the target as the original most likely printed it, undoing OCR damage.

    Scanned tables lose the comparison signs: "≥ 80" comes back as "> 80", ">80", "=80",
    "280" (the sign read as a "2") or "2 80". Clean text is returned unchanged apart from
    spacing ("≥80" -> "≥ 80").
    """
    if text is None:
        return None
    text = collapse_spaces(text)
    if not text:
        return None
    # A sign glued or spaced before the number: normalise spacing.
    text = re.sub(
        r"^(≥|≤|>=|<=|=>|=<)\s*(?=\d)",
        lambda m: {"≥": "≥", ">=": "≥", "=>": "≥"}.get(m.group(1), "≤") + " ",
        text,
    )
    if ocr:
        text = re.sub(r"^([<>])\s*(?=\d)", lambda m: ("≥" if m.group(1) == ">" else "≤") + " ", text)
    else:
        text = re.sub(r"^([<>])\s*(?=\d)", r"\1 ", text)
    # "=10" and "~ 30" in a scan are a "≥" whose strokes were lost.
    text = re.sub(r"^[=~]{1,2}\s*(?=\d)", "≥ ", text)
    if ocr:
        text = re.sub(r"^-\s?(?=\d)", "≥ ", text)  # "-1", "- 12": no plan sets a negative target
        text = re.sub(r"^>\s?~\s*(?=\d)", "≥ ", text)  # ">~ 15": the bar of "≥" read as "~"
        text = _digits_from_letters(text)
    if ocr and re.fullmatch(r"2\s\d+(?:[.,]\d+)*", text):
        return "≥ " + text[2:]  # "2 600": the "≥" read as a "2"
    unit_key = fold(unit or "")
    m = re.fullmatch(r"2\s?(\d{2})", text)
    if m and unit_key.startswith("%") and 100 < int(text.replace(" ", "")) < 300:
        # "250" for a percentage: the "≥" was read as a "2".
        return "≥ " + m.group(1)
    # Ranges: "16-18" and "16 - 18" are both printed; keep them as they are.
    return text


# Letters a scan prints for digits; after a comparison sign a target cell holds a number.
_DIGIT_LOOKALIKES = {
    "o": "0", "d": "0", "p": "0", "q": "9", "l": "1", "i": "1", "z": "2", "s": "5", "b": "6", "g": "8",
}  # fmt: skip


def _digits_from_letters(text: str) -> str:
    """Read the number a scan printed with letters after a comparison sign.

    ">gỡ" is "≥ 80", ">gs" "≥ 85", "≥ 9p" "≥ 90": after a sign, a short token made only of
    digits and letters that look like digits is the number. Anything else is left as printed.
    """
    m = re.fullmatch(r"([≥≤<>])\s*(\S{1,4})", text)
    if m is None or not re.search(r"[^\W\d_]", m.group(2)):
        return text
    digits = "".join(ch if ch.isdigit() else _DIGIT_LOOKALIKES.get(ch, "?") for ch in fold(m.group(2)))
    if "?" in digits or len(digits) != len(m.group(2)) or (digits[0] == "0" and not m.group(2)[0].isdigit()):
        return text  # a "0" read into a speck at the front (">o5") is too unsure to take
    sign = {">": "≥", "<": "≤"}.get(m.group(1), m.group(1))
    return f"{sign} {digits}"


def unit_hint(target: str | None) -> str | None:
    """Return the unit a target carries in itself ("≥ 3%" -> "%", "30% GRDP" -> "% GRDP")."""
    if not target:
        return None
    m = re.search(rf"{_NUMBER}\s*(%(?:\s*GRDP)?)", target)
    if m:
        return collapse_spaces(m.group(1))
    return None


def is_percent_ocr(token: str) -> bool:
    """True for the ways OCR prints a lone "%" in a table ("/o", "Yo", "%o")."""
    return bool(_PERCENT_OCR.match(token.strip()))
