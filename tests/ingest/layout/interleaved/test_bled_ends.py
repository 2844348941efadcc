"""A line of the other columns' words only, read between a task name's lines, leaves the name.

Corpora: name parts of OCR'd interleaved rows written for these tests, in the shape the samples
show (a row's agency cells wrap on lines where the name column is blank, and the first column's
cut gives those lines to the name), with the parts kept expected; negative cases where a short
middle line is the name's own (it reads on from the line above), or where the line above it is
short too (no wrapped paragraph vouches for the straight reading).
"""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.bled_ends import (
    drop_bled_last_line,
    drop_bled_lines,
    drop_detached_stops,
)

WIDTH = 56.0  # the first column's usual width, in characters

ABOVE = (1, "Tham mưu quy hoạch, kế hoạch tổng thể đầu tư phát triển hạ tầng số đồng bộ, bảo")
BELOW = (3, "đảm an toàn, an ninh, có tính dự phòng cho từng thời kỳ")


@pytest.mark.parametrize(
    "bled",
    [
        "Sở Khoa học và các sở, ban,",  # the lead's and the partners' wrapped words
        "Lô và Công .",  # "và Công" of "Sở Khoa học và Công nghệ" after a stray mark
    ],
)
def test_a_short_line_the_name_reads_straight_past_leaves_it(bled):
    assert drop_bled_lines([ABOVE, (2, bled), BELOW], WIDTH) == [ABOVE, BELOW]


@pytest.mark.parametrize(
    "parts",
    [
        # the name's own short middle line: "thời kỳ" / "10 năm" reads on
        [
            (1, "Tham mưu quy hoạch, kế hoạch tổng thể đầu tư phát triển hạ tầng số cho từng thời kỳ"),
            (2, "10 năm, bảo đảm an toàn,"),
            (3, "an ninh, có tính dự phòng"),
        ],
        # the line above is short: the name may end there and go on below another column's line
        [
            (1, "Xây dựng Đề án đào tạo chuyên sâu về an toàn thông tin mạng cho cán bộ chuyên trách"),
            (2, "2 tảng số được"),
            (3, "CNTT của tỉnh"),
            (4, "triển khai"),
        ],
        # a two-line name has no middle line
        [ABOVE, (2, "Sở Khoa học và các sở, ban,")],
    ],
)
def test_a_names_own_lines_are_kept(parts):
    assert drop_bled_lines(parts, WIDTH) == parts


NAME = (1, "Cơ sở dữ liệu kinh tế công nghiệp và thương mại của tỉnh, cụm công nghiệp")


@pytest.mark.parametrize(
    ("last", "kept", "taken"),
    [
        ("Saulkhi có", None, "Saulkhi có"),  # a deadline's "Sau khi có" OCR garbled, the whole line
        ("internet, công hoàn thành", None, "internet, công hoàn thành"),  # a partner's and an output's
        ("tư (PPP). phương", "tư (PPP).", "phương"),  # the name's sentence ends inside the line
    ],
)
def test_the_other_columns_words_on_a_names_short_last_line_leave_it(last, kept, taken):
    parts, bled = drop_bled_last_line([NAME, (2, last)], WIDTH)
    assert parts == ([NAME, (2, kept)] if kept else [NAME])
    assert bled == (2, taken)


LONG_ABOVE = (1, "Triển khai bộ tiêu chí đánh giá mức độ chuyển đổi số cho các")


def test_an_agencys_words_run_on_after_a_long_last_lines_end_leave_it():
    last = (2, "doanh nghiệp nhỏ và vừa, Sở Tài địa phương Bà tiêu chí")
    assert drop_bled_last_line([LONG_ABOVE, last], WIDTH) == (
        [LONG_ABOVE, (2, "doanh nghiệp nhỏ và vừa,")],
        (2, "Sở Tài địa phương Bà tiêu chí"),
    )


@pytest.mark.parametrize(
    "last",
    [
        "doanh nghiệp và cơ quan nhà nước theo hướng dẫn của Sở Tài chính",  # the name's object
        "doanh nghiệp, hợp tác xã trên địa bàn tỉnh và Ban Quản lý khu kinh tế",
    ],
)
def test_an_agency_the_name_names_on_its_long_last_line_stays(last):
    assert drop_bled_last_line([LONG_ABOVE, (2, last)], WIDTH) == ([LONG_ABOVE, (2, last)], None)


@pytest.mark.parametrize(
    "last",
    [
        "trên địa bàn tỉnh",  # the name's own ending, the model reads it on
        "và thương mại điện tử.",  # a line ending a sentence is the name's end
        "hợp tác xã, hộ kinh doanh và các doanh nghiệp nhỏ và vừa",  # as long as a wrapped line
    ],
)
def test_a_names_own_last_line_stays(last):
    assert drop_bled_last_line([NAME, (2, last)], WIDTH) == ([NAME, (2, last)], None)


def test_a_word_read_with_a_bracket_for_its_edge_letter_is_judged_by_its_letters():
    above = (1, "Xây dựng, triển khai ứng dụng Nền tảng quản lý thiết bị")
    last = (2, "camera, [oT của tỉnh")  # "IoT" with its "I" read as "["
    assert drop_bled_last_line([above, last], WIDTH) == ([above, last], None)
    bled = (2, "camera, [UBND] Sở Nội")  # marks around an agency's words: still the other columns'
    assert drop_bled_last_line([above, bled], WIDTH)[1] is not None


def test_a_one_line_name_has_no_last_line_to_judge():
    assert drop_bled_last_line([(1, "Saulkhi có")], WIDTH) == ([(1, "Saulkhi có")], None)


def test_a_full_stop_standing_alone_where_the_name_goes_on_is_dropped():
    parts = [(1, "đảm bảo đủ về số lượng, chất lượng, phù ."), (2, "hợp theo đặc thù lĩnh vực, vùng, miền")]
    assert drop_detached_stops(parts) == [(1, "đảm bảo đủ về số lượng, chất lượng, phù"), parts[1]]


@pytest.mark.parametrize(
    "parts",
    [
        [(1, "phát triển kinh tế - xã hội."), (2, "Trong đó ưu tiên các dự án")],  # glued: a sentence's end
        [(1, "phát triển kinh tế - xã hội"), (2, "của tỉnh .")],  # the name's last line keeps it
    ],
)
def test_a_names_own_full_stops_stay(parts):
    assert drop_detached_stops(parts) == parts


def test_a_line_of_agency_words_doubling_the_names_last_word_leaves_it():
    above = (1, "Tiếp nhận, đánh giá các giải pháp chuyển đổi số để đưa vào ứng dụng và")
    below = (3, "công bố trên cổng thông tin điện tử của tỉnh những sáng kiến")
    assert drop_bled_lines([above, (2, "và Công địa phương liên"), below], WIDTH) == [above, below]


def test_a_line_of_prose_after_the_same_word_stays():
    # "và và" with prose after it is the name's own line (an OCR slip doubled the word)
    parts = [
        (1, "Tiếp nhận, đánh giá các giải pháp chuyển đổi số để đưa vào ứng dụng và"),
        (2, "và nhân rộng các mô hình"),
        (3, "hiệu quả trên địa bàn tỉnh"),
    ]
    assert drop_bled_lines(parts, WIDTH) == parts
