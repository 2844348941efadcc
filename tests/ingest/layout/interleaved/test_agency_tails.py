"""A wrapped agency cell's lower-case continuation taken out of an OCR'd name line.

Corpora: name-line parts written for these tests in the shape OCR'd interleaved rows show (a
collective lead cell "Các sở, ban," wrapped onto the next lines, its words run into the
name's without a gap mark), with the name part and the words moved expected; negative cases
where the same words belong to the name (no agency cell open above, a finished agency, the
name repeating the word, the name above ending mid-phrase, words that carry no directory
name on).
"""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.agency_tails import (
    give_collective_head_to_rest,
    is_agency_cells_part,
    split_agency_continuation,
    split_agency_tail,
    split_conjoined_agency,
)
from theodoi.ingest.layout.interleaved.recut import give_digit_so_to_rest


@pytest.mark.parametrize(
    ("head", "cells", "expected"),
    [
        pytest.param(
            "hỗ trợ doanh nghiệp khởi nghiệp sáng tạo ở từng ngành, địa",
            ["Các sở, ban,"],
            ("hỗ trợ doanh nghiệp khởi nghiệp sáng tạo ở từng", "ngành, địa"),
            id="at-the-line-end",
        ),
        pytest.param(
            "ngành, địa của hệ thống dữ liệu dùng chung",
            ["Các sở, ban,"],
            ("của hệ thống dữ liệu dùng chung", "ngành, địa"),
            id="at-the-line-start",
        ),
        pytest.param(
            "cổng dịch vụ công trực tuyến toàn trình phương",
            ["Các sở, ban, ngành, địa"],
            ("cổng dịch vụ công trực tuyến toàn trình", "phương"),
            id="last-word-of-the-collective",
        ),
        pytest.param(
            "thư viện số dùng chung ngành, địa",
            ["Các sở, ban, Kết quả được", "Thường"],
            ("thư viện số dùng chung", "ngành, địa"),
            id="cell-holding-other-columns-words-after-the-start",
        ),
        pytest.param(
            "cơ sở dữ liệu về giống cây trồng và Mới trường",
            ["Sở Nông nghiệp"],
            ("cơ sở dữ liệu về giống cây trồng", "và Mới trường"),
            id="a-capitalised-word-with-a-slipped-mark",
        ),
    ],
)
def test_a_wrapped_agency_cells_words_leave_the_name(head, cells, expected) -> None:
    name, moved, _carried = split_agency_continuation(head, cells)
    assert (name, moved) == expected


def test_a_run_opening_the_line_carries_on_the_cell_when_the_name_ends_otherwise() -> None:
    head = "nghệ, đổi mới sáng tạo và chuyển đổi số"
    assert split_agency_continuation(head, ["Sở Khoa học và Công"], "phục vụ phát triển khoa học")[:2] == (
        "đổi mới sáng tạo và chuyển đổi số",
        "nghệ,",
    )


def test_the_agency_carried_on_is_returned_for_the_next_lines() -> None:
    _name, _moved, carried = split_agency_continuation("nâng cao năng lực số ngành, địa", ["Các sở, ban,"])
    assert carried == "Các sở, ban, ngành, địa"
    assert split_agency_continuation("phương tham gia mạng lưới", [carried])[:2] == (
        "tham gia mạng lưới",
        "phương",
    )


@pytest.mark.parametrize(
    ("head", "cells", "before", "comment"),
    [
        ("phát triển kinh tế số của các ngành, địa", [], "", "no agency cell open above"),
        ("phát triển kinh tế số ngành, địa", ["Sở Tài chính"], "", "the cell holds a finished agency"),
        ("ứng dụng trong từng ngành, ngành, địa", ["Các sở, ban,"], "", "the name repeats the word"),
        ("phương án cắt giảm thủ tục", ["Các sở, ban, ngành, địa"], "thực hiện các", "name above open"),
        ("bảo đảm an toàn cơ sở", ["Các sở, ban,"], "", "'cơ sở' carries no collective on"),
        ("cơ quan, đơn vị nhà nước", ["Các sở, ban,"], "", "another collective than the one begun"),
        ("kỹ năng số cơ bản", ["Sở Khoa học và"], "", "a lower-case run finishing nothing"),
        ("chuyển đổi số trên địa bàn", ["Các sở,"], "", "'bàn' folds like 'ban' but is not it"),
        (
            "nghệ, đổi mới sáng tạo và chuyển đổi số",
            ["Sở Khoa học và Công"],
            "phục vụ phát triển khoa học, công",
            "the name ends with the cell's last word: 'nghệ' finishes the name's pair",
        ),
    ],
)
def test_the_same_words_stay_in_the_name(head, cells, before, comment) -> None:
    assert split_agency_continuation(head, cells, before)[:2] == (head, ""), comment


