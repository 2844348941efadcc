"""A lone "nghệ" on a name line (an agency's wrapped "Công" / "nghệ") and the words after it
leave the name; the name's own "công nghệ", "nghề nghiệp" misread and list items stay."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.stray_nghe import split_stray_nghe


def test_stray_nghe_and_the_words_after_it_leave_the_name() -> None:
    head, rest = split_stray_nghe("nghiệm STEM nghệ phòng học STEM", "Năm 2026", "tổ chức trải")
    assert (head, rest) == ("nghiệm STEM", "nghệ phòng học STEM Năm 2026")


def test_stray_nghe_opening_a_line_moves_the_whole_line() -> None:
    name = "Tập trung đầu tư trọng điểm để phát triển một tổ chức nghiên cứu mạnh trên địa bàn tỉnh"
    assert split_stray_nghe("nghệ cứu mạnh", "", name) == ("", "nghệ cứu mạnh")


@pytest.mark.parametrize(
    ("head", "name"),
    [
        ("phát triển khoa học, công nghệ, đổi mới sáng tạo", "Triển khai"),
        ("khoa học, nghệ, đổi mới sáng tạo", "Triển khai"),  # a list item, "công" lost
        ("hướng dẫn của nghệ thông tin", "Triển khai"),  # "công nghệ thông tin", "công" lost
        ("sinh viên giáo dục nghề nghệ", "Cơ sở dữ liệu học sinh,"),
        ("ngành nghệ tỉnh có nhu cầu.", "theo các lĩnh vực,"),
        ("nghệ chiến lược và chuyển đổi số.", "tập trung vào các công vô 1 mạng lưới"),
        ("nghệ sinh học", "ứng dụng công"),
        ("nghệ phòng học", ""),  # the name's first line: nothing above to tell
    ],
)
def test_the_names_own_nghe_stays(head: str, name: str) -> None:
    assert split_stray_nghe(head, "", name) == (head, "")
