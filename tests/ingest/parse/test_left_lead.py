"""The lead told by the order of words on an OCR'd row's lines, among the names it holds.

Corpora: fragment lines of interleaved rows (the lead "Sở Khoa học và" / "Công nghệ" beside
the partners' "Các sở, ban," / "ngành, địa" / "phương;"), with the lead and partners
expected; negative cases where the order does not tell, or a name is only half read.
"""

from __future__ import annotations

from theodoi.ingest.parse.left_lead import place_found_names
from theodoi.ingest.parse.tasks import _fragment_words, _stands_left_of, _word_places

COLLECTIVE = "Các sở, ban, ngành, địa phương"
SCIENCE = "Sở Khoa học và Công nghệ"


def lines_of(*rows: list[str]) -> list[list[str]]:
    return _fragment_words([(n, pieces) for n, pieces in enumerate(rows)])


def test_a_name_no_cell_holds_printed_left_of_the_lead_is_the_lead() -> None:
    lines = lines_of(["Các số. bản"], ["Sở Khoa học và ngành, địa"], ["Công nghệ phương;"])
    got = place_found_names([COLLECTIVE], [], [SCIENCE], lines, _word_places, _stands_left_of)
    assert got == ([SCIENCE], [COLLECTIVE])


def test_a_name_printed_right_of_the_lead_is_a_partner_not_the_lead() -> None:
    lines = lines_of(["Các sở, ban,"], ["ngành, địa Sở Khoa học và"], ["phương Công nghệ"])
    got = place_found_names([COLLECTIVE], [], [SCIENCE], lines, _word_places, _stands_left_of)
    assert got == ([COLLECTIVE], [SCIENCE])


def test_a_lead_only_half_read_is_not_moved() -> None:
    # "hoạch" of the output's "Kế hoạch" reads like "học": the science name is not read whole
    lines = lines_of(["Sở Khoa hộ", "Các Sở, ban, ngành,"], ["0 hóa hót và", "UBND các huyện,", "Kế hoạch"])
    found = ["UBND các huyện, thị xã, thành phố"]
    got = place_found_names([SCIENCE], ["Các Sở, ban, ngành"], found, lines, _word_places, _stands_left_of)
    assert got == ([SCIENCE], ["Các Sở, ban, ngành"])


HOME = "Sở Nội vụ"


def test_a_name_no_cell_holds_printed_right_of_the_lead_is_a_partner() -> None:
    lines = lines_of(["Sở Khoa học và Sở Nội vụ"], ["Công nghệ"])
    got = place_found_names([SCIENCE], [], [HOME], lines, _word_places, _stands_left_of)
    assert got == ([SCIENCE], [HOME])


def test_a_name_printed_left_of_the_lead_is_no_partner_but_the_lead() -> None:
    lines = lines_of(["Sở Nội vụ Sở Khoa học và"], ["Công nghệ"])
    got = place_found_names([SCIENCE], [], [HOME], lines, _word_places, _stands_left_of)
    assert got == ([HOME], [SCIENCE])


def test_no_partner_is_added_beside_a_lead_only_half_read() -> None:
    lines = lines_of(["Sở Khoa hộ Sở Nội vụ"], ["Công nghệ"])
    got = place_found_names([SCIENCE], [], [HOME], lines, _word_places, _stands_left_of)
    assert got[1] == []
