"""Tests for parse/list_head_partner: a named lead heading a "; các" partners' list."""

from theodoi.ingest.parse.list_head_partner import lead_heading_partners

SKHCN = "Sở Khoa học và Công nghệ"
BUSINESSES = "Các doanh nghiệp viễn thông, internet"
# The partners' cell "Sở Khoa học và Công nghệ; các sở, ban, ..." printed above the lead's
# "Các doanh nghiệp" on the row's first lines.
ROW = [
    (1, ["Sở Khoa học và"]),
    (2, ["Các doanh"]),
    (3, ["Công nghệ; các :"]),
    (4, ["nghiệp viễn thông, internet"]),
]


def test_a_lead_heading_a_lowercase_list_yields_to_a_cell_opening_collective() -> None:
    assert lead_heading_partners([SKHCN], [BUSINESSES], ROW) == ([BUSINESSES], [SKHCN])


def test_a_capitalised_cac_after_the_semicolon_opens_another_cell() -> None:
    row = [(1, ["Sở Khoa học và"]), (2, ["Công nghệ; Các doanh"]), (3, ["nghiệp viễn thông, internet"])]
    assert lead_heading_partners([SKHCN], [BUSINESSES], row) == ([SKHCN], [BUSINESSES])


def test_a_lead_list_beside_named_partners_keeps_its_place() -> None:
    row = [(1, ["Sở Dân tộc và", "Sở Khoa học và"]), (2, ["Tôn giáo; các địa phương", "Công nghệ"])]
    lead, support = ["Sở Dân tộc và Tôn giáo"], ["Công an tỉnh", SKHCN]
    assert lead_heading_partners(lead, support, row) == (lead, support)


def test_a_collective_going_on_with_the_list_does_not_lead() -> None:
    row = [(1, ["Sở Khoa học và"]), (2, ["Công nghệ; các địa phương"])]
    assert lead_heading_partners([SKHCN], ["Các địa phương"], row) == ([SKHCN], ["Các địa phương"])


# The list's mark read into the task's name cell: the fragments hold no "; các".
NAME_ROW = [(1, ["Các doanh"]), (2, ["Sở Khoa học và công nghệ"]), (3, ["nghiệp viễn thông, internet"])]


def test_the_list_mark_read_into_the_name_cell_moves_the_lead() -> None:
    name = "Phát triển hạ tầng số cho kinh tế xã Ở Công nghệ; các hội"
    assert lead_heading_partners([SKHCN], [BUSINESSES], NAME_ROW, name) == ([BUSINESSES], [SKHCN])


def test_the_names_own_lowercase_prose_marks_no_list() -> None:
    name = "Phát triển khoa học, công nghệ; các giải pháp hạ tầng số"
    assert lead_heading_partners([SKHCN], [BUSINESSES], NAME_ROW, name) == ([SKHCN], [BUSINESSES])


def test_a_lead_ending_in_lowercase_words_is_not_sought_in_the_name() -> None:
    police = "Công an tỉnh"
    name = "Bảo đảm an ninh mạng của Công an tỉnh; các hệ thống"
    assert lead_heading_partners([police], [BUSINESSES], NAME_ROW, name) == ([police], [BUSINESSES])
