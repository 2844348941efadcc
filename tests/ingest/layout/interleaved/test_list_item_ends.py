"""A listed agency name's last item read as an OCR'd name's last line, given back.

Corpora: name parts written for these tests in the shape OCR'd interleaved rows show (a
partners' collective "Công nghệ; các" / "sở, ban, ngành," / "địa phương" whose last line
stands below the name's end, no gap mark), with the other columns' words above; negative
cases where the same words are the name's (no open list above, the list already finished
there, the name governing the item, a long last line, a one-word item).
"""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.list_item_ends import take_listed_item_line

_NAME = [
    (1, "Xây dựng chương trình đầu tư công về phát triển khoa học,"),
    (2, "công nghệ, đổi mới sáng tạo giai đoạn 2026 — 2030 và các giai đoạn tiếp theo"),
]


@pytest.mark.parametrize(
    ("last", "above", "pieces"),
    [
        pytest.param(
            ": địa phương ban hành", "Sở Tài chính sở, ban, ngành, công được", ["địa phương", "ban hành"]
        ),
        pytest.param("địa phương", "Công nghệ; các số, ban, ngành, hoạt động", ["địa phương"]),
        pytest.param(
            "địa phương tịch", "Sở Khoa học Các Sở, ngành, Quyết định của chủ", ["địa phương", "tịch"]
        ),
        pytest.param(
            "công nghệ thông tin",
            "Sở Tài chính; các doanh nghiệp viễn thông, internet,",
            ["công nghệ thông tin"],
        ),
    ],
)
def test_item_of_an_open_list_leaves_the_name(last: str, above: str, pieces: list[str]) -> None:
    parts, taken = take_listed_item_line([*_NAME, (3, last)], above, 56.0)
    assert parts == _NAME
    assert taken == (3, pieces)


@pytest.mark.parametrize(
    ("parts", "above"),
    [
        pytest.param(
            [*_NAME, (3, "địa phương ban hành")], "Sở Tài chính, Sở Nội vụ", id="no list open above"
        ),
        pytest.param(
            [*_NAME, (3, "địa phương ban hành")],
            "Các sở, ban, ngành, địa phương; Sở Nội vụ",
            id="list finished above",
        ),
        pytest.param(
            [(1, "Hướng dẫn, hỗ trợ chuyển đổi số cho các"), (2, "địa phương")],
            "Các sở, ngành,",
            id="governed",
        ),
        pytest.param(
            [*_NAME, (3, "địa phương trong việc triển khai các nhiệm vụ của chương trình")],
            "Các sở, ngành,",
            id="long line",
        ),
        pytest.param([*_NAME, (3, "phường trên địa bàn")], "UBND các xã,", id="one-word item"),
        pytest.param([(3, "địa phương ban hành")], "Các sở, ngành,", id="one line"),
    ],
)
def test_name_keeps_its_last_line(parts: list[tuple[int, str]], above: str) -> None:
    assert take_listed_item_line(parts, above, 56.0) == (parts, None)
