"""Rebuilding table rows from lines: the three layouts and the numbering skeleton."""

from __future__ import annotations

import pytest

from theodoi.ingest.document import CellRef, SourceLine
from theodoi.ingest.layout import lines_from_text, make_lines
from theodoi.ingest.layout.classify import glued_row_code, roman_value, row_code, section_code
from theodoi.ingest.layout.interleaved.agency_tails import split_agency_tail
from theodoi.ingest.layout.interleaved.deadlines import split_deadline_continuation
from theodoi.ingest.layout.interleaved.debris import drop_debris_runs
from theodoi.ingest.layout.table import (
    ColumnSpec,
    Row,
    _lost_digits,
    align,
    detect_layout,
    find_row_starts,
    find_table,
    rebuild_rows,
)
from theodoi.ingest.parse.tasks import TASK_COLUMNS, TASK_HEADER

CELL_PER_LINE = """\
PHỤ LỤC II
TT
Tên nhiệm vụ
Cơ quan chủ trì
Cơ quan phối hợp
Kết quả
Thời gian hoàn thành
I.
Nâng cao nhận thức về chuyển đổi số
1.
Triển khai tuyên truyền về Nghị quyết 57-NQ/TW.
Sở Khoa học và Công nghệ
Các sở, ngành, địa phương
Văn bản hướng dẫn
06/2025
2.
Cụ thể hóa nhiệm vụ chuyển đổi số trong kế hoạch công tác hằng năm.
Các sở, ngành, địa phương
Kế hoạch công tác
Thường xuyên
II.
Hoàn thiện thể chế
3.
Triển khai Cổng dữ liệu mở.
Sở Khoa học và Công nghệ
Các sở, ngành có liên quan
2025"""


def cell_sources(texts: list[tuple[tuple[int, int, int], str]]) -> list[SourceLine]:
    """Source lines of a table read as cells: ((table, row, col), text) in reading order."""
    return [SourceLine(number=n, text=t, cell=CellRef(*ref)) for n, (ref, t) in enumerate(texts, start=1)]


def rows_of(text: str):
    lines = lines_from_text(text)
    region = find_table(lines, header_terms=TASK_HEADER)
    assert region is not None
    return rebuild_rows(lines[region.start : region.end], TASK_COLUMNS, skip=region.header)


def test_one_cell_per_line_table_is_detected():
    lines = lines_from_text(CELL_PER_LINE)
    assert detect_layout(lines) == "cell_per_line"


def test_one_cell_per_line_rows_keep_order_and_sections():
    rows = rows_of(CELL_PER_LINE)
    assert [(r.kind, r.code) for r in rows] == [
        ("section", "I"),
        ("row", "1"),
        ("row", "2"),
        ("section", "II"),
        ("row", "3"),
    ]


def test_cells_go_to_columns_by_vocabulary():
    first = rows_of(CELL_PER_LINE)[1]
    assert first.text("lead") == "Sở Khoa học và Công nghệ"
    assert first.text("support") == "Các sở, ngành, địa phương"
    assert first.text("output") == "Văn bản hướng dẫn"
    assert first.text("deadline") == "06/2025"


def test_missing_partner_cell_leaves_partners_empty():
    second = rows_of(CELL_PER_LINE)[2]
    assert second.text("lead") == "Các sở, ngành, địa phương"
    assert second.text("support") is None
    assert second.text("output") == "Kế hoạch công tác"


def test_missing_output_cell_leaves_output_empty():
    third = rows_of(CELL_PER_LINE)[4]
    assert third.text("output") is None
    assert third.text("deadline") == "2025"


def test_every_cell_cites_its_source_line():
    first = rows_of(CELL_PER_LINE)[1]
    assert first.cells["deadline"].lines == [15]
    assert 10 in first.lines


def test_section_title_is_read():
    assert rows_of(CELL_PER_LINE)[0].text("title") == "Nâng cao nhận thức về chuyển đổi số"


def test_numbering_skeleton_rejects_numbers_out_of_sequence():
    lines = lines_from_text("1.\nmột\n2.\nhai\n7.\nbảy là số trong văn bản\n3.\nba")
    assert [s.code for s in find_row_starts(lines, inline=False)] == ["1", "2", "3"]


def test_numbering_skeleton_accepts_sub_numbers():
    lines = lines_from_text("39\na\n39.1\nb\n39.2\nc\n40\nd")
    assert [s.code for s in find_row_starts(lines, inline=False)] == ["39", "39.1", "39.2", "40"]


