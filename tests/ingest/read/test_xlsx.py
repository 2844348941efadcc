"""The Excel reader: each visible sheet's non-empty cells, merges once, values as printed."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from theodoi.ingest.document import CellRef
from theodoi.ingest.errors import DocumentTooLarge, ReadTimeout, UnreadableDocument
from theodoi.ingest.read import ReadLimits, read_bytes


def _cells(document):
    return {line.cell: line.text for line in document.lines}


def _rewrite(data: bytes, part: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            body = source.read(info)
            z.writestr(info, change(body) if info.filename == part else body)
    return out.getvalue()


def test_header_row_and_tasks_are_read_cell_by_cell(task_xlsx):
    document = read_bytes(task_xlsx, name="nhiem-vu.xlsx")
    cells = _cells(document)

    assert [cells[CellRef(0, 0, c)] for c in range(6)] == [
        "TT",
        "Tên nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Kết quả",
        "Thời gian",
    ]
    assert cells[CellRef(0, 2, 1)] == "Ban hành quy chế quản lý dữ liệu"
    assert cells[CellRef(0, 3, 5)] == "Thường xuyên"
    assert document.kind == "xlsx"
    assert document.sha256


def test_numbers_print_as_the_plan_prints_them(task_xlsx):
    cells = _cells(read_bytes(task_xlsx, name="nhiem-vu.xlsx"))

    assert cells[CellRef(0, 1, 0)] == "1"
    assert cells[CellRef(0, 1, 6)] == "80%"
    assert cells[CellRef(0, 1, 7)] == "0,75"


def test_merged_lead_is_read_once_even_when_hidden_cells_keep_a_value(task_xlsx):
    # LibreOffice can keep the old value of a cell hidden under a merge; it must not come back
    data = _rewrite(
        task_xlsx,
        "xl/worksheets/sheet1.xml",
        lambda body: body.replace(
            b'<c r="D3"', '<c r="C3" t="inlineStr"><is><t>giá trị ẩn</t></is></c><c r="D3"'.encode(), 1
        ),
    )

    document = read_bytes(data, name="nhiem-vu.xlsx")

    assert [line.cell for line in document.lines if line.text == "Sở Khoa học và Công nghệ"] == [
        CellRef(0, 1, 2)
    ]
    assert "giá trị ẩn" not in document.text


def test_a_wrong_sheet_dimension_does_not_hide_rows(task_xlsx):
    # some exporters declare the used range as A1 whatever the sheet holds
    data = _rewrite(
        task_xlsx,
        "xl/worksheets/sheet1.xml",
        lambda body: body.replace(b'<dimension ref="A1:H4"/>', b'<dimension ref="A1"/>', 1),
    )
    assert data != task_xlsx

    cells = _cells(read_bytes(data, name="nhiem-vu.xlsx"))

    assert cells[CellRef(0, 3, 5)] == "Thường xuyên"


def test_hidden_sheets_are_skipped_with_a_warning(task_xlsx):
    document = read_bytes(task_xlsx, name="nhiem-vu.xlsx")

    assert "không đọc" not in document.text
    assert document.warnings == ["Bỏ qua trang tính ẩn “Nháp”."]


def test_dates_print_day_first_or_month_and_year():
    import datetime as dt

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = dt.date(2025, 12, 31)
    workbook.active["A2"] = dt.date(2026, 3, 1)
    workbook.active["A2"].number_format = "mm/yyyy"
    out = io.BytesIO()
    workbook.save(out)

    texts = [line.text for line in read_bytes(out.getvalue(), name="ngay.xlsx").lines]

    assert texts == ["31/12/2025", "03/2026"]


def test_too_many_cells_is_refused(task_xlsx):
    with pytest.raises(DocumentTooLarge) as caught:
        read_bytes(task_xlsx, name="nhiem-vu.xlsx", limits=ReadLimits(max_lines=5))

    assert caught.value.message == "Tệp Excel “nhiem-vu.xlsx” có hơn 5 ô có dữ liệu, vượt giới hạn."


def test_truncated_workbook_is_refused_as_damaged(task_xlsx):
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(task_xlsx[:-200], name="nhiem-vu.xlsx")

    assert caught.value.code == "corrupt"


def test_workbook_whose_sheet_xml_is_broken_is_refused(task_xlsx):
    data = _rewrite(task_xlsx, "xl/worksheets/sheet1.xml", lambda body: body[: len(body) // 2])

    with pytest.raises(UnreadableDocument):
        read_bytes(data, name="nhiem-vu.xlsx")


def test_empty_workbook_is_refused_as_empty():
    out = io.BytesIO()
    openpyxl.Workbook().save(out)

    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(out.getvalue(), name="trong.xlsx")

    assert caught.value.code == "empty"


def test_a_sheet_too_long_to_read_in_time_is_stopped():
    workbook = openpyxl.Workbook()
    for n in range(3000):
        workbook.active.append([n, "nhiệm vụ"])
    out = io.BytesIO()
    workbook.save(out)

    with pytest.raises(ReadTimeout):
        read_bytes(out.getvalue(), name="dai.xlsx", limits=ReadLimits(total_timeout=0))
