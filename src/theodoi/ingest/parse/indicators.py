"""Indicators (chỉ tiêu): the appendix table in any of its layouts, or prose targets.

Plans give their indicators in one of three shapes:

- a table flattened one cell per line (TT / Chỉ tiêu / Đơn vị / Kết quả / Cơ quan chủ trì
  theo dõi, đánh giá), empty cells left out;
- an OCR'd table whose columns interleave: the row number, the start of the name, the unit,
  the target and the monitoring agency share one physical line, and the rest of the name (and
  of long cells) wraps onto the lines above and below;
- prose: bullets under "Đến hết năm 2025" headings ("- Có ≥ 15 doanh nghiệp ...").

The table is found by its appendix title or header ("chỉ tiêu" with "đơn vị" / "kết quả" /
"theo dõi"), horizons by "Đến năm 2030" rows, and rows by the TT numbering, accepted in
sequence (1, 2, 8, 8.1, 8.2, 9 ...) with repairs for the usual OCR slips ("83" for "8.3", a
row number lost or misread). Each physical line of an OCR'd row is split from the right by the
vocabulary of the columns: an agency head ("Sở ...", "Văn phòng", "Công an", "Ngân hàng" ...)
opens the agency cell, a comparison or number before it is the target, a unit word before that
the unit, and the rest is name. Lines between two numbered rows go to the row below from the
last one that opens a sentence (a capital letter), since an OCR'd row number sits on a middle
line of its row.

Every rule is about the form of these tables, never about a given plan's rows. Each indicator
carries its source lines and a confidence per field.
"""

from __future__ import annotations

import difflib
import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY, resolve_agency, split_agencies
from theodoi.ingest.normalise.targets import parse_target, repair_target, unit_hint
from theodoi.ingest.plan import Indicator, Provenance
from theodoi.ingest.text import collapse_spaces, fold

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------
# Vocabulary

# Units plans print (đơn vị tính), canonical spelling; OCR'd units are matched fuzzily on fold.
UNITS = (
    "%", "% GRDP", "% dân số", "%/năm", "% tổng chi NSNN", "Thứ bậc", "Người", "Người/vạn dân",
    "Doanh nghiệp", "Doanh nghiệp/1000 dân", "Số doanh nghiệp/1000 dân", "Tổ chức",
    "Tổ chức, doanh nghiệp", "Nhiệm vụ", "Bài", "Bài báo", "Đơn", "Công trình", "Dự án",
    "Sản phẩm", "Sáng kiến", "Sáng chế", "Sáng chế, giải pháp", "Vườn, Trung tâm", "Trung tâm",
    "Có/Không", "Bảo đảm/Không bảo đảm", "Hoàn thành/Không hoàn thành", "Điểm", "Điểm (khung 1,0)",
    "Điểm (khung 1.0)", "Đô thị", "Thành phố", "Cơ sở", "Triệu đồng",
    "Tỷ đồng", "Hệ thống", "Nền tảng", "Cơ sở dữ liệu", "Mô hình",
)  # fmt: skip
_UNIT_KEYS = {fold(u): u for u in UNITS}
_UNIT_WORDS = {w.strip(",()") for k in _UNIT_KEYS for w in k.split() if len(w.strip(",()")) >= 2}
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

_HORIZON = re.compile(r"(?:^|\W)[dđpbt]\S{0,2}n\s*(?:h\S{0,2}t\s*)?(?:n\S{0,2}m\s*)?(20\d\d)\b")
_CODE = re.compile(r"^(\d{1,3}(?:\s?[.,]\s?\d{1,2}){0,2})\s*[.)]?(?=\s|[|\]\[]|$)\s*[|\]]?\s*")
_ROMAN = re.compile(r"^([ivxl1]{1,4})\s*[.|)\-]?\s*(?:[|]\s*)?(?=\S|$)")
_TARGET_TAIL = re.compile(
    r"(?:(?:≥|≤|>=|<=|>|<|=)\s*)?\d+(?:[.,]\d+)*\s*%?(?:\s*[-–]\s*\d+(?:[.,]\d+)*\s*%?)?"
    r"(?:\s+vi\S{0,2}t\s+nam)?$"
)
_WORD_TARGETS = {"co": "Có", "khong": "Không", "bao dam": "Bảo đảm", "hoan thanh": "Hoàn thành", "dat": "Đạt"}

_DEPT_WORDS = {
    "khoa", "tai", "noi", "y", "xay", "giao", "cong", "nong", "van", "tu", "ngoai", "dan", "lao",
    "ke", "thong", "du", "quy", "khcn", "tc", "nv", "gd", "gddt",
}  # fmt: skip


@dataclass
class _Parts:
    """A physical line split into the columns of an indicator table."""

    code: str | None = None
    name: str = ""
    unit: str = ""
    target: str = ""
    lead: str = ""

    @property
    def has_row_cells(self) -> bool:
        return bool(self.unit or self.target or self.lead)


@dataclass
class _Row:
    code: str | None
    horizon: int | None
    group: str | None
    lines: list[Line] = field(default_factory=list)
    parts: list[_Parts] = field(default_factory=list)
    repaired: bool = False
    is_group: bool = False

    def column(self, name: str) -> str:
        return collapse_spaces(" ".join(getattr(p, name) for p in self.parts if getattr(p, name)))


# ---------------------------------------------------------------------------------------
# Entry point


def parse_indicators(lines: Sequence[Line]) -> list[Indicator]:
    """Return the plan's indicators in document order: from its indicator table, else prose."""
    region = _find_table(lines)
    if region is not None:
        start, end = region
        body = list(lines[start:end])
        if sum(1 for line in body if line.cell is not None) >= max(3, len(body) // 2):
            rows = _rows_from_cells(body)
        elif _is_cell_per_line(body):
            rows = _rows_cell_per_line(body)
        else:
            rows = _rows_interleaved(body)
        indicators = [_indicator(row) for row in rows if not row.is_group]
        indicators = [i for i in indicators if i is not None]
        if indicators:
            if _looks_scanned(body):
                _repair_lost_signs(indicators)
                _repair_smudged_agencies(indicators)
                _fill_merged_agency_cells(indicators)
            return indicators
        logger.info("indicator table at line %s gave no rows; trying prose targets", lines[start].number)
    return _prose_indicators(lines)


# ---------------------------------------------------------------------------------------
# Finding the table


def _keys(line: Line) -> tuple[str, str]:
    """The restored key and the raw one: restoration may garble a heading word."""
    return line.key, _fold_raw(line.raw)


@lru_cache(maxsize=65536)
def _fold_raw(raw: str) -> str:
    return fold(raw)


def _is_appendix(line: Line) -> bool:
    """An appendix heading: "PHỤ LỤC I", or "PHỤ LỤC I: DANH MỤC CHỈ TIÊU ..." on one line."""
    for k in _keys(line):
        if re.match(r"^\W*ph\S{0,2}\s*l\S{0,2}c\b", k) and (
            len(k) < 30 or re.search(r"chi tieu|nhiem vu|danh muc|ke hoach", k)
        ):
            return True
    return False


def _find_table(lines: Sequence[Line]) -> tuple[int, int] | None:
    """Return ``(start, end)`` of the indicator table, or None."""
    n = len(lines)
    start = None
    for i, line in enumerate(lines):
        if _is_appendix(line):
            title = " ".join(k for x in lines[i : i + 8] for k in _keys(x))
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


_HEADER_WORDS = (
    "chi tieu", "don vi", "ket qua", "co quan", "chu tri", "theo doi", "danh gia", "tong hop",
    "yeu cau", "tinh", "stt", "tt", "hop",
)  # fmt: skip


def _is_header_line(line: Line) -> bool:
    """True for a (repeated) header row of the table or one of its fragments."""
    if not line.key:
        return True
    return any(_is_header_key(key) for key in _keys(line))


_HEADER_KNOWN = {
    "co", "quan", "chu", "tri", "theo", "doi", "ddi", "dbi", "dai", "tong", "hop", "danh", "gia", "gis",
    "yeu", "cau", "ket", "qua", "qui", "don", "vi", "tinh", "stt", "tt", "chi", "tieu", "by", "bo", "s",
    "o", "en", "a",
}  # fmt: skip


def _is_header_key(key: str) -> bool:
    if re.search(r"k\S{0,2}m theo k\S{0,2} ho\S{0,2}ch|/kh-ubnd ngay|^\W*ph\S{0,2} l\S{0,2}c\b", key):
        return True  # the next appendix's title block, or a page's running head
    if _CODE.match(key):
        return False
    terms = ("chi ti", "don vi", "ket qu", "co quan", "chu tri", "theo d", "danh gi", "tong hop")
    if sum(1 for w in terms if w in key) >= 2:
        return True
    words = re.findall(r"[a-z]+", key)
    if not words:
        return False
    return len(words) <= 6 and sum(w in _HEADER_KNOWN for w in words) / len(words) >= 0.7


# ---------------------------------------------------------------------------------------
# Layout: one cell per line


def _is_cell_per_line(body: Sequence[Line]) -> bool:
    alone = sum(1 for line in body if re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){0,2}\.?", line.key))
    inline = sum(1 for line in body if re.match(r"^\d{1,2}(?:\.\d{1,2}){0,2}\.?\s+\S", line.key))
    return alone >= 1 and alone >= 2 * inline


def _horizon_of(line: Line) -> int | None:
    """The year of a horizon row ("Đến năm 2030", OCR'd "Dénnim 2030"), else None."""
    if len(line.key) > 60:
        return None
    for key in _keys(line):
        m = _HORIZON.search(key)
        if m:
            return int(m.group(1))
    return None


def _rows_cell_per_line(body: Sequence[Line]) -> list[_Row]:
    rows: list[_Row] = []
    horizon: int | None = None
    current: _Row | None = None
    cells: dict[int, list[Line]] = {}
    started = False
    last: str | None = None
    fresh = False
    for line in body:
        if not line.key:
            continue
        if re.fullmatch(r"[ivxl]{1,4}\.?", line.key):
            current = None
            continue
        h = _horizon_of(line)
        if (
            h
            and not re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){0,2}\.?", line.key)
            and (current is None or cells.get(id(current)))
        ):
            horizon = h
            current = None
            fresh = True
            started = True
            continue
        if re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){0,2}\.?", line.key):
            # A number alone is a row number only in sequence; otherwise it is a target cell.
            accepted = _accept_code(line.key.rstrip("."), last, fresh=fresh)
            if accepted is not None and (current is None or cells.get(id(current))):
                fresh = False
                current = _Row(code=accepted, horizon=horizon, group=None, lines=[line])
                rows.append(current)
                cells[id(current)] = []
                last = accepted
                started = True
                continue
        if not started or current is None:
            continue
        cells[id(current)].append(line)
        current.lines.append(line)
    for row in rows:
        row.parts = [_classify_cells([c.text for c in cells[id(row)]])]
    _mark_groups(rows)
    return rows


