"""``report_save_and_submit``: the rows and the submission in one transaction, the rest by the worker.

A submission writes the rows, the status, one audit event and one queued job; the job
(``tasks.report_submitted``) brings the derived rows to what a full rebuild gives and tells
the coordinators once, however often it runs. Bad input writes nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult
from tests.tracking.submitting import REPORTED_ROW, save_and_submit

from theodoi.core.models import AuditEvent
from theodoi.plans.models import Indicator, Task
from theodoi.tracking import progress, services, standings
from theodoi.tracking.models import (
    IndicatorProgress,
    Notification,
    NotificationKind,
    ProgressReport,
    ReportObligation,
    ReportStatus,
    TaskProgress,
    TaskUpdate,
)
from theodoi.tracking.services import report_scope
from theodoi.tracking.services.errors import InvalidTransition, ReportConflict
from theodoi.tracking.tasks import report_submitted

pytestmark = pytest.mark.django_db


def _run_queued_jobs() -> int:
    """Run the follow-up jobs the database backend holds, as ``theodoi worker`` would; return how many."""
    queued = list(DBTaskResult.objects.filter(task_path=report_submitted.module_path))
    for row in queued:
        report_submitted.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    return len(queued)


def _derived() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    tasks = TaskProgress.objects.order_by("task_id").values_list(
        "task_id", "update_id", "work_status", "percent", "done_on", "report_period", "reported_at", "status"
    )
    indicators = IndicatorProgress.objects.order_by("indicator_id").values_list(
        "indicator_id", "judged", "standing", "trend", "latest_number", "latest_on", "series"
    )
    return list(tasks), list(indicators)


@pytest.fixture
def indicator_online(duties_a: Any) -> Indicator:
    return duties_a.indicators.get(name="Tỷ lệ dịch vụ công trực tuyến toàn trình")


@pytest.fixture
def coordinator_a_mail(coordinator_a: Any) -> Any:
    coordinator_a.email = "dieuphoi@skhcn.gialai.gov.vn"
    coordinator_a.save()
    return coordinator_a


def test_rows_and_submission_are_written_together_with_one_audit_event_and_one_job(
    q3_report: ProgressReport, reporter_a: Any, task_1: Task, indicator_online: Indicator
) -> None:
    sent = save_and_submit(
        q3_report,
        reporter_a,
        summary="Đúng tiến độ.",
        tasks={task_1.pk: REPORTED_ROW},
        indicators={indicator_online.pk: {"value": "85"}},
    )

    stored = ProgressReport.objects.get(pk=q3_report.pk)
    assert (stored.status, stored.version, stored.summary) == (ReportStatus.SUBMITTED, 2, "Đúng tiến độ.")
    assert (sent.status, sent.version, sent.submitted_at) == (stored.status, 2, stored.submitted_at)
    row = TaskUpdate.objects.get(report=q3_report, task=task_1)
    assert (row.status, row.percent) == ("in_progress", 40)
    event = AuditEvent.objects.filter(object_id=str(q3_report.pk)).exclude(action="report.create").get()
    assert event.action == "report.submit"
    assert event.after["status"] == ReportStatus.SUBMITTED
    assert event.after["tasks"] == {str(task_1.pk): {**REPORTED_ROW}}
    assert event.after["indicators"] == {str(indicator_online.pk): {"number": 85.0}}
    assert DBTaskResult.objects.filter(task_path=report_submitted.module_path).count() == 1


def test_after_the_job_the_derived_rows_equal_a_full_rebuild(
    q3_report: ProgressReport, reporter_a: Any, task_1: Task, indicator_online: Indicator
) -> None:
    progress.task_progress_for_plan(plan=q3_report.plan)  # the plan's rows as they were before
    save_and_submit(
        q3_report,
        reporter_a,
        tasks={task_1.pk: REPORTED_ROW},
        indicators={indicator_online.pk: {"value": "85"}},
    )
    assert TaskProgress.objects.get(task=task_1).work_status == ""  # the worker has not run yet

    assert _run_queued_jobs() == 1
    after_job = _derived()
    progress.task_progress_rebuild()
    standings.indicator_progress_rebuild()

    assert _derived() == after_job
    assert TaskProgress.objects.get(task=task_1).percent == 40
    assert IndicatorProgress.objects.get(indicator=indicator_online).latest_number == 85.0


def test_the_job_marks_the_reports_obligation_sent(
    q3_report: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    obligation = ReportObligation.objects.create(
        plan=q3_report.plan,
        agency=q3_report.agency,
        cadence=q3_report.cadence,
        period=q3_report.period,
        due_at=q3_report.due_at,
        quarter="2025-Q3",
    )
    sent = save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW})

    _run_queued_jobs()

    obligation.refresh_from_db()
    assert (obligation.sent, obligation.submitted_at) == (True, sent.submitted_at)


def test_the_coordinators_are_told_once_however_often_the_job_runs(
    q3_report: ProgressReport, reporter_a: Any, coordinator_a_mail: Any, task_1: Task
) -> None:
    save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW})

    _run_queued_jobs()
    _run_queued_jobs()

    note = Notification.objects.get(user=coordinator_a_mail, kind=NotificationKind.SUBMITTED)
    assert note.title == "Sở Khoa học và Công nghệ đã gửi báo cáo Quý III/2025"
    assert (note.object_type, note.object_id) == ("tracking.progressreport", str(q3_report.pk))
    assert [m.to for m in mail.outbox] == [["dieuphoi@skhcn.gialai.gov.vn"]]


def test_a_returned_report_sent_again_updates_its_rows_and_says_resubmitted(
    q3_report: ProgressReport, reporter_a: Any, coordinator_a: Any, task_1: Task
) -> None:
    sent = save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW})
    returned = services.report_return(report=sent, actor=coordinator_a, comment="Thiếu minh chứng.")

    again = save_and_submit(returned, reporter_a, tasks={task_1.pk: {"percent": 55}})

    assert again.status == ReportStatus.SUBMITTED
    assert list(TaskUpdate.objects.filter(report=q3_report).values_list("percent", flat=True)) == [55]
    event = AuditEvent.objects.filter(action="report.resubmit").get()
    assert (event.before["tasks"], event.after["tasks"]) == (
        {str(task_1.pk): {"percent": 40}},
        {str(task_1.pk): {"percent": 55}},
    )
    assert again.submitted_at == sent.submitted_at  # lateness counts from the first submission


def _nothing_written(report: ProgressReport) -> None:
    stored = ProgressReport.objects.get(pk=report.pk)
    assert (stored.status, stored.version) == (ReportStatus.DRAFT, 1)
    assert not TaskUpdate.objects.filter(report=report).exists()
    assert not AuditEvent.objects.filter(object_id=str(report.pk)).exclude(action="report.create").exists()
    assert not DBTaskResult.objects.exists()


def test_a_bad_value_is_refused_in_vietnamese_and_nothing_is_written(
    q3_report: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_and_submit(q3_report, reporter_a, tasks={task_1.pk: {**REPORTED_ROW, "percent": "140"}})

    assert refused.value.message_dict == {
        f"tasks.{task_1.pk}.percent": [
            "Tỷ lệ hoàn thành (%) của nhiệm vụ 1 phải là số nguyên từ 0 đến 100; đã nhập 140."
        ]
    }
    _nothing_written(q3_report)


def test_a_task_the_agency_does_not_lead_is_refused_and_nothing_is_written(
    q3_report: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    other = q3_report.plan.tasks.exclude(pk=task_1.pk).get()

    with pytest.raises(ValidationError) as refused:
        save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW, other.pk: REPORTED_ROW})

    assert refused.value.message_dict == {
        f"tasks.{other.pk}": ["Nhiệm vụ này không thuộc báo cáo của cơ quan."]
    }
    _nothing_written(q3_report)


def test_a_task_left_unreported_is_named_and_nothing_is_written(
    q3_report: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_and_submit(q3_report, reporter_a, summary="Chưa đủ.")

    assert refused.value.message_dict == {
        f"tasks.{task_1.pk}.status": ["Chưa báo cáo tình trạng của nhiệm vụ 1."]
    }
    _nothing_written(q3_report)


def test_a_stale_version_is_a_conflict_and_nothing_is_written(
    q3_report: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    with pytest.raises(ReportConflict) as refused:
        services.report_save_and_submit(
            report=q3_report, actor=reporter_a, version=7, data={"tasks": {task_1.pk: REPORTED_ROW}}
        )

    assert refused.value.current_version == 1
    _nothing_written(q3_report)


def test_a_version_changed_after_the_report_was_read_is_a_conflict(
    q3_report: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    ProgressReport.objects.filter(pk=q3_report.pk).update(version=2)  # another write in between

    with pytest.raises(ReportConflict) as refused:
        save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW})

    assert refused.value.current_version == 2
    assert not TaskUpdate.objects.filter(report=q3_report).exists()


def test_a_sent_report_cannot_be_sent_again(q3_report: ProgressReport, reporter_a: Any, task_1: Task) -> None:
    sent = save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW})

    with pytest.raises(InvalidTransition):
        save_and_submit(sent, reporter_a, tasks={task_1.pk: {"percent": 90}})

    assert TaskUpdate.objects.get(report=q3_report).percent == 40


def test_a_reporter_of_another_agency_cannot_send_it(
    q3_report: ProgressReport, reporter_finance_a: Any, task_1: Task
) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        save_and_submit(q3_report, reporter_finance_a, tasks={task_1.pk: REPORTED_ROW})

    _nothing_written(q3_report)


def test_with_another_task_backend_the_job_runs_after_commit(
    q3_report: ProgressReport,
    reporter_a: Any,
    coordinator_a: Any,
    task_1: Task,
    immediate_tasks: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks() as pending:
        save_and_submit(q3_report, reporter_a, tasks={task_1.pk: REPORTED_ROW})
    assert not Notification.objects.exists()  # nothing ran inside the transaction

    for callback in pending:
        callback()

    assert TaskProgress.objects.get(task=task_1).percent == 40
    assert Notification.objects.filter(user=coordinator_a, kind=NotificationKind.SUBMITTED).count() == 1


def test_a_task_saved_in_a_draft_before_need_not_be_sent_again(
    q3_report: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    saved = services.report_save_draft(
        report=q3_report, actor=reporter_a, version=1, data={"tasks": {task_1.pk: REPORTED_ROW}}
    )
    report = ProgressReport.objects.select_related("plan", "agency").get(pk=saved.pk)

    sent = save_and_submit(report, reporter_a, summary="Đã báo cáo ở bản nháp.")

    assert sent.status == ReportStatus.SUBMITTED
    assert list(TaskUpdate.objects.filter(report=report).values_list("task_id", "percent")) == [
        (task_1.pk, 40)
    ]


def test_the_tasks_to_report_are_those_the_agency_leads_with_whether_reported(
    q3_report: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    other = q3_report.plan.tasks.exclude(pk=task_1.pk).get()
    assert report_scope._led_tasks_reported(q3_report) == {task_1.pk: (task_1.pk, task_1.code, False)}
    assert set(report_scope._led_tasks(q3_report).values_list("pk", flat=True)) == {task_1.pk} != {other.pk}

    services.report_save_draft(
        report=q3_report, actor=reporter_a, version=1, data={"tasks": {task_1.pk: REPORTED_ROW}}
    )

    assert report_scope._led_tasks_reported(q3_report) == {task_1.pk: (task_1.pk, task_1.code, True)}
