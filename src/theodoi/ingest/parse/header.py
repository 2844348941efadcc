"""The header block of a plan: number, issuer, province, date, title, signer, documents cited.

A Vietnamese administrative document opens with the issuer ("ỦY BAN NHÂN DÂN / TỈNH BÌNH
ĐỊNH") beside the national motto, then "Số: 103/KH-UBND" and "Bình Định, ngày 01 tháng 6
năm 2025", then the kind ("KẾ HOẠCH") and the title block naming the documents it carries out.
It closes with the recipients ("Nơi nhận"), the signing authority ("TM. ỦY BAN NHÂN DÂN /
CHỦ TỊCH") and the signer's name. Scans damage all of these ("Sb: 103 /KH-UBND", "ngay 01
thing6 ndm 2025", "5 7-NQ/TW"), so every rule matches the folded key and tolerates OCR slips
in the fixed words; values are rebuilt in their canonical form (document codes, the province
from the list of provinces, ISO dates).

``parse_header(lines)`` takes the whole document and returns a ``DocumentHeader`` without
reporting duties (``parse_reporting`` reads those from the organisation section).
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.normalise.provinces import CITIES, PROVINCES
from theodoi.ingest.plan import DocumentHeader, Provenance
from theodoi.ingest.text import collapse_spaces, fold

logger = logging.getLogger(__name__)

_PROVINCE_KEYS = {fold(p): p for p in PROVINCES}

# Document-type and issuer abbreviations in their printed case ("32-CTR/TU" -> "32-CTr/TU").
_ABBREVIATIONS = {
    "ctr": "CTr", "qd": "QĐ", "ttg": "TTg", "ttr": "TTr", "hdnd": "HĐND", "bcd": "BCĐ",
    "nd": "NĐ", "tt": "TT", "ubnd": "UBND",
}  # fmt: skip
# Kinds of document a code names (the first part of "KH-UBND", "NQ/TW", "CTr/TU").
_KINDS = {"nq", "kh", "ctr", "qd", "ct", "tb", "kl", "cv", "tt", "nd", "hd", "bc", "da", "ttr", "qc"}

_CODE = re.compile(
    r"(?<![\w/])(\d(?:\s?\d){0,4})\s*([-/])\s*([A-Za-zĐđ]{1,4})\s*([-/])\s*([A-Za-zĐđ]{2,5}\d{0,2})(?![A-Za-z])"
)
_NUMBER_LINE = re.compile(
    r"^\W{0,3}s\S{0,2}\s*[:;.]?\s*(\d[\d ]{0,6})\s*([-/])\s*([a-z]+(?:\s*[-/]\s*[a-z]+)+)"
)
_DATE = re.compile(r"ngay\s*(\d{1,2})\s*th\w{0,4}\s*(\d{1,2})\s*n\w{0,3}m?\s*(\d{4})")
_NUMERIC_DATE = re.compile(r"ngay\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_CLAUSE = re.compile(r"[^.;]+")
_THIS_PLAN = re.compile(r"\b(?:ke hoach|quyet dinh) nay\b")
_REPEALED = re.compile(r"\b(?:bai bo|het hieu luc)\b")


@dataclass(frozen=True)
class DocumentCode:
    """A document code as printed in a plan ("57-NQ/TW", "103/KH-UBND")."""

    number: str
    kind: str
    issuer: str
    first_sep: str

    @property
    def text(self) -> str:
        second = "/" if self.first_sep == "-" else "-"
        return f"{self.number}{self.first_sep}{self.kind}{second}{self.issuer}"


def _abbrev(part: str) -> str:
    key = fold(part)
    return _ABBREVIATIONS.get(key, part.upper().replace("Đ", "Đ"))


def find_codes(text: str) -> list[tuple[DocumentCode, int, int]]:
    """Return the document codes in ``text`` with their spans, repaired to the printed form.

    OCR splits digits ("5 7-NQ/TW") and mixes separators; the code is rebuilt as
    number, kind and issuer joined by the separators the form of the number dictates:
    "57-NQ/TW" (Party documents: dash first) or "71/NQ-CP" (State documents: slash first).
    """
    out = []
    for m in _CODE.finditer(text):
        number = m.group(1).replace(" ", "").lstrip("0") or "0"
        if len(m.group(1).replace(" ", "")) > 1 and m.group(1).startswith("0"):
            number = m.group(1).replace(" ", "")  # "09-KH/TU", "03/NQ-CP": keep the printed zero
        kind, issuer = m.group(3), m.group(5)
        if fold(kind) not in _KINDS:
            continue
        first = m.group(2)
        # Party bodies (TW, TU, ĐU, HU) number with a dash first; State bodies with a slash.
        if fold(issuer) in {"tw", "tu", "du", "hu", "bcs"}:
            first = "-"
        elif first == "-" and fold(issuer) in {"cp", "ubnd", "ttg", "hdnd", "qh"}:
            first = "/"
        code = DocumentCode(number=number, kind=_abbrev(kind), issuer=_abbrev(issuer), first_sep=first)
        out.append((code, m.start(), m.end()))
    return out


def match_province(text: str) -> str | None:
    """Return the province ``text`` names (folded, tolerant of OCR slips), or None."""
    key = fold(text)
    key = re.sub(r"^(tinh|thanh pho|tp\.?)\s+", "", key).strip(" .,:;")
    if not key:
        return None
    if key in _PROVINCE_KEYS:
        return _PROVINCE_KEYS[key]
    best, best_ratio = None, 0.0
    for pk, name in _PROVINCE_KEYS.items():
        ratio = difflib.SequenceMatcher(None, key, pk).ratio()
        if ratio > best_ratio:
            best, best_ratio = name, ratio
    return best if best_ratio >= 0.8 else None


def province_prefix(text: str) -> str | None:
    """Return the province named by the first words of ``text`` ("binh pinh doc lap ...")."""
    words = re.findall(r"[\w-]+", fold(text))
    best, best_ratio = None, 0.0
    for n in (4, 3, 2, 1):
        if len(words) < n:
            continue
        key = " ".join(words[:n])
        for pk, name in _PROVINCE_KEYS.items():
            if abs(len(pk.split()) - n) > 0:
                continue
            ratio = difflib.SequenceMatcher(None, key, pk).ratio()
            if ratio > best_ratio + 1e-9:
                best, best_ratio = name, ratio
    return best if best_ratio >= 0.8 else None


@dataclass
class _Joined:
    """Lines joined into one string with the line each character came from."""

    text: str
    key: str
    starts: list[tuple[int, int]]  # (offset, line number)

    def lines_of(self, start: int, end: int) -> list[int]:
        return [
            n for off, n in self.starts if start <= off < end or (off <= start and self._end(off) > start)
        ]

    def _end(self, offset: int) -> int:
        for off, _ in self.starts:
            if off > offset:
                return off
        return len(self.text)


def join_lines(lines: Sequence[Line]) -> _Joined:
    """Join lines with spaces; ``key`` is the folded text with the same offsets."""
    parts, keys, starts, off = [], [], [], 0
    for line in lines:
        if not line.text:
            continue
        text = line.text
        key = fold(text)
        if len(key) != len(text):  # fold collapses spaces; text is already collapsed
            key = key.ljust(len(text))[: len(text)]
        starts.append((off, line.number))
        parts.append(text)
        keys.append(key)
        off += len(text) + 1
    return _Joined(" ".join(parts), " ".join(keys), starts)


def _number(lines: Sequence[Line]) -> tuple[str | None, int | None]:
    for line in lines[:15]:
        m = _NUMBER_LINE.match(line.key)
        text = line.text
        if not m:
            # restoration may garble the digits or the "Số:" word: read the raw line
            m, text = _NUMBER_LINE.match(fold(line.raw)), line.raw
        if not m:
            continue
        found = find_codes(text[m.start(1) :])
        if found:
            return found[0][0].text, line.number
        tail = re.sub(r"\s", "", m.group(3))
        return f"{m.group(1).replace(' ', '')}{m.group(2)}{tail.upper()}", line.number
    return _number_inside_a_line(lines)


# "Số: 123/KH-UBND" after other words: the scan read the date column before the number.
_NUMBER_INSIDE = re.compile(r"(?<!\w)[sS]\S{0,2}\s*:\s*(?=\d)")


def _number_inside_a_line(lines: Sequence[Line]) -> tuple[str | None, int | None]:
    """Return the number a header line prints after other words ("..., ngày 15 tháng 3 năm
    2025 Số: 123/KH-UBND"), read only with its colon and above the kind of document."""
    for line in lines[:15]:
        if re.fullmatch(r"\W*k\S{0,2}\s*hoach\W*", line.key):
            break
        for text in (line.text, line.raw):
            m = _NUMBER_INSIDE.search(text)
            found = find_codes(text[m.end() :]) if m else []
            if found and found[0][1] == 0:
                return found[0][0].text, line.number
    return None, None


def _date_in(key: str) -> dt.date | None:
    m = _DATE.search(key) or _NUMERIC_DATE.search(key)
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_and_place(lines: Sequence[Line]) -> tuple[dt.date | None, str | None, int | None]:
    for line in lines[:15]:
        key = line.key
        if re.fullmatch(r"\W*k\S{0,2}\s*hoach\W*", key):
            break  # the date is printed above the kind of document
        pos = key.find("ngay")
        if pos < 0:
            continue
        if not re.search(
            r"ngay\s*\S{0,3}\s*th\w{0,4}\s*\S{0,3}\s*n\w{0,3}m?\s*\d{4}", key
        ) and not _NUMERIC_DATE.search(key):
            continue
        # The place is the run of words just before ", ngày" (after the number or the motto).
        words = re.findall(r"[^\s,]+", line.text[:pos])
        place_words: list[str] = []
        for word in reversed(words):
            if re.search(r"[\d/:|]", word) or fold(word) in {"phuc", "phiic", "phic"}:
                break
            place_words.insert(0, word)
        place_text = " ".join(place_words[-4:]).strip(" ,.)(-|")
        # Digits are read from the raw line first: restoration may drop a digit glued to a word.
        date = _date_in(fold(line.raw)) or _date_in(key)
        return date, place_text or None, line.number
    return None, None, None


def _issuer(lines: Sequence[Line]) -> tuple[str | None, str | None, list[int]]:
    """Return (issuer kind, province named in the issuer block, lines) from the top lines."""
    kind, province, used = None, None, []
    for line in lines[:8]:
        key = line.key
        m = re.match(r"^\W*(uy ban nhan ?dan|ubnd)\b\s*", key)
        if m:
            kind = "UBND"
            used.append(line.number)
            key = key[m.end() :]  # "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ" on one line (a Word cell)
        m = re.match(r"^\W*t\w{0,2}nh\s+(uy|\S{0,2}y)\s+(.+?)(?:\s+dang cong san|$)", key)
        if m:
            kind = "Thành ủy" if re.match(r"^\W*thanh\b", key) else "Tỉnh ủy"  # a city's committee
            province = match_province(m.group(2)) or province
            used.append(line.number)
            continue
        m = re.match(r"^\W*(thanh pho|t\w{0,2}nh)\s+(.+)$", key)
        if m and not province:
            found = province_prefix(m.group(2))
            if found:
                province = found
                if line.number not in used:
                    used.append(line.number)
    return kind, province, used


def _title(lines: Sequence[Line]) -> tuple[str | None, list[int]]:
    start = None
    for i, line in enumerate(lines[:25]):
        if any(re.fullmatch(r"\W*k\S{0,2}\s*ho\S{0,2}ch\W*", k) for k in (line.key, fold(line.raw))):
            start = i + 1
            break
    if start is None:
        return None, []
    block: list[Line] = []
    for line in lines[start : start + 12]:
        if line.blank:
            if block:
                break
            continue
        text = line.text
        if block and block[0].text.isupper() and not text.isupper():
            break
        if block and (len(text) > 200 or re.match(r"^\W*(can cu|i\.|1\.)", line.key)):
            break
        block.append(line)
        if len(block) >= 8:
            break
    if not block:
        return None, []
    return collapse_spaces(" ".join(line.text for line in block)), [line.number for line in block]


def _signer(lines: Sequence[Line]) -> tuple[str | None, list[int]]:
    """Return the signer's name from the signature block after "Nơi nhận"."""
    name_word = r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]{0,7}"
    name_re = re.compile(rf"({name_word}(?:\s+{name_word}){{1,4}})\s*$")
    for i, line in enumerate(lines):
        if not re.match(r"^\W*n\S{0,2}i\s+nh\S{0,2}n\b", line.key):
            continue
        window = lines[i : i + 40]
        for j, cand in enumerate(window):
            if re.match(r"^\W*-?\s*l\S{0,2}u\s*[:;.]", cand.key):
                tail = re.split(r"[.:;)]\s*", cand.text)[-1]
                tail = re.sub(r"^[a-z]{1,3}\s+", "", tail)
                m = name_re.search(tail)
                if m and len(m.group(1).split()) >= 2:
                    return m.group(1), [cand.number]
                for after in window[j + 1 : j + 6]:
                    m = name_re.fullmatch(after.text.strip())
                    if m:
                        return m.group(1), [after.number]
        for cand in window:
            if cand.text.isupper() or cand.text.startswith("-"):
                continue
            m = name_re.fullmatch(cand.text.strip())
            if m and 2 <= len(m.group(1).split()) <= 5:
                return m.group(1), [cand.number]
        break
    return None, []


