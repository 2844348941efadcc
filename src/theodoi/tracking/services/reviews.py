"""Accept a sent report or return it to the agency with the reason (tiếp nhận, trả lại)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from theodoi.core.audit import audit_record
from theodoi.tracking import rules
from theodoi.tracking.models import (
    NotificationKind,
    ProgressReport,
    ReportStatus,
    TaskUpdate,
)
from theodoi.tracking.obligations import obligation_report_sent
from theodoi.tracking.permissions import can_coordinate, require
from theodoi.tracking.progress import task_progress_refresh
from theodoi.tracking.services.errors import InvalidTransition
from theodoi.tracking.services.notifications import _report_url, notify
from theodoi.tracking.services.people import _reporters_of, _user_or_none
from theodoi.tracking.services.report_state import _claim_version, _locked_report, _report_snapshot
from theodoi.tracking.services.submissions import _standings_refresh


def _review(
    *, report: ProgressReport, actor: Any, to: str, comment: str, version: int | None
) -> ProgressReport:
    with transaction.atomic():
        locked = _locked_report(report)
        require(can_coordinate(actor, locked.plan))
        if locked.status != ReportStatus.SUBMITTED:
            raise InvalidTransition("Chỉ xử lý được báo cáo đã gửi và đang chờ tiếp nhận.")
        before = _report_snapshot(locked)
        _claim_version(
            report=locked,
            version=locked.version if version is None else version,
            actor=actor,
            status=to,
            reviewed_at=timezone.now(),
            reviewed_by=_user_or_none(actor),
            return_comment=comment,
        )
        # Accepting changes no row's newest update, returning takes the report's out: both rewrite them.
        task_progress_refresh(
            task_ids=TaskUpdate.objects.filter(report=locked).values_list("task_id", flat=True)
        )
        _standings_refresh(locked)
        obligation_report_sent(locked)
        accepted = to == ReportStatus.ACCEPTED
        audit_record(
            actor=actor,
            action="report.accept" if accepted else "report.return",
            obj=locked,
            summary=f"{'Tiếp nhận' if accepted else 'Trả lại'} báo cáo {locked.period} của {locked.agency}",
            before=before,
            after=_report_snapshot(locked),
        )
        label = rules.period_label(locked.period)
        notify(
            users=_reporters_of([locked.agency_id]),
            kind=NotificationKind.REVIEWED,
            title=f"Báo cáo {label} đã được tiếp nhận" if accepted else f"Báo cáo {label} bị trả lại",
            body=f"Lý do: {comment}" if comment else "",
            url=_report_url(locked),
            obj=locked,
        )
    return locked


def report_accept(*, report: ProgressReport, actor: Any, version: int | None = None) -> ProgressReport:
    """Accept a submitted report (tiếp nhận): the coordinator of the plan's province only."""
    return _review(report=report, actor=actor, to=ReportStatus.ACCEPTED, comment="", version=version)


def report_return(
    *, report: ProgressReport, actor: Any, comment: str, version: int | None = None
) -> ProgressReport:
    """Return a submitted report to the agency with the reason (trả lại); it fixes and resubmits."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"return_comment": "Hãy ghi lý do trả lại để cơ quan biết cần sửa gì."})
    return _review(report=report, actor=actor, to=ReportStatus.RETURNED, comment=comment, version=version)
