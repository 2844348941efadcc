"""A named agency the row holds beside a departments' collective lead is a partner."""

from __future__ import annotations

from theodoi.ingest.parse.beside_collective_lead import partners_beside_collective

FRAGMENTS = [
    (1434, ["Các sở, ban,", "Sở Khoa học và"]),
    (1436, ["ngành, địa Công nghệ,"]),
    (1437, ["phương", "Tài chính,"]),
    (1442, ["Liên minh hợp"]),
    (1443, ["tác xã tỉnh"]),
]
LEAD = ["Các sở, ban, ngành, địa phương"]
FOUND = ["Các sở, ban, ngành", "Sở Khoa học và Công nghệ", "Liên minh Hợp tác xã tỉnh"]


def test_a_name_no_cell_holds_beside_a_departments_collective_is_a_partner() -> None:
    support = partners_beside_collective(LEAD, ["Sở Khoa học và Công nghệ"], FOUND, FRAGMENTS)
    assert support == ["Sở Khoa học và Công nghệ", "Liên minh Hợp tác xã tỉnh"]


def test_a_named_lead_keeps_the_partners() -> None:
    support = partners_beside_collective(["Sở Tài chính"], ["Sở Khoa học và Công nghệ"], FOUND, FRAGMENTS)
    assert support == ["Sở Khoa học và Công nghệ"]


def test_a_narrower_collective_lead_keeps_the_partners() -> None:
    support = partners_beside_collective(["Các địa phương"], ["Sở Khoa học và Công nghệ"], FOUND, FRAGMENTS)
    assert support == ["Sở Khoa học và Công nghệ"]


def test_a_held_name_read_again_is_left_out() -> None:
    found = ["Văn phòng Tỉnh ủy"]
    fragments = [(1, ["Các sở, ban,", "Văn phòng"]), (2, ["ngành Tỉnh ủy"])]
    support = partners_beside_collective(LEAD, ["Văn phòng UBND tỉnh"], found, fragments)
    assert support == ["Văn phòng UBND tỉnh"]


def test_a_name_mostly_unread_on_the_lines_is_left_out() -> None:
    fragments = [(1434, ["Các sở, ban,"]), (1442, ["Liên"])]
    assert partners_beside_collective(LEAD, [], FOUND, fragments) == []
