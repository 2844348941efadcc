"""The difference between a draft and the plan it replaces: tasks added, removed, changed.

``match_tasks`` pairs the tasks of two versions of a plan; ``draft_publish`` uses the pairs
to carry progress history over.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from theodoi.ingest.text import collapse_spaces, fold
from theodoi.plans.drafts.fields import FIELD_LABELS, text_of
from theodoi.plans.models import AgencyRole, Plan, PlanDraft

_DIFF_FIELDS = ("name", "lead", "support", "output", "deadline")
_MATCH_CUTOFF = 0.6  # folded-name similarity above which two tasks are the same task
_WORD_MATCH_FLOOR = 0.35  # share of words in common below which two names are not compared further
_MATCH_SHORTLIST = 5  # earlier tasks with most words in common compared letter by letter


@dataclass(frozen=True)
class DiffTask:
    """A task on one side of a difference: ``index`` in the draft, or ``task_id`` in the plan."""

    section: str | None
    code: str | None
    name: str
    lead: list[str]
    support: list[str]
    output: str | None
    deadline: str | None
    index: int | None = None
    task_id: int | None = None

    @property
    def key(self) -> str:
        return fold(self.name)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class TaskChange:
    """A task present on both sides; ``fields`` lists what changed (empty: unchanged)."""

    new: DiffTask
    old: DiffTask
    fields: list[FieldChange]
    similarity: float


@dataclass
class PlanDiff:
    """What publishing the draft over ``against`` changes in its task list."""

    against: Plan
    added: list[DiffTask] = field(default_factory=list)
    removed: list[DiffTask] = field(default_factory=list)
    changed: list[TaskChange] = field(default_factory=list)
    unchanged: list[TaskChange] = field(default_factory=list)

    @property
    def matches(self) -> dict[int, int]:
        """Return draft task index -> matched task id of ``against`` (changed or not)."""
        return {c.new.index: c.old.task_id for c in [*self.changed, *self.unchanged]}  # type: ignore[misc]


def _old_tasks(plan: Plan) -> list[DiffTask]:
    from theodoi.plans.selectors import plan_tasks

    out = []
    for task in plan_tasks(plan=plan):
        assignments = sorted(task.assignments.all(), key=lambda a: a.position)
        out.append(
            DiffTask(
                section=task.section_code or None,
                code=task.code or None,
                name=task.name,
                lead=[a.printed_name for a in assignments if a.role == AgencyRole.LEAD],
                support=[a.printed_name for a in assignments if a.role == AgencyRole.PARTNER],
                output=task.output or None,
                deadline=task.deadline_text or None,
                task_id=task.pk,
            )
        )
    return out


def _new_tasks(document: dict[str, Any]) -> list[DiffTask]:
    return [
        DiffTask(
            section=t.get("section"),
            code=t.get("code"),
            name=t.get("name") or "",
            lead=list(t.get("lead") or []),
            support=list(t.get("support") or []),
            output=t.get("output"),
            deadline=t.get("deadline"),
            index=n,
        )
        for n, t in enumerate(document.get("tasks") or [])
    ]


def _similarity(a: str, b: str) -> float:
    """Return how alike two folded names are (0..1) letter by letter, forgiving OCR slips; 0 if far apart."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < _MATCH_CUTOFF or matcher.quick_ratio() < _MATCH_CUTOFF:
        return 0.0
    return matcher.ratio()


def match_tasks(new: list[DiffTask], old: list[DiffTask]) -> dict[int, tuple[int, float]]:
    """Pair tasks of two versions of a plan: new position -> (old position, name similarity).

    Same (section, code) and a similar name first; then the most similar folded names, best
    pairs first, so that a renumbered or regrouped task still finds its earlier self.
    """
    pairs: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    by_code = {(o.section, o.code): j for j, o in reversed(list(enumerate(old))) if o.code}
    for i, n in enumerate(new):
        j = by_code.get((n.section, n.code)) if n.code else None
        if j is not None and j not in used:
            score = _similarity(n.key, old[j].key) if n.key != old[j].key else 1.0
            if score >= _MATCH_CUTOFF:
                pairs[i] = (j, score)
                used.add(j)
    candidates = []
    old_words = [Counter(o.key.split()) for o in old]
    for i, n in enumerate(new):
        if i in pairs:
            continue
        # Letter-by-letter comparison is dear: only the few earlier tasks sharing most words
        # with this one are compared that way.
        words = Counter(n.key.split())
        total = sum(words.values())
        shared = sorted(
            (
                (2 * sum((words & old_words[j]).values()) / (total + sum(old_words[j].values()) or 1), j)
                for j in range(len(old))
                if j not in used
            ),
            reverse=True,
        )
        for overlap, j in shared[:_MATCH_SHORTLIST]:
            if overlap < _WORD_MATCH_FLOOR:
                break
            score = 1.0 if n.key == old[j].key else _similarity(n.key, old[j].key)
            if score >= _MATCH_CUTOFF:
                candidates.append((score, -i, -j))
    for score, mi, mj in sorted(candidates, reverse=True):
        i, j = -mi, -mj
        if i not in pairs and j not in used:
            pairs[i] = (j, score)
            used.add(j)
    return pairs


def _field_text(task: DiffTask, name: str) -> str:
    value = getattr(task, name)
    return collapse_spaces(text_of(value))


def draft_diff(*, draft: PlanDraft, against: Plan) -> PlanDiff:
    """Return the tasks the draft adds, removes and changes compared with plan ``against``.

    Changes are field by field (name, lead, support, output, deadline) with before and after
    as printed. Matching: see ``match_tasks``.
    """
    new, old = _new_tasks(draft.document or {}), _old_tasks(against)
    pairs = match_tasks(new, old)
    diff = PlanDiff(against=against)
    matched_old = {j for j, _ in pairs.values()}
    for i, task in enumerate(new):
        if i not in pairs:
            diff.added.append(task)
            continue
        j, score = pairs[i]
        fields = [
            FieldChange(
                field=name,
                label=FIELD_LABELS[name],
                before=_field_text(old[j], name),
                after=_field_text(task, name),
            )
            for name in _DIFF_FIELDS
            if _field_text(old[j], name) != _field_text(task, name)
        ]
        change = TaskChange(new=task, old=old[j], fields=fields, similarity=score)
        (diff.changed if fields else diff.unchanged).append(change)
    diff.removed = [o for j, o in enumerate(old) if j not in matched_old]
    return diff