def test_a_groups_first_row_repeating_the_last_rows_number_is_a_row_of_its_own():
    lines = lines_from_text(
        "I Nâng cao nhận thức\n14 Xây dựng đề án\n15 Phát động phong trào\n"
        "II Hoàn thiện thể chế\n15 Rà soát các quy định\n16 Hướng dẫn triển khai"
    )
    assert [(s.kind, s.code) for s in find_row_starts(lines)] == [
        ("section", "I"),
        ("row", "14"),
        ("row", "15"),
        ("section", "II"),
        ("row", "15"),
        ("row", "16"),
    ]


def test_a_number_repeated_within_a_group_is_no_row():
    lines = lines_from_text("1 Xây dựng kế hoạch\n2 Ban hành quy chế\n2 Sở Nội vụ\n3 Triển khai hệ thống")
    assert [(s.code, s.index) for s in find_row_starts(lines)] == [("1", 0), ("2", 1), ("3", 3)]


def test_garbled_number_between_two_good_ones_is_repaired():
    lines = lines_from_text("1 Xây dựng kế hoạch\n5 Ban hành quy chế\n3 Triển khai hệ thống")
    starts = find_row_starts(lines)
    assert [s.code for s in starts] == ["1", "2", "3"]
    assert starts[1].repaired


def test_a_number_read_with_its_first_digit_lost_beats_a_stray_digit_for_the_row():
    lines = lines_from_text(
        "27 Đẩy mạnh hợp tác công tư\n7 , Sở Khoa học ,\n8 ban hành về nghiên cứu, ứng dụng\n"
        "29 Triển khai các chiến lược\n30 Triển khai cơ chế"
    )
    starts = find_row_starts(lines)
    assert [(s.code, s.index) for s in starts] == [("27", 0), ("28", 2), ("29", 3), ("30", 4)]


@pytest.mark.parametrize(
    ("printed", "expected", "lost"),
    [("8", "28", True), ("2", "28", True), ("16", "39.16", True), ("7", "28", False), ("28", "28", False)],
)
def test_digits_lost_by_ocr_are_told_from_another_number(printed, expected, lost):
    assert _lost_digits(printed, expected) is lost


def test_ocr_lookalike_roman_numerals_are_read():
    assert roman_value("Il") == 2
    assert roman_value("IIl") == 3
    assert roman_value("VI") == 6
    assert roman_value("abc") is None


def test_row_code_reads_inline_and_alone_numbers():
    line = lines_from_text("12 | Triển khai nền tảng")[0]
    assert row_code(line) == ("12", "Triển khai nền tảng")
    assert row_code(lines_from_text("39.12")[0]) == ("39.12", "")
    assert row_code(lines_from_text("2025 là năm")[0]) is None


def test_row_code_reads_a_number_whose_dot_ocr_read_as_a_comma():
    # "24." scanned small: the dot comes out as a comma, before a bar or the cell's text
    assert row_code(lines_from_text("24, ngành; đồng bộ dữ liệu")[0]) == ("24", "ngành; đồng bộ dữ liệu")
    assert row_code(lines_from_text("18, | CNTT")[0]) == ("18", "CNTT")
    assert row_code(lines_from_text("2025, các sở")[0]) is None  # a year with a comma is no row


GROUPS_WITH_A_GARBLED_NUMERAL = """\
III | Tăng cường đầu tư, hoàn thiện hạ tầng cho khoa học
5 | Triển khai nền tảng số dùng chung | Sở Tài chính
V Phát triển, trọng dụng nhân e chất lượng cao, nhân tài
6 | Ban hành chính sách thu hút nhân lực | Sở Nội vụ
I aAe A Các Sở, ban, ngành; | Kế hoạch
7 | Bồi dưỡng kỹ năng số cho cán bộ | Sở Nội vụ
Đẩy mạnh chuyển đổi số, ứng dụng khoa học, công nghệ trong
V. | cơ quan trong hệ thống chính trị; nâng cao hiệu quả
8 | Xây dựng chương trình chuyển đổi số tỉnh | Sở Khoa học"""


def test_a_numeral_that_lost_a_letter_is_the_group_due_and_cell_debris_is_no_group():
    # "V" where IV is due, then the real V: read IV and V, not V and VI; the stray "I"
    # before a cell's debris opens no group (it once became VI, shifting every group after)
    starts = find_row_starts(lines_from_text(GROUPS_WITH_A_GARBLED_NUMERAL))
    assert [(s.kind, s.code) for s in starts] == [
        ("section", "III"),
        ("row", "5"),
        ("section", "IV"),
        ("row", "6"),
        ("row", "7"),
        ("section", "V"),
        ("row", "8"),
    ]


