"""A partner's name whose longer directory name's head wrapped onto the line above it.

Corpora: fragment lines of interleaved rows where "Văn phòng" opens a column's stretch of the
line above the partners' "UBND tỉnh," (other columns' words beside it, or run on after the
comma); negative cases where the head stands too far above, inside a stretch rather than
opening it, or where the row prints the head twice (its other reading is kept).
"""

from __future__ import annotations

from theodoi.ingest.parse.heads_above import with_heads_above

COLLECTIVE = "Các sở, ban, ngành, địa phương"
OFFICE = "Văn phòng UBND tỉnh"


def test_a_head_opening_a_stretch_of_the_line_above_lengthens_the_partner() -> None:
    fragments = [
        (1, ["Văn phòng trình nội bộ"]),
        (2, ["Các sở, ban,", "UBND tỉnh, của sở, ban,"]),
        (3, ["ngành, địa", "Công an tỉnh, ngành, địa phương"]),
    ]
    support = ["Văn phòng Tỉnh ủy", "UBND tỉnh", "Công an tỉnh"]
    got = with_heads_above([COLLECTIVE], support, fragments)
    assert got == ([COLLECTIVE], [OFFICE, "Công an tỉnh"]), "the head's other reading is dropped"


def test_a_partner_with_other_columns_words_after_its_comma_is_read_by_its_words_before() -> None:
    fragments = [(1, ["Văn phòng trình nghiệp"]), (2, ["Các số, bản,", "UBND tỉnh, vụ nội bộ,"])]
    got = with_heads_above([COLLECTIVE], ["UBND tỉnh, vụ nội bộ", "Công an tỉnh"], fragments)
    assert got == ([COLLECTIVE], [OFFICE, "Công an tỉnh"])


def test_a_head_right_before_the_partner_on_its_line_lengthens_it() -> None:
    fragments = [(1, ["Sở Tài chính, Văn phòng UBND tỉnh"])]
    got = with_heads_above(["Sở Tài chính"], ["UBND tỉnh"], fragments)
    assert got == (["Sở Tài chính"], [OFFICE])


def test_a_head_three_lines_above_is_another_cells() -> None:
    fragments = [(1, ["Văn phòng"]), (2, ["Kế hoạch"]), (3, ["Báo cáo"]), (4, ["UBND tỉnh"])]
    got = with_heads_above([COLLECTIVE], ["UBND tỉnh"], fragments)
    assert got == ([COLLECTIVE], ["UBND tỉnh"])


def test_a_head_inside_a_stretch_is_no_wrapped_head() -> None:
    fragments = [(1, ["Kế hoạch Văn phòng"]), (2, ["UBND tỉnh"])]
    got = with_heads_above([COLLECTIVE], ["UBND tỉnh"], fragments)
    assert got == ([COLLECTIVE], ["UBND tỉnh"])


def test_a_head_printed_twice_keeps_its_other_reading() -> None:
    fragments = [(1, ["Văn phòng Tỉnh ủy", "Văn phòng"]), (2, ["UBND tỉnh"])]
    got = with_heads_above(["Văn phòng Tỉnh ủy"], ["UBND tỉnh"], fragments)
    assert got == (["Văn phòng Tỉnh ủy"], [OFFICE])
