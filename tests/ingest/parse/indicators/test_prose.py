"""Prose targets: bullets under "Đến hết năm ..." headings, the target and unit they state."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.lines import lines_from_text
from theodoi.ingest.parse.indicators import parse_indicators


def bullet(text: str):
    """The one indicator a single bullet under a 2030 horizon gives."""
    (ind,) = parse_indicators(lines_from_text(f"2. Mục tiêu cụ thể\n2.1. Đến hết năm 2030\n- {text}\n"))
    return ind


# (bullet, expected (target, op, value, value_max, unit), comment)
CASES = [
    (
        "Có 8 - 10 trung tâm nghiên cứu, phát triển trọng điểm.",
        ("8 - 10", "range", 8, 10, "Trung tâm"),
        "range",
    ),
    (
        "Mỗi năm có 50 đến 60 dự án khởi nghiệp sáng tạo.",
        ("50 - 60", "range", 50, 60, "Dự án"),
        "range in words",
    ),
    ("80% - 90% dân số sử dụng dịch vụ số.", ("80 - 90", "range", 80, 90, "%"), "range of percentages"),
    (
        "Có từ 12 người thực hiện công tác nghiên cứu khoa học trên 01 vạn dân.",
        ("≥ 12", ">=", 12, None, "Người/vạn dân"),
        "a count per head of population",
    ),
    ("Có ≥ 15 doanh nghiệp khoa học và công nghệ.", ("≥ 15", ">=", 15, None, "Doanh nghiệp"), "unchanged"),
    ("Có ≥ 500 cán bộ nghiên cứu khoa học.", ("≥ 500", ">=", 500, None, None), "no unit it knows"),
    (
        "Có ≥ 15 doanh nghiệp trên 01 vạn dân tham gia.",
        ("≥ 15", ">=", 15, None, "Doanh nghiệp"),
        "no such rate in the vocabulary: the count's unit stays",
    ),
    ("Triển khai giai đoạn 2026 - 2030 các đề án chuyển đổi số.", (None, "text", None, None, None), "years"),
    ("Tỷ lệ hồ sơ xử lý trực tuyến đạt tối thiểu 80%.", ("≥ 80", ">=", 80, None, "%"), "at least, in words"),
    ("Kinh tế số chiếm trên 30% GRDP.", ("> 30", ">", 30, None, "% GRDP"), "above, in words"),
    ("Tỷ lệ đạt từ 70% trở lên.", ("≥ 70", ">=", 70, None, "%"), "from ... upwards"),
    ("Có 1.500 doanh nghiệp công nghệ số.", ("1.500", "=", 1500, None, "Doanh nghiệp"), "a count of a unit"),
    ("Điểm đánh giá đạt 0,5 điểm.", ("0,5", "=", 0.5, None, "Điểm"), "a unit closing the sentence"),
    ("Phủ sóng 5G toàn tỉnh.", (None, "text", None, None, None), "negative: 5G is no count"),
    ("Có 20 tỉnh tham gia mạng lưới.", ("Có", "text", None, None, None), "negative: no unit named"),
]


@pytest.mark.parametrize(("text", "expected", "comment"), CASES)
def test_a_prose_bullet_states_its_target_and_unit(text, expected, comment):
    ind = bullet(text)
    assert (ind.target, ind.op, ind.value, ind.value_max, ind.unit) == expected, comment


def names(body: str) -> list[str]:
    """The names of the indicators a 2030 horizon holding ``body`` gives."""
    text = f"2. Mục tiêu cụ thể\n2.1. Đến hết năm 2030\n{body}"
    return [ind.name for ind in parse_indicators(lines_from_text(text))]


FULL = "- Các trung tâm điều hành thông minh cấp tỉnh đóng vai trò là bộ não số, giúp các cơ quan"


def test_a_sentence_broken_inside_kinh_te_xa_hoi_stays_one_indicator():
    body = f"{FULL}\nquản lý hiệu quả trên nhiều lĩnh vực như kinh tế cho đến từng xã, phường và ấp\n- xã hội, an ninh, giao thông.\n"
    assert names(body) == [
        FULL[2:] + " quản lý hiệu quả trên nhiều lĩnh vực như kinh tế cho đến từng xã, phường và ấp"
        " - xã hội, an ninh, giao thông"
    ]


def test_a_sentence_a_page_break_splits_goes_on_after_the_blank_line():
    body = f"{FULL}\n\nchính quyền điều hành hiệu quả.\n\n- 100% dân số dùng dịch vụ số.\n"
    assert names(body) == [FULL[2:] + " chính quyền điều hành hiệu quả", "100% dân số dùng dịch vụ số"]


def test_a_short_or_closed_line_ends_its_bullet():
    # A line short of the margin, or one closed by a stop, ends its sentence: the lower-case
    # bullet after it is an indicator of its own, and a paragraph after a blank line is not one.
    body = f"{FULL}.\n- xã hội số phát triển mạnh.\n\n- Có ≥ 15 doanh nghiệp\n\nghi chú của bảng.\n"
    assert names(body) == [FULL[2:], "xã hội số phát triển mạnh", "Có ≥ 15 doanh nghiệp"]


def horizons(text: str) -> list[tuple[int, str]]:
    return [(ind.horizon, ind.name) for ind in parse_indicators(lines_from_text(text))]


@pytest.mark.parametrize(
    ("heading", "year"),
    [
        ("2.1. Đến hết năm 2025", 2025),
        ("a) Mục tiêu đến năm 2030", 2030),
        ("b) Mục tiêu cụ thể đến năm 2030", 2030),
        ("2.2. Đến năm 2030, phấn đấu đạt các chỉ tiêu sau:", 2030),
        ("Tầm nhìn đến năm 2045", 2045),
        ("2.1. Giai đoạn 2026 - 2030", 2030),
    ],
)
def test_a_horizon_heading_in_its_phrasings(heading, year):
    text = f"2. Mục tiêu cụ thể\n{heading}\n- Kinh tế số chiếm 30% GRDP.\n"
    assert horizons(text) == [(year, "Kinh tế số chiếm 30% GRDP")]


def test_a_horizon_sentence_stating_a_target_is_no_heading():
    # Digits after the year, or words not closed by a colon, make a sentence, not a heading.
    text = "2. Mục tiêu cụ thể\nĐến năm 2030, kinh tế số chiếm 30% GRDP.\n- Có 20 doanh nghiệp.\n"
    assert horizons(text) == []


def test_the_tasks_part_ends_the_targets():
    text = (
        "2.1. Đến năm 2030\n- Kinh tế số chiếm 30% GRDP.\nIV. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "1. Giai đoạn 2026 - 2030\n- Triển khai 20 nền tảng số.\n"
    )
    assert horizons(text) == [(2030, "Kinh tế số chiếm 30% GRDP")]


def test_lettered_items_stating_a_number_are_targets_and_lettered_headings_are_not():
    text = (
        "2.1. Đến năm 2030\na) Về hạ tầng số (gồm 2 chỉ tiêu)\n"
        "a) Tỷ lệ dịch vụ công trực tuyến toàn trình đạt 80%.\nb) Có 20 doanh nghiệp công nghệ số.\n"
    )
    assert horizons(text) == [
        (2030, "Tỷ lệ dịch vụ công trực tuyến toàn trình đạt 80%"),
        (2030, "Có 20 doanh nghiệp công nghệ số"),
    ]


@pytest.mark.parametrize(
    ("text", "doubtful"),
    [
        ("Có ≥ 15 doanh nghiệp KH&CN trên địa bàn.", False),
        ("100% người dân có tài khoản “định danh” (VNeID), tốc độ 01Gb/s, phủ sóng 5G.", False),
        ("8C > 70% giao dịch hành chính thuộc diện phi tiếp xúc.", True),
        ("Có > 40% kết quả được (’ứng dụng thực tiễn.", True),
        ("đẩy mạnh ứng dụng thương mại điện tử, đạt 15% GRDP.", True),
    ],
)
def test_a_name_a_scan_damaged_is_flagged_for_review(text, doubtful):
    # Smudged words or a lost capital lower the name's confidence, so the review screen puts it first.
    assert (bullet(text).provenance.confidence["name"] < 0.6) is doubtful