def _supersedes(joined: _Joined) -> tuple[list[str], list[int]]:
    out: list[str] = []
    used: list[int] = []
    for m in re.finditer(
        r"thay the\s+(?:cho\s+)?(?:cac\s+)?(ke hoach|quyet dinh|chuong trinh|van ban)", joined.key
    ):
        window_end = min(len(joined.text), m.end() + 120)
        for code, _start, e in find_codes(joined.text[m.end() : window_end]):
            if code.text not in out:
                out.append(code.text)
                used += joined.lines_of(m.start(), m.end() + e)
            break
    # Each stretch between "." and ";" is searched once: a pattern reaching across the stretch
    # ("[^.;]*...[^.;]*") is retried at every letter and takes a fifth of a second per plan.
    for m in _CLAUSE.finditer(joined.key):
        if not _THIS_PLAN.search(m.group()) or not _REPEALED.search(m.group()):
            continue
        for code, start, end in find_codes(joined.text[m.start() : m.end()]):
            if code.text not in out and fold(code.kind) != "nq":
                out.append(code.text)
                used += joined.lines_of(m.start() + start, m.start() + end)
    return out, sorted(set(used))


_PREAMBLE_LINES = 25
_NOT_CARRIED_OUT = {"ttr"}  # a proposal (tờ trình) the plan was drafted on


