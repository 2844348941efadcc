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
