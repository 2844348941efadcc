"""Words and lines taken off a task name go back to the other columns (OCR'd interleaved rows).

The output cell's repairs read the row's fragments ("Quyết định của chủ" finished by "tịch
UBND tỉnh" on the line below), so words the name gives back must sit there, left of the
line's other fragments, as printed; and the per-line segmentation reads the rests (the
partners' and output cells), so the name's bled lines join them in line order.
"""

from __future__ import annotations

from theodoi.ingest.layout.interleaved.inline import (
    _give_lines_to_fragments,
    _give_to_fragments,
    _give_to_rests,
    _taken_ends,
)
from theodoi.ingest.layout.table import Row


def test_words_taken_off_the_name_open_their_lines_fragments():
    row = Row(
        "row", "22", {}, [], fragments=[(10, ["Các Sở, ngành,", "Quyết định của chủ"]), (11, ["UBND tỉnh"])]
    )
    _give_to_fragments(row, 11, "địa phương tịch")
    assert row.fragments[1] == (11, ["địa phương tịch", "UBND tỉnh"])


def test_words_of_a_line_without_fragments_make_its_own():
    row = Row("row", "22", {}, [], fragments=[(10, ["Các Sở, ngành,"])])
    _give_to_fragments(row, 12, "Saulkhi có")
    assert row.fragments == [(10, ["Các Sở, ngành,"]), (12, ["Saulkhi có"])]


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


def test_a_line_taken_off_the_name_joins_the_fragments_in_line_order() -> None:
    row = Row(
        "row", "76", {}, [], fragments=[(1425, ["Công nghệ; các của Thủ )"]), (1429, ["địa phương phủ"])]
    )
    _give_lines_to_fragments(row, [(1427, "số, ban, ngành, | tướng Chính")])
    assert row.fragments == [
        (1425, ["Công nghệ; các của Thủ )"]),
        (1427, ["số, ban, ngành,", "tướng Chính"]),
        (1429, ["địa phương phủ"]),
    ]


def test_a_taken_off_line_of_a_line_with_fragments_goes_left_of_them() -> None:
    row = Row("row", "27", {}, [], fragments=[(765, ["trình đầu tư"])])
    _give_lines_to_fragments(row, [(765, "Công nghệ; các")])
    assert row.fragments == [(765, ["Công nghệ; các", "trình đầu tư"])]


def test_a_taken_off_line_of_debris_only_adds_no_fragment() -> None:
    row = Row("row", "27", {}, [], fragments=[(765, ["trình đầu tư"])])
    _give_lines_to_fragments(row, [(766, "\\ . e")])
    assert row.fragments == [(765, ["trình đầu tư"])]


def test_words_taken_off_the_name_of_a_line_above_others_go_in_line_order() -> None:
    row = Row("row", "58", {}, [], fragments=[(1181, ["phương viễn thông,"]), (1183, ["nghệ thông tin"])])
    _give_to_fragments(row, 1182, "internet, công")
    assert [n for n, _p in row.fragments] == [1181, 1182, 1183]


def test_words_taken_off_a_name_lines_end_are_kept_for_the_other_columns() -> None:
    parts = [
        (1416, "Hướng dẫn, đôn đốc"),
        (1417, "phương xác định cấp độ bảo đảm 80, ban, ngành,"),
        (1418, "ATTT"),
    ]
    kept = [(1416, "Hướng dẫn, đôn đốc"), (1417, "phương xác định cấp độ bảo đảm"), (1418, "ATTT")]
    assert _taken_ends(parts, kept) == [(1417, "80, ban, ngành,")]


def test_a_name_line_kept_whole_gives_nothing_away() -> None:
    parts = [(5, "Xây dựng kế hoạch"), (6, "chuyển đổi số")]
    assert _taken_ends(parts, parts) == []
