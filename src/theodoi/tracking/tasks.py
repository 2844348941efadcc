"""Background jobs of progress reporting (django-tasks): thin, taking ids, safe to run twice.

Each job calls one service. Reminders claim their ``ReminderLog`` rows with a conditional
UPDATE and notification e-mails claim ``Notification.emailed_at`` the same way, so a job
that runs twice (a retry, two workers) sends each message once.

``report_submitted`` follows a report sent through the API in one request
(``services.report_save_and_submit``), so the request itself writes only the report: with the
report locked it brings the derived rows up to date incrementally — the progress rows of the
report's tasks compared with its updates and written only where they change
(``progress.task_progress_apply_report``), the indicator sets it states values of
(``standings.indicator_progress_apply_report``), its obligation — and tells the coordinators
once (``ReminderLog`` claims). Run late, twice, or after a newer report's job, it leaves what a
full rebuild gives.

``rebuild_task_progress`` recomputes every task's progress row from the updates (and every
indicator's standing from the values, and this quarter's report obligations from the
calendar) each night
at PROGRESS_HOUR (local time), just after midnight so that a report sent ahead for a period
beginning that day counts from the morning: ``theodoi worker`` queues the first run when it
starts and each run queues the next; at most one run is ever waiting. Running it twice
writes the same rows.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

from theodoi.tracking import services
from theodoi.tracking.models import IndicatorValue, ProgressReport
from theodoi.tracking.obligations import obligation_report_sent, obligations_rebuild
from theodoi.tracking.progress import analyze_derived, task_progress_apply_report, task_progress_rebuild
from theodoi.tracking.standings import STATED, indicator_progress_apply_report, indicator_progress_rebuild

logger = logging.getLogger(__name__)

PROGRESS_HOUR = 0
PROGRESS_MINUTE = 15


def _at(at_iso: str | None) -> dt.datetime:
    return dt.datetime.fromisoformat(at_iso) if at_iso else timezone.now()


@task()
def send_due_reminders(at_iso: str | None = None) -> int:
    """Remind reporters of reports due in the next days (``TRACKING_REMIND_DAYS_BEFORE``)."""
    return services.reminders_send_due(at=_at(at_iso))


@task()
def send_overdue_reminders(at_iso: str | None = None) -> int:
    """Remind reporters of late reports and overdue tasks, once a week each."""
    return services.reminders_send_overdue(at=_at(at_iso))


@task()
def send_notification_email(notification_id: int) -> bool:
    """E-mail one notification, once."""
    return services.notification_email_send(notification_id=notification_id)


@task()
def report_submitted(report_id: int, event_id: int) -> int:
    """Refresh what a report sent through ``report_save_and_submit`` changes and tell the coordinators, once."""
    report = report_derived_apply(report_id=report_id)
    if report is None:
        return 0
    return services.report_submitted_notify(report=report, event_id=event_id)


def report_derived_apply(*, report_id: int, on: dt.date | None = None) -> ProgressReport | None:
    """Bring the rows derived from a report up to date with it as stored now; return it (None if gone).

    The report is read locked (FOR NO KEY UPDATE, itself only): a review of it (return,
    accept) waits for this transaction, or this one reads what the review left, so the rows
    follow the report's status as it is, however late the job runs. Three statements for a
    report stating no value: the report (with whether it states any), its updates with their
    tasks' rows, the obligation; plus the upsert of the rows that change. One transaction.
    """
    with transaction.atomic():
        report = (
            ProgressReport.objects.select_for_update(of=("self",), no_key=True)
            .select_related("plan__unit__parent", "agency")
            .annotate(states_values=Exists(IndicatorValue.objects.filter(STATED, report_id=OuterRef("pk"))))
            .filter(pk=report_id)
            .first()
        )
        if report is None:
            return None
        task_progress_apply_report(report=report, on=on)
        if report.states_values:
            indicator_progress_apply_report(report=report, on=on)
        obligation_report_sent(report)
    return report


def enqueue_with_transaction(job: Task[..., Any], *args: Any) -> None:
    """Queue ``job`` so that it exists exactly when the caller's transaction commits.

    With the database backend the job's row is written inside that transaction: it commits
    or rolls back with the write it follows (no job lost between a commit and a later
    enqueue, no second commit). Any other backend would run or hand it on at once, before
    the write is visible, so it is queued after commit instead.
    """
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    if isinstance(task_backends[job.backend], DatabaseBackend):
        job.enqueue(*args)
    else:
        transaction.on_commit(lambda: job.enqueue(*args))


@task()
def rebuild_task_progress() -> int:
    """Recompute the task progress, indicator standings and this quarter's obligations; queue the next run."""
    written = task_progress_rebuild()
    logger.info("task progress rebuilt: %d rows", written)
    logger.info("indicator progress rebuilt: %d rows", indicator_progress_rebuild())
    logger.info("this quarter's report obligations rebuilt: %d rows", obligations_rebuild())
    analyze_derived()
    progress_schedule()
    return written


def next_progress_at(*, now: dt.datetime) -> dt.datetime:
    """Return the next PROGRESS_HOUR:PROGRESS_MINUTE local time strictly after ``now``."""
    local = timezone.localtime(now)
    at = local.replace(hour=PROGRESS_HOUR, minute=PROGRESS_MINUTE, second=0, microsecond=0)
    return at if at > local else at + dt.timedelta(days=1)


def progress_schedule(*, now: dt.datetime | None = None) -> bool:
    """Queue the next nightly rebuild unless one is already waiting; return True if queued.

    Only the database backend holds a job for later; with another backend nothing is queued
    (tests, or a deployment running ``theodoi rebuild-task-progress`` from cron).
    """
    from django_tasks import task_backends
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends[rebuild_task_progress.backend], DatabaseBackend):
        return False
    waiting = DBTaskResult.objects.filter(
        task_path=rebuild_task_progress.module_path, status=TaskResultStatus.READY
    ).exists()
    if waiting:
        return False
    rebuild_task_progress.using(run_after=next_progress_at(now=now or timezone.now())).enqueue()
    return True
