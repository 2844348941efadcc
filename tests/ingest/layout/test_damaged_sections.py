"""A group heading whose roman numeral OCR read in lower case ("v" for "IV") between two rows."""

from __future__ import annotations

from theodoi.ingest.document import SourceLine
from theodoi.ingest.layout import make_line
from theodoi.ingest.layout.classify import damaged_section_code
from theodoi.ingest.layout.table import find_row_starts


def _line(number: int, raw: str, restored: str | None = None):
    return make_line(SourceLine(number=number, text=raw), restored)


def test_damaged_numeral_reads_from_raw_line_and_keeps_restored_words():
    line = _line(1, "v Phat trien, trong dung nhan luc", "vô Phát triển, trọng dụng nhân lực")
    assert damaged_section_code(line) == (5, "Phát triển, trọng dụng nhân lực")


def test_damaged_numeral_needs_a_capitalised_word_after_it():
    assert damaged_section_code(_line(1, "v phat trien nhan luc")) is None
    assert damaged_section_code(_line(1, "Va Phat trien nhan luc")) is None


def _table(heading_raw: str, heading_text: str):
    texts = [
        ("III. Tăng cường đầu tư hạ tầng", None),
        ("48 Xây dựng kế hoạch tổ chức hội nghị", None),
        ("49 Tập trung đầu tư trọng điểm", None),
        (heading_raw, heading_text),
        ("50 Triển khai chính sách phát triển nhân tài", None),
    ]
    return [_line(n, raw, text) for n, (raw, text) in enumerate(texts, start=1)]


def test_damaged_numeral_where_the_next_section_is_due_heads_a_section():
    lines = _table(
        "v Phat trien, trong dung nhan luc chat luong cao",
        "vô Phát triển, trọng dụng nhân lực chất lượng cao",
    )
    starts = find_row_starts(lines)
    assert [(s.kind, s.code) for s in starts] == [
        ("section", "III"),
        ("row", "48"),
        ("row", "49"),
        ("section", "IV"),
        ("row", "50"),
    ]
    assert starts[3].rest.startswith("Phát triển")


def test_lone_i_before_an_agency_is_cell_debris_not_a_section():
    lines = _table("i Cac So, ban, nganh lien quan", "i Các Sở, ban, ngành liên quan")
    assert [s.kind for s in find_row_starts(lines)] == ["section", "row", "row", "row"]


def test_damaged_numeral_that_is_not_the_next_one_heads_no_section():
    lines = _table(
        "vi Phat trien, trong dung nhan luc chat luong cao",
        "vi Phát triển, trọng dụng nhân lực chất lượng cao",
    )
    assert [s.kind for s in find_row_starts(lines)] == ["section", "row", "row", "row"]
