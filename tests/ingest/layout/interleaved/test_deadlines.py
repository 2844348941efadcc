"""The deadline column's words at a row's line ends: a period with a garbled year, a lone
"Thương" finishing an agency's "Công" above, an event's piece opening with another column's
last word."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.deadlines import (
    second_deadline_tail,
    split_deadline_continuation,
    split_deadline_tail,
    split_event_continuation,
)


@pytest.mark.parametrize(
    ("line", "deadline"),
    [
        ("Sở Khoa học Và Hệ ong 20%5_2027", "2025-2027"),  # decade digit read as a mark
        ("các thiết bị 2025~20#7", "2025-2027"),
        ("các thiết bị 2025-2027", "2025-2027"),
    ],
)
def test_a_period_with_one_garbled_year_is_read_back(line: str, deadline: str) -> None:
    assert split_deadline_tail(line)[1] == deadline


@pytest.mark.parametrize("line", ["các thiết bị 20%5_20#7", "mã số 20%5 của tỉnh"])
def test_two_garbled_years_or_a_garbled_number_inside_a_line_stay(line: str) -> None:
    assert split_deadline_tail(line) == (line, "")


def test_a_lone_thuong_below_cong_is_an_agency_not_a_deadline() -> None:
    line = "Cơ sở dữ liệu kinh tế công nghiệp và thương mại Thường"
    assert split_deadline_tail(line, "A LÁ | Sở Công") == (line, "")


@pytest.mark.parametrize(
    ("line", "above"),
    [
        ("Cơ sở dữ liệu kinh tế công nghiệp và thương mại Thường", "Các sở, ban, ngành"),
        ("Cơ sở dữ liệu kinh tế công nghiệp và thương mại Thường xuyên", "A LÁ | Sở Công"),
    ],
)
def test_thuong_stays_a_deadline_without_cong_above_or_with_xuyen(line: str, above: str) -> None:
    assert split_deadline_tail(line, above)[1].lower().startswith("thường")


def test_an_event_piece_leaves_its_first_word_when_the_next_carries_the_event_on() -> None:
    text = "đối với học sinh, sinh viên học các ngành STEM. | quyền được ban"
    head, piece = split_event_continuation(text, "Sau khi chính sách")
    assert (head, piece) == ("đối với học sinh, sinh viên học các ngành STEM. quyền", "được ban")


def test_an_event_piece_carrying_the_event_on_is_taken_whole() -> None:
    text = "đối với học sinh, sinh viên | được ban"
    assert split_event_continuation(text, "Sau khi chính sách")[1] == "được ban"


def test_a_joined_phrase_word_ocr_cut_short_carries_the_deadline_on() -> None:
    line = "Xây dựng, triển khai Nền tảng quản lý thiết bị hạ tầng kết VÀ nạn"
    assert split_deadline_continuation(line, "2025-2026")[1] == "VÀ nạn"


def test_an_outputs_own_upgrade_words_stay() -> None:
    line = "Hệ thống được nâng cấp, mở"
    assert split_deadline_continuation(line, "2025-2026") == (line, "")


def test_a_year_lost_its_decade_digit_before_va_ends_a_line() -> None:
    assert split_deadline_tail("bảo đảm 80, ban, ngành, | Văn bản ban 205 và") == (
        "bảo đảm 80, ban, ngành, | Văn bản ban",
        "205 và",
    )
    assert split_deadline_tail("theo Quyết định 205 của tỉnh")[1] == ""


def test_a_second_deadline_piece_stays_out_of_the_line_unless_it_is_the_names_year() -> None:
    # "thuỗn" (OCR's "thường") after the row's "205 và": the deadline's, not the output's
    assert second_deadline_tail("các hành, triển", "thuỗn", "205 và") == ("các hành, triển", "thuỗn")
    # "Năm 2025 và" / "những năm": carried on by split_deadline_continuation
    assert second_deadline_tail("các sở những", "năm", "Năm 2025 và") == ("các sở", "những năm")
    # "tầm nhìn đến 2050": the name's year
    assert second_deadline_tail("tầm nhìn đến", "2050", "Thường xuyên") == ("tầm nhìn đến 2050", "")


@pytest.mark.parametrize(
    ("line", "deadline"),
    [
        ("Kế hoạch của sở, ban, 212025", "2/2025"),  # the month's slash read as a 1
        ("các thông tin 212025 val", "2/2025 và"),  # and "và" read "val"
        ("Kế hoạch 112025", "11/2025"),  # a two-digit month glued to its year stays so
    ],
)
def test_a_month_its_slash_read_as_a_one_is_read_back(line: str, deadline: str) -> None:
    assert split_deadline_tail(line)[1] == deadline


@pytest.mark.parametrize("line", ["mã số 312025 x", "số 2120255", "mã 012025"])
def test_other_numbers_stay(line: str) -> None:
    assert split_deadline_tail(line)[1] in ("", "01/2025")


def test_an_event_opening_on_a_row_s_last_line_is_unfinished() -> None:
    from theodoi.ingest.layout.interleaved.deadlines import opens_unfinished_event

    assert opens_unfinished_event("Sau khi có")
    assert not opens_unfinished_event("Thường xuyên")
    assert not opens_unfinished_event("12/2025")


@pytest.mark.parametrize(
    ("line", "deadline", "piece"),
    [
        ("Các sở, ngành, X 2 . án được", "Sau khi DS", "án được"),  # the cell's last word garbled
        ("và Tôn giáo địa phương Chính phủ", "Sau khi DS án được", "Chính phủ"),  # "được" + a body
        ("ban hành", "Sau khi DS án được Chính phủ", "ban hành"),  # the closing verb
    ],
)
def test_an_event_cell_carries_on_by_its_phrases(line: str, deadline: str, piece: str) -> None:
    assert split_event_continuation(line, deadline)[1] == piece


@pytest.mark.parametrize(
    ("line", "deadline"),
    [
        ("Kế hoạch được ban hành", "Theo chỉ đạo của Trung"),  # "Trung" waits for "ương"
        ("Các sở, ngành, án được", "Sau khi có"),  # the cell's last word is the phrase's
    ],
)
def test_a_piece_that_does_not_carry_the_event_stays(line: str, deadline: str) -> None:
    assert split_event_continuation(line, deadline)[1] == ""
