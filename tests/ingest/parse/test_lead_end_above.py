"""Tests for parse/lead_end_above: a lead of other words and a name's end, its rest above."""

from theodoi.ingest.parse.lead_end_above import lead_from_end_above

SVHTTDL = "Sở Văn hóa, Thể thao và Du lịch"
# "Sở Văn hóa," glued on a line of the row above; the output's "UBND tỉnh" between the lead's lines.
ROW = [(1, ["Quyết định của chủ"]), (2, ["Thể thao và"]), (3, ["UBND tỉnh"]), (4, ["Du lịch"])]


def test_a_lead_ending_a_name_whose_words_stand_above_is_that_name() -> None:
    assert lead_from_end_above(["UBND tỉnh Du lịch"], ROW) == [SVHTTDL]


def test_the_names_words_too_far_above_make_no_lead() -> None:
    row = [(1, ["Thể thao và"]), (2, ["UBND tỉnh"]), (3, ["Kế hoạch"]), (4, ["Báo cáo"]), (5, ["Du lịch"])]
    assert lead_from_end_above(["UBND tỉnh Du lịch"], row) == ["UBND tỉnh Du lịch"]


def test_a_known_lead_is_kept() -> None:
    assert lead_from_end_above(["UBND tỉnh"], ROW) == ["UBND tỉnh"]
