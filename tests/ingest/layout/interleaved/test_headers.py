"""The task table's heading, read again by OCR after a page break, stays out of the rows."""

from __future__ import annotations

import dataclasses

import pytest

from theodoi.ingest.layout.interleaved.headers import header_lines, is_header_repeat, page_notes
from theodoi.ingest.layout.lines import lines_from_text
from theodoi.ingest.layout.table import find_table
from theodoi.ingest.parse.tasks import TASK_HEADER
from theodoi.ingest.text import fold


@pytest.mark.parametrize(
    "text",
    [
        "Tổ Tên nhiệm vụ chủ trì phối hợp Kết quả hoàn thành",
        "A ‘A Cơ quan Cơ quan £ . Thời gian",
        "Cơ quan chủ trì",
    ],
)
def test_a_heading_line_read_again_is_a_header_repeat(text: str) -> None:
    assert is_header_repeat(fold(text))


@pytest.mark.parametrize(
    "text",
    [
        "phối hợp với các cơ quan, đơn vị liên quan triển khai",
        "Hoàn thành kết nối, khai thác dữ liệu",
        "Kết quả thực hiện được báo cáo hằng năm",
    ],
)
def test_task_text_with_heading_words_is_no_header(text: str) -> None:
    assert not is_header_repeat(fold(text))


def test_a_heading_one_phrase_a_line_is_found_as_a_whole() -> None:
    lines = lines_from_text(
        "kỹ năng số, công nghệ số cơ bản.\n\nTT\n\nTên nhiệm vụ\nCơ quan\nchủ trì\nCơ quan\nphối hợp\n"
        "Thời gian\nhoàn thành\nTriển khai kế hoạch"
    )
    found = header_lines(lines, 0, len(lines))
    assert sorted(lines[i].text for i in found) == sorted(
        ["TT", "Tên nhiệm vụ", "Cơ quan", "chủ trì", "Cơ quan", "phối hợp", "Thời gian", "hoàn thành"]
    )


def test_a_lone_heading_word_in_a_row_stays() -> None:
    lines = lines_from_text("Sở Nội vụ\nhoàn thành\nTriển khai")
    assert header_lines(lines, 0, len(lines)) == set()


_PAGE_BREAK = """\
TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Kết quả Thời gian hoàn thành
I Nâng cao nhận thức
1 Triển khai Đề án chuyển đổi số trong cơ quan Sở Khoa học và Công nghệ Kế hoạch 2025
Thời gian
TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Kết quả hoàn
- tPROLhOP thành
Đảng theo Quyết định số 204-QĐ/TW
2 Xây dựng nền tảng số Sở Tài chính Kế hoạch 2026
Thời gian
TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Kết quả hoàn
internet, công thành
3 Hoàn thành số hóa dữ liệu Sở Y tế Kế hoạch 2026"""


def test_a_headings_wrapped_end_with_a_smudged_word_is_part_of_the_heading() -> None:
    lines = lines_from_text(_PAGE_BREAK)
    region = find_table(lines, header_terms=TASK_HEADER)
    assert region is not None
    texts = {line.text for line in lines if line.number in region.header}
    assert "- tPROLhOP thành" in texts
    # a line of Vietnamese (or known foreign) words stays a row's, heading word or not
    assert "internet, công thành" not in texts
    assert not any(t.startswith(("Đảng", "2 ", "3 ")) for t in texts)


NOTE = "I Theo phân công chi tiết trong chương trình hành động thực hiện Đề án 06"
ROW = "80 vụ thương mại điện tử để nghiên cứu sử dụng định Công an tỉnh địa phương triển khai Năm 2025"


def _page(below_jump: int, note: str = NOTE, blank: bool = True):
    """A row's line, a blank, a line, then the next page's first line ``below_jump`` lines on."""
    lines = lines_from_text("\n".join([ROW, "" if blank else "thêm", note, "x"]))
    below = lines[3]
    lines[3] = dataclasses.replace(below, number=below.number + below_jump - 1)
    return lines


def test_a_note_across_the_page_foot_is_no_cell():
    assert page_notes(_page(3), 0, 4, 47.0) == {2}


@pytest.mark.parametrize(
    ("lines", "comment"),
    [
        (_page(1), "negative: no page break below"),
        (_page(3, blank=False), "negative: no blank line above, the row's lines go on"),
        (_page(3, note="hành chính liên quan đến doanh nghiệp"), "negative: a name's short line"),
        (
            _page(3, note="Theo phân công chi tiết | trong chương trình hành động thực hiện"),
            "negative: gap mark",
        ),
    ],
)
def test_a_page_foot_line_of_a_cell_stays(lines, comment):
    assert page_notes(lines, 0, 4, 47.0) == set(), comment
