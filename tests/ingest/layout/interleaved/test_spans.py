"""Where an OCR'd interleaved row begins: the cut between two row numbers.

Corpora: first-column lines written for these tests in the shape OCR'd task tables show (the
row number on a middle line of its row, a name wrapped over several lines, the table's
heading read again after a page break), with the first line of the second row expected.
"""

from __future__ import annotations

import pytest

from theodoi.ingest.layout import lines_from_text
from theodoi.ingest.layout.interleaved.agency_lines import (
    agency_line_carried_on,
    opens_agency_carried_on,
    opens_next_rows_cell,
    splice_opened_agency,
)
from theodoi.ingest.layout.interleaved.headers import header_lines, is_header_repeat
from theodoi.ingest.layout.interleaved.spans import _row_spans, _split_between
from theodoi.ingest.layout.table import RowStart, find_row_starts

# Row 24 lists two items ('...;' then 'Xây dựng ...'), a page break falls inside the second.
LISTED_ITEMS = """\
Xây dựng Trung tâm nghiên cứu khoa học
học công nghệ vũ trụ theo chiến lược
24 khoa học công nghệ vũ trụ Việt Nam đến năm
2030 của Chính phủ; Trung tâm đổi mới sáng tạo;
Xây dựng phòng thí nghiệm trọng điểm về công
Tổ Tên nhiệm vụ chủ trì phối hợp Kết quả hoàn thành
nghệ sinh học và các tổ chức nghiên cứu
công lập khác.
Triển khai các cơ chế thử nghiệm chính sách
25 thúc đẩy nghiên cứu, phát triển, ứng dụng
giao công nghệ chiến lược trong các ngành."""


def split(text: str, a: int, b: int, before_a: int) -> int:
    lines = lines_from_text(text)
    return _split_between(lines, a, b, before_a, header_lines(lines, 0, len(lines)))


def test_a_name_listing_items_keeps_the_item_after_its_semicolon() -> None:
    assert split(LISTED_ITEMS, 2, 9, 2) == 8


def test_a_finished_sentence_still_ends_the_row_above() -> None:
    text = LISTED_ITEMS.replace("Trung tâm đổi mới sáng tạo;", "Trung tâm đổi mới sáng tạo.")
    text = text.replace("công lập khác.", "công lập khác và")
    assert split(text, 2, 9, 2) == 4


def test_a_heading_read_again_never_opens_the_row_below() -> None:
    text = (
        "Xây dựng kho dữ liệu dùng chung\n5 phục vụ chuyển đổi số.\n"
        "Tổ Tên nhiệm vụ chủ trì phối hợp Kết quả hoàn thành\n"
        "Chương trình hỗ trợ doanh nghiệp nhỏ\n6 và vừa trên địa bàn tỉnh"
    )
    lines = lines_from_text(text)
    assert header_lines(lines, 0, len(lines)) == {2}
    assert split(text, 1, 4, 1) == 3


# Short rows of one line each; an agency wrapped above the number of the row it belongs to.
SHORT_ROWS = """\
39.53 | Cơ sở dữ liệu xử lý vi phạm hành chính Sở Tư pháp
? Sở Văn hóa,
39.54 | Cơ sở dữ liệu thành tích thể thao Thể thao và Du
lịch"""


def test_an_agency_opened_above_a_number_and_carried_on_by_its_line_goes_to_that_row() -> None:
    assert split(SHORT_ROWS, 0, 2, 0) == 1


def test_a_line_finishing_the_row_aboves_agency_stays_with_it() -> None:
    text = SHORT_ROWS.replace("Sở Tư pháp\n? Sở Văn hóa,", "Sở Khoa học và\n? Công nghệ")
    assert split(text, 0, 2, 0) == 2


