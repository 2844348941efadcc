"""Tests for parse/partner_word_lead: a lead guessed from a partner's words yields to the cell-opening collective."""

from theodoi.ingest.parse.partner_word_lead import lead_of_partner_words

GUESS = "Sở Thông tin và Truyền thông"
SKHCN = "Sở Khoa học và Công nghệ"
BUSINESSES = "các doanh nghiệp viễn thông, internet, công nghệ thông tin"
BRANCHES = "Các sở, ban, ngành, địa phương"
ROW = [
    (1, ["Sở Khoa học và"]),
    (2, ["Các sở, ban, Công nghệ;'(A:ác"]),
    (3, ["doanh nghiệp ."]),
    (4, ["ngành, địa Xồ ứng dụng", "A viễn thông,"]),
    (5, ["internet, công"]),
    (6, ["nghệ thông tin"]),
]


def test_a_guess_made_of_a_partners_words_yields_to_the_cell_opening_collective() -> None:
    support = [SKHCN, BUSINESSES, BRANCHES]
    assert lead_of_partner_words([GUESS], support, ROW) == ([BRANCHES], [SKHCN, BUSINESSES])


def test_a_lead_whose_head_the_row_prints_was_read() -> None:
    trade = "Sở Công Thương"
    row = [*ROW, (7, ["Sở Công"]), (8, ["thuone: phương; các"])]
    support = [BRANCHES, BUSINESSES]
    assert lead_of_partner_words([trade], support, row) == ([trade], support)


def test_a_guess_with_words_no_partner_holds_stays() -> None:
    support = [SKHCN, BRANCHES]
    assert lead_of_partner_words([GUESS], support, ROW) == ([GUESS], support)


def test_without_a_cell_opening_collective_the_guess_stays() -> None:
    row = [(1, ["Sở Khoa học và"]), (2, ["Công nghệ; các sở,"]), *ROW[2:]]
    support = [SKHCN, BUSINESSES, BRANCHES]
    assert lead_of_partner_words([GUESS], support, row) == ([GUESS], support)
