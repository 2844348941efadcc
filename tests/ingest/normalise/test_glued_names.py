"""Directory names whose words OCR ran together, split back into words.

Corpora: OCR'd agency cells with a name's words glued in one token ("Congantinh,",
"SoTaichinh;") or across two ("Các diaphuong", "So Taichinh"), or its opening words glued
("So Khoahocva"); negative cases: names already split, glued words that spell no directory
name or only its middle, and a short run of letters.
"""

from __future__ import annotations

import pytest

from theodoi.ingest.normalise.glued_names import unglue_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("€3¢ 80-ban, | Congantinh, | Hoatdong", "€3¢ 80-ban, | Cong an tinh, | Hoatdong"),
        (".| SoTaichinh; Vin ban,", ".| So Tai chinh; Vin ban,"),
        ("(Congantinh", "(Cong an tinh"),
        ("Xồ Các diaphuong không", "Xồ Các dia phuong không"),
        ("So Taichinh", "So Tai chinh"),
        ("Congan tinh", "Cong an tinh"),
        ("| SoDantdcva | So Khoahocva | Péanduge", "| SoDantdcva | So Khoa hoc va | Péanduge"),
        ("Banquanly Khu", "Ban quan ly Khu"),
    ],
)
def test_a_directory_names_glued_words_are_split(text, expected) -> None:
    assert unglue_names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Công an tỉnh, Sở Tài chính",  # already split
        "Tỉnh đoàn",  # a two-word name split right
        "Hoatdong Sở Khoa học và",  # glued words of no directory name
        "Khoahocva",  # a name's middle words, not its opening ones
        "Sở Khoa",  # opening words too short to tell
        "",
    ],
)
def test_text_without_a_glued_directory_name_is_unchanged(text) -> None:
    assert unglue_names(text) == text