_COLUMN_ROLES = (
    ("code", re.compile(r"^(s?tt|so tt|so thu tu)$")),
    ("unit", re.compile(r"don vi")),
    ("lead", re.compile(r"co quan|chu tri|theo doi|phu trach")),
    ("target", re.compile(r"ket qua|muc tieu|can dat|yeu cau|gia tri")),
    ("name", re.compile(r"chi tieu|noi dung|ten")),
)


def _rows_from_cells(body: Sequence[Line]) -> list[_Row]:
    """Rows of a real table (.docx, .pdf, .xlsx): columns mapped through the header row."""
    grouped: dict[tuple[int, int], list[Line]] = {}
    for line in body:
        if line.cell is not None and line.key:
            grouped.setdefault((line.cell.table, line.cell.row), []).append(line)
    roles: dict[int, str] = {}
    rows: list[_Row] = []
    horizon: int | None = None
    last: str | None = None
    for _key, cells in grouped.items():
        by_col: dict[int, list[Line]] = {}
        for line in cells:
            by_col.setdefault(line.cell.col, []).append(line)  # type: ignore[union-attr]
        texts = {col: collapse_spaces(" ".join(x.text for x in ls)) for col, ls in by_col.items()}
        header = {col: _column_role(fold(t)) for col, t in texts.items()}
        if sum(1 for r in header.values() if r) >= 2 and "name" in header.values():
            roles = {col: r for col, r in header.items() if r}
            continue
        joined = " ".join(texts[c] for c in sorted(texts))
        h = _horizon_of(cells[0]) if len(fold(joined)) <= 60 else None
        if h is None:
            m = _HORIZON.search(fold(joined)) if len(fold(joined)) <= 60 else None
            h = int(m.group(1)) if m else None
        code_text = next((texts[c] for c, r in roles.items() if r == "code" and c in texts), "")
        if h and not re.fullmatch(r"\d+(\.\d+)*\.?", code_text):
            horizon = h
            continue
        if not roles or not re.fullmatch(r"\d{1,3}(\.\d{1,2}){0,2}\.?", code_text):
            continue
        parts = _Parts(code=code_text.rstrip("."))
        for col, text in texts.items():
            role = roles.get(col)
            if role in ("name", "unit", "target", "lead"):
                setattr(parts, role, collapse_spaces(f"{getattr(parts, role)} {text}"))
        last = parts.code
        rows.append(_Row(code=last, horizon=horizon, group=None, lines=list(cells), parts=[parts]))
    _mark_groups(rows)
    return rows


def _column_role(key: str) -> str | None:
    for role, pattern in _COLUMN_ROLES:
        if pattern.search(key):
            return role
    return None


def _classify_cells(texts: list[str]) -> _Parts:
    """Assign a row's cells (one per line) to name, unit, target and lead."""
    parts = _Parts()
    if not texts:
        return parts
    parts.name = texts[0]
    rest = texts[1:]
    if rest and _agency_like(rest[-1]):
        parts.lead = rest.pop()
    # A lead wrapped over two lines: "Công an tỉnh, Sở Khoa học" / "và Công nghệ".
    while rest and parts.lead and _agency_like(rest[-1]) and not _target_like(rest[-1]):
        parts.lead = rest.pop() + " " + parts.lead
    if len(rest) >= 2:
        parts.unit = rest[0]
        parts.target = " ".join(rest[1:])
    elif len(rest) == 1:
        only = rest[0]
        if _target_like(only) or len(only) > 40:
            parts.target = only
        else:
            parts.unit = only
    return parts


def _agency_like(text: str) -> bool:
    tokens = text.split()
    keys = [fold(t) for t in tokens]
    return _agency_head(tokens, keys, 0) or _resolve_agency(text)[1] >= 0.88


def _target_like(text: str) -> bool:
    key = fold(text)
    if _TARGET_TAIL.search(key) and re.match(r"^\W*(?:≥|≤|>|<|=)?\s*\d", text.strip()):
        return True
    if key in _WORD_TARGETS:
        return True
    return parse_target(text)[0] != "text"


# ---------------------------------------------------------------------------------------
# Layout: OCR'd, columns interleaved


_SO_FORMS = re.compile(r"(s\S{0,2}|\d[\do])")
# the forms that may open an agency cell in a line: digits only as "Sở" is usually misread
_SO_HEAD = re.compile(r"(s\S{0,2}|5[06o]|3[056]|\d[o6])")


def _agency_head(tokens: Sequence[str], keys: Sequence[str], i: int) -> bool:
    """True when an agency name opens at token ``i`` (OCR-tolerant, capitalised)."""
    t, k = tokens[i], keys[i].rstrip(",;")
    nxt = keys[i + 1].rstrip(",;") if i + 1 < len(keys) else ""
    nxt_tok = tokens[i + 1] if i + 1 < len(tokens) else ""
    if k == "cac" and nxt_tok[:1] == "S" and re.fullmatch(r"s\S{0,2}", nxt):
        return True  # "các Sở, ngành": a collective of agencies, lower case in the cell
    if not t or not (t[0].isupper() or t[0].isdigit()):
        return False
    if _SO_HEAD.fullmatch(k) and nxt_tok[:1].isupper():
        # "Sở Khoa học", OCR'd "S&", "S¢", "56", "36"; digits only before a department word
        # or right after the target ("> 40 50 Khoa học": the target comes before the agency).
        prev = tokens[i - 1] if i else ""
        after_target = bool(re.fullmatch(r"(?:≥|≤|>=|<=|>|<|=)?\d+(?:[.,]\d+)*%?", prev))
        return (
            nxt in _DEPT_WORDS
            or (t[0].isdigit() and (after_target or fold(nxt_tok).startswith("k")))
            or (not t[0].isdigit() and len(nxt) > 1 and k.startswith("s"))
        )
    if re.fullmatch(r"so[a-z]", k) and t[2:3].isupper():
        return True  # "SoY tế": the space was lost
    if re.fullmatch(r"v\S{0,2}n", k) and re.fullmatch(r"ph\S{0,3}(?:ng|n|g)\W*", nxt):
        return True
    if (k == "cong" and nxt == "an") or k.startswith("congan"):
        return True
    if k == "ngan" and nxt == "hang":
        return True
    if k == "chi" and nxt.startswith("nhanh"):
        return True
    if re.fullmatch(r"b\S{0,2}o", k) and nxt.startswith("hi"):
        return True
    if k in ("ubnd", "ubnp", "hdnd"):
        return True
    if re.fullmatch(r"\S{0,2}y", k) and nxt == "ban" and t[0].isupper():
        return True
    if k in ("cac", "cdc") and re.fullmatch(r"s\S{0,2},?", nxt):
        return True
    return (k == "cuc" and len(nxt) > 1) or (k == "thanh" and nxt == "tra")


def _unit_match(tokens: Sequence[str]) -> tuple[str, float] | None:
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
        tail = _UNIT_KEYS.get(fold("% " + m.group(1)))
        if tail:
            return tail, 0.85
        if re.fullmatch(r"\S*\s?grdp", m.group(1)):
            return "% GRDP", 0.9
    if key in _UNIT_KEYS:
        return _UNIT_KEYS[key], 1.0
    if count > 1 and not any(w.strip(",") in _UNIT_WORDS for w in key.split()):
        return None  # no word of any unit: not worth a fuzzy search
    if len(key) >= 5:
        cutoff = 0.85 if len(key) >= 6 else 0.8
        best = difflib.get_close_matches(key, [k for k in _UNIT_KEYS if len(k) >= 5], n=1, cutoff=cutoff)
        if best:
            last, unit_last = key.split()[-1], best[0].split()[-1]
            if count > 1 and difflib.SequenceMatcher(None, last, unit_last).ratio() < 0.75:
                return None  # "cơ sở dữ liệu 0": the unit must end where the words end
            ratio = difflib.SequenceMatcher(None, key, best[0]).ratio()
            return _UNIT_KEYS[best[0]], round(ratio, 3)
    return None


