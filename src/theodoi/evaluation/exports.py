"""Tables as files people open in Excel (xuất dữ liệu): .xlsx with real numbers and dates, .csv.

A ``Table`` is what a page shows, cell for cell; the pages build them and these functions only
write them. CSV is UTF-8 with a byte-order mark (Excel reads the diacritics right), numbers with
a decimal comma and dates dd/mm/yyyy, as Vietnamese users type them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

Cell = str | int | float | dt.date | None


@dataclass
class Table:
    title: str  # also the sheet name (Excel allows 31 characters)
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""  # what the figures mean, written above the table in .xlsx


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return (f"{value:.1f}" if not value.is_integer() else str(int(value))).replace(".", ",")
    return str(value)


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Bang"
    base, n = name, 2
    while name in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def to_xlsx(tables: Sequence[Table]) -> bytes:
    """Write one sheet per table: a bold header row, frozen, numbers and dates as such."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    used: set[str] = set()
    head_fill = PatternFill("solid", fgColor="E6EEF8")
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.title, used))
        first = 1
        if table.note:
            sheet.cell(row=1, column=1, value=table.note).font = Font(italic=True)
            first = 3
        for col, header in enumerate(table.headers, start=1):
            cell = sheet.cell(row=first, column=col, value=header)
            cell.font = Font(bold=True)
            cell.fill = head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [len(h) for h in table.headers]
        for r, row in enumerate(table.rows, start=first + 1):
            for col, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=col, value=_xlsx_value(value))
                if isinstance(value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
                elif isinstance(value, float):
                    cell.number_format = "0.0"
                widths[col - 1] = max(widths[col - 1], min(len(_csv_cell(value)), 60))
        for col, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = max(8, width + 2)
        sheet.freeze_panes = sheet.cell(row=first + 1, column=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: Cell) -> Any:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return value
