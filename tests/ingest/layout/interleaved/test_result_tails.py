"""An output's last words OCR ran on after the task name's last line (interleaved/result_tails)."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.result_tails import give_result_tail, give_result_tails
from theodoi.ingest.layout.table import Cell, Row


@pytest.mark.parametrize(
    ("name", "output", "expected"),
    [
        (
            "Tham mưu xây dựng kế hoạch phù hợp với điều kiện của tỉnh triển khai",
            "Kế hoạch của UBND tỉnh được ban hành",
            (
                "Tham mưu xây dựng kế hoạch phù hợp với điều kiện của tỉnh",
                "Kế hoạch của UBND tỉnh được ban hành triển khai",
            ),
        ),
        (
            "Xây dựng chương trình đầu tư công giai đoạn 2026 - 2030 ban hành",
            "Chương trình đầu tư công được",
            (
                "Xây dựng chương trình đầu tư công giai đoạn 2026 - 2030",
                "Chương trình đầu tư công được ban hành",
            ),
        ),
        (
            "Triển khai các nền tảng số cho người dân được triển khai.",
            "Nền tảng số",
            ("Triển khai các nền tảng số cho người dân", "Nền tảng số được triển khai"),
        ),
    ],
)
def test_a_result_phrase_ending_the_name_goes_to_the_output(name, output, expected) -> None:
    assert give_result_tail(name, output) == expected


@pytest.mark.parametrize(
    ("name", "output", "comment"),
    [
        ("Cung cấp 100% dữ liệu mở theo kế hoạch đã ban hành", "Dữ liệu mở", "'đã': the name's own"),
        ("Công bố những sáng kiến, giải pháp đã được lựa chọn", "Danh mục", "no result phrase at the end"),
        ("Xây dựng kế hoạch triển khai", "", "no output to carry on"),
        ("Đề án triển khai", "Đề án", "too few words left for a name"),
        ("Triển khai Đề án hỗ trợ doanh nghiệp", "Kế hoạch", "a result verb opening the name"),
    ],
)
def test_a_name_keeps_its_words_otherwise(name, output, comment) -> None:
    assert give_result_tail(name, output) == (name, output), comment


def test_rows_give_their_result_tails_to_their_output_cells() -> None:
    rows = [
        Row(
            "row",
            "3",
            {"name": Cell("Xây dựng các khu công nghệ số tập trung triển khai"), "output": Cell("Khu")},
        ),
        Row("section", "II", {"title": Cell("PHÁT TRIỂN HẠ TẦNG triển khai")}),
        Row("row", "4", {"name": Cell("Xây dựng quy chế quản lý dữ liệu triển khai")}),
    ]
    give_result_tails(rows, "name", "output")
    assert (rows[0].cells["name"].text, rows[0].cells["output"].text) == (
        "Xây dựng các khu công nghệ số tập trung",
        "Khu triển khai",
    )
    assert rows[1].cells["title"].text == "PHÁT TRIỂN HẠ TẦNG triển khai"
    assert rows[2].cells["name"].text == "Xây dựng quy chế quản lý dữ liệu triển khai"
