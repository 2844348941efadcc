"""A line opening with the next item mark of a numbered list inside the name is the name's.

Corpora: name texts and lines written for these tests in the shape the samples show (a name
listing "gồm: (1) ...; (2) ...", one item a line); negative cases where the line's mark does
not follow the name's last one, or the name lists nothing.
"""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.item_lists import continues_item_list

NAME = "Hoàn thành các nhiệm vụ, gồm: (1) Định danh tàu thuyền;"


@pytest.mark.parametrize(
    ("name", "line"),
    [
        (NAME, "(2) Định danh địa điểm;"),
        (f"{NAME} (2) Định danh địa điểm; (9) Mô hình du lịch;", "(10) Đẩy mạnh thực hiện Chỉ thị 18"),
        ("Triển khai các nội dung: 1) Xây dựng kho dữ liệu;", "2) Kết nối dữ liệu"),
    ],
)
def test_the_next_item_carries_the_list_on(name: str, line: str) -> None:
    assert continues_item_list(name, line)


@pytest.mark.parametrize(
    ("name", "line"),
    [
        (NAME, "(3) Xây dựng nền tảng"),  # not the next item
        (NAME, "(1) Định danh tàu thuyền;"),
        ("Triển khai nền tảng số dùng chung", "(2) Định danh địa điểm;"),  # the name lists nothing
        (NAME, "Sở Nội vụ (2)"),  # no mark opening the line
        ("Kế hoạch số 12/2025", "13) Xây dựng"),  # a number, no item mark
    ],
)
def test_other_lines_are_not_the_lists(name: str, line: str) -> None:
    assert not continues_item_list(name, line)
