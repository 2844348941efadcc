"""The "liên quan" tail of an OCR'd collective partner (parse.related_tails)."""

from __future__ import annotations

import pytest

from theodoi.ingest.parse.related_tails import related_tail

# (name, the row's fragments, the partners' cell, what the cell prints)
PRINTED_TAILS = {
    "'liên' right after its last word, 'quan' garbled": (
        "Các sở, ngành, địa phương",
        [(10, ["Sở Khoa học", "Các sở, ngành, ‘"]), (12, ["địa phương liên Cơ sở dữ liệu"])],
        None,
        "Các sở, ngành, địa phương liên quan",
    ),
    "'có' right after it, 'liên' on the next line": (
        "Các sở, ngành",
        [(10, ["Số Khoahoc", "Văn bản"]), (11, ["Các Số, ngành có AI số 1"]), (12, ["và Công liên quan"])],
        None,
        "Các sở, ngành có liên quan",
    ),
    "read in the partners' cell": (
        "Các sở, ngành, địa phương",
        [(10, ["Sở Khoa học"]), (12, ["pháp được đánh giá,"])],
        "Các sở, ngành, địa phương liên và Công nghệ",
        "Các sở, ngành, địa phương liên quan",
    ),
    "a further member, then the tail opening a line below": (
        "Các sở, ban, ngành, địa phương",
        [
            (10, ["Các sở, ban, ngành, địa"]),
            (11, ["phương, đơn vị"]),
            (12, ["- thành"]),
            (13, ["có liên quan"]),
        ],
        None,
        "Các sở, ban, ngành, địa phương, đơn vị có liên quan",
    ),
}


@pytest.mark.parametrize("case", PRINTED_TAILS)
def test_a_collective_takes_the_related_tail_printed_after_it(case) -> None:
    name, fragments, cell, expected = PRINTED_TAILS[case]
    assert related_tail(name, fragments, cell) == expected


@pytest.mark.parametrize(
    ("name", "fragments", "comment"),
    [
        (
            "Các sở, ngành",
            [
                (10, ["Sở Nội vụ;", "Văn bản"]),
                (11, ["Các số, ngành của cấp có thẩm"]),
                (12, ["liên quan quyền"]),
            ],
            "another column's words follow the name: 'có' is not right after it",
        ),
        (
            "Các sở, ngành",
            [(10, ["Các sở, ngành có"]), (11, ["Kế hoạch"]), (12, ["hành"])],
            "'có' with no 'liên' after it",
        ),
        (
            "Sở Tài chính",
            [(10, ["Sở Tài chính liên quan"])],
            "a named agency, no collective",
        ),
        (
            "Các sở, ngành",
            [(10, ["Các sở, ngành", "Văn bản"]), (11, ["liên quan đến"])],
            "other words follow the name on its line: a tail below is another column's",
        ),
    ],
)
def test_a_name_keeps_no_tail_it_does_not_print(name, fragments, comment) -> None:
    assert related_tail(name, fragments) == name, comment
