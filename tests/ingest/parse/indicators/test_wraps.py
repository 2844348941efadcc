"""Cells wrapped over the lines of an interleaved row: the unit put back together."""

from __future__ import annotations

import pytest

from theodoi.ingest.parse.indicators.rows import Parts
from theodoi.ingest.parse.indicators.wraps import wrapped_unit


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
