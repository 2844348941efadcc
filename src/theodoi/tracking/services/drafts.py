"""Open an agency's report for a period and save what it types, any time before it is sent."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from theodoi.core.audit import audit_record
from theodoi.directory.models import Agency
from theodoi.plans.models import Plan, PlanStatus
from theodoi.tracking import calendar as cal
from theodoi.tracking.models import (
    IndicatorValue,
    ProgressReport,
    TaskUpdate,
)
from theodoi.tracking.permissions import require, user_agency_id
from theodoi.tracking.services.errors import InvalidTransition, TrackingError, _Errors
from theodoi.tracking.services.people import _user_or_none
from theodoi.tracking.services.report_rows import _clean_rows, _write_rows
from theodoi.tracking.services.report_scope import _report_scope
from theodoi.tracking.services.report_state import _claim_version, _locked_report, _report_snapshot
from theodoi.tracking.services.values import today


def report_get_or_create_draft(
    *, actor: Any, agency: Agency, plan: Plan, cadence: str, period: str
) -> ProgressReport:
    """Return the agency's report on ``plan`` for the period, creating the draft the first time.

    Only the agency's own reporters may open it, and only for a period the plan's calendar
    has (a cadence the plan reports on, an agency that leads or monitors something in it).
    """
    require(user_agency_id(actor) == agency.pk)
    existing = (
        ProgressReport.objects.select_related("plan__unit__parent", "agency")
        .filter(agency=agency, plan=plan, cadence=cadence, period=period)
        .first()
    )
    if existing is not None:
        return existing
    if plan.status != PlanStatus.ACTIVE:
        raise TrackingError("Kế hoạch không còn hiệu lực nên không lập báo cáo mới.", code="plan_not_active")
    if cadence not in cal.duty_rules(plan.reporting_duties.all()):
        raise TrackingError("Kế hoạch này không quy định báo cáo theo kỳ này.", code="no_such_cadence")
    if not cal.owes(plan=plan, agency_id=agency.pk):
        raise TrackingError(
            "Cơ quan không chủ trì nhiệm vụ hay theo dõi chỉ tiêu nào của kế hoạch.", code="not_owed"
        )
    try:
        p = cal.plan_period(plan=plan, cadence=cadence, period_key=period)
    except ValueError as e:
        raise TrackingError(f"Kỳ báo cáo “{period}” không hợp lệ.", code="bad_period") from e
    with transaction.atomic():
        report, created = ProgressReport.objects.get_or_create(
            agency=agency,
            plan=plan,
            cadence=cadence,
            period=period,
            defaults={
                "period_start": p.start,
                "period_end": p.end,
                "due_at": p.due_at,
                "created_by": _user_or_none(actor),
                "updated_by": _user_or_none(actor),
            },
        )
        if created:
            audit_record(
                actor=actor,
                action="report.create",
                obj=report,
                summary=f"Tạo báo cáo {p.label} của {agency}",
                after=_report_snapshot(report),
            )
    return ProgressReport.objects.select_related("plan__unit__parent", "agency").get(pk=report.pk)


def report_save_draft(
    *, report: ProgressReport, actor: Any, version: int, data: Mapping[str, Any]
) -> ProgressReport:
    """Save what the agency typed into its report, any time before it is submitted.

    ``data`` = ``{"summary": str, "tasks": {task_id: {field: value}}, "indicators":
    {indicator_id: {"value", "note", "source"}}}``; only the fields given change, so a form
    may save one field at a time. Everything is validated first: any error raises
    ValidationError (keyed by field) and nothing is written. ``version`` is the version the
    form was loaded at; if the report changed since, ReportConflict, nothing written.
    """
    require(report.agency_id == user_agency_id(actor))
    on = today()
    tasks, indicators = _report_scope(report)
    errors = _Errors({})
    task_rows, indicator_rows = _clean_rows(data, tasks=tasks, indicators=indicators, errors=errors, on=on)
    errors.raise_if_any()
    with transaction.atomic():
        locked = _locked_report(report)
        if not locked.is_editable:
            raise InvalidTransition("Báo cáo đã gửi nên không sửa được; chờ Sở trả lại nếu cần sửa.")
        extra = {"summary": str(data["summary"]).strip()} if "summary" in data else {}
        summary_before = locked.summary
        _claim_version(report=locked, version=version, actor=actor, **extra)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        before["tasks"], after["tasks"] = _write_rows(locked, TaskUpdate, "task_id", task_rows)
        before["indicators"], after["indicators"] = _write_rows(
            locked, IndicatorValue, "indicator_id", indicator_rows
        )
        if extra:
            before["summary"], after["summary"] = summary_before, extra["summary"]
        audit_record(
            actor=actor,
            action="report.save_draft",
            obj=locked,
            summary=f"Lưu nháp báo cáo {locked.period} (phiên bản {locked.version})",
            before=before,
            after=after,
        )
    return locked