@pytest.mark.parametrize(
    ("line", "below", "expected", "comment"),
    [
        ("ót 1A Ban Quản lý", "39.11 | Cơ sở dữ liệu về khu công nghiệp Khu Kinh tế", True, "head cut short"),
        ("? Sở Văn hóa,", "39.54 | Cơ sở dữ liệu thành tích thể thao Thể thao và Du", True, "comma-ended"),
        ("? Sở Tài chính", "39.13 | Cơ sở tổng hợp về tài chính Sở Tài chính", False, "a whole name"),
        ("? Sở Văn hóa,", "39.54 | Cơ sở dữ liệu về dân cư", False, "nothing below carries it on"),
        ("của cá nhân và tổ chức.", "39.10 | Cơ sở dữ liệu đô thị Sở Xây dựng", False, "no agency opened"),
    ],
)
def test_an_agency_is_told_opened_above_and_carried_on_below(line, below, expected, comment) -> None:
    assert opens_agency_carried_on(line, below) is expected, comment


# Row 80's name, then a line of the lead column ("Các sở, ban,") above row 81's name start.
AGENCY_LIST_ABOVE = (
    "Công bố danh mục các bài toán lớn về khoa học\n"
    "80 nghệ, đổi mới sáng tạo và chuyển đổi số của tỉnh\n"
    "Doanh nghiệp công nghệ số tham gia giải quyết\n"
    "Các sở, ban,\n"
    "Triển khai cơ chế, chính sách hỗ trợ các doanh nghiệp\n"
    "81 công nghệ số, tổ chức, cá nhân có năng lực"
)


def test_an_agency_list_ending_in_a_comma_above_a_name_does_not_carry_the_name_on() -> None:
    assert split(AGENCY_LIST_ABOVE, 1, 5, 1) == 4


def test_a_name_line_ending_mid_phrase_still_carries_the_name_on() -> None:
    text = AGENCY_LIST_ABOVE.replace("Các sở, ban,", "những bài toán lớn về chuyển đổi số của các")
    assert split(text, 1, 5, 1) == 2


# Row 28's lead opens on a line of its own above the row's name, carried on right of the gap.
LEAD_ABOVE_NAME = """\
Đẩy mạnh hợp tác công tư để nghiên cứu và phát
27 triển công nghệ chiến lược; phát triển hạ tầng số | Sở Tài | Sở Khoa học và | Năm 2026
mới, dịch vụ số mới, dữ liệu. Chính Công nghệ
7 , Sở Khoa học ,
Triển khai thực hiện hiệu quả các chiến lược đã | và Công Quyết định của chủ
28 ban hành về nghiên cứu, ứng dụng, khai thác| nghệ, Sở Các sở, ngành,"""


def test_an_agency_opened_on_a_line_above_the_rows_name_goes_with_that_row() -> None:
    assert split(LEAD_ABOVE_NAME, 1, 5, 1) == 3


@pytest.mark.parametrize(
    ("line", "below", "comment"),
    [
        ("7 , Sở Khoa học ,", "Triển khai thực hiện hiệu quả | và Công Quyết định", ""),
        ("Sở Văn hóa,", "Xây dựng cơ sở dữ liệu di sản | thể thao và du lịch Kế hoạch", ""),
    ],
)
def test_an_agency_line_is_told_carried_on_right_of_the_gap_below(line, below, comment) -> None:
    assert agency_line_carried_on(line, below)


@pytest.mark.parametrize(
    ("line", "below", "comment"),
    [
        (
            "7 , Sở Tài chính",
            "Triển khai thực hiện hiệu quả | và Công Quyết định",
            "a whole name carries on nothing",
        ),
        (
            "mới, dịch vụ Sở Khoa học",
            "Triển khai thực hiện hiệu quả | và Công Quyết định",
            "name text before it",
        ),
        ("7 , Sở Khoa học ,", "Triển khai thực hiện hiệu quả và Công Quyết định", "no gap mark below"),
        ("7 , Sở Khoa học ,", "Triển khai thực hiện hiệu quả | Quyết định của chủ", "nothing carries it on"),
    ],
)
def test_an_agency_line_is_not_told_carried_on_without_its_continuation(line, below, comment) -> None:
    assert not agency_line_carried_on(line, below), comment