def _junk(token: str) -> bool:
    """A token OCR made of a table rule or speck: no letter or digit in it, or a lone sign."""
    return not re.search(r"[^\W_]", token) and token not in ("%", "≥", "≤", ">", "<", "=", "-")


def _garbage(token: str) -> bool:
    """A token a scan made of a smudge: quotes, brackets, ligatures or signs inside a word."""
    return bool(re.search(r"[‘’“”?{}\[\]\\%ﬁﬂ@#$^*~<>]", token)) or bool(
        re.search(r"\d", token) and re.search(r"[^\W\d_]", token) and "/" not in token
    )


def _meaningful(tokens: Sequence[str]) -> bool:
    return any(len(re.sub(r"[^a-z]", "", fold(t))) >= 3 for t in tokens)


# Capitalised words that sit inside indicator names (so they do not open a text target).
_NAME_CAPITALS = {
    "viet", "nam", "trung", "chinh", "nha", "nhan", "internet", "big", "data", "de", "dang", "tinh",
    "nghi", "quyet", "ke", "hoach", "quoc", "hoi", "uy", "ban", "so", "thanh", "pho", "khu", "vuc",
}  # fmt: skip


def _split_line(text: str, *, with_code: bool) -> _Parts:
    """Split one physical line of an OCR'd indicator table into its columns."""
    parts = _Parts()
    text = collapse_spaces(text.replace("|", " | ")).strip()
    if with_code:
        m = _CODE.match(text)
        if m:
            parts.code = re.sub(r"\s", "", m.group(1)).replace(",", ".")
            text = text[m.end() :]
        else:
            m = re.match(r"^[^\s|]{1,3}\s*\|\s*(?=\S)", text)
            if m:
                parts.code = "?"  # a number cell the scan could not read ("vq |Tỷ lệ ...")
                text = text[m.end() :]
    numbered = parts.code is not None
    raw_tokens = text.split()
    tokens = [t for t in raw_tokens if t != "|"]
    # A bar the scan kept at a column edge, after a target: what follows is the agency cell,
    # however garbled ("<20 các tỉnh, thành | g g o hoe va Cong nghé").
    barred = ""
    if numbered and "|" in raw_tokens:
        cut = len(raw_tokens) - 1 - raw_tokens[::-1].index("|")
        after, before = raw_tokens[cut + 1 :], [t for t in raw_tokens[:cut] if t != "|"]
        has_target = any(re.fullmatch(r"[≥≤<>=~]?\d+(?:[.,]\d+)*%?", t) for t in before[-4:])
        if has_target and len(after) >= 2 and any(len(t) >= 3 and t.isalpha() for t in after):
            keys_after = [fold(t) for t in after]
            if not any(_agency_head(after, keys_after, k) for k in range(len(after))):
                barred = " ".join(after)
                tokens = before
    while tokens and _junk(tokens[-1]):
        tokens.pop()
    keys = [fold(t) for t in tokens]
    n = len(tokens)
    lead_at = n
    for i in range(n):
        if _agency_head(tokens, keys, i):
            lead_at = i
            break
    parts.lead = " ".join(t for t in tokens[lead_at:] if not _junk(t))
    if barred and not parts.lead:
        parts.lead = barred
    left = tokens[:lead_at]
    while left and _junk(left[-1]) and left[-1] not in ("%",):
        left.pop()
    # Target: the rightmost number (with its sign) that only agency words or "Việt Nam"
    # follow; a capitalised word after it continues the agency cell ("> 60 Công nghệ").
    target_at, target_end = len(left), len(left)
    for i in range(len(left) - 1, max(-1, len(left) - 9), -1):
        tok = left[i]
        if not re.fullmatch(
            r"(?:≥|≤|>=|<=|>|<|=|~|-(?=\d))?\d+(?:[.,]\d+)*%?(?:[-–]\d+(?:[.,]\d+)*%?)?,?", tok
        ):
            continue
        before = fold(left[i - 1]).strip(",") if i > 0 else ""
        if before in ("vuc", "vung", "khu") and not parts.lead and i == len(left) - 1:
            # "... chi nhánh khu vực 10": the end of an agency cell, not a target
            words, j = _directory_words() | {"khu", "vuc", "vung", "chi", "nhanh"}, i
            while j > 0 and i - j < 3 and fold(left[j - 1]).strip(",") in words:
                j -= 1
            parts.lead = " ".join(left[j:])
            left = left[:j]
            break
        if before in ("nam", "thang", "quy"):
            break  # "năm 2025": a number inside a name, not a target
        tail = left[i + 1 :]
        tail_key = fold(" ".join(tail))
        start_i = i
        if i > 0 and left[i - 1] in ("≥", "≤", ">", "<", "=", ">=", "<=", "2", "~", "=~", "~="):
            start_i = i - 1  # "2 600", "~ 30": a "≥" read as "2" or "~"
        elif i > 1 and left[i - 1] in ("-", "–") and re.fullmatch(r"\d+(?:[.,]\d+)*", left[i - 2]):
            start_i = i - 2  # "16 - 18"
        if len(tok) == 1 and i > 0 and re.fullmatch(r"[≥≤<>=~]?\d+(?:[.,]\d+)*%?(?:[-–]\d+)?", left[i - 1]):
            continue  # "80-90 1": a lone digit after the target is a speck
        if not tail or re.fullmatch(r"%|vi\S{0,2}t\s+nam", tail_key):
            target_at, target_end = start_i, len(left)
            break
        real = [t.lstrip("([") for t in tail if len(t.lstrip("([")) > 2 and not _garbage(t.lstrip("(["))]
        if not real:
            target_at, target_end = start_i, i + 1  # only specks after the number
            smudged = [t for t in tail if len(t) > 3 and t[:1].isupper()]
            if numbered and smudged and not parts.lead:
                parts.lead = " ".join(smudged)  # an agency the scan smudged: kept for the table pass
            break
        opens_agency = len(real[0]) >= 3 and real[0][:1].isupper()
        continues = fold(real[0]) in ("cong", "cone", "nghe", "khoa") and len(real) <= 6
        if opens_agency and (len(real) <= 3 or continues) and fold(real[0]) not in ("viet",):
            if not numbered:
                break  # on a continuation line a number is part of the name ("01 Gb/s")
            target_at, target_end = start_i, i + 1
            parts.lead = collapse_spaces(" ".join(real) + " " + parts.lead)
            break
        break
    if target_at == len(left):
        for i in range(max(1, len(left) - 3), len(left)):
            if fold(" ".join(left[i:])) in _WORD_TARGETS:
                target_at = target_end = i
                target_end = len(left)
                break
    if target_at == len(left) and left and re.match(r"^[≥≤><]\S", left[-1]) and len(left[-1]) <= 5:
        target_at = target_end = len(left) - 1  # ">gỡ": the sign survived, the number did not
        target_end = len(left)
    # "≥ 3% và tăng dần theo yêu cầu phát triển": a sign and a number opening a sentence.
    if target_at == len(left):
        for i in range(1, len(left)):
            sign = re.match(r"^(?:≥|≤|>=|<=|>|<)\s*\d", left[i])
            spaced = left[i] in ("≥", "≤", ">", "<") and i + 1 < len(left) and left[i + 1][:1].isdigit()
            if sign or spaced:
                target_at, target_end = i, len(left)
                break
    left = left[:target_end]
    target_tokens = left[target_at:]
    left = left[:target_at]
    while left and (_junk(left[-1]) or left[-1] in ("-", "–")) and left[-1] != "%":
        left.pop()
    # Unit: the longest run of tokens right before the target that spells a unit.
    unit_at = len(left)
    for size in (4, 3, 2, 1):
        if len(left) - size < 1 and not (len(left) == size and not numbered):
            continue
        found = _unit_match(left[len(left) - size :])
        # on a line without its own number, a unit word closing the name part is name text
        # ("... người dân và doanh nghiệp") unless a target or an agency follows it
        beside = bool(target_tokens or parts.lead)
        if found and (beside or (numbered and size > 1) or len(left) == size):
            unit_at = len(left) - size
            parts.unit = found[0]
            break
    if unit_at == len(left) and not target_tokens and len(left) > 3:
        # A text target after a rank unit: "... Thứ bậc Đạt mức trên trung bình".
        for i in range(2, len(left) - 1):
            found = _unit_match(left[i : i + 2])
            if found and found[0] == "Thứ bậc":
                parts.unit = found[0]
                target_tokens = left[i + 2 :]
                unit_at = i
                break
    if not parts.unit and not target_tokens and len(left) > 2:
        # A two-way unit ("Có/Không", "Bảo đảm/Không bảo đảm") in the middle of the line:
        # what follows is the target, or the start of the agency cell.
        for i in range(2, len(left)):
            found = _unit_match(left[i : i + 1]) if "/" in left[i] else None
            if found and "/" in found[0] and found[1] >= 0.85:
                parts.unit = found[0]
                rest = [t for t in left[i + 1 :] if not _junk(t)]
                word = [t for t in rest[:2] if fold(t) in _WORD_TARGETS]
                rest = [t for t in rest if len(t) >= 3 and t not in word]
                if rest and rest[0][:1].isupper():
                    parts.lead = collapse_spaces(" ".join(rest) + " " + parts.lead)
                target_tokens = word[:1]
                unit_at = i
                break
    if numbered and parts.lead and not parts.unit and not target_tokens and len(left) > 3:
        # A text target with no unit: it opens with a capital ("Hạ tầng số Tiên tiến, ...").
        for i in range(2, len(left)):
            tok = left[i]
            if tok[:1].isupper() and tok[1:].islower() and fold(tok) not in _NAME_CAPITALS:
                target_tokens = left[i:]
                unit_at = i
                break
    parts.target = " ".join(
        t for t in target_tokens if not _junk(t) or t in ("≥", "≤", ">", "<", "~", "=~", "=")
    )
    name_tokens = [t for t in left[:unit_at] if not _junk(t)]
    parts.name = " ".join(name_tokens) if _meaningful(name_tokens) else ""
    return parts


