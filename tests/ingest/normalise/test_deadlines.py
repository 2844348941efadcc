"""Deadlines as printed -> parsed form: every deadline form found in the sample plans."""

from __future__ import annotations

import pytest

from theodoi.ingest.normalise.deadlines import (
    is_deadline_text,
    parse_deadline,
    repair_past_years,
    tidy_deadline,
)

# (printed, kind, due, comment)
CASES = [
    ("06/2025", "month", "2025-06-30", "month/year, zero-padded"),
    ("9/2025", "month", "2025-09-30", "month/year"),
    ("12/2025", "month", "2025-12-31", "end of year month"),
    ("Tháng 08/2025", "month", "2025-08-31", "with the word Tháng"),
    ("Tháng 7/2025", "month", "2025-07-31", ""),
    ("15/6/2025", "date", "2025-06-15", "a day"),
    ("2026", "year", "2026-12-31", "a year"),
    ("Năm 2025", "year", "2025-12-31", "Năm + year"),
    ("Quý I/2026", "quarter", "2026-03-31", "roman quarter"),
    ("Quý 1/2026", "quarter", "2026-03-31", "arabic quarter"),
    ("Quý IV/2025", "quarter", "2025-12-31", ""),
    ("2025-2030", "range", "2030-12-31", "range of years"),
    ("2025 - 2026", "range", "2026-12-31", "spaced range"),
    ("Hằng tháng", "recurring", None, "monthly"),
    ("Hàng tháng", "recurring", None, "monthly, other spelling"),
    ("Hàng năm", "recurring", None, "yearly"),
    ("Hằng năm", "recurring", None, ""),
    ("Quý I hằng năm", "recurring", None, "a quarter every year"),
    ("Định kỳ theo Đề án", "recurring", None, "periodic per a scheme"),
    ("Thường xuyên", "continuous", None, ""),
    ("Nhiệm vụ thường xuyên", "continuous", None, ""),
    ("Ngay sau khi Trung ương ban hành", "event", None, "conditional on an event"),
    ("Ngay khi Bộ Công an ban hành", "event", None, ""),
    ("Sau khi Bộ Nội vụ ban hành chính sách", "event", None, ""),
    ("Theo kế hoạch của Bộ Quốc phòng", "event", None, ""),
    ("Theo chỉ đạo của Trung ương", "event", None, ""),
    ("Quy 1/2026", "quarter", "2026-03-31", "OCR'd, marks lost"),
    ("Thuong xuyen", "continuous", None, "OCR'd, marks lost"),
    ("Hang nam", "recurring", None, "OCR'd, marks lost"),
]


@pytest.mark.parametrize(("printed", "kind", "due", "comment"), CASES, ids=[c[0] for c in CASES])
def test_deadline_forms_parse_to_kind_and_due(printed, kind, due, comment):
    parsed = parse_deadline(printed)
    assert parsed is not None
    assert parsed["kind"] == kind
    assert parsed.get("due") == due
    assert parsed["text"] == printed


@pytest.mark.parametrize(
    ("printed", "then"),
    [
        ("12/2025 và thường xuyên", "continuous"),
        ("2025-2027 và thường xuyên", "continuous"),
        ("Năm 2025 và những năm tiếp theo", "recurring"),
        ("2025 và những năm tiếp theo", "recurring"),
        ("2025-2026 và nâng cấp, mở rộng thường xuyên", "continuous"),
    ],
)
def test_deadline_followed_by_continuation_keeps_first_due(printed, then):
    parsed = parse_deadline(printed)
    assert parsed["kind"] in ("month", "year", "range")
    assert parsed["due"]
    assert parsed["then"] == then


def test_yearly_cadence_is_annual():
    assert parse_deadline("Hàng năm")["cadence"] == "annual"


def test_monthly_cadence_is_monthly():
    assert parse_deadline("Hằng tháng")["cadence"] == "monthly"


@pytest.mark.parametrize("empty", ["", "   ", None])
def test_empty_cell_has_no_deadline(empty):
    assert parse_deadline(empty) is None


@pytest.mark.parametrize("text", ["Văn bản hướng dẫn", "Sở Khoa học và Công nghệ", "abc"])
def test_text_that_is_no_deadline_is_unknown(text):
    assert parse_deadline(text)["kind"] == "unknown"


def test_impossible_month_is_not_a_month():
    assert parse_deadline("13/2025")["kind"] != "month"


@pytest.mark.parametrize("text", ["12/2025", "Thường xuyên", "Quý 1/2026", "2025-2030", "Hằng năm"])
def test_deadline_cells_are_recognised(text):
    assert is_deadline_text(text)


@pytest.mark.parametrize(
    "text", ["Sở Tài chính", "Kế hoạch của UBND tỉnh", "Triển khai Đề án 06/2025 của tỉnh"]
)
def test_other_cells_are_not_deadlines(text):
    assert not is_deadline_text(text)


