"""The lead told by the order of words on an OCR'd row's lines, among the names it holds.

Corpora: fragment lines of interleaved rows (the lead "Sở Khoa học và" / "Công nghệ" beside
the partners' "Các sở, ban," / "ngành, địa" / "phương;"), with the lead and partners
expected; negative cases where the order does not tell, or a name is only half read.
"""

from __future__ import annotations

from theodoi.ingest.parse.left_lead import lead_left_of_found
from theodoi.ingest.parse.tasks import _fragment_words, _stands_left_of, _word_places

COLLECTIVE = "Các sở, ban, ngành, địa phương"
SCIENCE = "Sở Khoa học và Công nghệ"


def lines_of(*rows: list[str]) -> list[list[str]]:
    return _fragment_words([(n, pieces) for n, pieces in enumerate(rows)])


def test_a_name_no_cell_holds_printed_left_of_the_lead_is_the_lead() -> None:
    lines = lines_of(["Các số. bản"], ["Sở Khoa học và ngành, địa"], ["Công nghệ phương;"])
    got = lead_left_of_found([COLLECTIVE], [], [SCIENCE], lines, _word_places, _stands_left_of)
    assert got == ([SCIENCE], [COLLECTIVE])


def test_a_name_printed_right_of_the_lead_stays_out() -> None:
    lines = lines_of(["Các sở, ban,"], ["ngành, địa Sở Khoa học và"], ["phương Công nghệ"])
    got = lead_left_of_found([COLLECTIVE], [], [SCIENCE], lines, _word_places, _stands_left_of)
    assert got == ([COLLECTIVE], [])


def test_a_lead_only_half_read_is_not_moved() -> None:
    # "hoạch" of the output's "Kế hoạch" reads like "học": the science name is not read whole
    lines = lines_of(["Sở Khoa hộ", "Các Sở, ban, ngành,"], ["0 hóa hót và", "UBND các huyện,", "Kế hoạch"])
    found = ["UBND các huyện, thị xã, thành phố"]
    got = lead_left_of_found([SCIENCE], ["Các Sở, ban, ngành"], found, lines, _word_places, _stands_left_of)
    assert got == ([SCIENCE], ["Các Sở, ban, ngành"])
