"""Prose targets: bullets under "Đến hết năm 2025" headings ("- Có ≥ 15 doanh nghiệp ...")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.normalise.targets import parse_target, repair_target
from theodoi.ingest.parse.indicators.scan import looks_scanned
from theodoi.ingest.parse.indicators.units import unit_match
from theodoi.ingest.plan import Indicator, Provenance
from theodoi.ingest.text import collapse_spaces, fold

_PROSE_HORIZON = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?|[a-zđ]\)|[ivx]+\.)?\s*(?:t\S{0,2}m\s+nh\S{0,2}n\s+)?[dđpbt]\S{0,2}n\s*(?:h\S{0,2}t\s*)?n\S{0,2}m\s*(20\d\d)\W*$"
)


_SUBHEADING = re.compile(r"^\W*([a-zđ])\)\s*(.+)$")


_MAJOR = re.compile(r"^\W*([ivx]+|[0-9]+)\s*[.\-]\s*\S")


def prose_indicators(lines: Sequence[Line]) -> list[Indicator]:
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
            target = repair_target(f"{sign} {m.group(2)}", ocr=looks_scanned(bullet))
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
                found = unit_match(after[:size])
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
