"""The "liên quan" (concerned) tail of an OCR'd collective partner ("Các sở, ngành có liên quan").

Plans narrow a collective to the bodies concerned: "Các sở, ngành liên quan", "Các sở, ngành,
địa phương có liên quan". The tail is a few words wrapped onto the cell's next line, where OCR
interleaves them with the other columns' words or garbles the last one ("liên" / "uẫn"), so
the directory reading stops at the collective ("Các sở, ngành"). The tail is read back from
the words that follow the collective's last word in the row's fragments: "liên" right after
it, or "có" right after it and "liên" on that line or the next, or, when the name ends its
line's words, "có liên" / "liên quan" opening a line just below. A neighbour column's words
stand right of the name on its line, so what comes right after the name is the cell's own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.parse.faint_words import fragment_words, word_places
from theodoi.ingest.text import fold

_RELATED = "lien"
_HAS = "co"
# The tail's opening words when the cell wraps before it: they open a line below.
_TAIL_OPENINGS = {("co", "lien"): "có liên quan", ("lien", "quan"): "liên quan"}
# Further members a collective's list may close on before its tail ("..., địa phương, đơn vị").
_MEMBERS = {("don", "vi"): "đơn vị", ("co", "quan"): "cơ quan", ("to", "chuc"): "tổ chức"}
# How many fragment lines below the collective's last word may open with the tail.
_TAIL_LINES = 2


def related_tail(name: str, fragments: Sequence[tuple[int, list[str]]], cell: str | None = None) -> str:
    """Return ``name`` with the "liên quan" / "có liên quan" tail its cell prints, if any.

    Only a collective ("Các ...") without a tail of its own is lengthened; its every word
    must be found in order, in the row's fragments or else in its partners' ``cell`` (the
    words the column cut gave it), for its last word's place to be known. A further member
    right after it ("đơn vị") is part of the list when the tail follows. When nothing or
    only a member follows the name on its line, the tail may open one of the
    ``_TAIL_LINES`` lines below.
    """
    key = fold(name)
    words = re.findall(r"\w+", key)
    if not key.startswith("cac ") or words[-1] == "quan":
        return name
    for lines in (fragment_words(fragments), fragment_words([(0, [cell or ""])])):
        places = word_places(name, lines)
        if len(places) < len(words):
            continue
        li, ti, _word = places[-1]
        after = lines[li][ti + 1 :]
        member = _MEMBERS.get(tuple(after[:2]))
        head = f"{name}, {member}" if member else name
        after = after[2:] if member else after
        if after[:1] == [_RELATED]:
            return f"{head} liên quan"
        if after[:1] == [_HAS] and _RELATED in after[1:] + (lines[li + 1] if li + 1 < len(lines) else []):
            return f"{head} có liên quan"
        if member or not after:
            for below in lines[li + 1 : li + 1 + _TAIL_LINES]:
                if (tail := _TAIL_OPENINGS.get(tuple(below[:2]))) is not None:
                    return f"{head} {tail}"
    return name
