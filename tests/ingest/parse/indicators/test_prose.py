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
