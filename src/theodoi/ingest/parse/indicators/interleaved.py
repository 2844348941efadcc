"""Layout, OCR'd: a table whose columns interleave line by line.

The row number, the start of the name, the unit, the target and the monitoring agency share
one physical line, and the rest of the name (and of long cells) wraps onto the lines above and
below. Rows are the numbered lines chosen in sequence; lines between two numbered rows go to
the row below from the last one that opens a sentence (a capital letter), since an OCR'd row
number sits on a middle line of its row.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.parse.indicators.leads import starts_agency
from theodoi.ingest.parse.indicators.line_split import split_scanned
from theodoi.ingest.parse.indicators.names import name_starts_sentence
from theodoi.ingest.parse.indicators.numbering import (
    CODE,
    ROMAN,
    code_key,
    codes_between,
    number_chain,
    successors,
)
from theodoi.ingest.parse.indicators.rows import Parts, Row, mark_groups
from theodoi.ingest.parse.indicators.scan import is_meaningful
from theodoi.ingest.parse.indicators.table import horizon_of, is_header_line, is_noise
from theodoi.ingest.parse.indicators.tall_units import tall_unit
from theodoi.ingest.parse.indicators.wraps import (
    drop_agency_leftovers,
    merge_lead_continuations,
    repeated_unit_tail,
    text_target_continuation,
    unit_words_in_name,
    wrapped_unit,
)
from theodoi.ingest.text import collapse_spaces


def rows_interleaved(body: Sequence[Line]) -> list[Row]:
    lines = [line for line in body if not is_header_line(line) and not is_noise(line)]
    page_breaks = {line.number for line in body if line.key and is_header_line(line)}
    # 1. The skeleton: horizon rows, then numbered rows chosen in sequence (see number_chain).
    parts_of: dict[int, Parts] = {}
    blocks: list[tuple[int | None, int, list[int]]] = []  # (horizon, mark index, line indexes)
    current: list[int] = []
    blocks.append((None, -1, current))
    for i, line in enumerate(lines):
        h = horizon_of(line)
        if h:
            current = []
            blocks.append((h, i, current))
            continue
        roman = ROMAN.match(line.key)
        if roman and not CODE.match(line.key) and len(line.key) < 6:
            continue
        parts_of[i] = split_scanned(line.text, line.raw, with_code=True)
        current.append(i)
    marks: list[tuple[int, str, object]] = []  # (index, "horizon"|"row", value)
    previous: str | None = None
    for horizon, at, members in blocks:
        if horizon is not None:
            marks.append((at, "horizon", horizon))
        chain = number_chain([(i, parts_of[i].code) for i in members if parts_of[i].code], previous)
        if chain:
            previous = chain[-1][1]
        marks += _fill_rows(members, chain, parts_of)
    marks.sort(key=lambda m: m[0])
    # Numbered lines left out of the chain are name text ("17 I¢ ..." is "Tỷ lệ ..." misread).
    in_rows = {m[0] for m in marks if m[1] == "row"}
    for i, p in parts_of.items():
        if p.code and i not in in_rows:
            parts_of[i] = split_scanned(lines[i].text, lines[i].raw, with_code=False)
    for i in sorted(in_rows):
        code_line = parts_of.get(i)
        if code_line is not None and not code_line.target and not code_line.unit and i + 1 not in in_rows:
            wrapped_unit(i + 1, parts_of, in_rows - {i})  # the row's cells sit on the line below
        else:
            wrapped_unit(i, parts_of, in_rows)
    # 3. Assign the lines between numbered rows.
    rows: list[Row] = []
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
        code_parts = parts_of.get(idx) or Parts()
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
            nxt_parts = parts_of.get(b) or Parts()
            if name_starts_sentence(nxt_parts.name):
                split = len(between)
            else:
                # no line opens a sentence: the name below began on its own line, damaged
                split = len(between)
                for pos in range(len(between) - 1, -1, -1):
                    p = parts_of.get(between[pos]) or Parts()
                    wordy = len([w for w in p.name.split() if len(w) >= 2]) >= 3
                    if name_starts_sentence(p.name) and wordy:
                        split = pos
                        break
                else:
                    # no opening either: a line that opens an agency cell of its own starts the
                    # row below when the row above has its agency already
                    # (its agency may open on a line above its number: "Sở Khoa học và")
                    above = [x for x, o in owner.items() if o == k and x < a]
                    a_lead = any((parts_of.get(x) or Parts()).lead for x in [*above, a])
                    for pos in range(len(between) - 1, -1, -1):
                        p = parts_of.get(between[pos]) or Parts()
                        if a_lead and p.name and (p.unit or p.target) and starts_agency(p.lead):
                            split = pos
                            break
        # Name-less lines (only agency or target fragments) go to the nearer row; a page
        # break (a repeated header) between a fragment and the row below binds it upwards.
        for pos, j in enumerate(between):
            p = parts_of.get(j) or Parts()
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
                p = parts_of.get(j) or Parts()
                title_tail = p.name and not p.has_row_cells and not name_starts_sentence(p.name)
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
        row = Row(code=code, horizon=h, group=None, repaired=repaired)
        opens = name_starts_sentence((parts_of.get(idx) or Parts()).name)
        for j in sorted(by_mark.get(k, [])):
            p = parts_of.get(j)
            if p is None:
                continue
            if j < idx and opens and p.name:
                # The name opens on the numbered line, so text above it belongs to a long
                # cell of another column (a text target centred on the row).
                p = Parts(unit=p.unit, target=collapse_spaces(f"{p.name} {p.target}"), lead=p.lead)
            row.lines.append(lines[j])
            row.parts.append(p)
        tall_unit(row)
        unit_words_in_name(row)
        repeated_unit_tail(row)
        text_target_continuation(row)
        if budget[0] > 0:
            budget[0] -= len(row.parts)
            merge_lead_continuations(row)
        drop_agency_leftovers(row)
        rows.append(row)
    mark_groups(rows)
    return rows


def _is_row_line(p: Parts) -> bool:
    return name_starts_sentence(p.name) and bool(p.unit or p.target) and bool(p.lead)


def _fill_rows(members: list[int], chain: list[tuple[int, str]], parts_of: dict[int, Parts]) -> list:
    """Marks for the chain's rows plus rows whose number was lost or misread."""
    marks: list[tuple[int, str, object]] = [(i, "row", (code, False)) for i, code in chain]
    chained = {i for i, _ in chain}
    bounds = [(-1, None), *chain, (10**9, None)]
    for (ia, a), (ib, b) in itertools.pairwise(bounds):
        inside = [i for i in members if ia < i < ib and i not in chained]
        if not inside:
            continue
        missing = codes_between(a, b) if b else []
        b_parts = parts_of.get(ib)
        # a new top-level number after sub-rows opens a group or a row of its own
        b_opens_block = bool(a and b and "." in a and "." not in b)
        b_has_cells = b_parts is None or b_parts.has_row_cells or b_opens_block
        fills = [i for i in inside if _is_row_line(parts_of[i]) and (b_has_cells or i != inside[-1])]
        numbered = [i for i in inside if parts_of[i].code and name_starts_sentence(parts_of[i].name)]
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
                    and is_meaningful(parts_of[i].name.split())
                ]
            nxt = successors(a)[0]
            if fills and (b is None or code_key(nxt) < code_key(b)):
                marks.append((fills[0], "row", (nxt, True)))
    return marks
