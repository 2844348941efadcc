"""Targets: every form the sample plans print, OCR damage, and text that is not a comparison."""

from __future__ import annotations

import pytest

from theodoi.ingest.normalise.targets import find_range, parse_number, parse_target, repair_target, unit_hint

# (printed target, expected (op, value, value_max), comment)
PARSE_CASES = [
    ("≥ 80", (">=", 80, None), "the usual form"),
    ("≥80", (">=", 80, None), "no space after the sign"),
    (">= 3", (">=", 3, None), "ASCII sign"),
    ("> 0,75", (">", 0.75, None), "decimal comma"),
    ("≥ 0,6", (">=", 0.6, None), "decimal comma below one"),
    ("≤ 20 Việt Nam", ("<=", 20, None), "a rank among the provinces"),
    ("≤ 10 Việt Nam", ("<=", 10, None), "a rank, smaller"),
    ("< 20", ("<", 20, None), "strict upper bound"),
    ("16 - 18", ("range", 16, 18), "range with spaces"),
    ("16-18", ("range", 16, 18), "range without spaces"),
    ("8- 10", ("range", 8, 10), "range with one space"),
    ("70 - 90", ("range", 70, 90), "range of percentages"),
    ("100", ("=", 100, None), "a plain number is an exact target"),
    ("04", ("=", 4, None), "leading zero"),
    ("1,0", ("=", 1.0, None), "decimal comma, whole"),
    ("≥ 1.200", (">=", 1200, None), "dot groups thousands"),
    ("≥ 2.000", (">=", 2000, None), "dot groups thousands, round"),
    ("0.7", ("=", 0.7, None), "OCR read the decimal comma as a dot"),
    ("100%", ("=", 100, None), "percent sign kept in the cell"),
    ("≥ 3% và tăng dần theo yêu cầu phát triển", (">=", 3, None), "sign and number opening a sentence"),
    ("trên 90%", (">", 90, None), "prose: above"),
    ("tối thiểu 30% GRDP", (">=", 30, None), "prose: at least"),
    ("từ 50% trở lên", (">=", 50, None), "prose: from ... upwards"),
    ("ít nhất 03 tổ chức", (">=", 3, None), "prose: at least, with a noun"),
    ("không quá 5", ("<=", 5, None), "prose: at most"),
    ("Có từ 07 người nghiên cứu trên 01 vạn dân", (">=", 7, None), "prose: the first comparison wins"),
    ("Có 8 - 10 trung tâm nghiên cứu", ("range", 8, 10), "prose: a range inside a sentence"),
    ("Mỗi năm có 50 đến 60 dự án", ("range", 50, 60), "prose: a range in words"),
    ("Có từ 5 đến 7 sản phẩm", ("range", 5, 7), "prose: a range beats the comparison opening it"),
    ("80% - 90% dân số sử dụng dịch vụ số", ("range", 80, 90), "prose: a range of percentages"),
    ("Giai đoạn 2026 - 2030 có trên 5 dự án", (">", 5, None), "a period of years is no range"),
]

# Text that is not a comparison must come back as text with no value.
TEXT_CASES = [
    ("Có", "yes/no target"),
    ("Bảo đảm", "assured/not assured target"),
    ("Hoàn thành", "done/not done target"),
    ("Đạt mức trên trung bình của Việt Nam", "a sentence"),
    ("Tiên tiến, hiện đại, dung lượng siêu lớn", "a sentence with commas"),
    ("", "empty cell"),
    (None, "no cell"),
    ("Thực hiện theo Kế hoạch ban hành ngày 10-12", "a date is no range"),
    ("Triển khai giai đoạn 2026 - 2030", "a period of years is no range"),
]


@pytest.mark.parametrize(("text", "expected", "comment"), PARSE_CASES)
def test_target_forms_parse_to_op_value_and_bound(text, expected, comment):
    assert parse_target(text) == expected, comment


def test_a_sign_whose_number_the_scan_lost_keeps_its_direction():
    assert parse_target(">gỡ") == (">", None, None)
    assert parse_target("≥ o5") == (">=", None, None)


@pytest.mark.parametrize(("text", "comment"), TEXT_CASES)
def test_text_targets_have_no_value(text, comment):
    assert parse_target(text) == ("text", None, None), comment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0,75", 0.75),
        ("1.200", 1200.0),
        ("04", 4.0),
        ("2", 2.0),
        ("12,5", 12.5),
        ("1.2.3", None),
        ("abc", None),
    ],
)
def test_numbers_read_the_vietnamese_way(text, expected):
    assert parse_number(text) == expected


# (OCR'd cell, unit, expected printed form, comment)
REPAIR_CASES = [
    (">80", "%", "≥ 80", "a scan drops the bar under ≥"),
    ("<20 Việt Nam", "Thứ bậc", "≤ 20 Việt Nam", "and under ≤"),
    ("=10", "Doanh nghiệp", "≥ 10", "the lower stroke of ≥ lost"),
    ("250", "%", "≥ 50", "≥ read as a 2 before a percentage"),
    ("2 600", "Người", "≥ 600", "≥ read as a 2, spaced"),
    ("~ 30", "%", "≥ 30", "≥ read as a tilde"),
    ("=~ 70", "%", "≥ 70", "≥ read as two strokes"),
    ("-1", "Sáng chế", "≥ 1", "≥ read as a hyphen: no target is negative"),
    ("- 12", "Người", "≥ 12", "≥ read as a spaced hyphen"),
    (">~ 15", "Sáng chế", "≥ 15", "the bar of ≥ read as a tilde"),
    (">gỡ", "%", "≥ 80", "letters for digits after a sign (restored with marks)"),
    (">gs", "%", "≥ 85", "letters for digits after a sign"),
    ("≥ 9p", "%", "≥ 90", "a digit and a letter for a digit"),
    # negative cases: what cannot be read as a number stays as printed
    (">o5", "%", ">o5", "a 0 read into a speck at the front is too unsure"),
    (">ủy", "%", ">ủy", "a letter that looks like no digit"),
    ("> trung bình", "Thứ bậc", "> trung bình", "words after a sign"),
]


@pytest.mark.parametrize(("text", "unit", "expected", "comment"), REPAIR_CASES)
def test_ocr_damaged_targets_are_repaired(text, unit, expected, comment):
    assert repair_target(text, unit=unit, ocr=True) == expected, comment


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("≥ 80", "%"),
        ("> 0,75", "Chỉ số"),
        ("100", "%"),
        ("16 - 18", "%/năm"),
        ("Có", "Có/Không"),
        ("250", "Người"),
    ],
)
def test_clean_targets_come_back_unchanged(text, unit):
    assert repair_target(text, unit=unit) == text


def test_a_strict_sign_in_clean_text_is_kept():
    # A typed document that prints ">" means ">": only scans have their signs repaired.
    assert repair_target("> 60", unit="%") == "> 60"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("≥ 3% và tăng dần", "%"), ("30% GRDP", "% GRDP"), ("≥ 80", None), ("Có", None), (None, None)],
)
def test_unit_hints_come_from_the_target_itself(text, expected):
    assert unit_hint(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Có 8 - 10 trung tâm", (3, 10, 8, 10, False)),
        ("có 70 - 90% dân số", (3, 11, 70, 90, True)),
        ("Tăng 10 - 8 điểm", None),  # falling: not a range
        ("Năm 2025 - 2026", None),
        ("Xây dựng 2 trung tâm", None),
    ],
)
def test_a_range_is_found_inside_a_sentence_with_its_place(text, expected):
    assert find_range(text) == expected
