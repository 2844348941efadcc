"""The Word reader: body order, real table cells, merges, numbering, what it leaves out."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree

from theodoi.ingest.document import CellRef
from theodoi.ingest.errors import DocumentTooLarge, UnreadableDocument
from theodoi.ingest.read import ReadLimits, read_bytes


def _cells(document):
    return {line.cell: line.text for line in document.lines if line.cell}


def test_paragraphs_and_table_come_in_body_order(task_docx):
    document = read_bytes(task_docx, name="ke-hoach.docx")

    texts = [line.text for line in document.lines]
    assert texts[:2] == ["KẾ HOẠCH", "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị"]
    assert (
        texts.index("TT")
        < texts.index("Xây dựng Đề án chuyển đổi số tỉnh")
        < texts.index("Tổ chức thực hiện")
    )
    assert document.kind == "docx"
    assert [line.number for line in document.lines] == list(range(1, len(document.lines) + 1))


def test_table_cells_carry_their_table_row_and_column(task_docx):
    cells = _cells(read_bytes(task_docx, name="ke-hoach.docx"))

    assert cells[CellRef(0, 0, 1)] == "Tên nhiệm vụ"
    assert cells[CellRef(0, 2, 1)] == "Ban hành quy chế quản lý dữ liệu"
    assert cells[CellRef(0, 3, 5)] == "Thường xuyên"


def test_vertically_merged_cell_is_read_once_in_its_first_row(task_docx):
    document = read_bytes(task_docx, name="ke-hoach.docx")

    leads = [line for line in document.lines if line.text == "Sở Khoa học và Công nghệ"]
    assert [line.cell for line in leads] == [CellRef(0, 1, 2)]


def test_automatic_numbering_is_put_back_into_the_text(task_docx):
    texts = [line.text for line in read_bytes(task_docx, name="ke-hoach.docx").lines]

    assert "1. Mục tiêu đến năm 2025" in texts
    assert "2. Mục tiêu đến năm 2030" in texts
    assert "- Có ≥ 15 doanh nghiệp khoa học và công nghệ" in texts


def test_headers_and_footers_are_not_read(task_docx):
    text = read_bytes(task_docx, name="ke-hoach.docx").text

    assert "ĐẦU TRANG" not in text
    assert "Trang 1" not in text


def test_a_page_break_starts_the_next_page(task_docx):
    document = read_bytes(task_docx, name="ke-hoach.docx")

    last = document.lines[-1]
    assert last.text == "Tổ chức thực hiện"
    assert last.page == 2
    assert document.pages == 2


def test_horizontally_merged_cell_sits_at_its_first_grid_column():
    given = docx.Document()
    table = given.add_table(rows=2, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "A", "B", "C"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "gộp"
    table.cell(1, 2).text = "sau"
    out = io.BytesIO()
    given.save(out)

    cells = _cells(read_bytes(out.getvalue(), name="gop.docx"))

    assert cells[CellRef(0, 1, 0)] == "gộp"
    assert cells[CellRef(0, 1, 2)] == "sau"
    assert CellRef(0, 1, 1) not in cells


def test_a_row_with_missing_cells_is_read_as_far_as_it_goes():
    given = docx.Document()
    table = given.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "TT"
    table.cell(1, 0).text = "1"
    row = table.rows[1]._tr
    for tc in row.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc")[1:]:
        row.remove(tc)  # a truncated row: one cell where the grid has three
    out = io.BytesIO()
    given.save(out)

    cells = _cells(read_bytes(out.getvalue(), name="cut.docx"))

    assert cells == {CellRef(0, 0, 0): "TT", CellRef(0, 1, 0): "1"}


def test_vietnamese_typed_with_combining_marks_is_composed():
    import unicodedata

    given = docx.Document()
    given.add_paragraph(unicodedata.normalize("NFD", "Kế hoạch chuyển đổi số"))
    out = io.BytesIO()
    given.save(out)

    assert read_bytes(out.getvalue(), name="to-hop.docx").lines[0].text == "Kế hoạch chuyển đổi số"


def test_truncated_docx_is_refused_as_damaged(task_docx):
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(task_docx[: len(task_docx) // 2], name="ke-hoach.docx")

    assert "“ke-hoach.docx”" in caught.value.message
    assert "hỏng" in caught.value.message


def test_zip_without_word_parts_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("hello.txt", "xin chào")

    with pytest.raises(UnreadableDocument):
        read_bytes(archive.getvalue(), name="ke-hoach.docx")


def test_zip_bomb_member_is_refused_before_parsing(task_docx):
    bomb = io.BytesIO(task_docx)
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/bomb.xml", b"\0" * (30 * 1024 * 1024))

    with pytest.raises(DocumentTooLarge) as caught:
        read_bytes(bomb.getvalue(), name="bom.docx")

    assert caught.value.code == "zip_bomb"
    assert "bom nén" in caught.value.message


def test_declared_uncompressed_size_over_the_limit_is_refused(task_docx):
    with pytest.raises(DocumentTooLarge) as caught:
        read_bytes(task_docx, name="ke-hoach.docx", limits=ReadLimits(max_uncompressed_bytes=10_000))

    assert caught.value.code == "zip_bomb"


def test_entity_declaration_in_a_part_is_refused(task_docx):
    source = zipfile.ZipFile(io.BytesIO(task_docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaaaaaa">]>', 1)
            z.writestr(info, data)

    with pytest.raises(UnreadableDocument):
        read_bytes(out.getvalue(), name="laughs.docx")


def test_document_without_text_is_refused_as_empty():
    out = io.BytesIO()
    docx.Document().save(out)

    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(out.getvalue(), name="trong.docx")

    assert caught.value.code == "empty"


def _numbered_document(paragraphs: list[tuple[str, int, str]]) -> bytes:
    """Return a .docx whose numbering.xml has list 1 (I. / a) / 1.1.) and list 2 restarting list 1.

    ``paragraphs`` are (numId, ilvl, text).
    """
    given = docx.Document()
    numbering = given.part.numbering_part.element
    numbering.append(
        etree.fromstring(
            f"""<w:abstractNum {W_NS} w:abstractNumId="90">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
              <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3."/></w:lvl>
            </w:abstractNum>"""
        )
    )
    numbering.append(etree.fromstring(f'<w:num {W_NS} w:numId="91"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(
        etree.fromstring(
            f"""<w:num {W_NS} w:numId="92"><w:abstractNumId w:val="90"/>
              <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"""
        )
    )
    for num_id, ilvl, text in paragraphs:
        p = given.add_paragraph(text)._p
        p.insert(
            0,
            etree.fromstring(
                f'<w:pPr {W_NS}><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
            ),
        )
    out = io.BytesIO()
    given.save(out)
    return out.getvalue()


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_roman_sections_lettered_items_and_outline_numbers_print_as_in_word():
    data = _numbered_document(
        [
            ("91", 0, "Mục tiêu"),
            ("91", 1, "Đến năm 2025"),
            ("91", 1, "Đến năm 2030"),
            ("91", 0, "Nhiệm vụ"),
            ("91", 2, "Hoàn thiện thể chế"),
            ("91", 2, "Phát triển hạ tầng"),
            ("91", 1, "Giải pháp"),
        ]
    )

    texts = [line.text for line in read_bytes(data, name="so.docx").lines]

    assert texts == [
        "I. Mục tiêu",
        "a) Đến năm 2025",
        "b) Đến năm 2030",
        "II. Nhiệm vụ",
        "II.1. Hoàn thiện thể chế",
        "II.2. Phát triển hạ tầng",
        "a) Giải pháp",
    ]


def test_a_second_list_on_the_same_definition_continues_unless_it_restarts():
    data = _numbered_document([("91", 0, "Một"), ("91", 0, "Hai"), ("92", 0, "Lại một"), ("91", 0, "Tiếp")])

    texts = [line.text for line in read_bytes(data, name="so.docx").lines]

    assert texts == ["I. Một", "II. Hai", "I. Lại một", "II. Tiếp"]
