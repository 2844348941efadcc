"""Fixture documents for the readers, made in the tests: a real Vietnamese task table.

Word and Excel files are written with python-docx and openpyxl. PDFs are made three ways: by
hand (small, ASCII, object by object, so that page counts and encryption can be set exactly);
with pypdfium2 (pdfplumber's own dependency) for Vietnamese text in DejaVu Sans and a ruled
task table; and, where LibreOffice is installed, by printing the Word file. Scans are
rendered with Pillow in DejaVu Sans and read back through tesseract.
"""

from __future__ import annotations

import ctypes
import io
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from docx.enum.text import WD_BREAK
from PIL import Image, ImageDraw, ImageFont
from tests.office import SOFFICE, print_to_pdf

HEADER = ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Thời gian"]
TASKS = [
    [
        "1",
        "Xây dựng Đề án chuyển đổi số tỉnh",
        "Sở Khoa học và Công nghệ",
        "Các sở, ban, ngành",
        "Đề án",
        "12/2025",
    ],
    [
        "2",
        "Ban hành quy chế quản lý dữ liệu",
        "Sở Khoa học và Công nghệ",
        "Văn phòng UBND tỉnh",
        "Quyết định",
        "Quý I/2026",
    ],
    ["3", "Đào tạo nhân lực số cho cán bộ", "Sở Nội vụ", "UBND các xã, phường", "Kế hoạch", "Thường xuyên"],
]
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def make_task_docx() -> bytes:
    """Return a plan-like .docx: title, numbered list, a ruled task table with merges, a header."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "ĐẦU TRANG KHÔNG ĐỌC"
    document.sections[0].footer.paragraphs[0].text = "Trang 1"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị")
    document.add_paragraph("Mục tiêu đến năm 2025", style="List Number")
    document.add_paragraph("Mục tiêu đến năm 2030", style="List Number")
    document.add_paragraph("Có ≥ 15 doanh nghiệp khoa học và công nghệ", style="List Bullet")
    table = document.add_table(rows=1 + len(TASKS), cols=len(HEADER))
    table.style = document.styles["Table Grid"]
    for c, text in enumerate(HEADER):
        table.cell(0, c).text = text
    for r, row in enumerate(TASKS, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    # the lead of tasks 1 and 2 is one vertically merged cell, as plans print it
    table.cell(1, 2).merge(table.cell(2, 2)).text = "Sở Khoa học và Công nghệ"
    run = document.add_paragraph("Trang hai bắt đầu sau dấu ngắt").runs[0]
    run.add_break(WD_BREAK.PAGE)
    document.add_paragraph("Tổ chức thực hiện")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_task_xlsx() -> bytes:
    """Return a task list workbook: a header row, three tasks, a merged lead, a hidden sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Nhiệm vụ"
    sheet.append(HEADER)
    for row in TASKS:
        sheet.append([int(row[0]), *row[1:]])
    sheet.merge_cells("C2:C3")
    sheet["G1"] = "Tỷ lệ"
    sheet["G2"] = 0.8
    sheet["G2"].number_format = "0%"
    sheet["H1"] = "Chỉ số"
    sheet["H2"] = 0.75
    hidden = workbook.create_sheet("Nháp")
    hidden["A1"] = "không đọc"
    hidden.sheet_state = "hidden"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_pdf(
    pages: list[list[tuple[float, float, str]]], *, encrypted: bool = False, declared: int | None = None
) -> bytes:
    """Write a PDF by hand: each page a list of (x, y-from-top, ASCII text) in Helvetica 12.

    ``encrypted`` adds a Standard security handler whose user password is not empty, so no
    reader can open the file without it; ``declared`` overrides the page tree's /Count.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    streams: dict[bytes, int] = {}
    for items in pages:
        ops = b"".join(
            b"BT /F1 12 Tf %.1f %.1f Td (%s) Tj ET\n" % (x, 842 - y, text.encode("latin-1"))
            for x, y, text in items
        )
        if ops not in streams:  # identical pages share one content stream: a 2.000-page file stays small
            data = zlib.compress(ops)
            streams[ops] = add(
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)
            )
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (tree, streams[ops], font)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    count = declared if declared is not None else len(kids)
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        count,
    )
    encrypt = None
    if encrypted:
        encrypt = add(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"ab" * 32, b"cd" * 32))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (n, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (encrypt, b"01" * 16, b"01" * 16)
    out.write(b"trailer\n%s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref))
    return out.getvalue()


def make_vn_pdf(
    pages: list[tuple[list[tuple[float, float, float, str]], list[tuple[float, float, float, float]]]],
) -> bytes:
    """Write an A4 PDF with pypdfium2: per page, texts (x, top, size, text) and ruled boxes (x0, top, x1, bottom).

    The text is set in DejaVu Sans embedded as a CID font with a Unicode map, as Word and
    LibreOffice embed fonts, so the text layer reads back as Vietnamese.
    """
    document = pypdfium2.PdfDocument.new()
    data = DEJAVU.read_bytes()
    buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = pdfium_c.FPDFText_LoadFont(document.raw, buffer, len(data), pdfium_c.FPDF_FONT_TRUETYPE, True)
    for texts, boxes in pages:
        page = document.new_page(595, 842)
        for x, top, size, text in texts:
            obj = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, size)
            wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            pdfium_c.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, 842 - top - size)
            pdfium_c.FPDFPage_InsertObject(page.raw, obj)
        for x0, top, x1, bottom in boxes:
            rect = pdfium_c.FPDFPageObj_CreateNewRect(x0, 842 - bottom, x1 - x0, bottom - top)
            pdfium_c.FPDFPath_SetDrawMode(rect, pdfium_c.FPDF_FILLMODE_NONE, True)
            pdfium_c.FPDFPage_InsertObject(page.raw, rect)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


COLUMNS = [30, 55, 200, 320, 440, 500, 565]  # x of the task table's rules


def make_task_pdf() -> bytes:
    """Return a two-page plan PDF: running header and footer, title, the ruled task table.

    The second task's name wraps onto two lines inside its cell.
    """
    first: list[tuple[float, float, float, str]] = [
        (250, 20, 9, "ĐẦU TRANG"),
        (260, 815, 9, "Trang 1"),
        (250, 70, 14, "KẾ HOẠCH"),
        (60, 95, 12, "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị"),
    ]
    boxes = []
    rows = [HEADER, *TASKS]
    top = 130.0
    for r, row in enumerate(rows):
        height = 44.0 if r == 2 else 30.0
        for c, text in enumerate(row):
            boxes.append((COLUMNS[c], top, COLUMNS[c + 1], top + height))
            if r == 2 and c == 1:
                first += [
                    (COLUMNS[c] + 3, top + 6, 7, "Ban hành quy chế quản"),
                    (COLUMNS[c] + 3, top + 22, 7, "lý dữ liệu"),
                ]
            else:
                first.append((COLUMNS[c] + 3, top + 8, 7, text))
        top += height
    first.append((60, top + 30, 12, "Trang hai bắt đầu sau bảng"))
    second = [(250, 20, 9, "ĐẦU TRANG"), (260, 815, 9, "Trang 2"), (60, 70, 12, "Tổ chức thực hiện")]
    return make_vn_pdf([(first, boxes), (second, [])])


def render_scan(lines: list[str], *, size: int = 40) -> Image.Image:
    """Render ``lines`` in black DejaVu Sans on white, as a 300 dpi scan of a printed page would look."""
    font = ImageFont.truetype(str(DEJAVU), size)
    image = Image.new("L", (2000, 140 + 110 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((100, 80 + i * 110), line, font=font, fill=0)
    return image


@pytest.fixture(scope="session")
def task_docx() -> bytes:
    return make_task_docx()


@pytest.fixture(scope="session")
def task_xlsx() -> bytes:
    return make_task_xlsx()


@pytest.fixture
def pdf_maker() -> Callable[..., bytes]:
    return make_pdf


@pytest.fixture
def scan_renderer() -> Callable[..., Image.Image]:
    if not DEJAVU.exists():
        pytest.skip("fonts-dejavu-core is not installed: no font to render a scan with")
    return render_scan


@pytest.fixture(scope="session")
def task_pdf() -> bytes:
    if not DEJAVU.exists():
        pytest.skip("fonts-dejavu-core is not installed: no font to set the PDF in")
    return make_task_pdf()


@pytest.fixture(scope="session")
def printed_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The task .docx printed to PDF by LibreOffice: Vietnamese text layer, ruled table."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot print the .docx fixture to PDF")
    folder = tmp_path_factory.mktemp("pdf")
    (folder / "plan.docx").write_bytes(make_task_docx())
    return print_to_pdf(folder / "plan.docx").read_bytes()


@pytest.fixture(scope="session")
def small_pdf() -> bytes:
    """A two-page hand-made PDF, a seed for mutation fuzzing."""
    return make_pdf(
        [[(72, 100, "Ke hoach so 103/KH-UBND"), (300, 100, "12/2025")], [(72, 80, "To chuc thuc hien")]]
    )
