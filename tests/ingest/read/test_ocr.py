"""Scans through tesseract's Vietnamese model: images and PDF pages without a text layer."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from theodoi.ingest.errors import DocumentTooLarge, OcrUnavailable, UnreadableDocument
from theodoi.ingest.read import ReadLimits, read_bytes
from theodoi.ingest.read import ocr as ocr_module

LINES = [
    "KẾ HOẠCH",
    "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị",
    "Sở Khoa học và Công nghệ chủ trì",
]


@pytest.fixture
def scan_png(scan_renderer) -> bytes:
    out = io.BytesIO()
    scan_renderer(LINES).save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


@pytest.fixture
def tesseract():
    if ocr_module._tesseract_problem():
        pytest.skip("tesseract-ocr and tesseract-ocr-vie are not installed")


def test_image_is_read_line_by_line_with_vietnamese_marks(tesseract, scan_png):
    document = read_bytes(scan_png, name="scan.png")

    assert [line.text for line in document.lines] == LINES
    assert document.kind == "image-ocr"


def test_ocr_lines_carry_boxes_in_points_and_a_confidence(tesseract, scan_png):
    first = read_bytes(scan_png, name="scan.png").lines[0]

    # drawn at 100 px from the left at 300 dpi: 24 pt
    assert first.x0 == pytest.approx(24, abs=3)
    assert first.top < first.bottom
    assert 0.8 < first.ocr_confidence <= 1


def test_scanned_pdf_goes_through_ocr(tesseract, scan_renderer):
    out = io.BytesIO()
    scan_renderer(LINES).save(out, format="PDF", resolution=300)

    document = read_bytes(out.getvalue(), name="scan.pdf")

    assert document.kind == "pdf-ocr"
    assert "Nghị quyết số 57-NQ/TW" in document.text
    assert "Sở Khoa học và Công nghệ" in document.text
    assert all(line.ocr_confidence is not None for line in document.lines)


def test_pdf_mixing_text_pages_and_scans_reads_each_its_own_way(tesseract, scan_renderer, pdf_maker):
    import pypdfium2

    scan = io.BytesIO()
    scan_renderer(LINES[2:]).save(scan, format="PDF", resolution=300)
    merged = pypdfium2.PdfDocument.new()
    merged.import_pages(pypdfium2.PdfDocument(pdf_maker([[(72, 72, "Text layer page")]])))
    merged.import_pages(pypdfium2.PdfDocument(scan.getvalue()))
    out = io.BytesIO()
    merged.save(out)

    document = read_bytes(out.getvalue(), name="tron.pdf")

    assert [(line.page, line.text, line.ocr_confidence is None) for line in document.lines] == [
        (1, "Text layer page", True),
        (2, LINES[2], False),
    ]
    assert document.kind == "pdf"
    assert "Trang 2 là ảnh quét, đã nhận dạng bằng OCR." in document.warnings


def test_word_file_of_pasted_scans_is_read_through_ocr(tesseract, scan_renderer):
    import docx
    from docx.shared import Inches

    picture = io.BytesIO()
    scan_renderer(LINES).save(picture, format="PNG", dpi=(300, 300))
    given = docx.Document()
    given.add_picture(picture, width=Inches(6))
    out = io.BytesIO()
    given.save(out)

    document = read_bytes(out.getvalue(), name="scan.docx")

    assert [line.text for line in document.lines] == LINES
    assert all(line.ocr_confidence is not None for line in document.lines)
    assert document.warnings == ["Tệp Word chỉ chứa ảnh chụp/quét; đã nhận dạng 1 ảnh bằng OCR."]


def test_multipage_tiff_reads_every_frame(tesseract, scan_renderer):
    first, second = scan_renderer(LINES[:1]), scan_renderer(LINES[2:])
    out = io.BytesIO()
    first.save(out, format="TIFF", save_all=True, append_images=[second], dpi=(300, 300))

    document = read_bytes(out.getvalue(), name="scan.tiff")

    assert [(line.page, line.text) for line in document.lines] == [(1, LINES[0]), (2, LINES[2])]


def test_scanned_pdf_over_the_ocr_page_limit_is_refused_before_ocr(tesseract, scan_renderer):
    page = scan_renderer(LINES[:1])
    out = io.BytesIO()
    page.save(out, format="PDF", save_all=True, append_images=[page] * 4, resolution=300)

    with pytest.raises(DocumentTooLarge) as caught:
        read_bytes(out.getvalue(), name="scan.pdf", limits=ReadLimits(max_ocr_pages=3))

    assert caught.value.message == (
        "Tệp “scan.pdf” là bản quét có 5 trang cần nhận dạng, vượt giới hạn 3 trang nhận dạng."
    )


def test_image_with_too_many_pixels_is_refused_before_decoding():
    out = io.BytesIO()
    Image.new("1", (12_000, 10_000), 1).save(out, format="PNG")

    with pytest.raises(DocumentTooLarge) as caught:
        read_bytes(out.getvalue(), name="to.png", limits=ReadLimits(max_image_pixels=50_000_000))

    assert "12.000 × 10.000" in caught.value.message


def test_damaged_image_is_refused(tesseract, scan_png):
    with pytest.raises(UnreadableDocument):
        read_bytes(scan_png[:200], name="scan.png")


def test_blank_image_is_refused_as_empty(tesseract):
    out = io.BytesIO()
    Image.new("L", (800, 600), 255).save(out, format="PNG")

    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(out.getvalue(), name="trang.png")

    assert caught.value.code == "empty"


def test_missing_vietnamese_model_is_reported_for_the_administrator(scan_png, monkeypatch):
    monkeypatch.setattr(ocr_module, "_tesseract_problem", lambda: "Máy chủ chưa cài tesseract-ocr-vie")

    with pytest.raises(OcrUnavailable) as caught:
        read_bytes(scan_png, name="scan.png")

    assert caught.value.message.startswith("Máy chủ chưa cài tesseract-ocr-vie")
    assert "“scan.png”" in caught.value.message
