"""The PDF reader: text lines with geometry, table cells, limits, encryption, time budgets."""

from __future__ import annotations

import io

import pytest

from theodoi.ingest.document import CellRef
from theodoi.ingest.errors import DocumentTooLarge, EncryptedDocument, ReadTimeout, UnreadableDocument
from theodoi.ingest.read import ReadLimits, read_bytes


def test_text_lines_keep_page_and_position_in_reading_order(pdf_maker):
    data = pdf_maker(
        [[(300, 100, "right"), (72, 100, "left"), (72, 200, "below")], [(72, 80, "second page")]]
    )

    document = read_bytes(data, name="plan.pdf")

    assert [(line.text, line.page) for line in document.lines] == [
        ("left", 1),
        ("right", 1),
        ("below", 1),
        ("second page", 2),
    ]
    left, right, below = document.lines[:3]
    assert left.x0 == pytest.approx(72, abs=1)
    assert right.x0 == pytest.approx(300, abs=1)
    assert left.top == right.top
    assert left.top < left.bottom < below.top
    assert document.kind == "pdf"
    assert document.pages == 2


def _cells(document) -> dict[CellRef, str]:
    cells: dict[CellRef, list[str]] = {}
    for line in document.lines:
        if line.cell:
            cells.setdefault(line.cell, []).append(line.text)
    return {ref: " ".join(texts) for ref, texts in cells.items()}


def test_vietnamese_text_layer_is_read(task_pdf):
    document = read_bytes(task_pdf, name="ke-hoach.pdf")

    assert [line.text for line in document.lines[:2]] == [
        "KẾ HOẠCH",
        "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị",
    ]
    assert document.kind == "pdf"
    assert all(line.x0 is not None and line.ocr_confidence is None for line in document.lines)


def test_ruled_table_comes_back_cell_by_cell(task_pdf):
    cells = _cells(read_bytes(task_pdf, name="ke-hoach.pdf"))

    assert [cells[CellRef(0, 0, c)] for c in range(6)] == [
        "TT",
        "Tên nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Kết quả",
        "Thời gian",
    ]
    assert cells[CellRef(0, 1, 2)] == "Sở Khoa học và Công nghệ"
    assert cells[CellRef(0, 3, 5)] == "Thường xuyên"


def test_a_cell_wrapped_over_two_lines_keeps_both_in_that_cell(task_pdf):
    document = read_bytes(task_pdf, name="ke-hoach.pdf")

    wrapped = [line for line in document.lines if line.cell == CellRef(0, 2, 1)]
    assert [line.text for line in wrapped] == ["Ban hành quy chế quản", "lý dữ liệu"]
    assert wrapped[0].bottom <= wrapped[1].top


def test_lines_after_the_table_follow_it(task_pdf):
    texts = [line.text for line in read_bytes(task_pdf, name="ke-hoach.pdf").lines]

    assert (
        texts.index("Thường xuyên")
        < texts.index("Trang hai bắt đầu sau bảng")
        < texts.index("Tổ chức thực hiện")
    )


def test_running_headers_and_footers_are_dropped_with_a_warning(task_pdf):
    document = read_bytes(task_pdf, name="ke-hoach.pdf")

    assert "ĐẦU TRANG" not in document.text
    assert "Trang 1" not in document.text
    assert document.lines[-1].page == 2
    assert document.warnings == ["Bỏ qua dòng đầu trang/chân trang lặp lại: “ĐẦU TRANG”; “Trang 1”."]


def test_word_file_printed_by_libreoffice_reads_as_the_word_file(printed_pdf):
    document = read_bytes(printed_pdf, name="ke-hoach.pdf")
    cells = _cells(document)

    assert document.lines[0].text == "KẾ HOẠCH"
    assert "1. Mục tiêu đến năm 2025" in document.text
    assert cells[CellRef(0, 2, 1)] == "Ban hành quy chế quản lý dữ liệu"
    assert "ĐẦU TRANG" not in document.text


def test_a_line_repeated_outside_the_margins_is_kept(pdf_maker):
    data = pdf_maker(
        [
            [(72, 40, "Header 1"), (72, 400, "Same body line")],
            [(72, 40, "Header 2"), (72, 400, "Same body line")],
        ]
    )

    texts = [line.text for line in read_bytes(data, name="plan.pdf").lines]

    assert texts == ["Same body line", "Same body line"]


def test_words_close_together_stay_on_one_line_and_a_wide_gap_splits_it(pdf_maker):
    data = pdf_maker([[(72, 100, "Ke hoach so 103/KH-UBND"), (330, 100, "Binh Dinh, ngay 01/6/2025")]])

    texts = [line.text for line in read_bytes(data, name="plan.pdf").lines]

    assert texts == ["Ke hoach so 103/KH-UBND", "Binh Dinh, ngay 01/6/2025"]


def test_a_page_with_a_few_words_keeps_its_text_layer(pdf_maker):
    document = read_bytes(pdf_maker([[(250, 400, "PHU LUC I")]]), name="phu-luc.pdf")

    assert [line.text for line in document.lines] == ["PHU LUC I"]
    assert document.lines[0].ocr_confidence is None