def test_section_code_needs_a_roman_numeral():
    assert section_code(lines_from_text("III. Tăng cường đầu tư")[0]) == (3, "Tăng cường đầu tư")
    assert section_code(lines_from_text("In ấn tài liệu")[0]) is None


def test_align_skips_missing_columns_in_order():
    columns = [
        ColumnSpec("a", lambda t: 0.7, first=True),
        ColumnSpec("b", lambda t: 1.0 if t.startswith("b") else 0.0),
        ColumnSpec("c", lambda t: 1.0 if t.startswith("c") else 0.0),
    ]
    assignment, _ = align(["x", "c1"], columns)
    assert assignment == [0, 2]


@pytest.mark.parametrize(
    "support_header, support",
    [("Cơ quan phối hợp", "Sở Tài chính"), ("Cơ quan phốihợp", "Sở Tài chính"), ("Ghi chú", None)],
    ids=["as printed", "two words a scan glued", "negative: a column of no task field"],
)
def test_real_table_cells_are_read_through_the_header_row(support_header, support):
    texts = [
        ((0, 0, 0), "TT"),
        ((0, 0, 1), "Tên nhiệm vụ"),
        ((0, 0, 2), "Cơ quan chủ trì"),
        ((0, 0, 3), support_header),
        ((0, 0, 4), "Kết quả"),
        ((0, 0, 5), "Thời gian hoàn thành"),
        ((0, 1, 0), "I"),
        ((0, 1, 1), "Nâng cao nhận thức"),
        ((0, 2, 0), "1"),
        ((0, 2, 1), "Triển khai tuyên truyền"),
        ((0, 2, 2), "Sở Nội vụ"),
        ((0, 2, 3), "Sở Tài chính"),
        ((0, 2, 4), "Kế hoạch"),
        ((0, 2, 5), "Quý I/2026"),
    ]
    sources = cell_sources(texts)
    rows = rebuild_rows(make_lines(sources), TASK_COLUMNS)
    assert [(r.kind, r.code) for r in rows] == [("section", "I"), ("row", "1")]
    assert rows[1].text("lead") == "Sở Nội vụ"
    assert rows[1].text("support") == support
    assert rows[1].text("deadline") == "Quý I/2026"


INTERLEAVED = """\
TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Kết quả Thời gian hoàn thành
Triển khai tuyên truyền thường xuyên, sâu rộng về | Sở Khoa học | Các sở, ngành,
1 | nội dung Nghị quyết 57-NQ/TW theo hướng đa dạng | và Công nghệ | địa phương | Văn bản 06/2025
hóa các hình thức.
Xây dựng chương trình chuyên biệt về khoa học, công | Sở Nội vụ | Các sở, ngành,
2 | nghệ, đổi mới sáng tạo và chuyển đổi số trên truyền | địa phương | Chương trình Hằng tháng
hình, phát thanh."""


def test_interleaved_rows_are_cut_between_numbers():
    rows = rows_of(INTERLEAVED)
    assert [(r.kind, r.code) for r in rows] == [("row", "1"), ("row", "2")]
    assert rows[0].text("name").startswith("Triển khai tuyên truyền")
    assert rows[0].text("name").endswith("hóa các hình thức.")
    assert rows[1].text("name").startswith("Xây dựng chương trình")


def test_interleaved_columns_are_rebuilt_from_fragments():
    rows = rows_of(INTERLEAVED)
    assert rows[0].text("lead") == "Sở Khoa học và Công nghệ"
    assert rows[0].text("deadline") == "06/2025"
    assert rows[1].text("deadline") == "Hằng tháng"


def test_table_continued_without_header_keeps_the_column_mapping():
    texts = [
        ((0, 0, 0), "TT"),
        ((0, 0, 1), "Tên nhiệm vụ"),
        ((0, 0, 2), "Cơ quan chủ trì"),
        ((0, 1, 0), "1"),
        ((0, 1, 1), "Triển khai tuyên truyền"),
        ((0, 1, 2), "Sở Nội vụ"),
        ((1, 0, 0), "2"),
        ((1, 0, 1), "Xây dựng chương trình"),
        ((1, 0, 2), "Sở Tài chính"),
    ]
    sources = cell_sources(texts)
    rows = rebuild_rows(make_lines(sources), TASK_COLUMNS)
    assert [(r.code, r.text("lead")) for r in rows] == [("1", "Sở Nội vụ"), ("2", "Sở Tài chính")]