# The table region hands the rows its lines without the heading read again at a page's top:
# the page break shows as a jump in the source line numbers.
PAGE_CUT_NAME = """\
56 Phối hợp thực hiện Đề án chuyển đổi số trong cơ quan
Thời gian
TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Kết quả hoàn thành
Đảng theo Quyết định số 204-QĐ/TW ngày 29/11/2024
của Ban Bí thư. Phối hợp với các cơ quan Đảng,
Hội đồng nhân dân, Mặt trận Tổ quốc Việt Nam,
Tòa án nhân dân tại tỉnh triển khai, thực hiện
các quy định trong hệ thống chính trị
57 Xây dựng, phát triển Trung tâm giám sát, điều hành
thông minh cấp tỉnh"""


def split_without_heading(text: str, a: int, b: int, before_a: int) -> int:
    """Split as the table region hands the lines over: the heading's lines left out."""
    body = [
        line for line in lines_from_text(text) if not is_header_repeat(line.key) and line.key != "thoi gian"
    ]
    return _split_between(body, a, b, before_a)


def test_a_name_cut_by_a_page_break_carries_on_past_the_next_pages_first_line() -> None:
    # row 56's number centres its first page's part only; the next page's lines are its own
    assert split_without_heading(PAGE_CUT_NAME, 0, 6, 0) == 6


def test_a_task_opening_the_next_page_still_opens_the_row_below() -> None:
    text = PAGE_CUT_NAME.replace("Đảng theo Quyết định", "Phát triển hệ thống Quyết định")
    text = text.replace(
        "56 Phối hợp thực hiện Đề án chuyển đổi số trong cơ quan", "56 Phối hợp thực hiện Đề án."
    )
    assert split_without_heading(text, 0, 6, 0) == 1


BLOCK_ROW_THEN_GROUP = """\
12
Rà soát dự toán ngân sách nhà nước năm 2025
Sở Tài chính
13
Tiếp tục triển khai thực hiện có hiệu quả Kế hoạch
nâng cao xếp hạng Bộ chỉ số đổi mới sáng tạo
Sở Khoa học và Công nghệ
Kế hoạch của UBND tỉnh
Khẩn trương, quyết liệt hoàn thiện các thể chế liên quan
II chuyển đổi số; tháo gỡ kịp thời các khó khăn
14 Triển khai thực hiện cơ chế, chính sách đầu tư Sở Tài chính"""


def test_a_row_numbered_alone_keeps_the_cells_below_it_up_to_the_next_groups_title() -> None:
    lines = lines_from_text(BLOCK_ROW_THEN_GROUP)
    starts = find_row_starts(lines)
    assert [(s.kind, s.code) for s in starts] == [
        ("row", "12"),
        ("row", "13"),
        ("section", "II"),
        ("row", "14"),
    ]
    spans = _row_spans(lines, starts)
    assert spans[1] == (3, 8)  # row 13: its number and the four lines below
    assert spans[2][0] == 8  # group II from its title's first line above the numeral


# Row 92's name runs on below its number; a line of stray marks ending in a lone dot sits
# between, then a line whose name part ends a sentence, then row 93's first line.
STRAY_DOT = """\
Công bố danh mục các bài toán lớn về khoa học,
92 công nghệ, đổi mới sáng tạo và chuyển đổi số của
đất nước để các doanh nghiệp công nghệ số Việt
. a nghệ . .
Nam tham gia giải quyết. ngành, địa phương
Hỗ trợ doanh nghiệp nhỏ và vừa, hợp tác xã, hộ
kinh doanh đầu tư cho chuyển đổi số, nghiên cứu,
93 ứng dụng khoa học, đổi mới công nghệ, số hóa quy"""


def test_a_lone_stray_dot_ends_no_sentence() -> None:
    assert split(STRAY_DOT, 1, 7, 1) == 5


def test_a_words_own_full_stop_still_ends_the_row_above() -> None:
    text = STRAY_DOT.replace(". a nghệ . .", "nghệ thông tin.")
    assert split(text, 1, 7, 1) == 4


