"""Each task's current progress row (``tracking.progress``): the SQL judgement, the writes, the rebuild."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.core.management import call_command

from theodoi.plans.models import Plan, Task
from theodoi.tracking import progress, services
from theodoi.tracking.models import ProgressReport, ReportStatus, TaskProgress, TaskUpdate, WorkStatus
from theodoi.tracking.progress import Latest, judge_latest
from theodoi.tracking.rules import TZ, TaskStatus

pytestmark = pytest.mark.django_db

# --- the SQL judgement agrees with rules.judge_task, case by case ------------------------------------

DEADLINES = (
    "06/2025",  # a month: due 30/06/2025
    "15/09/2025",  # a day
    "Quý IV/2025",
    "2026",
    "Thường xuyên",  # continuous: judged per quarter
    "Hằng tháng",  # recurring monthly
    "12/2025 và thường xuyên",  # dated, then per period once past
    "Sau khi Trung ương ban hành hướng dẫn",  # an event: never overdue
    "",  # none
)
# (work status, percent, done_on, report period): what the newest counted update said
REPORTED: tuple[tuple[str, int, dt.date | None, str] | None, ...] = (
    None,
    (WorkStatus.NOT_STARTED, 0, None, "2025-Q3"),
    (WorkStatus.NOT_STARTED, 10, None, "2025-Q4"),
    (WorkStatus.IN_PROGRESS, 40, None, "2025-Q3"),
    (WorkStatus.IN_PROGRESS, 70, None, "2025-M12"),
    (WorkStatus.DONE, 100, dt.date(2025, 6, 20), "2025-Q2"),
    (WorkStatus.DONE, 100, dt.date(2025, 11, 2), "2025-Q4"),
    (WorkStatus.DONE, 100, None, "2025-Q3"),  # no day given: counts from the submission
    (WorkStatus.DONE, 100, dt.date(2026, 1, 20), "2026-M01"),
)
DAYS = (
    dt.date(2025, 6, 30),
    dt.date(2025, 7, 1),
    dt.date(2025, 9, 16),
    dt.date(2025, 12, 31),
    dt.date(2026, 1, 1),
    dt.date(2026, 2, 3),
    dt.date(2027, 1, 1),
)
SENT = dt.datetime(2025, 9, 20, 23, 30, tzinfo=TZ)  # 16:30 UTC: the local day is the 20th


def _latest(reported: tuple[str, int, dt.date | None, str] | None) -> Latest | None:
    if reported is None:
        return None
    from theodoi.tracking.rules import period_bounds

    status, percent, done_on, period = reported
    _, start, end = period_bounds(period)
    return Latest(0, status, percent, done_on, SENT, period, start, end)


def test_the_sql_judgement_agrees_with_judge_task(
    plan_a: Plan, make_task: Any, agencies: dict[str, Any]
) -> None:
    """Every deadline kind × what was reported × a day around the boundaries: same status, same due day."""
    cases: dict[int, tuple[str, Any, dt.date]] = {}
    rows = []
    for deadline, reported in itertools.product(DEADLINES, REPORTED):
        task = make_task(plan_a, f"Nhiệm vụ {len(rows)}", lead=[agencies["science_a"]], deadline=deadline)
        task = Task.objects.select_related("plan__unit__parent").get(pk=task.pk)
        latest = _latest(reported)
        for on in DAYS:
            row = progress.progress_row(task, latest, on=on)
            row.update_id = None
            rows.append((task.pk, on, row, judge_latest(progress.task_deadline(task), latest, on=on)))
            cases[task.pk] = (deadline, reported, on)
    by_day: dict[dt.date, list[tuple[int, tuple[TaskStatus, dt.date | None]]]] = {}
    for task_id, on, _, judged in rows:
        by_day.setdefault(on, []).append((task_id, judged))
    TaskProgress.objects.bulk_create([row for _, on, row, _ in rows if on == DAYS[0]])
    assert len(by_day[DAYS[0]]) == len(DEADLINES) * len(REPORTED)
    for on, wanted in by_day.items():
        got = {
            r.task_id: (TaskStatus(r.judged_status), r.judged_due)
            for r in progress.judged(TaskProgress.objects.all(), on=on)
        }
        mismatches = [(cases[pk][:2], on, want, got[pk]) for pk, want in wanted if got[pk] != want]
        assert mismatches == []


def test_every_status_occurs_in_the_case_table() -> None:
    """The table above is not one-sided: each of the five statuses is somebody's answer."""
    seen = set()
    from theodoi.ingest.normalise.deadlines import parse_deadline

    for deadline, reported, on in itertools.product(DEADLINES, REPORTED, DAYS):
        seen.add(judge_latest(parse_deadline(deadline), _latest(reported), on=on)[0])
    assert seen == set(TaskStatus)


