"""Words taken off a task name's end go back to their line's fragments (OCR'd interleaved rows).

The output cell's repairs read the row's fragments ("Quyết định của chủ" finished by "tịch
UBND tỉnh" on the line below), so words the name gives back must sit there, left of the
line's other fragments, as printed.
"""

from __future__ import annotations

from theodoi.ingest.layout.interleaved.inline import _give_to_fragments
from theodoi.ingest.layout.table import Row


def test_words_taken_off_the_name_open_their_lines_fragments():
    row = Row(
        "row", "22", {}, [], fragments=[(10, ["Các Sở, ngành,", "Quyết định của chủ"]), (11, ["UBND tỉnh"])]
    )
    _give_to_fragments(row, 11, "địa phương tịch")
    assert row.fragments[1] == (11, ["địa phương tịch", "UBND tỉnh"])


def test_words_of_a_line_without_fragments_make_its_own():
    row = Row("row", "22", {}, [], fragments=[(10, ["Các Sở, ngành,"])])
    _give_to_fragments(row, 12, "Saulkhi có")
    assert row.fragments == [(10, ["Các Sở, ngành,"]), (12, ["Saulkhi có"])]
