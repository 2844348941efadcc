"""The name's lines and words that are the other columns' go back to the rests the per-line
segmentation reads (the partners' and output cells), in line order."""

from __future__ import annotations

from theodoi.ingest.layout.interleaved.inline import _give_to_rests


def test_a_line_taken_off_the_name_joins_the_rests_in_line_order() -> None:
    rests = [(1425, "Công nghệ; các của Thủ"), (1429, "địa phương phủ")]
    _give_to_rests(rests, [(1427, "số, ban, ngành, | tướng Chính")])
    assert rests == [
        (1425, "Công nghệ; các của Thủ"),
        (1427, "số, ban, ngành, | tướng Chính"),
        (1429, "địa phương phủ"),
    ]


def test_words_taken_off_a_lines_name_part_go_left_of_its_rest() -> None:
    rests = [(12, "Sở Tài chính")]
    _give_to_rests(rests, [(12, "Kế hoạch")])
    assert rests == [(12, "Kế hoạch Sở Tài chính")]


def test_a_line_below_every_rest_goes_last() -> None:
    rests = [(3, "Sở Nội vụ")]
    _give_to_rests(rests, [(7, "được ban hành")])
    assert rests == [(3, "Sở Nội vụ"), (7, "được ban hành")]


def test_nothing_taken_off_leaves_the_rests_as_they_are() -> None:
    rests = [(3, "Sở Nội vụ")]
    _give_to_rests(rests, [])
    assert rests == [(3, "Sở Nội vụ")]
