"""A collective lead told by where its words stand beside the one named agency read as lead.

Corpora: fragment lines of interleaved rows where the collective lead's opener is garbled
("Các‘ 59, bơn,") or its words alone open a column's stretch ("ngành, địa"), left of the
named partner's; negative cases where the named agency stands left of the collective, where
only one of its words follows the collective's, and where no collective reading is known.
"""

from __future__ import annotations

from theodoi.ingest.parse.collective_lead import collective_lead

COLLECTIVE = "Các sở, ban, ngành, địa phương"
SCIENCE = "Sở Khoa học và Công nghệ"


def test_a_garbled_collective_printed_left_of_the_named_lead_is_the_lead() -> None:
    fragments = [
        (1, ["xã hội Các‘ 59, bơn,", "Sở Khoa học và", "Kế hoạch,"]),
        (2, ["Công nghệ"]),
        (3, ["phương"]),
    ]
    got = collective_lead([SCIENCE], [COLLECTIVE], fragments, lambda: None)
    assert got == ([COLLECTIVE], [SCIENCE])


def test_a_collective_stretch_left_of_the_named_lead_takes_the_faint_reading() -> None:
    fragments = [(1, ["€3¢ 80-ban,", "Congantinh,"]), (2, ["beA", "ngành, địa", "Sở Khoa học và thực thi,"])]
    got = collective_lead([SCIENCE], [], fragments, lambda: "Các sở, ngành, địa phương")
    assert got == (["Các sở, ngành, địa phương"], [SCIENCE])


def test_a_named_lead_printed_left_of_the_collective_stays_the_lead() -> None:
    fragments = [(1, ["Sở Khoa học và", "Các sở, ban,"]), (2, ["Công nghệ", "ngành, địa"])]
    got = collective_lead([SCIENCE], [COLLECTIVE], fragments, lambda: None)
    assert got == ([SCIENCE], [COLLECTIVE])


def test_one_word_of_the_named_lead_after_a_collective_tells_nothing() -> None:
    # "nghệ" of the partners' "công nghệ thông tin", not of the lead's name
    fragments = [
        (1, ["Sở Khoa học và"]),
        (2, ["Công nghệ doanh"]),
        (3, ["ban, ngành, địa ứng nghệ viễn thông"]),
    ]
    got = collective_lead([SCIENCE], [COLLECTIVE], fragments, lambda: None)
    assert got == ([SCIENCE], [COLLECTIVE])


def test_no_collective_reading_leaves_the_lead_unchanged() -> None:
    fragments = [(1, ["Các‘ 59, bơn,", "Sở Khoa học và"])]
    got = collective_lead([SCIENCE], [], fragments, lambda: None)
    assert got == ([SCIENCE], [])


def test_a_collective_printed_left_of_a_named_partner_is_the_lead_over_a_named_lead_beside_none() -> None:
    # "Công an tỉnh" taken for the lead from the row's names; the collective's opener garbled
    fragments = [
        (1, ["Công an tỉnh"]),
        (2, ["Các số, bản,", "UBND tỉnh, của sở, ban,"]),
        (3, ["ngành, địa", "Sở Khoa học và phương"]),
    ]
    got = collective_lead(["Công an tỉnh"], [SCIENCE], fragments, lambda: COLLECTIVE)
    assert got == ([COLLECTIVE], ["Công an tỉnh", SCIENCE])


def test_a_named_lead_printed_left_of_the_collective_stays_the_lead_whatever_the_partners() -> None:
    fragments = [
        (1, ["Công an tỉnh", "Các sở, ban,"]),
        (2, ["ngành, địa", "Sở Khoa học và"]),
    ]
    got = collective_lead(["Công an tỉnh"], [SCIENCE], fragments, lambda: COLLECTIVE)
    assert got == (["Công an tỉnh"], [SCIENCE])
