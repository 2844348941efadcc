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


def test_a_longer_name_read_further_on_goes_first_when_none_holds_more_nearby() -> None:
    hits = {"Sở Công Thương": ["so", "cong"], "Sở Khoa học và Công nghệ": ["so", "cong"]}
    far = {"Sở Công Thương": ["so", "cong"], "Sở Khoa học và Công nghệ": ["so", "cong", "nghe"]}
    assert fuller_first([SHORT], hits, SIZES, far.__getitem__)[0] == (2 / 3, 3, "Sở Khoa học và Công nghệ")


def test_a_longer_name_read_further_on_stays_behind_without_the_best_ones_words() -> None:
    hits = {"Sở Công Thương": ["so", "cong"], "Sở Khoa học và Công nghệ": ["so", "cong"]}
    far = {"Sở Công Thương": ["so", "cong"], "Sở Khoa học và Công nghệ": ["so", "khoa", "nghe"]}
    assert fuller_first([SHORT], hits, SIZES, far.__getitem__) == [SHORT]


def test_a_whole_best_name_is_not_read_again_further_on() -> None:
    whole = (1.0, 3, "Sở Công Thương")
    hits = {"Sở Công Thương": ["so", "cong", "thuong"], "Sở Khoa học và Công nghệ": ["so", "cong"]}
    far = {
        "Sở Công Thương": ["so", "cong", "thuong"],
        "Sở Khoa học và Công nghệ": ["so", "cong", "thuong", "x"],
    }
    assert fuller_first([whole], hits, SIZES, far.__getitem__) == [whole]


def test_a_garbled_cell_with_the_last_word_far_down_reads_the_longer_name() -> None:
    assert directory_name_in("Số K10 càng © SỞ, địa phương LÀ nghệ Xô") == "Sở Khoa học và Công nghệ"
    assert directory_name_in("Số K10 càng © SỞ, địa phương LÀ thương Xô") == "Sở Công Thương"
