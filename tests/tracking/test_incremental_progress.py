"""The submission's job refreshes the derived rows incrementally and lands where a full rebuild does.

``tasks.report_submitted`` compares each stored progress row with the report's updates and
writes only what changes (``progress.task_progress_apply_report``), rejudges only the
indicator sets the report states values of and marks its obligation. Whatever the order the
jobs run in, late or twice, after a return, an amendment or a web submission, the rows equal
what ``task_progress_rebuild`` / ``indicator_progress_rebuild`` / ``obligations_build`` write.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult
from tests.tracking.submitting import REPORTED_ROW, save_and_submit

from theodoi.plans.models import Indicator, Plan, ReportingDuty, Task
from theodoi.tracking import obligations, progress, services, standings
from theodoi.tracking.models import (
    IndicatorProgress,
    ProgressReport,
    ReportObligation,
    TaskProgress,
    TaskUpdate,
)
from theodoi.tracking.tasks import report_derived_apply, report_submitted

pytestmark = pytest.mark.django_db


def _queued() -> list[tuple[Any, ...]]:
    """Take the queued follow-up jobs' arguments off the queue, oldest first (run by the test)."""
    rows = list(DBTaskResult.objects.filter(task_path=report_submitted.module_path).order_by("enqueued_at"))
    DBTaskResult.objects.filter(pk__in=[r.pk for r in rows]).delete()
    return [tuple(r.args_kwargs["args"]) for r in rows]


def _run(jobs: list[tuple[Any, ...]]) -> None:
    for args in jobs:
        report_submitted.call(*args)


def _derived() -> tuple[list[Any], list[Any], list[Any]]:
    tasks = TaskProgress.objects.order_by("task_id").values_list(
        "task_id",
        "plan_id",
        "province_id",
        "deadline_due",
        "per_period",
        "continues",
        "cadence",
        "update_id",
        "work_status",
        "percent",
        "done_on",
        "report_period",
        "report_period_end",
        "reported_at",
        "status",
    )
    indicators = IndicatorProgress.objects.order_by("indicator_id").values_list(
        "indicator_id", "judged", "standing", "trend", "latest_number", "latest_on", "series"
    )
    owed = ReportObligation.objects.order_by("plan_id", "agency_id", "cadence", "period").values_list(
        "plan_id", "agency_id", "cadence", "period", "sent", "submitted_at"
    )
    return list(tasks), list(indicators), list(owed)


def _rebuilt() -> tuple[list[Any], list[Any], list[Any]]:
    progress.task_progress_rebuild()
    standings.indicator_progress_rebuild()
    for key in ReportObligation.objects.values_list("quarter", flat=True).distinct():
        obligations.obligations_build(key=key)
    return _derived()


@pytest.fixture
def before(duties_a: Any) -> None:
    """The plan's rows as a full build leaves them, the quarters of the reports built."""
    progress.task_progress_for_plan(plan=duties_a)
    for key in ("2025-Q2", "2025-Q3"):
        obligations.obligations_build(key=key)


@pytest.fixture
def q2_report(duties_a: Any, reporter_a: Any) -> ProgressReport:
    """The same agency's report for the quarter before ``q3_report``."""
    return services.report_get_or_create_draft(
        actor=reporter_a,
        agency=reporter_a.profile.agency,
        plan=duties_a,
        cadence="quarterly",
        period="2025-Q2",
    )


@pytest.fixture
def both_sent(
    before: None, q2_report: ProgressReport, q3_report: ProgressReport, reporter_a: Any, task_1: Task
) -> tuple[ProgressReport, ProgressReport]:
    """Q2 (task 1 at 20 %) then Q3 (at 40 %) sent through the API; their two jobs queued, not run."""
    return (
        save_and_submit(q2_report, reporter_a, tasks={task_1.pk: {**REPORTED_ROW, "percent": 20}}),
        save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW}),
    )


@pytest.fixture
def indicator_online(duties_a: Any) -> Indicator:
    return duties_a.indicators.get(name="Tỷ lệ dịch vụ công trực tuyến toàn trình")


def test_jobs_run_in_order_leave_the_full_rebuild(
    before: None,
    q2_report: ProgressReport,
    q3_report: ProgressReport,
    reporter_a: Any,
    task_1: Task,
    indicator_online: Indicator,
) -> None:
    save_and_submit(
        q2_report,
        reporter_a,
        tasks={task_1.pk: {**REPORTED_ROW, "percent": 20}},
        indicators={indicator_online.pk: {"value": "60"}},
    )
    save_and_submit(
        q3_report,
        reporter_a,
        tasks={task_1.pk: REPORTED_ROW},
        indicators={indicator_online.pk: {"value": "85"}},
    )

    _run(_queued())

    after = _derived()
    assert TaskProgress.objects.get(task=task_1).percent == 40
    assert IndicatorProgress.objects.get(indicator=indicator_online).latest_number == 85.0
    assert after == _rebuilt()