def _implements_in_preamble(
    lines: Sequence[Line], title_end: int, header: DocumentHeader
) -> tuple[list[str], list[int]]:
    """Return the documents the opening paragraph cites, for a title that names none.

    A title such as "Phát triển khoa học, công nghệ ... năm 2025" leaves the documents the
    plan carries out to the paragraph under it ("Thực hiện Nghị quyết số 57-NQ/TW ..."), which
    ends at the first numbered part ("I. MỤC TIÊU").
    """
    after = [line for line in lines if line.number > title_end][:_PREAMBLE_LINES]
    skip = {fold(c) for c in [header.number or "", *header.supersedes]}
    out: list[str] = []
    used: list[int] = []
    for line in after:
        if re.match(r"^\W*(?:i|1)\s*[.\-–)]\s*\S", line.key):
            break
        for code, _start, _end in find_codes(line.text):
            if fold(code.kind) in _NOT_CARRIED_OUT or fold(code.text) in skip or code.text in out:
                continue
            out.append(code.text)
            used.append(line.number)
    return out, used


def parse_header(lines: Sequence[Line]) -> DocumentHeader:
    """Read the header block, the title's documents and any superseded plan from ``lines``."""
    header = DocumentHeader()
    conf: dict[str, float] = {}
    source: list[int] = []
    if not lines:
        return header

    header.number, n = _number(lines)
    if header.number:
        conf["number"] = 0.9
        source.append(n)

    header.date, place, n = _date_and_place(lines)
    if n:
        source.append(n)
    conf["date"] = 0.9 if header.date else 0.0

    kind, issuer_province, used = _issuer(lines)
    source += used
    province = match_province(place) if place else None
    province = issuer_province or province
    header.province = province
    conf["province"] = 0.9 if province else 0.0
    if kind is None and header.number:
        suffix = fold(header.number.rsplit("/", 1)[-1])
        party = "Thành ủy" if province in CITIES else "Tỉnh ủy"
        kind = "UBND" if "ubnd" in suffix else (party if suffix == "tu" else None)
    if kind and province:
        unit = "thành phố" if province in CITIES else "tỉnh"
        header.issuer = f"UBND {unit} {province}" if kind == "UBND" else f"{kind} {province}"
        conf["issuer"] = 0.8
    else:
        conf["issuer"] = 0.0

    header.title, title_lines = _title(lines)
    source += title_lines
    conf["title"] = 0.8 if header.title else 0.0
    header.supersedes, used = _supersedes(join_lines(lines))
    source += used
    conf["supersedes"] = 0.8

    if header.title:
        codes = [c.text for c, _, _ in find_codes(header.title)]
        # The title names what the plan carries out; "thay thế ..." in a title is not that.
        replaced = {fold(c) for c in header.supersedes}
        header.implements = list(
            dict.fromkeys(c for c in codes if c != header.number and fold(c) not in replaced)
        )
    conf["implements"] = 0.8 if header.implements else 0.0
    if not header.implements and title_lines:
        header.implements, used = _implements_in_preamble(lines, title_lines[-1], header)
        source += used
        conf["implements"] = 0.5 if header.implements else 0.0

    header.signer, used = _signer(lines)
    source += used
    conf["signer"] = 0.5 if header.signer else 0.0

    header.provenance = Provenance(source_lines=sorted(set(source)), confidence=conf)
    return header
