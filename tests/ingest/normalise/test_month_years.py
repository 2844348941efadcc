"""A yearless deadline month takes its neighbours' year when they print one and the same."""

from __future__ import annotations

from theodoi.ingest.normalise.month_years import fill_month_years, repair_table_years


def test_a_yearless_month_takes_the_one_year_around_it() -> None:
    got = fill_month_years(["Năm 2025 và những năm tiếp theo", "Tháng 08/", "Tháng 06/2025", "Tháng 7", None])
    assert got == ["Năm 2025 và những năm tiếp theo", "Tháng 08/2025", "Tháng 06/2025", "Tháng 7/2025", None]


def test_a_month_between_two_years_or_with_none_stays() -> None:
    assert fill_month_years(["12/2025", "Tháng 3/", "2026"]) == ["12/2025", "Tháng 3/", "2026"]
    assert fill_month_years(["Thường xuyên", "Tháng 3/", None]) == ["Thường xuyên", "Tháng 3/", None]
    assert fill_month_years(["2025-2026", "Tháng 3/"]) == ["2025-2026", "Tháng 3/"]  # two years above


def test_rows_without_a_deadline_get_none() -> None:
    assert fill_month_years([None, "6/2025", None]) == [None, "6/2025", None]
    assert repair_table_years(["Tháng 9/", "6/2025", "8/2025", "12/2025"])[0] == "Tháng 9/2025"
