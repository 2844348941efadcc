"""Prose targets: bullets under "Đến hết năm 2025" headings ("- Có ≥ 15 doanh nghiệp ...")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.normalise.targets import find_range, parse_number, parse_target, repair_target
from theodoi.ingest.parse.indicators.scan import looks_scanned
from theodoi.ingest.parse.indicators.units import UNIT_KEYS, unit_match
from theodoi.ingest.plan import Indicator, Provenance
from theodoi.ingest.text import collapse_spaces, fold

# A horizon heading: "2.1. Đến hết năm 2025", "a) Mục tiêu đến năm 2030", "Tầm nhìn đến năm
# 2045", "Giai đoạn 2026 - 2030" (its last year), "Đến năm 2030, phấn đấu đạt các chỉ tiêu sau:".
_HEADING_OPEN = (
    r"^\W*(?:\d+(?:\.\d+)*\.?|[a-zđ]\)|[ivx]+\.)?\s*(?:m\S{0,2}c\s+ti\S{0,2}u\s+(?:c\S\s+th\S\s+)?)?"
)
_HEADING_CLOSE = r"(?:\W*$|\s*,[^\d]{0,60}:\W*$)"
_PROSE_HORIZON = re.compile(
    _HEADING_OPEN
    + r"(?:t\S{0,2}m\s+nh\S{0,2}n\s+)?[dđpbt]\S{0,2}n\s*(?:h\S{0,2}t\s*)?n\S{0,2}m\s*(20\d\d)"
    + _HEADING_CLOSE
)
_PROSE_PERIOD = re.compile(_HEADING_OPEN + r"giai\s+do\S{0,2}n\s*20\d\d\s*[-–]\s*(20\d\d)" + _HEADING_CLOSE)


def _horizon(key: str) -> int | None:
    m = _PROSE_HORIZON.match(key) or _PROSE_PERIOD.match(key)
    return int(m.group(1)) if m else None


# The tasks part ("IV. NHIỆM VỤ VÀ GIẢI PHÁP") ends the targets: its periods are no horizons.
_TASKS_PART = re.compile(r"^\W*[ivx]+\s*[.\-–)]\s*(?:cac\s+)?nhiem\s+vu\b")


_SUBHEADING = re.compile(r"^\W*([a-zđ])\)\s*(.+)$")


_MAJOR = re.compile(r"^\W*([ivx]+|[0-9]+)\s*[.\-]\s*\S")


def prose_indicators(lines: Sequence[Line]) -> list[Indicator]:
    out: list[Indicator] = []
    horizon: int | None = None
    group: str | None = None
    bullet: list[Line] = []
    in_block = False
    gap = False  # a blank line since the bullet's last line
    margin = _full_line(lines)

    def flush() -> None:
        if bullet and horizon:
            ind = _prose_indicator(bullet, horizon, group)
            if ind is not None:
                out.append(ind)
        bullet.clear()

    for line in lines:
        key = line.key
        if _TASKS_PART.match(key):
            break
        year = _horizon(key)
        if year:
            flush()
            horizon, group, in_block = year, None, True
            continue
        if not in_block:
            continue
        if not key:
            gap = True
            continue
        cut = bool(bullet) and _cut_at_margin(bullet[-1], line, margin)
        if gap and not cut:
            flush()
        gap = False
        sub = _SUBHEADING.match(line.text)
        if sub and len(key) < 80 and not re.search(r"\d", key):
            flush()
            group = collapse_spaces(sub.group(2)).strip(" :.")
            continue
        if sub:  # "a) Tỷ lệ ... đạt 80%": a lettered item stating a number is a target
            flush()
            bullet.append(line)
            continue
        if _MAJOR.match(key) and line.text[:1].isalnum() and (line.text.isupper() or len(key) < 60):
            flush()
            if re.match(r"^\W*[ivx]+\s*[.\-]", key):
                in_block = False  # the next part of the plan (II. NHIỆM VỤ ...)
            if not _horizon(key):
                in_block = in_block and not line.text.isupper()
            continue
        if re.match(r"^\s*[-–•+]", line.text) or re.match(r"^\W{0,2}[-–]", line.raw.strip()):
            if cut:
                bullet.append(line)  # "kinh tế" / "- xã hội": a hyphen the line break put first
                continue
            flush()
            bullet.append(line)
            continue
        if bullet:
            bullet.append(line)
    flush()
    return out


def _full_line(lines: Sequence[Line]) -> int:
    """The length of a full line of the page: the 90th percentile of the line lengths."""
    sizes = sorted(len(line.text) for line in lines if line.key)
    return sizes[len(sizes) * 9 // 10] if sizes else 0


def _cut_at_margin(last: Line, line: Line, margin: int) -> bool:
    """Whether ``line`` carries on the sentence ``last`` breaks off at the right margin.

    A sentence a page break splits goes on after a blank line, and one broken inside
    "kinh tế - xã hội" goes on after a dash that looks like a new bullet. Either way the line
    before runs to the margin with no closing stop, and the next words start in lower case
    (a new bullet or paragraph starts with a capital).
    """
    if not margin or len(last.text) < 0.85 * margin or last.text.rstrip()[-1:] in ".;:!?":
        return False
    first = re.search(r"[^\W\d_]", line.text)
    return first is not None and first.group().islower()


_PROSE_TARGET = re.compile(
    r"(?:(≥|≤|>=|<=|>|<)\s*(\d+(?:[.,]\d+)*)\s*(%?)|(\d+(?:[.,]\d+)*)\s*(%))(\s*GRDP)?"
)


def _prose_indicator(bullet: Sequence[Line], horizon: int, group: str | None) -> Indicator | None:
    text = collapse_spaces(" ".join(line.text for line in bullet))
    text = re.sub(r"^\W*(?:[-–•+]|[a-zđ]\))\s*", "", text)
    if len(text) < 8:
        return None
    name = text.rstrip(" .;")
    target, unit, (op, value, value_max), end = _prose_target(text, ocr=looks_scanned(bullet))
    if unit is None and end is not None:
        unit = _unit_after(text, end)
    if target is None and _SUBHEADING.match(bullet[0].text):
        return None  # "a) Về hạ tầng số (gồm 5 chỉ tiêu)": a lettered heading, not a target
    conf = {
        "name": 0.4 if _doubtful_name(name) else 0.6,
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


# Marks a scan leaves inside a word ("tổ’'ứng", "(*ứng", "&¢ng", "náu®i"): anything but
# letters, digits and the punctuation of a sentence; and letters glued to digits that spell no
# code or generation ("8C" for "Có"; not "5G", "57-NQ/TW", "01Gb/s", "KH&CN").
_SMUDGED = re.compile(r"[^\w.,;:()%/\-–\"“”≥≤<>=+]|_|^\d+[^\W\d_]+$")
_CODE_LIKE = re.compile(r"^\d[GgBb]$|/|^[A-Z]+&[A-Z]+$")


def _doubtful_name(name: str) -> bool:
    """Whether a scan likely damaged a target's sentence: a smudged word, or a sentence opening
    in lower case (its capital, or its start, was lost; "100% cán bộ" opens with a number)."""
    if name[:1].islower():
        return True
    words = (w.strip('.,;:()"“”') for w in name.split())
    return any(_SMUDGED.search(w) and not _CODE_LIKE.search(w) for w in words if w)


def _prose_target(
    text: str, *, ocr: bool
) -> tuple[str | None, str | None, tuple[str, float | None, float | None], int | None]:
    """Return the target a sentence states, the unit it carries, its parse and where it ends.

    A sign or a percentage ("≥ 15", "80%") or a range ("8 - 10", "từ 50 đến 60"), whichever
    comes first; else a comparison in words ("có từ 07"); else "Có" for "Có Trung tâm ...".
    """
    m = _PROSE_TARGET.search(text)
    span = find_range(text)
    if span is not None and (m is None or span[0] <= m.start()):
        _start, end, low, high, percent = span
        unit = "%" if percent else None
        if unit and fold(text[end:]).startswith("grdp"):
            unit = "% GRDP"
        return f"{_printed(low)} - {_printed(high)}", unit, ("range", low, high), end
    if m:
        if m.group(1):
            sign = {">=": "≥", "<=": "≤"}.get(m.group(1), m.group(1))
            target = repair_target(f"{sign} {m.group(2)}", ocr=ocr)
            unit = "%" if m.group(3) else None
        else:
            word = _COMPARED.search(fold(text[: m.start()]))
            sign = _WORD_SIGNS[word.group(1)] if word else ""
            target = f"{sign} {m.group(4)}".strip()  # "đạt tối thiểu 80%": ≥ 80
            unit = "%"
        if m.group(6) and unit:
            unit = "% GRDP"
        return target, unit, parse_target(target), m.end()
    op, value, value_max = parse_target(text)
    if op != "text" and value is not None:
        sign = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": ""}.get(op, "")
        end = next(
            (n.end() for n in re.finditer(r"\d+(?:[.,]\d+)*", text) if parse_number(n.group()) == value),
            None,
        )
        return f"{sign} {_printed(value)}".strip(), None, (op, value, value_max), end
    for n in re.finditer(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w.,]*\w)", text):
        # "Có 20 doanh nghiệp công nghệ số": a count the next words name the unit of
        number = parse_number(n.group())
        if number is not None and _unit_after(text, n.end()) and not 1900 <= number <= 2100:
            return n.group(), None, ("=", number, None), n.end()
    if re.match(r"^c\S\s", fold(text)):
        return "Có", None, ("text", None, None), None
    return None, None, ("text", None, None), None


# A comparison in words just before a percentage ("đạt tối thiểu 80%", "trên 30%",
# "từ 70% trở lên"), and the sign it prints as.
_WORD_SIGNS = {
    "toi thieu": "≥", "it nhat": "≥", "khong it hon": "≥", "khong duoi": "≥", "tu": "≥",
    "tren": ">", "hon": ">", "vuot": ">", "toi da": "≤", "khong qua": "≤", "khong vuot qua": "≤",
    "duoi": "<",
}  # fmt: skip
_COMPARED = re.compile(r"\b(" + "|".join(sorted(_WORD_SIGNS, key=len, reverse=True)) + r")\s*$")


def _printed(number: float) -> str:
    return f"{number:g}".replace(".", ",")


# "trên 01 vạn dân", "trên 1.000 dân": a count per head of population.
_PER_CAPITA = re.compile(r"\btren\s+(?:0?1\s+van|1\.?000)\s+dan\b")


def _unit_after(text: str, end: int) -> str | None:
    """The unit the words after a target's number spell ("≥ 15 doanh nghiệp ..."), made a
    rate where the sentence counts per head ("07 người ... trên 01 vạn dân": Người/vạn dân)."""
    after: list[str] = []
    for word in text[end:].split()[:3]:
        after.append(word.rstrip(".,;:"))
        if word != after[-1]:
            break  # "0,5 điểm.": the unit ends with its sentence or clause
    unit = None
    for size in (3, 2, 1):
        found = unit_match(after[:size])
        if found and found[1] >= 0.9:
            unit = found[0]
            break
    per = _PER_CAPITA.search(fold(text[end:]))
    if unit and per:
        base = "/vạn dân" if "van" in per.group() else "/1000 dân"
        unit = UNIT_KEYS.get(fold(unit + base), unit)
    return unit