@pytest.mark.parametrize(
    ("head", "rest", "expected"),
    [
        (
            "Cơ sở dữ liệu học sinh giáo dục nghề nghiệp 56",
            "Giáo dục và",
            ("Cơ sở dữ liệu học sinh giáo dục nghề nghiệp", "Sở Giáo dục và"),
        ),
        ("Cơ sở dữ liệu nền địa lý 86", "Nông nghiệp và", ("Cơ sở dữ liệu nền địa lý", "Sở Nông nghiệp và")),
    ],
)
def test_sở_read_as_digits_at_a_name_lines_end_goes_to_the_agency_it_opens(head, rest, expected) -> None:
    assert give_digit_so_to_rest(head, rest) == expected


@pytest.mark.parametrize(
    ("head", "rest", "comment"),
    [
        ("Phấn đấu đạt tỷ lệ 50", "Kế hoạch", "a number before an output kind"),
        ("Hỗ trợ ít nhất 50", "doanh nghiệp", "a lower-case rest"),
        ("Xây dựng 50", "Trung tâm dữ liệu", "no directory name opens 'Sở Trung tâm'"),
        ("Phấn đấu đạt tỷ lệ 50", "Nông nghiệp", "too little of a directory name to tell"),
    ],
)
def test_a_number_at_a_name_lines_end_stays(head, rest, comment) -> None:
    assert give_digit_so_to_rest(head, rest) == (head, rest), comment


@pytest.mark.parametrize(
    ("head", "before"),
    [
        pytest.param(
            "Sở Dân tộc Các số, ngành,",
            "Triển khai thực hiện Đề án Nâng cao năng lực",
            id="lead-and-partners-on-a-line-the-name-leaves-blank",
        ),
        pytest.param("Các sở, ban, ngành,", "Xây dựng cơ sở dữ liệu dùng chung", id="a-collective-alone"),
    ],
)
def test_a_name_lines_part_of_agency_words_only_is_the_agency_cells(head, before) -> None:
    assert is_agency_cells_part(head, before)


@pytest.mark.parametrize(
    ("head", "before", "comment"),
    [
        ("Sở Tài chính", "Phối hợp với", "the name above ends mid-phrase: the agency is the name's"),
        ("Các cơ quan nhà nước", "Hoàn thành số hóa hồ sơ.", "a new sentence of the name"),
        ("Sở Tài chính", "", "the name's first line"),
        ("Các sở, ngành triển khai nền tảng", "Xây dựng kế hoạch", "prose words besides the agency's"),
        ("các sở, ngành", "Xây dựng kế hoạch", "lower-case: the name's words"),
    ],
)
def test_a_name_lines_part_stays_the_names(head, before, comment) -> None:
    assert not is_agency_cells_part(head, before), comment


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(
            "Xây dựng, triển khai kế hoạch phát triển chính quyền số Các‘ 59, bơn,",
            ("Xây dựng, triển khai kế hoạch phát triển chính quyền số", "Các‘ 59, bơn,"),
            id="a-garbled-list-after-các",
        ),
        pytest.param(
            "Cụ thể hóa nhiệm vụ chuyển đổi số, phát triển khoa học, Các số, bản,",
            ("Cụ thể hóa nhiệm vụ chuyển đổi số, phát triển khoa học,", "Các số, bản,"),
            id="after-a-comma-of-the-names-list",
        ),
        pytest.param(
            "phòng, kết nối, an toàn, bền vững, hệ thống truyền dẫn dữ Các doanh",
            ("phòng, kết nối, an toàn, bền vững, hệ thống truyền dẫn dữ", "Các doanh"),
            id="a-collective-of-businesses",
        ),
        pytest.param(
            "đãi ngộ và trọng dụng nhân NTA: Các số, ngành, Văn bản của cấp có",
            ("đãi ngộ và trọng dụng nhân NTA:", "Các số, ngành, Văn bản của cấp có"),
            id="with-the-output-cells-words-after-it",
        ),
        pytest.param(
            "giai đoạn 2026 - 2030 và những năm tiếp theo sở, ban, ngành,",
            ("giai đoạn 2026 - 2030 và những năm tiếp theo", "sở, ban, ngành,"),
            id="the-collectives-body-at-the-line-end",
        ),
        pytest.param(
            "nghệ sinh học phục vụ nông nghiệp Sở, ngành, địa định của",
            ("nghệ sinh học phục vụ nông nghiệp", "Sở, ngành, địa định của"),
            id="a-capitalised-body-with-the-output-cells-words",
        ),
        pytest.param(
            "an toàn thông tin theo hướng dẫn của Bộ số, ban, ngành, phối hợp",
            ("an toàn thông tin theo hướng dẫn của Bộ", "số, ban, ngành, phối hợp"),
            id="sở-restored-as-số-before-ban-ngành",
        ),
    ],
)
def test_a_collectives_opening_or_body_leaves_the_name_line(line, expected) -> None:
    assert split_agency_tail(line) == expected


