"""Tests for parse/named_lead: a collective read as the lead and the one named partner."""

from theodoi.ingest.parse.named_lead import lead_left_of_collective, named_lead

COLLECTIVE = "Các sở, ngành, địa phương"
SKHCN = "Sở Khoa học và Công nghệ"


def test_a_named_partner_whose_cell_opens_above_the_collective_is_the_lead() -> None:
    fragments = [
        (10, ["Sở Khoa học"]),
        (11, ["Các số, ngành,", "lĩnh vực bán dẫn, trí"]),
        (12, ["và Công"]),
        (13, ["nổ địa phương tuệ nhân tạo"]),
        (14, ["nghệ"]),
    ]
    assert named_lead([COLLECTIVE], [SKHCN], fragments) == ([SKHCN], [COLLECTIVE])


def test_a_named_partner_printed_left_of_the_collective_is_the_lead() -> None:
    fragments = [(10, ["Các sở, ngành,"]), (11, ["Sở Khoa học và", "Các sở, ngành,"]), (12, ["Công nghệ"])]
    assert named_lead([COLLECTIVE], [SKHCN], fragments) == ([SKHCN], [COLLECTIVE])


def test_the_collective_stays_the_lead_when_a_line_prints_it_first_or_above() -> None:
    left = [(10, ["Các sở. ban,"]), (11, ["ngành, địa", "Sở Khoa học và"]), (12, ["phương Công nghệ"])]
    assert named_lead([COLLECTIVE], [SKHCN], left) == ([COLLECTIVE], [SKHCN])
    above = [(10, ["Các sở. ban,"]), (11, ["Sở Khoa học và"]), (12, ["ngành, địa"]), (13, ["Công nghệ"])]
    assert named_lead([COLLECTIVE], [SKHCN], above) == ([COLLECTIVE], [SKHCN])
    # two partners, or a named lead: not this rule's
    assert named_lead([COLLECTIVE], [SKHCN, "Sở Tài chính"], above) == ([COLLECTIVE], [SKHCN, "Sở Tài chính"])
    assert named_lead([SKHCN], [COLLECTIVE], above) == ([SKHCN], [COLLECTIVE])


# The lead "Sở Khoa học / và Công / nghệ, Sở Tài / chính" beside the partners' collective.
BESIDE = [
    (10, ["Sở Khoa học"]),
    (11, ["và Công", "Các sở, ngành,", "Kế hoạch triển khai"]),
    (12, ["Sở Tài địa phương Bà tiêu chí"]),
    (13, ["chính"]),
]


def test_a_partner_left_of_the_collective_below_its_top_joins_the_lead() -> None:
    assert lead_left_of_collective([SKHCN], [COLLECTIVE, "Sở Tài chính"], BESIDE) == (
        [SKHCN, "Sở Tài chính"],
        [COLLECTIVE],
    )


def test_a_partner_listed_before_the_collective_stays_a_partner() -> None:
    listed = [
        (10, ["Sở Khoa học và"]),
        (11, ["Công nghệ", "Sở Tài chính; các sở,"]),
        (12, ["ngành, địa phương"]),
    ]
    assert lead_left_of_collective([SKHCN], ["Sở Tài chính", COLLECTIVE], listed) == (
        [SKHCN],
        ["Sở Tài chính", COLLECTIVE],
    )
    # printed right of the collective's words on a line: a partner
    right = [(10, ["Các sở, ngành,"]), (11, ["địa phương Sở Tài"]), (12, ["chính"])]
    assert lead_left_of_collective([SKHCN], [COLLECTIVE, "Sở Tài chính"], right) == (
        [SKHCN],
        [COLLECTIVE, "Sở Tài chính"],
    )
