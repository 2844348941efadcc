"""The shared list of provinces: whole names, and a name that ends an agency's."""

from __future__ import annotations

from theodoi.ingest.normalise.provinces import province_after_agency, province_marks

AGENCY_WORDS = {"ubnd", "tinh", "bao", "so"}


def test_only_whole_province_names_are_marked():
    assert province_marks(["bao", "binh", "dinh"]) == [False, True, True]
    assert province_marks(["ubnd", "tinh", "quang", "tri"]) == [False, False, True, True]


def test_a_provinces_word_alone_names_nothing():
    assert province_marks(["nam", "2025", "binh", "quan"]) == [False, False, False, False]


def test_a_province_after_an_agency_word_ends_the_agencys_name():
    assert province_after_agency(["ubnd", "tinh", "binh", "dinh"], AGENCY_WORDS) == [False, False, True, True]


def test_a_province_at_a_lines_start_goes_on_an_agency_cell_above():
    assert province_after_agency(["binh", "dinh"], AGENCY_WORDS, above=["bao"]) == [True, True]


def test_a_province_in_prose_is_no_agencys():
    assert province_after_agency(["san", "xuat", "tai", "binh", "dinh"], AGENCY_WORDS) == [False] * 5
    assert province_after_agency(["binh", "dinh"], AGENCY_WORDS, above=["tuyen"]) == [False, False]
