"""The name line's last words given back to the other columns (OCR'd interleaved rows).

Corpora: first-column parts of OCR'd lines written for these tests, in the shape the samples
show (an agency's words that OCR ran on after the task name's, no gap mark between), with
the name part and the words moved expected; negative cases where the name legitimately
ends with agency-like words (an agency as the object of the sentence, lower-case prose, a
name made of agency words only).
"""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.recut import recut_name_end, split_directory_tail
from theodoi.ingest.layout.segment import AGENCY, OUTPUT, PROSE, Carry, segment_line

KINDS = [PROSE, AGENCY, AGENCY, OUTPUT]  # name, lead, partners, output (deadline cut off first)


def recut(head: str, rest: str = "", carry: dict[int, str] | None = None) -> tuple[str, str]:
    return recut_name_end(head, rest, KINDS, Carry(carry or {}))


def test_words_that_finish_an_agency_begun_above_leave_the_name() -> None:
    head = "Cơ sở dữ liệu về quy hoạch đô thị Khoa học và"
    assert recut(head, carry={1: "Sở"}) == ("Cơ sở dữ liệu về quy hoạch đô thị", "Khoa học và")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        pytest.param(
            "Hệ thống thông tin quản lý cảng cá Sở Công Thương",
            ("Hệ thống thông tin quản lý cảng cá", "Sở Công Thương"),
            id="directory-name-run-on",
        ),
        pytest.param(
            "Cơ sở dữ liệu về quản lý chất thải rắn Ban Quản lý",
            ("Cơ sở dữ liệu về quản lý chất thải rắn", "Ban Quản lý"),
            id="agency-head-cut-short",
        ),
        pytest.param(
            "Cơ sở dữ liệu về trường mầm non 56 Giáo dục và",
            ("Cơ sở dữ liệu về trường mầm non", "Sở Giáo dục và"),
            id="sở-read-as-digits",
        ),
        pytest.param(
            "Cơ sở dữ liệu nền địa lý quốc gia (thành phần) 86 Nông nghiệp",
            ("Cơ sở dữ liệu nền địa lý quốc gia (thành phần)", "Sở Nông nghiệp"),
            id="sở-read-as-86",
        ),
        pytest.param(
            "Ứng dụng nền tảng học tập số Sở Giáo dục và",
            ("Ứng dụng nền tảng học tập số", "Sở Giáo dục và"),
            id="after-a-name-ending-digital-số",
        ),
    ],
)
def test_agency_words_run_on_after_the_name_leave_it(head: str, expected: tuple[str, str]) -> None:
    assert recut(head) == expected


@pytest.mark.parametrize(
    ("head", "comment"),
    [
        pytest.param(
            "Triển khai thí điểm mô hình chăm sóc sức khỏe phối hợp với Sở Y tế", "object of 'phối hợp với'"
        ),
        pytest.param("Tổ chức hội nghị giao ban định kỳ do Sở Nội vụ", "the name ends mid-phrase ('do')"),
        pytest.param("Nâng cao năng lực đội ngũ cán bộ của Ủy ban nhân dân", "after 'của'"),
        pytest.param("Xây dựng cơ sở dữ liệu về khoa học và công nghệ", "lower-case agency words are prose"),
        pytest.param("Đào tạo kỹ năng số cho người dân vùng sâu Quảng Trị", "a place name is no agency"),
        pytest.param("Sở Khoa học và Công nghệ", "the name's first words never move"),
        pytest.param("Lấy ý kiến góp ý của các sở Sở Tư pháp", "'các sở' carries on"),
        pytest.param("Nâng tỷ lệ hồ sơ trực tuyến lên Sở Tư pháp", "object of 'lên'"),
    ],
)
def test_names_that_end_with_agency_like_words_stay_whole(head: str, comment: str) -> None:
    assert recut(head) == (head, ""), comment


@pytest.mark.parametrize("number", ["50", "86"])
def test_a_number_before_sở_stays_in_the_name(number: str) -> None:
    head = f"Nâng tỷ lệ hồ sơ trực tuyến đạt {number} Sở Tư pháp"
    assert recut(head) == (f"Nâng tỷ lệ hồ sơ trực tuyến đạt {number}", "Sở Tư pháp")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        pytest.param(
            "Rà soát quy trình nghiệp vụ Khoa học và của cấp có",
            ("Rà soát quy trình nghiệp vụ", "Khoa học và của cấp có"),
            id="agency-then-output-words",
        ),
        pytest.param(
            "Cơ sở dữ liệu về khu công nghiệp Khoa học và Văn bản của",
            ("Cơ sở dữ liệu về khu công nghiệp", "Khoa học và Văn bản của"),
            id="agency-then-output-opener",
        ),
    ],
)
def test_an_agency_carried_on_takes_the_output_words_after_it_out_of_the_name(
    head: str, expected: tuple[str, str]
) -> None:
    assert recut(head, carry={1: "Sở"}) == expected


