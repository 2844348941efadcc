"""Tests for parse/listed_lead: the lead told from the partners by which name opens a list."""

import pytest

from theodoi.ingest.parse.listed_lead import lead_after_listed_partners, listed_after

# The partners' cell lists several names and opens on the row's first line; the short lead
# cell stands half-way down (OCR'd 002-style rows: "Sở Khoa học và" / "Công nghệ; các" / ...).
LISTED_PARTNERS = [
    (10, ["Sở Khoa học và"]),
    (11, ["Công nghệ; các", "Văn bản"]),
    (12, ["Sở Tài chính", "sở, ban"]),
]


@pytest.mark.parametrize(
    ("lead", "support", "fragments", "expected"),
    [
        pytest.param(
            ["Sở Khoa học và Công nghệ"],
            ["Sở Tài chính"],
            LISTED_PARTNERS,
            (["Sở Tài chính"], ["Sở Khoa học và Công nghệ"]),
            id="semicolon-then-cac",
        ),
        pytest.param(
            ["Sở Khoa học và Công nghệ"],
            ["Công an tỉnh"],
            [(10, ["Sở Khoa học và", "Quyết định"]), (11, ["Công nghệ: các"]), (12, ["Công an tỉnh"])],
            (["Công an tỉnh"], ["Sở Khoa học và Công nghệ"]),
            id="colon",
        ),
        pytest.param(
            ["Các địa phương"],
            ["Sở Khoa học và Công nghệ"],
            [
                (10, ["Các địa pthcng;", "Phần mềm"]),
                (11, ["Công an tỉnh;"]),
                (12, ["Sở Khoa học và"]),
                (13, ["Công nghệ"]),
            ],
            (["Sở Khoa học và Công nghệ"], ["Các địa phương"]),
            id="its-last-word-garbled",
        ),
    ],
)
def test_a_lead_whose_name_opens_a_list_gives_its_place_to_a_partner(
    lead, support, fragments, expected
) -> None:
    assert lead_after_listed_partners(lead, support, fragments) == expected


@pytest.mark.parametrize(
    ("lead", "support", "fragments"),
    [
        pytest.param(
            ["Sở Khoa học và Công nghệ"],
            ["Sở Tài chính"],
            [(10, ["Sở Khoa học và"]), (11, ["Công nghệ", "Văn bản"]), (12, ["Sở Tài chính"])],
            id="the-lead-lists-nothing",
        ),
        pytest.param(
            ["Sở Khoa học và Công nghệ"],
            ["Các sở, ngành, địa phương"],
            [(10, ["Sở Khoa học và"]), (11, ["Công nghệ; các"]), (12, ["Các sở, ngành, địa phương"])],
            id="a-collective-partner-stays-a-partner",
        ),
        pytest.param(
            ["Sở Khoa học và Công nghệ"],
            ["Sở Tài chính"],
            [(10, ["Sở Khoa học và"]), (11, ["Công nghệ; các"]), (12, ["Sở Tài chính;"])],
            id="the-partner-lists-too",
        ),
    ],
)
def test_a_lead_stays_without_a_partner_that_lists_nothing(lead, support, fragments) -> None:
    assert lead_after_listed_partners(lead, support, fragments) == (lead, support)


# The lead's cell ran into another column's words: its name is found in the row, no cell holds it.
FOUND_LEAD = [
    (10, ["Sở Tài chính; -"]),
    (11, ["Sở Khoa học và các sở, ban,"]),
    (12, ["Công nghệ ngành, địa"]),
    (13, ["phương"]),
]


def test_a_name_no_cell_holds_takes_the_place_of_a_lead_that_opens_a_list() -> None:
    found = ["Sở Tài chính", "Sở Khoa học và Công nghệ"]
    assert lead_after_listed_partners(
        ["Sở Tài chính"], ["Các sở, ban, ngành, địa phương"], FOUND_LEAD, found
    ) == (
        ["Sở Khoa học và Công nghệ"],
        ["Sở Tài chính", "Các sở, ban, ngành, địa phương"],
    )


def test_a_found_name_a_cell_holds_or_that_lists_too_stays_where_it_is() -> None:
    held = ["Sở Tài chính", "Các sở, ban, ngành, địa phương"]
    assert lead_after_listed_partners(["Sở Tài chính"], held[1:], FOUND_LEAD, held) == (
        ["Sở Tài chính"],
        held[1:],
    )
    listing = [(10, ["Sở Tài chính; -"]), (11, ["Sở Khoa học và"]), (12, ["Công nghệ; các"])]
    found = ["Sở Tài chính", "Sở Khoa học và Công nghệ"]
    assert lead_after_listed_partners(["Sở Tài chính"], [], listing, found) == (["Sở Tài chính"], [])


def test_a_lead_opens_a_list_with_a_middle_word_garbled() -> None:
    fragments = [(10, ["Sở Khoa hộ'.)cố và Độ%nhô"]), (11, ["Công nghệ; các Y né 1"]), (12, ["Sở Tài chính"])]
    assert lead_after_listed_partners(["Sở Khoa học và Công nghệ"], ["Sở Tài chính"], fragments) == (
        ["Sở Tài chính"],
        ["Sở Khoa học và Công nghệ"],
    )
    # two of its words lost: too little of the name is read to tell where it ends
    fragments = [(10, ["Sở Khoa hộ'.)cố và"]), (11, ["Độ%nhô; các Y né 1"]), (12, ["Sở Tài chính"])]
    assert lead_after_listed_partners(["Sở Khoa học và Công nghệ"], ["Sở Tài chính"], fragments) == (
        ["Sở Khoa học và Công nghệ"],
        ["Sở Tài chính"],
    )


def test_a_name_listed_after_another_in_its_cell() -> None:
    # "Sở Tài chính, các địa phương": one cell's list, the line wrapping among other columns
    fragments = [(10, ["Sở Tài doanh nghiệp"]), (11, ["chính, các địa viễn thông, nối"]), (12, ["phương"])]
    assert listed_after("Sở Tài chính", "Các địa phương", fragments)
    # no list mark after the name: the next words are another column's
    fragments = [(10, ["Sở Tài doanh nghiệp"]), (11, ["chính các địa viễn thông"]), (12, ["phương"])]
    assert not listed_after("Sở Tài chính", "Các địa phương", fragments)
    # a list goes on to another name
    fragments = [(10, ["Sở Tài chính; các sở, ngành"])]
    assert not listed_after("Sở Tài chính", "Các địa phương", fragments)
