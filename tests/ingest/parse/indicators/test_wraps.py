"""Cells wrapped over the lines of an interleaved row: the unit put back together."""

from __future__ import annotations

import pytest

from theodoi.ingest.parse.indicators.rows import Parts, Row
from theodoi.ingest.parse.indicators.wraps import merge_lead_continuations, wrapped_unit


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


def merged(lines: list[Parts]) -> list[tuple[str, str]]:
    """Run ``merge_lead_continuations`` on a row's lines: (name, lead) per line."""
    row = Row(code="4.9", horizon=2030, group=None, lines=[], parts=lines)
    merge_lead_continuations(row)
    return [(p.name, p.lead) for p in row.parts]


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
