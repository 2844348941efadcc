"""Send a report to the coordinator (gửi báo cáo): from the web form, or saved and sent in one
call by an agency's system, with the coordinators told.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from theodoi.core.audit import audit_record
from theodoi.core.models import AuditEvent
from theodoi.tracking import rules
from theodoi.tracking.models import (
    IndicatorValue,
    NotificationKind,
    ProgressReport,
    ReportStatus,
    TaskUpdate,
)
from theodoi.tracking.obligations import obligation_report_sent
from theodoi.tracking.permissions import require, user_agency_id
from theodoi.tracking.progress import task_progress_refresh
from theodoi.tracking.services.errors import InvalidTransition, ReportConflict, _Errors
from theodoi.tracking.services.notifications import _remind, _report_url, notify
from theodoi.tracking.services.people import _coordinators_of, _user_or_none
from theodoi.tracking.services.report_rows import _clean_rows, _write_rows
from theodoi.tracking.services.report_scope import _led_tasks_reported, _monitored_indicators, _report_scope
from theodoi.tracking.services.report_state import (
    _claim_editable,
    _claim_version,
    _locked_report,
    _report_snapshot,
)
from theodoi.tracking.services.values import today


def report_submit(*, report: ProgressReport, actor: Any, version: int) -> ProgressReport:
    """Send the report to the coordinator (gửi báo cáo); a returned report is sent again the same way.

    Every task the agency leads must have a status reported.
    """
    require(report.agency_id == user_agency_id(actor))
    tasks, _ = _report_scope(report)
    reported = set(TaskUpdate.objects.filter(report=report).values_list("task_id", flat=True))
    errors = _Errors({})
    for task_id, task in tasks.items():
        if task_id not in reported:
            errors.add(f"tasks.{task_id}.status", f"Chưa báo cáo tình trạng của nhiệm vụ {task.code}.")
    errors.raise_if_any()
    with transaction.atomic():
        locked = _locked_report(report)
        if not locked.is_editable:
            raise InvalidTransition("Báo cáo đã được gửi.")
        before = _report_snapshot(locked)
        now = timezone.now()
        resubmitted = locked.status == ReportStatus.RETURNED
        _claim_version(
            report=locked,
            version=version,
            actor=actor,
            status=ReportStatus.SUBMITTED,
            submitted_at=locked.submitted_at or now,
            last_submitted_at=now,
            submitted_by=_user_or_none(actor),
        )
        task_progress_refresh(task_ids=reported)
        _standings_refresh(locked)
        obligation_report_sent(locked)
        audit_record(
            actor=actor,
            action="report.resubmit" if resubmitted else "report.submit",
            obj=locked,
            summary=f"{'Gửi lại' if resubmitted else 'Gửi'} báo cáo {locked.period} của {locked.agency}",
            before=before,
            after=_report_snapshot(locked),
        )
        notify(
            users=_coordinators_of(locked.plan),
            kind=NotificationKind.SUBMITTED,
            title=f"{locked.agency} đã {'gửi lại' if resubmitted else 'gửi'} báo cáo {rules.period_label(locked.period)}",
            body=f"Kế hoạch {locked.plan}.",
            url=_report_url(locked),
            obj=locked,
        )
    return locked


def report_save_and_submit(
    *, report: ProgressReport, actor: Any, version: int, data: Mapping[str, Any]
) -> ProgressReport:
    """Save the rows sent and submit the report in one transaction (lưu và gửi báo cáo).

    What an agency's system calls once per report. ``data`` is what ``report_save_draft``
    takes; every task the agency leads must have a status once the rows are written. Any
    error (a row outside the report, a bad value, a task left unreported, a stale
    ``version``, a report already sent) raises before or inside the transaction and nothing is
    written. ``report`` must be the row as read for this request (its plan and agency
    loaded); a report read at another version than ``version`` is a conflict at once.

    The lean path of a submission: the led tasks read with whether each is reported already
    (one query), the indicators only when values are sent, one versioned UPDATE, one INSERT
    for the new task rows, one audit event (the rows written and the status change), and one
    background job (``tasks.report_submitted``) for what the answer does not need: the
    tasks' progress rows, the plan's indicator standings, the report's obligation, the
    coordinators' notices and e-mails. Until the worker runs those derived rows lag the
    submission (the nightly rebuild would repair them anyway); ``report_submit``, which the
    web form calls, still writes them in its own transaction.
    """
    require(report.agency_id == user_agency_id(actor))
    if report.version != version:
        raise ReportConflict(current_version=report.version)
    if not report.is_editable:
        raise InvalidTransition("Báo cáo đã được gửi.")
    on = today()
    tasks = _led_tasks_reported(report)
    indicators = _monitored_indicators(report) if data.get("indicators") else {}
    errors = _Errors({})
    task_rows, indicator_rows = _clean_rows(data, tasks=tasks, indicators=indicators, errors=errors, on=on)
    for task_id, task in tasks.items():
        if not task.reported and task_id not in task_rows:
            errors.add(f"tasks.{task_id}.status", f"Chưa báo cáo tình trạng của nhiệm vụ {task.code}.")
    errors.raise_if_any()
    resubmitted = report.status == ReportStatus.RETURNED
    before: dict[str, Any] = _report_snapshot(report)
    now = timezone.now()
    fields: dict[str, Any] = {
        "status": ReportStatus.SUBMITTED,
        "submitted_at": report.submitted_at or now,
        "last_submitted_at": now,
        "submitted_by": _user_or_none(actor),
    }
    if "summary" in data:
        fields["summary"] = str(data["summary"] or "").strip()
        if fields["summary"] != report.summary:
            before["summary"] = report.summary
    with transaction.atomic():
        _claim_editable(report=report, version=version, actor=actor, **fields)
        after: dict[str, Any] = _report_snapshot(report)
        if "summary" in before:
            after["summary"] = report.summary
        reported = [pk for pk, t in tasks.items() if t.reported]
        before["tasks"], after["tasks"] = _write_rows(
            report, TaskUpdate, "task_id", task_rows, existing_ids=reported
        )
        before["indicators"], after["indicators"] = _write_rows(
            report, IndicatorValue, "indicator_id", indicator_rows
        )
        event = audit_record(
            actor=actor,
            action="report.resubmit" if resubmitted else "report.submit",
            obj=report,
            summary=f"{'Gửi lại' if resubmitted else 'Gửi'} báo cáo {report.period} của {report.agency}",
            before=before,
            after=after,
        )
        from theodoi.tracking.tasks import enqueue_with_transaction, report_submitted  # tasks import services

        enqueue_with_transaction(report_submitted, report.pk, event.pk)
    return report


def report_submitted_notify(*, report: ProgressReport, event_id: int, at: dt.datetime | None = None) -> int:
    """Tell the coordinators of the plan's province of the sending named by audit event ``event_id``; return the notices sent.

    What ``report_save_and_submit`` leaves to the worker after the derived rows
    (``tasks.report_submitted``). Each coordinator is told once (``ReminderLog`` claims, key
    ``submitted:<event>``), so a retried job sends nothing twice.
    """
    resubmitted = AuditEvent.objects.filter(pk=event_id, action="report.resubmit").exists()
    return _remind(
        users=_coordinators_of(report.plan),
        key=f"submitted:{event_id}",
        kind=NotificationKind.SUBMITTED,
        title=f"{report.agency} đã {'gửi lại' if resubmitted else 'gửi'} báo cáo {rules.period_label(report.period)}",
        body=f"Kế hoạch {report.plan}.",
        url=_report_url(report),
        at=at or timezone.now(),
        obj=report,
    )


def _standings_refresh(report: ProgressReport) -> None:
    """Rejudge the indicators of the report's plan when it states a value (now counted, or no longer)."""
    from theodoi.tracking.standings import indicator_progress_for_plans  # it judges with indicator_target

    stated = Q(number__isnull=False) | Q(boolean__isnull=False)
    if IndicatorValue.objects.filter(stated, report=report).exists():
        indicator_progress_for_plans(plan_ids=[report.plan_id])