# --- the writes keep the rows current ------------------------------------------------------------------


def _row(task: Task) -> TaskProgress:
    return TaskProgress.objects.get(task=task)


def _fill(report: ProgressReport, actor: Any, **row: Any) -> ProgressReport:
    task = report.plan.tasks.order_by("position").first()
    services.report_save_draft(
        report=report,
        actor=actor,
        version=report.version,
        data={
            "tasks": {
                task.pk: {"status": row.get("status", "in_progress"), "percent": row.get("percent", 40)}
            }
        },
    )
    report.refresh_from_db()
    return report


def test_submitting_a_report_writes_its_tasks_rows(q3_report: ProgressReport, reporter_a: Any) -> None:
    report = _fill(q3_report, reporter_a, percent=40)
    task = report.plan.tasks.order_by("position").first()
    assert (
        not TaskProgress.objects.filter(task=task).exclude(work_status="").exists()
    )  # a draft states nothing
    services.report_submit(report=report, actor=reporter_a, version=report.version)
    row = _row(task)
    assert (row.work_status, row.percent, row.report_period) == ("in_progress", 40, "2025-Q3")
    assert row.update_id == TaskUpdate.objects.get(report=report, task=task).pk


def test_returning_a_report_takes_its_rows_back(
    q3_report: ProgressReport, reporter_a: Any, coordinator_a: Any
) -> None:
    report = _fill(q3_report, reporter_a)
    report = services.report_submit(report=report, actor=reporter_a, version=report.version)
    services.report_return(report=report, actor=coordinator_a, comment="Thiếu minh chứng.")
    row = _row(report.plan.tasks.order_by("position").first())
    assert (row.work_status, row.update_id) == ("", None)


def test_accepting_keeps_the_row(q3_report: ProgressReport, reporter_a: Any, coordinator_a: Any) -> None:
    report = _fill(q3_report, reporter_a, percent=55)
    report = services.report_submit(report=report, actor=reporter_a, version=report.version)
    services.report_accept(report=report, actor=coordinator_a)
    assert _row(report.plan.tasks.order_by("position").first()).percent == 55


def test_amending_a_deadline_rewrites_the_row(duties_a: Plan, coordinator_a: Any) -> None:
    task = duties_a.tasks.order_by("position").first()
    progress.task_progress_for_plan(plan=duties_a)
    services.task_amend(actor=coordinator_a, task=task, changes={"deadline_text": "Quý II/2027"})
    assert _row(task).deadline_due == dt.date(2027, 6, 30)


def test_a_carried_over_task_keeps_the_progress_of_the_one_it_continues(
    q3_report: ProgressReport, reporter_a: Any, make_task: Any, agencies: dict[str, Any]
) -> None:
    report = _fill(q3_report, reporter_a, status="in_progress", percent=80)
    services.report_submit(report=report, actor=reporter_a, version=report.version)
    old = report.plan.tasks.order_by("position").first()
    new_plan = Plan.objects.create(unit=report.plan.unit, number="52/KH-UBND", status="active")
    new = make_task(new_plan, old.name, lead=[agencies["science_a"]], deadline=old.deadline_text)
    Task.objects.filter(pk=new.pk).update(carried_from=old)
    progress.task_progress_for_plan(plan=new_plan)
    assert (_row(new).percent, _row(new).report_period) == (80, "2025-Q3")


