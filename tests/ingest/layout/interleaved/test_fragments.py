"""A line's rest cut into column fragments at agency openers.

Corpora: rests of OCR'd interleaved lines (lead and partners' cells side by side, no gap
mark between them), with the fragments expected; negative cases where one name's words
stay together.
"""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.fragments import _fragments


def test_a_head_printed_twice_is_two_cells_heads() -> None:
    assert _fragments("Các Sở Sở Khoa học và") == ["Các Sở", "Sở Khoa học và"]


@pytest.mark.parametrize(
    ("rest", "comment"),
    [
        ("Sở Khoa học và", "one name"),
        ("Các sở Ban ngành", "a head after a collective's 'sở' carries it on"),
    ],
)
def test_one_names_words_stay_together(rest, comment) -> None:
    assert _fragments(rest) == [rest], comment
