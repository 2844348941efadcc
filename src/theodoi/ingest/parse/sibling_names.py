"""A named agency read as its sibling, told by the name the plan itself prints.

Some directory names share their head and next two words and differ only at the end ("Sở Nông
nghiệp và Môi trường" / "Sở Nông nghiệp và Phát triển nông thôn": an agency renamed, and its
former name). In an OCR'd row the distinguishing end is what a neighbour column's words run
into and what a faint reading guesses from a stray word ("triển" of "triển khai"), so the
sibling the row is read as is often not the one printed. A plan is written at one time and
names an agency one way throughout: when the plan's rows name the other sibling far more often
(``RATIO`` to one, at least ``MIN_SEEN`` times) and the row's own words hold one of that
sibling's distinguishing words ("môi", "trường"), the row's lead (cơ quan chủ trì) names it
too. A plan that names both siblings about as often, or a row with none of the other's words,
keeps its names as read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY, head_of, is_collective, known_agency
from theodoi.ingest.parse.faint_words import Fragments
from theodoi.ingest.plan import GUESSED_CONFIDENCE, Task
from theodoi.ingest.text import fold

RATIO = 3
MIN_SEEN = 3


def _words(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", fold(name)))


@lru_cache(maxsize=1)
def _siblings() -> dict[str, tuple[str, ...]]:
    """Each named directory entry -> the entries with its head and next two words that neither
    opens nor is opened by it (a name and its longer form, "... Khu kinh tế tỉnh", are one).
    One shared word is no kinship: "Sở Tài chính" / "Sở Tài nguyên và Môi trường"."""
    named = [n for n in AGENCY_DIRECTORY if not is_collective(n)]
    out: dict[str, tuple[str, ...]] = {}
    for name in named:
        key = _words(name)
        head = head_of(" ".join(key))
        if head is None:
            continue
        at = len(head.split())
        if len(key) <= at + 1:
            continue
        out[name] = tuple(
            other
            for other in named
            if other != name
            and _words(other)[: at + 2] == key[: at + 2]
            and _words(other)[: len(key)] != key
            and key[: len(_words(other))] != _words(other)
        )
    return out


def _own_words(name: str, sibling: str) -> set[str]:
    """The sibling's words of three letters or more that ``name`` lacks."""
    return {w for w in _words(sibling) if len(w) >= 3} - set(_words(name))


def with_plan_siblings(tasks: Sequence[Task], fragments: Sequence[Fragments]) -> None:
    """Give each OCR'd row's lead the sibling name the plan prints far more often (see the
    module's docstring); ``fragments``: per task, the row's other-column text."""
    seen = Counter(known_agency(n) for t in tasks for n in (*t.lead, *t.support))
    for task, row in zip(tasks, fragments, strict=True):
        words = {fold(w).strip(".,;:()") for _n, pieces in row for piece in pieces for w in piece.split()}
        for k, name in enumerate(task.lead):
            entry = known_agency(name)
            if entry is None:
                continue
            better = [
                s
                for s in _siblings().get(entry, ())
                if seen[s] >= MIN_SEEN and seen[s] >= RATIO * seen[entry] and _own_words(entry, s) & words
            ]
            if len(better) != 1 or any(known_agency(n) == better[0] for n in task.lead):
                continue
            task.lead[k] = better[0]
            confidence = task.provenance.confidence
            confidence["lead"] = min(confidence.get("lead", 1.0), GUESSED_CONFIDENCE)
