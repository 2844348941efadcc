"""A university's one-word proper name finished from the same place name printed in the plan.

Vietnamese place names run on two syllables or more, each capitalised ("Quy Nhơn", "Quảng
Trị"); a university (trường đại học) named by a place is cut where its narrow cell wraps, and
the OCR may drop the second syllable into a neighbour column ("Đại học Quy" in the lead cell,
"Nhơn" amid the task name's words). A name read as "Đại học" and one capitalised word is
finished when two things agree: the plan prints that word followed by a capitalised word
elsewhere ("trí tuệ nhân tạo Quy Nhơn"), the full place name, and that second word stands in
the row itself, where the cut-off syllable went. Neither alone will do: a plan may print the
place name without the row's university being cut ("Đại học Huế" is whole), and a stray
capitalised word in the row says nothing of which name it ends.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from theodoi.ingest.layout.table import Row
from theodoi.ingest.plan import Task
from theodoi.ingest.text import fold

_HEADS = ("dai hoc", "truong dai hoc")
_WORD = re.compile(r"[^\W\d_]+")


def _capitalised(word: str) -> bool:
    """Whether ``word`` is printed as a proper name's syllable: capital first, the rest not."""
    return word[:1].isupper() and word[1:].islower()


def _pairs(text: str) -> list[tuple[str, str]]:
    """Each capitalised word of ``text`` and the capitalised word right after it, if any."""
    words = _WORD.findall(text)
    return [(a, b) for a, b in pairwise(words) if _capitalised(a) and _capitalised(b)]


def _finished(name: str, row_cells: Sequence[str], plan_pairs: Counter[tuple[str, str]]) -> str:
    """``name`` with its proper name's second word, when the plan and the row both tell it."""
    words = name.split()
    if len(words) < 3 or fold(" ".join(words[:-1])) not in _HEADS or not _capitalised(words[-1]):
        return name
    row_words = {fold(w) for cell in row_cells for w in _WORD.findall(cell) if _capitalised(w)}
    last = fold(words[-1])
    seconds = Counter()
    for (first, second), count in plan_pairs.items():
        if fold(first) == last and fold(second) in row_words:
            seconds[second] += count
    if not seconds:
        return name
    return f"{name} {seconds.most_common(1)[0][0]}"


def finish_university_places(tasks: Sequence[Task], rows: Sequence[Row]) -> None:
    """Finish the one-word place name of the universities the tasks name (see the module's
    docstring); ``rows``: per task, its row. Each cell is read on its own: a word ending one
    cell and one opening the next are no name's words."""
    row_cells = [[c.text for c in row.cells.values() if c.text] for row in rows]
    plan_pairs = Counter(pair for cells in row_cells for cell in cells for pair in _pairs(cell))
    for task, cells in zip(tasks, row_cells, strict=True):
        task.lead = [_finished(n, cells, plan_pairs) for n in task.lead]
        task.support = [_finished(n, cells, plan_pairs) for n in task.support]
