"""A document's title opening a line's output span after the output's kind above
(``layout.document_titles``, used by ``layout.segment``)."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.document_titles import title_opens
from theodoi.ingest.layout.segment import AGENCY, OUTPUT, Carry, segment_line, spans

KINDS = [AGENCY, AGENCY, OUTPUT]


def _spans(text: str, carry: dict[int, str]) -> dict[int, str]:
    """The line's spans, every word read whole as OCR reads most (``debris.whole_words``)."""
    tokens = text.split()
    labels = segment_line(
        tokens, KINDS, width=None, carry=Carry(carry), fluent=True, whole=[True] * len(tokens)
    )
    return spans(tokens, labels)


def test_a_title_after_the_outputs_kind_opens_the_output_beside_an_agency_cell():
    carry = {0: "Sở Khoa học và Công", 1: "", 2: "Nhiệm vụ tích hợp trong Kế hoạch"}
    assert _spans("nghệ Chuyển đổi số", carry) == {0: "nghệ", 2: "Chuyển đổi số"}


def test_without_a_kind_ending_the_output_the_words_stay_the_agencys():
    carry = {0: "Sở Khoa học và Công", 1: "", 2: "Nhiệm vụ tích hợp"}
    assert _spans("nghệ Chuyển đổi số", carry).get(2) != "Chuyển đổi số"


@pytest.mark.parametrize(
    ("text", "lead", "comment"),
    [
        ("Sở Tài chính", "", "opens an agency name"),
        ("Công nghệ", "Sở Khoa học và", "a directory name holds it after another word"),
        ("Môi trường", "Sở Nông nghiệp", "Nông nghiệp và | Môi trường, even with no 'và' above"),
        ("UBND tỉnh", "", "an acronym names an agency"),
    ],
)
def test_an_agencys_capitalised_word_opens_no_title(text, lead, comment):
    carry = {0: lead, 1: "", 2: "Kế hoạch"}
    assert _spans(text, carry).get(2, "") != text, comment


def test_a_capitalised_word_no_lower_case_word_goes_on_from_opens_no_title():
    tokens = ["Nam,", "Xe", "Chuyển", "đổi"]
    assert title_opens(tokens, True, ["", ""], opens_agency=lambda k: False, inner=[False] * 4) == [
        False,
        False,
        True,
        False,
    ]


def test_only_the_first_title_word_opens_and_only_after_a_kind():
    tokens = ["Chuyển", "đổi", "số", "Mục", "tiêu"]
    opens = {"opens_agency": lambda k: False, "inner": [False] * len(tokens)}
    assert title_opens(tokens, True, ["", ""], **opens) == [True, False, False, False, False]
    assert title_opens(tokens, False, ["", ""], **opens) == [False] * 5
