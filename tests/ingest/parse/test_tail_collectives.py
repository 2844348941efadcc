"""A long partner collective read by its last words when OCR garbled its opening lines."""

from __future__ import annotations

from theodoi.ingest.parse.tail_collectives import tail_collective, with_tail_collective

WRAPPED = [
    (1179, ["Các sở, ban,", "Sở Khoa học và Cdong }Illghfil’.các ([j)éerﬁeg 18"]),
    (1180, ["ngành, địa Ựt DS 1P ở nước"]),
    (1181, ["phương viễn thông, hóa? thổ}?nổ’"]),
    (1182, ["internet, công kết nối"]),
    (1183, ["nghệ thông tin"]),
]
LONG = "các doanh nghiệp viễn thông, internet, công nghệ thông tin"


def test_a_collectives_last_words_wrapped_over_lines_name_it() -> None:
    assert tail_collective(WRAPPED) == LONG


def test_the_same_words_on_one_line_are_another_columns_prose() -> None:
    fragments = [(10, ["Sở Khoa học và"]), (11, ["hạ tầng viễn thông, internet, công nghệ thông tin"])]
    assert tail_collective(fragments) is None


def test_a_tail_with_a_word_missing_names_nothing() -> None:
    fragments = [(1181, ["phương viễn thông,"]), (1182, ["kết nối"]), (1183, ["nghệ thông tin"])]
    assert tail_collective(fragments) is None


def test_the_collective_closes_the_partners() -> None:
    assert with_tail_collective(["Sở Khoa học và Công nghệ"], ["Sở Tài chính"], WRAPPED) == [
        "Sở Khoa học và Công nghệ",
        LONG,
    ]


def test_a_partner_collective_read_in_part_gives_its_place() -> None:
    support = ["Sở Khoa học và Công nghệ", "các doanh nghiệp"]
    assert with_tail_collective(support, [], WRAPPED) == ["Sở Khoa học và Công nghệ", LONG]


def test_a_cell_reading_it_already_keeps_the_partners() -> None:
    support = ["Sở Khoa học và Công nghệ"]
    assert (
        with_tail_collective(support, ["Các doanh nghiệp viễn thông, công nghệ thông tin"], WRAPPED)
        == support
    )
    support = ["Các doanh nghiệp viễn thông, internet, công nghệ thông tin"]
    assert with_tail_collective(support, [], WRAPPED) == support


# a collective's opening lines read clean, its closing lines lost to the name column; the lead
# cell's "Sở Khoa học và" stands between its wrapped lines
HEAD_WRAPPED = [
    (1244, ["Các địa phương;", "Pharg mệnh"]),
    (1245, ["Công an tỉnh; hạ tầng kết"]),
    (1247, ["các doanh nội dung"]),
    (1248, ["Sở Khoa học và"]),
    (1249, ["nghiệp viện chung của"]),
    (1250, ["Công nghệ Nổ ,"]),
    (1251, ["thông, internet, tỉnh được ."]),
]


def test_a_collectives_first_words_wrapped_over_lines_name_it() -> None:
    assert tail_collective(HEAD_WRAPPED) == LONG


def test_an_agency_lines_words_between_are_not_skipped_unless_it_opens_a_name() -> None:
    fragments = [*HEAD_WRAPPED]
    fragments[3] = (1248, ["hạ tầng số và dữ liệu"])  # the name column's prose: no other cell's line
    assert tail_collective(fragments) is None


def test_a_collectives_first_words_on_one_line_name_nothing() -> None:
    fragments = [(10, ["Sở Khoa học và"]), (11, ["các doanh nghiệp viễn thông, internet, và"])]
    assert tail_collective(fragments) is None
