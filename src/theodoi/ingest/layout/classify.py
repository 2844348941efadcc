"""Line classes the table step relies on: row numbers, section numerals, headers, page noise.

All tests run on ``Line.key`` (folded text), so they hold on restored and unrestored lines.
OCR prints the roman numerals with look-alikes ("Il", "IIl", "1I"), so these are read too.
"""

from __future__ import annotations

import re

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.token_pairs import paired_tokens

# A row number (TT) at the start of a line: "1", "1.", "39.1", "39.12", "8 .1", "1 |".
ROW_CODE = re.compile(r"^(\d{1,4}(?:\s?[.,]\s?\d{1,2}){0,2})\s*[.),]?(?=\s|$|[|\]}])[\s|\]}]*(.*)$")
# A roman numeral (section) at the start of a line: "I.", "II", "IV -", with OCR look-alikes.
ROMAN_CODE = re.compile(r"^([ivxl1]{1,5})\s*[.\-:)|]?(?=\s|$)\s*[|]?\s*(.*)$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}

# Page furniture that OCR and PDF text carry into the body.
_NOISE = re.compile(
    r"^(?:-\s*\d{1,3}\s*-|trang \d+|page \d+|s[oóố0]?\s*:\s*\d+/.*|thoi gian ky\s*:.*|\W{1,3}|\[\d{1,2}\].*)$"
)


def roman_value(token: str) -> int | None:
    """Return the value of a (possibly OCR-garbled) roman numeral, None if it is not one."""
    token = token.lower().replace("l", "i").replace("1", "i")
    if not token or any(c not in _ROMAN_VALUES for c in token):
        return None
    total, prev = 0, 0
    for char in reversed(token):
        value = _ROMAN_VALUES[char]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total if 0 < total <= 30 else None


def to_roman(value: int) -> str:
    """Return the roman numeral for 1..39."""
    out = ""
    for n, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= n:
            out += sym
            value -= n
    return out


def row_code(line: Line) -> tuple[str, str] | None:
    """Return (code, rest) when ``line`` opens with a row number such as "12." or "39.1"."""
    m = ROW_CODE.match(line.key)
    if not m:
        return None
    code = re.sub(r"\s", "", m.group(1)).replace(",", ".").rstrip(".")
    if re.fullmatch(r"(?:19|20)\d\d", code):  # a year, not a row number
        return None
    if any(len(part) == 0 for part in code.split(".")):
        return None
    return code, _rest_of(line.text, m.start(2)) if m.group(2) else ""


# A row number whose last digit OCR read as a letter ("9y |" for "92 |"), before a gap or text.
_GLUED_CODE = re.compile(r"^(\d{1,3})[a-z](?=\s|\|)[\s|]*(.*)$")


def glued_row_code(line: Line) -> tuple[str, str] | None:
    """Return (digits, rest) when ``line`` opens with digits and one letter ("9y |", "1o").

    OCR reads a row number's digit as a letter now and then; the digits left are a number
    with a digit lost, which the numbering skeleton accepts (as a repair) only where the
    expected number starts with them, between two good neighbours. Prose OCR prints the
    same shape ("1y nhà nước" for "lý"), so this is never a row number on its own.
    """
    m = _GLUED_CODE.match(line.key)
    if not m:
        return None
    return m.group(1), _rest_of(line.text, m.start(2)) if m.group(2) else ""


def section_code(line: Line) -> tuple[int, str] | None:
    """Return (value, rest) when ``line`` opens with a roman numeral such as "II." or "IV |".

    The restored text is tried first, then the raw text (restoration may turn a lone
    numeral into a word).
    """
    found = _section_code(line.text)
    if found is None and line.raw != line.text:
        found = _section_code(line.raw)
    return found


def _section_code(text: str) -> tuple[int, str] | None:
    raw = text.strip().lstrip(" |")
    m = re.match(r"^([IVXLl1]{1,5})\s*[.\-:)|]?(?=\s|$)\s*[|]?\s*(.*)$", raw)
    if not m:
        return None
    token = m.group(1)
    if token.isdigit():
        return None
    if not re.fullmatch(r"[IVXl1]+", token) and not (token.islower() and len(token) <= 3 and token != "l"):
        return None
    value = roman_value(token)
    if value is None:
        return None
    return value, m.group(2).strip()


def _rest_of(text: str, key_offset: int) -> str:
    """Map an offset in the folded key back to ``text`` (fold keeps one char per char)."""
    return text[key_offset:].strip(" |]}") if len(text) >= key_offset else ""


def is_noise(line: Line) -> bool:
    """Return True for page furniture: page numbers, signature stamps, lone punctuation."""
    return bool(_NOISE.match(line.key))


# A section numeral OCR read in lower case on the raw line ("v Phat trien" for "IV Phát
# triển"), then a capitalised word.
_DAMAGED_ROMAN = re.compile(r"^([ivx1l]{1,4})[.\-:)|]?\s+[|]?\s*(?=[A-ZĐ])(.*)$")


def damaged_section_code(line: Line) -> tuple[int, str] | None:
    """Return (value, rest) when the raw line opens with a lower-case roman numeral.

    OCR reads a heading's "IV" as "v" or "iv" and the restorer then makes a word of it
    ("vô Phát triển"), so ``section_code`` misses it and the heading is glued to a task's
    name. Only the raw line shows the numeral; ``rest`` is taken from the restored line,
    whose tokens match the raw ones one to one, to keep the diacritics. A lone letter opens
    cell debris just as often, so the caller takes this only as a heading where a title
    follows and the next section is due.
    """
    m = _DAMAGED_ROMAN.match(line.raw.strip().lstrip(" |"))
    if not m or not re.search(r"[ivx]", m.group(1)):
        return None
    value = roman_value(m.group(1))
    if value is None:
        return None
    raw_tokens, text_tokens = paired_tokens(line.raw, line.text)
    rest = m.group(2).strip()
    if len(raw_tokens) == len(text_tokens):
        rest = " ".join(text_tokens[len(raw_tokens) - len(rest.split()) :])
    return value, rest