# A row broken across a page break: the next page's table opens with the row's tail.
PAGE_TAIL_CASES = [
    ("điện tử", "Triển khai tuyên truyền điện tử", 1, "the name's last words, lower case"),
    ("(đến năm 2030, 2045)", "Triển khai tuyên truyền (đến năm 2030, 2045)", 1, "a bracket carries on"),
    ("45-NQ/TW của Bộ Chính trị", "Triển khai tuyên truyền 45-NQ/TW của Bộ Chính trị", 1, "a code"),
    ("Nâng cao nhận thức", "Triển khai tuyên truyền", 2, "negative: a capital opens a row of its own"),
]


@pytest.mark.parametrize("tail, name, rows, comment", PAGE_TAIL_CASES, ids=[c[3] for c in PAGE_TAIL_CASES])
def test_a_row_broken_across_pages_is_joined_to_its_first_part(tail, name, rows, comment):
    texts = [
        ((0, 0, 0), "TT"),
        ((0, 0, 1), "Tên nhiệm vụ"),
        ((0, 0, 2), "Cơ quan chủ trì"),
        ((0, 0, 3), "Kết quả"),
        ((0, 1, 0), "1"),
        ((0, 1, 1), "Triển khai tuyên truyền"),
        ((0, 1, 2), "Sở Nội vụ"),
        ((1, 0, 1), tail),
        ((1, 0, 3), "Kế hoạch"),
        ((1, 1, 0), "2"),
        ((1, 1, 1), "Xây dựng chương trình"),
    ]
    sources = cell_sources(texts)
    got = rebuild_rows(make_lines(sources), TASK_COLUMNS)
    assert got[0].text("name") == name
    assert len(got) == rows + 1
    if rows == 1:
        assert got[0].text("output") == "Kế hoạch"
        assert 8 in got[0].lines and 9 in got[0].cells["output"].lines


def _cells_table(codes: list[str]) -> list[Row]:
    texts = [((0, 0, 0), "TT"), ((0, 0, 1), "Tên nhiệm vụ"), ((0, 0, 2), "Cơ quan chủ trì")]
    for r, code in enumerate(codes, start=1):
        if code:
            texts.append(((0, r, 0), code))
        texts += [((0, r, 1), f"Nhiệm vụ thứ {r}"), ((0, r, 2), "Sở Nội vụ")]
    sources = cell_sources(texts)
    return rebuild_rows(make_lines(sources), TASK_COLUMNS)


@pytest.mark.parametrize(
    "printed, read",
    [
        (["1", "2", "5", "4"], ["1", "2", "3", "4"]),
        (["49", "90", "51"], ["49", "50", "51"]),
        (["53", "S4", "55"], ["53", "54", "55"]),
        (["8", "", "10"], ["8", "9", "10"]),
        (["I", "1", "2", "II", "1", "2"], ["I", "1", "2", "II", "1", "2"]),
        (["H", "3", "IH", "4", "VH"], ["II", "3", "III", "4", "VII"]),
        (["|", "1", "||", "2", "I|"], ["I", "1", "II", "2", "III"]),
        (["I", "1", "I", "2", "III", "3"], ["I", "1", "II", "2", "III", "3"]),
        (["IV", "1", "X", "2", "VI", "3"], ["IV", "1", "V", "2", "VI", "3"]),
        (["I", "1", "II", "2", "IV", "3", "V", "4"], ["I", "1", "II", "2", "IV", "3", "V", "4"]),
        (["39", "39.1", "39.2", "40"], ["39", "39.1", "39.2", "40"]),
        (["7", "", "8"], ["7", "", "8"]),
        (["39", "391", "392", "40"], ["39", "39.1", "39.2", "40"]),
        (["39.12", "3913", "40"], ["39.12", "39.13", "40"]),
        (["39.12", "", "39.14"], ["39.12", "39.13", "39.14"]),
        (["60.2", "60.3", "", "62"], ["60.2", "60.3", "61", "62"]),
        (["7.2", "7.3", "9"], ["7.2", "7.3", "9"]),
    ],
    ids=[
        "a misread number",
        "a misread tens digit",
        "a letter for a digit",
        "a number not read",
        "negative: numbers restarting in each section",
        "a section's II read as H",
        "a section's I read as a bar, a repeated section is the next",
        "a section read as the one before",
        "a section read past the next, a later one reading below it (V as X before VI)",
        "negative: a section lost from the table, the next ones going on from the numeral read",
        "negative: sub-numbers",
        "negative: an unnumbered row between two consecutive numbers",
        "sub-numbers whose dot a scan lost",
        "a sub-number whose dot a scan lost before the parent's next",
        "a sub-number not read",
        "the parent's next not read",
        "negative: a number in turn is kept where the row after it is lost",
    ],
)
def test_a_real_tables_misread_row_numbers_are_told_from_their_neighbours(printed, read):
    rows = _cells_table(printed)
    assert [r.code for r in rows] == read
    repaired = [r.code for r in rows if r.kind == "row" and r.confidence < 0.8 and r.code]
    assert repaired == [
        c for p, c in zip(printed, read, strict=True) if p != c and not c.startswith(("I", "V"))
    ]