@pytest.mark.parametrize(
    ("head", "carry", "comment"),
    [
        pytest.param("Rà soát quy trình nghiệp vụ Khoa học và của cấp có", {}, "no agency open above"),
        pytest.param("Rà soát quy trình nghiệp vụ của Khoa học và của cấp có", {1: "Sở"}, "after 'của'"),
    ],
)
def test_agency_and_output_words_stay_in_the_name_without_an_agency_to_carry(
    head: str, carry: dict[int, str], comment: str
) -> None:
    assert recut(head, carry=carry) == (head, ""), comment


def test_output_words_do_not_leave_the_name() -> None:
    head = "Xây dựng, triển khai Khung hệ thống bản đồ số tích hợp Kế hoạch"
    assert recut(head, "Sở Tài chính") == (head, "")


def test_moved_words_only_come_from_the_names_last_words() -> None:
    head = "Sở Tài chính Nông nghiệp Sở Xây dựng tham mưu triển khai rà soát danh mục thủ tục đất đai"
    assert recut(head) == (head, "")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        pytest.param(
            "Cơ sở dữ liệu Phòng chống bạo lực gia đình Thể thao và Du",
            ("Cơ sở dữ liệu Phòng chống bạo lực gia đình", "Thể thao và Du"),
            id="capitalised-inside",
        ),
        pytest.param(
            "kết nối, chia sẻ dữ liệu với Trung tâm IOC tỉnh internet, công nghệ thông tin",
            ("kết nối, chia sẻ dữ liệu với Trung tâm IOC tỉnh", "internet, công nghệ thông tin"),
            id="comma-as-printed",
        ),
    ],
)
def test_the_inside_of_a_directory_name_leaves_a_name_lines_end(head: str, expected: tuple[str, str]) -> None:
    assert split_directory_tail(head) == expected


@pytest.mark.parametrize(
    ("head", "comment"),
    [
        pytest.param("Cơ sở dữ liệu về khoa học và công nghệ", "lower-case prose spelling a name's inside"),
        pytest.param("di chuyển hệ thống từ các sở, ngành, địa phương", "the name's object after 'các'"),
        pytest.param("kiểm tra các cơ quan, đơn vị, địa", "the run opens no item of the name"),
        pytest.param("Thể thao và Du lịch", "the name keeps three words"),
        pytest.param("Xây dựng cơ sở dữ liệu về Văn hóa", "too short a run"),
    ],
)
def test_a_name_lines_end_that_is_no_directory_names_inside_stays(head: str, comment: str) -> None:
    assert split_directory_tail(head) == (head, ""), comment


def test_an_agency_names_words_carrying_on_the_cell_above_leave_the_name_whole() -> None:
    # "và Du" are two words of "Sở Văn hóa, Thể thao và Du lịch" in a row: the segmentation
    # cuts no column between them, so "Du" is the agency's, not an output's
    got = recut("Cơ sở dữ liệu thành tích thi đấu Thể thao và Du", carry={1: "Sở Văn hóa,"})
    assert got == ("Cơ sở dữ liệu thành tích thi đấu", "Thể thao và Du")


def test_words_that_finish_an_agency_read_above_in_another_column_leave_the_name() -> None:
    # "Sở Khoa học và" was read on a line above, but the alignment ran a partner's words on
    # after it in the lead's cell: the line's "Công nghệ" still carries the fragment on
    head = "Quảng bá thương hiệu của tỉnh về đổi mới sáng tạo Công nghệ"
    carry = {1: "Sở Khoa học và địa phương; các"}
    assert recut(head, carry=carry) == (head, "")
    above = ["Sở Khoa học và", "Các sở, ngành"]
    moved = recut_name_end(head, "", KINDS, Carry(carry), above)
    assert moved == ("Quảng bá thương hiệu của tỉnh về đổi mới sáng tạo", "Công nghệ")


def test_a_name_whose_last_words_carry_no_fragment_above_on_keeps_them() -> None:
    head = "Phát triển thị trường khoa học và công nghệ"
    assert recut_name_end(head, "", KINDS, Carry({}), ["Sở Khoa học và", "Các sở, ngành"]) == (head, "")


def test_the_segmentation_runs_only_where_a_capitalised_word_may_move(monkeypatch) -> None:
    # The segmentation is the recut's costly part: a name line whose window has no capitalised
    # word that may open or carry on an agency returns before it, as it would after it.
    from theodoi.ingest.layout.interleaved import recut as module

    calls = []

    def counted(*args, **kwargs):
        calls.append(args[0])
        return segment_line(*args, **kwargs)

    monkeypatch.setattr(module, "segment_line", counted)
    lower = "Xây dựng cơ sở dữ liệu về quy hoạch đô thị và nông thôn"
    assert recut(lower, carry={1: "Sở"}) == (lower, "")
    governed = "Phối hợp với Sở Y tế"
    assert recut(governed) == (governed, "")
    assert calls == []
    head = "Hệ thống thông tin quản lý cảng cá Sở Công Thương"
    assert recut(head) == ("Hệ thống thông tin quản lý cảng cá", "Sở Công Thương")
    assert len(calls) == 1
