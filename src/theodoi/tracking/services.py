"""Writes for progress reporting: reports, contributions, chase-ups, amendments, notifications.

Every service takes keyword-only arguments, checks the actor's permission on the object
(``tracking.permissions``), validates before it saves, runs in one transaction and records
one audit event per state change. E-mails go out after commit, through the background worker
(``tracking.tasks``); in-app notifications are rows written with the change.

Errors the user must see come back as ``django.core.exceptions.ValidationError`` with a dict
keyed by field ("tasks.12.percent", "indicators.3.value", "return_comment") and Vietnamese
messages; a write made on a version somebody else has changed meanwhile raises
``ReportConflict`` and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import re
import smtplib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models import F, Model, Q, QuerySet
from django.utils import timezone
from django.utils.text import get_valid_filename

from theodoi.accounts.models import Profile, Role
from theodoi.accounts.scope import province_of, province_q
from theodoi.core.audit import audit_record
from theodoi.core.models import AuditEvent
from theodoi.directory.models import Agency
from theodoi.ingest.normalise.deadlines import parse_deadline
from theodoi.ingest.normalise.targets import parse_target
from theodoi.ingest.text import fold
from theodoi.plans.models import AgencyRole, Indicator, IndicatorAgency, Plan, PlanStatus, Task, TaskAgency
from theodoi.tracking import calendar as cal
from theodoi.tracking import rules
from theodoi.tracking.models import (
    Amendment,
    AmendmentStatus,
    ChaseUp,
    Evidence,
    IndicatorValue,
    Notification,
    NotificationKind,
    NotificationPreference,
    PartnerContribution,
    ProgressReport,
    ReminderLog,
    ReportStatus,
    TaskUpdate,
    WorkStatus,
)
from theodoi.tracking.obligations import obligation_report_sent, obligations_for_plan
from theodoi.tracking.permissions import can_coordinate, require, user_agency_id
from theodoi.tracking.progress import task_progress_refresh

logger = logging.getLogger(__name__)

EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# Links in notifications and e-mails: the web app serves these paths (domain apps import no web).
REPORT_URL = "/bao-cao/{pk}/"
REPORTS_URL = "/bao-cao/"
DONE_STATES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


class TrackingError(Exception):
    """A refused operation with a message for the user and a stable code."""

    code = "tracking_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class ReportConflict(TrackingError):
    """The report changed since the user opened it; nothing was written."""

    code = "conflict"

    def __init__(self, *, current_version: int) -> None:
        super().__init__(
            "Báo cáo đã được người khác sửa sau khi bạn mở (phiên bản hiện tại: "
            f"{current_version}). Nội dung bạn nhập chưa được lưu: hãy tải lại báo cáo, "
            "đối chiếu rồi lưu lại."
        )
        self.current_version = current_version


class InvalidTransition(TrackingError):
    code = "invalid_transition"


# --- helpers ---------------------------------------------------------------------------------


def today() -> dt.date:
    return timezone.localdate()


def _local_today(at: dt.datetime | None = None) -> dt.date:
    return timezone.localtime(at).date() if at else today()


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


def _user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _reporters_of(agency_ids: Iterable[int]) -> list[Any]:
    return list(
        get_user_model()
        .objects.filter(is_active=True, profile__role=Role.REPORTER, profile__agency_id__in=list(agency_ids))
        .select_related("profile")
        .order_by("pk")
    )


def _coordinators_of(plan: Plan) -> list[Any]:
    province = province_of(plan.unit)
    profiles = Profile.objects.filter(role=Role.COORDINATOR, user__is_active=True).select_related(
        "unit__parent", "user"
    )
    if province is not None:  # only the province's coordinators, not the country's, on every submit
        profiles = profiles.filter(province_q("unit", province))
    return [p.user for p in profiles if p.unit is not None and province_of(p.unit) == province]


def _report_snapshot(report: ProgressReport) -> dict[str, Any]:
    return {
        "status": report.status,
        "version": report.version,
        "return_comment": report.return_comment,
    }


def _report_url(report: ProgressReport) -> str:
    return REPORT_URL.format(pk=report.pk)


def _locked_report(report: ProgressReport) -> ProgressReport:
    return (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("plan__unit__parent", "agency")
        .get(pk=report.pk)
    )


# --- notifications ---------------------------------------------------------------------------


def notify(
    *,
    users: Iterable[Any],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    obj: Model | None = None,
    email_now: bool = False,
) -> list[Notification]:
    """Write a notification for each user that wants this kind; e-mail the ones that want that.

    Inside a transaction the e-mails are handed to the worker after commit; ``email_now``
    (the worker itself sending reminders) sends them at once.
    """
    recipients = list({u.pk: u for u in users}.values())
    if not recipients:
        return []
    prefs = {
        p.user_id: p
        for p in NotificationPreference.objects.filter(user__in=[u.pk for u in recipients], kind=kind)
    }
    rows = []
    for user in recipients:
        pref = prefs.get(user.pk)
        in_app = pref.in_app if pref else True
        email = (pref.email if pref else True) and bool(user.email)
        if not (in_app or email):
            continue
        rows.append(
            Notification(
                user=user,
                kind=kind,
                title=title[:300],
                body=body,
                url=url,
                object_type=obj._meta.label_lower if obj is not None else "",
                object_id=str(obj.pk) if obj is not None else "",
                in_app=in_app,
                email_wanted=email,
            )
        )
    created = Notification.objects.bulk_create(rows)  # PostgreSQL and SQLite >= 3.35 return the ids
    ids = [n.pk for n in created if n.email_wanted]
    if email_now:
        for pk in ids:
            notification_email_send(notification_id=pk)
    elif ids:
        transaction.on_commit(lambda: _enqueue_emails(ids))
    return created


def _enqueue_emails(ids: list[int]) -> None:
    from theodoi.tracking.tasks import send_notification_email  # the task module imports services

    for pk in ids:
        send_notification_email.enqueue(pk)


def notification_email_send(*, notification_id: int) -> bool:
    """Send one notification's e-mail once: claim it with a conditional UPDATE, then send.

    Returns whether this call sent it. A failed send gives the claim back so a later run retries.
    """
    claimed = Notification.objects.filter(
        pk=notification_id, email_wanted=True, emailed_at__isnull=True
    ).update(emailed_at=timezone.now())
    if not claimed:
        return False
    note = Notification.objects.select_related("user").get(pk=notification_id)
    body = note.body + (f"\n\n{settings_site_url()}{note.url}" if note.url else "")
    try:
        send_mail(f"[theodoi] {note.title}", body, None, [note.user.email])
    except (smtplib.SMTPException, OSError) as e:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        logger.warning("e-mail for notification %s failed: %s", notification_id, e)
        return False
    return True


def settings_site_url() -> str:
    return getattr(settings, "THEODOI_SITE_URL", "").rstrip("/")


def notification_mark_read(
    *, actor: Any, notification: Notification | None = None, all_unread: bool = False
) -> int:
    """Mark one of the actor's notifications read, or all of them; returns how many changed."""
    rows = Notification.objects.filter(user_id=actor.pk, read_at__isnull=True)
    if notification is not None:
        require(notification.user_id == actor.pk)
        rows = rows.filter(pk=notification.pk)
    elif not all_unread:
        return 0
    return rows.update(read_at=timezone.now())


