"""Tests for parse/university_names: a university read as its bare head "Đại học"."""

from theodoi.ingest.parse.university_names import mend_university

ROW = [(10, ["Trường", "Đại học Hoạt động"]), (11, ["lý các cơ sở giáo Quảng Trị thực hiện"])]


def test_a_bare_university_head_is_mended_from_the_row() -> None:
    assert mend_university("Đại học", ROW) == "Trường Đại học Quảng Trị"
    # no "Trường" before it: the name is printed without
    assert mend_university("Đại học", [(10, ["Đại học"]), (11, ["Quy Nhơn, các"])]) == "Đại học Quy Nhơn"


def test_other_names_and_rows_without_a_proper_name_are_left_alone() -> None:
    assert mend_university("Sở Nội vụ", ROW) == "Sở Nội vụ"
    assert mend_university("Đại học Quy Nhơn", ROW) == "Đại học Quy Nhơn"
    assert mend_university("Đại học", [(10, ["Đại học"]), (11, ["các cơ sở giáo dục"])]) == "Đại học"
    assert mend_university("Đại học", [(10, ["Đại học"])]) == "Đại học"