@pytest.mark.parametrize(
    "header, found",
    [
        ("TT", True),
        ("TT. -", True),
        ("_ STT |", True),
        ("Số TT", True),
        ("Tên nhiệm vụ", False),
        ("TTg", False),
    ],
)
def test_the_number_column_is_found_through_a_scans_dust(header, found):
    texts = [
        ((0, 0, 0), header),
        ((0, 0, 1), "Tên nhiệm vụ"),
        ((0, 1, 0), "1"),
        ((0, 1, 1), "Xây dựng kế hoạch"),
    ]
    sources = cell_sources(texts)
    rows = rebuild_rows(make_lines(sources), TASK_COLUMNS)
    assert [r.code for r in rows] == (["1"] if found else [])


@pytest.mark.parametrize(
    "title_code, span, expected",
    [
        ("", 4, [("section", "I"), ("row", "1"), ("section", "II"), ("row", "2")]),
        ("g7", 4, [("section", "I"), ("row", "1"), ("section", "II"), ("row", "2")]),
        ("", 1, [("section", "I"), ("row", "1"), ("row", ""), ("row", "2")]),
    ],
    ids=[
        "a title merged over the columns, its number lost",
        "its number garbled",
        "negative: no merged cell",
    ],
)
def test_a_scanned_section_title_without_its_number_is_the_next_section(title_code, span, expected):
    texts = [
        ((0, 0, 0, 1), "TT"),
        ((0, 0, 1, 1), "Tên nhiệm vụ"),
        ((0, 0, 2, 1), "Cơ quan chủ trì"),
        ((0, 1, 0, 1), "I"),
        ((0, 1, 1, 4), "Nâng cao nhận thức"),
        ((0, 2, 0, 1), "1"),
        ((0, 2, 1, 1), "Triển khai tuyên truyền"),
        ((0, 2, 2, 1), "Sở Nội vụ"),
        ((0, 3, 1, span), "Hoàn thiện thể chế"),
        ((0, 4, 0, 1), "2"),
        ((0, 4, 1, 1), "Rà soát văn bản"),
        ((0, 4, 2, 1), "Sở Tư pháp"),
    ]
    if title_code:
        texts.insert(8, ((0, 3, 0, 1), title_code))
    sources = cell_sources(texts)
    rows = rebuild_rows(make_lines(sources), TASK_COLUMNS)
    assert [(r.kind, r.code) for r in rows] == expected


def test_an_unnumbered_row_inside_a_page_is_not_joined_to_the_row_before():
    texts = [
        ((0, 0, 0), "TT"),
        ((0, 0, 1), "Tên nhiệm vụ"),
        ((0, 1, 0), "1"),
        ((0, 1, 1), "Triển khai tuyên truyền"),
        ((0, 2, 1), "điện tử"),
    ]
    sources = cell_sources(texts)
    got = rebuild_rows(make_lines(sources), TASK_COLUMNS)
    assert got[0].text("name") == "Triển khai tuyên truyền"


# split_agency_tail: (first-column line, expected name part, expected fragment, comment)
AGENCY_TAIL_CASES = [
    (
        "Cơ sở dữ liệu kết cấu hạ tầng đường bộ Sở Xây dựng",
        "Cơ sở dữ liệu kết cấu hạ tầng đường bộ",
        "Sở Xây dựng",
        "a lead cell run on after the name's last words",
    ),
    (
        "trong chương trình, kế hoạch công tác Các sở, ban,",
        "trong chương trình, kế hoạch công tác",
        "Các sở, ban,",
        "the start of a collective partner cell",
    ),
    (
        "Tham mưu xây dựng, triển khai kế hoạch của Sở Tài chính",
        "Tham mưu xây dựng, triển khai kế hoạch của Sở Tài chính",
        "",
        "negative: an agency governed by 'của' is part of the name",
    ),
    (
        "công bố trên cổng thông tin điện tử Sở Khoa học và Công nghệ những sáng kiến",
        "công bố trên cổng thông tin điện tử Sở Khoa học và Công nghệ những sáng kiến",
        "",
        "negative: a long capitalised run that carries the sentence on",
    ),
    (
        "Xây dựng và triển khai Đề án phát triển nguồn nhân lực",
        "Xây dựng và triển khai Đề án phát triển nguồn nhân lực",
        "",
        "negative: a capitalised document name inside the name",
    ),
    ("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ", "", "negative: too short to hold a name"),
    (
        "Cơ sở dữ liệu môi trường cơ sở y tế S6Y tế",
        "Cơ sở dữ liệu môi trường cơ sở y tế",
        "S6Y tế",
        "a directory name OCR glued together",
    ),
]


