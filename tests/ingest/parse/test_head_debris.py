"""A partner read as a lone agency head and a stray word is debris; short real names stay."""

from __future__ import annotations

from theodoi.ingest.parse.head_debris import without_head_debris


def test_a_head_with_a_stray_word_goes() -> None:
    assert without_head_debris(["Sở Khoa học và Công nghệ", "Số tin"]) == ["Sở Khoa học và Công nghệ"]


def test_a_lone_head_goes() -> None:
    assert without_head_debris(["Số", "Công an tỉnh"]) == ["Công an tỉnh"]


def test_short_known_names_and_abbreviations_stay() -> None:
    support = ["Sở Y tế", "Sở KHCN", "Các địa phương", "FPT"]
    assert without_head_debris(support) == support


def test_a_longer_unknown_name_stays() -> None:
    assert without_head_debris(["Hội doanh nghiệp tỉnh"]) == ["Hội doanh nghiệp tỉnh"]
