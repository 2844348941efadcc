"""Matching keys: one key for every way a document prints the same agency or place."""

from __future__ import annotations

import pytest

from theodoi.directory.names import agency_full_name, agency_key, place_key, unit_code


@pytest.mark.parametrize(
    "printed",
    [
        "Sở KH&CN",
        "Sở Khoa học và Công nghệ",
        "Sở Khoa học và Công Nghệ",
        "Sở KHCN",
        "Sở KH & CN",
        "sở khoa hoc va cong nghe",
        "Sở Khoa học và Công nghệ tỉnh Gia Lai",
    ],
)
def test_spellings_of_the_department_of_science_share_one_key(printed: str) -> None:
    assert agency_key(printed, unit_name="Gia Lai") == "so khoa hoc va cong nghe"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("UBND tỉnh", "Uỷ ban nhân dân tỉnh Gia Lai"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("Công an tỉnh", "Công an"),
        ("Các sở,ban, ngành , địa phương.", "Các sở, ban, ngành, địa phương"),
    ],
)
def test_abbreviations_and_punctuation_do_not_change_the_key(a: str, b: str) -> None:
    assert agency_key(a, unit_name="Gia Lai") == agency_key(b, unit_name="Gia Lai")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sở Khoa học và Công nghệ", "Sở Tài chính"),
        ("Các sở, ban, ngành", "Các sở, ban, ngành, địa phương"),
        ("Báo Gia Lai", "Báo"),  # a place name that is part of the name stays
        ("Sở Tài chính thành phố Đà Nẵng", "Sở Tài chính"),  # another unit's body stays apart
        ("Khoa học", "KH"),  # only whole abbreviations expand
    ],
)
def test_different_agencies_keep_different_keys(a: str, b: str) -> None:
    assert agency_key(a, unit_name="Gia Lai") != agency_key(b, unit_name="Gia Lai")


@pytest.mark.parametrize(
    "printed", ["Bà Rịa - Vũng Tàu", "Bà Rịa–Vũng Tàu", "tỉnh Bà Rịa Vũng Tàu", "BA RIA-VUNG TAU"]
)
def test_place_key_ignores_punctuation_case_and_the_kind_word(printed: str) -> None:
    assert place_key(printed) == "bariavungtau"


def test_unit_code_is_a_readable_slug() -> None:
    assert unit_code("Bà Rịa - Vũng Tàu") == "ba-ria-vung-tau"
    assert unit_code("Đắk Lắk") == "dak-lak"


@pytest.mark.parametrize(
    ("printed", "full"),
    [
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("Sở KH & CN", "Sở Khoa học và Công nghệ"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở Tài chính", "Sở Tài chính"),  # nothing to expand: unchanged
        ("Trường THPT Quốc Học", "Trường THPT Quốc Học"),  # unknown abbreviations stay
    ],
)
def test_full_name_writes_out_the_usual_abbreviations(printed: str, full: str) -> None:
    assert agency_full_name(printed) == full
    assert agency_key(full) == agency_key(printed)
