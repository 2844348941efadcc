"""The fuller directory name a row prints for a shorter reading (parse.fuller_readings)."""

from __future__ import annotations

from theodoi.ingest.parse.fuller_readings import fuller_reading

SHORT = "Các doanh nghiệp viễn thông, công nghệ thông tin"
FULL = "Các doanh nghiệp viễn thông, internet, công nghệ thông tin"


def test_extra_word_printed_in_place_gives_the_fuller_name() -> None:
    fragments = [
        (10, ["Sở Khoa học và"]),
        (11, ["Công nghệ; các", "Kế hoạch"]),
        (12, ["doanh nghiệp viễn thông,"]),
        (13, ["internet, công", "hoàn thành"]),
        (14, ["nghệ thông tin"]),
    ]
    assert fuller_reading(SHORT, fragments) == FULL
    assert fuller_reading("c" + SHORT[1:], fragments) == "c" + FULL[1:]  # its first letter's case kept


def test_extra_word_elsewhere_in_the_row_keeps_the_name() -> None:
    fragments = [
        (10, ["Các doanh nghiệp viễn"]),
        (11, ["thông, công nghệ", "hạ tầng internet"]),
        (12, ["thông tin"]),
    ]
    assert fuller_reading(SHORT, fragments) == SHORT


def test_name_without_a_fuller_entry_is_kept() -> None:
    assert fuller_reading("Sở Tài chính", [(10, ["Sở Tài chính", "internet, công"])]) == "Sở Tài chính"
