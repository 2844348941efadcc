"""Guard a report's row while a service changes it: lock it, claim its version with a conditional
UPDATE (``ReportConflict`` when somebody changed it meanwhile), snapshot it for the audit trail.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils import timezone

from theodoi.tracking.models import (
    ProgressReport,
    ReportStatus,
)
from theodoi.tracking.services.errors import InvalidTransition, ReportConflict
from theodoi.tracking.services.people import _user_or_none

DONE_STATES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


def _claim_version(*, report: ProgressReport, version: int, actor: Any, **fields: Any) -> None:
    """Bump the version if it is still ``version`` (conditional UPDATE), else raise ReportConflict."""
    changed = ProgressReport.objects.filter(pk=report.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), updated_by=_user_or_none(actor), **fields
    )
    if not changed:
        current = ProgressReport.objects.filter(pk=report.pk).values_list("version", flat=True).first()
        raise ReportConflict(current_version=current or 0)
    # Reload only what the UPDATE wrote: a full refresh would drop the plan and agency loaded
    # with the row, and the caller (audit summary, notifications) would read them again.
    report.refresh_from_db(fields=["version", "updated_at", "updated_by", *fields])


def _claim_editable(*, report: ProgressReport, version: int, actor: Any, **fields: Any) -> None:
    """Write ``fields`` and bump the version in one UPDATE if the report is still at ``version``
    and editable; set them on ``report`` too (no re-read). ReportConflict or InvalidTransition otherwise.

    ``report`` must have been read at ``version``: then the UPDATE matching proves nothing
    changed since, so what was read plus what was written is the row.
    """
    now = timezone.now()
    changed = ProgressReport.objects.filter(
        pk=report.pk, version=version, status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED)
    ).update(version=version + 1, updated_at=now, updated_by=_user_or_none(actor), **fields)
    if not changed:
        current = ProgressReport.objects.filter(pk=report.pk).values_list("version", flat=True).first()
        if current != version:
            raise ReportConflict(current_version=current or 0)
        raise InvalidTransition("Báo cáo đã được gửi.")
    report.version, report.updated_at, report.updated_by = version + 1, now, _user_or_none(actor)
    for name, value in fields.items():
        setattr(report, name, value)


def _report_snapshot(report: ProgressReport) -> dict[str, Any]:
    return {
        "status": report.status,
        "version": report.version,
        "return_comment": report.return_comment,
    }


def _locked_report(report: ProgressReport) -> ProgressReport:
    return (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("plan__unit__parent", "agency")
        .get(pk=report.pk)
    )