# --- repair: the rebuild, the missing rows, the nightly job -----------------------------------------


def test_the_rebuild_command_recomputes_every_row(
    q3_report: ProgressReport, reporter_a: Any, capsys: Any
) -> None:
    report = _fill(q3_report, reporter_a, percent=30)
    services.report_submit(report=report, actor=reporter_a, version=report.version)
    TaskProgress.objects.all().delete()
    call_command("rebuild_task_progress", "--batch", "1")
    assert TaskProgress.objects.count() == Task.objects.count()
    assert _row(report.plan.tasks.order_by("position").first()).percent == 30
    assert "Đã tính lại tiến độ của" in capsys.readouterr().out


def test_status_only_sets_the_stored_status_on_today(plan_a: Plan) -> None:
    progress.task_progress_for_plan(plan=plan_a, on=dt.date(2025, 1, 1))
    TaskProgress.objects.update(status="")
    changed = progress.task_progress_rejudge(on=dt.date(2025, 1, 1))
    assert changed == plan_a.tasks.count()
    assert set(TaskProgress.objects.values_list("status", flat=True)) == {TaskStatus.NOT_STARTED.value}


def test_tasks_made_outside_the_services_get_their_row_when_read(plan_a: Plan) -> None:
    TaskProgress.objects.all().delete()
    assert (
        progress.task_progress_fill_missing(plans=Plan.objects.filter(pk=plan_a.pk)) == plan_a.tasks.count()
    )
    assert progress.task_progress_fill_missing(plans=Plan.objects.filter(pk=plan_a.pk)) == 0


def test_a_report_for_a_period_not_begun_waits_for_it(
    duties_a: Plan, reporter_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task = duties_a.tasks.order_by("position").first()
    report = ProgressReport.objects.create(
        agency=reporter_a.profile.agency,
        plan=duties_a,
        cadence="quarterly",
        period="2099-Q1",
        period_start=dt.date(2099, 1, 1),
        period_end=dt.date(2099, 3, 31),
        due_at=dt.datetime(2099, 3, 15, tzinfo=TZ),
        status=ReportStatus.SUBMITTED,
        last_submitted_at=dt.datetime(2025, 9, 1, tzinfo=TZ),
    )
    TaskUpdate.objects.create(report=report, task=task, status=WorkStatus.DONE, percent=100)
    progress.task_progress_refresh(task_ids=[task.pk], on=dt.date(2025, 9, 1))
    assert _row(task).work_status == ""
    progress.task_progress_refresh(task_ids=[task.pk], on=dt.date(2099, 1, 1))
    assert _row(task).work_status == "done"


def test_the_nightly_job_rebuilds_and_queues_the_next_run(
    plan_a: Plan, settings: Any, immediate_tasks: None
) -> None:
    from theodoi.tracking import tasks

    TaskProgress.objects.all().delete()
    assert (
        tasks.rebuild_task_progress.enqueue().return_value
        == plan_a.tasks.count() + Task.objects.exclude(plan=plan_a).count()
    )
    assert tasks.progress_schedule() is False  # the immediate backend keeps nothing for later


def test_the_next_nightly_run_is_just_after_midnight() -> None:
    from theodoi.tracking.tasks import next_progress_at

    at = next_progress_at(now=dt.datetime(2025, 9, 1, 12, 0, tzinfo=TZ))
    assert at == dt.datetime(2025, 9, 2, 0, 15, tzinfo=TZ)
    assert next_progress_at(now=dt.datetime(2025, 9, 1, 0, 5, tzinfo=TZ)) == dt.datetime(
        2025, 9, 1, 0, 15, tzinfo=TZ
    )
