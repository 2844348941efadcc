"""An agency name a list cell wraps right after its head, read from the lines below.

Corpora: OCR'd rows' fragment lines in the shape the interleaved tables give (a partners'
cell "Sở Nội vụ, Sở" / "Khoa học và" / "Công nghệ" beside the lead's and the output's
words), with the wrapped name expected and the cell it joins; negative cases where the head
finishes its name on its own line, opens no listed agency, or its words are not below.
"""

from __future__ import annotations

from theodoi.ingest.parse.wrapped_heads import with_wrapped_head_names, wrapped_head_names

WRAPPED = [
    (610, ["Các sở, ban,", "Sở Nội vụ,", "Sở Quyết định"]),
    (611, ["SOV"]),
    (612, ["ngành, địa Khoa học và của cấp có"]),
    (613, ["Công nghệ thẩm quyền"]),
]


def test_a_head_after_a_listed_agency_opens_the_name_wrapped_below() -> None:
    assert wrapped_head_names(WRAPPED) == [("Sở Nội vụ", "Sở Khoa học và Công nghệ")]


def test_a_head_read_as_số_opens_it_too() -> None:
    fragments = [
        (1, ["Sở Nội vụ, Số Hoạt động"]),
        (2, ["ngành. địa Khoa học và thực hiện"]),
        (3, ["Công nghệ"]),
    ]
    assert wrapped_head_names(fragments) == [("Sở Nội vụ", "Sở Khoa học và Công nghệ")]


def test_the_wrapped_name_joins_the_cell_listing_the_agency_before_it() -> None:
    lead, support = with_wrapped_head_names(["Các sở, ban, ngành, địa phương"], ["Sở Nội vụ"], WRAPPED)
    assert (lead, support) == (["Các sở, ban, ngành, địa phương"], ["Sở Nội vụ", "Sở Khoa học và Công nghệ"])


def test_a_name_finished_on_its_line_is_no_wrapped_one() -> None:
    fragments = [(1, ["Sở Nội vụ, Sở Tài chính"]), (2, ["Khoa học và"]), (3, ["Công nghệ"])]
    assert wrapped_head_names(fragments) == []


def test_a_head_after_no_agency_opens_nothing() -> None:
    fragments = [(1, ["Kế hoạch, Sở"]), (2, ["Khoa học và"]), (3, ["Công nghệ"])]
    assert wrapped_head_names(fragments) == []


def test_a_head_whose_names_words_are_not_below_opens_nothing() -> None:
    fragments = [(1, ["Sở Nội vụ, Sở"]), (2, ["Hoạt động"]), (3, ["thực hiện"])]
    assert wrapped_head_names(fragments) == []


# The name before the head wraps from the lines above ("Sở Khoa học và" / "Công nghệ, Văn"):
# no directory name closes on the head's line alone, but a name the cells read does.
WRAPPED_FROM_ABOVE = [
    (1516, ["Các sở, ban,", "Sở Khoa học và Chương"]),
    (1520, ["đổi ngành, địa Công nghệ,", "Văn trình, kế"]),
    (1521, ["phương phòng", "UBND hoạch, hoạt"]),
    (1522, ["tỉnh đồng"]),
]


def test_a_head_after_a_read_name_wrapped_from_above_opens_the_name_below() -> None:
    named = ["Sở Khoa học và Công nghệ", "Các sở, ban, ngành, địa phương"]
    assert wrapped_head_names(WRAPPED_FROM_ABOVE, named) == [
        ("Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh")
    ]
    _lead, support = with_wrapped_head_names(
        ["Các sở, ban, ngành, địa phương"], ["Sở Khoa học và Công nghệ"], WRAPPED_FROM_ABOVE
    )
    assert support == ["Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh"]


def test_a_head_after_a_read_name_closing_elsewhere_opens_nothing() -> None:
    # the read name's last word is not the token right before the head
    fragments = [
        (1, ["Sở Khoa học và"]),
        (2, ["Công nghệ thực hiện, Văn"]),
        (3, ["phòng"]),
        (4, ["UBND tỉnh"]),
    ]
    assert wrapped_head_names(fragments, ["Sở Khoa học và Công nghệ"]) == []
    assert wrapped_head_names(WRAPPED_FROM_ABOVE) == []
