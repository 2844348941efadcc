"""A rebuilt row becomes an ``Indicator`` with its provenance and per-field confidence."""

from __future__ import annotations

import re

from theodoi.ingest.normalise.targets import parse_target, repair_target, unit_hint
from theodoi.ingest.parse.indicators.leads import lead_incomplete, resolve_cached, split_leads
from theodoi.ingest.parse.indicators.names import clean_name
from theodoi.ingest.parse.indicators.rows import Row
from theodoi.ingest.parse.indicators.scan import is_meaningful, looks_scanned
from theodoi.ingest.parse.indicators.target_cell import WORD_TARGETS, pick_target
from theodoi.ingest.parse.indicators.units import UNIT_KEYS, unit_match
from theodoi.ingest.plan import Indicator, Provenance
from theodoi.ingest.text import collapse_spaces, fold


def row_indicator(row: Row) -> Indicator | None:
    unit = row.column("unit") or None
    if unit and " " in unit and all(p.unit in UNIT_KEYS.values() for p in row.parts if p.unit):
        # several lines each matched a unit: keep the canonical unit the parts spell together
        joined = unit_match(unit.split())
        unit = joined[0] if joined else row.parts[[bool(p.unit) for p in row.parts].index(True)].unit
    target_raw = pick_target(row)
    lead_text = row.column("lead")
    if lead_incomplete(lead_text):
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
                        not is_meaningful(tokens[: len(tokens) - size])
                        or resolve_cached(f"{lead_text} {' '.join(tokens[-size:])} {p.target}")[1] >= 0.88
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
    target = repair_target(target_raw, unit=unit, ocr=looks_scanned(row.lines)) if target_raw else None
    if target and fold(target) in WORD_TARGETS:
        target = WORD_TARGETS[fold(target)]
    op, value, value_max = parse_target(target)
    if unit is None and target:
        unit = unit_hint(target)
    name = clean_name(row.column("name"))
    if not name:
        return None
    lead, lead_conf = split_leads(lead_text)
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
