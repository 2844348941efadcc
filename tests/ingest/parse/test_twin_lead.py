"""Tests for parse/twin_lead: a lead read the same as a partner, told by its cell's other words."""

from theodoi.ingest.parse.twin_lead import lead_beside_twin

SKHCN = "Sở Khoa học và Công nghệ"
COLLECTIVE = "Các Sở, ngành, địa phương"
# The partners' collective read into the lead cell too; the lead's "Sở Khoa học" lost, its
# last words left between the collective's.
CELL = "Các Sở, ngành, và Công địa phương tịch nghệ"


def test_the_lead_cells_rest_names_the_lead_when_the_lead_is_also_a_partner() -> None:
    assert lead_beside_twin(["các sở, ngành, địa phương"], [COLLECTIVE], CELL) == ([SKHCN], [COLLECTIVE])


def test_a_lead_that_is_no_partner_keeps_its_reading() -> None:
    assert lead_beside_twin([COLLECTIVE], ["Sở Tài chính"], CELL) == ([COLLECTIVE], ["Sở Tài chính"])


def test_a_cell_with_no_other_name_keeps_the_twin() -> None:
    cell = "Các Sở, ngành, địa phương liên quan"
    assert lead_beside_twin([COLLECTIVE], [COLLECTIVE], cell) == ([COLLECTIVE], [COLLECTIVE])


def test_scattered_words_of_a_name_make_no_lead() -> None:
    # "chính" ... "hội": two of "Ngân hàng Chính sách xã hội"'s words, "sách" left out between
    cell = "Các Sở, ngành, chính quyền, xã hội địa phương"
    assert lead_beside_twin([COLLECTIVE], [COLLECTIVE], cell) == ([COLLECTIVE], [COLLECTIVE])
