"""A lead cell's last name, "các địa phương", read as the end of the task's name.

The lead cell lists its names ("Sở Dân tộc và Tôn giáo; các" / "địa phương"); its last line
wraps below the other columns' lines and OCR gives it to the first column's text, which then
ends with "... hướng dẫn của Trung ương địa phương". When the lead's last name goes on to a
further name (its list mark, or a "các" after it) that no cell holds, and the task's name
ends with "địa phương", those words are the lead's next name, not the task's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.parse.faint_words import WORD_EDGE
from theodoi.ingest.parse.listed_lead import opens_a_list
from theodoi.ingest.text import fold

_LOCALITIES = "Các địa phương"


def _goes_on(name: str, cell: str, fragments: Sequence[tuple[int, list[str]]]) -> bool:
    """Whether the lead's last name goes on to a further one: in the row's fragments
    (``opens_a_list``), or its last word has a list mark after it in the lead cell (its head
    garbled past placing: "SoDantdcva Tôn giáo; các")."""
    last = re.findall(r"\w+", fold(name))[-1:]
    return opens_a_list(name, fragments) or any(
        fold(t).rstrip(";,:") == last[0] and t[-1] in ";,:" for t in cell.split() if last
    )


def lead_tail_in_name(
    name: str, lead: list[str], support: list[str], cell: str, fragments: Sequence[tuple[int, list[str]]]
) -> tuple[str, list[str]]:
    """Move "(các) địa phương" from the task name's end to the lead's end, when the lead's last
    name goes on to a further one (``_goes_on``) and neither cell names the localities already."""
    if not lead or not fragments or any("dia phuong" in fold(n) for n in (*lead, *support)):
        return name, lead
    words = name.split()
    folded = [fold(w).strip(WORD_EDGE) for w in words]
    if folded[-2:] != ["dia", "phuong"] or len(words) < 4 or not _goes_on(lead[-1], cell, fragments):
        return name, lead
    cut = 3 if folded[-3] == "cac" else 2
    return " ".join(words[:-cut]).rstrip(" ,;"), [*lead, _LOCALITIES]
