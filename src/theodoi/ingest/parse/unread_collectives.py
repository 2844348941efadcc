"""An empty partners' cell whose collective OCR garbled past reading, read from the plan's own.

A partners' collective ("Các sở, ngành, địa phương") in a narrow OCR'd cell often loses its
"Các" and its "Sở" ("Y NTA Sở, ngành, địa" / "ngành. địa" / "SỞ, NEANM," / "địa phương"),
so no directory name is read and the row is left without partners, though its other columns
hold two of the collective's words side by side. A plan words its collectives the same way
throughout, so of the plan's own collectives (read on its other rows) the row names the one
whose words its fragments hold in the longest run, then the one the plan prints most. Two
words must stand side by side, with a whole collective noun that opens no named agency among
them ("ngành", "địa phương"; "sở" and "ban" head named agencies, "quan" of "liên quan" is no
noun): a lone "Sở" or "địa" is no collective. A row whose lead is a collective is passed
over: the words are its lead's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.normalise.agencies import collective_nouns, head_of, is_collective
from theodoi.ingest.parse.faint_words import WORD_EDGE, word_like
from theodoi.ingest.parse.lost_collective import plan_collectives
from theodoi.ingest.plan import GUESSED_CONFIDENCE, Task
from theodoi.ingest.text import fold

_RUN = 2  # words of a collective side by side in a row's fragments, to read it there


def _run(name: str, words: Sequence[str]) -> int:
    """The longest run of ``name``'s consecutive words that stand side by side in ``words``,
    counted only when it holds a collective noun that heads no named agency."""
    wanted = re.findall(r"\w+", name)
    best = 0
    for i in range(len(words)):
        for j in range(len(wanted)):
            k = 0
            while i + k < len(words) and j + k < len(wanted) and word_like(words[i + k], wanted[j + k]):
                k += 1
            if k > best and _names_noun(wanted[j : j + k]):
                best = k
    return best


@lru_cache(maxsize=1)
def _telling_nouns() -> tuple[tuple[str, ...], ...]:
    """The collective nouns that open no named agency ("ngành", "địa phương"), as word tuples."""
    return tuple(tuple(n.split()) for n in collective_nouns() if head_of(n) is None)


def _names_noun(run: Sequence[str]) -> bool:
    """Whether the words ``run`` hold a whole telling noun ("địa phương"; "quan" of "liên quan" is none)."""
    return any(
        tuple(run[i : i + len(noun)]) == noun
        for noun in _telling_nouns()
        for i in range(len(run) - len(noun) + 1)
    )


def with_unread_collectives(
    tasks: Sequence[Task], fragments: Sequence[Sequence[tuple[int, list[str]]]]
) -> None:
    """Give each task without partners, its lead no collective, the plan's collective that
    its row's fragments (``fragments``: per task) hold side by side (module docstring)."""
    printed, spelt = plan_collectives(tasks)
    if not printed:
        return
    for task, row in zip(tasks, fragments, strict=True):
        if task.support or any(is_collective(n) for n in task.lead):
            continue
        words = [w for _n, pieces in row for t in " ".join(pieces).split() if (w := fold(t).strip(WORD_EDGE))]
        runs = {key: _run(key, words) for key in printed}
        best = max(printed, key=lambda key: (runs[key], printed[key]))
        if runs[best] >= _RUN:
            task.support = [spelt[best]]
            task.provenance.confidence["support"] = GUESSED_CONFIDENCE
