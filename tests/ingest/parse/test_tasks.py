"""The task table: sections and tasks with single agencies and parsed deadlines."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout import lines_from_text
from theodoi.ingest.layout.table import Cell, Row
from theodoi.ingest.parse.tasks import (
    GUESSED_CONFIDENCE,
    _from_output_word,
    _sequence_warnings,
    _with_row_agencies,
    accent_output_phrases,
    agencies,
    agencies_in_fragments,
    clean_text,
    directory_name_in,
    drop_collective_bleed,
    drop_date_debris,
    drop_garbled_words,
    drop_open_end,
    drop_tail_after_sentence,
    end_at_issuer,
    faint_directory_name,
    finish_inner_issuer,
    finish_output_issuer,
    lead_of_partners_only,
    lengthen_first_agency,
    narrow_ocr_lead,
    order_lead_and_partner,
    parse_tasks,
    repair_ocr_agencies,
    restore_output_head,
    support_after_issuer,
    task_from_row,
    wrapped_collective,
)
from theodoi.ingest.plan import Task
from theodoi.ingest.text import fold

TABLE = """\
KẾ HOẠCH
Thực hiện Nghị quyết số 57-NQ/TW
PHỤ LỤC
DANH MỤC NHIỆM VỤ
TT
Tên nhiệm vụ
Cơ quan chủ trì
Cơ quan phối hợp
Kết quả
Thời gian hoàn thành
I.
Nâng cao nhận thức
1.
Triển khai tuyên truyền về Nghị quyết.
Sở Nội vụ, Sở Khoa học và Công nghệ
Ban Tuyên giáo - Dân vận Tỉnh ủy; các Sở, ngành, địa phương
Văn bản hướng dẫn
Quý I/2026
2.
Cụ thể hóa nhiệm vụ trong kế hoạch công tác.
Các Sở, ngành, địa phương
Kế hoạch công tác
Thường xuyên"""


def test_tasks_carry_section_code_and_name():
    result = parse_tasks(lines_from_text(TABLE))
    assert [(t.section, t.code) for t in result.tasks] == [("I", "1"), ("I", "2")]
    assert result.tasks[0].name == "Triển khai tuyên truyền về Nghị quyết."


def test_sections_are_listed_with_titles():
    result = parse_tasks(lines_from_text(TABLE))
    assert [(s.code, s.title) for s in result.sections] == [("I", "Nâng cao nhận thức")]


def test_lead_and_partners_are_split_into_single_agencies():
    task = parse_tasks(lines_from_text(TABLE)).tasks[0]
    assert task.lead == ["Sở Nội vụ", "Sở Khoa học và Công nghệ"]
    assert task.support == ["Ban Tuyên giáo - Dân vận Tỉnh ủy", "các Sở, ngành, địa phương"]


def test_deadline_is_kept_as_printed_and_parsed():
    task = parse_tasks(lines_from_text(TABLE)).tasks[0]
    assert task.deadline == "Quý I/2026"
    assert task.deadline_parsed["kind"] == "quarter"
    assert task.deadline_parsed["due"] == "2026-03-31"


def test_task_without_partners_has_an_empty_partner_list():
    task = parse_tasks(lines_from_text(TABLE)).tasks[1]
    assert task.support == []
    assert task.output == "Kế hoạch công tác"


def test_every_field_has_a_confidence_and_source_lines():
    task = parse_tasks(lines_from_text(TABLE)).tasks[0]
    assert set(task.provenance.confidence) >= {"name", "lead", "support", "output", "deadline"}
    assert all(0 <= v <= 1 for v in task.provenance.confidence.values())
    assert task.provenance.source_lines == list(range(13, 19))


def test_document_without_task_table_gives_a_warning_and_no_tasks():
    result = parse_tasks(lines_from_text("KẾ HOẠCH\nMục tiêu\n- Có 15 doanh nghiệp"))
    assert result.tasks == []
    assert result.warnings


def test_table_cut_after_header_gives_a_warning():
    result = parse_tasks(lines_from_text("\n".join(TABLE.splitlines()[:11])))
    assert result.tasks == []
    assert result.warnings


def test_clean_text_drops_bars_and_edge_punctuation():
    assert clean_text(" | Kế hoạch ,") == "Kế hoạch"


PROSE = """\
KẾ HOẠCH
IV- NHIỆM VỤ VÀ GIẢI PHÁP
1. Công tác lãnh đạo, chỉ đạo
1.1. Kiện toàn Ban Chỉ đạo cấp tỉnh về phát triển khoa học, công
nghệ, đổi mới sáng tạo và chuyển đổi số.
1.2. Ban hành kế hoạch, các văn bản chỉ đạo.
- Nội dung chi tiết của nhiệm vụ.
2. Nâng cao nhận thức
2.1. Tổ chức học tập, quán triệt Nghị quyết số 57-NQ/TW.
V- TỔ CHỨC THỰC HIỆN
1. Các sở, ngành xây dựng kế hoạch."""


def test_prose_plan_gives_numbered_tasks_in_groups():
    result = parse_tasks(lines_from_text(PROSE))
    assert [(t.section, t.code) for t in result.tasks] == [("1", "1.1"), ("1", "1.2"), ("2", "2.1")]
    assert [(s.code, s.title) for s in result.sections] == [
        ("1", "Công tác lãnh đạo, chỉ đạo"),
        ("2", "Nâng cao nhận thức"),
    ]


def test_prose_task_name_joins_its_lines_and_stops_at_bullets():
    tasks = parse_tasks(lines_from_text(PROSE)).tasks
    assert tasks[0].name == (
        "Kiện toàn Ban Chỉ đạo cấp tỉnh về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số."
    )
    assert tasks[1].name == "Ban hành kế hoạch, các văn bản chỉ đạo."


def test_prose_tasks_come_with_a_warning_to_fill_agencies():
    result = parse_tasks(lines_from_text(PROSE))
    assert result.warnings
    assert result.tasks[0].lead == []


def test_prose_items_misread_by_ocr_keep_their_place():
    # "2.1," (dot read as a comma) is an item; "2.7" between the group's opening and 2.2 is 2.1
    text = PROSE.replace(
        "2.1. Tổ chức học tập, quán triệt Nghị quyết số 57-NQ/TW.",
        "2.7. Tổ chức học tập, quán triệt Nghị quyết.\n2.2, Đẩy mạnh truyền thông về chuyển đổi số.\n"
        "2.3. Xây dựng văn hóa số.",
    )
    tasks = parse_tasks(lines_from_text(text)).tasks
    assert [t.code for t in tasks] == ["1.1", "1.2", "2.1", "2.2", "2.3"]
    assert tasks[3].name == "Đẩy mạnh truyền thông về chuyển đổi số."
    assert tasks[2].provenance.confidence["code"] < tasks[3].provenance.confidence["code"]


def test_a_prose_item_out_of_turn_without_room_for_it_keeps_its_number():
    # negative: 2.1, 2.5, 2.6 -- the gap is not one item wide, the print stays as it is
    text = PROSE.replace(
        "2.1. Tổ chức học tập, quán triệt Nghị quyết số 57-NQ/TW.",
        "2.1. Tổ chức học tập.\n2.5. Đẩy mạnh truyền thông.\n2.6. Xây dựng văn hóa số.",
    )
    assert [t.code for t in parse_tasks(lines_from_text(text)).tasks][2:] == ["2.1", "2.5", "2.6"]


# agencies(trim=True) on OCR'd cells: (cell text, expected names, comment)
TRIM_CASES = [
    ("Các Sở, ngành, địa phương", ["Các sở, ngành, địa phương"], "a whole collective name is kept whole"),
    ("Các sở, ban, ngành, địa phương", ["Các sở, ban, ngành, địa phương"], "the longer collective too"),
    ("Sở Khoa học và Công nghệ phuong tỉnh", ["Sở Khoa học và Công nghệ"], "debris after a name is cut"),
]


@pytest.mark.parametrize(("text", "names", "comment"), TRIM_CASES, ids=lambda v: str(v)[:30])
def test_ocr_agency_cell_is_trimmed_only_after_a_whole_name(text, names, comment):
    got, _conf = agencies(text, trim=True)
    assert [fold(n) for n in got] == [fold(n) for n in names], comment


# directory_name_in: (OCR'd agency cell, expected directory name or None, comment)
DIRECTORY_CASES = [
    (
        "Sở Khoa học Nữ và Xồ 1A trở",
        "Sở Khoa học và Công nghệ",
        "other columns' words between the name's words",
    ),
    ("Sở Khoa học Lỗ, Công nghề", "Sở Khoa học và Công nghệ", "a word lost, another misread"),
    ("Sở Khoa học pháp được đánh giá", "Sở Khoa học và Công nghệ", "three words open one name only"),
    ("Số tế", "Sở Y tế", "a one-letter word lost"),
    ("Các 50, ngành", "Các sở, ngành", "digits OCR reads for letters"),
    ("Sở Nông nghiệp", "Sở Nông nghiệp và Môi trường", "several names open alike: the shortest"),
    ("Sở Tài chính", "Sở Tài chính", "negative: a clean name stays itself"),
    ("Các sở, ban, ngành", "Các sở, ban, ngành", "negative: a shorter collective is not lengthened"),
    ("Sở Tuyên truyền", None, "negative: no directory name opens like this"),
    ("Kế hoạch của UBND tỉnh", None, "negative: an output, not an agency"),
    ("Số) Môi trường khai", None, "negative: 'trường' spelt in full is no misread 'Thương'"),
    ("Sở Công Thuong", "Sở Công Thương", "a misread that spells no directory word still reads"),
]


@pytest.mark.parametrize(("text", "name", "comment"), DIRECTORY_CASES, ids=lambda v: str(v)[:30])
def test_ocr_agency_cell_is_read_as_the_directory_name_it_opens_with(text, name, comment):
    assert directory_name_in(text) == name, comment


def test_ocr_agency_debris_is_dropped_and_names_repaired():
    names, confidence = repair_ocr_agencies(["Sở Khoa học Công", "nô địa ohuon hướng dẫn", "Sở Nội vụ"], 0.9)
    assert names == ["Sở Khoa học và Công nghệ", "Sở Nội vụ"]
    assert confidence <= 0.5


def test_directory_names_are_found_across_interleaved_fragments():
    fragments = [(1, ["Các Sở,", "Kế hoạch của các"]), (2, ["ngành, địa", "UBND tỉnh"]), (3, ["phương"])]
    assert agencies_in_fragments(fragments) == ["Các sở, ngành, địa phương"]


def test_a_collective_name_is_lengthened_when_its_further_words_follow_in_the_fragments():
    # "Các sở, ban, ngành" opens two directory names; the row's later fragments hold the
    # longer one's last words, with another column's words between them
    fragments = [(1, ["Các sở, ban,", "Kế hoạch"]), (2, ["ngành, địa", "của UBND"]), (3, ["phương", "tỉnh"])]
    assert agencies_in_fragments(fragments) == ["Các sở, ban, ngành, địa phương"]


def test_a_name_whose_words_stand_apart_leaves_the_next_name_to_be_found():
    # "Sở Khoa học" is carried on below ("và Công" / "nghệ"); "Các sở, ngành," right after
    # its first words is another name, not words skipped over
    fragments = [(1, ["Sở Khoa học"]), (2, ["Các số, ngành,", "Kế hoạch"]), (3, ["và Công"]), (4, ["nghệ"])]
    assert agencies_in_fragments(fragments) == ["Sở Khoa học và Công nghệ", "Các sở, ngành"]


def test_a_collective_name_is_not_lengthened_without_its_further_words():
    fragments = [(1, ["Các sở, ban,", "Kế hoạch"]), (2, ["ngành", "của UBND tỉnh"])]
    assert agencies_in_fragments(fragments) == ["Các sở, ban, ngành"]


def test_a_lengthened_name_must_extend_the_name_read_so_far():
    # "Sở Nội vụ" is not swapped for a longer name its words also spell with slips ("Ngoại vụ")
    fragments = [(1, ["Sở Nội vụ", "Văn bản"]), (2, ["hướng dẫn"])]
    assert agencies_in_fragments(fragments) == ["Sở Nội vụ"]


@pytest.mark.parametrize(
    ("fragments", "support", "expected"),
    [
        pytest.param(
            [(1, ["Các sở, ngành,", "Kế hoạch"]), (2, ["địa phương", "Sở Tài chính"])],
            ["Các sở, ngành, địa phương"],
            ["Sở Tài chính"],
            id="the-name-the-partners-cell-does-not-hold",
        ),
        pytest.param(
            [(1, ["Các sở, ngành,", "Kế hoạch"]), (2, ["địa phương"])],
            ["Các sở, ngành, địa phương"],
            [],
            id="not-the-partners-own-name",
        ),
        pytest.param(
            [(1, ["Các số, ngành", "Quyết định của chủ"]), (2, ["UBND tỉnh địa phương tịch", "UBND tỉnh"])],
            ["Các sở, ngành, địa phương"],
            [],
            id="not-the-start-of-the-partners-longer-name",
        ),
    ],
)
def test_an_empty_ocr_lead_takes_a_row_agency_that_is_no_partner(fragments, support, expected) -> None:
    row = Row("row", "1", {}, [], fragments=fragments)
    lead, _support, _lc, _sc = _with_row_agencies(row, [], support, 1.0, 1.0)
    assert lead == expected


def test_fragments_without_a_whole_name_opening_give_no_agency():
    fragments = [(1, ["Công nghệ, các", "HDND tỉnh,"]), (2, ["Quyết định của"])]
    assert agencies_in_fragments(fragments) == []


# drop_tail_after_sentence: (OCR'd name, expected name, comment)
SENTENCE_TAIL_CASES = [
    (
        "Triển khai chính sách tín dụng đối với học sinh, sinh viên các ngành STEM. xã hội nghệ, Sở Tài",
        "Triển khai chính sách tín dụng đối với học sinh, sinh viên các ngành STEM.",
        "other columns' words after the closing full stop",
    ),
    (
        "Rà soát dự toán ngân sách năm 2025 của tỉnh. Trong đó bố trí ít nhất 3% ngân sách cho khoa học",
        "Rà soát dự toán ngân sách năm 2025 của tỉnh. Trong đó bố trí ít nhất 3% ngân sách cho khoa học",
        "negative: a second sentence of the name",
    ),
    (
        "Ứng dụng IoT trong các lĩnh vực như sản xuất, giao thông, y tế,... phương nghệ thông tin",
        "Ứng dụng IoT trong các lĩnh vực như sản xuất, giao thông, y tế,...",
        "other columns' words after an ellipsis closing the name's list",
    ),
    (
        "Ứng dụng IoT trong các lĩnh vực như sản xuất, giao thông,... trên địa bàn tỉnh, nhằm nâng cao năng lực quản lý",
        "Ứng dụng IoT trong các lĩnh vực như sản xuất, giao thông,... trên địa bàn tỉnh, nhằm nâng cao năng lực quản lý",
        "negative: the name goes on after its list's ellipsis",
    ),
    (
        "Nâng cấp hệ thống đạt 99.5 phần trăm",
        "Nâng cấp hệ thống đạt 99.5 phần trăm",
        "negative: a decimal point",
    ),
]


@pytest.mark.parametrize(("name", "expected", "comment"), SENTENCE_TAIL_CASES, ids=lambda v: str(v)[:30])
def test_short_tail_after_an_ocr_name_sentence_is_dropped(name, expected, comment):
    assert drop_tail_after_sentence(name) == expected, comment


# _from_output_word: (OCR'd output cell, expected output, comment)
OUTPUT_START_CASES = [
    ("nghệ Văn bản hướng dẫn", "Văn bản hướng dẫn", "a neighbour's last word before the output"),
    (
        "Khu Kinh tế; 36 Khoa học và Kế hoạch được ban hành",
        "Kế hoạch được ban hành",
        "an agency cell's lines",
    ),
    ("Kế hoạch của UBND tỉnh", "Kế hoạch của UBND tỉnh", "negative: an output that opens with its kind"),
    (
        "Tỷ lệ cán bộ có chuyên môn đạt 25%",
        "Tỷ lệ cán bộ có chuyên môn đạt 25%",
        "negative: no kind word after",
    ),
]


@pytest.mark.parametrize(("cell", "output", "comment"), OUTPUT_START_CASES, ids=lambda v: str(v)[:30])
def test_ocr_output_cell_starts_at_its_output_kind(cell, output, comment):
    assert _from_output_word(cell) == output, comment


@pytest.mark.parametrize(
    ("names", "cell", "expected"),
    [
        pytest.param(
            ["Các sở, ban, ngành"],
            "Các sở, ban, Kế hoạch triển ngành, địa khai năm phương",
            ["Các sở, ban, ngành, địa phương"],
            id="wrapped-collective-with-other-columns-between",
        ),
        pytest.param(
            ["Các sở, ngành", "Sở Tài chính"],
            "Các sở, Sở Tài chính ngành, địa Báo cáo phương",
            ["Các sở, ngành, địa phương", "Sở Tài chính"],
            id="a-second-agency-kept",
        ),
        pytest.param(
            ["Các sở, ban, ngành"],
            "Các sở, ban, ngành, địa Quyết định",
            ["Các sở, ban, ngành, địa phương"],
            id="the-last-word-lost-to-a-neighbour",
        ),
    ],
)
def test_an_ocr_cells_first_agency_takes_the_longer_name_the_cell_spells(names, cell, expected) -> None:
    assert lengthen_first_agency(names, cell) == expected


@pytest.mark.parametrize(
    ("names", "cell", "comment"),
    [
        (["Các sở, ban, ngành"], "Các sở, ban, ngành Kế hoạch năm 2025", "no further word of a longer name"),
        (["Các sở, ban, ngành"], "Các sở, ban, ngành Kế hoạch năm phương", "'địa' never follows"),
        (
            ["Sở Tài chính"],
            "Sở Tài chính các sở, ban, ngành, địa phương",
            "the longer name opens another way",
        ),
        ([], "Các sở, ban, ngành, địa phương", "no name found to lengthen"),
    ],
)
def test_an_ocr_cells_first_agency_stays_without_the_longer_names_words(names, cell, comment) -> None:
    assert lengthen_first_agency(names, cell) == names, comment


@pytest.mark.parametrize(
    ("name", "fragments", "expected"),
    [
        (
            "Các sở, ngành",
            [
                (10, ["Sở Khoa học", "Các sở. ngành", "Kế hoạch thực hiện"]),
                (11, ["và Công địa I,luận Chiến lược"]),
            ],
            "Các sở, ngành, địa phương",
        ),
        (
            "Các sở, ban, ngành",
            [(20, ["Các sở, ban, ngành,"]), (21, ["Sở Nội vụ", "ohuon"]), (22, ["phương", "12/2025"])],
            "Các sở, ban, ngành, địa phương",
        ),
        (  # the output's "ngành" later on the line is not where the lead's words go on
            "Các sở, ban, ngành",
            [
                (20, ["Các sở, ban, doanh"]),
                (21, ["nghiệp ương"]),
                (22, ["Ban ngành, địa Xồ thọ ngành, lĩnh"]),
            ],
            "Các sở, ban, ngành, địa phương",
        ),
        (
            "Các cơ quan, đơn vị",
            [(30, ["Các cơ quan, đơn vị,", "Kế hoạch"]), (31, ["địa phương liên quan"])],
            "Các cơ quan, đơn vị, địa phương liên quan",
        ),
        (
            "Các cơ quan, đơn vị",
            [(30, ["Các cơ quan, đơn vị,", "Kế hoạch"]), (31, ["liên quan"])],
            "Các cơ quan, đơn vị liên quan",
        ),
    ],
)
def test_a_collective_cut_at_its_wrap_takes_the_longer_name_its_next_words_spell(
    name, fragments, expected
) -> None:
    assert wrapped_collective(name, fragments) == expected


@pytest.mark.parametrize(
    ("name", "fragments", "comment"),
    [
        (
            "Các sở, ngành",
            [(10, ["Các sở, ngành", "Kế hoạch"]), (11, ["năm 2025"])],
            "no further word follows",
        ),
        (
            "Các sở, ngành",
            [
                (10, ["Các sở, ngành", "Kế hoạch"]),
                (11, ["Quyết định"]),
                (12, ["Báo cáo"]),
                (13, ["địa phương"]),
            ],
            "the word comes too many lines below",
        ),
        ("Các sở, ngành", [(10, ["địa phương", "Các sở, ngành"])], "the word comes before the name"),
        ("Sở Khoa học và Công nghệ", [(10, ["Sở Khoa học và Công nghệ địa phương"])], "not a collective"),
        ("Các sở, ban, ngành, địa phương", [(10, ["Các sở, ban, ngành, địa phương"])], "already whole"),
    ],
)
def test_a_collective_stays_without_the_longer_names_words_below_it(name, fragments, comment) -> None:
    assert wrapped_collective(name, fragments) == name, comment


@pytest.mark.parametrize(
    ("lead", "support", "fragments", "expected"),
    [
        (
            ["Các sở, ngành, địa phương"],
            ["Công an tỉnh"],
            [(10, ["Các sở, ngành,", "Kế hoạch"]), (11, ["Công an tỉnh địa phương cơ chế"])],
            (["Công an tỉnh"], ["Các sở, ngành, địa phương"]),
        ),
        (
            ["Các sở, ban, ngành, địa phương"],
            ["Sở Nội vụ", "Sở Tài chính"],
            [(20, ["Các sở. ban"]), (21, ["Sở Nội vụ ngành, địa’ đề án"]), (22, ["Sở Tài chính"])],
            (["Sở Nội vụ"], ["Các sở, ban, ngành, địa phương", "Sở Tài chính"]),
        ),
    ],
)
def test_a_partner_printed_left_of_the_lead_on_a_line_becomes_the_lead(
    lead, support, fragments, expected
) -> None:
    assert order_lead_and_partner(lead, support, fragments) == expected


@pytest.mark.parametrize(
    ("lead", "support", "fragments", "comment"),
    [
        (
            ["Sở Nội vụ"],
            ["Các sở, ngành, địa phương"],
            [(10, ["Sở Nội vụ", "Các sở, ngành,"]), (11, ["địa phương"])],
            "the lead's words come first",
        ),
        (
            ["Công an tỉnh"],
            ["Các sở, ngành, địa phương"],
            [(10, ["Các sở, ngành,"]), (11, ["Công an tỉnh"]), (12, ["địa phương"])],
            "no line holds words of both",
        ),
        (
            ["Sở Khoa học và Công nghệ"],
            ["Sở Tài chính"],
            [(10, ["Sở Khoa học", "Sở Tài chính"]), (11, ["Tài chính và Công nghệ"])],
            "each comes first on some line: no evidence",
        ),
        (
            ["Sở Y tế", "Công an tỉnh"],
            ["Sở Nội vụ"],
            [(10, ["Sở Nội vụ Sở Y tế"])],
            "a lead of two names is left alone",
        ),
    ],
)
def test_lead_and_partner_stay_without_a_line_printing_the_partner_first(
    lead, support, fragments, comment
) -> None:
    assert order_lead_and_partner(lead, support, fragments) == (lead, support), comment


@pytest.mark.parametrize(
    ("lead", "support", "fragments", "expected"),
    [
        (
            ["Các sở, ban, ngành, địa phương", "Sở Nội vụ"],
            ["Sở Nội vụ", "Sở Xây dựng"],
            [],
            (["Các sở, ban, ngành, địa phương"], ["Sở Nội vụ", "Sở Xây dựng"]),
        ),
        (
            ["Các sở, ban, ngành, địa phương", "UBND hoạch, hoạt tỉnh đồng Các sở, ngành Chương"],
            ["Sở Khoa học và Công nghệ"],
            [],
            (["Các sở, ban, ngành, địa phương"], ["Sở Khoa học và Công nghệ"]),
        ),
        (
            ["Các sở, ban, ngành, địa phương", "Các sở, ngành, địa phương"],
            [],
            [],
            (["Các sở, ban, ngành, địa phương"], []),
        ),
        (
            ["Các sở, ban, ngành, địa phương", "Sở Khoa học và Công nghệ"],
            ["Văn phòng Tỉnh ủy"],
            [(10, ["Các sở, ban, ngành, Sở Khoa học"]), (11, ["địa phương và Công nghệ"])],
            (["Các sở, ban, ngành, địa phương"], ["Sở Khoa học và Công nghệ", "Văn phòng Tỉnh ủy"]),
        ),
        (
            ["Sở Tài chính", "Các địa phương"],
            ["Các doanh nghiệp viễn thông"],
            [(10, ["Sở Tài doanh nghiệp"]), (11, ["chính, các địa viễn thông,"]), (12, ["phương"])],
            (["Sở Tài chính", "Các địa phương"], ["Các doanh nghiệp viễn thông"]),
        ),
        (
            ["Sở Tài chính", "Các địa phương"],
            ["Các doanh nghiệp viễn thông"],
            [(10, ["Sở Tài doanh nghiệp"]), (11, ["chính các địa viễn thông,"]), (12, ["phương"])],
            (["Sở Tài chính"], ["Các địa phương", "Các doanh nghiệp viễn thông"]),
        ),
    ],
)
def test_an_ocr_lead_of_several_names_keeps_the_lead_cells_own(lead, support, fragments, expected) -> None:
    assert narrow_ocr_lead(lead, support, fragments) == expected


@pytest.mark.parametrize(
    ("lead", "support", "fragments", "comment"),
    [
        (["Sở Nội vụ"], ["Sở Nội vụ"], [], "one name is left alone"),
        (
            ["Sở Tài chính", "Sở Khoa học và Công nghệ"],
            ["Các sở, ngành, địa phương"],
            [(10, ["Sở Tài chính", "Các sở, ngành,"]), (11, ["Sở Khoa học và Công nghệ", "địa phương"])],
            "two directory names, neither a partner, never side by side",
        ),
        (
            ["Sở Tài chính", "Sở Khoa học và Công nghệ"],
            [],
            [(10, ["Sở Khoa Tài"]), (11, ["chính học và Công nghệ"])],
            "each stands left of the other on some line",
        ),
    ],
)
def test_an_ocr_lead_of_several_agencies_stays_without_evidence_against_one(
    lead, support, fragments, comment
) -> None:
    assert narrow_ocr_lead(lead, support, fragments) == (lead, support), comment


@pytest.mark.parametrize(
    ("fragments", "exclude", "expected"),
    [
        ([(10, [">0 noã học"]), (12, ["nghệ"]), (14, ["29"])], [], "Sở Khoa học và Công nghệ"),
        ([(10, ["50 Nông nghiệp", "Kế hoạch"]), (11, ["Môi trường"])], [], "Sở Nông nghiệp và Môi trường"),
        (
            [(10, ["Các sở, ngành, địa", "Văn bản"]), (11, ["phương", "50 Giáo dục", "và Đào"])],
            [],
            "Sở Giáo dục và Đào tạo",
        ),
    ],
)
def test_an_empty_ocr_lead_takes_the_one_directory_name_whose_words_the_row_holds(
    fragments, exclude, expected
) -> None:
    assert faint_directory_name(fragments, exclude=exclude) == expected


@pytest.mark.parametrize(
    ("fragments", "exclude", "comment"),
    [
        (
            [(10, ["Các sở, ngành, địa"]), (11, ["phương"])],
            [],
            "a collective is a partner more often than not",
        ),
        (
            [(10, [">0 noã học"]), (12, ["nghệ"])],
            ["Sở Khoa học và Công nghệ"],
            "the name is a partner already",
        ),
        ([(10, ["Văn bản hướng dẫn"]), (11, ["Năm 2025"])], [], "no name's words"),
        ([(10, ["50 Khoa"])], [], "one word is not enough"),
        (
            [(10, ["học Kế hoạch triển khai các nhiệm vụ của Đề án trong năm"]), (11, ["tới nghệ"])],
            [],
            "the words stand too far apart",
        ),
    ],
)
def test_an_empty_ocr_lead_stays_empty_without_a_names_words(fragments, exclude, comment) -> None:
    assert faint_directory_name(fragments, exclude=exclude) is None, comment


@pytest.mark.parametrize(
    ("fragments", "lead", "expected"),
    [
        (
            [
                (10, ["Sở Khoa học", "Các‘ 59,", "Kế hoạch"]),
                (11, ["và Công nghệ ngành, địa"]),
                (12, ["phương"]),
            ],
            ["Sở Khoa học và Công nghệ"],
            "Các sở, ngành, địa phương",
        ),
        (
            [
                (10, ["Sở Nội vụ", "Các doanh nghiệp"]),
                (11, ["viễn thông, internet, công"]),
                (12, ["nghệ thông tin"]),
            ],
            ["Sở Nội vụ"],
            "Các doanh nghiệp viễn thông, internet, công nghệ thông tin",
        ),
    ],
)
def test_an_empty_ocr_partners_cell_takes_the_collective_whose_words_the_row_holds(
    fragments, lead, expected
) -> None:
    assert faint_directory_name(fragments, exclude=lead, collectives=True) == expected


@pytest.mark.parametrize(
    ("fragments", "lead", "comment"),
    [
        ([(10, ["Sở Nội vụ", "trên địa bàn"]), (11, ["phương án"])], ["Sở Nội vụ"], "'địa', 'phương' only"),
        (
            [(10, ["Các sở, ban, ngành,"]), (11, ["địa phương"])],
            ["Các sở, ban, ngành, địa phương"],
            "the lead's collective read again",
        ),
        ([(10, [">0 noã học"]), (12, ["nghệ"])], [], "no collective's words"),
    ],
)
def test_an_empty_ocr_partners_cell_stays_empty_without_a_collectives_words(fragments, lead, comment) -> None:
    assert faint_directory_name(fragments, exclude=lead, collectives=True) is None, comment


def _ocr_row(name: str, output: str, output_line: int, fragments: list[tuple[int, list[str]]]) -> Row:
    cells = {"name": Cell(name, [10]), "output": Cell(output, [output_line])}
    return Row("row", "1", cells, [n for n, _p in fragments], layout="interleaved", fragments=fragments)


@pytest.mark.parametrize(
    ("output", "name", "fragments", "expected"),
    [
        (
            "Quyết định của chủ",
            "Đẩy mạnh hợp tác công tư",
            [(10, ["Sở Tài", "Quyết định của chủ"]), (11, ["Chính Công nghệ tịch", "UBND tỉnh"])],
            ("Quyết định của chủ tịch UBND tỉnh", {"tich ubnd tinh", "ubnd tinh"}),
        ),
        (
            "Quyết định của chủ",
            "Triển khai Đề án chuyển đổi số trong lĩnh vực Văn hóa : tịch",
            [(10, ["Quyết định của chủ <"]), (12, ["UBND tỉnh"])],
            ("Quyết định của chủ tịch UBND tỉnh", {"ubnd tinh"}),
        ),
        (
            "Kế hoạch của các",
            "Hoàn thành xây dựng kế hoạch",
            [
                (10, ["Các Sở,", "Kế hoạch của các"]),
                (11, ["ngành, địa", "Sở, ngành, địa"]),
                (12, ["phương phương"]),
            ],
            (
                "Kế hoạch của các Sở, ngành, địa phương",
                {"nganh, dia phuong", "dia phuong", "so, nganh, dia phuong"},
            ),
        ),
    ],
)
def test_an_output_cut_inside_its_issuer_takes_the_issuers_rest_from_the_lines_below(
    output, name, fragments, expected
) -> None:
    assert finish_output_issuer(output, _ocr_row(name, output, 10, fragments)) == expected


@pytest.mark.parametrize(
    ("output", "name", "fragments", "comment"),
    [
        (
            "Quyết định của chủ",
            "Xây dựng đề án",
            [(10, ["Quyết định của chủ"]), (11, ["UBND tỉnh"])],
            "'tịch' nowhere",
        ),
        (
            "Quyết định của chủ",
            "Xây dựng đề án",
            [(10, ["Quyết định của chủ"]), (11, ["Sở Nội vụ"]), (12, ["Báo cáo"]), (13, ["tịch UBND tỉnh"])],
            "too far below",
        ),
        (
            "Văn bản hướng dẫn",
            "Xây dựng đề án",
            [(10, ["Văn bản hướng dẫn"]), (11, ["UBND tỉnh"])],
            "no 'của'",
        ),
        (
            "Quyết định của chủ",
            "Xây dựng đề án",
            [(9, ["tịch UBND tỉnh"]), (10, ["Quyết định của chủ"])],
            "the words stand above the output's end",
        ),
    ],
)
def test_an_output_stays_without_its_issuers_rest_below(output, name, fragments, comment) -> None:
    assert finish_output_issuer(output, _ocr_row(name, output, 10, fragments)) == (output, set()), comment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kế hoạch được ban ohuon hành ở", "Kế hoạch được ban ohuon hành"),
        ("Văn bản hướng dẫn hoạch của", "Văn bản hướng dẫn hoạch"),
        ("Quyết định của chủ ở", "Quyết định của chủ"),
        ("Báo cáo qua, ở", "Báo cáo qua"),
    ],
)
def test_an_ocr_cells_end_loses_the_words_a_phrase_never_ends_with(text, expected) -> None:
    assert drop_open_end(text) == expected


@pytest.mark.parametrize(
    ("text", "comment"),
    [
        ("Kế hoạch được ban hành", "a content word ends it"),
        ("Báo và", "the cell's first two words stay"),
        ("Văn bản hướng dẫn của Bộ Y tế", "'Y' inside a name"),
    ],
)
def test_an_ocr_cell_ending_with_a_content_word_stays(text, comment) -> None:
    assert drop_open_end(text) == text, comment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quyết định của chủ tịch UBND tỉnh bảo thân thiện, dễ hiểu", "Quyết định của chủ tịch UBND tỉnh"),
        ("Văn bản triển khai của cấp có thẩm quyền số", "Văn bản triển khai của cấp có thẩm quyền"),
    ],
)
def test_an_ocr_output_ends_at_the_issuer_it_names(text, expected) -> None:
    assert end_at_issuer(text) == expected


@pytest.mark.parametrize(
    ("text", "comment"),
    [
        ("Kế hoạch của UBND tỉnh được ban hành, triển khai", "'được' carries the phrase on"),
        ("Quyết định của chủ tịch UBND tỉnh, Các Báo cáo thực hiện", "a second output after a comma"),
        ("Nghị quyết của HĐND tỉnh Quyết định", "a capitalised word opens a second output"),
        ("Hoạt động theo hướng dẫn của Bộ Giáo dục và Đào tạo; yêu cầu", "the issuer ends with a mark"),
        ("Kế hoạch của chủ tịch", "no whole issuer"),
    ],
)
def test_an_ocr_output_going_on_after_its_issuer_stays(text, comment) -> None:
    assert end_at_issuer(text) == text, comment


@pytest.mark.parametrize(
    ("task_name", "expected"),
    [
        (
            "Xây dựng Đề án phát triển công nghệ an ninh nổ địa phương tịch UBND tỉnh",
            "Các sở, ngành, địa phương",
        ),
        ("Triển khai hệ thống thông tin của các địa phương", "Các sở, ngành"),
        ("Hỗ trợ doanh nghiệp tại địa phương", "Các sở, ngành"),
        ("Triển khai hệ thống thông tin", "Các sở, ngành"),
    ],
)
def test_a_collectives_wrapped_words_run_into_the_task_name_lengthen_it(task_name, expected) -> None:
    fragments = [(10, ["Các sở, ngành,", "Kế hoạch"]), (11, ["ohuon"])]
    assert wrapped_collective("Các sở, ngành", fragments, task_name) == expected


@pytest.mark.parametrize(
    ("ocr_output", "kept"),
    [
        ("Kế hoạch của UBND 212025", "Kế hoạch của UBND"),
        ("đề án 2 /202g5", "đề án"),
        # a whole date or period, a code, a short number or a cell of digits only stay
        ("Chương trình giai đoạn 2025-2030", "Chương trình giai đoạn 2025-2030"),
        ("Báo cáo 6/2025", "Báo cáo 6/2025"),
        ("Văn bản số 1552", "Văn bản số 1552"),
        ("Nghị quyết 57-NQ/TW", "Nghị quyết 57-NQ/TW"),
        ("Tổ chức 02 hội thảo", "Tổ chức 02 hội thảo"),
        ("212025", "212025"),
    ],
)
def test_a_garbled_date_ending_an_ocr_output_is_dropped(ocr_output, kept):
    assert drop_date_debris(ocr_output) == kept


@pytest.mark.parametrize(
    ("text", "expected", "comment"),
    [
        (
            "Chương trình, kế hoạch, hoạt đồng",
            "Chương trình, kế hoạch, hoạt động",
            "'dong' read alone on its line",
        ),
        ("Văn ban, hướng dân", "Văn bản, hướng dẫn", "edge marks and case kept"),
        ("Kế hoạch được bản hành", "Kế hoạch được ban hành", "the verb after the output kind"),
    ],
)
def test_an_ocr_output_cells_known_phrases_take_their_accents(text, expected, comment) -> None:
    assert accent_output_phrases(text) == expected, comment


@pytest.mark.parametrize(
    ("text", "comment"),
    [
        ("Hội đồng nhân dân", "'đồng' outside the phrase stays"),
        ("Bản đồ số", "a word of a phrase alone stays"),
        ("Văn bản hướng dẫn", "already accented"),
    ],
)
def test_an_ocr_output_cell_without_a_known_phrase_stays(text, comment) -> None:
    assert accent_output_phrases(text) == text, comment


@pytest.mark.parametrize(
    ("text", "expected", "comment"),
    [
        ("Văn bản, số, ban, hoạt động triển khai", "Văn bản, hoạt động triển khai", "'Sở,' read 'số,'"),
        ("Triển khai, để ngành, địa thực hiện", "Triển khai, để thực hiện", "a run cut mid-name"),
        ("sở, ban, ngành, trình", "trình", "at the cell's start"),
        ("Dữ liệu. địa phương bản đồ", "Dữ liệu. bản đồ", "'địa phương' carries the list on"),
    ],
)
def test_a_partners_list_words_run_into_an_ocr_output_are_dropped(text, expected, comment) -> None:
    assert drop_collective_bleed(text) == expected, comment


@pytest.mark.parametrize(
    ("text", "comment"),
    [
        ("Kế hoạch của sở, ban, ngành, địa phương", "'của' takes the list as its object"),
        ("Các quy trình nội bộ của các Sở, ngành, địa phương được ban hành", "after 'các'"),
        ("Văn bản, ban hành", "'bản' closes 'Văn bản', one list word is no run"),
        ("Hệ thống được triển khai tại địa phương", "after 'tại'"),
        ("Chuyển đổi số, ban hành quy chế", "'số,' then 'ban' with no comma: no list"),
    ],
)
def test_an_ocr_output_naming_a_collective_keeps_it(text, comment) -> None:
    assert drop_collective_bleed(text) == text, comment


@pytest.mark.parametrize(
    ("output", "fragments", "expected"),
    [
        (
            "Quyết định của chủ Du lịch",
            [
                (10, ["Quyết định của chủ"]),
                (11, ["Thể thao và"]),
                (12, ["tịch UBND tỉnh"]),
                (13, ["Du lịch"]),
            ],
            ("Quyết định của chủ tịch UBND tỉnh Du lịch", {"tich ubnd tinh", "ubnd tinh"}),
        ),
        (
            "Quyết định của Thủ được ban hành",
            [(10, ["Sở Nội vụ", "Quyết định của Thủ"]), (11, ["tướng Chính phủ", "được ban hành"])],
            ("Quyết định của Thủ tướng Chính phủ được ban hành", {"tuong chinh phu", "chinh phu"}),
        ),
    ],
)
def test_an_issuer_cut_inside_an_output_takes_its_rest_from_the_lines_below(
    output, fragments, expected
) -> None:
    assert finish_inner_issuer(output, _ocr_row("Xây dựng đề án", output, 10, fragments)) == expected


@pytest.mark.parametrize(
    ("output", "fragments", "comment"),
    [
        (
            "Quyết định của cấp có thẩm quyền số",
            [(10, ["Quyết định của cấp có"]), (11, ["thẩm quyền"])],
            "whole",
        ),
        (
            "Văn bản của cấp có thẩm quyền số",
            [(10, ["Văn bản của cấp có thẩm"]), (11, ["quyền số"])],
            "whole, its last word from the line below",
        ),
        (
            "Quyết định của chủ",
            [(10, ["Quyết định của chủ"]), (11, ["tịch UBND tỉnh"])],
            "at the end: not inside",
        ),
        (
            "Quyết định của chủ Du lịch",
            [(9, ["tịch UBND tỉnh"]), (10, ["Quyết định của chủ"]), (11, ["Du lịch"])],
            "the rest stands above the line of 'của chủ'",
        ),
        (
            "Kế hoạch của các bộ ngành",
            [(10, ["Kế hoạch của các"]), (11, ["bộ ngành"])],
            "no issuer's rest below",
        ),
    ],
)
def test_an_output_without_an_issuers_rest_below_its_start_stays(output, fragments, comment) -> None:
    row = _ocr_row("Xây dựng đề án", output, 10, fragments)
    assert finish_inner_issuer(output, row) == (output, set()), comment


@pytest.mark.parametrize(
    ("codes", "warned", "comment"),
    [
        (
            [("V", "72"), ("V", "74"), ("V", "73"), ("V", "74"), ("V", "75")],
            "73",
            "a number ahead of its turn",
        ),
        ([("I", "14"), ("I", "15"), ("II", "15"), ("II", "16")], None, "negative: a new group may repeat it"),
        ([("III", "39"), ("III", "39.1"), ("III", "39.2"), ("III", "40")], None, "negative: sub-numbers"),
    ],
)
def test_a_row_number_printed_out_of_order_is_warned_of(codes, warned, comment):
    tasks = [Task(section=section, code=code, name="Triển khai") for section, code in codes]
    out_of_order = [w for w in _sequence_warnings(tasks) if "không theo thứ tự" in w]
    assert out_of_order == (
        [f"Số thứ tự của các nhiệm vụ {warned} in không theo thứ tự (giữ như bản in); cần kiểm tra."]
        if warned
        else []
    ), comment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoạch triển khai", "Kế hoạch triển khai"),
        ("trình, kế hoạch", "Chương trình, kế hoạch"),
        ("cáo thực hiện", "Báo cáo thực hiện"),
    ],
)
def test_an_ocr_output_opening_with_a_kinds_second_word_takes_its_first(text, expected) -> None:
    assert restore_output_head(text) == expected


@pytest.mark.parametrize(
    ("text", "comment"),
    [
        ("Kế hoạch triển khai", "the kind is whole"),
        ("bản đồ số", "'bản' ends 'Văn bản' but opens 'bản đồ'"),
        ("Trình bày báo cáo", "a capitalised word opens a phrase of its own"),
        ("", "empty"),
    ],
)
def test_an_ocr_output_opening_otherwise_stays(text, comment) -> None:
    assert restore_output_head(text) == text, comment


@pytest.mark.parametrize(
    ("text", "expected", "comment"),
    [
        (
            "Văn bản triển khai, xuyên ohuon hướng dẫn",
            "Văn bản triển khai, hướng dẫn",
            "'phương' garbled, 'xuyên'",
        ),
        ("Kế hoạch được ban égo hành", "Kế hoạch được ban hành", "a short token no word"),
    ],
)
def test_an_ocr_outputs_garbled_tokens_are_dropped(text, expected, comment) -> None:
    assert drop_garbled_words(text) == expected, comment


@pytest.mark.parametrize(
    ("text", "comment"),
    [
        ("Mạng lưới kétnéi", "a long token: two words glued"),
        ("Hoàn thành các CSDL dùng chung", "an abbreviation"),
        ("Hệ thống IoT, camera", "mixed-case abbreviation"),
        ("Nhiệm vụ thường xuyên", "'xuyên' with its 'thường'"),
        ("Đề án 06", "a number"),
        ("ohuon", "the cell would be left empty"),
    ],
)
def test_an_ocr_outputs_words_stay(text, comment) -> None:
    assert drop_garbled_words(text) == text, comment


@pytest.mark.parametrize(
    ("lead", "support", "expected", "comment"),
    [
        (
            [],
            ["Các sở, ngành, địa phương"],
            (["Các sở, ngành, địa phương"], []),
            "one cell, read as partners'",
        ),
        ([], ["Sở Tài chính", "Sở Nội vụ"], (["Sở Tài chính"], ["Sở Nội vụ"]), "the first partner leads"),
        (["Sở Tài chính"], ["Sở Nội vụ"], (["Sở Tài chính"], ["Sở Nội vụ"]), "a lead read stays"),
        ([], [], ([], []), "no agency at all"),
    ],
)
def test_an_empty_lead_takes_the_first_partner(lead, support, expected, comment) -> None:
    assert lead_of_partners_only(lead, support)[:2] == expected, comment


def test_a_lead_taken_from_the_partners_is_a_guess_below_the_review_line() -> None:
    assert lead_of_partners_only([], ["Sở Tài chính"], 1.0, 0.7) == (["Sở Tài chính"], [], GUESSED_CONFIDENCE)
    assert GUESSED_CONFIDENCE < 0.75  # the review screen's line


def test_a_lead_read_from_its_own_cell_keeps_its_confidence() -> None:
    assert lead_of_partners_only(["Sở Nội vụ"], ["Sở Tài chính"], 0.9, 0.7) == (
        ["Sở Nội vụ"],
        ["Sở Tài chính"],
        0.9,
    )


def _ocr_cells_row(cells: dict[str, str]) -> Row:
    return Row(
        "row",
        "3",
        {key: Cell(text, [1], 0.85) for key, text in cells.items()},
        [1],
        0.85,
        "interleaved",
        [(1, list(cells.values())[1:])],
    )


def test_an_ocr_rows_lead_found_outside_its_cell_is_flagged_for_review():
    # the row's one agency cell was read as the partners': the lead is taken from it
    task = task_from_row(
        _ocr_cells_row(
            {"name": "Tổ chức tập huấn kỹ năng số", "support": "Sở Tư pháp", "output": "Kế hoạch"}
        ),
        "I",
    )
    assert task.lead == ["Sở Tư pháp"]
    assert task.provenance.confidence["lead"] < 0.75


def test_an_ocr_rows_lead_read_from_its_cell_keeps_the_cells_confidence():
    task = task_from_row(
        _ocr_cells_row({"name": "Tổ chức tập huấn kỹ năng số", "lead": "Sở Tư pháp", "output": "Kế hoạch"}),
        "I",
    )
    assert task.lead == ["Sở Tư pháp"]
    assert task.provenance.confidence["lead"] == 0.85


def test_an_ocr_rows_agencies_are_each_listed_once():
    # a partners-only row whose repairs name "Sở Tư pháp" twice (read, then found in the fragments)
    from theodoi.ingest.layout.table import Cell, Row
    from theodoi.ingest.parse.tasks import task_from_row

    row = Row(
        "row",
        "3",
        {
            "name": Cell("Tổ chức tập huấn kỹ năng số cho cán bộ", [1], 0.85),
            "support": Cell("Sở Tư pháp; Sở Nội vụ", [1], 0.85),
            "output": Cell("Kế hoạch", [1], 0.85),
        },
        [1],
        0.85,
        "interleaved",
        [(1, ["Sở Tư pháp; Sở Nội vụ", "Kế hoạch"])],
    )
    task = task_from_row(row, "I")
    for names in (task.lead, task.support):
        assert len(names) == len({n.casefold() for n in names})


# "Các số, ngành," / "địa phương" printed beside "Quyết định của chủ" / "tịch UBND tỉnh"
ISSUER_ROW = Row(
    "row",
    "60",
    fragments=[
        (1215, ["Sở Khoa học"]),
        (1216, ["Các số, ngành,", "Quyết định của chủ"]),
        (1217, ["địa phương tịch", "UBND tỉnh"]),
    ],
)


def test_partners_whose_one_name_the_output_took_as_its_issuer_take_the_collective_read_in_the_row():
    assert support_after_issuer(["UBND tỉnh"], ["Sở Khoa học và Công nghệ"], ISSUER_ROW) == [
        "Các sở, ngành, địa phương"
    ]


def test_an_empty_partners_cell_stays_empty_after_the_issuer():
    assert support_after_issuer([], ["Sở Khoa học và Công nghệ"], ISSUER_ROW) == []


def _ocr_agencies_row(lead: str, support: str, fragments: list[tuple[int, list[str]]]) -> Row:
    cells = {"name": "Tổ chức tập huấn kỹ năng số", "lead": lead, "support": support, "output": "Kế hoạch"}
    return Row(
        "row",
        "4",
        {key: Cell(text, [1, 2], 0.85) for key, text in cells.items()},
        [1, 2],
        0.85,
        "interleaved",
        fragments,
    )


def test_an_ocr_rows_lead_the_repairs_moved_is_flagged_for_review():
    # the partner's words open a line left of the collective's: the repairs swap the two cells
    fragments = [(1, ["Sở Nội vụ", "Các sở, ngành,"]), (2, ["địa phương", "Kế hoạch"])]
    task = task_from_row(_ocr_agencies_row("Các sở, ngành, địa phương", "Sở Nội vụ", fragments), "I")
    assert task.lead == ["Sở Nội vụ"]
    assert task.provenance.confidence["lead"] == GUESSED_CONFIDENCE


def test_an_ocr_rows_lead_the_repairs_kept_keeps_the_cells_confidence():
    fragments = [(1, ["Sở Nội vụ", "Các sở, ngành,"]), (2, ["địa phương", "Kế hoạch"])]
    task = task_from_row(_ocr_agencies_row("Sở Nội vụ", "Các sở, ngành, địa phương", fragments), "I")
    assert task.lead == ["Sở Nội vụ"]
    assert task.provenance.confidence["lead"] == 0.85
