"""Write the consolidated report's appendix (phụ lục) as .xlsx: tasks and indicators with statuses.

Two sheets, laid out to print: "Nhiệm vụ" (TT, Nhiệm vụ, Chủ trì, Phối hợp, Thời hạn,
Trạng thái, Tiến độ %, Kết quả/minh chứng) grouped under the plan's sections as the plan
prints them, and "Chỉ tiêu" (TT, Chỉ tiêu, Đơn vị, Mục tiêu, Giá trị mới nhất, Đánh giá).
Each has a title naming the report it goes with, a bold header row repeated on every printed
page, frozen panes under the header, wrapped text, A4 landscape fitted to the page width.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from theodoi.reports.build import ConsolidatedReport, period_phrase, section_heading

FONT = "Times New Roman"
HEADER_ROW = 4
TASK_COLUMNS = (
    ("TT", 7),
    ("Nhiệm vụ", 50),
    ("Chủ trì", 24),
    ("Phối hợp", 24),
    ("Thời hạn", 13),
    ("Trạng thái", 18),
    ("Tiến độ %", 9),
    ("Kết quả/minh chứng", 45),
)
INDICATOR_COLUMNS = (
    ("TT", 7),
    ("Chỉ tiêu", 60),
    ("Đơn vị", 14),
    ("Mục tiêu", 22),
    ("Giá trị mới nhất", 16),
    ("Đánh giá", 18),
)
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
# Named styles: one style id per cell instead of four attribute writes (a quarter of the time).
_CELL = NamedStyle(name="theodoi_o", font=Font(name=FONT, size=11), border=_BOX, alignment=_WRAP)
_CELL_CENTER = NamedStyle(
    name="theodoi_o_giua", font=Font(name=FONT, size=11), border=_BOX, alignment=_CENTER
)
_SECTION = NamedStyle(
    name="theodoi_nhom", font=Font(name=FONT, size=11, bold=True), border=_BOX, alignment=_WRAP
)
_STATUS_FILL = {
    "done_on_time": "E2EFDA",
    "done_late": "FFF2CC",
    "in_progress_overdue": "F8CBAD",
}


def write_xlsx(report: ConsolidatedReport) -> bytes:
    """Return the appendix of ``report`` as an .xlsx file's bytes."""
    book = Workbook()
    for style in (_CELL, _CELL_CENTER, _SECTION):
        book.add_named_style(style)
    tasks = book.active
    tasks.title = "Nhiệm vụ"
    _sheet_head(tasks, report, "PHỤ LỤC I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", TASK_COLUMNS)
    row = HEADER_ROW + 1
    for section in report.sections:
        if section.code or len(report.sections) > 1:
            label = f"{section.code}. " if section.code else ""
            tasks.cell(row=row, column=1, value=section.code or "")
            tasks.cell(row=row, column=2, value=f"{label}{section_heading(section)}")
            tasks.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(TASK_COLUMNS))
            for col in range(1, len(TASK_COLUMNS) + 1):
                tasks.cell(row=row, column=col).style = _SECTION.name
            row += 1
        for line in section.tasks:
            values = (
                line.task.code,
                line.task.name,
                "; ".join(line.leads),
                "; ".join(line.partners),
                line.task.deadline_text,
                line.status_label,
                line.percent,
                line.result,
            )
            for col, value in enumerate(values, start=1):
                cell = tasks.cell(row=row, column=col, value=value)
                cell.style = _CELL_CENTER.name if col in (1, 5, 7) else _CELL.name
            fill = _STATUS_FILL.get(line.status.value)
            if fill:
                tasks.cell(row=row, column=6).fill = PatternFill("solid", fgColor=fill)
            row += 1

    indicators = book.create_sheet("Chỉ tiêu")
    _sheet_head(indicators, report, "PHỤ LỤC II. KẾT QUẢ THỰC HIỆN CHỈ TIÊU", INDICATOR_COLUMNS)
    for n, line in enumerate(report.indicators, start=HEADER_ROW + 1):
        values = (
            line.indicator.code,
            line.indicator.name,
            line.indicator.unit,
            line.target,
            line.latest,
            line.assessment,
        )
        for col, value in enumerate(values, start=1):
            cell = indicators.cell(row=n, column=col, value=value)
            cell.style = _CELL.name if col == 2 else _CELL_CENTER.name

    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_head(sheet: Worksheet, report: ConsolidatedReport, title: str, columns: tuple) -> None:
    last = len(columns)
    plan = report.plan
    number = f"số {plan.number}" if plan.number else ""
    sheet.cell(row=1, column=1, value=title).font = Font(name=FONT, bold=True, size=13)
    sheet.cell(
        row=2,
        column=1,
        value=(
            f"Kế hoạch {number} {period_phrase(report.period)} (tình hình đến ngày {report.on:%d/%m/%Y}); "
            f"kèm theo Báo cáo số {report.reference} ngày {report.issued_on:%d/%m/%Y} "
            f"của {report.issuer.name.capitalize()}"
        ).replace("  ", " "),
    ).font = Font(name=FONT, italic=True, size=11)
    for r in (1, 2):
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
        sheet.cell(row=r, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
    sheet.row_dimensions[2].height = 30
    for col, (name, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=col, value=name)
        cell.font = Font(name=FONT, bold=True, size=11)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4 (openpyxl's constant is the string "9")
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "Trang &P/&N"
