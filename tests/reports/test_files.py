"""The report and its appendix, read back: .docx with python-docx, .xlsx with openpyxl."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import load_workbook
from tests.reports.conftest import ISSUED

from theodoi.plans.models import Plan
from theodoi.reports.docx import vn_date_line
from theodoi.reports.render import ReportFiles, report_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(q3: Plan) -> ReportFiles:
    return report_files(plan=q3, period="2025-Q3", issued_on=ISSUED, signer="Nguyễn Văn Minh")


def _texts(doc: Any) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_the_header_names_issuer_number_motto_place_and_date(files: ReportFiles) -> None:
    doc = Document(BytesIO(files.docx))
    left, right = doc.tables[0].rows[0].cells

    assert [p.text for p in left.paragraphs if p.text] == [
        "UBND TỈNH GIA LAI",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "Số:       /BC-SKHCN",
    ]
    assert left.paragraphs[1].runs[0].bold
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Gia Lai, ngày 15 tháng 10 năm 2025",
    ]
    assert right.paragraphs[-1].runs[0].italic


def test_the_page_is_a4_with_the_decree_margins_in_times_new_roman(files: ReportFiles) -> None:
    doc = Document(BytesIO(files.docx))
    section = doc.sections[0]

    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert [round(m.mm) for m in margins] == [30, 15, 20, 20]
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.styles["Normal"].font.size == Pt(14)


def test_the_title_subject_and_numbered_sections_follow(files: ReportFiles) -> None:
    texts = _texts(Document(BytesIO(files.docx)))

    assert "BÁO CÁO" in texts
    assert texts[texts.index("BÁO CÁO") + 1].startswith("Kết quả thực hiện Kế hoạch số 37/KH-UBND")
    headings = [t for t in texts if t[:4] in ("I. K", "II. ", "III.")]
    assert headings == ["I. KẾT QUẢ THỰC HIỆN", "II. KHÓ KHĂN, VƯỚNG MẮC", "III. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert "2. Nhóm nhiệm vụ I: Nâng cao nhận thức" in texts
    assert "3. Nhóm nhiệm vụ II: Hoàn thiện thể chế" in texts
    assert "4. Kết quả thực hiện các chỉ tiêu" in texts


def test_the_body_prints_the_counts_and_the_remarks(files: ReportFiles) -> None:
    texts = _texts(Document(BytesIO(files.docx)))

    assert "- Hoàn thành quá hạn: 1 nhiệm vụ (33,3%);" in texts
    assert "- Đang thực hiện quá hạn: 1 nhiệm vụ (33,3%);" in texts
    assert any(t.startswith("- Báo cáo hằng quý: 2/3 báo cáo đã gửi") for t in texts)
    assert "- Thiếu kinh phí triển khai nền tảng số (Sở Khoa học và Công nghệ)." in texts
    assert "- Đề nghị bổ sung kinh phí năm 2026 (Sở Khoa học và Công nghệ)." in texts
    assert any("12/KH-SKHCN ngày 20/08/2025" in t for t in texts)
    assert any(t.startswith("+ Nhiệm vụ 3: Số hóa hồ sơ tài chính") and "đạt 40%" in t for t in texts)


def test_recipients_bottom_left_and_signer_bottom_right(files: ReportFiles) -> None:
    doc = Document(BytesIO(files.docx))
    left, right = doc.tables[-1].rows[0].cells

    assert left.paragraphs[0].text == "Nơi nhận:"
    assert left.paragraphs[0].runs[0].bold and left.paragraphs[0].runs[0].italic
    assert left.paragraphs[0].runs[0].font.size == Pt(12)
    assert left.paragraphs[1].text == "- UBND tỉnh (để báo cáo);"
    assert left.paragraphs[1].runs[0].font.size == Pt(11)
    assert left.paragraphs[-1].text == "- Lưu: VT, QLKH."
    signed = [p.text for p in right.paragraphs if p.text]
    assert signed == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Minh"]
    assert doc.tables[-1].rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None  # never split over pages
    closing = next(p for p in doc.paragraphs if p.text.startswith("Trên đây là báo cáo"))
    assert closing.paragraph_format.keep_with_next  # the signature page carries text too


@pytest.mark.parametrize(
    ("day", "line"),
    [
        ((2025, 10, 15), "Gia Lai, ngày 15 tháng 10 năm 2025"),
        ((2026, 1, 5), "Gia Lai, ngày 05 tháng 01 năm 2026"),
        ((2026, 3, 9), "Gia Lai, ngày 09 tháng 3 năm 2026"),
    ],
)
def test_the_date_line_pads_days_below_10_and_months_1_and_2(day: tuple[int, int, int], line: str) -> None:
    import datetime as dt

    assert vn_date_line("Gia Lai", dt.date(*day)) == line


def test_the_appendix_lists_every_task_with_its_status(files: ReportFiles) -> None:
    book = load_workbook(BytesIO(files.xlsx))
    sheet = book["Nhiệm vụ"]
    header = [c.value for c in sheet[4]]

    assert header == [
        "TT",
        "Nhiệm vụ",
        "Chủ trì",
        "Phối hợp",
        "Thời hạn",
        "Trạng thái",
        "Tiến độ %",
        "Kết quả/minh chứng",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    tasks = {r[0]: r for r in rows if r[2] is not None}
    assert set(tasks) == {"1", "2", "3"}
    assert tasks["1"][5:7] == ["Hoàn thành quá hạn", 100]
    assert "12/KH-SKHCN" in tasks["1"][7]
    assert tasks["2"][5:7] == ["Chưa triển khai", 0]
    assert tasks["3"][5:7] == ["Đang thực hiện quá hạn", 40]
    assert tasks["1"][3] == "Sở Tài chính; Bộ Khoa học và Công nghệ"
    assert [r[0] for r in rows if r[2] is None] == ["I", "II"]  # section rows


def test_the_appendix_prints_on_a4_landscape_with_the_header_repeated(files: ReportFiles) -> None:
    book = load_workbook(BytesIO(files.xlsx))
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A5"
        assert sheet.print_title_rows == "$4:$4"
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet["A4"].font.b
        assert sheet.column_dimensions["B"].width >= 50


def test_the_indicator_sheet_judges_latest_values(files: ReportFiles) -> None:
    sheet = load_workbook(BytesIO(files.xlsx))["Chỉ tiêu"]

    assert [c.value for c in sheet[4]] == [
        "TT",
        "Chỉ tiêu",
        "Đơn vị",
        "Mục tiêu",
        "Giá trị mới nhất",
        "Đánh giá",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert rows == [
        ["1", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", "≥ 80 (năm 2030)", "85,5", "Đạt"],
        ["2", "Chi cho khoa học và công nghệ", "% GRDP", "> 0,75 (năm 2025)", "0,5", "Chưa đạt"],
    ]