def preferences_update(*, actor: Any, preferences: Mapping[str, Mapping[str, bool]]) -> None:
    """Set which channels the actor wants per kind: ``{"due": {"email": False, "in_app": True}}``."""
    unknown = sorted(set(preferences) - set(NotificationKind.values))
    if unknown:
        raise ValidationError({"preferences": f"Loại thông báo không hợp lệ: {', '.join(unknown)}."})
    with transaction.atomic():
        before = {
            p.kind: {"email": p.email, "in_app": p.in_app}
            for p in NotificationPreference.objects.filter(user_id=actor.pk)
        }
        for kind, channels in preferences.items():
            NotificationPreference.objects.update_or_create(
                user_id=actor.pk,
                kind=kind,
                defaults={
                    "email": bool(channels.get("email", True)),
                    "in_app": bool(channels.get("in_app", True)),
                },
            )
        audit_record(
            actor=actor,
            action="notification_preference.update",
            obj=actor,
            summary="Cập nhật tùy chọn nhận thông báo",
            before=before,
            after={k: dict(v) for k, v in preferences.items()},
        )


# --- reports ---------------------------------------------------------------------------------


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


_TASK_FIELDS = (
    "status",
    "percent",
    "done_on",
    "done_text",
    "difficulties",
    "proposals",
    "evidence_number",
    "evidence_date",
    "evidence_link",
)
_INDICATOR_FIELDS = ("number", "boolean", "text", "note", "source")
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
_YES = {"co", "yes", "true", "1", "dat", "da co", "bao dam"}
_NO = {"khong", "no", "false", "0", "chua", "chua co", "khong dat"}


def parse_date(value: Any) -> dt.date | None:
    """Read a date the way forms send it (dd/mm/yyyy or ISO); ValueError if unreadable."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_number(value: Any) -> float | None:
    """Read a number written the Vietnamese way ("12,5", "1.234,5", "80 %"); ValueError if not one."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValueError(value)
    return float(text)


def indicator_target(indicator: Indicator) -> tuple[str, float | None, float | None]:
    """Return (op, value, value_max): as stored when imported, else read from the printed target."""
    if indicator.op != "text" or indicator.value is not None:
        return indicator.op, indicator.value, indicator.value_max
    return parse_target(indicator.target_text)


def indicator_expects(indicator: Indicator) -> str:
    """Return what a value of the indicator is: "number", "boolean" (Có/Không) or "text"."""
    if indicator_target(indicator)[0] != "text":
        return "number"
    key = fold(f"{indicator.unit} {indicator.target_text}")
    if "co/khong" in key.replace(" ", "") or fold(indicator.target_text).strip() in ("co", "bao dam", "dat"):
        return "boolean"
    return "text"


@dataclass
class _Errors:
    messages: dict[str, list[str]]

    def add(self, key: str, message: str, code: str = "invalid") -> None:
        self.messages.setdefault(key, []).append(message)

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages)


