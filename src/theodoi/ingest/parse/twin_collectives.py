"""A faintly guessed named lead beside a collective the row prints twice: the lead is a collective.

When both agency cells of an OCR'd row hold collectives ("Các sở, ngành, địa phương" and
"Các sở, ban, ngành, địa phương") whose heads OCR garbled, the row's line shows the same
collective words twice side by side ("năng lượng, ngành, địa ngành, địa trong"), and no
name is read in the lead cell; the lead is then a faint guess from the row's other words
(``GUESSED_CONFIDENCE`` or less: "Sở Nông nghiệp và Môi trường" from the name's "nông
nghiệp"), and the collective is read for the partners only. When a row's one named lead is
such a guess, its one partner is a collective, and one fragment line holds two of that
collective's words in a row twice, the lead is the collective too. A lead read from its own
cell keeps its reading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from theodoi.ingest.normalise.agencies import is_collective
from theodoi.ingest.parse.faint_words import Fragments
from theodoi.ingest.plan import GUESSED_CONFIDENCE, Task
from theodoi.ingest.text import fold


def _printed_twice(collective: str, fragments: Fragments) -> bool:
    """Whether one fragment line holds two of ``collective``'s words ("các" aside) in a row twice."""
    pairs = set(pairwise(re.findall(r"\w+", fold(collective))[1:]))
    for _line, pieces in fragments:
        words = re.findall(r"\w+", fold(" ".join(pieces)))
        seen = [pair for pair in pairwise(words) if pair in pairs]
        if any(seen.count(pair) >= 2 for pair in seen):
            return True
    return False


def with_twin_collectives(tasks: Sequence[Task], fragments: Sequence[Fragments]) -> None:
    """Give a faintly guessed named lead's place to its collective partner printed twice."""
    for task, row in zip(tasks, fragments, strict=True):
        if len(task.lead) != 1 or is_collective(task.lead[0]) or len(task.support) != 1:
            continue
        if (
            not is_collective(task.support[0])
            or task.provenance.confidence.get("lead", 1.0) > GUESSED_CONFIDENCE
        ):
            continue
        if _printed_twice(task.support[0], row):
            task.lead = list(task.support)
