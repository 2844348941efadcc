"""Section headings recovered from the body: the title leaves the first row's name."""

from __future__ import annotations

from theodoi.ingest.layout import lines_from_text
from theodoi.ingest.layout.table import Cell, Row
from theodoi.ingest.parse.sections import _drop_title_from_name, _whole_heading

TITLE = "Phát triển, trọng dụng nhân lực chất lượng cao, nhân tài đáp ứng yêu cầu phát triển khoa học"


def row_named(name: str) -> Row:
    return Row("row", "46", {"name": Cell(name, [1], 0.7)}, [1])


def test_a_lost_sections_title_opening_the_first_rows_name_leaves_it() -> None:
    # OCR damage in the title ("nhân vô tài") still matches it
    row = row_named(
        "Phát triển, trọng dụng nhân lực chất lượng cao, nhân vô tài đáp ứng yêu cầu phát triển "
        "khoa học Tập trung nguồn lực thực hiện các nhiệm vụ được giao"
    )
    _drop_title_from_name(row, TITLE)
    assert row.cells["name"].text == "Tập trung nguồn lực thực hiện các nhiệm vụ được giao"


def test_a_name_that_does_not_open_with_the_title_keeps_its_words() -> None:
    for name in (
        "Tập trung nguồn lực thực hiện các nhiệm vụ được giao",
        "Phát triển nguồn nhân lực số cho doanh nghiệp nhỏ và vừa trên địa bàn tỉnh",
    ):
        row = row_named(name)
        _drop_title_from_name(row, TITLE)
        assert row.cells["name"].text == name


def test_a_body_heading_is_read_with_the_lines_it_wraps_onto() -> None:
    body = lines_from_text(
        "4. Phát triển, trọng dụng nhân lực chất lượng cao, nhân tài đáp ứng\n"
        "yêu cầu phát triển khoa học, công nghệ\n"
        "a) Tập trung nguồn lực thực hiện"
    )
    assert _whole_heading(body, body[0]) == (
        "Phát triển, trọng dụng nhân lực chất lượng cao, nhân tài đáp ứng yêu cầu phát triển khoa học, công nghệ"
    )
