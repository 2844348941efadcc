"""A lead cell that read a garbled collective, its lead taken from the partners' one name.

OCR garbles a collective lead's words ("Các‘ 59, bơn," / "phương") so that no directory
name is read from the lead cell; the row's one named agency, the partner's, is then made
the lead as well, and the task names it twice. When the lead cell holds a collective's
opener and not the named lead's opening words (a capitalised "Các", or a collective noun closed by a comma: "ngành,"), the lead is
the collective: of the document's own collectives (a plan words its collective the same way
throughout), the one whose words the cell holds most of, the one the plan prints most on a
tie.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from theodoi.ingest.normalise.agencies import collective_noun_words, is_collective, names_a_collective
from theodoi.ingest.parse.faint_words import WORD_EDGE, word_like
from theodoi.ingest.plan import Task
from theodoi.ingest.text import fold


def opens_collective(cell: str | None) -> bool:
    """Whether an OCR'd agency cell holds a collective's opener: "Các" or "ngành," and the like."""
    if names_a_collective(cell):
        return True
    nouns = collective_noun_words() - {"cac"}
    return any(t.endswith(",") and fold(t).strip(WORD_EDGE) in nouns for t in (cell or "").split())


def _held(name: str, words: Sequence[str]) -> int:
    return sum(any(word_like(w, k) for w in words) for k in set(re.findall(r"\w+", fold(name))))


def _opens_in(name: str, words: Sequence[str]) -> bool:
    """Whether the name's first two words stand side by side among ``words`` (the cell read it)."""
    first = re.findall(r"\w+", fold(name))[:2]
    return any(word_like(a, first[0]) and word_like(b, first[-1]) for a, b in pairwise(words))


def plan_collectives(tasks: Sequence[Task]) -> tuple[Counter[str], dict[str, str]]:
    """The plan's collectives read on its rows: how often each (folded) is printed, and each
    one as printed, capitalised."""
    names = [n for t in tasks for n in (*t.lead, *t.support) if is_collective(n)]
    return Counter(fold(n) for n in names), {fold(n): n[:1].upper() + n[1:] for n in names}


def with_lost_collectives(tasks: Sequence[Task], lead_cells: Sequence[str | None]) -> None:
    """Give each task whose one lead is also its partner, its lead cell opening a collective,
    the document's collective its lead cell holds most words of (``lead_cells``: per task)."""
    printed, spelt = plan_collectives(tasks)
    if not printed:
        return
    for task, cell in zip(tasks, lead_cells, strict=True):
        if len(task.lead) != 1 or fold(task.lead[0]) not in {fold(n) for n in task.support}:
            continue
        words = [fold(t).strip(WORD_EDGE) for t in (cell or "").split()]
        if not opens_collective(cell) or _opens_in(task.lead[0], words):
            continue
        best = max(printed, key=lambda key: (_held(key, words), printed[key]))
        task.lead = [spelt[best]]
