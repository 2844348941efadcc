"""An output's result words ("hiệu quả") on a name's last line leave the name; a name's own
last words stay.

Corpora: name parts of an OCR'd interleaved row written for these tests, in the shape the dev
plans show (a lead's wrapped "địa" / "phương", then the output's last words "hiệu quả", on a
line the first column's cut gave the name), with the parts kept expected; negative cases where
the name's last line is its own ("trên lĩnh vực"), and where a tail's words each open a word.
"""

from __future__ import annotations

from theodoi.ingest.layout.interleaved.bled_ends import _junction_scorer, drop_bled_line_ends
from theodoi.ingest.layout.interleaved.result_words import bled_vocabulary, phrase_words

FIRST = (1, "phát triển các ứng dụng công nghệ số trong ngành,")
ABOVE = (2, "lĩnh vực, địa phương, gắn với công tác quản lý nhà nước")


def test_a_last_line_of_agency_and_result_words_leaves_the_name():
    assert drop_bled_line_ends([FIRST, ABOVE, (3, "phương hiệu quả")]) == [FIRST, ABOVE]


def test_the_names_own_last_line_stays():
    parts = [FIRST, ABOVE, (3, "trên lĩnh vực")]
    assert drop_bled_line_ends(parts) == parts


def test_result_words_count_as_other_columns_words():
    assert {"hieu", "qua", "duoc", "trien", "khai", "hoan", "thanh"} <= bled_vocabulary()
    assert "linh" not in bled_vocabulary()


def test_a_compound_counts_once():
    score = _junction_scorer()
    before = f"{ABOVE[1]} phương"
    assert phrase_words(score, before, ["hiệu", "quả"]) == 1
    assert phrase_words(score, ABOVE[1], ["phương", "hiệu"]) == 2
    assert phrase_words(score, "quản lý nhà nước", ["địa", "phương"]) == 2  # not a result word