def _clean_task_row(
    row: Mapping[str, Any], *, task: Task, prefix: str, errors: _Errors, on: dt.date
) -> dict[str, Any]:
    """Validate one task row of the form; return the fields to write."""
    out: dict[str, Any] = {}
    name = f"nhiệm vụ {task.code}".strip()
    for field_name in _TASK_FIELDS:
        if field_name in row:
            out[field_name] = row[field_name]
    if "status" in out and out["status"] not in WorkStatus.values:
        errors.add(f"{prefix}.status", f"Tình trạng của {name} không hợp lệ.")
    if "percent" in out:
        raw = out["percent"]
        try:
            number = parse_number(raw)
        except ValueError:
            number = None
            errors.add(
                f"{prefix}.percent",
                f"Tỷ lệ hoàn thành của {name} phải là một số từ 0 đến 100; đã nhập “{raw}”.",
            )
        else:
            if number is None:
                out["percent"] = 0
            elif not 0 <= number <= 100 or number != int(number):
                errors.add(
                    f"{prefix}.percent",
                    f"Tỷ lệ hoàn thành (%) của {name} phải là số nguyên từ 0 đến 100; đã nhập {raw}.",
                )
            else:
                out["percent"] = int(number)
    for field_name, label in (("done_on", "Ngày hoàn thành"), ("evidence_date", "Ngày văn bản minh chứng")):
        if field_name not in out:
            continue
        try:
            day = parse_date(out[field_name])
        except ValueError:
            errors.add(
                f"{prefix}.{field_name}", f"{label} của {name} phải có dạng ngày/tháng/năm, ví dụ 15/07/2025."
            )
            continue
        if day is not None and day > on:
            errors.add(
                f"{prefix}.{field_name}", f"{label} của {name} không được sau hôm nay ({on:%d/%m/%Y})."
            )
        out[field_name] = day
    if out.get("evidence_link"):
        try:
            URLValidator(schemes=["http", "https"])(out["evidence_link"])
        except ValidationError:
            errors.add(
                f"{prefix}.evidence_link",
                f"Đường dẫn minh chứng của {name} không hợp lệ (cần http:// hoặc https://).",
            )
    if len(str(out.get("evidence_number") or "")) > 100:
        errors.add(f"{prefix}.evidence_number", f"Số văn bản minh chứng của {name} dài quá 100 ký tự.")
    for field_name in ("done_text", "difficulties", "proposals", "evidence_number", "evidence_link"):
        if field_name in out:
            out[field_name] = str(out[field_name] or "").strip()
    if out.get("status") == WorkStatus.DONE:
        out.setdefault("percent", 100)
        if not out.get("done_on") and "done_on" not in row:
            out["done_on"] = on
    elif "status" in out:
        out["done_on"] = None
    return out


def _clean_indicator_row(
    row: Mapping[str, Any], *, indicator: Indicator, prefix: str, errors: _Errors
) -> dict[str, Any]:
    out: dict[str, Any] = {k: str(row[k] or "").strip() for k in ("note", "source") if k in row}
    if "value" not in row:
        return out
    raw = row["value"]
    expects = indicator_expects(indicator)
    name = f"chỉ tiêu “{indicator.name[:60]}”"
    out.update(number=None, boolean=None, text="")
    if expects == "number":
        try:
            out["number"] = parse_number(raw)
        except ValueError:
            errors.add(f"{prefix}.value", f"Giá trị của {name} phải là một số (ví dụ 12,5); đã nhập “{raw}”.")
    elif expects == "boolean":
        if isinstance(raw, bool):
            out["boolean"] = raw
        elif raw not in (None, ""):
            key = fold(str(raw)).strip()
            if key in _YES:
                out["boolean"] = True
            elif key in _NO:
                out["boolean"] = False
            else:
                errors.add(
                    f"{prefix}.value", f"Giá trị của {name} phải là “Có” hoặc “Không”; đã nhập “{raw}”."
                )
    else:
        out["text"] = str(raw or "").strip()
    return out


def _led_tasks(report: ProgressReport) -> QuerySet[Task]:
    """The tasks of the report's plan its agency leads: the tasks it must report on."""
    return Task.objects.filter(
        plan_id=report.plan_id,
        pk__in=TaskAgency.objects.filter(agency_id=report.agency_id, role=AgencyRole.LEAD).values("task_id"),
    )


class LedTask(NamedTuple):
    """A task the report's agency leads, with whether the report has a row for it already."""

    id: int
    code: str
    reported: bool


@functools.cache
def _led_tasks_reported_sql() -> str:
    """The statement of ``_led_tasks_reported``, built once from the models' tables and columns."""
    qn = connection.ops.quote_name
    task, update, lead = Task._meta, TaskUpdate._meta, TaskAgency._meta

    def col(meta: Any, name: str) -> str:
        return qn(meta.get_field(name).column)

    return (
        f"SELECT t.{col(task, 'id')}, t.{col(task, 'code')},"
        f" EXISTS(SELECT 1 FROM {qn(update.db_table)} u"
        f" WHERE u.{col(update, 'report')} = %s AND u.{col(update, 'task')} = t.{col(task, 'id')})"
        f" FROM {qn(task.db_table)} t WHERE t.{col(task, 'plan')} = %s AND t.{col(task, 'id')} IN"
        f" (SELECT a.{col(lead, 'task')} FROM {qn(lead.db_table)} a"
        f" WHERE a.{col(lead, 'agency')} = %s AND a.{col(lead, 'role')} = %s)"
    )


