"""Cells wrapped over the lines of an interleaved row: the unit put back together."""

from __future__ import annotations

import pytest

from theodoi.ingest.parse.indicators.rows import Parts, Row
from theodoi.ingest.parse.indicators.wraps import merge_lead_continuations, repeated_unit_tail, wrapped_unit


def rebuild(above: str, here: str, target: str, below: str) -> tuple[str, str, str, str]:
    """Run ``wrapped_unit`` on a numbered line between two others: (above, name, unit, below)."""
    parts = {0: Parts(name=above), 1: Parts(code="4", name=here, target=target), 2: Parts(name=below)}
    wrapped_unit(1, parts, {1})
    return parts[0].name, parts[1].name, parts[1].unit, parts[2].name


# (above, numbered line's name part, target, below) -> (above, name, unit, below), comment
CASES = [
    (
        ("Số doanh", "Tỷ lệ doanh nghiệp công nghệ số nghiệp/1000", "1", "dân"),
        ("", "Tỷ lệ doanh nghiệp công nghệ số", "Số doanh nghiệp/1000 dân", ""),
        "a unit over three lines",
    ),
    (
        ("Số lượng vườn ươm, Vườn, Trung", "được bổ sung chức năng đổi", "01", "ở tâm Công nghệ"),
        ("Số lượng vườn ươm,", "được bổ sung chức năng đổi", "Vườn, Trung tâm", "ở Công nghệ"),
        "none of it on the numbered line; its end before a wrapped agency below",
    ),
    (
        (
            "Số lượng vườn ươm, trung tâm",
            "được bổ sung chức năng đổi Vụ’Ở’nã, Trung",
            ">3",
            "ở tâm Công nghệ",
        ),
        ("Số lượng vườn ươm, trung tâm", "được bổ sung chức năng đổi", "Vườn, Trung tâm", "ở Công nghệ"),
        "a damaged unit that still reads as the fuller unit beats the exact shorter one",
    ),
    (
        ("Số lượng vườn ươm, trung tâm", "được bổ sung chức năng", "10", "mới sáng tạo"),
        ("Số lượng vườn ươm, trung tâm", "được bổ sung chức năng", "", "mới sáng tạo"),
        "negative: lower-case name text above is no unit cell",
    ),
    (
        ("Tỷ lệ người dân", "có tài khoản định danh", "80", "điện tử"),
        ("Tỷ lệ người dân", "có tài khoản định danh", "", "điện tử"),
        "negative: no unit in the words around",
    ),
]


@pytest.mark.parametrize(("given", "expected", "comment"), CASES)
def test_a_unit_wrapped_around_the_numbered_line_is_rebuilt(given, expected, comment):
    assert rebuild(*given) == expected, comment


def on_row(repair, lines: list[Parts], column: str) -> list[tuple[str, str]]:
    """Run a row repair on a row's lines: (name, ``column``) per line."""
    repair(Row(code="9", horizon=2030, group=None, lines=[], parts=lines))
    return [(p.name, getattr(p, column)) for p in lines]


def merged(lines: list[Parts]) -> list[tuple[str, str]]:
    return on_row(merge_lead_continuations, lines, "lead")


def test_a_lower_case_run_stays_in_the_name_when_the_line_below_finishes_the_agency():
    # "Sở Khoa học và" / "vực công được công nhận mỗi" / "< Công nghệ": "công nhận mỗi" reads
    # loosely as the agency's end, but the capitalised "Công nghệ" below finishes it exactly.
    got = merged(
        [
            Parts(name="Số lượng sáng kiến trong khu", lead="Sở Khoa học và"),
            Parts(code="4.9", name="vực công được công nhận mỗi", unit="Sáng kiến", target="> 100"),
            Parts(name="< Công nghệ"),
            Parts(name="năm"),
        ]
    )
    assert got[1] == ("vực công được công nhận mỗi", "")
    assert got[2][1] == "Công nghệ"


def test_a_lower_case_continuation_is_taken_when_nothing_below_finishes_the_agency():
    # "Sở Y tế, Sở Giáo" / "... tiếp dục và Đào tạo,": the agency's end is on this line.
    got = merged(
        [
            Parts(name="", lead="Sở Y tế, Sở Giáo"),
            Parts(name="Tỷ lệ dân số trưởng thành tiếp dục và Đào tạo,"),
            Parts(code="2.2", name="cận dịch vụ số trong y tế, giáo", unit="%", target="97"),
        ]
    )
    assert got[1] == ("Tỷ lệ dân số trưởng thành tiếp", "dục và Đào tạo,")


def unit_tail(lines: list[Parts]) -> list[tuple[str, str]]:
    return on_row(repeated_unit_tail, lines, "unit")


def test_a_repeated_name_end_before_the_target_finishes_the_unit_opened_above():
    got = unit_tail(
        [
            Parts(unit="Trung tâm", lead="Công an tỉnh, Sở Khoa học và"),
            Parts(code="24", name="Hình thành Trung tâm dữ liệu tỉnh dữ liệu tỉnh", target="01"),
        ]
    )
    assert got == [("", "Trung tâm dữ liệu tỉnh"), ("Hình thành Trung tâm dữ liệu tỉnh", "")]


def test_a_repeat_with_no_unit_elsewhere_is_only_dropped_from_the_name():
    got = unit_tail([Parts(code="24", name="Hình thành Trung tâm dữ liệu tỉnh dữ liệu tỉnh", target="01")])
    assert got == [("Hình thành Trung tâm dữ liệu tỉnh", "")]


@pytest.mark.parametrize(
    "name",
    [
        "Tỷ lệ dữ liệu được tích hợp với với",  # one word repeated: printed so, not a cell
        "Số lượng doanh nghiệp khoa học và công nghệ",  # no repeat
    ],
)
def test_a_name_without_a_repeated_run_of_two_words_is_left_alone(name):
    got = unit_tail([Parts(unit="Trung tâm"), Parts(code="5", name=name, target="10")])
    assert got == [("", "Trung tâm"), (name, "")]


def test_a_numbered_line_with_its_own_unit_keeps_its_name():
    name = "Hình thành Trung tâm dữ liệu tỉnh dữ liệu tỉnh"
    got = unit_tail([Parts(code="24", name=name, unit="Trung tâm", target="01")])
    assert got == [(name, "Trung tâm")]


def test_an_opening_50_is_read_as_so_so_the_name_keeps_its_own_so():
    got = rebuild("", "Tỷ lệ doanh nghiệp công nghệ số 50 doanh", "1", "nghiệp/1000 dân")
    assert got == ("", "Tỷ lệ doanh nghiệp công nghệ số", "Số doanh nghiệp/1000 dân", "")


def test_a_number_that_is_no_reading_of_so_is_not_taken_for_it():
    # "20 doanh": 20 is no scan of "Số"; the unit is the plain "Doanh nghiệp/1000 dân"
    got = rebuild("", "Tỷ lệ doanh nghiệp công nghệ 20 doanh", "1", "nghiệp/1000 dân")
    assert got[2] == "Doanh nghiệp/1000 dân"
