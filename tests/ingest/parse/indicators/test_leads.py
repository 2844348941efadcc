"""The monitoring agency cell: where it opens on a scanned line, how its names resolve."""

from __future__ import annotations

import pytest

from theodoi.ingest.parse.indicators.leads import directory_score, split_glued_head, split_leads
from theodoi.ingest.parse.indicators.line_split import split_line

# (physical line, expected agency cell, comment)
OPENING_CASES = [
    (
        "5.15 |dụng phần mềm quản trị điều % > 60 Vanp hf)ng Tỉnh",
        "Vanp hf)ng Tỉnh",
        "space of Văn phòng moved",
    ),
    (
        "5.12 |dụng phần mềm quản trị điều % 100 vanp hộ;ở Tỉnh",
        "vanp hộ;ở Tỉnh",
        "moved, lower case, smudged",
    ),
    ("án Chuyển đổi số trong các cơ Hoàn Hồn Văn phone Tỉnh", "Văn phone Tỉnh", "phòng read as phone"),
    ("Sở'Y tế, Sở Giáo", "Sở Y tế, Sở Giáo", "a mark glued between Sở and the department"),
    # negative cases: name text keeps its words
    ("1 Tỷ lệ văn bản điện tử % > 90 Sở Nội vụ", "Sở Nội vụ", "văn bản is name text"),
    ("2 Tỷ lệ văn phòng số hóa % 100 Sở Nội vụ", "Sở Nội vụ", "văn phòng in lower case is name text"),
]


@pytest.mark.parametrize(("text", "lead", "comment"), OPENING_CASES)
def test_an_agency_cell_opens_where_the_scan_left_its_head(text, lead, comment):
    assert split_line(text, with_code=True).lead == lead, comment


def test_a_mark_glued_after_so_splits_only_before_a_capital():
    assert split_glued_head(["Sở'Y", "tế"]) == ["Sở", "Y", "tế"]
    assert split_glued_head(["S&'Y", "tế"]) == ["S&", "Y", "tế"]  # "S&": a scanned "Sở"
    assert split_glued_head(["Sáng'Kiến"]) == ["Sáng'Kiến"]  # a longer word is not "Sở"
    assert split_glued_head(["sở'y", "tế"]) == ["sở'y", "tế"]  # no capital after the mark
    assert split_glued_head(["Số'lượng"]) == ["Số'lượng"]


# (agency cell, expected agencies, comment)
RESOLVE_CASES = [
    ("Vanp hf)ng Tỉnh", ["Văn phòng Tỉnh ủy"], "moved space resolves loosely"),
    ("Ngân hàng Nhà nước Khu vực 8", ["Ngân hàng Nhà nước Khu vực 8"], "a regional branch is kept"),
    ("Ngân hàng Nhà nước", ["Ngân hàng Nhà nước"], "the bank itself"),
    ("Ngân hàng Nhà nuoc", ["Ngân hàng Nhà nước"], "marks lost: the directory's form"),
]


@pytest.mark.parametrize(("text", "expected", "comment"), RESOLVE_CASES)
def test_agency_cells_resolve_against_the_directory(text, expected, comment):
    assert split_leads(text)[0] == expected, comment


def test_an_edge_comma_does_not_hide_a_loose_directory_match():
    # "báo" for "Đào": only the loose match sees it, with or without the comma the cell ends in
    assert directory_score("Sở Giáo dục và báo tạo,") == directory_score("Sở Giáo dục và báo tạo")
    assert directory_score("Sở Giáo dục và báo tạo,") > directory_score("Sở Giáo tạo,")


def test_a_semicolon_between_two_letters_is_a_smudge_not_a_separator():
    assert split_leads("vanp hg;g Tinh")[0] == ["Văn phòng Tỉnh ủy"]
    # negative case: a semicolon before a space separates two agencies
    assert split_leads("Sở Y tế; Sở Xây dựng")[0] == ["Sở Y tế", "Sở Xây dựng"]


def test_a_number_before_cong_nghe_is_a_target_not_a_scanned_so():
    # "50 Công nghệ": the target, then the end of a wrapped "Sở Khoa học và Công nghệ"
    parts = split_line("1.1 | Tỷ Lệ phủ sóng 6G trên địa bàn %ở 50 Công nghệ", with_code=True)
    assert (parts.target, parts.lead) == ("50", "Công nghệ")
    # negative case: "56 Công Thương" is a scanned "Sở Công Thương" after its target
    parts = split_line("4 Tỷ lệ doanh nghiệp xuất khẩu % > 40 56 Công Thương", with_code=True)
    assert (parts.target, parts.lead) == ("> 40", "56 Công Thương")


def test_a_number_before_an_agency_that_opens_by_itself_is_a_target():
    parts = split_line("56 Tỷ lệ dịch vụ công trực tuyến ở ~ 30 Văn phòng", with_code=True)
    assert (parts.target, parts.lead) == ("~ 30", "Văn phòng")