def _led_tasks_reported(report: ProgressReport) -> dict[int, LedTask]:
    """Return ``_led_tasks(report)`` by id as plain rows, each with whether the report has its row.

    Written out rather than compiled by the ORM on every submission: compiling the subquery
    and the EXISTS cost about ten times running them (0.7 ms of a submission's CPU).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            _led_tasks_reported_sql(), [report.pk, report.plan_id, report.agency_id, AgencyRole.LEAD.value]
        )
        return {row[0]: LedTask(row[0], row[1], bool(row[2])) for row in cursor.fetchall()}


def _monitored_indicators(report: ProgressReport) -> dict[int, Indicator]:
    """Return the indicators of the report's plan its agency monitors, by id."""
    indicators = Indicator.objects.filter(
        plan_id=report.plan_id,
        pk__in=IndicatorAgency.objects.filter(agency_id=report.agency_id).values("indicator_id"),
    )
    return {i.pk: i for i in indicators}


def _report_scope(report: ProgressReport) -> tuple[dict[int, Task], dict[int, Indicator]]:
    """Return the tasks the report's agency leads and the indicators it monitors in the plan."""
    return {t.pk: t for t in _led_tasks(report)}, _monitored_indicators(report)


def _as_id(key: Any) -> int | None:
    try:
        return int(key)
    except (TypeError, ValueError):
        return None


def _clean_rows(
    data: Mapping[str, Any],
    *,
    tasks: Mapping[int, Any],
    indicators: Mapping[int, Indicator],
    errors: _Errors,
    on: dt.date,
) -> tuple[dict[int, dict[str, Any]], dict[int, dict[str, Any]]]:
    """Validate the task and indicator rows of ``data`` against the report's scope; return the
    fields to write per task id and per indicator id (errors go to ``errors``)."""
    task_rows: dict[int, dict[str, Any]] = {}
    for key, row in (data.get("tasks") or {}).items():
        task_id = _as_id(key)
        if task_id not in tasks:
            errors.add(f"tasks.{key}", "Nhiệm vụ này không thuộc báo cáo của cơ quan.")
            continue
        task_rows[task_id] = _clean_task_row(
            row, task=tasks[task_id], prefix=f"tasks.{task_id}", errors=errors, on=on
        )
    indicator_rows: dict[int, dict[str, Any]] = {}
    for key, row in (data.get("indicators") or {}).items():
        indicator_id = _as_id(key)
        if indicator_id not in indicators:
            errors.add(f"indicators.{key}", "Chỉ tiêu này không thuộc báo cáo của cơ quan.")
            continue
        indicator_rows[indicator_id] = _clean_indicator_row(
            row, indicator=indicators[indicator_id], prefix=f"indicators.{indicator_id}", errors=errors
        )
    return task_rows, indicator_rows


def _write_rows(
    report: ProgressReport,
    model: type[TaskUpdate] | type[IndicatorValue],
    key: str,
    rows: Mapping[int, dict[str, Any]],
    *,
    existing_ids: Iterable[int] | None = None,
) -> tuple[dict[int, Any], dict[int, Any]]:
    """Write the report's rows of ``model`` (one per ``key``: "task_id" or "indicator_id"):
    the new ones in one INSERT, the changed existing ones row by row; return (before, after)
    for the audit trail: the changed fields per id, ``None`` before for a new row.

    ``existing_ids`` narrows which ids may already have a row (the caller knows); by default
    the report's rows for every id in ``rows`` are read.
    """
    before: dict[int, Any] = {}
    after: dict[int, Any] = {}
    maybe = list(rows) if existing_ids is None else [i for i in existing_ids if i in rows]
    existing = (
        {getattr(r, key): r for r in model.objects.filter(report=report, **{f"{key}__in": maybe})}
        if maybe
        else {}
    )
    new = []
    for object_id, fields in rows.items():
        row = existing.get(object_id) or model(report=report, **{key: object_id})
        changed = {k: v for k, v in fields.items() if getattr(row, k) != v}  # a new row: against the defaults
        if row.pk is not None and not changed:
            continue
        before[object_id] = {k: _jsonable(getattr(row, k)) for k in changed} if row.pk else None
        for k, v in changed.items():
            setattr(row, k, v)
        if row.pk is None:
            new.append(row)
        else:
            row.save(update_fields=[*changed, "updated_at"])
        after[object_id] = {k: _jsonable(v) for k, v in changed.items()}
    if new:
        model.objects.bulk_create(new)
    return before, after


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


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


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


# --- evidence files --------------------------------------------------------------------------

_SIGNATURES = (
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
    (
        b"PK\x03\x04",
        "application/zip",
        (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".zip"),
    ),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage", (".doc", ".xls", ".ppt")),
)


