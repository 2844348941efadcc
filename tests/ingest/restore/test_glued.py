"""Two syllables a scan ran together ("trienkhai"): split where the LM has seen the pair."""

from __future__ import annotations

import pytest

from theodoi.ingest.restore import SHIPPED_MODEL_DIR, load_restorer, train
from theodoi.ingest.restore.glued import split_point

# A toy channel: each part reads as the syllable of the same letters at cost 1, word ids below.
WORDS = {"trien": 1, "khai": 2, "van": 3, "ban": 4, "nan": 5, "cam": 6, "era": 7}
PAIRS = {(1, 2): -1.0, (3, 4): -0.5}  # "triển khai", "văn bản"; "nan"/"cam"+"era" never seen


def readings(part: str) -> tuple[tuple[str, int, float], ...]:
    return ((part, WORDS[part], 1.0),) if part in WORDS else ()


def pair_logp(v: int, w: int) -> float | None:
    return PAIRS.get((v, w))


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("trienkhai", 5),
        ("vanban", 3),
        ("camera", 0),  # negative: both halves read as syllables, but never as a pair
        ("nano", 0),  # negative: too short to hold two syllables of three letters
        ("van2ban", 0),  # negative: not letters alone
    ],
)
def test_split_point_needs_two_readable_halves_the_model_saw_together(key, expected):
    assert split_point(key, readings, pair_logp) == expected


@pytest.fixture(scope="module")
def restorer():
    return load_restorer(SHIPPED_MODEL_DIR)


@pytest.mark.parametrize(
    ("scanned", "expected"),
    [
        ("trienkhai", "triển khai"),
        ("Hoatdong", "Hoạt động"),
        ("Vanban,", "Văn bản,"),
        ("vienthong", "viễn thông"),
        ("Kétqua", "Kết quả"),
        ("Taichinh", "Tài chính"),
        ("diaphuong", "địa phương"),
        # in a line that reads clean: the halves ("Van", "ban") are syllables, and without the
        # split the line looked clean and came back as it was
        ("Sở Tài chính; Vanban, hoạt động", "Sở Tài chính; Văn bản, hoạt động"),
        ("Các sở, ban, ngành; Kétqua thực hiện", "Các sở, ban, ngành; Kết quả thực hiện"),
        # a place name the corpus writes with two capitals takes the second one back ...
        ("UBND tinh Quangninh", "UBND tỉnh Quảng Ninh"),
        ("Binhdinh", "Bình Định"),
        # ... not a pair written with one ("Tài chính") nor a name scanned in lower case
        ("tinh quangninh", "tỉnh quảng ninh"),
    ],
)
def test_a_glued_pair_of_syllables_is_split(restorer, scanned, expected):
    assert restorer.restore_line(scanned) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Lắp đặt camera giám sát",  # a foreign word whose halves read as syllables
        "Scopus",  # a proper noun
        "Viettel",  # a brand
        "Microsoft",
        "VNPT",  # an abbreviation
        "UBND",
        "eGov",  # capitals inside
        "VNeID",
        "Sở Tài chính; Văn bản, hoạt động",  # a clean line, nothing glued
        "Lắp đặt camera giám sát tại các điểm công cộng",
    ],
)
def test_foreign_words_names_and_abbreviations_are_kept_whole(restorer, line):
    assert restorer.restore_line(line) == line


def test_a_word_the_channel_reads_as_one_syllable_is_not_split(restorer):
    # "nano" is read as one word (rightly or not): the split never makes two of it
    assert len(restorer.restore_line("nano").split()) == 1


def test_training_keeps_the_pairs_written_as_a_name():
    model = train(
        [
            "Triển khai tại tỉnh Quảng Ninh và tỉnh Quảng Ninh.",
            "Bảo đảm an ninh mạng cùng Sở Tài chính và các sở, ngành.",
            "Quảng Ninh đứng đầu; bảo đảm an ninh và tài chính.",
        ]
    )
    named = {(v, w) for v, ws in model.titled_pairs.items() for w in ws}
    ids = model.vocab
    assert (ids["quảng"], ids["ninh"]) in named
    assert (ids["sở"], ids["tài"]) in named
    assert (ids["an"], ids["ninh"]) not in named  # negative: written in lower case
    assert (ids["tài"], ids["chính"]) not in named  # negative: one capital ("Sở Tài chính")
