"""Reminders and e-mails sent by the worker: once each, as each person chose."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from theodoi.plans.models import Plan, Task
from theodoi.tracking import services
from theodoi.tracking.models import Notification, NotificationKind, ProgressReport, ReminderLog
from theodoi.tracking.rules import TZ
from theodoi.tracking.tasks import send_due_reminders, send_overdue_reminders

pytestmark = pytest.mark.django_db

TWO_DAYS_BEFORE_Q3_DUE = dt.datetime(2025, 9, 13, 8, 0, tzinfo=TZ)
FIVE_DAYS_AFTER_Q3_DUE = dt.datetime(2025, 9, 20, 8, 0, tzinfo=TZ)


def test_due_reminders_run_twice_send_once(
    duties_a: Plan, reporter_a_mail: Any, reporter_finance_a: Any
) -> None:
    first = send_due_reminders.call(TWO_DAYS_BEFORE_Q3_DUE.isoformat())
    second = send_due_reminders.call(TWO_DAYS_BEFORE_Q3_DUE.isoformat())

    assert (first, second) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == ["baocao@khcn.gialai.gov.vn", "taichinh@gialai.gov.vn"]
    assert mail.outbox[0].subject == "[theodoi] Sắp đến hạn báo cáo Quý III/2025 (kế hoạch 37/KH-UBND)"
    assert ReminderLog.objects.filter(sent_at__isnull=False).count() == 2


def test_no_due_reminder_once_the_report_is_submitted(
    report_a: ProgressReport, reporter_a_mail: Any, task_1: Task
) -> None:
    report = services.report_save_draft(
        report=report_a,
        actor=reporter_a_mail,
        version=report_a.version,
        data={"tasks": {task_1.pk: {"status": "in_progress"}}},
    )
    services.report_submit(report=report, actor=reporter_a_mail, version=report.version)

    send_due_reminders.call(TWO_DAYS_BEFORE_Q3_DUE.isoformat())

    assert mail.outbox == []


def test_a_person_who_turned_off_due_emails_gets_only_the_in_app_note(
    duties_a: Plan, reporter_a_mail: Any, reporter_finance_a: Any
) -> None:
    services.preferences_update(
        actor=reporter_finance_a, preferences={"due": {"email": False, "in_app": True}}
    )

    send_due_reminders.call(TWO_DAYS_BEFORE_Q3_DUE.isoformat())

    assert [m.to for m in mail.outbox] == [["baocao@khcn.gialai.gov.vn"]]
    note = Notification.objects.get(user=reporter_finance_a, kind=NotificationKind.DUE)
    assert (note.in_app, note.email_wanted) == (True, False)


def test_a_person_who_turned_off_both_gets_nothing(duties_a: Plan, reporter_finance_a: Any) -> None:
    services.preferences_update(
        actor=reporter_finance_a, preferences={"due": {"email": False, "in_app": False}}
    )

    send_due_reminders.call(TWO_DAYS_BEFORE_Q3_DUE.isoformat())

    assert mail.outbox == []
    assert not Notification.objects.filter(user=reporter_finance_a).exists()


def test_overdue_reminders_cover_late_reports_and_overdue_tasks_once_a_week(
    duties_a: Plan, reporter_a_mail: Any
) -> None:
    first = send_overdue_reminders.call(FIVE_DAYS_AFTER_Q3_DUE.isoformat())
    again = send_overdue_reminders.call((FIVE_DAYS_AFTER_Q3_DUE + dt.timedelta(hours=3)).isoformat())
    next_week = send_overdue_reminders.call((FIVE_DAYS_AFTER_Q3_DUE + dt.timedelta(days=7)).isoformat())

    subjects = sorted(m.subject for m in mail.outbox[:first])
    # Plan A dates from 26/02/2025: Q1, Q2 and Q3 reports are late; task 1 was due 06/2025.
    assert subjects == [
        "[theodoi] 1 nhiệm vụ quá hạn",
        "[theodoi] Quá hạn báo cáo Quý I/2025 (kế hoạch 37/KH-UBND)",
        "[theodoi] Quá hạn báo cáo Quý II/2025 (kế hoạch 37/KH-UBND)",
        "[theodoi] Quá hạn báo cáo Quý III/2025 (kế hoạch 37/KH-UBND)",
    ]
    assert (first, again, next_week) == (4, 0, 4)


def test_a_review_is_emailed_by_the_worker_after_commit(
    report_a: ProgressReport,
    reporter_a_mail: Any,
    coordinator_a: Any,
    task_1: Task,
    immediate_tasks: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = services.report_save_draft(
        report=report_a,
        actor=reporter_a_mail,
        version=report_a.version,
        data={"tasks": {task_1.pk: {"status": "in_progress"}}},
    )
    report = services.report_submit(report=report, actor=reporter_a_mail, version=report.version)

    with django_capture_on_commit_callbacks(execute=True):
        services.report_return(report=report, actor=coordinator_a, comment="Thiếu minh chứng.")

    assert [m.subject for m in mail.outbox] == ["[theodoi] Báo cáo Quý III/2025 bị trả lại"]
    assert "Lý do: Thiếu minh chứng." in mail.outbox[0].body
    assert (
        services.notification_email_send(notification_id=Notification.objects.get(user=reporter_a_mail).pk)
        is False
    )


def test_the_command_sends_reminders_and_says_how_many(duties_a: Plan, reporter_a_mail: Any) -> None:
    out = StringIO()

    call_command("send_reminders", at=TWO_DAYS_BEFORE_Q3_DUE.isoformat(), stdout=out)

    # Q3 due in two days; Q1 and Q2 late; task 1 overdue.
    assert out.getvalue().strip() == "Đã gửi 4 lời nhắc."
    assert len(mail.outbox) == 4


def test_the_command_can_hand_the_reminders_to_the_worker(duties_a: Plan, reporter_a_mail: Any) -> None:
    call_command("send_reminders", enqueue=True, stdout=StringIO())

    assert sorted(r.task_path.rsplit(".", 1)[-1] for r in DBTaskResult.objects.all()) == [
        "send_due_reminders",
        "send_overdue_reminders",
    ]
    assert mail.outbox == []
