"""The name and target columns of a scanned row: specks dropped, the row's target chosen."""

from __future__ import annotations

import pytest

from theodoi.ingest.parse.indicators.names import clean_name
from theodoi.ingest.parse.indicators.rows import Parts, Row
from theodoi.ingest.parse.indicators.target_cell import pick_target


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("NAguon nhân lực nghiên cứu", "Nguon nhân lực nghiên cứu"),  # a circumflex printed "A"
        ("Sở KAhoa học", "Sở Khoa học"),
        # negative cases: capitals of names and abbreviations, and smudges that stay smudges
        ("Tỷ lệ người dân có tài khoản VNeID", "Tỷ lệ người dân có tài khoản VNeID"),
        ("Ứng dụng IoT trong DataAnalytics", "Ứng dụng IoT trong DataAnalytics"),
        ("Số lượng sáng kiến trorAlg khu vực", "Số lượng sáng kiến trorAlg khu vực"),
    ],
)
def test_a_capital_a_printed_inside_a_word_is_dropped_when_that_leaves_a_syllable(name, expected):
    assert clean_name(name) == expected


def row(*parts: Parts) -> Row:
    return Row(code="3.10", horizon=2025, group=None, parts=list(parts))


def test_a_sign_on_the_rows_line_beats_a_stray_number_elsewhere():
    # ">0y": the sign survived on the numbered line, its number did not; the "7" on the line
    # above is a speck at the end of the name
    got = pick_target(
        row(Parts(name="Phấn đấu có công trình đạt giải", target="7"), Parts(code="3.10", target=">ủy"))
    )
    assert got == ">ủy"


def test_a_number_on_the_rows_line_is_its_target():
    # negative case: a readable number on the numbered line wins as before
    got = pick_target(row(Parts(name="Phấn đấu có công trình", target="7"), Parts(code="3.10", target="12")))
    assert got == "12"