@pytest.mark.parametrize(
    ("line", "comment"),
    [
        ("phát triển hạ tầng số, trọng tâm là Các nền tảng số", "no collective's words after it"),
        (
            "Hoàn thành số hóa hồ sơ. Các sở, ngành chủ động triển khai thực hiện",
            "a new sentence of the name",
        ),
        ("giao nhiệm vụ cụ thể cho Các sở, ban, ngành", "the name ends mid-phrase before it"),
        ("hướng dẫn các sở, ban, ngành, địa phương triển khai", "lower-case: the name's words"),
        ("Các sở, ban, ngành, địa phương triển khai", "the line's first word"),
        ("kết nối dữ liệu của các sở, ban, ngành, địa phương", "the name says it after các"),
        ("báo cáo định kỳ của thủ trưởng sở, ban, ngành", "after a word governing it"),
        ("phát triển kinh tế số, ngành công nghiệp chế biến", "số of a noun phrase, no ban"),
        ("sở, ban, ngành, địa phương triển khai thực hiện", "the line's first words"),
    ],
)
def test_a_names_own_collective_stays(line, comment) -> None:
    assert split_agency_tail(line) == (line, ""), comment


def test_a_capitalised_các_ending_a_name_line_goes_to_the_collective_it_opens() -> None:
    head, rest = "để trở thành phong trào học tập số thường Các", "Sở Sở Khoa học và"
    assert give_collective_head_to_rest(head, rest) == (
        "để trở thành phong trào học tập số thường",
        "Các Sở Sở Khoa học và",
    )


@pytest.mark.parametrize(
    ("head", "rest", "comment"),
    [
        ("nền tảng số, trọng tâm là Các", "nền tảng số dùng chung", "no collective's word follows"),
        ("phát triển các", "sở, ngành", "lower-case: the name's word"),
        ("Hoàn thành. Các", "Sở Tài chính", "a new sentence of the name"),
    ],
)
def test_a_names_last_các_stays(head, rest, comment) -> None:
    assert give_collective_head_to_rest(head, rest) == (head, rest), comment


@pytest.mark.parametrize(
    ("head", "rest", "before", "expected"),
    [
        pytest.param(
            "trong các khu công nghiệp và Công Kinh tế;",
            "Năm 2026",
            "Triển khai hạ tầng số",
            ("trong các khu công nghiệp", "và Công Kinh tế; Năm 2026"),
            id="run-into-the-names-words",
        ),
        pytest.param(
            "Phát triển thương mại điện tử trên các lĩnh vực và",
            "Cổng > ngành,",
            "",
            ("Phát triển thương mại điện tử trên các lĩnh vực", "và Cổng > ngành,"),
            id="và-left-at-the-names-end",
        ),
        pytest.param(
            "và Tôn giáo địa phương",
            "",
            "cho người dân vùng đồng bào dân tộc thiểu số và",
            ("", "và Tôn giáo địa phương"),
            id="opening-the-line",
        ),
    ],
)
def test_a_departments_second_half_leaves_the_name_line(head, rest, before, expected) -> None:
    assert split_conjoined_agency(head, rest, before) == expected


@pytest.mark.parametrize(
    ("head", "before", "comment"),
    [
        ("công bố trên cổng thông tin của Sở Khoa học và Công nghệ", "", "the name names the department"),
        (
            "và Công nghệ những sáng kiến",
            "trên cổng thông tin Sở Khoa học nghệ quan",
            "its first half stands above",
        ),
        ("phát triển khoa học và công nghệ của tỉnh", "", "lower case: the name's words"),
        ("liên kết giữa nhà trường và Doanh nghiệp", "", "no directory name goes on so"),
    ],
)
def test_a_names_own_và_stays(head, before, comment) -> None:
    assert split_conjoined_agency(head, "", before) == (head, ""), comment
