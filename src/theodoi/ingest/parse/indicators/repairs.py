"""Repairs of a scan judged over the whole table: lost comparison signs, smudged or
merged agency cells.
"""

from __future__ import annotations

import re

from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY
from theodoi.ingest.normalise.targets import parse_target
from theodoi.ingest.parse.indicators.scan import is_garbage
from theodoi.ingest.plan import Indicator
from theodoi.ingest.text import fold


def repair_lost_signs(indicators: list[Indicator]) -> None:
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


def fill_merged_agency_cells(indicators: list[Indicator]) -> None:
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


def repair_smudged_agencies(indicators: list[Indicator]) -> None:
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
            if not any(is_garbage(t) for t in name.split()):
                fixed.append(name)
                continue
            same = [k for k in known if fold(k)[:1] == fold(name)[:1]]
            if not same:
                fixed.append(name)
                continue
            fixed.append(max(same, key=lambda k: known[k]))
            ind.provenance.confidence["lead"] = min(ind.provenance.confidence.get("lead", 0.4), 0.4)
        ind.lead = list(dict.fromkeys(fixed))
