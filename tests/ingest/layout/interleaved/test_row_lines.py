"""A line that can open a task name: the second half of a place name joined by "-" cannot."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.row_lines import _name_like_start


@pytest.mark.parametrize(
    "line", ["Vân - Quy Nhơn n Tài chính 2 e Xe £", "Nhơn – Phú Yên và các khu vực lân cận"]
)
def test_the_second_half_of_a_dashed_place_name_opens_no_name(line: str) -> None:
    assert not _name_like_start(line)


@pytest.mark.parametrize(
    "line",
    [
        "Xây dựng đô thị thông minh tại Khu đô thị Long",
        "Triển khai hạ tầng 5G - IoT trong các khu công nghiệp",
        "Khoa học - Công nghệ cho doanh nghiệp",
    ],
)
def test_a_name_with_a_dash_later_on_still_opens(line: str) -> None:
    assert _name_like_start(line)


@pytest.mark.parametrize("line", ["| AR A Lô, doanh nghiệp, Chương", "TK Ô Xây dựng cơ sở dữ liệu"])
def test_capitals_then_a_lone_letter_open_no_name(line: str) -> None:
    assert not _name_like_start(line)


@pytest.mark.parametrize(
    "line",
    ["UBND tỉnh ban hành kế hoạch chuyển đổi số", "AI và dữ liệu lớn trong y tế, giáo dục"],
)
def test_an_abbreviation_then_a_word_still_opens(line: str) -> None:
    assert _name_like_start(line)
