"""Numbers and dates as Vietnamese offices write them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from theodoi.web.highlight import highlight, query_words
from theodoi.web.templatetags.theodoi import vn_date, vn_number


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.75, "0,75"), (80.0, "80"), (1234567, "1.234.567"), (1234.5, "1.234,5"), (0, "0"), (None, "—")],
)
def test_numbers_use_a_decimal_comma_and_dot_thousands(value: float | None, text: str) -> None:
    assert vn_number(value) == text


def test_dates_are_dd_mm_yyyy() -> None:
    assert vn_date(dt.date(2025, 2, 6)) == "06/02/2025"
    assert vn_date(None) == "—"


def test_django_date_filter_gives_dd_mm_yyyy_in_vietnamese() -> None:
    with translation.override("vi"):
        assert Template("{{ d|date }}").render(Context({"d": dt.date(2025, 2, 26)})) == "26/02/2025"
        assert formats.localize(dt.date(2025, 2, 26)) == "26/02/2025"
        assert formats.number_format(0.75) == "0,75"


@pytest.mark.parametrize(
    ("text", "query", "marked"),
    [
        ("chuyển đổi số", "chuyen doi so", "<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>"),
        ("Sở KH&CN", "kh&cn", "Sở <mark>KH&amp;CN</mark>"),
        ("Không có gì", "xyz", "Không có gì"),
        ("ĐỔI MỚI", "doi moi", "<mark>ĐỔI</mark> <mark>MỚI</mark>"),
    ],
)
def test_highlight_marks_folded_matches_in_the_printed_text(text: str, query: str, marked: str) -> None:
    assert highlight(text, query_words(query)) == marked


def test_query_words_are_folded_and_distinct() -> None:
    assert query_words("  Chuyển  đổi chuyen ") == ["chuyen", "doi"]
