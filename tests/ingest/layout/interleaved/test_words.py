"""Word classes of the column cuts: a province name after an agency word is the agency's."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.words import _agency_words_only, _is_other_column


def test_a_province_after_an_agency_word_is_an_agency_names_word():
    assert _agency_words_only(["UBND", "tỉnh", "Kon", "Tum"])
    assert _agency_words_only(["UBND", "tỉnh", "Quảng", "Trị"])


def test_a_province_alone_or_after_prose_is_no_agency_names_word():
    assert not _agency_words_only(["Kon", "Tum"])
    assert not _agency_words_only(["thu", "hút", "Quảng", "Trị"])


@pytest.mark.parametrize(
    "text",
    ["Bảo hiểm xã hội tỉnh", "các sở, ban, ngành", "Thường xuyên"],
)
def test_other_columns_lines(text: str) -> None:
    assert _is_other_column(text)


@pytest.mark.parametrize(
    ("text", "comment"),
    [
        ("bảo thân thiện, dễ hiểu, dễ làm", "a lower-case head word opens the name's prose ('đảm' / 'bảo')"),
        ("ban hành các văn bản hướng dẫn", "'ban' of 'ban hành', not 'Ban'"),
    ],
)
def test_a_lower_case_agency_head_opens_prose(text: str, comment: str) -> None:
    assert not _is_other_column(text), comment


@pytest.mark.parametrize(
    "text", ["Thường xuyên", "Hằng năm", "Nhiệm vụ thường xuyên", "Thường xuyên, hằng năm"]
)
def test_a_deadline_word_alone_is_the_deadline_cell(text: str) -> None:
    assert _is_other_column(text)


@pytest.mark.parametrize(
    "text", ["Thường xuyên rà soát, xây dựng danh mục dự án", "Hằng năm tổ chức đánh giá, xếp hạng"]
)
def test_a_deadline_word_opening_a_clause_opens_the_name(text: str) -> None:
    assert not _is_other_column(text)
