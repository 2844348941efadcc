"""Two submission jobs at the same time on PostgreSQL: the newer update stays, whichever commits last.

The job of an older report may read a task's row before the job of a newer report has
committed it; its write must then wait for that row and leave it (``progress._save_newer``'s
condition is checked on the row as committed, under its lock).
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, transaction
from tests.tracking.submitting import REPORTED_ROW

from theodoi.plans.models import Task
from theodoi.tracking import obligations, progress, services
from theodoi.tracking.models import ProgressReport, TaskProgress
from theodoi.tracking.tasks import report_derived_apply

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writes one transaction at a time"),
]


def _report(plan: Any, reporter: Any, period: str, percent: int, task: Task) -> ProgressReport:
    draft = services.report_get_or_create_draft(
        actor=reporter, agency=reporter.profile.agency, plan=plan, cadence="quarterly", period=period
    )
    return services.report_save_and_submit(
        report=draft,
        actor=reporter,
        version=draft.version,
        data={"tasks": {task.pk: {**REPORTED_ROW, "percent": percent}}},
    )


def test_an_older_reports_job_waiting_on_a_newer_ones_row_does_not_overwrite_it(
    duties_a: Any, reporter_a: Any, task_1: Task
) -> None:
    progress.task_progress_for_plan(plan=duties_a)
    obligations.obligations_build(key="2025-Q3")
    older = _report(duties_a, reporter_a, "2025-Q2", 20, task_1)
    newer = _report(duties_a, reporter_a, "2025-Q3", 40, task_1)
    newer_written, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def newer_job() -> None:
        try:
            with transaction.atomic():
                report_derived_apply(report_id=newer.pk)
                newer_written.set()
                release.wait(10)  # holds the task's row, uncommitted
        except BaseException as e:
            errors.append(e)
            newer_written.set()
        finally:
            connection.close()

    def older_job() -> None:
        try:
            with transaction.atomic():
                report_derived_apply(report_id=older.pk)  # reads the row as before, then waits to write
        except BaseException as e:
            errors.append(e)
        finally:
            connection.close()

    first = threading.Thread(target=newer_job)
    first.start()
    assert newer_written.wait(10)
    second = threading.Thread(target=older_job)
    second.start()
    second.join(1.0)
    assert second.is_alive()  # waiting on the newer job's row
    release.set()
    first.join(10)
    second.join(10)

    assert errors == []
    row = TaskProgress.objects.get(task=task_1)
    assert (row.report_period, row.percent) == ("2025-Q3", 40)
