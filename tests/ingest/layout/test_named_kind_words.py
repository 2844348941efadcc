"""Output kind words an agency name holds (``layout.named_kind_words``): plain output words
outside their kind's phrase."""

from __future__ import annotations

from theodoi.ingest.layout.named_kind_words import named_outside_kind_phrase
from theodoi.ingest.layout.segment import AGENCY, OUTPUT, Carry, segment_line, spans

KINDS = frozenset({"tai", "ke", "hoach", "ban"})
PHRASES = (("tai", "lieu"), ("ke", "hoach"))


def marked(words, above, inside, loose):
    return named_outside_kind_phrase(words, above, inside, loose, KINDS, PHRASES)


def test_a_kind_word_going_on_an_agency_name_weighs_as_plain_output_words():
    # "Sở" / "Tài": "tài" of "Tài liệu", here the name's "Sở Tài chính"
    assert marked(["so", "tai"], [], [False, True], [False, False]) == [False, True]


def test_a_kind_word_in_its_phrase_or_after_an_outputs_list_taker_stays_the_kind():
    # negative: "Kế hoạch" stands in its kind's phrase, even where a name holds "Sở Kế"
    assert marked(["so", "ke", "hoach"], [], [False, True, True], [False] * 3) == [False] * 3
    # negative: the output "(từ" takes agencies as its object: its own list goes on below
    assert marked(["so", "tai"], ["tu"], [False, True], [False, False]) == [False, False]
    # words already marked stay marked
    assert marked(["ban"], [], [False], [True]) == [True]


def test_a_partners_name_wrapped_beside_an_open_output_is_not_cut_at_its_kind_word():
    # 000 IV/56: the partners' "Sở Tài" / "chính" beside the output "... của cấp có thẩm quyền"
    tokens = ["xã", "hội", "nghệ,", "Sở", "Tài", "\\"]
    carry = Carry({0: "Ngân hàng Chính sách", 2: "Văn bản của cấp có thẩm quyền"})
    labels = segment_line(tokens, [AGENCY, AGENCY, OUTPUT], width=None, carry=carry, fluent=True)
    assert spans(tokens, labels) == {0: "xã hội nghệ,", 1: "Sở Tài \\"}