_SO_LUONG = re.compile(r"^[\dSs][\dO0oó6?)]{0,2}\s+(?=l\S{0,3}[o0]\S{0,3}ng\b)")


_RAW_PERCENT = re.compile(r"(?:^|\s)(?:%|/o|%o|%0|Yo|yo|Y0|o|Z|°o)[,.]?\s+[<>≥≤=~]?\s*\d")


def _percent_from_raw(parts: _Parts, raw: str) -> _Parts:
    """Take a "%" the scan printed as "Yo", "/o" or "o" from the raw line when restoration
    turned it into a word ("Uỡ"): the unit must not depend on the restorer's guess."""
    if parts.unit or not parts.target or not _RAW_PERCENT.search(raw):
        return parts
    tokens = parts.name.split()
    if tokens and len(tokens[-1]) <= 3 and not tokens[-1].isdigit():
        tokens.pop()  # the restored form of the percent sign
    parts.name = " ".join(tokens)
    parts.unit = "%"
    return parts


def _name_starts_sentence(name: str) -> bool:
    """True when ``name`` opens with a capital letter, as an indicator name does.

    "56 lượng" is "Số lượng" misread; a short all-capital token ("SR") is a speck, not a word.
    """
    name = name.strip()
    if _SO_LUONG.match(name) or re.match(r"^[s\d]\S{0,2}\s+(l\S{0,4}ng\b|lu\S{0,6}(\s|$))", fold(name)):
        return True
    name = re.sub(r"^\d{1,3}\s+", "", name)
    if not name or not (name[0].isalpha() and name[0].isupper()):
        return False
    first = re.split(r"[\s,;:]", name, maxsplit=1)[0]
    if 2 <= len(first) <= 3 and first.isupper() and first.isalpha():
        return fold(first) in {"so", "ty", "ti", "to", "co", "cac", "chi", "quy", "ha", "ung", "tu"}
    return True


def _successors(code: str) -> list[str]:
    parts = code.split(".")
    out = [".".join([*parts[:-1], str(int(parts[-1]) + 1)])]
    if len(parts) < 3:
        out.append(code + ".1")
    for depth in range(len(parts) - 1, 0, -1):
        parent = parts[:depth]
        out.append(".".join([*parent[:-1], str(int(parent[-1]) + 1)]))
    return out


def _accept_code(code: str, last: str | None, *, fresh: bool = False) -> str | None:
    """Return the code in sequence that ``code`` (as OCR read it) stands for, or None.

    ``fresh``: a new block (horizon) has just begun, where numbering may restart at 1.
    """
    expected = _successors(last) if last else ["1", "1.1"]
    if fresh and last:
        expected = [*expected, "1", "1.1"]
    if code in expected:
        return code
    flat = code.replace(".", "")
    for exp in expected:
        if exp.replace(".", "") == flat:
            return exp  # "83" for "8.3", "311" for "3.11"
    for exp in expected:
        if "." in exp and len(code) >= 3 and exp.endswith(code) and exp != code:
            return exp  # "9.1" for "19.1": the first digit lost
    return None


def _rows_interleaved(body: Sequence[Line]) -> list[_Row]:
    lines = [line for line in body if not _is_header_line(line) and not _is_noise(line)]
    page_breaks = {line.number for line in body if line.key and _is_header_line(line)}
    # 1. The skeleton: horizon rows, then numbered rows chosen in sequence (see _chain).
    parts_of: dict[int, _Parts] = {}
    blocks: list[tuple[int | None, int, list[int]]] = []  # (horizon, mark index, line indexes)
    current: list[int] = []
    blocks.append((None, -1, current))
    for i, line in enumerate(lines):
        h = _horizon_of(line)
        if h:
            current = []
            blocks.append((h, i, current))
            continue
        roman = _ROMAN.match(line.key)
        if roman and not _CODE.match(line.key) and len(line.key) < 6:
            continue
        parts_of[i] = _percent_from_raw(_split_line(line.text, with_code=True), line.raw)
        current.append(i)
    marks: list[tuple[int, str, object]] = []  # (index, "horizon"|"row", value)
    previous: str | None = None
    for horizon, at, members in blocks:
        if horizon is not None:
            marks.append((at, "horizon", horizon))
        chain = _chain([(i, parts_of[i].code) for i in members if parts_of[i].code], previous)
        if chain:
            previous = chain[-1][1]
        marks += _fill_rows(members, chain, parts_of)
    marks.sort(key=lambda m: m[0])
    # Numbered lines left out of the chain are name text ("17 I¢ ..." is "Tỷ lệ ..." misread).
    in_rows = {m[0] for m in marks if m[1] == "row"}
    for i, p in parts_of.items():
        if p.code and i not in in_rows:
            parts_of[i] = _percent_from_raw(_split_line(lines[i].text, with_code=False), lines[i].raw)
    for i in sorted(in_rows):
        code_line = parts_of.get(i)
        if code_line is not None and not code_line.target and not code_line.unit and i + 1 not in in_rows:
            _wrapped_unit(i + 1, parts_of, in_rows - {i})  # the row's cells sit on the line below
        else:
            _wrapped_unit(i, parts_of, in_rows)
    # 3. Assign the lines between numbered rows.
    rows: list[_Row] = []
    horizon: int | None = None
    row_marks = []
    for idx, kind, value in marks:
        if kind == "horizon":
            horizon = value  # type: ignore[assignment]
            row_marks.append((idx, None, horizon))
        else:
            row_marks.append((idx, value, horizon))
    owner: dict[int, int] = {}
    for k, (idx, _value, _h) in enumerate(row_marks):
        owner[idx] = k
    group_marks = set()
    for k, (idx, value, _h) in enumerate(row_marks):
        nxt = row_marks[k + 1][1] if k + 1 < len(row_marks) else None
        code_parts = parts_of.get(idx) or _Parts()
        if (
            value
            and nxt
            and "." not in value[0]
            and nxt[0] == value[0] + ".1"
            and not code_parts.has_row_cells
        ):
            group_marks.add(k)
    for k in range(len(row_marks)):
        a = row_marks[k][0]
        b = row_marks[k + 1][0] if k + 1 < len(row_marks) else len(lines)
        between = list(range(a + 1, b))
        if not between:
            continue
        if k + 1 >= len(row_marks) or row_marks[k + 1][1] is None:
            split = len(between)  # all to the row above (the next mark is a horizon or the end)
        else:
            nxt_parts = parts_of.get(b) or _Parts()
            if _name_starts_sentence(nxt_parts.name):
                split = len(between)
            else:
                # no line opens a sentence: the name below began on its own line, damaged
                split = len(between)
                for pos in range(len(between) - 1, -1, -1):
                    p = parts_of.get(between[pos]) or _Parts()
                    wordy = len([w for w in p.name.split() if len(w) >= 2]) >= 3
                    if _name_starts_sentence(p.name) and wordy:
                        split = pos
                        break
                else:
                    # no opening either: a line that opens an agency cell of its own starts the
                    # row below when the row above has its agency already
                    a_parts = parts_of.get(a) or _Parts()
                    for pos in range(len(between) - 1, -1, -1):
                        p = parts_of.get(between[pos]) or _Parts()
                        if a_parts.lead and p.name and (p.unit or p.target) and _starts_agency(p.lead):
                            split = pos
                            break
        # Name-less lines (only agency or target fragments) go to the nearer row; a page
        # break (a repeated header) between a fragment and the row below binds it upwards.
        for pos, j in enumerate(between):
            p = parts_of.get(j) or _Parts()
            if pos < split:
                owner[j] = k
            else:
                owner[j] = k + 1 if k + 1 < len(row_marks) else k
            fragment = not p.name and (p.target or p.lead)
            if fragment and k + 1 < len(row_marks) and row_marks[k + 1][1] is not None:
                up, down = j - a, b - j  # in kept lines: specks and blank lines do not count
                if p.lead and p.lead[:1].islower() and not p.target:
                    down = 10**6  # "nhánh khu vực 10": the rest of the agency above
                if any(n in page_breaks for n in range(lines[j].number, lines[b].number)):
                    down = 10**6
                owner[j] = k if up < down else k + 1
        if row_marks[k][1] is None:
            # Lines after a horizon mark and before the first row belong to the first row.
            for j in between:
                owner[j] = k + 1 if k + 1 < len(row_marks) else k
        elif k in group_marks and k + 1 < len(row_marks):
            # A group heading keeps only the continuation of its title.
            for j in between:
                p = parts_of.get(j) or _Parts()
                title_tail = p.name and not p.has_row_cells and not _name_starts_sentence(p.name)
                owner[j] = k if title_tail and all(owner.get(x) == k for x in between if x < j) else k + 1
    # Directory look-ups are the slow part; a runaway table (hostile or garbled input) gets a
    # fixed budget of them so that parsing always ends in seconds.
    budget = [3000]
    by_mark: dict[int, list[int]] = {}
    for j, k in owner.items():
        by_mark.setdefault(k, []).append(j)
    for k, (idx, value, h) in enumerate(row_marks):
        if value is None:
            continue
        code, repaired = value  # type: ignore[misc]
        row = _Row(code=code, horizon=h, group=None, repaired=repaired)
        opens = _name_starts_sentence((parts_of.get(idx) or _Parts()).name)
        for j in sorted(by_mark.get(k, [])):
            p = parts_of.get(j)
            if p is None:
                continue
            if j < idx and opens and p.name:
                # The name opens on the numbered line, so text above it belongs to a long
                # cell of another column (a text target centred on the row).
                p = _Parts(unit=p.unit, target=collapse_spaces(f"{p.name} {p.target}"), lead=p.lead)
            row.lines.append(lines[j])
            row.parts.append(p)
        _unit_words_in_name(row)
        _text_target_continuation(row)
        if budget[0] > 0:
            budget[0] -= len(row.parts)
            _merge_continuations(row)
        _drop_agency_leftovers(row)
        rows.append(row)
    _mark_groups(rows)
    return rows


