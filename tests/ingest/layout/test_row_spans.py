"""Where an OCR'd interleaved row begins: the cut between two row numbers.

Corpora: first-column lines written for these tests in the shape OCR'd task tables show (the
row number on a middle line of its row, a name wrapped over several lines, the table's
heading read again after a page break), with the first line of the second row expected.
"""

from __future__ import annotations

from theodoi.ingest.layout import lines_from_text
from theodoi.ingest.layout.interleaved import _split_between, header_lines

# Row 24 lists two items ('...;' then 'Xây dựng ...'), a page break falls inside the second.
LISTED_ITEMS = """\
Xây dựng Trung tâm nghiên cứu khoa học
học công nghệ vũ trụ theo chiến lược
24 khoa học công nghệ vũ trụ Việt Nam đến năm
2030 của Chính phủ; Trung tâm đổi mới sáng tạo;
Xây dựng phòng thí nghiệm trọng điểm về công
Tổ Tên nhiệm vụ chủ trì phối hợp Kết quả hoàn thành
nghệ sinh học và các tổ chức nghiên cứu
công lập khác.
Triển khai các cơ chế thử nghiệm chính sách
25 thúc đẩy nghiên cứu, phát triển, ứng dụng
giao công nghệ chiến lược trong các ngành."""


def split(text: str, a: int, b: int, before_a: int) -> int:
    lines = lines_from_text(text)
    return _split_between(lines, a, b, before_a, header_lines(lines, 0, len(lines)))


def test_a_name_listing_items_keeps_the_item_after_its_semicolon() -> None:
    assert split(LISTED_ITEMS, 2, 9, 2) == 8


def test_a_finished_sentence_still_ends_the_row_above() -> None:
    text = LISTED_ITEMS.replace("Trung tâm đổi mới sáng tạo;", "Trung tâm đổi mới sáng tạo.")
    text = text.replace("công lập khác.", "công lập khác và")
    assert split(text, 2, 9, 2) == 4


def test_a_heading_read_again_never_opens_the_row_below() -> None:
    text = (
        "Xây dựng kho dữ liệu dùng chung\n5 phục vụ chuyển đổi số.\n"
        "Tổ Tên nhiệm vụ chủ trì phối hợp Kết quả hoàn thành\n"
        "Chương trình hỗ trợ doanh nghiệp nhỏ\n6 và vừa trên địa bàn tỉnh"
    )
    lines = lines_from_text(text)
    assert header_lines(lines, 0, len(lines)) == {2}
    assert split(text, 1, 4, 1) == 3