def evidence_max_bytes() -> int:
    return int(getattr(settings, "TRACKING_EVIDENCE_MAX_BYTES", EVIDENCE_MAX_BYTES))


def sniff(head: bytes, file_name: str) -> str | None:
    """Return the content type the file's first bytes prove for its extension, None if they don't.

    A ".pdf" must start with %PDF-; an Office file must be a zip or an OLE container.
    """
    ext = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    for magic, content_type, extensions in _SIGNATURES:
        if ext in extensions:
            return content_type if head.startswith(magic) else None
    return None


def evidence_attach(
    *, actor: Any, report: ProgressReport, upload: UploadedFile, task: Task | None = None
) -> Evidence:
    """Attach a proof file to the report (or one of its tasks) after checking its size and content."""
    require(report.agency_id == user_agency_id(actor))
    key = f"tasks.{task.pk}.evidence_file" if task is not None else "evidence_file"
    limit = evidence_max_bytes()
    name = get_valid_filename(upload.name or "tep") or "tep"
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {key: f"Tệp “{name}” lớn quá {limit // (1024 * 1024)} MB; hãy nén hoặc gửi đường dẫn."}
        )
    upload.seek(0)
    head = upload.read(16)
    content_type = sniff(head, name)
    if content_type is None:
        raise ValidationError(
            {
                key: f"Tệp “{name}” không đúng định dạng của nó (chỉ nhận PDF, ảnh PNG/JPEG, tệp Word/Excel thật)."
            }
        )
    if task is not None and task.pk not in _report_scope(report)[0]:
        raise ValidationError({key: "Nhiệm vụ này không thuộc báo cáo của cơ quan."})
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    with transaction.atomic():
        locked = _locked_report(report)
        if not locked.is_editable:
            raise InvalidTransition("Báo cáo đã gửi nên không thêm tệp được.")
        evidence = Evidence(
            report=locked,
            task=task,
            file_name=name[:255],
            content_type=content_type,
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            uploaded_by=_user_or_none(actor),
        )
        upload.seek(0)
        evidence.file.save(name, upload, save=False)
        evidence.save()
        audit_record(
            actor=actor,
            action="evidence.attach",
            obj=locked,
            summary=f"Đính kèm minh chứng “{name}”",
            after={
                "evidence": evidence.pk,
                "file_name": name,
                "size": evidence.size,
                "task": task.pk if task else None,
            },
        )
    return evidence


def evidence_remove(*, actor: Any, evidence: Evidence) -> None:
    """Mark a proof file removed (the file and row stay: nothing is deleted outright)."""
    report = evidence.report
    require(report.agency_id == user_agency_id(actor))
    if not report.is_editable:
        raise InvalidTransition("Báo cáo đã gửi nên không gỡ tệp được.")
    with transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk, removed_at__isnull=True).update(removed_at=timezone.now())
        audit_record(
            actor=actor,
            action="evidence.remove",
            obj=report,
            summary=f"Gỡ minh chứng “{evidence.file_name}”",
            before={"evidence": evidence.pk},
        )


# --- partner contributions -------------------------------------------------------------------


def contribution_save(
    *,
    actor: Any,
    task: Task,
    period: str,
    text: str,
    version: int | None = None,
    evidence_number: str = "",
    evidence_date: Any = None,
    evidence_link: str = "",
) -> PartnerContribution:
    """Save a partner agency's contribution to a task for a period (phần phối hợp).

    ``version`` is the one the form was loaded at (None for a first contribution).
    """
    agency_id = user_agency_id(actor)
    require(
        agency_id is not None
        and TaskAgency.objects.filter(task=task, agency_id=agency_id, role=AgencyRole.PARTNER).exists()
    )
    errors = _Errors({})
    cleaned = _clean_task_row(
        {"evidence_number": evidence_number, "evidence_date": evidence_date, "evidence_link": evidence_link},
        task=task,
        prefix="contribution",
        errors=errors,
        on=today(),
    )
    if not (text or "").strip():
        errors.add("contribution.text", "Hãy ghi nội dung đã phối hợp thực hiện.")
    try:
        rules.period_bounds(period)
    except ValueError:
        errors.add("contribution.period", f"Kỳ báo cáo “{period}” không hợp lệ.")
    errors.raise_if_any()
    fields = {
        "text": text.strip(),
        "evidence_number": cleaned["evidence_number"],
        "evidence_date": cleaned["evidence_date"],
        "evidence_link": cleaned["evidence_link"],
        "updated_by": _user_or_none(actor),
    }
    with transaction.atomic():
        row = (
            PartnerContribution.objects.select_for_update()
            .filter(task=task, agency_id=agency_id, period=period)
            .first()
        )
        if row is None:
            if version not in (None, 0):
                raise ReportConflict(current_version=0)
            row = PartnerContribution.objects.create(task=task, agency_id=agency_id, period=period, **fields)
            before = None
        else:
            if version != row.version:
                raise ReportConflict(current_version=row.version)
            before = {"text": row.text, "version": row.version}
            PartnerContribution.objects.filter(pk=row.pk).update(version=F("version") + 1, **fields)
            row.refresh_from_db()
        audit_record(
            actor=actor,
            action="contribution.save",
            obj=row,
            summary=f"Cập nhật phần phối hợp nhiệm vụ {task.code} kỳ {period}",
            before=before,
            after={"text": row.text, "version": row.version},
        )
    return row


