"""Collectives an OCR'd partners' cell lists after a named agency (parse.listed_collectives)."""

from __future__ import annotations

import pytest

from theodoi.ingest.parse.listed_collectives import listed_collective, with_listed_collective


@pytest.mark.parametrize(
    ("fragments", "expected"),
    [
        pytest.param(
            [
                (10, ["Sở Khoa học và"]),
                (11, ["Công nghệ; các", "Văn bản"]),
                (12, ["sở, ban, ngành,"]),
                (13, ["địa phương"]),
            ],
            "các sở, ban, ngành, địa phương",
            id="wrapped-over-the-lines-below",
        ),
        pytest.param(
            [(10, ["Sở Khoa học và"]), (11, ["Công nghệ: các", "Kế hoạch"]), (12, ["sở, ngani, địa phương"])],
            "các sở, ngành, địa phương",
            id="a-word-misread",
        ),
        pytest.param(
            [(10, ["Sở Khoa học và"]), (11, ["Công nghệ; các"]), (12, ["địa phương", "Văn bản"])],
            "các địa phương",
            id="the-shortest-collective",
        ),
        pytest.param(
            [
                (10, ["Sở Khoa học và"]),
                (11, ["Công nghệ; các", "Kế hoạch"]),
                (12, ["doanh nghiệp", "của UBND"]),
                (13, ["viễn thông, tỉnh được ban"]),
                (14, ["Công nghệ"]),
                (15, ["công hành"]),
            ],
            "các doanh nghiệp viễn thông, công nghệ thông tin",
            id="a-long-collective-its-last-words-lost",
        ),
        pytest.param(
            [
                (10, ["Sở Khoa học và"]),
                (11, ["Công nghệ và các", "Báo cáo"]),
                (12, ["sở, ngành, địa"]),
                (13, ["phương"]),
            ],
            "các sở, ngành, địa phương",
            id="va-cac",
        ),
        pytest.param(
            [
                (10, ["Sở Khoa học và"]),
                (11, ["Các sở, ban, Công nghệ;'(A:ác Hoạt động"]),
                (12, ["doanh nghiệp ."]),
                (13, ["ngành, địa ứng dụng"]),
                (14, ["viễn thông,"]),
                (15, ["trên lĩnh vực"]),
                (16, ["hiệu quả"]),
                (17, ["internet, công"]),
                (18, ["nghệ thông tin"]),
            ],
            "các doanh nghiệp viễn thông, internet, công nghệ thông tin",
            id="cac-garbled-after-the-list-mark-and-the-collective-wrapped-to-the-row-end",
        ),
        pytest.param(
            [(10, ["Sở Khoa học và"]), (11, ["Công nghệ;gác", "Văn bản"]), (12, ["sở, ngành, địa phương"])],
            "các sở, ngành, địa phương",
            id="cac-garbled-glued-to-the-list-mark",
        ),
        pytest.param(
            [
                (10, ["Sở Khoa hộ'.)cố và Độ%nhô"]),
                (11, ["Công nghệ; các Y né 1 công bố,"]),
                (12, ["Sở Tài chính"]),
                (13, ["án tế số số, ban, ngành, hoạt động"]),
                (15, ["địa phương", "triển khai"]),
            ],
            "các sở, ban, ngành, địa phương",
            id="a-middle-word-of-the-name-garbled",
        ),
    ],
)
def test_a_name_followed_by_cac_lists_the_collective_whose_words_follow(fragments, expected) -> None:
    assert listed_collective("Sở Khoa học và Công nghệ", fragments) == expected


@pytest.mark.parametrize(
    ("fragments", "comment"),
    [
        (
            [(10, ["Sở Khoa học và"]), (11, ["Công nghệ", "Văn bản các"]), (12, ["sở, ngành, địa phương"])],
            "no 'các' right after the name",
        ),
        (
            [(10, ["Sở Khoa học và"]), (11, ["Công nghệ; các", "Văn bản"]), (12, ["hướng dẫn"])],
            "no words follow",
        ),
        ([(10, ["Sở Khoa học và"]), (11, ["Văn bản; các sở, ngành"])], "the name is not all there"),
        (
            [(10, ["Sở Khoa học và"]), (11, ["Công %#@; các", "Văn bản"]), (12, ["sở, ngành, địa phương"])],
            "the name's last word garbled: where it ends is not known",
        ),
        (
            [(10, ["Sở Khoa học và"]), (11, ["Công nghệ và", "Báo cáo"]), (12, ["sở, ngành, địa phương"])],
            "'và' with no 'các' after it",
        ),
        (
            [(10, ["Sở Khoa học và"]), (11, ["Công nghệ; tác", "Văn bản"]), (12, ["sở, ngành, địa phương"])],
            "a real word ending in 'ac' after the list mark and a space is another column's",
        ),
        (
            [(10, ["Sở Khoa học và"]), (11, ["Công nghệ; các", "Văn bản"])]
            + [(12 + k, ["hướng dẫn"]) for k in range(6)]
            + [(18, ["sở, ngành, địa phương"])],
            "the collective's words open too far below the name",
        ),
    ],
)
def test_a_name_lists_no_collective_without_its_words(fragments, comment) -> None:
    assert listed_collective("Sở Khoa học và Công nghệ", fragments) is None, comment


# "Sở Nội vụ, các" / "sở, ngành, địa" / "phương": the partners' cell read in part as "Các địa phương".
LISTED_AFTER_A_PARTIAL_READING = [
    (10, ["Sở Khoa học", "Sở Nội vụ, các Văn bản"]),
    (11, ["và Công sở, ngành, địa", "và báo cáo"]),
    (12, ["nghệ phương"]),
]


def test_a_partner_collective_ending_the_listed_one_gives_its_place_to_it() -> None:
    support = with_listed_collective(["Sở Nội vụ", "Các địa phương"], [], LISTED_AFTER_A_PARTIAL_READING)
    assert support == ["Sở Nội vụ", "các sở, ngành, địa phương"]


def test_a_partner_collective_missing_an_inner_word_keeps_the_listed_one_out() -> None:
    support = with_listed_collective(["Sở Nội vụ", "Các sở, ngành"], [], LISTED_AFTER_A_PARTIAL_READING)
    assert support == ["Sở Nội vụ", "Các sở, ngành"]


BELOW = [
    (1486, ["So Tai chinh;", "Văn bản, ‘"]),
    (1487, ["21 án", "Sở Khoa học và các số, ban, ."]),
    (1488, ["hoạt động ở"]),
    (1489, ["ngành, địa Xồ ;"]),
    (1491, ["phương"]),
]


def test_a_name_closing_its_fragment_on_a_list_mark_lists_the_collective_below() -> None:
    assert listed_collective("Sở Tài chính", BELOW) == "các sở, ban, ngành, địa phương"


def test_a_name_without_a_list_mark_lists_nothing_below() -> None:
    fragments = [(1486, ["So Tai chinh", "Văn bản, ‘"]), *BELOW[1:]]
    assert listed_collective("Sở Tài chính", fragments) is None


def test_a_list_mark_inside_a_fragment_lists_nothing_below() -> None:
    fragments = [(1486, ["So Tai chinh; Văn bản, ‘"]), *BELOW[1:]]
    assert listed_collective("Sở Tài chính", fragments) is None


def test_a_capitalised_cac_below_is_a_cells_own_collective() -> None:
    fragments = [BELOW[0], (1487, ["21 án", "Sở Khoa học và Các số, ban, ."]), *BELOW[2:]]
    assert listed_collective("Sở Tài chính", fragments) is None
