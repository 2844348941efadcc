"""A "Tháng" ending a line above a month whose year OCR garbled or lost: carried down as "Tháng M/"."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.deadlines import split_deadline_tail
from theodoi.ingest.layout.interleaved.yearless_months import join_yearless_months


@pytest.mark.parametrize(
    ("above", "below", "month"),
    [
        ("qua chống khai thác Thén", "hải sản bất hợp pháp 08/ OégS", "Tháng 08/"),  # year garbled
        ("xe trong đô thị Théang", "không dừng tại bến |, 7", "Tháng 7/"),  # year lost
        ("ngành, địa’ . Than", "ngành, địa’ đề án 2 /202g5", "Tháng 2/"),
    ],
)
def test_a_month_word_above_a_yearless_month_joins_it(above: str, below: str, month: str) -> None:
    out = join_yearless_months({1: above, 2: below})
    assert out[2].endswith(month)
    assert split_deadline_tail(out[2])[1] == month
    assert out[1] == above.rsplit(" ", 1)[0]


@pytest.mark.parametrize(
    ("above", "below"),
    [
        ("theo tháng", "theo khoản 7"),  # a lower-case word: the name's "tháng"
        ("các sở Than", "hạ tầng mạng và dịch vụ"),  # no month below
        ("khai thác Thén", "bảo đảm 2 /2025"),  # a whole month: the wrapped-month join's
        ("khai thác Thân", "số 17"),  # not a month number
    ],
)
def test_no_month_word_or_no_yearless_month_stays(above: str, below: str) -> None:
    assert join_yearless_months({1: above, 2: below}) == {1: above, 2: below}
