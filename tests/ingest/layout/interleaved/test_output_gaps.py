"""A narrow cell's line holding the output's opening past a gap mark (interleaved/output_gaps)."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.output_gaps import output_after_gap
from theodoi.ingest.layout.interleaved.segmented import segmented_rest
from theodoi.ingest.parse.tasks import TASK_COLUMNS


def test_an_output_kind_past_a_gap_is_split_off() -> None:
    assert output_after_gap("7 . ở Công nghệ; các | Đề án, dự án") == ("7 . ở Công nghệ; các", "Đề án, dự án")


@pytest.mark.parametrize(
    ("text", "comment"),
    [
        ("Công nghệ; các | dự án được", "lowercase words past the gap open no output"),
        ("Sở Khoa học và | Các sở, ngành,", "an agency past the gap"),
        ("| Kế hoạch", "nothing before the gap"),
        ("Sở Khoa học và Kế hoạch", "no gap mark"),
    ],
)
def test_a_line_without_an_output_opening_past_a_gap_stays_whole(text, comment) -> None:
    assert output_after_gap(text) == (text, ""), comment


def test_a_partners_opening_line_gives_its_words_past_the_gap_to_the_output() -> None:
    others = [c for c in TASK_COLUMNS if not c.first]
    rests = [(1, "Công nghệ; các | Đề án, dự án"), (2, "Sở Tài chính các sở, ngành được xây dựng")]
    row = segmented_rest(rests, others, partner_lines={1})
    assert row.cells["support"].text.startswith("Công nghệ; các")
    assert row.cells["output"].text.startswith("Đề án, dự án")


def test_a_partners_opening_line_without_a_gap_goes_to_the_partners_whole() -> None:
    others = [c for c in TASK_COLUMNS if not c.first]
    row = segmented_rest([(1, "Sở Khoa học và")], others, partner_lines={1})
    assert row.cells["support"].text == "Sở Khoa học và"
    assert "output" not in row.cells
