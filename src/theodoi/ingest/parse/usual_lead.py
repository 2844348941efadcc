"""A faintly read lead that the row's words let be the plan's usual lead, read as that one.

A plan's lead column (cơ quan chủ trì) names one agency far more often than any other (the
department that drafted it). Where OCR garbles a row's lead cell ("Sở Khoa học" read as ">0
M08 00C") only a few of its words survive ("và Công" / "nghệ"), while the partners' cell
beside it reads clearly ("Sở Tài chính"); the row's lead is then a guess among the names
found, and the clearly read partner wins it. When the guessed lead is a named agency the plan
leads with rarely, and the plan's usual lead (``MIN_USUAL`` rows at least, ``RATIO`` times
the guess's) has half or more of its telling words in order among the row's words (two at
least), the usual lead is the lead and the guess a partner. A lead read clearly, or a plan
with no usual lead, keeps its rows as read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import is_collective, known_agency
from theodoi.ingest.parse.faint_words import Fragments, fragment_words, words_found
from theodoi.ingest.plan import GUESSED_CONFIDENCE, Task
from theodoi.ingest.text import fold

RATIO = 3
MIN_USUAL = 10


def _telling(name: str) -> list[str]:
    """The name's words after its head of three letters or more, "tỉnh" aside."""
    return [w for w in re.findall(r"\w+", fold(name))[1:] if len(w) >= 3 and w != "tinh"]


def _usual(tasks: Sequence[Task]) -> tuple[str | None, Counter[str]]:
    counts = Counter(
        entry
        for t in tasks
        for n in t.lead
        if not is_collective(n) and (entry := known_agency(n)) is not None
    )
    if not counts:
        return None, counts
    name, seen = counts.most_common(1)[0]
    return (name if seen >= MIN_USUAL else None), counts


def with_usual_lead(tasks: Sequence[Task], fragments: Sequence[Fragments]) -> None:
    """Make the plan's usual lead the lead of rows whose guessed lead it may be (see the
    module's docstring); ``fragments``: per task, the row's other-column text."""
    usual, counts = _usual(tasks)
    if usual is None:
        return
    wanted = _telling(usual)
    for task, row in zip(tasks, fragments, strict=True):
        confidence = task.provenance.confidence
        if len(task.lead) != 1 or confidence.get("lead", 1.0) >= GUESSED_CONFIDENCE:
            continue
        guess = known_agency(task.lead[0])
        if guess is None or guess == usual or counts[usual] < RATIO * counts[guess]:
            continue
        if any(known_agency(n) == usual for n in task.support):
            continue
        placed = [(li, w) for li, words in enumerate(fragment_words(row)) for w in words if w]
        found = words_found([w for _li, w in placed], wanted, [li for li, _w in placed])
        if found < max(2, len(wanted) / 2):
            continue
        task.support = [task.lead[0], *(n for n in task.support if known_agency(n) != guess)]
        task.lead = [usual]
