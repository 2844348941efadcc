"""An OCR'd agency name read with garbled or stray words, told by its head and telling words.

Corpus: lead names as OCR'd rows give them, other columns' words run in or the name's own
words lost, with the directory name expected; negative cases where two names with the head
hold as many telling words, where a word is one letter off a short telling word, and where
the first word is no head of the names whose words are held.
"""

from __future__ import annotations

import pytest

from theodoi.ingest.parse.garbled_names import name_by_telling_words, with_told_names

TOLD = [
    ("Số của cơ quan nhà ở Nội vụ", "Sở Nội vụ"),  # other columns' words between head and name
    ("Sở Công nghệ bài Phát", "Sở Khoa học và Công nghệ"),  # "Khoa học" lost, "bài Phát" run in
    ("Số bộ - đề án thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
]


@pytest.mark.parametrize(("read", "expected"), TOLD)
def test_a_garbled_name_is_the_directory_name_its_telling_words_tell(read: str, expected: str) -> None:
    assert name_by_telling_words(read) == expected


def test_two_names_holding_as_many_telling_words_tell_nothing() -> None:
    # "xã hội" of one department's name, "nghệ" of another's
    assert name_by_telling_words("Số LÀ của cấp có thẩm xã hội nghệ") is None


def test_a_word_one_letter_off_a_short_telling_word_is_another_word() -> None:
    # "phát" is not "pháp" (Sở Tư pháp)
    assert name_by_telling_words("Sở bài Phát") is None


def test_one_telling_word_of_several_tells_nothing() -> None:
    # "Khoa" alone: the name's other words are lost or another column's
    assert name_by_telling_words("Số Khoa hộ xã") is None


def test_words_of_a_name_after_another_head_tell_nothing() -> None:
    # "Du lịch" ends a department's name, but the name read opens with "UBND"
    assert name_by_telling_words("UBND tỉnh Du lịch") is None


def test_directory_names_are_kept_as_read() -> None:
    assert with_told_names(["Sở Công Thương", "Sở Nội vụ"]) == ["Sở Công Thương", "Sở Nội vụ"]