@pytest.mark.parametrize(
    ("text", "name", "fragment", "comment"), AGENCY_TAIL_CASES, ids=lambda v: str(v)[:40]
)
def test_agency_fragment_at_the_end_of_a_name_line_is_split_off(text, name, fragment, comment):
    assert split_agency_tail(text) == (name, fragment), comment


INTERLEAVED_NO_GAPS = """\
TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Kết quả Thời gian hoàn thành
39 Cơ sở dữ liệu về khu công nghiệp, khu kinh tế theo ngành
39.1 Cơ sở dữ liệu kết cấu hạ tầng đường bộ Sở Xây dựng 12/2025
39.2 Cơ sở dữ liệu đăng kiểm phương tiện cơ giới Sở Xây dựng 12/2025"""


def test_interleaved_name_line_without_gap_marks_leaves_the_lead_out():
    rows = rows_of(INTERLEAVED_NO_GAPS)
    by_code = {r.code: r for r in rows}
    assert by_code["39.1"].text("name") == "Cơ sở dữ liệu kết cấu hạ tầng đường bộ"
    assert by_code["39.1"].text("lead") == "Sở Xây dựng"
    assert by_code["39.2"].text("name") == "Cơ sở dữ liệu đăng kiểm phương tiện cơ giới"


# drop_debris_runs: (raw OCR line, expected text, comment); the restored text is the raw here
DEBRIS_CASES = [
    ("h‘ h h-,\\ h A R A 5 h‘ ) N ’ 5 \\ h - 5 « R kh . )", "|", "a line of floating accents"),
    (
        "6 . Z R L3 nganh, dia Kế hoạch công tác",
        "6 | L3 nganh, dia Kế hoạch công tác",
        "the row number stays, the rule between columns becomes a gap",
    ),
    ("1 15 Aee A A oA . S Nong nghiép", "1 15 Aee | S Nong nghiép", "a head letter opening a name stays"),
    ("kinh tế - xã hội; 5G, IoT", "kinh tế - xã hội; 5G, IoT", "negative: prose with a dash"),
    ("Sở Y tế và Sở Tư pháp", "Sở Y tế và Sở Tư pháp", "negative: one-letter words alone"),
]


@pytest.mark.parametrize(("raw", "text", "comment"), DEBRIS_CASES, ids=lambda v: str(v)[:30])
def test_runs_of_stray_ocr_tokens_become_one_gap(raw, text, comment):
    line = make_lines([SourceLine(number=1, text=raw)])[0]
    assert drop_debris_runs(line).text == text, comment


def test_debris_runs_are_found_on_the_raw_line_and_dropped_from_the_restored_one():
    line = make_lines([SourceLine(number=1, text="Sở A R h Nội vụ")], ["Sở Á Rà hồ Nội vụ"])[0]
    assert drop_debris_runs(line).text == "Sở | Nội vụ"


@pytest.mark.parametrize(
    ("raw", "restored", "text"),
    [
        pytest.param(
            "da dang hoa \\ A R S& Giao duc va",
            "đa dạng hóa \\ A Rà Sở Giáo dục và",
            "đa dạng hóa | Sở Giáo dục và",
            id="so-read-with-a-mark-opening-a-name-stays",
        ),
        pytest.param(
            "da dang hoa \\ A S& h . giao duc",
            "đa dạng hóa \\ A Sở hồ . giáo dục",
            "đa dạng hóa | giáo dục",
            id="negative-no-capitalised-word-after-it",
        ),
    ],
)
def test_an_agency_head_read_with_marks_survives_a_debris_run(raw, restored, text):
    line = make_lines([SourceLine(number=1, text=raw)], [restored])[0]
    assert drop_debris_runs(line).text == text


