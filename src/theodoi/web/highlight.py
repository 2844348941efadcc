"""Mark the words of a search in text shown with its diacritics.

The search matches on ``fold`` (no marks, lower case), so "chuyen doi so" must light up
"chuyển đổi số" in the printed text: each printed character is folded on its own and the
matches found in the folded string are mapped back to the printed characters.
"""

from __future__ import annotations

import re

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from theodoi.ingest.text import fold, strip_marks


def query_words(query: str | None) -> list[str]:
    """Return the distinct folded words of a query, in the order typed."""
    seen: list[str] = []
    for word in fold(query).split():
        if word not in seen:
            seen.append(word)
    return seen


def starts_a_word(key: str, word: str) -> bool:
    """Tell whether a word of the folded ``key`` starts with ``word`` ("so" in "so khoa hoc", not in "khoa")."""
    return re.search(rf"(?<!\w){re.escape(word)}", key) is not None


def match_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Return merged ``(start, end)`` spans of the words of ``text`` whose fold starts with one of ``words``.

    Like the search, a query word matches the start of a word ("so" marks "số", not "khoa").
    """
    folded_parts: list[str] = []
    owner: list[int] = []  # owner[i] = index in text of folded character i
    for index, char in enumerate(text):
        part = strip_marks(char).lower()
        folded_parts.append(part)
        owner.extend([index] * len(part))
    folded = "".join(folded_parts)
    spans: list[tuple[int, int]] = []
    for word in words:
        if not word:
            continue
        start = folded.find(word)
        while start != -1:
            end = start + len(word)
            if start == 0 or not folded[start - 1].isalnum():  # word starts only, as the search
                spans.append((owner[start], _word_end(folded, owner, end)))
            start = folded.find(word, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    # A combining mark after a marked letter belongs to it.
    return [(s, _extend_marks(text, e)) for s, e in merged]


def _word_end(folded: str, owner: list[int], end: int) -> int:
    """Return the printed end of the word a match starts: "chuyen" marks all of "chuyển"."""
    while end < len(folded) and folded[end].isalnum():
        end += 1
    return owner[end - 1] + 1


def _extend_marks(text: str, end: int) -> int:
    while end < len(text) and not strip_marks(text[end]):
        end += 1
    return end


def highlight(text: str | None, words: list[str]) -> SafeString:
    """Return ``text`` escaped, with the matched words wrapped in ``<mark>``."""
    if not text:
        return mark_safe("")
    out: list[str] = []
    cursor = 0
    for start, end in match_spans(text, words):
        out.append(str(conditional_escape(text[cursor:start])))
        out.append(f"<mark>{conditional_escape(text[start:end])}</mark>")
        cursor = end
    out.append(str(conditional_escape(text[cursor:])))
    return mark_safe("".join(out))  # every piece is escaped above
