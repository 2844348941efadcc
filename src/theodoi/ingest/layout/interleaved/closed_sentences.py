"""A name line's part that goes on past the name's closing full stop with another cell's words.

Without a gap mark, the first column's cut rests on the column's usual width, and a name's
last line that ends a sentence ("... an ninh" / "thông tin, dữ liệu.") keeps the words OCR
ran on after it when the line is about as long as the name's lines: "thông tin, dữ liệu. địa
phương bản trên không gian", an open agency cell's last word ("Các sở, ngành," / "địa
phương") and the output's wrapped words. A task name does not go on after its full stop with
a lower-case agency continuation, so the words from the stop on are the other columns'.
"""

from __future__ import annotations

from collections.abc import Sequence

from theodoi.ingest.layout.interleaved.agency_tails import _agency_starts

# How well the words after the stop must carry on an agency cell's start (``agency_continuation``:
# 0.95 where the joined words go on as a directory name does).
_CARRIES_ON = 0.95


def split_after_closing_stop(head: str, open_cells: Sequence[str]) -> tuple[str, str]:
    """Cut a name line's part after a word closing a sentence (".") when the next words,
    lower-case, carry on an agency cell begun above (``open_cells``: any start of one, as
    ``agency_tails`` reads a cell's names so far: "Các sở, ngành," of "Các sở, ngành, Công an
    tỉnh"). Returns (name part, words moved to the rest); the part unchanged, with no words
    moved, when no such stop is found.
    """
    from theodoi.ingest.normalise.agencies import agency_continuation

    tokens = head.split()
    starts = [s for cell in open_cells for s in _agency_starts(cell)]
    if not starts:
        return head, ""
    for k, token in enumerate(tokens[:-1]):
        if not token.endswith(".") or token.endswith("..") or not tokens[k + 1][:1].islower():
            continue
        words = " ".join(tokens[k + 1 : k + 3])
        if any(agency_continuation(start, words) >= _CARRIES_ON for start in starts):
            return " ".join(tokens[: k + 1]), " ".join(tokens[k + 1 :])
    return head, ""
