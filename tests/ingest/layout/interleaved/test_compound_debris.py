"""Debris words of an output span that a compound's second syllable completes stay (interleaved/compound_debris).

Corpora: output spans and debris sets written for these tests in the shape the samples show
(a syllable OCR misread with mixed case, "thAm" restored "thẩm"); negative cases where the
next word does not complete the debris word or is debris itself, or the word is the span's last.
"""

from __future__ import annotations

from theodoi.ingest.layout.interleaved.compound_debris import compound_heads
from theodoi.ingest.layout.interleaved.segmented import _without_output_debris
from theodoi.ingest.layout.segment import AGENCY, OUTPUT


def test_a_debris_syllable_the_next_word_completes_stays_in_the_output():
    debris = frozenset({'có}(")', "thẩm", "Độ"})
    parts = {0: "Tòa án nhân dân", 1: 'có}(") thẩm quyền Độ'}
    assert _without_output_debris(parts, [AGENCY, OUTPUT], debris) == {0: "Tòa án nhân dân", 1: "thẩm quyền"}


def test_debris_the_next_word_does_not_complete_goes():
    assert compound_heads(["bảo", "tạo"], frozenset({"bảo"})) == set()
    assert compound_heads(["LÀ", "của", "cấp"], frozenset({"LÀ"})) == set()


def test_debris_before_debris_or_at_the_spans_end_goes():
    assert compound_heads(["thẩm", "quyền"], frozenset({"thẩm", "quyền"})) == set()
    assert compound_heads(["quyền", "thẩm"], frozenset({"thẩm"})) == set()
    assert compound_heads(["thẩm", "quyền"], frozenset({"thẩm"})) == {0}
