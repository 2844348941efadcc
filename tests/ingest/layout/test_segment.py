"""Per-line segmentation of OCR'd interleaved table lines into column spans (dynamic programming).

Corpora: lines in the shape of the samples (a line's part right of the task name: lead,
partner and output fragments in column order), written for these tests, with the spans
expected per column; negative cases; and a property: no token is lost or duplicated.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.ingest.layout.segment import (
    AGENCY,
    DEADLINE,
    DROP,
    OUTPUT,
    PROSE,
    Carry,
    _continues,
    column_kind,
    segment_line,
    spans,
)
from theodoi.ingest.parse.tasks import TASK_COLUMNS

OTHERS = [AGENCY, AGENCY, OUTPUT]  # lead, partners, output (the deadline is cut off first)


def cut(text: str, carry: Carry | None = None) -> dict[int, str]:
    tokens = text.split()
    return spans(tokens, segment_line(tokens, OTHERS, width=None, carry=carry or Carry()))


@pytest.mark.parametrize(
    ("text", "expected", "comment"),
    [
        (
            "Sở Tài chính | các Sở, ngành, Báo cáo tổng hợp",
            {0: "Sở Tài chính", 1: "các Sở, ngành,", 2: "Báo cáo tổng hợp"},
            "three fragments, a gap mark after the lead ('báo', 'cáo', 'tổng' are agency words too)",
        ),
        (
            "Sở Nội vụ Các Sở, ngành, Kế hoạch của các",
            {0: "Sở Nội vụ", 1: "Các Sở, ngành,", 2: "Kế hoạch của các"},
            "no gap marks: cuts at the partner's head and the output kind",
        ),
        (
            "UBND tỉnh Quyết định phê duyệt",
            {0: "UBND tỉnh", 2: "Quyết định phê duyệt"},
            "no partners on this line: the partner column is skipped",
        ),
        (
            "Sở Khoa học và | Các quy trình nội bộ",
            {0: "Sở Khoa học và", 2: "Các quy trình nội bộ"},
            "'các' before a noun no agency collective has lists outputs ('Các quy trình nội bộ')",
        ),
        (
            "Sở Tài chính Các bài toán được",
            {0: "Sở Tài chính", 2: "Các bài toán được"},
            "without a gap mark",
        ),
        (
            "Sở Nội vụ Các sở, ngành,",
            {0: "Sở Nội vụ", 1: "Các sở, ngành,"},
            "negative: 'các sở' is the partners' collective",
        ),
        (
            "Sở Nội vụ Các doanh",
            {0: "Sở Nội vụ", 1: "Các doanh"},
            "negative: 'doanh' opens 'doanh nghiệp', wrapped after its first word",
        ),
    ],
)
def test_a_line_is_cut_into_its_columns_fragments(text, expected, comment):
    assert cut(text) == expected, comment


def test_an_agency_name_begun_above_is_carried_on_in_its_column():
    carry = Carry({0: "Sở Khoa học và", 1: "Các Sở, ngành,"})
    assert cut("Công nghệ địa phương Văn bản", carry) == {0: "Công nghệ", 1: "địa phương", 2: "Văn bản"}


def test_an_agency_names_words_are_not_cut_apart_by_an_open_output_above():
    carry = Carry({1: "Sở Khoa học và Công nghệ; các doanh nghiệp", 2: "Kế hoạch và"})
    assert cut("viễn thông,", carry) == {1: "viễn thông,"}


def test_an_open_output_above_still_takes_its_lowercase_words_after_an_agency():
    carry = Carry({1: "Các sở, ngành,", 2: "Kế hoạch và"})
    assert cut("địa phương hoạt động", carry) == {1: "địa phương", 2: "hoạt động"}


def whole_cut(text: str, carry: Carry, whole: list[bool] | None = None) -> dict[int, str]:
    tokens = text.split()
    labels = segment_line(tokens, OTHERS, width=None, carry=carry, whole=whole or [True] * len(tokens))
    return spans(tokens, labels)


# A partners' collective left open above ("địa" | "phương" comes lines below) and an open output.
OPEN_CELLS = {
    0: "Các sở, ban, ngành, địa",
    1: "Sở Nội vụ, Sở",
    2: "Quyết định, văn bản của cấp có thẩm quyền về sắp xếp,",
}


def test_words_read_whole_are_not_dropped_once_the_output_is_open():
    carry = Carry(OPEN_CELLS)
    assert cut("kiện toàn tổ", carry) == {0: "tổ"}, "at the plain cost both words drop for the agency's 'tổ'"
    assert whole_cut("kiện toàn tổ", carry) == {2: "kiện toàn tổ"}


def test_words_not_read_whole_still_drop_at_the_plain_cost():
    carry = Carry(OPEN_CELLS)
    assert whole_cut("kiện toàn tổ", carry, [False, False, False]) == {0: "tổ"}


def test_words_read_whole_drop_at_the_plain_cost_before_the_output_opens():
    carry = Carry({k: v for k, v in OPEN_CELLS.items() if k != 2})
    assert whole_cut("kiện toàn tổ", carry) == cut("kiện toàn tổ", carry)


@pytest.mark.parametrize(
    ("text", "carry", "expected", "comment"),
    [
        (
            "ban hành",
            {1: "Các sở, ban,", 2: "Chương trình được"},
            {2: "ban hành"},
            "'được' / 'ban hành': 'ban' is an agency word, but completes the output's 'được ban'",
        ),
        (
            "cứu khoa học",
            {0: "Sở Giáo dục và", 2: "Các hoạt động nghiên"},
            {2: "cứu khoa học"},
            "'nghiên' / 'cứu': the output's word wrapped inside, its line goes on in the output",
        ),
    ],
)
def test_a_word_completing_the_outputs_last_word_above_opens_its_span(text, carry, expected, comment):
    tokens = text.split()
    labels = segment_line(tokens, OTHERS, width=None, carry=Carry(carry), fluent=True)
    assert spans(tokens, labels) == expected, comment
    assert cut(text, Carry(carry)) != expected, "without the model's reading the line goes elsewhere"


@pytest.mark.parametrize(
    ("text", "carry", "expected", "comment"),
    [
        (
            "phương",
            {1: "Các sở, ngành, địa", 2: "Kế hoạch"},
            {1: "phương"},
            "negative: 'Kế hoạch' / 'phương' reads on but completes no word: the partners' 'địa phương'",
        ),
        (
            "Công nghệ",
            {0: "Sở Khoa học và", 2: "Kế hoạch"},
            {0: "Công nghệ"},
            "negative: the lead's name goes on",
        ),
    ],
)
def test_a_word_completing_no_output_is_placed_as_before(text, carry, expected, comment):
    tokens = text.split()
    labels = segment_line(tokens, OTHERS, width=None, carry=Carry(carry), fluent=True)
    assert spans(tokens, labels) == expected == cut(text, Carry(carry)), comment


_READ_ON = {
    0: "Sở Khoa học và Công",
    1: "Các sở, ngành, địa phương liên",
    2: "Các sản phẩm, giải pháp được đánh giá,",
}


def test_a_word_reading_the_open_outputs_phrase_on_opens_its_span():
    # "được đánh giá," / "lựa chọn, công bố": the output's list of verbs goes on below the
    # partners' "liên" / "quan"; no compound, so only the looser reading places it
    tokens = ["quan", "lựa", "chọn,", "công", "bố"]
    labels = segment_line(tokens, OTHERS, width=None, carry=Carry(_READ_ON), fluent=True)
    assert spans(tokens, labels) == {1: "quan", 2: "lựa chọn, công bố"}
    assert cut("quan lựa chọn, công bố", Carry(_READ_ON)) == {1: "quan công bố"}, "without the model"


@pytest.mark.parametrize(
    ("carry", "comment"),
    [
        (
            {**_READ_ON, 2: "Các sản phẩm, giải pháp được đánh giá."},
            "negative: a closed output is read on by none",
        ),
        ({**_READ_ON, 2: ""}, "negative: no output cell open"),
    ],
)
def test_a_word_reading_on_no_open_output_is_placed_as_before(carry, comment):
    tokens = ["quan", "lựa", "chọn,", "công", "bố"]
    labels = segment_line(tokens, OTHERS, width=None, carry=Carry(carry), fluent=True)
    assert spans(tokens, labels) == cut("quan lựa chọn, công bố", Carry(carry)), comment


def test_an_agency_word_reading_on_the_output_stays_placed_as_before():
    # negative: "thực hiện" / "phương" reads on ("phương án"), but "phương" is an agency word
    # (the partners' "địa" / "phương", a name after it on the line above): the looser reading
    # leaves agency words to the columns' vocabularies
    carry = Carry({1: "Các sở, ngành, địa Sở Tư", 2: "Kế hoạch thực hiện"})
    tokens = ["phương"]
    assert spans(tokens, segment_line(tokens, OTHERS, width=None, carry=carry, fluent=True)) == {1: "phương"}


@pytest.mark.parametrize(
    ("text", "expected", "comment"),
    [
        (
            "Giáo dục và lĩnh vực tư",
            {0: "Giáo dục và", 2: "lĩnh vực tư"},
            "no name holds 'lĩnh vực': an output opening in lower case before its cell is open",
        ),
        ("Sở Giáo dục và đào tạo", {0: "Sở Giáo dục và đào tạo"}, "negative: a name holds 'Đào tạo'"),
        ("Các sở, ngành, địa phương", {0: "Các sở, ngành, địa phương"}, "negative: a collective's list"),
    ],
)
def test_a_lowercase_word_no_name_goes_on_with_leaves_the_agency_before_the_output_opens(
    text, expected, comment
):
    tokens = text.split()
    labels = segment_line(tokens, OTHERS, width=None, carry=Carry(), fluent=True)
    assert spans(tokens, labels) == expected, comment


def test_a_closed_agency_does_not_take_a_lowercase_continuation():
    carry = Carry({0: "Sở Y tế;", 1: "Các sở, ngành,"})
    assert cut("địa phương", carry) == {1: "địa phương"}


@pytest.mark.parametrize(
    ("text", "carry", "expected", "comment"),
    [
        (
            "pháp được đánh giá,",
            {0: "Sở Khoa học", 2: "Các sản phẩm, giải"},
            {2: "pháp được đánh giá,"},
            "no agency name has 'học pháp': the line carries the open output on",
        ),
        (
            "và Công nghệ pháp luật, văn bản",
            {0: "Sở Khoa học", 2: "Văn bản quy phạm"},
            {0: "và Công nghệ", 2: "pháp luật, văn bản"},
            "no agency name has 'nghệ pháp': the output's wrapped words follow the lead's",
        ),
    ],
)
def test_a_lowercase_word_no_agency_name_follows_with_carries_an_open_output_on(
    text, carry, expected, comment
):
    assert cut(text, Carry(carry)) == expected, comment


@pytest.mark.parametrize(
    ("text", "carry", "expected", "comment"),
    [
        (
            "và báo tạo",
            {0: "Sở Giáo dục", 2: "Kế hoạch"},
            {0: "và báo tạo"},
            "'đào tạo' read with a letter wrong",
        ),
        (
            "Công nghệ thông tin",
            {0: "Sở Khoa học và", 2: "Kế hoạch"},
            {0: "Công nghệ thông tin"},
            "'nghệ thông'",
        ),
        (
            "hành chính công",
            {0: "Sở Nội vụ, Trung tâm", 2: "Kế hoạch"},
            {0: "hành chính công"},
            "'hành chính' goes on in an agency name: the words are judged together",
        ),
    ],
)
def test_a_lowercase_word_an_agency_name_follows_with_stays_in_the_agency(text, carry, expected, comment):
    assert cut(text, Carry(carry)) == expected, comment


@pytest.mark.parametrize(
    ("text", "carry", "expected", "comment"),
    [
        (
            "ngành, địa Sở, ngành, địa",
            {0: "Các Sở,", 2: "Kế hoạch của các"},
            {0: "ngành, địa", 2: "Sở, ngành, địa"},
            "the lead's collective and the output's, wrapped side by side",
        ),
        (
            "phương phương",
            {0: "Các Sở, ngành, địa", 2: "Kế hoạch của các Sở, ngành, địa"},
            {0: "phương", 2: "phương"},
            "both cells end 'địa': one word each",
        ),
        (
            "UBND tỉnh",
            {1: "Sở Khoa học và Công nghệ;", 2: "Chương trình, kế hoạch của"},
            {2: "UBND tỉnh"},
            "'của' | 'UBND tỉnh': whose plan it is",
        ),
    ],
)
def test_an_output_naming_agencies_takes_the_list_words_that_carry_it_on(text, carry, expected, comment):
    assert cut(text, Carry(carry)) == expected, comment


@pytest.mark.parametrize(
    ("text", "carry", "expected", "comment"),
    [
        (
            "ngành, địa Sở, ngành, địa",
            {0: "Các Sở,", 2: "Văn bản,"},
            {0: "ngành, địa Sở, ngành, địa"},
            "an output that names no agencies leaves them to the agency column",
        ),
        (
            "Công nghệ",
            {0: "Sở Khoa học và", 2: "Quyết định của cấp có thẩm quyền"},
            {0: "Công nghệ"},
            "an authority's name is finished: the lead's wrapped name stays the lead's",
        ),
    ],
)
def test_agency_words_stay_in_the_agency_columns_when_the_output_names_no_list(
    text, carry, expected, comment
):
    assert cut(text, Carry(carry)) == expected, comment


def test_an_output_only_line_stays_in_the_output_column():
    assert cut("Kế hoạch triển khai") == {2: "Kế hoạch triển khai"}


@pytest.mark.parametrize(
    ("text", "expected", "comment"),
    [
        (
            "Sở Nội vụ Các sở, ngành, Hoạt động",
            {0: "Sở Nội vụ", 1: "Các sở, ngành,", 2: "Hoạt động"},
            "'Hoạt động' opens the output cell after the partners",
        ),
        ("Sở Nội vụ Hoạt động thực hiện", {0: "Sở Nội vụ", 2: "Hoạt động thực hiện"}, "after the lead"),
        ("Sở Nội vụ Hoàn thành kết nối", {0: "Sở Nội vụ", 2: "Hoàn thành kết nối"}, "a result opens it"),
        ("Sở Nội vụ Thỏa thuận hợp tác", {0: "Sở Nội vụ", 2: "Thỏa thuận hợp tác"}, "a document kind"),
        ("Sở Xây dựng Triển khai thu phí", {0: "Sở Xây dựng", 2: "Triển khai thu phí"}, "a result as a verb"),
        ("Sở Y tế Đánh giá, công bố", {0: "Sở Y tế", 2: "Đánh giá, công bố"}, "another verb"),
        (
            "Sở Nông nghiệp và Phát triển nông thôn",
            {0: "Sở Nông nghiệp và Phát triển nông thôn"},
            "negative: an agency name going on with the verb keeps it",
        ),
    ],
)
def test_an_activity_output_opens_the_output_column(text, expected, comment):
    assert cut(text) == expected, comment


def test_an_output_kind_after_an_agency_name_is_not_taken_into_it():
    assert cut("Sở Khoa học Lý, . Văn bản công bố") == {0: "Sở Khoa học Lý, .", 2: "Văn bản công bố"}


def test_an_agency_name_holding_an_output_kind_keeps_it():
    assert cut("Sở Kế hoạch và Đầu tư") == {0: "Sở Kế hoạch và Đầu tư"}


@pytest.mark.parametrize(
    ("text", "expected", "comment"),
    [
        ("Sở Nội vụ Có tỷ lệ phù", {0: "Sở Nội vụ", 2: "Có tỷ lệ phù"}, "a result stated as having"),
        ("Sở Tài chính Có ít nhất 03", {0: "Sở Tài chính", 2: "Có ít nhất 03"}, "a count to reach"),
        ("UBND tỉnh Có", {0: "UBND tỉnh Có"}, "negative: 'Có' alone at the line's end opens nothing"),
    ],
)
def test_a_result_opening_with_co_opens_the_output_column(text, expected, comment):
    assert cut(text) == expected, comment


def test_a_results_everyday_word_inside_an_agency_stays_the_agencys():
    assert cut("Đài Phát thanh và Truyền hình Kế hoạch") == {
        0: "Đài Phát thanh và Truyền hình",
        2: "Kế hoạch",
    }


def test_gap_marks_are_dropped_and_never_join_a_span():
    tokens = ["Sở", "Xây", "dựng", "|", "|", "Đề", "án"]
    labels = segment_line(tokens, OTHERS, width=None, carry=Carry())
    assert [label for token, label in zip(tokens, labels, strict=True) if token == "|"] == [DROP, DROP]


def test_a_whole_line_with_a_width_keeps_the_name_prose_in_the_first_column():
    text = "Xây dựng chương trình đào tạo cho cán bộ về kỹ năng | Sở Nội vụ Kế hoạch"
    tokens = text.split()
    labels = segment_line(tokens, [PROSE, *OTHERS], width=50.0, carry=Carry())
    assert spans(tokens, labels) == {
        0: "Xây dựng chương trình đào tạo cho cán bộ về kỹ năng",
        1: "Sở Nội vụ",
        3: "Kế hoạch",
    }


def test_a_prose_line_with_a_width_is_all_first_column():
    text = "Triển khai thực hiện các nhiệm vụ trọng tâm năm"
    tokens = text.split()
    labels = segment_line(tokens, [PROSE, *OTHERS], width=50.0, carry=Carry())
    assert spans(tokens, labels) == {0: text}


def test_column_kinds_are_read_from_the_task_columns_fit_functions():
    kinds = [column_kind(c.fits, first=c.first) for c in TASK_COLUMNS]
    assert kinds == [PROSE, AGENCY, AGENCY, OUTPUT, DEADLINE]


def test_an_empty_line_has_no_labels():
    assert segment_line([], OTHERS, width=None, carry=Carry()) == []


_WORDS = st.sampled_from(
    [
        "Sở",
        "Tài",
        "chính",
        "các",
        "ngành,",
        "địa",
        "phương;",
        "Kế",
        "hoạch",
        "|",
        "và",
        "Công",
        "nghệ",
        "xyz",
        "2025",
    ]
)


@given(st.lists(_WORDS, max_size=30), st.sampled_from(["", "Sở Khoa học và", "Các sở,", "UBND tỉnh;"]))
def test_segmentation_never_loses_nor_duplicates_a_token(tokens, above):
    labels = segment_line(tokens, OTHERS, width=None, carry=Carry({0: above}))
    assert len(labels) == len(tokens)
    kept = [label for label in labels if label != DROP]
    assert kept == sorted(kept)  # columns never go backwards along the line
    words = [t for t, label in zip(tokens, labels, strict=True) if label != DROP]
    joined = " ".join(spans(tokens, labels)[c] for c in sorted(set(kept)))
    assert joined.split() == words


@pytest.mark.parametrize(
    ("text", "carry", "expected", "comment"),
    [
        ("UBND tỉnh Bình Định Kế hoạch", None, {0: "UBND tỉnh Bình Định", 2: "Kế hoạch"}, "after 'tỉnh'"),
        (
            "Sở Nội vụ Báo Bình Định Văn bản",
            None,
            {0: "Sở Nội vụ", 1: "Báo Bình Định", 2: "Văn bản"},
            "a newspaper",
        ),
        (
            "Bình Định",
            Carry({1: "Đài Phát thanh; Báo", 2: "Văn bản tuyên"}),
            {0: "Bình Định"},
            "ends a cell above",
        ),
        (
            "Sở Nội vụ Văn bản tại Bình Định",
            None,
            {0: "Sở Nội vụ", 2: "Văn bản tại Bình Định"},
            "negative: after prose a province stays in its column",
        ),
    ],
)
def test_a_province_name_after_an_agency_word_is_not_cut_from_it(text, carry, expected, comment):
    assert cut(text, carry) == expected, comment


def test_a_cell_ending_open_or_closed_is_read_from_its_last_marks():
    from theodoi.ingest.layout.segment import _cell_end

    assert _cell_end("Sở Khoa học và") == (True, False)
    assert _cell_end("Sở Tài chính, ") == (True, False)
    assert _cell_end("Báo cáo kết quả;") == (False, True)
    assert _cell_end("Sở Tài chính") == (False, False)  # a name ending without a mark: neither


@pytest.mark.parametrize(
    ("cell", "carried"),
    [
        ("Nhiệm vụ tích hợp trong Kế hoạch", True),  # "Chuyển đổi số": the plan's title
        ("Tổ chức triển khai, bảo đảm kết nối Đề án", True),
        ("Văn bản hướng dẫn", False),  # a finished output: a capitalised word opens another cell
        ("Kế hoạch được ban hành", False),
    ],
)
def test_a_capitalised_title_carries_on_an_output_ending_with_a_document_kind(
    cell: str, carried: bool
) -> None:
    assert (_continues(OUTPUT, cell, ["Chuyển", "đổi", "số"], 0) > 0) is carried


def test_only_the_output_column_takes_the_completion_bonus():
    from theodoi.ingest.layout.segment import Weights, _completions

    kinds = [AGENCY, AGENCY, OUTPUT]
    weights = Weights(fluent=2.0)
    output = _completions(["ban"], ["", "Các sở, ban,", "Chương trình được"], kinds, weights)
    partners = _completions(["phương"], ["", "Các sở, ngành, địa", "Kế hoạch"], kinds, weights)
    assert output == [[0.0, 0.0, 2.0]]
    assert partners == [[0.0, 0.0, 0.0]], "negative: an agency's next word is the directory's to carry on"


# An output kind's word ("bản" of "Văn bản") folds like a collective's ("ban" of "sở, ban,"):
# in a comma list and out of its kind's phrase it weighs as the output's plain words.
LISTED_BELOW_KIND = [
    # the partners' 'sở, ban,' read 'số, bản,' below an open 'Văn bản': a list, no output kind
    ("Số Khoa học và các số, bản, Nổ", "Văn bản", {0: "Số Khoa học và", 1: "các số, bản,", 2: "Nổ"}),
    # negative: 'Văn' / 'bản,': the kind's phrase wrapped, its word stays the output's
    ("bản, hoạt động", "Văn", {2: "bản, hoạt động"}),
    # negative: 'bản,' ends the kind's phrase on its line
    ("Sở Nội vụ Văn bản, hướng dẫn", "", {0: "Sở Nội vụ", 2: "Văn bản, hướng dẫn"}),
]


@pytest.mark.parametrize(("text", "output", "expected"), LISTED_BELOW_KIND)
def test_a_collective_list_below_an_open_output_kind_stays_the_partners(text, output, expected):
    assert whole_cut(text, Carry({0: "Sở Tài chính;", 2: output} if output else {})) == expected