# --- chase-ups -------------------------------------------------------------------------------


def late_agency_ids(*, plan: Plan, cadence: str, period: str, at: dt.datetime) -> list[int]:
    """Return the agencies whose report for the period is past due and not yet submitted."""
    p = cal.plan_period(plan=plan, cadence=cadence, period_key=period)
    if p.due_at > at:
        return []
    owing = {
        o.agency_id
        for o in cal.obligations(start=p.start, end=p.end, plans=Plan.objects.filter(pk=plan.pk))
        if o.period.key == period
    }
    sent = set(
        ProgressReport.objects.filter(
            plan=plan, cadence=cadence, period=period, agency_id__in=owing, status__in=DONE_STATES
        ).values_list("agency_id", flat=True)
    )
    return sorted(owing - sent)


def chase_up_send(
    *,
    actor: Any,
    plan: Plan,
    cadence: str,
    period: str,
    agencies: Iterable[Agency] = (),
    all_late: bool = False,
    message: str = "",
    at: dt.datetime | None = None,
) -> list[ChaseUp]:
    """Chase agencies up about a period's report (đôn đốc): the ones named, or all late ones."""
    require(can_coordinate(actor, plan))
    at = at or timezone.now()
    agency_ids = [a.pk for a in agencies]
    if all_late:
        agency_ids = sorted(
            set(agency_ids) | set(late_agency_ids(plan=plan, cadence=cadence, period=period, at=at))
        )
    if not agency_ids:
        raise TrackingError("Không có cơ quan nào cần đôn đốc trong kỳ này.", code="nobody_to_chase")
    label = rules.period_label(period)
    text = (message or "").strip() or (
        f"Đề nghị quý cơ quan gửi báo cáo {label} thực hiện Kế hoạch {plan} theo quy định."
    )
    sent: list[ChaseUp] = []
    with transaction.atomic():
        for agency in Agency.objects.filter(pk__in=agency_ids).order_by("pk"):
            chase = ChaseUp.objects.create(
                agency=agency,
                plan=plan,
                cadence=cadence,
                period=period,
                message=text,
                sent_by=_user_or_none(actor),
            )
            audit_record(
                actor=actor,
                action="chase_up.send",
                obj=chase,
                summary=f"Đôn đốc {agency} gửi báo cáo {label}",
                after={"agency": agency.pk, "plan": plan.pk, "cadence": cadence, "period": period},
            )
            notify(
                users=_reporters_of([agency.pk]),
                kind=NotificationKind.CHASE_UP,
                title=f"Đôn đốc gửi báo cáo {label}",
                body=text,
                obj=chase,
            )
            sent.append(chase)
    return sent


# --- amendments ------------------------------------------------------------------------------

AMENDABLE = ("deadline_text", "output", "lead_agency_id")


def _task_lead_ids(task: Task) -> list[int]:
    return list(
        TaskAgency.objects.filter(task=task, role=AgencyRole.LEAD)
        .order_by("position")
        .values_list("agency_id", flat=True)
    )


def _task_snapshot(task: Task) -> dict[str, Any]:
    leads = _task_lead_ids(task)
    return {
        "deadline_text": task.deadline_text,
        "deadline_due": _jsonable(task.deadline_due),
        "output": task.output,
        "lead_agency_id": leads[0] if leads else None,
    }


def _clean_changes(task: Task, changes: Mapping[str, Any]) -> dict[str, Any]:
    errors = _Errors({})
    unknown = sorted(set(changes) - set(AMENDABLE))
    for key in unknown:
        errors.add(key, "Chỉ đề xuất điều chỉnh thời hạn, sản phẩm hoặc cơ quan chủ trì.")
    out: dict[str, Any] = {}
    if "deadline_text" in changes:
        text = str(changes["deadline_text"] or "").strip()
        parsed = parse_deadline(text)
        if parsed is None or parsed["kind"] == "unknown":
            errors.add(
                "deadline_text", f"Không đọc được thời hạn “{text}” (ví dụ: 12/2025, Quý I/2026, 2026)."
            )
        out["deadline_text"] = text
    if "output" in changes:
        out["output"] = str(changes["output"] or "").strip()
        if not out["output"]:
            errors.add("output", "Hãy ghi sản phẩm (kết quả) đề xuất.")
    if "lead_agency_id" in changes:
        agency_id = _as_id(changes["lead_agency_id"])
        if agency_id is None or not Agency.objects.filter(pk=agency_id, is_active=True).exists():
            errors.add("lead_agency_id", "Cơ quan chủ trì đề xuất không có trong danh mục.")
        out["lead_agency_id"] = agency_id
    current = _task_snapshot(task)
    out = {k: v for k, v in out.items() if current.get(k) != v}
    if not out and not errors.messages:
        errors.add("changes", "Đề xuất không thay đổi gì so với nhiệm vụ hiện tại.")
    errors.raise_if_any()
    return out


