"""Tests for parse/lead_list_collective: a collective the lead cell lists after its named lead."""

from theodoi.ingest.parse.lead_list_collective import with_listed_collective_lead

BQL = "Ban Quản lý Khu kinh tế"
SKHCN = "Sở Khoa học và Công nghệ"
PLACES = "Các địa phương"
CELL = "Ban 9L K hl? doanh nghiệp kinh tế; các địa XÃ được ban"


def test_the_collective_listed_after_the_lead_joins_it() -> None:
    support = [SKHCN, PLACES]
    assert with_listed_collective_lead([BQL], support, CELL) == ([BQL, PLACES], [SKHCN])


def test_a_collective_the_lead_cell_does_not_list_stays_a_partner() -> None:
    support = [SKHCN, "Các sở, ban, ngành"]
    assert with_listed_collective_lead([BQL], support, CELL) == ([BQL], support)


def test_a_capitalised_cac_opens_another_cell() -> None:
    support = [SKHCN, PLACES]
    cell = "Ban 9L K hl? kinh tế; Các địa XÃ"
    assert with_listed_collective_lead([BQL], support, cell) == ([BQL], support)


def test_the_rows_only_partner_keeps_its_place() -> None:
    cell = "Sở Khoa học và Công nghệ; các Sở, ngành liên địa"
    support = ["Các sở, ngành, địa phương"]
    assert with_listed_collective_lead([SKHCN], support, cell) == ([SKHCN], support)
