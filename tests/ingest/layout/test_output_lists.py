"""An output cell that names agencies ("Kế hoạch của các sở, ngành, địa phương") carries its
list on over the next lines, beside the agency columns' own words."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.output_lists import carries_list, names_agencies

PAIRS = frozenset({("dia", "phuong"), ("ubnd", "tinh")})


@pytest.mark.parametrize(
    ("cell", "expected", "comment"),
    [
        ("Kế hoạch của các", True, "the list opens after 'của các'"),
        ("Các quy trình nội bộ của các Sở, ngành,", True, "the list goes on after a comma"),
        ("Kế hoạch của UBND", True, "the People's Committee"),
        ("Văn bản,", False, "'bản' folds like 'ban' of 'sở, ban, ngành', but no 'của' opens a list"),
        ("Quyết định của cấp có thẩm quyền", False, "an authority, not a list of agencies"),
        ("Kế hoạch của các Sở, ngành, địa phương.", False, "a finished cell"),
        ("Của các", False, "'của' must follow the output's own words"),
    ],
)
def test_an_output_names_agencies_only_after_cua_and_list_words(cell, expected, comment):
    assert names_agencies(cell) is expected, comment


def test_a_list_word_carries_the_list_on_after_a_comma_cua_cac_or_a_names_pair():
    assert carries_list("Kế hoạch của các", "Sở,", PAIRS)
    assert carries_list("Kế hoạch của sở, ban,", "ngành,", PAIRS)
    assert carries_list("Kế hoạch của các Sở, ngành, địa", "phương", PAIRS)
    assert carries_list("Kế hoạch của UBND", "tỉnh", PAIRS)


def test_a_word_outside_the_list_or_after_a_finished_item_carries_nothing():
    assert not carries_list("Kế hoạch của", "doanh", PAIRS)
    assert not carries_list("Kế hoạch của các Sở, ngành, địa phương", "Sở", PAIRS)
    assert not carries_list("Văn bản,", "ngành,", PAIRS)
