"""A name line's words past its closing full stop that carry on an agency cell leave the name.

Corpora: name line parts and open agency cells written for these tests in the shape the
samples show (no gap mark on the line, the first column's cut by width only); negative cases
where the words after the stop carry on no open cell, open a capitalised sentence, or the cell
is absent.
"""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.closed_sentences import split_after_closing_stop


def test_an_agency_continuation_after_the_names_stop_goes_to_the_rest():
    head = "thông tin, dữ liệu. địa phương bản trên không gian"
    assert split_after_closing_stop(head, ["Các sở, ngành, Công an tỉnh"]) == (
        "thông tin, dữ liệu.",
        "địa phương bản trên không gian",
    )


@pytest.mark.parametrize(
    ("head", "cells"),
    [
        # the words after the stop carry on no open agency cell
        ("thông tin, dữ liệu. bản trên không gian", ["Các sở, ngành,"]),
        # a capitalised word after the stop: the name's next sentence
        ("bảo đảm an toàn. Địa phương bố trí kinh phí", ["Các sở, ngành,"]),
        # no agency cell open
        ("thông tin, dữ liệu. địa phương bản trên", []),
        # no stop inside the part
        ("thông tin, dữ liệu, địa phương bản trên", ["Các sở, ngành,"]),
    ],
)
def test_a_name_part_without_a_continuation_after_a_stop_stays(head, cells):
    assert split_after_closing_stop(head, cells) == (head, "")
