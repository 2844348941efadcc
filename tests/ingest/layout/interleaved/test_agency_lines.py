"""A line whose first words after a stray mark finish an agency the line above left open."""

from __future__ import annotations

from theodoi.ingest.layout.interleaved.agency_lines import finishes_agency_above

_ABOVE = "2. Xồ A Y Á À | Sở Khoa học và | . . . Thường"


def test_a_stray_mark_then_the_agency_s_end_finishes_it() -> None:
    assert finishes_agency_above(_ABOVE, "Nô Công nghệ ; xồ xuyên")


def test_a_line_opening_with_its_own_word_is_left_alone() -> None:
    assert not finishes_agency_above(_ABOVE, "Công nghệ thông tin được ứng dụng rộng rãi")


def test_no_open_agency_above_finishes_nothing() -> None:
    assert not finishes_agency_above("Sở Khoa học và Công nghệ", "Nô Công nghệ ; xồ xuyên")