@lru_cache(maxsize=1)
def _units_squeezed() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for k, u in _UNIT_KEYS.items():
        if len(k) >= 4:
            table.setdefault(re.sub(r"[^a-z0-9%/]", "", k), []).append(u)
    return table


def _squeezed_unit(text: str) -> tuple[str, float] | None:
    key = re.sub(r"[^a-z0-9%/]", "", fold(text))
    if len(key) < 6:
        return None
    table = _units_squeezed()
    best = difflib.get_close_matches(key, list(table), n=1, cutoff=0.8)
    if not best:
        return None
    # units that differ only in punctuation ("khung 1,0" / "khung 1.0"): the printed one
    unit = max(table[best[0]], key=lambda u: difflib.SequenceMatcher(None, fold(u), fold(text)).ratio())
    return unit, difflib.SequenceMatcher(None, key, best[0]).ratio()


def _wrapped_unit(i: int, parts_of: dict[int, _Parts], rows: set[int]) -> None:
    """Rebuild a unit cell wrapped over the lines around a numbered line.

    "Số doanh" / "... công nghệ số nghiệp/1000 1 Sở ..." / "dân" is the unit "Số doanh
    nghiệp/1000 dân": the unit column's fragments sit at the right end of each line's name part.
    """
    here = parts_of.get(i)
    if here is None or here.unit or not here.target:
        return
    above = parts_of.get(i - 1) if i - 1 not in rows else None
    below = parts_of.get(i + 1) if i + 1 not in rows else None
    mid = here.name.split()
    best: tuple[float, int, int, int, str] | None = None
    for m in (1, 2, 3):
        if len(mid) <= m:
            break
        for a in (0, 1, 2):
            a_tokens = above.name.split() if above and above.name else []
            if a > len(a_tokens) or (a and not a_tokens):
                break
            for c in (0, 1, 2):
                c_tokens = below.name.split() if below and below.name else []
                if c > len(c_tokens):
                    break
                tail = c_tokens[len(c_tokens) - c :] if c else []
                text = " ".join([*a_tokens[len(a_tokens) - a :], *mid[-m:], *tail])
                found = _squeezed_unit(text)
                # equal matches: the one using more fragments is the fuller unit
                if (
                    found
                    and found[1] >= 0.8
                    and (
                        best is None
                        or found[1] > best[0] + 1e-9
                        or (abs(found[1] - best[0]) < 1e-9 and a + m + c > best[1] + best[2] + best[3])
                    )
                ):
                    best = (found[1], a, m, c, found[0])
    if best is None:
        return
    _score, a, m, c, unit = best
    here.unit = unit
    here.name = " ".join(mid[: len(mid) - m])
    if a and above is not None:
        tokens = above.name.split()
        above.name = " ".join(tokens[: len(tokens) - a])
    if c and below is not None:
        tokens = below.name.split()
        below.name = " ".join(tokens[: len(tokens) - c])


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(x) for x in code.split("."))


@lru_cache(maxsize=4096)
def _expectations(last: str | None) -> list[tuple[str, float, int]]:
    """Codes that may follow ``last``: (code, cost of the rows skipped, rows skipped)."""
    if last is None:
        return [("1", 0.0, 0), ("1.1", 0.0, 0), ("2", 0.7, 1), ("3", 1.4, 2), ("1.2", 0.7, 1)]
    out: list[tuple[str, float, int]] = [(c, 0.0, 0) for c in _successors(last)]
    out.append((last, 0.6, 0))  # plans do print a number twice ("5.8", "5.8")
    parts = last.split(".")
    for skip in (1, 2, 3):
        sib = ".".join([*parts[:-1], str(int(parts[-1]) + 1 + skip)])
        out.append((sib, 0.7 * skip, skip))
        if len(parts) < 3:
            out.append((".".join([*parts[:-1], str(int(parts[-1]) + skip)]) + ".1", 0.7 * skip, skip))
    if len(parts) > 1:
        top = int(parts[0])
        for skip in (1, 2):
            out.append((str(top + 1 + skip), 0.7 * (skip + 0.5), skip))
            out.append((f"{top + 1}.1", 0.5, 1))
    return out


@lru_cache(maxsize=65536)
def _readings(code: str, expected: str) -> float | None:
    """Cost of reading the OCR'd ``code`` as ``expected``; None when it cannot be."""
    if code == expected:
        return 0.0
    if expected.count(".") >= 2 and code.count(".") < 2:
        return None  # a third level is rare: only a number printed with two dots opens it
    if code == "?":
        return 0.8
    if code.replace(".", "") == expected.replace(".", ""):
        return 0.3  # "83" for "8.3"
    if len(expected) > len(code) and expected.endswith(code) and (len(code) >= 3 or "." not in expected):
        return 0.5  # "9.1" for "19.1", "4" for "14": a digit lost at the edge
    flat, want = code.replace(".", ""), expected.replace(".", "")
    if len(flat) == len(want) >= 2 and sum(a != b for a, b in zip(flat, want, strict=True)) == 1:
        return 0.6  # "313" for "5.13": one digit misread
    return None


def _chain(cands: list[tuple[int, str]], previous: str | None) -> list[tuple[int, str]]:
    """Return the numbered lines that form the most plausible TT sequence, with their codes.

    A longest-path over the candidates: each accepted line earns 1, minus the cost of reading
    its number as the code it stands for and of the rows the sequence skips. Numbering may
    restart at 1 in a block or continue from ``previous``.
    """
    if not cands:
        return []
    # states[k]: list of (score, code, back pointer (k', state index))
    states: list[list[tuple[float, str, tuple[int, int] | None]]] = []
    starts = list(_expectations(None))
    if previous:
        starts += _expectations(previous)
    for k, (_i, code) in enumerate(cands):
        options: dict[str, tuple[float, tuple[int, int] | None]] = {}
        for exp, skip_cost, _n in starts:
            cost = _readings(code, exp)
            if cost is not None:
                score = 1.0 - cost - skip_cost
                if score > options.get(exp, (-9.0, None))[0]:
                    options[exp] = (score, None)
        for kk in range(max(0, k - 25), k):
            for si, (prev_score, prev_code, _bp) in enumerate(states[kk]):
                for exp, skip_cost, _n in _expectations(prev_code):
                    cost = _readings(code, exp)
                    if cost is None:
                        continue
                    score = prev_score + 1.0 - cost - skip_cost
                    if score > options.get(exp, (-9.0, None))[0]:
                        options[exp] = (score, (kk, si))
        ranked = sorted(options.items(), key=lambda item: -item[1][0])[:4]
        states.append([(sc, c, bp) for c, (sc, bp) in ranked])
    best: tuple[float, int, int] | None = None
    for k, opts in enumerate(states):
        for si, (sc, _c, _bp) in enumerate(opts):
            if best is None or sc > best[0]:
                best = (sc, k, si)
    if best is None:
        return []
    out: list[tuple[int, str]] = []
    node: tuple[int, int] | None = (best[1], best[2])
    while node is not None:
        k, si = node
        _sc, c, bp = states[k][si]
        out.append((cands[k][0], c))
        node = bp
    out.reverse()
    return out


def _codes_between(a: str | None, b: str) -> list[str]:
    """The codes a plain sequence would print between ``a`` and ``b`` (siblings only)."""
    if a is None:
        return [str(n) for n in range(1, int(b.split(".")[0]))] if "." not in b else []
    pa, pb = a.split("."), b.split(".")
    if len(pa) == len(pb) and pa[:-1] == pb[:-1]:
        return [".".join([*pa[:-1], str(n)]) for n in range(int(pa[-1]) + 1, int(pb[-1]))]
    if len(pb) == len(pa) + 1 and pb[-1] == "1":
        return [*_codes_between(a, ".".join(pb[:-1])), ".".join(pb[:-1])]
    if len(pa) > len(pb):
        return _codes_between(".".join(pa[: len(pb)]), b)
    return []


def _is_row_line(p: _Parts) -> bool:
    return _name_starts_sentence(p.name) and bool(p.unit or p.target) and bool(p.lead)


