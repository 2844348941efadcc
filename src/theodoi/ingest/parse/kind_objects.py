"""An output kind named inside its cell's phrase ("Nhiệm vụ tích hợp trong Kế hoạch ...").

An OCR'd output cell whose capitalised kind ("Kế hoạch", "Văn bản") comes a few words in most
often gathered a neighbour's words before it ("nghệ Văn bản hướng dẫn"), which are dropped. But
a kind right after a preposition (giới từ: "trong", "theo", "tại", "vào") is that preposition's
object: the phrase before it is the output's own ("tích hợp trong Kế hoạch Chuyển đổi số"),
as agency names and deadlines never end with a preposition.
"""

from __future__ import annotations

from theodoi.ingest.text import fold

# Prepositions taking a document as their object (folded); not "và" nor "của", which an agency
# cell's wrapped line ends with ("Sở Khoa học và", "UBND các").
PREPOSITIONS = frozenset({"trong", "theo", "tai", "vao", "thuoc"})


def kind_is_object(words_before: list[str]) -> bool:
    """Whether the output kind after ``words_before`` is a preposition's object."""
    return bool(words_before) and fold(words_before[-1]).strip(".,;:") in PREPOSITIONS
