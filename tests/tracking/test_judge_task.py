"""The one rule that turns a task's latest counted update into one of the five statuses."""

from __future__ import annotations

import datetime as dt

import pytest

from theodoi.ingest.normalise.deadlines import parse_deadline
from theodoi.tracking.rules import ReportedWork, TaskStatus, judge_task

D = dt.date
DUE_JUNE = parse_deadline("06/2025")


def work(status: str, percent: int = 0, done_on: dt.date | None = None) -> ReportedWork:
    return ReportedWork(status=status, percent=percent, done_on=done_on, submitted_on=D(2025, 6, 20))


@pytest.mark.parametrize(
    ("reported", "on", "expected"),
    [
        (None, D(2025, 5, 1), TaskStatus.NOT_STARTED),
        (None, D(2025, 7, 1), TaskStatus.IN_PROGRESS_OVERDUE),
        (work("not_started"), D(2025, 5, 1), TaskStatus.NOT_STARTED),
        (work("not_started", percent=10), D(2025, 5, 1), TaskStatus.IN_PROGRESS_ON_TIME),
        (work("in_progress", 40), D(2025, 5, 1), TaskStatus.IN_PROGRESS_ON_TIME),
        (work("in_progress", 40), D(2025, 7, 1), TaskStatus.IN_PROGRESS_OVERDUE),
        (work("done", 100, done_on=D(2025, 6, 10)), D(2025, 7, 1), TaskStatus.DONE_ON_TIME),
        (work("done", 100, done_on=D(2025, 7, 2)), D(2025, 7, 5), TaskStatus.DONE_LATE),
    ],
)
def test_latest_update_decides_the_status(reported, on, expected):
    assert judge_task(deadline=DUE_JUNE, reported=reported, on=on) == expected


def test_done_without_a_day_counts_from_the_submission():
    late_submission = ReportedWork(status="done", percent=100, done_on=None, submitted_on=D(2025, 7, 3))

    assert judge_task(deadline=DUE_JUNE, reported=late_submission, on=D(2025, 7, 5)) == TaskStatus.DONE_LATE


def test_a_recurring_task_is_due_at_the_end_of_the_judged_period():
    monthly = parse_deadline("Hằng tháng")

    status = judge_task(deadline=monthly, reported=None, on=D(2025, 8, 1), period_due=D(2025, 7, 31))

    assert status == TaskStatus.IN_PROGRESS_OVERDUE
