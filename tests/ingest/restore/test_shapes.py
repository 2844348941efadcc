"""Letters a scan split or merged by their shapes, rewritten back for the near-syllable search."""

from __future__ import annotations

from theodoi.ingest.restore.shapes import MAX_REWRITES, variants


def test_split_letters_are_joined_back_one_rewrite_at_a_time():
    found = variants("lfhal")

    assert found["lfhal"] == 0
    assert found["khal"] == 1  # "lf" is the two halves of "k"
    assert variants("nglilen")["nghlen"] == 1  # "li" is the two halves of "h"
    assert variants("clien")["dien"] == 1  # "cl" is the bowl and stem of "d"
    assert variants("rnlfn")["mkn"] == 2


def test_no_more_than_two_rewrites():
    assert max(variants("rnrnrnrn").values()) == MAX_REWRITES
    assert "mmmm" not in variants("rnrnrnrn")


def test_a_word_without_split_shapes_has_no_variant():
    """Negative case: letters read one for one ("l" for "i") are the near search's plain edits."""
    assert variants("khai") == {"khai": 0}
    assert variants("trlegl") == {"trlegl": 0}