def _fill_rows(members: list[int], chain: list[tuple[int, str]], parts_of: dict[int, _Parts]) -> list:
    """Marks for the chain's rows plus rows whose number was lost or misread."""
    marks: list[tuple[int, str, object]] = [(i, "row", (code, False)) for i, code in chain]
    chained = {i for i, _ in chain}
    bounds = [(-1, None), *chain, (10**9, None)]
    for (ia, a), (ib, b) in itertools.pairwise(bounds):
        inside = [i for i in members if ia < i < ib and i not in chained]
        if not inside:
            continue
        missing = _codes_between(a, b) if b else []
        b_parts = parts_of.get(ib)
        # a new top-level number after sub-rows opens a group or a row of its own
        b_opens_block = bool(a and b and "." in a and "." not in b)
        b_has_cells = b_parts is None or b_parts.has_row_cells or b_opens_block
        fills = [i for i in inside if _is_row_line(parts_of[i]) and (b_has_cells or i != inside[-1])]
        numbered = [i for i in inside if parts_of[i].code and _name_starts_sentence(parts_of[i].name)]
        if missing:
            pool = sorted(set(fills) | set(numbered)) if len(fills) < len(missing) else fills
            if len(pool) < len(missing):
                # the number and the name's first letters lost: any line holding a row's cells
                loose = [i for i in inside if (parts_of[i].unit or parts_of[i].target) and parts_of[i].lead]
                pool = sorted(set(pool) | set(loose))
            for code, i in zip(missing, pool, strict=False):
                marks.append((i, "row", (code, True)))
        elif a is not None:
            a_parts = parts_of.get(ia)
            if not fills and b_has_cells and a_parts is not None and a_parts.has_row_cells:
                # the row above has its own cells: a line holding a whole row's cells is a row
                # whose number was lost, even when its name's first letters are lost too
                fills = [
                    i
                    for i in inside
                    if (parts_of[i].unit or parts_of[i].target)
                    and parts_of[i].lead
                    and _meaningful(parts_of[i].name.split())
                ]
            nxt = _successors(a)[0]
            if fills and (b is None or _code_key(nxt) < _code_key(b)):
                marks.append((fills[0], "row", (nxt, True)))
    return marks


_OPEN_NAME_END = {
    "cua", "va", "cho", "tren", "trong", "cac", "voi", "ve", "tai", "tu", "den", "duoc", "co", "la",
    "nhung", "theo", "hoac", "ty", "ti", "le", "muc", "nha", "dat",
}  # fmt: skip


def _unit_words_in_name(row: _Row) -> None:
    """A line that is only a unit word ("doanh nghiệp") continues the name when the numbered
    line already has the row's unit."""
    if not any(p.code and p.unit for p in row.parts):
        return
    for line, p in zip(row.lines, row.parts, strict=True):
        if not p.code and p.unit and not (p.name or p.target or p.lead):
            p.name, p.unit = line.text.strip(), ""


def _text_target_continuation(row: _Row) -> None:
    """A row whose numbered line holds a text target: the lines below continue that target.

    The name usually fits on the numbered line; when it ends mid-phrase ("... của") the lines
    below continue the name instead.
    """
    code_parts = [p for p in row.parts if p.code]
    if not code_parts:
        return
    head = code_parts[0]
    if len(head.target) <= 12 or re.match(r"^\s*(?:≥|≤|>=|<=|>|<|=)?\s*\d", head.target):
        return
    last = fold(head.name).split()[-1:] if head.name else []
    if not last or last[0].strip(",") in _OPEN_NAME_END or head.name.rstrip().endswith(","):
        return
    below = False
    for p in row.parts:
        if p is head:
            below = True
            continue
        if below and p.name and not p.code:
            p.target = collapse_spaces(f"{p.name} {p.target}")
            p.name = ""


def _last_agency(lead: str) -> str:
    piece = re.split(r"[,;]\s*(?=\S)", lead.strip())[-1]
    words = piece.split()
    if len(words) > 1 and _SO_FORMS.fullmatch(fold(words[0])):
        words[0] = "Sở"
    return " ".join(words)


def _merge_continuations(row: _Row) -> None:
    """Move fragments that continue the agency cell out of the name, line by line.

    An agency cell wraps ("Sở Khoa học và" / "Công nghệ"); its continuation sits at the right
    end of the next line, after the name's fragment. A tail of that line moves to the agency
    cell when it completes the last agency into a known one.
    """
    running = ""
    for p in row.parts[:15]:  # a real row spans a few lines; a runaway one is not worth the search
        if running and p.name and len(running) < 120 and not _agency_complete(running):
            tokens = p.name.split()
            clean = re.sub(r"(?:\s+\S)+$", "", running)  # specks after the agency ("..., y")
            fresh = clean.rstrip().endswith((",", ";"))  # the next agency opens on this line
            last = "" if fresh else _last_agency(clean)
            continues = bool(p.lead) and (
                not _starts_agency(p.lead) or _directory_score(f"{last} {p.lead}".strip()) >= 0.9
            )  # "Văn phòng" / "UBND tỉnh": one agency over two lines
            own = f" {p.lead}" if continues else ""
            base = _directory_score(f"{last}{own}".strip()) if (last or own) else 0.0
            best: tuple[float, int, str] = (base, 0, "")
            words = _directory_words()
            for size in range(1, min(6 if fresh else 4, len(tokens)) + 1):
                head = tokens[-size]
                if not (head[:1].isupper() or fold(head).strip(",.;") in words or fresh):
                    continue  # an agency's continuation is made of agency words
                tail = " ".join(tokens[-size:])
                options = [tail]
                if fresh and size > 1 and len(head) <= 3:
                    options.append("Sở " + " ".join(tokens[-size + 1 :]))  # "t Khoa học": a Sở smudged
                for option in options:
                    score = _directory_score(f"{last} {option}{own}".strip())
                    if score > best[0] + 0.02 and score >= 0.8:
                        best = (score, size, option)
            if best[1]:
                size = best[1]
                p.lead = collapse_spaces(f"{best[2]} {p.lead}")
                rest = tokens[:-size]
                p.name = " ".join(rest) if _meaningful(rest) else ""
        if p.lead:
            running = collapse_spaces(f"{running} {p.lead}")


@lru_cache(maxsize=1)
def _directory_words() -> frozenset[str]:
    return frozenset(w.strip(",.;()") for entry in AGENCY_DIRECTORY for w in fold(entry).split())


def _starts_agency(text: str) -> bool:
    tokens = text.split()
    return bool(tokens) and _agency_head(tokens, [fold(t) for t in tokens], 0)


# The end of "Sở Khoa học và Công nghệ" as scans leave it at the end of a line's name part.
_LEFTOVER_TITLE = {"cong", "cone", "cene", "ceng", "nghe"}
_LEFTOVER_ANY = {"nehe", "nehd", "nehs", "nefs", "nohe", "nehes", "ngh"}


def _drop_agency_leftovers(row: _Row) -> None:
    """Strip what is left of a wrapped agency name at the end of a name fragment.

    Only when the row's agency cell holds one ("... và Công nghệ"), and only a capitalised
    "Công" / "Nghệ" or a garbled "nehe": a name's own "công nghệ" is lower case.
    """
    lead = fold(row.column("lead"))
    if "nghe" not in lead and "cong" not in lead and "khoa" not in lead:
        return
    for p in row.parts:
        tokens = p.name.split()
        changed = False
        while tokens:
            last = tokens[-1]
            key = fold(last).strip(",.;")
            if (
                (key in _LEFTOVER_TITLE and last[:1].isupper())
                or key in _LEFTOVER_ANY
                or (changed and len(key) <= 1)
            ):
                tokens.pop()
                changed = True
                continue
            break
        if changed:
            p.name = " ".join(tokens)


def _directory_score(name: str) -> float:
    """How well ``name`` matches a directory agency (0 when it matches none)."""
    resolved, score = _resolve_agency(name)
    if resolved != name or score >= 0.95:
        return score
    loose = _loose_agency(name)
    return loose[1] if loose else 0.0


@lru_cache(maxsize=8192)
def _resolve_agency(name: str, cutoff: float = 0.88) -> tuple[str, float]:
    return resolve_agency(name, cutoff=cutoff)


def _resolve(name: str) -> tuple[str, float]:
    """``resolve_agency``, then a looser match for long names (OCR damages every other letter)."""
    resolved, score = _resolve_agency(name)
    if score >= 0.88 or len(name) < 6:
        return resolved, score
    return _loose_agency(name) or (resolved, score)


@lru_cache(maxsize=1)
def _directory_squeezed() -> dict[str, str]:
    return {re.sub(r"[^a-z0-9]", "", fold(entry)): entry for entry in AGENCY_DIRECTORY}


@lru_cache(maxsize=8192)
def _loose_agency(name: str) -> tuple[str, float] | None:
    """Match a badly scanned agency name against the directory, spaces and signs ignored.

    "Sở KAhoa thAva Công nghệ" and "Sở Khoahocva Công nghệ" are "Sở Khoa học và Công nghệ".
    """
    words = name.split()
    if words and _SO_FORMS.fullmatch(fold(words[0])):
        words[0] = "Sở"
    key = re.sub(r"[^a-z0-9]", "", fold(" ".join(words)))
    if len(key) < 5:
        return None
    table = _directory_squeezed()
    best = difflib.get_close_matches(key, list(table), n=1, cutoff=0.75 if len(key) >= 16 else 0.8)
    if not best or (len(key) < 10 and best[0][:3] != key[:3]):
        return None
    ratio = difflib.SequenceMatcher(None, key, best[0]).ratio()
    return table[best[0]], round(min(0.85, ratio), 3)


def _agency_complete(lead: str) -> bool:
    last = _last_agency(lead)
    if not last or _lead_incomplete(last):
        return False
    return _resolve_agency(last)[1] >= 0.95


