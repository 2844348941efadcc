"""Import, review and publish a plan: the draft (bản nháp) between a document and a plan.

A coordinator uploads a document (``draft_upload``); a background job extracts it
(``draft_extract``, run by ``theodoi.plans.tasks.extract_draft``) into a ``PlanDraft`` holding
the nq57-plan/1 JSON. Reviewers correct it cell by cell and row by row (``draft_cell_update``,
``draft_row_*``); every change is a ``Correction`` (who, when, before, after) and text
corrections teach the restorer (``theodoi train-restore``). ``draft_publish`` hands the
corrected document to ``plan_import`` — still the one way a plan enters the database — and
carries the tasks of the plan it supersedes over (``Task.carried_from``).

Every write names the draft ``version`` it was made on; a write on a stale version raises
``DraftConflict`` and changes nothing, so two coordinators never overwrite each other
silently. Services return the draft as saved: its ``version`` is the one to send next.

One module per operation; callers import from here:

- ``base``: errors, who may edit, locking and recording a write on the document;
- ``fields``: the fields of each table, how a typed value is checked, their labels;
- ``intake``: upload, background extraction, retry;
- ``cells``: one cell edited;
- ``rows``: rows added, deleted, moved, merged, split;
- ``review_queue``: the cells to check and their source lines;
- ``diff``: the difference with the plan replaced, task matching;
- ``publish``: publish, discard, the plan superseded.
"""

from theodoi.plans.drafts.base import TABLES, DraftConflict, DraftError, draft_may_edit
from theodoi.plans.drafts.cells import draft_cell_update
from theodoi.plans.drafts.diff import DiffTask, FieldChange, PlanDiff, TaskChange, draft_diff, match_tasks
from theodoi.plans.drafts.fields import FIELD_LABELS
from theodoi.plans.drafts.intake import draft_extract, draft_retry, draft_upload
from theodoi.plans.drafts.publish import draft_discard, draft_publish, draft_set_supersedes
from theodoi.plans.drafts.review_queue import CellRef, draft_review_queue, draft_source_lines
from theodoi.plans.drafts.rows import (
    draft_row_add,
    draft_row_delete,
    draft_row_move,
    draft_row_split,
    draft_rows_merge,
)

__all__ = [
    "FIELD_LABELS",
    "TABLES",
    "CellRef",
    "DiffTask",
    "DraftConflict",
    "DraftError",
    "FieldChange",
    "PlanDiff",
    "TaskChange",
    "draft_cell_update",
    "draft_diff",
    "draft_discard",
    "draft_extract",
    "draft_may_edit",
    "draft_publish",
    "draft_retry",
    "draft_review_queue",
    "draft_row_add",
    "draft_row_delete",
    "draft_row_move",
    "draft_row_split",
    "draft_rows_merge",
    "draft_set_supersedes",
    "draft_source_lines",
    "draft_upload",
    "match_tasks",
]
