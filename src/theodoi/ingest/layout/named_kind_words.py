"""Output kind words an agency name holds: the output's evidence only inside their phrase.

An output kind's word ("tài" of "Tài liệu", "kế" of "Kế hoạch", "báo" of "Báo cáo") is also
a word of agency names ("Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Báo Bình Định"). Counted as
the output's kind wherever it stands, it weighs for the output as much as the agency word
it is weighs for the partners, and a partners' name wrapped beside an open output cell is
cut in two: "xã hội nghệ, Sở Tài" / "chính" gives the partners "Sở" and the output "...
thẩm quyền Tài chính". Where the word goes on an agency name from the word before it on the
line ("Sở" / "Tài": a directory name holds the two in a row) and stands in no kind phrase
(with its neighbours on the line, or finishing the output's words above), it weighs as the
output's plain words (as ``kind_phrases`` does for a collective list's words).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from theodoi.ingest.layout.kind_phrases import inside_kind_phrase
from theodoi.ingest.layout.output_lists import TAKES_COLLECTIVE


def named_outside_kind_phrase(
    words: Sequence[str],
    above: Sequence[str],
    inside_name: Sequence[bool],
    loose: Sequence[bool],
    kind_words: frozenset[str],
    phrases: Iterable[Sequence[str]],
) -> list[bool]:
    """``loose`` (per folded word of a line, whether it weighs as the output's plain words)
    with the output ``kind_words`` that go on an agency name (``inside_name``) outside any of
    the kind ``phrases`` (``above``: the output cell's last folded words) marked too. None is marked when the
    output's last word takes agencies as its object ("(từ" / "các sở, ban,": the output's
    own list, ``TAKES_COLLECTIVE``)."""
    named = [inside and word in kind_words for word, inside in zip(words, inside_name, strict=True)]
    if not any(named) or (above and above[-1] in TAKES_COLLECTIVE):
        return list(loose)
    phrase = inside_kind_phrase(words, above, phrases)
    return [was or (n and not p) for was, n, p in zip(loose, named, phrase, strict=True)]