def test_a_scan_with_its_scanners_text_layer_keeps_the_layer_with_a_warning(pdf_maker):
    import pypdfium2
    from PIL import Image

    document = pypdfium2.PdfDocument(pdf_maker([[(72, 100, "Nghi quyet so 57 (scanner OCR)")]]))
    page = document[0]
    image = pypdfium2.PdfImage.new(document)
    image.set_bitmap(pypdfium2.PdfBitmap.from_pil(Image.new("RGB", (595, 842), "white")))
    image.set_matrix(pypdfium2.PdfMatrix().scale(595, 842))
    page.insert_obj(image)
    page.gen_content()
    out = io.BytesIO()
    document.save(out)

    read = read_bytes(out.getvalue(), name="quet.pdf")

    assert [line.text for line in read.lines] == ["Nghi quyet so 57 (scanner OCR)"]
    assert read.warnings == [
        "Trang 1 là ảnh quét kèm lớp chữ do máy quét nhận dạng sẵn; lớp chữ này có thể sai dấu, "
        "hãy đối chiếu với bản gốc."
    ]


def test_page_limit_is_checked_before_the_pages_are_read(pdf_maker):
    data = pdf_maker([[(72, 72, "x")]] * 2000)

    with pytest.raises(DocumentTooLarge) as caught:
        read_bytes(data, name="dai.pdf")

    assert caught.value.message == "Tệp “dai.pdf” có 2.000 trang, vượt giới hạn 500 trang."
    assert caught.value.code == "too_many_pages"


def test_a_page_tree_that_understates_its_count_is_still_limited(pdf_maker):
    data = pdf_maker([[(72, 72, "x")]] * 30, declared=1)

    with pytest.raises(DocumentTooLarge):
        read_bytes(data, name="gian-doi.pdf", limits=ReadLimits(max_pages=10))


def test_password_protected_pdf_is_refused_with_a_clear_message(pdf_maker):
    data = pdf_maker([[(72, 72, "secret")]], encrypted=True)

    with pytest.raises(EncryptedDocument) as caught:
        read_bytes(data, name="mat.pdf")

    assert caught.value.message == "Tệp PDF “mat.pdf” được mã hoá bằng mật khẩu, không đọc được."
    assert caught.value.code == "encrypted"


def test_a_page_over_its_time_budget_is_stopped(pdf_maker):
    busy = [(36 + (i % 40) * 13, 40 + (i // 40) * 14, "Wm") for i in range(2000)]
    data = pdf_maker([busy])

    with pytest.raises(ReadTimeout) as caught:
        read_bytes(data, name="cham.pdf", limits=ReadLimits(page_timeout=0.001))

    assert "trang 1" in caught.value.message
    assert "“cham.pdf”" in caught.value.message


def test_a_file_over_its_total_time_budget_is_stopped(pdf_maker):
    data = pdf_maker([[(72, 72, "page")]] * 50)

    with pytest.raises(ReadTimeout) as caught:
        read_bytes(data, name="cham.pdf", limits=ReadLimits(total_timeout=0.01))

    assert caught.value.code == "timeout"


def test_too_many_lines_is_refused(pdf_maker):
    data = pdf_maker([[(72, 72 + 14 * i, f"line {i}") for i in range(40)]] * 3)

    with pytest.raises(DocumentTooLarge) as caught:
        read_bytes(data, name="dai.pdf", limits=ReadLimits(max_lines=100))

    assert caught.value.message == "Tệp PDF “dai.pdf” có hơn 100 dòng, vượt giới hạn."


def test_truncated_pdf_is_refused_or_read_as_far_as_it_goes(task_pdf):
    try:
        document = read_bytes(task_pdf[: len(task_pdf) // 3], name="cut.pdf")
    except UnreadableDocument as e:
        assert "“cut.pdf”" in e.message
    else:
        assert document.lines  # pdfminer rebuilt what it could


def test_pdf_header_followed_by_garbage_is_refused():
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20, name="rac.pdf")

    assert caught.value.code in ("corrupt", "empty")


def test_blank_pdf_is_refused_as_empty(pdf_maker):
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(pdf_maker([[]]), name="trang-trang.pdf")

    assert caught.value.code == "empty"


def _raw_pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (n, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_a_form_that_draws_itself_neither_loops_nor_crashes():
    draw = b"q /X1 Do Q"
    data = _raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /X1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(draw), draw),
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X1 5 0 R >> >> "
            b"/Length %d >>\nstream\n%s\nendstream" % (len(draw), draw),
        ]
    )

    with pytest.raises(UnreadableDocument):
        read_bytes(data, name="vong-lap.pdf", limits=ReadLimits(page_timeout=10))


def test_a_page_tree_that_contains_itself_is_refused_not_followed():
    data = _raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )

    with pytest.raises(UnreadableDocument):
        read_bytes(data, name="cay-vong.pdf", limits=ReadLimits(page_timeout=10))
