"""Read an Excel workbook (.xlsx): each visible sheet's non-empty cells, row by row.

A task list arrives as a sheet with a header row (TT, Tên nhiệm vụ, Cơ quan chủ trì, Cơ quan
phối hợp, Kết quả, Thời gian); finding that header is the layout stage's work. Here each
non-empty cell becomes one line with ``cell=CellRef(sheet index, row, col)`` (0-based) and
``page`` = the sheet's 1-based position. A merged range appears once, at its top-left cell:
read-only openpyxl does not expose merges, so they are read from the sheet's XML, and values
LibreOffice keeps in the hidden cells of a merge are dropped. Values print as the plan prints
them: 80 not 80.0, 0,75 with a decimal comma, dates as dd/mm/yyyy (mm/yyyy when the cell's
format has no day).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import time
import unicodedata
import zipfile
from xml.etree.ElementTree import iterparse

import openpyxl
from openpyxl.utils.cell import range_boundaries

from theodoi.ingest.document import CellRef, SourceDocument, SourceLine
from theodoi.ingest.errors import DocumentTooLarge, IngestError, ReadTimeout, UnreadableDocument
from theodoi.ingest.read.container import open_checked_zip
from theodoi.ingest.read.limits import ReadLimits, vn_int

logger = logging.getLogger(__name__)

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def read_xlsx(data: bytes, *, name: str, limits: ReadLimits) -> SourceDocument:
    """Read a .xlsx already sniffed as one; raise UnreadableDocument if the workbook is broken."""
    archive = open_checked_zip(data, name=name, limits=limits, what="Excel")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    # openpyxl raises whatever its XML and zip layers raise (KeyError for a missing part,
    # ParseError, ValueError, TypeError...) on a damaged file; here all mean "not readable".
    except Exception as e:
        logger.info("xlsx %s not readable: %r", name, e)
        raise UnreadableDocument(
            f"Tệp Excel “{name}” bị hỏng hoặc không phải tệp .xlsx hợp lệ, không đọc được.", code="corrupt"
        ) from e
    lines: list[SourceLine] = []
    warnings: list[str] = []
    started = time.monotonic()
    try:
        for index, sheet in enumerate(workbook.worksheets):
            if sheet.sheet_state != "visible":
                warnings.append(f"Bỏ qua trang tính ẩn “{sheet.title}”.")
                continue
            covered = _covered_cells(archive, getattr(sheet, "_worksheet_path", None))
            # read-only mode trusts the sheet's <dimension>, which some exporters write as "A1":
            # forget it and read every row the sheet holds
            sheet.reset_dimensions()
            for r, row in enumerate(sheet.iter_rows()):
                if r % 1000 == 999 and time.monotonic() - started > limits.total_timeout:
                    raise ReadTimeout(
                        f"Đọc tệp Excel “{name}” quá {vn_int(round(limits.total_timeout))} giây "
                        f"(trang tính “{sheet.title}” có quá nhiều hàng), đã dừng."
                    )
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None or (cell.row, cell.column) in covered:
                        continue
                    text = unicodedata.normalize(
                        "NFC", _text(value, getattr(cell, "number_format", "General"))
                    )
                    for part in text.splitlines():
                        if not part.strip():
                            continue
                        if len(lines) >= limits.max_lines:
                            raise DocumentTooLarge(
                                f"Tệp Excel “{name}” có hơn {vn_int(limits.max_lines)} ô có dữ liệu, vượt giới hạn.",
                                code="too_many_lines",
                            )
                        lines.append(
                            SourceLine(
                                number=len(lines) + 1,
                                text=part.strip(),
                                page=index + 1,
                                cell=CellRef(table=index, row=cell.row - 1, col=cell.column - 1),
                            )
                        )
    except IngestError:
        raise
    # read-only openpyxl parses each sheet while it is iterated, so damage inside a sheet
    # surfaces here as whatever its zip and XML layers raise (zlib.error, ParseError, KeyError...)
    except Exception as e:
        logger.info("xlsx %s sheet not readable: %r", name, e)
        raise UnreadableDocument(
            f"Tệp Excel “{name}” có nội dung hỏng, không đọc được.", code="corrupt"
        ) from e
    finally:
        workbook.close()
        archive.close()
    if not lines:
        raise UnreadableDocument(f"Tệp Excel “{name}” không có ô nào có dữ liệu.", code="empty")
    return SourceDocument(
        name=name, kind="xlsx", lines=lines, pages=len(workbook.worksheets), warnings=warnings
    )


def _covered_cells(archive: zipfile.ZipFile, path: str | None) -> set[tuple[int, int]]:
    """Return (row, col) of the cells a merge hides (all but each range's top-left), 1-based."""
    if not path:
        return set()
    covered: set[tuple[int, int]] = set()
    try:
        with archive.open(path.lstrip("/")) as part:
            for _event, el in iterparse(part):
                if el.tag == f"{_MAIN_NS}mergeCell":
                    min_col, min_row, max_col, max_row = range_boundaries(el.get("ref", ""))
                    if (max_row - min_row + 1) * (max_col - min_col + 1) <= 1_000_000:
                        covered.update(
                            (r, c)
                            for r in range(min_row, max_row + 1)
                            for c in range(min_col, max_col + 1)
                            if (r, c) != (min_row, min_col)
                        )
                if el.tag != f"{_MAIN_NS}mergeCells":
                    el.clear()
    except KeyError:
        return set()
    return covered


def _text(value: object, number_format: str) -> str:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        fmt = number_format.lower()
        return value.strftime("%d/%m/%Y") if "d" in fmt or fmt == "general" else value.strftime("%m/%Y")
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, (int, float)) and "%" in number_format:
        return _number(value * 100) + "%"
    if isinstance(value, float):
        return _number(value)
    return str(value)


def _number(value: float) -> str:
    if isinstance(value, float):
        value = round(value, 10)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value).replace(".", ",")
    return str(value)
