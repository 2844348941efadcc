"""The document cache: which surely decoded word followed which, and how close two spellings are."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.ingest.restore.cache import DocumentCache, edits

SURE, UNSURE = 9.0, 0.5
LENGTHS = {10: 3, 11: 4, 12: 3, 13: 5}  # word id -> letters


def build(*lines):
    return DocumentCache.build(lines, sure=3.0, length=LENGTHS.__getitem__)


def test_a_pair_of_sure_words_is_kept_both_ways():
    cache = build(((10, SURE), (11, SURE)))

    assert cache.neighbours(10, 0, 4, 4) == {11}
    assert cache.neighbours(0, 11, 3, 3) == {10}


def test_a_pair_with_an_unsure_word_is_not_evidence():
    cache = build(((10, SURE), (11, UNSURE), (12, SURE)))

    assert not cache
    assert cache.neighbours(10, 12, 1, 9) == set()


def test_reserved_ids_never_enter_the_cache():
    cache = build(((1, SURE), (10, SURE), (2, SURE), (3, SURE)))

    assert not cache


def test_neighbours_are_only_those_of_about_the_damaged_words_length():
    cache = build(((10, SURE), (11, SURE)), ((10, SURE), (13, SURE)))

    assert cache.neighbours(10, 0, 3, 4) == {11}
    assert cache.neighbours(10, 0, 3, 5) == {11, 13}


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [
        ("tang", "tang", 1, 0),
        ("tfing", "tang", 1, 2),  # two apart: past the limit, reported as limit + 1
        ("t§n", "tin", 1, 1),
        ("tin", "tien", 1, 1),
        ("nhimng", "nhung", 2, 2),
        ("abcdef", "uvwxyz", 2, 3),
        ("", "a", 1, 1),
    ],
)
def test_edits_counts_letters_to_change_up_to_the_limit(a, b, limit, expected):
    assert edits(a, b, limit) == expected
    assert edits(b, a, limit) == expected


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@given(st.text("abn", max_size=7), st.text("abn", max_size=7), st.integers(1, 3))
def test_edits_agrees_with_the_full_distance_whatever_the_words_share_at_their_ends(a, b, limit):
    assert edits(a, b, limit) == min(_levenshtein(a, b), limit + 1)
