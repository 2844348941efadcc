"""Layout: a real table (.docx, .pdf, .xlsx), its columns mapped through the header row."""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.layout.table import (
    follows,
    letters_only,
    number_between,
    row_tail_over_page,
    with_lost_dot,
)
from theodoi.ingest.parse.indicators.rows import Parts, Row, mark_groups
from theodoi.ingest.parse.indicators.table import HORIZON, horizon_of
from theodoi.ingest.text import collapse_spaces, fold

# header words by column role; " ?": a scan may glue two words of a header ("Đơn vịtính")
_COLUMN_ROLES = (
    ("code", re.compile(r"^(s?tt|so ?tt|so ?thu ?tu)$")),
    ("unit", re.compile(r"don ?vi")),
    ("lead", re.compile(r"co ?quan|chu ?tri|theo ?doi|phu ?trach")),
    ("target", re.compile(r"ket ?qua|muc ?tieu|can ?dat|yeu ?cau|gia ?tri")),
    ("name", re.compile(r"chi ?tieu|noi ?dung|ten")),
)


def rows_from_cells(body: Sequence[Line]) -> list[Row]:
    """Rows of a real table (.docx, .pdf, .xlsx): columns mapped through the header row."""
    grouped: dict[tuple[int, int], list[Line]] = {}
    for line in body:
        if line.cell is not None and line.key:
            grouped.setdefault((line.cell.table, line.cell.row), []).append(line)
    roles: dict[int, str] = {}
    years: dict[int, int] = {}  # target columns headed by their horizon ("Năm 2030")
    under_header = False
    rows: list[Row] = []
    horizon: int | None = None
    last: str | None = None
    opened: set[int] = set()  # tables whose first row has been read
    for (table, _row), cells in grouped.items():
        by_col: dict[int, list[Line]] = {}
        for line in cells:
            by_col.setdefault(line.cell.col, []).append(line)  # type: ignore[union-attr]
        texts = {col: collapse_spaces(" ".join(x.text for x in ls)) for col, ls in by_col.items()}
        header = {col: _column_role(letters_only(fold(t))) for col, t in texts.items()}
        if sum(1 for r in header.values() if r) >= 2 and "name" in header.values():
            roles = {col: r for col, r in header.items() if r}
            years = _column_years(texts)
            roles.update(dict.fromkeys(years, "target"))  # "Chỉ tiêu đến năm 2030" holds targets
            under_header = True
            continue
        if under_header:
            under_header = False
            below = {c: y for c, y in _column_years(texts).items() if roles.get(c) in (None, "target")}
            if below and not any(_CODE.fullmatch(texts.get(c, "")) for c, r in roles.items() if r == "code"):
                years.update(below)  # "Mục tiêu" merged over "Năm 2025" | "Năm 2030"
                roles.update(dict.fromkeys(below, "target"))
                continue
        joined = " ".join(texts[c] for c in sorted(texts))
        h = horizon_of(cells[0]) if len(fold(joined)) <= 60 else None
        if h is None:
            m = HORIZON.search(fold(joined)) if len(fold(joined)) <= 60 else None
            h = int(m.group(1)) if m else None
        code_text = next((texts[c] for c, r in roles.items() if r == "code" and c in texts), "")
        first_row = table not in opened
        opened.add(table)
        if not code_text and first_row and rows and row_tail_over_page([texts[c] for c in sorted(texts)]):
            rows[-1].parts.append(_parts(None, texts, roles))  # a row's tail broken onto the next page
            rows[-1].lines.extend(cells)
            continue
        if h and not re.fullmatch(r"\d+(\.\d+)*\.?", code_text):
            horizon = h
            continue
        if not roles:
            continue
        if not _CODE.fullmatch(code_text):
            parts = _parts(None, texts, roles)
            if code_text and parts.name and (parts.unit or parts.target):  # a number the scan garbled
                rows.append(Row(code=None, horizon=horizon, group=None, lines=list(cells), parts=[parts]))
            continue
        last = code_text.rstrip(".")
        target_years = {col: year for col, year in years.items() if roles.get(col) == "target"}
        if not target_years:
            rows.append(
                Row(
                    code=last,
                    horizon=horizon,
                    group=None,
                    lines=list(cells),
                    parts=[_parts(last, texts, roles)],
                )
            )
            continue
        for col, year in sorted(target_years.items()):  # one indicator per horizon column
            own = {c: r for c, r in roles.items() if c == col or c not in target_years}
            rows.append(
                Row(code=last, horizon=year, group=None, lines=list(cells), parts=[_parts(last, texts, own)])
            )
    rows = _number_between(rows)
    mark_groups(rows)
    return rows


_CODE = re.compile(r"\d{1,3}(\.\d{1,2}){0,2}\.?")


def _number_between(rows: list[Row]) -> list[Row]:
    """Number a row whose printed number the scan garbled from its neighbours; drop it if it has none.

    Between 7 and 9 stands 8, between 8.1 and 8.3 stands 8.2 (``number_between``); "32" after
    3.1 is 3.2 whose dot the scan lost (``with_lost_dot``); a number in turn is kept. The
    number is marked as inferred (``repaired``).
    """
    kept: list[Row] = []
    for k, row in enumerate(rows):
        before = kept[-1].code if kept else None
        dotted = with_lost_dot(row.code or "", before or "")
        if dotted:  # "32" after 3.1: the scan lost the dot of 3.2
            row.code, row.repaired = dotted, True
            row.parts[0].code = dotted
        after = rows[k + 1].code if k + 1 < len(rows) else None
        code = number_between(before, after)
        if code is None and row.code is None:
            continue
        if (
            code is not None and code != row.code and not follows(before or "", row.code or "")
        ):  # no number, or one read wrong ("222" between 21 and 23)
            row.code, row.repaired = code, True
            row.parts[0].code = code
        kept.append(row)
    return kept


def _parts(code: str | None, texts: dict[int, str], roles: dict[int, str]) -> Parts:
    """One table row's cells by column role."""
    parts = Parts(code=code)
    for col, text in texts.items():
        role = roles.get(col)
        if role in ("name", "unit", "target", "lead"):
            setattr(parts, role, collapse_spaces(f"{getattr(parts, role)} {text}"))
    return parts


def _column_years(texts: dict[int, str]) -> dict[int, int]:
    """Header cells that name a year ("Năm 2025", "Chỉ tiêu đến năm 2030", "2030"): target
    columns, one per horizon, where a plan sets its targets side by side."""
    found: dict[int, int] = {}
    for col, text in texts.items():
        key = letters_only(fold(text))
        m = re.search(r"(?:^|\b(?:nam|den|giai doan))\s*(20\d\d)\s*$", key)
        if m and len(key) <= 40:
            found[col] = int(m.group(1))
    return found


def _column_role(key: str) -> str | None:
    for role, pattern in _COLUMN_ROLES:
        if pattern.search(key):
            return role
    return None
