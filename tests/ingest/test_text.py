"""The digits OCR reads for letters, one table for every stage ("S6", "86", "S&" for "Sở").

Corpus: tokens as the OCR'd sample plans show them, with the reading expected; negative cases
that must not read as "Sở": "số" (number) and "Số", which fold like it but are words of task
names, a lower-case first letter, and digits that are no look-alike.
"""

from __future__ import annotations

import difflib
import random

import pytest

from theodoi.ingest.text import (
    LetterCounts,
    close_matches,
    digits_as_letters,
    fold,
    is_so_lookalike,
    ratio,
    shared_letters,
    similarity_at_least,
    strip_marks,
)


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở Khoa học và Công nghệ", "So Khoa hoc va Cong nghe"),
        ("Đắk Lắk, Ủy ban", "Dak Lak, Uy ban"),
        ("plain ascii", "plain ascii"),
        ("e\u0301 decomposed", "e decomposed"),  # a mark typed apart from its letter
        ("½ ﬁ ²", "½ ﬁ ²"),  # compatibility forms are no marks: kept as they are
    ],
)
def test_strip_marks_drops_only_the_marks(text: str, expected: str) -> None:
    assert strip_marks(text) == expected


def test_fold_is_the_matching_key() -> None:
    assert fold("  Sở   KH&CN ") == "so kh&cn"
    assert fold(None) == ""


_PAIRS = [
    ("so khoa hoc va cong nghe", "so khoa hoc va cong nghe"),
    ("so khoa hoc va cong ngh", "so khoa hoc va cong nghe"),
    ("so khoa hoc", "so tai chinh"),
    ("ubnd cac huyen", "uy ban nhan dan"),
    ("abc", ""),
    ("", ""),
    ("aaab", "abbb"),
]


@pytest.mark.parametrize(("a", "b"), _PAIRS)
@pytest.mark.parametrize("floor", [0.0, 0.5, 0.82, 0.95])
def test_similarity_at_least_is_difflibs_ratio_within_its_bounds(a: str, b: str, floor: float) -> None:
    """The same float as difflib where the bounds let the pair through, 0.0 where they do not."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    within = matcher.real_quick_ratio() >= floor and matcher.quick_ratio() >= floor
    assert similarity_at_least(a, b, floor) == (matcher.ratio() if within else 0.0)


@pytest.mark.parametrize(("a", "b"), _PAIRS)
def test_ratio_is_difflibs_ratio(a: str, b: str) -> None:
    assert ratio(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    assert ratio(b, a) == difflib.SequenceMatcher(None, b, a, autojunk=False).ratio()


def test_ratio_is_difflibs_ratio_on_random_strings_where_ties_decide_the_blocks() -> None:
    # Few letters, many repeats: the longest match is often tied, and difflib's choice (the
    # earliest in the first string, then in the second) decides the blocks found after it.
    rng = random.Random(57)
    for _ in range(3000):
        letters = "ab c"[: rng.randint(1, 4)] if rng.random() < 0.5 else "aeinohtcg uđ"
        a = "".join(rng.choice(letters) for _ in range(rng.randint(0, 25)))
        b = "".join(rng.choice(letters) for _ in range(rng.randint(0, 25)))
        assert ratio(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(), (a, b)


def test_close_matches_is_difflibs_get_close_matches() -> None:
    # Short keys as the directory and unit tables hold, ties of ratio included (ranked by the
    # possibility then), and a word long enough for difflib's autojunk rule.
    rng = random.Random(57)
    for _ in range(400):
        letters = "ab c" if rng.random() < 0.5 else "aeinohtcg uđ"
        word = "".join(rng.choice(letters) for _ in range(rng.randint(0, 20)))
        table = ["".join(rng.choice(letters) for _ in range(rng.randint(0, 20))) for _ in range(30)]
        for n, cutoff in ((1, 0.8), (3, 0.6), (5, 0.0)):
            assert close_matches(word, table, n, cutoff) == difflib.get_close_matches(word, table, n, cutoff)
    long_word = "so khoa hoc va cong nghe " * 10
    table = [long_word[:-3], long_word.replace("o", "0"), "so tai chinh"]
    assert close_matches(long_word, table, 3, 0.5) == difflib.get_close_matches(long_word, table, 3, 0.5)


def test_shared_letters_counts_common_letters_with_repeats() -> None:
    rng = random.Random(57)
    for _ in range(500):
        a = "".join(rng.choice("aeinohtcg uđ") for _ in range(rng.randint(0, 20)))
        b = "".join(rng.choice("aeinohtcg uđ") for _ in range(rng.randint(0, 20)))
        assert shared_letters(a, b) == sum(min(a.count(ch), b.count(ch)) for ch in set(a)), (a, b)
    assert shared_letters("aaab", "abbb") == 2
    assert shared_letters("abc", "xyz") == 0


def test_close_matches_finds_the_near_key_and_no_far_one() -> None:
    keys = ["so khoa hoc va cong nghe", "so tai chinh", "so noi vu"]
    assert close_matches("so khoa hoc va cong ngh", keys, n=1, cutoff=0.8) == ["so khoa hoc va cong nghe"]
    assert close_matches("uy ban nhan dan", keys, n=1, cutoff=0.8) == []


def test_ratio_tells_near_strings_from_far_ones() -> None:
    assert ratio("so khoa hoc", "so khoa hoc") == 1.0
    assert ratio("nghe", "nghs") == 0.75
    assert ratio("abc", "xyz") == 0.0


def test_letter_counts_count_the_letters_a_text_shares_with_a_names_prefix() -> None:
    names = ["so tai chinh", "so y te"]
    letters = LetterCounts(names)
    mask = letters.mask("so tai chin xq")  # "x", "q": in no name, they match nothing
    for name in names:
        for length in range(len(name) + 3):  # past the name's end: the whole name
            prefix = name[:length]
            expected = sum(min("so tai chin xq".count(ch), prefix.count(ch)) for ch in set(prefix))
            assert letters.shared(mask, name, length) == expected
    assert letters.shared(letters.mask(""), "so y te", 7) == 0