def test_an_older_reports_job_run_last_leaves_the_newer_update(
    both_sent: tuple[ProgressReport, ProgressReport], task_1: Task
) -> None:
    older, newer = _queued()

    _run([newer, older])

    row = TaskProgress.objects.get(task=task_1)
    assert (row.report_period, row.percent) == ("2025-Q3", 40)
    assert _derived() == _rebuilt()


def test_a_job_run_twice_writes_nothing_the_second_time(
    before: None, q3_report: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW})
    (job,) = _queued()
    _run([job])
    report = ProgressReport.objects.get(pk=q3_report.pk)

    assert progress.task_progress_apply_report(report=report) == 0
    _run([job])
    assert _derived() == _rebuilt()


def test_a_report_returned_before_its_job_runs_counts_for_nothing(
    both_sent: tuple[ProgressReport, ProgressReport], coordinator_a: Any, task_1: Task
) -> None:
    _, sent = both_sent
    services.report_return(report=sent, actor=coordinator_a, comment="Thiếu minh chứng.")

    _run(_queued())

    row = TaskProgress.objects.get(task=task_1)
    assert (row.report_period, row.percent) == ("2025-Q2", 20)
    assert _derived() == _rebuilt()


def test_a_report_returned_after_its_job_ran_gives_its_tasks_back_their_previous_update(
    both_sent: tuple[ProgressReport, ProgressReport], coordinator_a: Any, task_1: Task
) -> None:
    _, sent = both_sent
    _run(_queued())
    services.report_return(report=sent, actor=coordinator_a, comment="Thiếu minh chứng.")

    assert TaskProgress.objects.get(task=task_1).report_period == "2025-Q2"
    assert _derived() == _rebuilt()


def test_a_row_still_holding_the_returned_update_is_rebuilt_by_the_late_job(
    both_sent: tuple[ProgressReport, ProgressReport], task_1: Task
) -> None:
    """A row left holding an update of a report that no longer counts is read again from the updates."""
    _run(_queued())
    q3 = both_sent[1]
    ProgressReport.objects.filter(pk=q3.pk).update(status="returned")  # as if the review wrote no rows

    report_derived_apply(report_id=q3.pk)

    assert TaskProgress.objects.get(task=task_1).report_period == "2025-Q2"
    assert _derived() == _rebuilt()


def test_a_task_amended_before_the_job_keeps_its_new_deadline(
    before: None, q3_report: ProgressReport, reporter_a: Any, coordinator_a: Any, task_1: Task
) -> None:
    save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW})
    services.task_amend(actor=coordinator_a, task=task_1, changes={"deadline_text": "Quý II/2027"})

    _run(_queued())

    assert TaskProgress.objects.get(task=task_1).deadline_due == dt.date(2027, 6, 30)
    assert _derived() == _rebuilt()


def test_a_task_amended_after_the_job_keeps_the_reports_update(
    before: None, q3_report: ProgressReport, reporter_a: Any, coordinator_a: Any, task_1: Task
) -> None:
    save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW})
    _run(_queued())

    services.task_amend(actor=coordinator_a, task=task_1, changes={"deadline_text": "Quý II/2027"})

    row = TaskProgress.objects.get(task=task_1)
    assert (row.report_period, row.percent, row.deadline_due) == ("2025-Q3", 40, dt.date(2027, 6, 30))
    assert _derived() == _rebuilt()


def test_the_web_forms_submission_and_an_api_jobs_agree_with_the_rebuild(
    before: None,
    q2_report: ProgressReport,
    q3_report: ProgressReport,
    reporter_a: Any,
    task_1: Task,
    indicator_online: Indicator,
) -> None:
    """The form saves a draft then submits, refreshing in the request; the API's job comes after."""
    draft = services.report_save_draft(
        report=q3_report,
        actor=reporter_a,
        version=q3_report.version,
        data={"tasks": {task_1.pk: REPORTED_ROW}, "indicators": {indicator_online.pk: {"value": "85"}}},
    )
    services.report_submit(report=draft, actor=reporter_a, version=draft.version)
    assert TaskProgress.objects.get(task=task_1).report_period == "2025-Q3"  # no job needed
    save_and_submit(
        q2_report,
        reporter_a,
        tasks={task_1.pk: {**REPORTED_ROW, "percent": 20}},
        indicators={indicator_online.pk: {"value": "60"}},
    )

    _run(_queued())

    assert TaskProgress.objects.get(task=task_1).report_period == "2025-Q3"
    assert _derived() == _rebuilt()