# Row 37's partner cell (five lines) is taller than its name (two): centred on the row, it
# opens two lines above the name's first line, below row 36's last name line.
TALL_CELL_ABOVE = """\
Xây dựng, triển khai đề án, kế hoạch ứng dụng IoT trong Các sở, ban, Đề án, kế
36 một số ngành, lĩnh vực như sản xuất, thương mại, quản lý ngành, địa hoạch được 12/2025
năng lượng, nông nghiệp, giao thông, y tế,... phương ban hành
nghệ thông tin
Sở Khoa học và
Công nghệ; các
Xây dựng kế hoạch phát triển hạ tầng số các khu Ban Quản lý Khu doanh nghiệp Kế hoạch được
37 kinh tế, khu công nghiệp trên địa bàn tỉnh kinh tế; các viễn thông, ban hành 12/2025
địa phương internet"""


def spans_and_spilled(text: str) -> tuple[list[tuple[int, int]], set[int]]:
    lines = lines_from_text(text)
    spilled: set[int] = set()
    return _row_spans(lines, find_row_starts(lines), spilled), spilled


def test_a_tall_cell_opening_above_the_rows_name_goes_with_that_row() -> None:
    spans, spilled = spans_and_spilled(TALL_CELL_ABOVE)
    assert spans[1][0] == 4  # from "Sở Khoa học và" on
    assert spilled == {4, 5}  # lines of the cell only, no name text


def test_a_tall_cells_line_holding_the_outputs_opening_past_a_gap_goes_with_that_row() -> None:
    text = TALL_CELL_ABOVE.replace("Công nghệ; các\n", "7 . ở Công nghệ; các | Đề án, dự án\n")
    spans, spilled = spans_and_spilled(text)
    assert spans[1][0] == 4, "the output's words past the gap are no words of the agency's line"
    assert spilled == {4, 5}


def test_a_tall_cells_opening_line_is_told_without_the_outputs_words_past_its_gap() -> None:
    text = TALL_CELL_ABOVE.replace("Sở Khoa học và\n", "Sở Khoa học và | Văn bản ban hành\n")
    spans, spilled = spans_and_spilled(text)
    assert spans[1][0] == 4, "the output's words past the gap make the agency's line no longer"
    assert spilled == {4, 5}


def test_a_tall_cells_line_with_more_words_past_a_gap_than_an_output_opening_ends_the_search() -> None:
    text = TALL_CELL_ABOVE.replace("Công nghệ; các\n", "7 . ở Công nghệ; các | dự án được xây dựng\n")
    spans, spilled = spans_and_spilled(text)
    assert spans[1][0] == 6, "no output opens past the gap: the line counts whole, too many words"
    assert not spilled


@pytest.mark.parametrize(
    ("old", "new", "comment"),
    [
        ("Sở Khoa học và", "Sở Tài chính", "a whole name opens no cell left unfinished"),
        ("nghệ thông tin\n", "nghệ thông tin;\n", "the row above's list goes on after its ';'"),
    ],
)
def test_a_line_below_the_rows_name_stays_with_it_unless_it_opens_a_cell(old, new, comment) -> None:
    spans, spilled = spans_and_spilled(TALL_CELL_ABOVE.replace(old, new))
    assert spans[1][0] == 6, comment
    assert not spilled


@pytest.mark.parametrize(
    ("line", "expected", "comment"),
    [
        ("Sở Khoa học và", True, "ends on 'và'"),
        ("i Sở Khoa học và", True, "a stray mark before the head"),
        ("Các sở, ban,", True, "a list cut after a comma"),
        ("Ban Tuyên giáo", True, "not a whole directory name"),
        ("Công an tỉnh", False, "a whole name"),
        ("nghệ thông tin", False, "no agency head"),
        ("phát triển Sở Tài", False, "name text before the head"),
    ],
)
def test_a_line_is_told_to_open_a_cell_left_unfinished(line, expected, comment) -> None:
    assert opens_next_rows_cell(line) is expected, comment


