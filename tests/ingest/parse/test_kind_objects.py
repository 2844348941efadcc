"""An output kind a preposition takes as its object keeps the words before it
(``parse.kind_objects``, used by ``parse.tasks._from_output_word``)."""

from __future__ import annotations

from theodoi.ingest.parse.kind_objects import kind_is_object
from theodoi.ingest.parse.tasks import _from_output_word


def test_a_kind_after_a_preposition_keeps_the_phrase_before_it():
    text = "Nhiệm vụ tích hợp trong Kế hoạch Chuyển đổi số"
    assert _from_output_word(text) == text
    assert kind_is_object(["tích", "hợp", "theo"])


def test_a_neighbours_words_before_a_kind_still_go():
    assert _from_output_word("nghệ Văn bản hướng dẫn") == "Văn bản hướng dẫn"
    assert _from_output_word("Sở Khoa học và Kế hoạch triển khai") == "Kế hoạch triển khai"
    assert not kind_is_object([])
    assert not kind_is_object(["UBND", "các"])
