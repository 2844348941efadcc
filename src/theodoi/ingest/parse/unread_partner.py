"""An empty partners' cell whose named agency OCR garbled at its head, read from the row's words.

A named partner in a narrow OCR'd cell ("Sở Khoa học và Công nghệ", "Sở Tài chính") loses its
head to a look-alike ("50 Khoa học và" / "Công nghệ") or is glued to a neighbour's words
("Công Sở'Tài Chính Mạng lưới"), so no name is read and the row is left without partners.
Its telling words still stand in order among the row's other columns' words: when all of one directory name's telling words do, the token just before
them spelling the word the name prints there ("50", "Sở"), and no other name is found
so, the row names it as its partner (``faint_words.rest_name``). Words that only hold part of
a name, or hold it without its head before ("... chiến lược" / "Giáo dục và Đào tạo" of an
output), name none; a row whose lead is a collective is passed over (its partners are rare).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import is_collective
from theodoi.ingest.parse.faint_words import rest_name
from theodoi.ingest.plan import GUESSED_CONFIDENCE, Task
from theodoi.ingest.text import fold


def with_unread_partner(tasks: Sequence[Task], fragments: Sequence[Sequence[tuple[int, list[str]]]]) -> None:
    """Give each task without partners, its lead no collective, the directory name its row's
    fragments (``fragments``: per task) hold whole after its head (module docstring)."""
    for task, row in zip(tasks, fragments, strict=True):
        if task.support or any(is_collective(n) for n in task.lead):
            continue
        placed = [
            (i, w) for i, (_n, pieces) in enumerate(row) for w in re.findall(r"\w+", fold(" ".join(pieces)))
        ]
        words, lines = [w for _i, w in placed], [i for i, _w in placed]
        if name := rest_name(words, task.lead, headed=True, lines=lines):
            task.support = [name]
            task.provenance.confidence["support"] = GUESSED_CONFIDENCE