def _mark_groups(rows: list[_Row]) -> None:
    """A numbered row with sub-rows and no cells of its own is a group heading."""
    group: str | None = None
    group_code: str | None = None
    for k, row in enumerate(rows):
        code = row.code or ""
        nxt = rows[k + 1].code if k + 1 < len(rows) else None
        has_cells = any(p.unit or p.target or p.lead for p in row.parts)
        if "." not in code and nxt == code + ".1" and not has_cells:
            row.is_group = True
            group = _clean_name(row.column("name"))
            group_code = code
            continue
        if group_code is not None and not code.startswith(group_code + "."):
            group, group_code = None, None
        row.group = group


def _is_noise(line: Line) -> bool:
    key = line.key
    if not key:
        return True
    letters = re.findall(r"[a-z]{2,}", key)
    return (not letters and not re.search(r"\d", key)) or bool(
        re.fullmatch(r"(?:s\S{0,2}|thoi gian ky)\s*:.*", key)
    )


# ---------------------------------------------------------------------------------------
# Row -> Indicator


def _clean_name(text: str) -> str:
    """Drop the specks a scan leaves in a name: table rules ("[", "|"), stray capitals ("A",
    "Á", "X."), lone signs ("<", "~", "-"); words are left as they are."""
    kept = []
    for token in collapse_spaces(text).split():
        token = token.lstrip("[|{").rstrip("]|}")
        if not token:
            continue
        bare = token.strip(".,;:")
        if len(bare) <= 1 and not (bare.isalpha() and bare.islower()) and not bare.isdigit():
            continue
        kept.append(token)
    return _repair_opening(" ".join(kept).strip(" |:;-–"))


_NOT_TY = {"tu", "tai", "tinh", "tong", "to", "tri", "toan", "thu", "tren", "theo"}
_NOT_LE = {"la", "lam", "lap", "lien", "loai", "luat"}


def _repair_opening(name: str) -> str:
    """Rebuild the two words most indicator names open with, which scans mangle most.

    "Tỷ lệ" (a rate) comes back as "Ty 1€", "Tổ}/ lệ", "TX 1&", "I 1&"; "Số lượng" (a count)
    as "S9 lugng", "56 lượng", "Sf) luong". Only the opening pair is touched, and only when
    the second word is still recognisable.
    """
    tokens = name.split()
    if len(tokens) < 3:
        return name
    if tokens[0] in ("Tỷ", "Tỉ", "Số") and tokens[1] in ("lệ", "lượng"):
        return name  # printed right: keep its spelling
    if re.fullmatch(r"t\S{0,2}[.,‘’'`]\S?[l1i]\S{0,5}", fold(tokens[0])):
        return " ".join(["Tỷ lệ", *tokens[1:]])  # "T.lAlf;", "Tổ‘1Al¢": both words in one smudge
    first, second = fold(tokens[0]), fold(tokens[1])
    damaged = bool(re.search(r"[^a-zA-Z\u00C0-\u1EF9]", tokens[0] + tokens[1]))
    second_damaged = bool(re.search(r"[^a-zA-Z\u00C0-\u1EF9]", tokens[1]))
    rate = (
        (
            re.fullmatch(r"(t\S{0,4}|i)", first)
            or (re.fullmatch(r"\d{1,2}", first) and (second_damaged or second.rstrip(",.") == "le"))
        )
        and re.fullmatch(r"[1li|]\S{0,2}", second)
        and second not in _NOT_LE
        and (damaged or first.rstrip(",.") not in _NOT_TY)
    )
    if rate:
        return " ".join(["Tỷ lệ", *tokens[2:]])
    count = (
        re.fullmatch(r"(s\S{0,3}|\d{2}|[>$]\S{0,2})", first)
        and re.match(r"l\S{0,4}ng|lu", second)
        and "luong" not in first
    )
    if count:
        return " ".join(["Số lượng", *tokens[2:]])
    return name


def _split_leads(text: str) -> tuple[list[str], float]:
    if not text:
        return [], 0.0
    # Two agencies printed one after the other without a separator ("Văn phòng UBND tỉnh Sở ...").
    tokens = _normalise_so([t for t in text.split() if not _junk(t) and t not in ("-", "–")])
    keys = [fold(t) for t in tokens]
    pieces: list[list[str]] = []
    cur: list[str] = []
    for i, t in enumerate(tokens):
        prev = keys[i - 1] if i else ""
        if (
            cur
            and _agency_head(tokens, keys, i)
            and keys[i] not in ("ubnd", "ubnp", "hdnd")
            and prev not in ("va", "cac", "cua", "thuoc", "nhanh", "phong", "&", "-")
            and not prev.endswith(",")
        ):
            pieces.append(cur)
            cur = []
        cur.append(t)
    if cur:
        pieces.append(cur)
    out: list[str] = []
    scores: list[float] = []
    for piece in pieces:
        for name in split_agencies(" ".join(piece)):
            words = name.split()
            if len(words) > 1 and _SO_FORMS.fullmatch(fold(words[0])) and words[1][:1].isupper():
                name = " ".join(["Sở", *words[1:]])  # "S&", "SỞ", "56" for "Sở"
            if len(name.split()) == 1 and len(name) <= 3 and not name.isupper():
                continue  # a speck read as "Sở"
            resolved, score = _resolve(name)
            out.append(resolved)
            scores.append(score)
    return out, (min(scores) if scores else 0.0)


def _normalise_so(tokens: list[str]) -> list[str]:
    """Write "Sở" where the scan printed it as "S&", "56", "36", "SỞ" or glued it ("SoY tế")."""
    out: list[str] = []
    for i, t in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        opens = not out or out[-1].endswith((",", ";"))
        glued = re.fullmatch(r"S[oOơởỞ0]([A-ZĐ]\w*)", t)
        keys = [fold(x) for x in tokens]
        if (
            opens
            and _SO_FORMS.fullmatch(fold(t))
            and i + 1 < len(tokens)
            and fold(nxt) not in _DEPT_WORDS
            and (_agency_head(tokens, keys, i + 1))
        ):
            continue  # a speck read as "Sở" before another agency ("Sở Văn phòng UBND tỉnh")
        if glued and opens:
            out += ["Sở", glued.group(1)]
        elif opens and nxt[:1].isupper() and _SO_FORMS.fullmatch(fold(t)) and t != "Sở":
            out.append("Sở")
        else:
            out.append(t)
    return out


_LEAD_OPEN_END = {
    "va",
    "chi",
    "cac",
    "khoa",
    "hoc",
    "nha",
    "nuoc",
    "ngan",
    "hang",
    "so",
    "ban",
    "uy",
    "cong",
    "xa",
    "thi",
}


def _lead_incomplete(lead: str) -> bool:
    key = fold(lead).strip()
    return bool(key) and (key.endswith(",") or key.split()[-1] in _LEAD_OPEN_END)


def _pick_target(row: _Row) -> str | None:
    """The row's target: the numbered line's, else a comparison, else a number, else text."""
    found = [(p.target, bool(p.code)) for p in row.parts if p.target]
    if not found:
        return None
    number = re.compile(r"^\s*(?:≥|≤|>=|<=|>|<|=)?\s*\d")
    on_code = [t for t, c in found if c]
    signed = [t for t, _ in found if re.match(r"^\s*(?:≥|≤|>=|<=|>|<)\s*\d", t)]
    if on_code and (number.match(on_code[0]) or fold(on_code[0]) in _WORD_TARGETS):
        if signed and not re.match(r"^\s*(?:≥|≤|>=|<=|>|<|=)", on_code[0]) and len(on_code[0]) <= 2:
            return signed[0]  # a one- or two-digit speck beside a comparison printed nearby
        return on_code[0]
    if signed:
        return signed[0]
    text_parts = [t for t, _ in found if not number.match(t)]
    if any(len(t) > 12 for t in text_parts):
        # a number beside a text target is a stray (e.g. the end of an agency name)
        return collapse_spaces(" ".join(text_parts))
    numeric = [t for t, _ in found if number.match(t)]
    if numeric:
        return numeric[0]
    return collapse_spaces(" ".join(t for t, _ in found))


