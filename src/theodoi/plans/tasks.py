"""Background jobs of the plans app (Django Tasks through django-tasks; ``theodoi worker`` runs them).

Jobs are thin: they take ids and call one service. ``extract_draft`` extracts an uploaded
document (enqueued on commit by ``draft_upload``); ``retrain_restorer`` retrains the OCR
restorer on the database's clean text and reviewers' corrections, every night at
RETRAIN_HOUR (local time): the worker schedules the first run when it starts and each run
schedules the next, and at most one run is ever waiting.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from theodoi.plans.drafts import draft_extract

logger = logging.getLogger(__name__)

RETRAIN_HOUR = 2  # 02:00 local time, when nobody uploads


@task()
def extract_draft(draft_id: int) -> None:
    """Extract the uploaded document of draft ``draft_id`` (idempotent: see ``draft_extract``)."""
    draft_extract(draft_id=draft_id)


@task()
def retrain_restorer() -> dict[str, int]:
    """Retrain the restorer (what ``theodoi train-restore`` does), then schedule the next night's run."""
    from theodoi.plans.management.commands.train_restore import restore_retrain

    path, texts, pairs = restore_retrain()
    logger.info("restorer retrained on %d texts and %d corrections: %s", texts, pairs, path)
    retrain_schedule()
    return {"texts": texts, "pairs": pairs}


def next_retrain_at(*, now: dt.datetime) -> dt.datetime:
    """Return the next RETRAIN_HOUR:00 local time strictly after ``now``."""
    local = timezone.localtime(now)
    at = local.replace(hour=RETRAIN_HOUR, minute=0, second=0, microsecond=0)
    return at if at > local else at + dt.timedelta(days=1)


def retrain_schedule(*, now: dt.datetime | None = None) -> bool:
    """Queue the next nightly retraining unless one is already waiting; return True if queued.

    Only the database backend can hold a job for later; with another backend nothing is
    scheduled (tests, or a deployment that runs ``theodoi train-restore`` from cron).
    """
    from django_tasks import task_backends
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends[retrain_restorer.backend], DatabaseBackend):
        return False
    waiting = DBTaskResult.objects.filter(
        task_path=retrain_restorer.module_path, status=TaskResultStatus.READY
    ).exists()
    if waiting:
        return False
    retrain_restorer.using(run_after=next_retrain_at(now=now or timezone.now())).enqueue()
    return True
