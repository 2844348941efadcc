"""An event deadline's "Sau khi" read through OCR look-alikes, its garbled words read from the phrases."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.deadlines import split_deadline_tail
from theodoi.ingest.layout.interleaved.event_openings import mend_event_words, repair_event_opening


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("Triển khai thực hiện Đề án Nâng cao năng lực . Sa}u khi DS", "Sau khi DS"),  # a mark in "Sau"
        ("Saulkhi có", "Sau khi có"),  # the space read as an "l"
    ],
)
def test_a_garbled_sau_khi_opens_the_event_cell(line: str, due: str) -> None:
    assert split_deadline_tail(line)[1] == due


@pytest.mark.parametrize(
    "line",
    [
        "hỗ trợ sau khi có quyết định của tỉnh",  # lower-case: the name's words
        "Sa}u khi có quyết định của tỉnh",  # not at the line's end
        "Saul khi",
    ],
)
def test_a_name_s_sau_khi_stays(line: str) -> None:
    assert repair_event_opening(line) == line or split_deadline_tail(line)[1] == ""


def test_a_garbled_word_is_read_from_the_phrase_around_it() -> None:
    assert (
        mend_event_words("Sau khi DS án được Chính phủ ban hành") == "Sau khi Đề án được Chính phủ ban hành"
    )


@pytest.mark.parametrize(
    "deadline",
    [
        "Sau khi Bộ án được",  # another first letter: not the phrase's word
        "Sau khi UBND tỉnh ban hành",  # no phrase around it
        "12/2025 DS án được",  # no event cell
    ],
)
def test_other_words_stay(deadline: str) -> None:
    assert mend_event_words(deadline) == deadline