def test_a_task_without_a_row_gets_it_from_all_its_updates(
    before: None, q2_report: ProgressReport, q3_report: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW})
    _run(_queued())
    TaskProgress.objects.filter(task=task_1).delete()
    save_and_submit(q2_report, reporter_a, tasks={task_1.pk: {**REPORTED_ROW, "percent": 20}})

    _run(_queued())

    assert TaskProgress.objects.get(task=task_1).report_period == "2025-Q3"
    assert _derived() == _rebuilt()


def test_an_older_update_written_after_a_newer_one_does_not_replace_it(
    both_sent: tuple[ProgressReport, ProgressReport], task_1: Task
) -> None:
    """The write itself is conditional: a job that read the row before a newer job wrote it cannot undo it."""
    _queued()
    q2, q3 = (ProgressReport.objects.get(pk=r.pk) for r in both_sent)
    task = progress._tasks(progress.Q(pk=task_1.pk)).get()
    older_row = progress.progress_rows([task], on=dt.date.today())[0]  # as if read before Q3 counted
    older_row.update_id = TaskUpdate.objects.get(report=q2, task=task_1).pk
    older_row.report_period, older_row.report_period_end = q2.period, q2.period_end
    older_row.reported_at, older_row.percent = q2.last_submitted_at, 20

    progress.task_progress_apply_report(report=q3)
    assert progress._save_newer([older_row]) == 0

    row = TaskProgress.objects.get(task=task_1)
    assert (row.report_period, row.percent) == ("2025-Q3", 40)
    assert _derived()[0] == _rebuilt()[0]


def test_the_job_reads_and_writes_a_few_statements_for_a_report_without_values(
    before: None, q3_report: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    """The report locked (with whether it states values), its updates with their rows, the changed rows, the obligation.

    (The test's own transaction adds a savepoint around the job's; a worker has none.)
    """
    save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW})
    _queued()

    with CaptureQueriesContext(connection) as run:
        report_derived_apply(report_id=q3_report.pk)

    statements = [q["sql"] for q in run.captured_queries if "SAVEPOINT" not in q["sql"].upper()]
    assert len(statements) == 4, statements


def test_a_carried_over_tasks_older_update_leaves_the_newer_one_it_continues(
    before: None,
    q3_report: ProgressReport,
    reporter_a: Any,
    task_1: Task,
    make_task: Any,
    agencies: dict[str, Any],
) -> None:
    """A task carried over holds the newest update of the tasks it continues: an older one of its own loses."""
    save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW})
    _run(_queued())
    new_plan = Plan.objects.create(unit=q3_report.plan.unit, number="52/KH-UBND", status="active")
    ReportingDuty.objects.create(plan=new_plan, cadence="quarterly", due_text="trước ngày 15 tháng cuối quý")
    new = make_task(new_plan, task_1.name, lead=[agencies["science_a"]], deadline=task_1.deadline_text)
    Task.objects.filter(pk=new.pk).update(carried_from=task_1)
    progress.task_progress_for_plan(plan=new_plan)
    draft = services.report_get_or_create_draft(
        actor=reporter_a, agency=agencies["science_a"], plan=new_plan, cadence="quarterly", period="2025-Q2"
    )

    save_and_submit(draft, reporter_a, tasks={new.pk: {**REPORTED_ROW, "percent": 10}})
    _run(_queued())

    row = TaskProgress.objects.get(task=new)
    assert (row.report_period, row.percent) == ("2025-Q3", 40)
    assert _derived() == _rebuilt()


def test_a_report_stating_one_indicator_rejudges_that_set_alone(
    before: None, q3_report: ProgressReport, reporter_a: Any, task_1: Task, indicator_online: Indicator
) -> None:
    mark = [["đánh dấu", 0]]  # what the rows rejudged lose
    IndicatorProgress.objects.update(series=mark)

    save_and_submit(
        q3_report,
        reporter_a,
        tasks={task_1.pk: REPORTED_ROW},
        indicators={indicator_online.pk: {"value": "85"}},
    )
    _run(_queued())

    marked = {
        i for i, series in IndicatorProgress.objects.values_list("indicator_id", "series") if series == mark
    }
    others = set(q3_report.plan.indicators.exclude(name=indicator_online.name).values_list("pk", flat=True))
    assert marked == others != set()
    assert IndicatorProgress.objects.get(indicator=indicator_online).latest_number == 85.0
