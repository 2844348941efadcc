"""Output kind words an agency list shares: the output's evidence only inside their phrase.

Folded (without diacritics), the words of the output kinds (kết quả: "Văn bản", "Cơ sở dữ
liệu", "Hội nghị", "Báo cáo") are also words of the partners' lists and of agency names:
"bản" folds to "ban" of "sở, ban, ngành", "sở" of "cơ sở" is the agency "Sở", "hội" of "Hội
nghị" an association's "Hội". OCR and the restorer do not keep the diacritics that tell them
apart (a partners' "sở, ban," comes back as "số, bản,"). Counted as an output's kind word
wherever it stands, the partners' list wrapped below an open output cell ("Văn bản," above,
"các sở, ban," below it) weighs for the output as much as for the partners, and the
output's open cell carries it away. A shared word is the kind's evidence where it stands in
the kind's phrase: with its neighbours on the line, or opening the line after the output
cell's last words above ("Văn" | "bản"). Elsewhere it weighs as the output's plain words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def listed_outside_kind_phrase(
    tokens: Sequence[str],
    words: Sequence[str],
    before: Sequence[str],
    phrases: Iterable[Sequence[str]],
    shared: frozenset[str],
    takers: frozenset[str] = frozenset(),
) -> list[bool]:
    """Mark the words of a line (``tokens``, folded ``words``) that are ``shared`` (a kind
    phrase's and a collective list's word), set in a comma list and in none of the kind
    ``phrases`` (each a sequence of folded words).

    ``before`` are the folded words above that the line's first words may finish a phrase
    with (the open output cell's last words); when the last of them is one of ``takers`` (it
    takes a collective as its object) no word is marked.
    """
    out = [False] * len(words)
    if before and before[-1] in takers:
        return out
    listed = [
        word in shared and (token.endswith(",") or (k > 0 and tokens[k - 1].endswith(",")))
        for k, (token, word) in enumerate(zip(tokens, words, strict=True))
    ]
    if not any(listed):
        return out
    inside = inside_kind_phrase(words, before, phrases)
    for k in range(len(words)):
        out[k] = listed[k] and not inside[k]
    return out


def inside_kind_phrase(
    words: Sequence[str], before: Sequence[str], phrases: Iterable[Sequence[str]]
) -> list[bool]:
    """Mark the words of a line (folded ``words``) that stand in one of the kind ``phrases``
    (of two words or more), with their neighbours on the line or, at its start, finishing a
    phrase the folded words ``before`` (the output cell's last words above) open."""
    context = [*before, *words]
    lead = len(before)
    inside = [False] * len(context)
    for phrase in phrases:
        n = len(phrase)
        if n < 2:
            continue
        for j in range(max(0, lead - n + 1), len(context) - n + 1):
            if all(context[j + i] == phrase[i] for i in range(n)):
                for i in range(n):
                    inside[j + i] = True
    return inside[lead:]