# split_deadline_continuation: (line text, deadline so far, expected (rest, continuation), comment)
DEADLINE_CONTINUATION_CASES = [
    (
        "Sở Tài chính Công nghệ những năm",
        "Năm 2025 và",
        ("Sở Tài chính Công nghệ", "những năm"),
        "open phrase",
    ),
    (
        "lên Trung tâm dữ liệu tỉnh tiếp theo",
        "Năm 2025 và những năm",
        ("lên Trung tâm dữ liệu tỉnh", "tiếp theo"),
        "",
    ),
    (
        "Đề án, dự án | và thường",
        "2025-2027",
        ("Đề án, dự án |", "và thường"),
        "a joined period opens with và",
    ),
    (
        "kế hoạch công tác hằng năm",
        "12/2025",
        ("kế hoạch công tác hằng năm", ""),
        "negative: a closed deadline",
    ),
    ("triển khai theo", "Năm 2025", ("triển khai theo", ""), "negative: a name word, the deadline is whole"),
    # "2025-2026 và nâng cấp, mở rộng thường xuyên" wrapped word by word at the line ends
    ("Công nghệ; các dựng hoặc và nâng", "2025-2026", ("Công nghệ; các dựng hoặc", "và nâng"), "its và"),
    ("doanh nghiệp triển khai cấp, mở", "2025-2026 và nâng", ("doanh nghiệp triển khai", "cấp, mở"), ""),
    ("viễn thông, ứng dụng rộng", "2025-2026 và nâng cấp, mở", ("viễn thông, ứng dụng", "rộng"), ""),
    ("Hệ thống được nâng cấp, mở", "2025-2026", ("Hệ thống được nâng cấp, mở", ""), "negative: no và"),
    ("Sở Khoa học và ~ -", "Năm 2025 và", ("Sở Khoa học và ~ -", ""), "negative: marks carry nothing on"),
    ("được nâng cấp, mở", "Thường xuyên", ("được nâng cấp, mở", ""), "negative: no dated deadline"),
    ("Sở Khoa học và phương xuyeén", "12/2025 và", ("Sở Khoa học và phương", "xuyeén"), "OCR's doubled e"),
    ("Sở Khoa học và phương xuyeén", "12/2025", ("Sở Khoa học và phương xuyeén", ""), "negative: closed"),
]


@pytest.mark.parametrize(("text", "deadline", "expected", "comment"), DEADLINE_CONTINUATION_CASES)
def test_wrapped_deadline_cell_is_carried_on_from_line_ends(text, deadline, expected, comment):
    assert split_deadline_continuation(text, deadline) == expected, comment


INTERLEAVED_WRAPPED_LEAD = """\
TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Kết quả Thời gian hoàn thành
Triển khai mô hình trung tâm giám sát, điều hành | Sở Khoa học
1 | thông minh tập trung trên toàn địa bàn tỉnh | và Công | Quyết định 06/2025
nghệ"""


def test_last_words_of_a_wrapped_agency_cell_on_their_own_line_stay_out_of_the_name():
    row = rows_of(INTERLEAVED_WRAPPED_LEAD)[0]
    assert row.text("name").endswith("trên toàn địa bàn tỉnh")
    assert row.text("lead") == "Sở Khoa học và Công nghệ"


def test_a_row_number_with_a_digit_read_as_a_letter_is_repaired_between_its_neighbours():
    lines = lines_from_text(
        "91 Triển khai bộ tiêu chí đánh giá\n9y |công nghệ, đổi mới sáng tạo\n93 Hỗ trợ doanh nghiệp nhỏ"
    )
    starts = find_row_starts(lines)
    assert [(s.code, s.index) for s in starts] == [("91", 0), ("92", 1), ("93", 2)]
    assert starts[1].repaired


def test_a_word_opening_with_a_digit_and_a_letter_is_no_row_out_of_turn():
    lines = lines_from_text("5 Xây dựng hệ thống quản lý\n1y nhà nước về khoa học\n6 Triển khai nền tảng")
    assert [s.code for s in find_row_starts(lines)] == ["5", "6"]


def test_glued_row_code_reads_the_digits_and_the_text_after_the_gap():
    assert glued_row_code(lines_from_text("9y |công nghệ số")[0]) == ("9", "công nghệ số")
    assert glued_row_code(lines_from_text("92 công nghệ số")[0]) is None
    assert glued_row_code(lines_from_text("Năm 2025")[0]) is None


