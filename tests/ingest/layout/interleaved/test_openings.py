"""Another column's cell opening above a task name leaves the name's start (OCR'd interleaved rows).

Corpora: name parts (line number, the first column's part) written for these tests in the shape
the samples show: an output cell taller than the name, its first lines read above the name's
first line where the name column is blank; negative cases where a capitalised word opens a
line of the name's own (below the row's number, or after a line as wide as the column).
"""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.openings import drop_lines_above_opening, opening_cell_lines

WIDTH = 50.0  # the first column's usual width, in characters


def test_an_output_cells_lines_above_the_names_opening_leave_it():
    parts = [
        (10, "Có ít nhất 03 dự án,"),
        (11, ", chương trình trong"),
        (12, "Thúc đẩy hoạt động đổi mới sáng tạo trong các"),
        (14, "doanh nghiệp sản xuất, kinh doanh."),
    ]
    assert drop_lines_above_opening(parts, 13, WIDTH) == parts[2:]


def test_a_lone_mark_above_a_database_name_leaves_it():
    parts = [(20, "1 |"), (21, "Cơ sở dữ liệu thành phần nghề cá quốc gia")]
    assert drop_lines_above_opening(parts, 21, WIDTH) == parts[1:]


@pytest.mark.parametrize(
    "parts",
    [
        # the capitalised line lies below the row's number (13): the name's own last lines
        [
            (12, "Xây dựng Đề án đào tạo chuyên sâu về an toàn thông"),
            (13, "tin mạng cho cán bộ chuyên trách"),
            (14, "Triển khai"),
        ],
        # the line above runs to the column's width: the name wraps on past it
        [
            (11, "Rà soát, sắp xếp tổ chức bộ máy và nâng cao hiệu quả"),
            (12, "Tổ chức thực hiện các nhiệm vụ được giao hằng năm"),
        ],
        # a capitalised word that opens no task name ("Định" of "Bình Định")
        [(11, "Kết nối cơ sở dữ liệu về chuyên gia Bình"), (12, "Định ở ngoài tỉnh và nước ngoài")],
    ],
)
def test_a_names_own_capitalised_lines_stay(parts):
    assert drop_lines_above_opening(parts, 13, WIDTH) == parts


def test_a_narrow_cells_lines_above_the_opening_go_back_to_the_cells():
    dropped = [(10, "Có ít nhất 03 dự án,"), (11, ", chương trình trong")]
    assert opening_cell_lines(dropped, WIDTH) == dropped


def test_a_wide_title_above_the_opening_is_no_cells():
    dropped = [
        (10, "Đẩy mạnh chuyển đổi số, ứng dụng khoa học, công nghệ,"),
        (11, "vực, bảo đảm quốc phòng và an ninh"),
    ]
    assert opening_cell_lines(dropped, WIDTH) == []