@pytest.mark.parametrize(
    ("opened", "rest", "expected"),
    [
        ("Các sở, ban,", "Sở Nội vụ ngành, địa", "Sở Nội vụ Các sở, ban, ngành, địa"),
        (
            "Sở Khoa học và",
            "Các sở, ban, Công nghệ; các Hoạt động",
            "Các sở, ban, Sở Khoa học và Công nghệ; các Hoạt động",
        ),
        ("Ban Tuyên giáo", "và Dân vận", "Ban Tuyên giáo và Dân vận"),
        ("Các sở, ban,", "Công an tỉnh", None),  # "Công an" opens a name of its own
        ("Sở Khoa học và", "Sở Văn hóa, Hoạt động", None),  # nothing carries it on
        (
            "Sở Khoa học và | Văn bản ban",
            "Công an tỉnh Công nghệ; các hành,",
            "Công an tỉnh Sở Khoa học và Công nghệ; các hành, | Văn bản ban",
        ),  # the output opened past the gap stays a cell of its own
        ("Sở Khoa học và | Văn bản ban", "Sở Văn hóa, Hoạt động", None),
    ],
)
def test_an_agency_opened_above_goes_before_the_words_carrying_it_on(opened, rest, expected) -> None:
    assert splice_opened_agency(opened, rest) == expected


# Group V's title ends a page; the next page opens with row 60's cells above its name (its
# lead and partners, its output's first words), the heading read again left out.
GROUP_THEN_PAGE = """\
Đẩy mạnh chuyển đổi số, ứng dụng khoa học, công nghệ trong hoạt động của các cơ quan
V | trong hệ thống chính trị; nâng cao hiệu quả quản trị quốc gia, bảo đảm quốc
phòng và an ninh
Cơ quan Cơ quan Thời gian
TT Tên nhiệm vụ chủ trì phối hợp Kết quả hoàn thành
Sở Khoa học
Các sở, ngành, Quyết định của chủ
60 | Xây dựng Kế hoạch chuyển đổi số tỉnh địa phương tịch UBND tỉnh Hằng năm"""


def group_spans(text: str) -> tuple[list[tuple[int, int]], set[int]]:
    """Spans as the table region hands the lines over: the heading's lines left out."""
    lines = [line for line in lines_from_text(text) if not is_header_repeat(line.key)]
    starts = [
        RowStart(1, "section", "V", "trong hệ thống chính trị"),
        RowStart(len(lines) - 1, "row", "60", "Xây dựng Kế hoạch"),
    ]
    spilled: set[int] = set()
    return _row_spans(lines, starts, spilled), spilled


def test_a_groups_title_ends_at_a_page_break_and_the_row_below_takes_the_next_pages_lines() -> None:
    spans, spilled = group_spans(GROUP_THEN_PAGE)
    assert spans[0] == (0, 3)  # the title: its three lines before the page break
    assert spans[1] == (3, 6)  # row 60 from the next page's first line
    assert spilled == {3, 4}  # its cells above the name


# The same rows on one page: a line of partners' and output words below the title.
ONE_PAGE = GROUP_THEN_PAGE.replace(
    "Cơ quan Cơ quan Thời gian\nTT Tên nhiệm vụ chủ trì phối hợp Kết quả hoàn thành\nSở Khoa học\n", ""
).replace("Các sở, ngành, Quyết định của chủ", "L aAe A Các sở, ban, ngành; | Kế hoạch")


def test_a_groups_title_ends_before_a_line_of_the_rows_cells() -> None:
    spans, spilled = group_spans(ONE_PAGE)
    assert spans[1][0] == 3
    assert spilled == {3}


def test_a_groups_title_line_after_an_open_end_stays_the_titles() -> None:
    spans, _ = group_spans(ONE_PAGE.replace("phòng và an ninh", "phòng và an ninh của"))
    assert spans[1][0] == 4  # the line after 'của' carries the title on: the cut is left to the split
