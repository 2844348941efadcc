"""Tests for parse/head_rest_below: a lead read as a head and garbled words, its rest below."""

from theodoi.ingest.parse.head_rest_below import lead_with_rest_below

FRAGMENTS = [
    (10, ["Văn phòng SOWKHC‘N và các Đưa Hệ thống đi"]),
    (11, ["ngành, địa Số"]),
    (13, ["UBND tỉnh phương vào sử dụng"]),
]


def test_a_head_and_garbled_words_with_the_rest_below_is_the_longer_name() -> None:
    assert lead_with_rest_below(["Văn phòng SOWKHC‘N"], FRAGMENTS) == ["Văn phòng UBND tỉnh"]


def test_the_lead_stays_without_the_rest_below_or_when_read_whole() -> None:
    assert lead_with_rest_below(["Văn phòng SOWKHC‘N"], FRAGMENTS[:2]) == ["Văn phòng SOWKHC‘N"]
    # the rest too far below the head
    far = [*FRAGMENTS[:2], (12, ["Hệ thống"]), (13, ["đi vào"]), (14, ["sử dụng"]), (15, ["UBND tỉnh"])]
    assert lead_with_rest_below(["Văn phòng SOWKHC‘N"], far) == ["Văn phòng SOWKHC‘N"]
    # a directory name, or a lead of several names, is left alone
    assert lead_with_rest_below(["Văn phòng Tỉnh ủy"], FRAGMENTS) == ["Văn phòng Tỉnh ủy"]
    assert lead_with_rest_below(["Văn phòng SOWKHC‘N", "Sở Nội vụ"], FRAGMENTS) == [
        "Văn phòng SOWKHC‘N",
        "Sở Nội vụ",
    ]