def amendment_propose(*, actor: Any, task: Task, changes: Mapping[str, Any], reason: str = "") -> Amendment:
    """Propose a change to a task the actor's agency leads (đề xuất điều chỉnh)."""
    agency_id = user_agency_id(actor)
    require(agency_id is not None and agency_id in _task_lead_ids(task))
    cleaned = _clean_changes(task, changes)
    with transaction.atomic():
        amendment = Amendment.objects.create(
            task=task,
            agency_id=agency_id,
            changes=cleaned,
            before={k: v for k, v in _task_snapshot(task).items() if k in cleaned},
            reason=(reason or "").strip(),
            proposed_by=_user_or_none(actor),
        )
        audit_record(
            actor=actor,
            action="amendment.propose",
            obj=amendment,
            summary=f"Đề xuất điều chỉnh nhiệm vụ {task.code}",
            before=amendment.before,
            after=cleaned,
        )
        plan = Plan.objects.select_related("unit__parent").get(pk=task.plan_id)
        notify(
            users=_coordinators_of(plan),
            kind=NotificationKind.AMENDMENT,
            title=f"Đề xuất điều chỉnh nhiệm vụ {task.code} của kế hoạch {plan}",
            body=amendment.reason,
            obj=amendment,
        )
    return amendment


def task_amend(*, actor: Any, task: Task, changes: Mapping[str, Any], reason: str = "") -> Task:
    """Change a task's deadline, output or lead (the plans-level write an amendment applies).

    Lives here rather than in ``plans.services`` while that module is being reworked; it
    writes ``plans.Task`` and its lead mention with one audit event on the task.
    """
    plan = Plan.objects.select_related("unit__parent").get(pk=task.plan_id)
    require(can_coordinate(actor, plan))
    cleaned = _clean_changes(task, changes)
    with transaction.atomic():
        row = Task.objects.select_for_update().get(pk=task.pk)
        before = _task_snapshot(row)
        if "deadline_text" in cleaned:
            parsed = parse_deadline(cleaned["deadline_text"])
            row.deadline_text = cleaned["deadline_text"]
            row.deadline_parsed = parsed
            row.deadline_kind = parsed["kind"] if parsed else "unknown"
            row.deadline_due = rules.deadline_due(parsed)
        if "output" in cleaned:
            row.output = cleaned["output"]
        row.save()
        if "lead_agency_id" in cleaned:
            # The first lead mention changes in place (no row is deleted); the audit event keeps the old lead.
            agency = Agency.objects.get(pk=cleaned["lead_agency_id"])
            mention = TaskAgency.objects.filter(task=row, role=AgencyRole.LEAD).order_by("position").first()
            if mention is None:
                TaskAgency.objects.create(
                    task=row, agency=agency, role=AgencyRole.LEAD, printed_name=agency.name
                )
            else:
                mention.agency, mention.printed_name = agency, agency.name
                mention.save(update_fields=["agency", "printed_name"])
        if "deadline_text" in cleaned:
            task_progress_refresh(task_ids=[row.pk])
        if "lead_agency_id" in cleaned:
            obligations_for_plan(plan_id=row.plan_id)  # the new lead owes the plan's reports
        audit_record(
            actor=actor,
            action="task.amend",
            obj=row,
            summary=f"Điều chỉnh nhiệm vụ {row.code}" + (f": {reason}" if reason else ""),
            before=before,
            after=_task_snapshot(row),
        )
    return row


def _decide(*, actor: Any, amendment: Amendment, approve: bool, comment: str) -> Amendment:
    task = Task.objects.select_related("plan__unit__parent").get(pk=amendment.task_id)
    require(can_coordinate(actor, task.plan))
    with transaction.atomic():
        row = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if row.status != AmendmentStatus.PROPOSED:
            raise InvalidTransition("Đề xuất này đã được xử lý.")
        if approve:
            task_amend(actor=actor, task=task, changes=row.changes, reason=f"theo đề xuất #{row.pk}")
        row.status = AmendmentStatus.APPROVED if approve else AmendmentStatus.REJECTED
        row.decided_by = _user_or_none(actor)
        row.decided_at = timezone.now()
        row.comment = comment
        row.save()
        audit_record(
            actor=actor,
            action="amendment.approve" if approve else "amendment.reject",
            obj=row,
            summary=f"{'Phê duyệt' if approve else 'Không phê duyệt'} đề xuất điều chỉnh nhiệm vụ {task.code}",
            before={"status": AmendmentStatus.PROPOSED},
            after={"status": row.status, "comment": comment},
        )
        notify(
            users=_reporters_of([row.agency_id]),
            kind=NotificationKind.AMENDMENT,
            title=f"Đề xuất điều chỉnh nhiệm vụ {task.code} {'được phê duyệt' if approve else 'không được phê duyệt'}",
            body=comment,
            obj=row,
        )
    return row


def amendment_approve(*, actor: Any, amendment: Amendment, comment: str = "") -> Amendment:
    """Approve an amendment and apply it to the task (the coordinator of the plan's province)."""
    return _decide(actor=actor, amendment=amendment, approve=True, comment=(comment or "").strip())


