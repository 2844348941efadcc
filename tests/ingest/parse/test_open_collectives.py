"""An open-ended collective a partners' list closes on, read through its wrapped qualifier."""

from __future__ import annotations

from theodoi.ingest.parse.open_collectives import (
    listed_directory_collective,
    open_collective,
    with_open_collectives,
)

# The listing "các" ends its line before a neighbour's words; the qualifier wraps below.
QUALIFIED = [
    (1152, ["Sở Khoa học và"]),
    (1153, ["Các sở, ban, Công nghệ; các Hoạt động ."]),
    (1155, ["trong ngành, địa doanh nghiệp, ứng dụng <uvén"]),
    (1156, ["phương", "đơn vị khóa KHCN Y"]),
    (1157, ["học, công nghệ"]),
]
# A second listed collective, its noun on the next line, a phrase wrapped over two lines.
SECOND = [
    (1361, ["Thương Công nghệ; các", "Đề án, duy án"]),
    (1362, ["địa", "phương; các được xây"]),
    (1366, ["tổ chức, doanh dựng và"]),
    (1367, ["nghiệp liên quan triển khai,"]),
    (1369, ["Công an tỉnh,"]),
]


def test_the_qualifier_is_read_from_its_wrapped_runs() -> None:
    assert open_collective(QUALIFIED, 1, 4) == "các doanh nghiệp, đơn vị khoa học, công nghệ"


def test_a_phrase_wrapped_onto_the_next_line_is_completed_and_a_capital_ends_it() -> None:
    assert open_collective(SECOND, 1, 2) == "các tổ chức, doanh nghiệp liên quan"


def test_a_short_partner_collective_is_read_on() -> None:
    support = ["Sở Khoa học và Công nghệ", "các doanh nghiệp"]
    assert with_open_collectives(support, [], QUALIFIED) == [
        "Sở Khoa học và Công nghệ",
        "các doanh nghiệp, đơn vị khoa học, công nghệ",
    ]


def test_a_collective_no_cell_reads_is_added() -> None:
    support = ["Sở Khoa học và Công nghệ", "các địa phương"]
    assert with_open_collectives(support, [], SECOND) == [*support, "các tổ chức, doanh nghiệp liên quan"]


def test_other_columns_words_are_no_qualifier() -> None:
    fragments = [
        (1526, ["địa phương; các A"]),
        (1528, ["doanh nghiệp ở"]),
        (1529, ["động công nghệ"]),
    ]
    assert open_collective(fragments, 0, 2) == "các doanh nghiệp"


def test_a_phrase_left_half_read_is_dropped() -> None:
    fragments = [(1, ["phương; các doanh nghiệp"]), (2, ["nghiệp công"]), (3, ["liên quan A"])]
    assert open_collective(fragments, 0, 1) == "các doanh nghiệp"


def test_no_collective_noun_after_the_mark_reads_nothing() -> None:
    fragments = [(1, ["Công nghệ; các báo cáo"]), (2, ["định kỳ"])]
    assert open_collective(fragments, 0, 2) is None
    assert with_open_collectives(["Sở Tài chính"], [], fragments) == ["Sở Tài chính"]


def test_an_unlisted_cac_opens_nothing() -> None:
    fragments = [(1, ["Hỗ trợ các doanh nghiệp công nghệ số"])]
    assert with_open_collectives(["Sở Tài chính"], [], fragments) == ["Sở Tài chính"]


# "các" closes its line; the next opens with a directory collective closing on a list mark.
LISTED = [
    (863, ["Sở({ Khoa học và"]),
    (864, ["Công nghệ; các"]),
    (866, ["địa phương; các", "Hoàn thành"]),
    (867, ["Doanh nghiệp <4 du’n"]),
]


def test_a_directory_collective_opening_the_next_line_is_listed() -> None:
    assert listed_directory_collective(LISTED, 1, 2) == "các địa phương"
    support = ["Sở Khoa học và Công nghệ"]
    assert with_open_collectives(support, [], LISTED) == [*support, "các địa phương"]


def test_a_collective_not_closing_on_a_list_mark_or_not_opening_the_line_is_not() -> None:
    assert listed_directory_collective([(1, ["Công nghệ; các"]), (2, ["địa phương được"])], 0, 2) is None
    assert listed_directory_collective([(1, ["Công nghệ; các"]), (2, ["trong địa phương;"])], 0, 2) is None
    assert listed_directory_collective([(1, ["Công nghệ; các A"]), (2, ["địa phương;"])], 0, 2) is None
