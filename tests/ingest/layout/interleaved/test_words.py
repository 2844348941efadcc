"""Word classes of the column cuts: a province name after an agency word is the agency's."""

from __future__ import annotations

from theodoi.ingest.layout.interleaved.words import _agency_words_only


def test_a_province_after_an_agency_word_is_an_agency_names_word():
    assert _agency_words_only(["UBND", "tỉnh", "Kon", "Tum"])
    assert _agency_words_only(["UBND", "tỉnh", "Quảng", "Trị"])


def test_a_province_alone_or_after_prose_is_no_agency_names_word():
    assert not _agency_words_only(["Kon", "Tum"])
    assert not _agency_words_only(["thu", "hút", "Quảng", "Trị"])
