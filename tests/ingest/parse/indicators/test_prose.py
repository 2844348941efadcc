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
