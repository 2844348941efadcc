"""A collective lead the row's lines do not place, told by the plan's habit in its clear rows.

Where a row names a collective ("Các sở, ngành, địa phương") and one named agency, the lead
column (cơ quan chủ trì) standing left of the partners' (cơ quan phối hợp) often tells which
is which: a line prints the lead's words before the partner's. Many rows give no such line
(the collective's cell opens above the named one's, each on lines of its own), and the
column the collective was read into is a guess. A plan words its rows one way throughout: it
either has the departments named lead and "các sở, ngành" as partners, or the other way
round. When the rows the lines do place put the named agency in the lead far more often than
the collective (``RATIO`` to one, at least ``MIN_CLEAR`` such rows), a row whose lead is a
collective and whose one named partner the lines do not place is read the plan's way: the
named agency is the lead, the collective a partner. A plan whose clear rows are mixed keeps
its rows as read. Only this direction is taken: a collective lead is seldom left unplaced,
its words opening the line left of the partner's, so an unplaced row is the named-lead kind
far more often, even in plans that lead with collectives.
"""

from __future__ import annotations

from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import is_collective, known_agency
from theodoi.ingest.parse.collective_lead import collective_sides
from theodoi.ingest.parse.faint_words import Fragments
from theodoi.ingest.parse.lead_before_collective import lead_before_collective
from theodoi.ingest.plan import GUESSED_CONFIDENCE, Task

RATIO = 3
MIN_CLEAR = 6


def _sides(names: Sequence[str], fragments: Fragments) -> tuple[bool, bool]:
    """Whether a collective stands left of some of ``names`` on a line, and whether right."""
    left = right = False
    for name in names:
        side = collective_sides(name, fragments)
        left, right = left or side[0], right or side[1]
    return left, right


def clear_lead(task: Task, fragments: Fragments) -> str | None:
    """ "collective" or "named": the kind of lead the row's lines place, None when they do not."""
    if len(task.lead) != 1:
        return None
    names = (*task.lead, *task.support)
    named = [n for n in names if not is_collective(n)]
    if not named or len(named) == len(names):
        return None
    left, right = _sides(named, fragments)
    if left == right:
        return None
    return "collective" if left else "named"


def lead_by_habit(tasks: Sequence[Task], fragments: Sequence[Fragments]) -> None:
    """Make the one named partner the lead of rows whose unplaced collective lead goes against
    the plan's clear habit of named leads (see the module's docstring); ``fragments``: per task."""
    votes = [clear_lead(t, f) for t, f in zip(tasks, fragments, strict=True)]
    named, collective = votes.count("named"), votes.count("collective")
    if named < MIN_CLEAR or named < RATIO * max(collective, 1):
        return
    for task, rows_fragments in zip(tasks, fragments, strict=True):
        if len(task.lead) != 1 or not is_collective(task.lead[0]):
            continue
        partners = [n for n in task.support if not is_collective(n) and known_agency(n)]
        if not partners:
            _garbled_lead(task, rows_fragments)
            continue
        if len(partners) != 1 or any(_sides(partners, rows_fragments)):
            continue
        task.lead, task.support = partners, [task.lead[0], *(n for n in task.support if n != partners[0])]
        confidence = task.provenance.confidence
        confidence["lead"] = min(confidence.get("lead", 1.0), GUESSED_CONFIDENCE)  # a vote, not a reading


def _garbled_lead(task: Task, fragments: Fragments) -> None:
    """Make a garbled name standing before the collective the lead (``lead_before_collective``)."""
    name = lead_before_collective(fragments)
    if name is None:
        return
    task.lead, task.support = [name], [task.lead[0], *(n for n in task.support if n != task.lead[0])]
    confidence = task.provenance.confidence
    confidence["lead"] = min(confidence.get("lead", 1.0), GUESSED_CONFIDENCE)  # a faint reading
