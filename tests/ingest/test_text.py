"""The digits OCR reads for letters, one table for every stage ("S6", "86", "S&" for "Sở").

Corpus: tokens as the OCR'd sample plans show them, with the reading expected; negative cases
that must not read as "Sở": "số" (number) and "Số", which fold like it but are words of task
names, a lower-case first letter, and digits that are no look-alike.
"""

from __future__ import annotations

import pytest

from theodoi.ingest.text import digits_as_letters, is_so_lookalike


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("s6", "so", id="six-for-o"),
        pytest.param("86", "so", id="eight-for-s"),
        pytest.param("s&", "so", id="ampersand-for-a-marked-o"),
        pytest.param("kh0a", "khoa", id="zero-for-o"),
        pytest.param("th1", "thi", id="one-for-i"),
        pytest.param("khoa", "khoa", id="letters-unchanged"),
    ],
)
def test_digits_read_as_the_letters_they_resemble(word: str, expected: str) -> None:
    assert digits_as_letters(word) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        pytest.param("S6", True, id="s-six"),
        pytest.param("50", True, id="five-zero"),
        pytest.param("86", True, id="eight-six"),
        pytest.param("Sở", True, id="the-word-itself"),
        pytest.param("5ở", True, id="five-o-horn"),
        pytest.param("số", False, id="not-the-number-word"),
        pytest.param("Số", False, id="not-the-number-word-capitalised"),
        pytest.param("So", False, id="not-without-mark-or-digit"),
        pytest.param("s6", False, id="not-lower-case-first"),
        pytest.param("85", False, id="not-without-an-o-lookalike"),
        pytest.param("Sở,", False, id="not-a-longer-token"),
    ],
)
def test_so_is_read_in_its_digit_spellings_only(token: str, expected: bool) -> None:
    assert is_so_lookalike(token) is expected
