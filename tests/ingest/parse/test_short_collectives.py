"""Collectives an OCR'd cell prints short ("các doanh nghiệp") kept short (parse.short_collectives)."""

from __future__ import annotations

from theodoi.ingest.parse.listed_collectives import listed_collective
from theodoi.ingest.parse.short_collectives import short_collective, short_opening
from theodoi.ingest.parse.tasks import repair_ocr_agencies, wrapped_collective

_SHORT_ROW = [
    (10, ["Các sở, ngành", "Chương"]),
    (11, ["Sở Khoa học và", "trình, kế"]),
    (12, ["địa phương; các", "hoạch, hoạt"]),
    (13, ["Công nghệ", "doanh nghiệp", "động"]),
]
_LONG_ROW = [
    (10, ["Sở Khoa học và"]),
    (11, ["Công nghệ; các doanh nghiệp", "Kế hoạch"]),
    (12, ["viễn thông,", "được ban"]),
    (13, ["internet, công"]),
    (14, ["nghệ thông tin"]),
]


def test_a_collective_the_row_prints_short_stays_short():
    assert short_collective("các doanh nghiệp", _SHORT_ROW) == "các doanh nghiệp"
    assert repair_ocr_agencies(["các doanh nghiệp"], 0.8, _SHORT_ROW)[0] == ["các doanh nghiệp"]
    assert wrapped_collective("các doanh nghiệp", _SHORT_ROW) == "các doanh nghiệp"


def test_a_collective_the_row_spells_long_is_not_cut():
    assert short_collective("các doanh nghiệp", _LONG_ROW) is None
    assert repair_ocr_agencies(["các doanh nghiệp"], 0.8, _LONG_ROW)[0] != ["các doanh nghiệp"]


def test_a_cut_inside_a_listing_is_no_collective():
    assert short_collective("các sở, ban", [(10, ["các sở, ban"])]) is None
    assert short_opening("Các sở, ban, ngành", [3, 4, None]) is None


def test_directory_names_and_non_collectives_are_left_alone():
    assert short_collective("Các sở, ngành", _SHORT_ROW) is None
    assert short_collective("Sở Khoa học", _SHORT_ROW) is None


def test_a_listed_collective_read_short_from_its_opening_words():
    assert listed_collective("Các sở, ngành, địa phương", _SHORT_ROW) == "các doanh nghiệp"


def test_opening_words_apart_are_not_read():
    assert short_opening("Các doanh nghiệp viễn thông, công nghệ thông tin", [3, 7, None, None]) is None


def test_a_long_collectives_opening_words_alone_read_short():
    fragments = [
        (10, ["Sở Khoa học và"]),
        (11, ["Công nghệ; các"]),
        (12, ["doanh nghiệp", "Kế hoạch"]),
        (13, ["tỉnh"]),
    ]
    assert listed_collective("Sở Khoa học và Công nghệ", fragments) == "các doanh nghiệp"