def _indicator(row: _Row) -> Indicator | None:
    unit = row.column("unit") or None
    if unit and " " in unit and all(p.unit in _UNIT_KEYS.values() for p in row.parts if p.unit):
        # several lines each matched a unit: keep the canonical unit the parts spell together
        joined = _unit_match(unit.split())
        unit = joined[0] if joined else row.parts[[bool(p.unit) for p in row.parts].index(True)].unit
    target_raw = _pick_target(row)
    lead_text = row.column("lead")
    if _lead_incomplete(lead_text):
        # "Ngân hàng Nhà nước chi" / "nhánh khu vực 10": the rest of the agency read as target.
        for p in row.parts:
            if (
                not p.code
                and p.target
                and p.target != target_raw
                and not re.match(r"^\s*(?:≥|≤|>|<)", p.target)
            ):
                tokens = p.name.split()
                take = 0
                for size in range(min(4, len(tokens)), 0, -1):
                    if (
                        not _meaningful(tokens[: len(tokens) - size])
                        or _resolve_agency(f"{lead_text} {' '.join(tokens[-size:])} {p.target}")[1] >= 0.88
                    ):
                        take = size
                        break
                if take == 0 and len(tokens) <= 3:
                    take = len(tokens)
                lead_text = collapse_spaces(
                    f"{lead_text} {' '.join(tokens[len(tokens) - take :])} {p.target}"
                )
                p.name = " ".join(tokens[: len(tokens) - take])
                break
    target = repair_target(target_raw, unit=unit, ocr=_looks_scanned(row.lines)) if target_raw else None
    if target and fold(target) in _WORD_TARGETS:
        target = _WORD_TARGETS[fold(target)]
    op, value, value_max = parse_target(target)
    if unit is None and target:
        unit = unit_hint(target)
    name = _clean_name(row.column("name"))
    if not name:
        return None
    lead, lead_conf = _split_leads(lead_text)
    base = 0.6 if row.repaired else 0.9
    conf = {
        "code": base,
        "name": round(base * (0.9 if len(row.lines) <= 3 else 0.75), 3),
        "unit": 0.8 if unit else 0.4,
        "target": 0.85 if target and op != "text" else (0.6 if target else 0.4),
        "lead": round(lead_conf * base, 3) if lead else 0.3,
        "horizon": 0.9 if row.horizon else 0.2,
        "group": 0.8 if row.group else 0.5,
    }
    conf["op"] = conf["target"]
    return Indicator(
        horizon=row.horizon,
        name=name,
        code=row.code,
        group=row.group,
        unit=unit,
        target=target,
        op=op,
        value=value,
        value_max=value_max,
        lead=lead,
        provenance=Provenance(source_lines=sorted({line.number for line in row.lines}), confidence=conf),
    )


def _repair_lost_signs(indicators: list[Indicator]) -> None:
    """Undo the scan's damage to comparison signs, judged over the whole table.

    Where most numeric targets carry a sign, a bare number opening with "2" and three or more
    digits ("220", "2500", "22.000") is a "≥" read as a "2"; and "≥ 0" says only that the
    number was lost.
    """
    numeric = [i for i in indicators if i.op != "text" and i.target]
    signed = [i for i in numeric if re.match(r"^[≥≤<>]", i.target or "")]
    for ind in indicators:
        target = ind.target or ""
        if ind.op in (">=", ">") and ind.value == 0:
            ind.value = None
            ind.provenance.confidence["target"] = 0.2
            continue
        m = re.fullmatch(r"2\s?([1-9]\d{1,}|[1-9]\.\d{3})", target)
        if m and numeric and len(signed) / len(numeric) >= 0.4:
            ind.target = "≥ " + m.group(1)
            ind.op, ind.value, ind.value_max = parse_target(ind.target)
            ind.provenance.confidence["target"] = 0.5


def _fill_merged_agency_cells(indicators: list[Indicator]) -> None:
    """A row with no agency between two rows of its group with the same agency: the agency
    cell was merged over the rows (printed once) or lost in the scan; take it, unsure."""
    for k in range(1, len(indicators) - 1):
        ind, before, after = indicators[k], indicators[k - 1], indicators[k + 1]
        same_block = (
            before.horizon == ind.horizon == after.horizon and before.group == ind.group == after.group
        )
        if not ind.lead and before.lead and before.lead == after.lead and same_block:
            ind.lead = list(before.lead)
            ind.provenance.confidence["lead"] = 0.3


def _repair_smudged_agencies(indicators: list[Indicator]) -> None:
    """An agency the scan smudged beyond reading ("Số"tế}ữ‘:’ảnh‘-}’l‘gva") is taken to be
    the table's most frequent agency with the same initial, at a low confidence."""
    known: dict[str, int] = {}
    for ind in indicators:
        for name in ind.lead:
            if name in AGENCY_DIRECTORY:
                known[name] = known.get(name, 0) + 1
    if not known:
        return
    for ind in indicators:
        fixed = []
        for name in ind.lead:
            if name in AGENCY_DIRECTORY:
                fixed.append(name)
                continue
            # "Sở Khoa học và": the rest of the name went to another line or row ("Sở Y ở": a
            # speck where the rest was)
            words = name.split()
            while len(words) > 2 and len(words[-1]) <= 2:
                words.pop()
            stem = fold(" ".join(words)).rstrip(" ,")
            fuller = [k for k in known if fold(k).startswith(stem) and len(words) >= 2]
            if not fuller and len(name.split()) >= 3:
                # "ứng ứng ở học và Công nghệ": the opening smudged, the end still reads
                end = " ".join(fold(name).split()[-3:])
                fuller = [k for k in known if fold(k).endswith(end)]
            if fuller:
                fixed.append(max(fuller, key=lambda k: known[k]))
                ind.provenance.confidence["lead"] = min(ind.provenance.confidence.get("lead", 0.5), 0.5)
                continue
            if not any(_garbage(t) for t in name.split()):
                fixed.append(name)
                continue
            same = [k for k in known if fold(k)[:1] == fold(name)[:1]]
            if not same:
                fixed.append(name)
                continue
            fixed.append(max(same, key=lambda k: known[k]))
            ind.provenance.confidence["lead"] = min(ind.provenance.confidence.get("lead", 0.4), 0.4)
        ind.lead = list(dict.fromkeys(fixed))


def _looks_scanned(lines: Sequence[Line]) -> bool:
    """True for OCR'd text (where ">" most likely stood for "≥"): no Vietnamese marks in raw."""
    raw = " ".join(line.raw for line in lines)
    return not re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", raw.lower())


# ---------------------------------------------------------------------------------------
# Prose targets


_PROSE_HORIZON = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?|[a-zđ]\)|[ivx]+\.)?\s*(?:t\S{0,2}m\s+nh\S{0,2}n\s+)?[dđpbt]\S{0,2}n\s*(?:h\S{0,2}t\s*)?n\S{0,2}m\s*(20\d\d)\W*$"
)
_SUBHEADING = re.compile(r"^\W*([a-zđ])\)\s*(.+)$")
_MAJOR = re.compile(r"^\W*([ivx]+|[0-9]+)\s*[.\-]\s*\S")


def _prose_indicators(lines: Sequence[Line]) -> list[Indicator]:
    out: list[Indicator] = []
    horizon: int | None = None
    group: str | None = None
    bullet: list[Line] = []
    in_block = False

    def flush() -> None:
        if bullet and horizon:
            ind = _prose_indicator(bullet, horizon, group)
            if ind is not None:
                out.append(ind)
        bullet.clear()

    for line in lines:
        key = line.key
        m = _PROSE_HORIZON.match(key)
        if m:
            flush()
            horizon, group, in_block = int(m.group(1)), None, True
            continue
        if not in_block:
            continue
        if not key:
            flush()
            continue
        sub = _SUBHEADING.match(line.text)
        if sub and len(key) < 80 and not re.search(r"\d", key):
            flush()
            group = collapse_spaces(sub.group(2)).strip(" :.")
            continue
        if _MAJOR.match(key) and line.text[:1].isalnum() and (line.text.isupper() or len(key) < 60):
            flush()
            if re.match(r"^\W*[ivx]+\s*[.\-]", key):
                in_block = False  # the next part of the plan (II. NHIỆM VỤ ...)
            horizon_kept = _PROSE_HORIZON.match(key)
            if not horizon_kept:
                in_block = in_block and not line.text.isupper()
            continue
        if re.match(r"^\s*[-–•+]", line.text) or re.match(r"^\W{0,2}[-–]", line.raw.strip()):
            flush()
            bullet.append(line)
            continue
        if bullet:
            bullet.append(line)
    flush()
    return out


_PROSE_TARGET = re.compile(
    r"(?:(≥|≤|>=|<=|>|<)\s*(\d+(?:[.,]\d+)*)\s*(%?)|(\d+(?:[.,]\d+)*)\s*(%))(\s*GRDP)?"
)


def _prose_indicator(bullet: Sequence[Line], horizon: int, group: str | None) -> Indicator | None:
    text = collapse_spaces(" ".join(line.text for line in bullet))
    text = re.sub(r"^\W*[-–•+]\s*", "", text)
    if len(text) < 8:
        return None
    name = text.rstrip(" .;")
    m = _PROSE_TARGET.search(text)
    target = unit = None
    op, value, value_max = "text", None, None
    if m:
        if m.group(1):
            sign = {">=": "≥", "<=": "≤"}.get(m.group(1), m.group(1))
            target = repair_target(f"{sign} {m.group(2)}", ocr=_looks_scanned(bullet))
            unit = "%" if m.group(3) else None
        else:
            target = m.group(4)
            unit = "%"
        if m.group(6) and unit:
            unit = "% GRDP"
        op, value, value_max = parse_target(target)
        if unit is None:
            after = text[m.end() :].split()
            for size in (3, 2, 1):
                found = _unit_match(after[:size])
                if found and found[1] >= 0.9:
                    unit = found[0]
                    break
    else:
        word = parse_target(text)
        if word[0] != "text" and word[1] is not None:
            op, value, value_max = word
            sign = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": ""}.get(op, "")
            number = f"{value:g}".replace(".", ",")
            target = f"{sign} {number}".strip()
        elif re.match(r"^c\S\s", fold(text)):
            target = "Có"
    conf = {
        "name": 0.6,
        "unit": 0.6 if unit else 0.3,
        "target": 0.7 if target else 0.3,
        "horizon": 0.9,
        "lead": 0.2,
    }
    return Indicator(
        horizon=horizon,
        name=name,
        code=None,
        group=group,
        unit=unit,
        target=target,
        op=op,
        value=value,
        value_max=value_max,
        lead=[],
        provenance=Provenance(source_lines=[line.number for line in bullet], confidence=conf),
    )
