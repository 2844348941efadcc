"""A partner collective printed without its "Các"."""

from __future__ import annotations

from theodoi.ingest.parse.bare_collectives import bare_collective, with_bare_collective

ROW = [
    (711, ["Sở Khoa hoc và", "Sở,ban, ngành", "Văn bản ban"]),
    (712, ["Công nghệ có liên quan hành hoặc"]),
    (718, ["sử dụng, hướng dẫn"]),
]
LEAD = ["Sở Khoa học và Công nghệ"]


def test_a_directory_collective_less_its_cac_is_printed_bare() -> None:
    assert bare_collective("Sở,ban, ngành") == "Sở, ban, ngành"
    assert bare_collective("Sở Tài chính") is None
    assert bare_collective("Các sở, ban, ngành") is None


def test_its_qualifier_follows_the_leads_name_on_the_line_below() -> None:
    assert with_bare_collective([], LEAD, "Sở,ban, ngành", ROW) == ["Sở, ban, ngành có liên quan"]


def test_a_qualifier_among_another_columns_words_is_not_its() -> None:
    fragments = [ROW[0], (712, ["Công nghệ các văn bản liên quan"])]
    assert with_bare_collective([], LEAD, "Sở,ban, ngành", fragments) == ["Sở, ban, ngành"]


def test_partners_holding_a_collective_are_left() -> None:
    support = ["Các sở, ban, ngành, địa phương"]
    assert with_bare_collective(support, LEAD, "Sở,ban, ngành", ROW) == support
