"""Output kind words a collective's list shares ("bản" of "Văn bản" folds to "ban" of "sở,
ban, ngành"): marked only in a comma list and outside their kind's phrase."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.kind_phrases import listed_outside_kind_phrase
from theodoi.ingest.text import fold

PHRASES = [("van", "ban"), ("co", "so", "du", "lieu"), ("hoat", "dong")]
SHARED = frozenset({"ban", "so"})
TAKERS = frozenset({"cua", "tu"})


def marked(text: str, above: str = "") -> list[str]:
    tokens = text.split()
    words = [fold(t).strip(".,;:") for t in tokens]
    before = [fold(t).strip(".,;:()") for t in above.split()]
    flags = listed_outside_kind_phrase(tokens, words, before, PHRASES, SHARED, TAKERS)
    return [t for t, f in zip(tokens, flags, strict=True) if f]


@pytest.mark.parametrize(
    ("text", "above", "expected", "comment"),
    [
        ("các số, bản, Nổ", "", ["số,", "bản,"], "the partners' 'sở, ban,' the restorer read 'số, bản,'"),
        ("các sở, ban, ngành", "", ["sở,", "ban,"], "the same list with its marks right"),
        ("Văn bản, hoạt động", "", [], "negative: 'bản,' ends its kind's phrase 'Văn bản'"),
        ("bản, hoạt động", "Sở Tài chính Văn", [], "negative: 'Văn' above, 'bản,' opens the line"),
        ("được ban hành", "", [], "negative: no comma list, 'ban hành' keeps the output's weight"),
        (
            "các sở, ban,",
            "cập nhật dữ liệu (từ",
            [],
            "negative: the output above takes the list as its object",
        ),
        (
            "các sở, ban,",
            "cập nhật dữ liệu",
            ["sở,", "ban,"],
            "the same list below an output that takes none",
        ),
        ("Kế hoạch số 12", "", [], "negative: 'số' in no list"),
        ("sở, ban, Văn bản", "", ["sở,", "ban,"], "the list's 'ban,' marked, the kind's 'bản' not"),
        ("Cơ sở dữ liệu, ban", "", ["ban"], "the phrase's words stay; 'ban' after the comma is listed"),
    ],
)
def test_shared_words_in_a_list_outside_their_phrase_are_marked(text, above, expected, comment):
    assert marked(text, above) == expected, comment


def test_a_line_without_shared_words_is_left_as_is():
    assert marked("Sở Tài chính, ngành, địa phương") == []
