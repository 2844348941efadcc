"""The near-syllable search's deletions of a word: in the order they are made, whatever the
process's string hash seed (a set's order would follow it)."""

from __future__ import annotations

from theodoi.ingest.restore.decoder import _deletions


def test_deletions_come_left_to_right_with_the_fewest_letters_deleted():
    assert list(_deletions("abc", 1).items()) == [("abc", 0), ("bc", 1), ("ac", 1), ("ab", 1)]
    two = _deletions("abca", 2)
    assert list(two)[:5] == ["abca", "bca", "aca", "aba", "abc"]
    assert two["ca"] == 2 and two["ba"] == 2 and two["abc"] == 1


def test_no_deletion_at_depth_zero():
    """Negative case: depth 0 gives the word alone."""
    assert _deletions("abc", 0) == {"abc": 0}
