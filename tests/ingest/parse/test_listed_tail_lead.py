"""Tests for parse/listed_tail_lead: a partners' list's collective tail is no lead."""

import pytest

from theodoi.ingest.parse.listed_tail_lead import lead_of_listed_tail

COLLECTIVE = "Các sở, ban, ngành, địa phương"
# "Sở Tài chính" leads; the partners' cell "Sở Khoa học và Công nghệ; các sở, ban, ngành, địa
# phương" lost its head, its lower-case "các" read as the lead.
TAIL_ROW = [
    (10, ["Ban Quản"]),
    (11, ["Khu kinh tế,", "Số Danh mục,"]),
    (12, ["Khoa học và thông tin"]),
    (13, ["aAs e", "Sở Tài chính"]),
    (14, ["Công nghệ; các được công"]),
    (15, ["số, ban, ngành, bộ"]),
    (16, ["địa phương"]),
]
PARTNERS = ["Sở Khoa học và Công nghệ", "Ban Quản lý Khu kinh tế"]


@pytest.mark.parametrize(
    ("fragments", "found", "expected"),
    [
        pytest.param(
            TAIL_ROW,
            ["Ban Quản lý Khu kinh tế", "Sở Tài chính"],
            (["Sở Tài chính"], [*PARTNERS, COLLECTIVE]),
            id="lower-case-tail",
        ),
        pytest.param(
            [(13, ["Các sở, ban,", "Sở Tài chính"]), (14, ["Công nghệ; các"]), (15, ["ngành, địa phương"])],
            ["Sở Tài chính"],
            ([COLLECTIVE], PARTNERS),
            id="capitalised-cac-heads-a-cell",
        ),
        pytest.param(
            TAIL_ROW,
            ["Ban Quản lý Khu kinh tế", "Sở Tài chính", "Sở Nội vụ"],
            ([COLLECTIVE], PARTNERS),
            id="two-unheld-names",
        ),
        pytest.param(TAIL_ROW, ["Ban Quản lý Khu kinh tế"], ([COLLECTIVE], PARTNERS), id="no-unheld-name"),
    ],
)
def test_lead_of_listed_tail(fragments, found, expected):
    assert lead_of_listed_tail([COLLECTIVE], list(PARTNERS), fragments, found) == expected


def test_a_partner_listing_nothing_leaves_the_collective_lead():
    fragments = [(13, ["Sở Khoa học và", "Sở Tài chính"]), (14, ["Công nghệ"]), (15, ["sở, ban, ngành"])]
    got = lead_of_listed_tail([COLLECTIVE], ["Sở Khoa học và Công nghệ"], fragments, ["Sở Tài chính"])
    assert got == ([COLLECTIVE], ["Sở Khoa học và Công nghệ"])
