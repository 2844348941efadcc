"""The directory name an OCR'd cell holds more words of wins over a shorter one read from fewer."""

from __future__ import annotations

from theodoi.ingest.parse.fuller_matches import fuller_first
from theodoi.ingest.parse.tasks import directory_name_in

SHORT = (2 / 3, 2, "Sở Công Thương")
SIZES = {"Sở Công Thương": 3, "Sở Khoa học và Công nghệ": 6, "Sở Nội vụ": 3}


def test_a_name_holding_the_best_ones_words_and_more_goes_first() -> None:
    hits = {"Sở Công Thương": ["so", "cong"], "Sở Khoa học và Công nghệ": ["so", "cong", "nghe"]}
    assert fuller_first([SHORT], hits, SIZES) == [(2 / 3, 3, "Sở Khoa học và Công nghệ"), SHORT]


def test_a_name_with_more_words_but_not_the_best_ones_stays_behind() -> None:
    hits = {"Sở Công Thương": ["so", "cong"], "Sở Khoa học và Công nghệ": ["so", "khoa", "hoc"]}
    assert fuller_first([SHORT], hits, SIZES) == [SHORT]


def test_a_collective_read_best_is_left_alone() -> None:
    best = (2 / 3, 2, "Các sở, ngành")
    hits = {"Các sở, ngành": ["cac", "so"], "Các sở, ngành, địa phương": ["cac", "so", "dia", "phuong"]}
    assert fuller_first([best], hits, {"Các sở, ngành": 3, "Các sở, ngành, địa phương": 5}) == [best]


def test_a_cell_spelling_the_longer_name_reads_it() -> None:
    assert directory_name_in("Sở phương Công nghệ") == "Sở Khoa học và Công nghệ"


def test_a_cell_spelling_the_short_name_keeps_it() -> None:
    assert directory_name_in("Sở Công Thương") == "Sở Công Thương"
    assert directory_name_in("Số tế") == "Sở Y tế"
