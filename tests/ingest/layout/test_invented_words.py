"""Syllables the restorer made up of unmarked OCR tokens: debris, not words."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.invented_words import invented_words, is_invented

VOCABULARY = frozenset({"phương", "camera", "ban", "doanh"})


@pytest.mark.parametrize(
    ("token", "restored", "invented"),
    [
        ("huon", "huỗn", True),  # "phương" cut to "huon", read as a syllable no word uses
        ("huon,", "huỗn,", True),  # edge punctuation is no part of the word
        ("phuong", "phương", False),  # a word the vocabulary holds
        ("camera", "camera", False),  # a loan word the restorer left alone
        ("en", "ẽn", False),  # two letters: mostly a piece of the cell's own word ("Tf en")
        ("Huon", "Huỗn", False),  # capitalised: not judged
        ("hu0n", "huỗn", False),  # not plain letters: left to the debris test
        ("huon", "hoàn", False),  # a reading that changes letters, not only marks
    ],
)
def test_is_invented(token: str, restored: str, invented: bool) -> None:
    assert is_invented(token, restored, VOCABULARY) is invented


def test_the_restorers_vocabulary_judges_by_default() -> None:
    assert is_invented("huon", "huỗn")
    assert not is_invented("phuong", "phương")
    assert not is_invented("doanh", "doanh")


def test_invented_words_of_a_line() -> None:
    raw = ["ky", "nang", "huon", "Cone", "nehe"]
    text = ["kỹ", "năng", "huỗn", "Công", "nghệ"]
    assert invented_words(raw, text) == frozenset({"huỗn"})
    assert invented_words(raw, text[:-1]) == frozenset()  # tokens not one to one