@pytest.mark.parametrize(
    ("ocr_cell", "tidy"),
    [
        ("12/2025 và thường xuyên", "12/2025 và thường xuyên"),
        ("Năm 2026 và Thường xuyên", "Năm 2026 và thường xuyên"),
        ("Thường", "Thường xuyên"),
        ("xuyên", "Thường xuyên"),
        ("08/2025 quy", "08/2025"),
        ("Quy 1/2026", "Quy 1/2026"),
        ("Hằng năm", "Hằng năm"),
        ("Ngay khi Bộ Công an ban hành", "Ngay khi Bộ Công an ban hành"),
        # the "và" of a joined period is often read into a neighbour column
        ("2025-2027 thường xuyên", "2025-2027 và thường xuyên"),
        ("Năm 2025 và những năm tiếp theo", "Năm 2025 và những năm tiếp theo"),
        ("Năm 2025 những năm tiếp theo", "Năm 2025 và những năm tiếp theo"),
        ("Quý I hằng năm", "Quý I hằng năm"),
        ("Năm 2025 và", "Năm 2025"),
        # OCR loses or adds the final g of the continuous phrase
        ("Thuon", "Thường xuyên"),
        ("Xuyéng", "Thường xuyên"),
        ("Thuỗn", "Thường xuyên"),
        # a lone "Thương" after the date ends "Sở Công Thương" of the agency column
        ("06/2025 Thường", "06/2025"),
        ("Năm 2025 thương", "Năm 2025"),
        ("Thường 2050", "Thường xuyên"),
        ("Năm 2025 và thường", "Năm 2025 và thường xuyên"),
        # the row above's "xuyên" wrapped onto this row's first line
        ("xuyên Hằng năm", "Hằng năm"),
        ("xuyên 12/2025", "12/2025"),
        # "Hằng năm" with its marks and g lost, capitalised as a cell opens
        ("Hine năm", "Hằng năm"),
        ("Hing năm", "Hằng năm"),
        ("hơn năm", "hơn năm"),
        ("2025-2026 và nâng cấp, mở rộng thường xuyên", "2025-2026 và nâng cấp, mở rộng thường xuyên"),
        ("2025-2026 và nâng cấp, mở rộng thuong xuyên", "2025-2026 và nâng cấp, mở rộng thường xuyên"),
        ("2025-2026 và nâng cấp", "2025-2026"),
        ("2025-2026 VÀ nạn cấp, mở", "2025-2026 và nâng cấp, mở rộng thường xuyên"),  # told by its opening
        # "thường" read into a neighbour column, "xuyên" with its e doubled
        ("12/2025 và xuyeén", "12/2025 và thường xuyên"),
    ],
)
def test_ocr_deadline_cell_is_tidied_to_what_was_printed(ocr_cell, tidy):
    assert tidy_deadline(ocr_cell) == tidy


def test_ocr_year_in_a_past_decade_takes_the_tables_decade():
    table = ["12/2025", "Năm 2026", "2025-2007", "12/2008", "Thường xuyên", None]
    assert repair_past_years(table) == ["12/2025", "Năm 2026", "2025-2027", "12/2028", "Thường xuyên", None]


def test_later_years_and_tables_without_a_clear_decade_stay_as_printed():
    assert repair_past_years(["12/2025", "2025-2030", "Năm 2030", "06/2026"]) == [
        "12/2025",
        "2025-2030",
        "Năm 2030",
        "06/2026",
    ]
    # too few years to tell the table's decade: nothing is rewritten
    assert repair_past_years(["12/2025", "12/2008"]) == ["12/2025", "12/2008"]
    # no decade prints most years
    assert repair_past_years(["2005", "2006", "2007", "2025", "2026", "2027"]) == [
        "2005",
        "2006",
        "2007",
        "2025",
        "2026",
        "2027",
    ]


def test_a_year_read_without_its_decade_digit_takes_the_tables_decade() -> None:
    """ "205 và" / "thuỗn": the year's third digit lost; the table's years give it back."""
    short = tidy_deadline("205 và thuỗn")
    assert short == "205 và thường xuyên"
    table = ["12/2025", "Năm 2026", "2025-2027", short]
    assert repair_past_years(table)[-1] == "2025 và thường xuyên"


def test_a_short_number_stays_without_the_tables_years_or_a_va() -> None:
    assert repair_past_years(["205 và thường xuyên", "12/2025"]) == ["205 và thường xuyên", "12/2025"]
    assert repair_past_years(["Trong 200 ngày", "12/2025", "06/2025", "2026"])[0] == "Trong 200 ngày"
    assert tidy_deadline("205 ngày thuỗn") == "Thường xuyên"
