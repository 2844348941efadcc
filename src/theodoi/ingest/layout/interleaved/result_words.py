"""The words an output's result ends with, read as another column's at a name line's end.

An output (sản phẩm) is often stated as a result: "... được ban hành", "... triển khai",
"... hoàn thành", "... hiệu quả" (60 of the dev plans' gold outputs end so, no task name
does). The output column is the narrowest and wraps lowest in its row, so its last words
often sit on a line below the name's last words; where OCR left no gap mark there, the first
column's cut gives the name a line such as "phương hiệu quả" (a lead's "địa" / "phương",
then the output's last words). ``bled_ends.drop_bled_line_ends`` takes words off a name
line's end only where they are other columns' words; these count among them, and the
trigram model still decides whether the name reads on without them. Its bar is per word, and a
result compound's cost falls on its first syllable, so such a compound counts once
(``phrase_words``): "phương hiệu quả" leaves "... quản lý nhà nước" for the segmentation to
give "phương" to the lead and "hiệu quả" to the output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from theodoi.ingest.layout.interleaved.words import _column_words, fold

# Folded words of the result phrases outputs end with ("được ban hành", "được triển khai",
# "hoàn thành", "hiệu quả").
RESULT_WORDS = frozenset({"duoc", "ban", "hanh", "trien", "khai", "hoan", "thanh", "hieu", "qua"})


@lru_cache(maxsize=1)
def bled_vocabulary() -> frozenset[str]:
    """The folded words other columns' cells are made of, with the output's result words."""
    return _column_words() | RESULT_WORDS


# A result word the model reads after the one before at less than this cost (natural log) is
# the second syllable of a compound ("hiệu" / "quả" 0.4, "triển" / "khai", "ban" / "hành").
COMPOUND_COST = 1.0


def phrase_words(score: Callable[[str, str], float], before: str, tail: Sequence[str]) -> int:
    """How many words of ``tail`` (read after ``before``) count against the name: a result
    compound ("hiệu quả", "triển khai") counts once.

    The cost a line's last words add to the name falls on a compound's first syllable: "hiệu
    quả" after "... nhà nước phương" costs 7.0 then 0.4, so a per-word bar counts it twice
    and the output's bled result would pass for the name's own words. Only the result words'
    compounds count so: the agency and name words keep the per-word bar they were measured
    with ("nhà nước" / "địa phương" stays the name's).
    """
    count = 1
    for j in range(1, len(tail)):
        result = fold(tail[j]).strip(".,;:") in RESULT_WORDS
        if not result or -score(" ".join([before, *tail[:j]]), tail[j]) >= COMPOUND_COST:
            count += 1
    return count