def test_a_number_printed_ahead_of_its_turn_opens_a_row_with_the_printed_number():
    lines = lines_from_text(
        "72 Triển khai các giải pháp\n74 Tập trung số hóa dữ liệu\n73 Triển khai Đề án nâng cao\n"
        "74 Xây dựng Trung tâm an toàn\n75 Hướng dẫn, đôn đốc"
    )
    assert [(s.code, s.index) for s in find_row_starts(lines)] == [
        ("72", 0),
        ("74", 1),
        ("73", 2),
        ("74", 3),
        ("75", 4),
    ]


@pytest.mark.parametrize(
    ("text", "expected", "comment"),
    [
        ("5 Xây dựng kế hoạch\n3 cán bộ, công chức\n6 Triển khai", ["5", "6"], "behind its turn"),
        ("5 Xây dựng kế hoạch\n9 cán bộ, công chức\n6 Triển khai", ["5", "6"], "far ahead"),
    ],
)
def test_a_stray_number_between_two_rows_in_turn_opens_no_row(text, expected, comment):
    assert [s.code for s in find_row_starts(lines_from_text(text))] == expected, comment


def _two_row_header_table(second_row: list[tuple[int, str]]) -> list[Row]:
    """A Word task table whose "Cơ quan thực hiện" heads "Chủ trì" and "Phối hợp" below it."""
    texts = [
        ((0, 0, 0), "TT"),
        ((0, 0, 1), "Nội dung nhiệm vụ"),
        ((0, 0, 2), "Cơ quan thực hiện"),
        ((0, 0, 4), "Sản phẩm"),
        ((0, 0, 5), "Thời gian hoàn thành"),
        *(((0, 1, col), text) for col, text in second_row),
        ((0, 2, 0), "1"),
        ((0, 2, 1), "Tuyên truyền Nghị quyết 57-"),
        ((0, 2, 1), "NQ/TW trên báo chí"),
        ((0, 2, 2), "Sở Văn hóa, Thể thao và Du lịch"),
        ((0, 2, 3), "Các sở, ban, ngành"),
        ((0, 2, 4), "Tin, bài"),
        ((0, 2, 5), "Hằng năm"),
    ]
    sources = cell_sources(texts)
    return rebuild_rows(make_lines(sources), TASK_COLUMNS)


def test_a_header_second_row_names_the_columns_a_merged_heading_spans():
    # the merged cells above repeat their text in Word (TT, Nội dung nhiệm vụ ...) or stay empty
    for second in (
        [(2, "Chủ trì"), (3, "Phối hợp")],
        [(0, "TT"), (1, "Nội dung nhiệm vụ"), (2, "Chủ trì"), (3, "Phối hợp"), (5, "Thời gian hoàn thành")],
    ):
        rows = _two_row_header_table(second)
        assert [r.code for r in rows] == ["1"]
        assert rows[0].text("lead") == "Sở Văn hóa, Thể thao và Du lịch"
        assert rows[0].text("support") == "Các sở, ban, ngành"
        assert rows[0].text("deadline") == "Hằng năm"


def test_a_first_task_row_is_not_taken_for_a_header_second_row():
    # negative: a row with no number whose cells no heading names is a task row (kept)
    rows = _two_row_header_table([(1, "Ban hành quy chế dữ liệu"), (2, "Sở Nội vụ")])
    assert rows[0].text("name") == "Ban hành quy chế dữ liệu"


def test_a_document_number_wrapped_at_its_hyphen_joins_without_a_space():
    rows = _two_row_header_table([(2, "Chủ trì"), (3, "Phối hợp")])
    assert rows[0].text("name") == "Tuyên truyền Nghị quyết 57-NQ/TW trên báo chí"


def test_a_task_table_headed_nội_dung_cơ_quan_thực_hiện_tiến_độ_is_found_and_mapped():
    # one agency column (no partners), "Tiến độ" for the deadline, "Sản phẩm" for the output
    from theodoi.ingest.parse.tasks import parse_tasks

    grid = [
        ["STT", "Nội dung", "Cơ quan thực hiện", "Tiến độ", "Sản phẩm"],
        ["1", "Xây dựng kế hoạch chuyển đổi số", "Sở Khoa học và Công nghệ", "Quý IV/2025", "Kế hoạch"],
    ]
    texts = [((0, r, c), t) for r, row in enumerate(grid) for c, t in enumerate(row)]
    sources = cell_sources(texts)
    (task,) = parse_tasks(make_lines(sources)).tasks
    assert (task.code, task.lead, task.support, task.output, task.deadline) == (
        "1",
        ["Sở Khoa học và Công nghệ"],
        [],
        "Kế hoạch",
        "Quý IV/2025",
    )