def amendment_reject(*, actor: Any, amendment: Amendment, comment: str) -> Amendment:
    """Reject an amendment, saying why."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Hãy ghi lý do không phê duyệt."})
    return _decide(actor=actor, amendment=amendment, approve=False, comment=comment)


# --- reminders (run by the worker) -----------------------------------------------------------


def _remind(
    *,
    users: list[Any],
    key: str,
    kind: str,
    title: str,
    body: str,
    url: str,
    at: dt.datetime,
    obj: Model | None = None,
) -> int:
    """Send one reminder per user and key, ever: insert the log row, claim it, then send."""
    if not users:
        return 0
    ReminderLog.objects.bulk_create(
        [ReminderLog(key=key, user=u, kind=kind) for u in users], ignore_conflicts=True
    )
    sent = 0
    for user in users:
        if ReminderLog.objects.filter(key=key, user=user, sent_at__isnull=True).update(sent_at=at):
            notify(users=[user], kind=kind, title=title, body=body, url=url, obj=obj, email_now=True)
            sent += 1
    return sent


def _open_obligations(*, start: dt.date, end: dt.date) -> list[cal.Obligation]:
    owed = cal.obligations(start=start, end=end)
    if not owed:
        return []
    done = set(
        ProgressReport.objects.filter(
            plan_id__in={o.plan_id for o in owed},
            period__in={o.period.key for o in owed},
            status__in=DONE_STATES,
        ).values_list("plan_id", "agency_id", "cadence", "period")
    )
    return [o for o in owed if o.key not in done]


def remind_days_before() -> int:
    return int(getattr(settings, "TRACKING_REMIND_DAYS_BEFORE", 3))


def reminders_send_due(*, at: dt.datetime) -> int:
    """Remind reporters of reports due within the next few days and not yet sent; returns e-mails+notes sent."""
    horizon = at + dt.timedelta(days=remind_days_before())
    day = _local_today(at)
    owed = [
        o
        for o in _open_obligations(start=day - dt.timedelta(days=370), end=_local_today(horizon))
        if at < o.period.due_at <= horizon
    ]
    users = _users_by_agency({o.agency_id for o in owed})
    sent = 0
    for o in owed:
        due = timezone.localtime(o.period.due_at)
        sent += _remind(
            users=users.get(o.agency_id, []),
            key=f"due:{o.plan_id}:{o.agency_id}:{o.cadence}:{o.period.key}",
            kind=NotificationKind.DUE,
            title=f"Sắp đến hạn báo cáo {o.period.label} (kế hoạch {o.plan})",
            body=f"Hạn gửi: trước {due:%H:%M} ngày {due:%d/%m/%Y}.",
            url=REPORTS_URL,
            at=at,
        )
    return sent


def reminders_send_overdue(*, at: dt.datetime) -> int:
    """Remind reporters of reports past due (once a week each) and of their overdue tasks."""
    day = _local_today(at)
    week = "{}-W{:02d}".format(*day.isocalendar()[:2])
    owed = [
        o for o in _open_obligations(start=day - dt.timedelta(days=370), end=day) if o.period.due_at <= at
    ]
    users = _users_by_agency({o.agency_id for o in owed})
    sent = 0
    for o in owed:
        due = timezone.localtime(o.period.due_at)
        sent += _remind(
            users=users.get(o.agency_id, []),
            key=f"overdue:{o.plan_id}:{o.agency_id}:{o.cadence}:{o.period.key}:{week}",
            kind=NotificationKind.OVERDUE,
            title=f"Quá hạn báo cáo {o.period.label} (kế hoạch {o.plan})",
            body=f"Hạn gửi là {due:%H:%M} ngày {due:%d/%m/%Y}; đề nghị gửi báo cáo ngay.",
            url=REPORTS_URL,
            at=at,
        )
    sent += _remind_overdue_tasks(at=at, day=day, week=week)
    return sent


def _remind_overdue_tasks(*, at: dt.datetime, day: dt.date, week: str) -> int:
    from theodoi.tracking.selectors import task_statuses  # selectors import services' helpers

    overdue: dict[int, list[Task]] = {}
    for plan in cal.active_plans():
        statuses = task_statuses(plan=plan, on=day)
        for row in statuses.values():
            if row.status == rules.TaskStatus.IN_PROGRESS_OVERDUE:
                for agency_id in row.lead_ids:
                    overdue.setdefault(agency_id, []).append(row.task)
    users = _users_by_agency(set(overdue))
    sent = 0
    for agency_id, tasks in overdue.items():
        lines = "\n".join(f"- {t.code}. {t.name[:120]} (hạn: {t.deadline_text})" for t in tasks[:30])
        sent += _remind(
            users=users.get(agency_id, []),
            key=f"task_overdue:{agency_id}:{week}",
            kind=NotificationKind.TASK_OVERDUE,
            title=f"{len(tasks)} nhiệm vụ quá hạn",
            body=lines,
            url=REPORTS_URL,
            at=at,
        )
    return sent


def _users_by_agency(agency_ids: set[int]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = {}
    for user in _reporters_of(agency_ids):
        out.setdefault(user.profile.agency_id, []).append(user)
    return out
