"""Pages of progress reporting (issue 6): the reporter's form, the coordinator's inbox, tasks,
amendments and notifications.

Thin like the other pages: every object is looked up through ``theodoi.tracking.selectors``
(404 when there is none, 403 when it is another agency's or province's), every write is one
service call, and a refused write answers with the service's Vietnamese message beside the
field, the typed values shown again. htmx requests get the page's region or a small partial.

The report form saves in three ways, all through ``report_save_draft`` with the version the
form was loaded at: "Lưu nháp" / "Gửi báo cáo" (a plain POST, then a redirect), and the
autosave (htmx, every 30 s while something changed). A stale version is never written over
silently: the page says so and keeps what was typed; the browser also keeps a copy in
localStorage so a session that expired meanwhile loses nothing (``static/web/tracking.js``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from theodoi.accounts.models import Role
from theodoi.accounts.scope import plan_for_user_or_404, province_of, province_q, scope_for
from theodoi.directory.models import Agency, AgencyKind
from theodoi.plans.models import AgencyRole, Plan, PlanStatus, Task
from theodoi.tracking import rules, selectors, services
from theodoi.tracking.models import (
    Amendment,
    AmendmentStatus,
    Notification,
    ProgressReport,
    ReportStatus,
)
from theodoi.tracking.permissions import can_coordinate, can_write_report, is_admin
from theodoi.tracking.services.errors import ReportConflict, TrackingError
from theodoi.web import forms_tracking as ft
from theodoi.web.views import _is_htmx, _render

INBOX_TABS = (
    ("cho-duyet", "Chờ duyệt"),
    ("chua-nop", "Chưa nộp"),
    ("nop-muon", "Nộp muộn"),
    ("de-xuat", "Đề xuất điều chỉnh"),
)
UPLOAD_SLACK = 1024 * 1024  # the multipart envelope around the file itself


# --- helpers -----------------------------------------------------------------------------------


def login_required_htmx(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like ``login_required``, but an htmx request from an expired session gets a message, not the
    sign-in page swapped into a corner; the sign-in link returns to the page the user was on."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.headers.get("HX-Request") == "true":
            back = _local_path(request.headers.get("HX-Current-URL", ""), request) or request.path
            return TemplateResponse(
                request,
                "web/tracking/_session_expired.html",
                {
                    "login_url": f"{reverse('login')}?next={back}",
                    "target_id": request.headers.get("HX-Target", ""),
                },
            )
        return redirect_to_login(request.get_full_path())

    return wrapped


def _local_path(url: str, request: HttpRequest) -> str:
    """Return the path of ``url`` if it points at this site, else ''."""
    if not url or not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return ""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _role(user: Any) -> str | None:
    profile = scope_for(user).profile
    return profile.role if profile is not None else None


def _is_reader(user: Any) -> bool:
    """Tell whether the user reads whole provinces' reports (coordinator, leader, central, admin)."""
    return bool(user.is_superuser) or _role(user) in (Role.COORDINATOR, Role.LEADER, Role.CENTRAL, Role.ADMIN)


def _now() -> dt.datetime:
    return timezone.now()


def _today() -> dt.date:
    return timezone.localdate()


def _error_dict(e: ValidationError) -> dict[str, list[str]]:
    return e.message_dict if hasattr(e, "error_dict") else {"__all__": list(e.messages)}


def _task_for_user_or_404(user: Any, pk: int) -> Task:
    """Return task ``pk`` if its plan is in the user's scope, else Http404."""
    task = (
        Task.objects.select_related("plan__unit__parent", "section", "carried_from__plan")
        .filter(pk=pk, plan__in=scope_for(user).plans())
        .first()
    )
    if task is None:
        raise Http404("Không tìm thấy nhiệm vụ.")
    return task


def _coordinated_plan_ids(user: Any) -> Any:
    scope = scope_for(user)
    plans = Plan.objects.filter(status=PlanStatus.ACTIVE)
    if scope.everything:
        return plans.values("pk")
    if scope.province_id is None:
        return plans.none().values("pk")
    return plans.filter(province_q("unit", scope.province_id)).values("pk")


def _redirect_back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def _row_names(form: selectors.ReportForm) -> dict[str, dict[int, str]]:
    """Return what the audit trail calls the report's rows: "Nhiệm vụ 1", "Chỉ tiêu “Tỷ lệ ...”"."""
    return {
        "tasks": {r.task.pk: f"Nhiệm vụ {r.task.code}".strip() for r in form.tasks},
        "indicators": {r.indicator.pk: f"Chỉ tiêu “{r.indicator.name[:50]}”" for r in form.indicators},
    }


# --- the reporter's list -----------------------------------------------------------------------


@require_GET
@login_required
def reports_home(request: HttpRequest) -> HttpResponse:
    """List what the reporter's agency owes; coordinators and leaders go to the inbox."""
    user = request.user
    if _role(user) != Role.REPORTER:
        if _is_reader(user):
            return redirect("web:inbox")
        raise PermissionDenied("Trang báo cáo dành cho báo cáo viên của các cơ quan.")
    now = _now()
    rows = [(r, r.is_late(at=now)) for r in selectors.reporter_open_reports(user=user, on=_today())]
    quarter = rules.period_containing(rules.QUARTERLY, _today())[0]
    period = request.GET.get("ky") or quarter
    try:
        period_label = rules.period_label(period)
    except ValueError:
        period, period_label = quarter, rules.period_label(quarter)
    partner_rows = selectors.partner_tasks(user=user, period=period)
    periods = [
        rules.period_containing(rules.QUARTERLY, _today() - dt.timedelta(days=92 * n))[0] for n in range(4)
    ]
    return _render(
        request,
        "web/tracking/reports.html",
        "content",
        {
            "nav": "reports",
            "rows": rows,
            "partner_rows": partner_rows,
            "period": period,
            "period_label": period_label,
            "periods": [(p, rules.period_label(p)) for p in periods],
        },
    )


@require_POST
@login_required
def report_open(request: HttpRequest) -> HttpResponse:
    """Open (create the first time) the agency's report for a plan and period, then go to it."""
    scope = scope_for(request.user)
    if scope.profile is None or scope.profile.role != Role.REPORTER or scope.profile.agency is None:
        raise PermissionDenied("Chỉ báo cáo viên của cơ quan lập báo cáo.")
    plan = plan_for_user_or_404(request.user, ft.parse_version(request.POST.get("plan")) or 0)
    try:
        report = services.report_get_or_create_draft(
            actor=request.user,
            agency=scope.profile.agency,
            plan=plan,
            cadence=request.POST.get("cadence", ""),
            period=request.POST.get("period", ""),
        )
    except TrackingError as e:
        messages.error(request, e.message)
        return redirect("web:reports")
    return redirect("web:report", pk=report.pk)


# --- the report form ---------------------------------------------------------------------------


def _report_context(
    request: HttpRequest,
    form: selectors.ReportForm,
    *,
    state: ft.FormState | None = None,
    conflict: str = "",
    notice: str = "",
) -> dict[str, Any]:
    report = form.report
    return {
        "nav": "reports",
        "f": form,
        "report": report,
        "state": state or ft.form_state(form),
        "status_choices": ft.STATUS_CHOICES,
        "conflict": conflict,
        "notice": notice,
        "late": report.is_late(at=_now()),
        "history": selectors.object_history(obj=report),
        "names": _row_names(form),
        "max_bytes": services.evidence_max_bytes(),
        "max_mb": services.evidence_max_bytes() // (1024 * 1024),
        "clear_local": request.session.pop(f"tracking-saved-{report.pk}", False),
    }


@require_http_methods(["GET", "POST"])
@login_required_htmx
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The agency's report for one period: fill in, save as draft, send."""
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    if not can_write_report(request.user, report):
        return redirect("web:report_review", pk=pk)
    form = selectors.report_form(report=report, user=request.user)
    if request.method == "POST":
        return _report_post(request, form)
    return _render(request, "web/tracking/report_form.html", "content", _report_context(request, form))


def _report_post(request: HttpRequest, form: selectors.ReportForm) -> HttpResponse:
    report = form.report
    autosave = request.POST.get("autosave") == "1" and _is_htmx(request)
    if not form.can_edit:
        if autosave:
            return _autosave_answer(request, report, state="closed")
        messages.error(request, "Báo cáo đã gửi nên không sửa được; chờ Sở trả lại nếu cần sửa.")
        return redirect("web:report", pk=report.pk)
    version = ft.parse_version(request.POST.get("version")) or report.version
    data = ft.report_data(request.POST, form)
    if autosave:
        return _autosave(request, report, version=version, data=data)
    submit = request.POST.get("action") == "submit"
    try:
        report = services.report_save_draft(report=report, actor=request.user, version=version, data=data)
        if submit:
            report = services.report_submit(report=report, actor=request.user, version=report.version)
    except ValidationError as e:
        form = selectors.report_form(report=ProgressReport.objects.get(pk=report.pk), user=request.user)
        errors = ft.errors_by_input(_error_dict(e))
        state = ft.form_state(form, posted=request.POST, errors=errors)
        context = _report_context(request, form, state=state)
        context["notice"] = (
            f"Chưa lưu được: có {state.error_count} chỗ cần sửa (ghi màu đỏ bên cạnh từng ô). "
            "Nội dung bạn đã nhập vẫn còn nguyên trên trang."
        )
        return _render(request, "web/tracking/report_form.html", "content", context)
    except ReportConflict as e:
        fresh = ProgressReport.objects.select_related("plan__unit__parent", "agency").get(pk=report.pk)
        form = selectors.report_form(report=fresh, user=request.user)
        state = ft.form_state(form, posted=request.POST)
        # The form now carries the current version: saving again is a deliberate choice, not a silent one.
        context = _report_context(request, form, state=state, conflict=e.message)
        return _render(request, "web/tracking/report_form.html", "content", context)
    except TrackingError as e:
        messages.error(request, e.message)
        return redirect("web:report", pk=report.pk)
    request.session[f"tracking-saved-{report.pk}"] = True
    if submit:
        messages.success(request, "Đã gửi báo cáo. Sở Khoa học và Công nghệ sẽ xem và phản hồi.")
    else:
        local = timezone.localtime(report.updated_at)
        messages.success(request, f"Đã lưu nháp lúc {local:%H:%M} ngày {local:%d/%m/%Y}.")
    return redirect("web:report", pk=report.pk)


def _autosave(
    request: HttpRequest, report: ProgressReport, *, version: int, data: dict[str, Any]
) -> HttpResponse:
    """Save what is valid now; answer with the save state, the new version and the fields' errors."""
    errors: dict[str, list[str]] = {}
    try:
        try:
            report = services.report_save_draft(report=report, actor=request.user, version=version, data=data)
        except ValidationError as e:
            errors = _error_dict(e)
            kept = ft.without_errors(data, errors)
            if kept.get("tasks") or kept.get("indicators") or "summary" in kept:
                report = services.report_save_draft(
                    report=report, actor=request.user, version=version, data=kept
                )
    except ReportConflict as e:
        return _autosave_answer(request, report, state="conflict", message=e.message)
    except TrackingError as e:
        return _autosave_answer(request, report, state="closed", message=e.message)
    return _autosave_answer(
        request, report, state="saved", errors=ft.errors_by_input(errors) if errors else {}
    )


def _autosave_answer(
    request: HttpRequest,
    report: ProgressReport,
    *,
    state: str,
    message: str = "",
    errors: dict[str, list[str]] | None = None,
) -> HttpResponse:
    return TemplateResponse(
        request,
        "web/tracking/_autosave.html",
        {
            "report": report,
            "state": state,
            "message": message,
            "errors": sorted((errors or {}).items()),
            "at": timezone.localtime(report.updated_at),
        },
    )


# --- proof files ---------------------------------------------------------------------------------


class _LimitHandler(FileUploadHandler):
    """Stop reading an upload once it is larger than the limit (a 2 GB file never reaches the disk)."""

    def __init__(self, request: HttpRequest | None = None, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.too_big = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_big = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


@csrf_exempt  # checked below, after the size limit is installed (Django's documented pattern)
@require_POST
@login_required_htmx
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a proof file to a task of the report; too big or not what its name says is refused."""
    limit = services.evidence_max_bytes()
    task_id = ft.parse_version(request.GET.get("nhiem-vu"))
    declared = ft.parse_version(request.META.get("CONTENT_LENGTH")) or 0
    if declared > limit + UPLOAD_SLACK:
        report = selectors.report_get_for_user(user=request.user, pk=pk)
        message = f"Tệp lớn quá {limit // (1024 * 1024)} MB; hãy nén hoặc gửi đường dẫn tới tệp."
        return _files_answer(request, report, task_id, error=message)
    handler = _LimitHandler(request, limit=limit)
    request.upload_handlers.insert(0, handler)
    return csrf_protect(_evidence_upload)(request, pk, task_id, handler)


def _evidence_upload(
    request: HttpRequest, pk: int, task_id: int | None, handler: _LimitHandler
) -> HttpResponse:
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    if not can_write_report(request.user, report):
        raise PermissionDenied("Bạn không có quyền thêm tệp vào báo cáo này.")
    limit = services.evidence_max_bytes()
    upload = request.FILES.get("file")
    error = ""
    if handler.too_big:
        error = f"Tệp lớn quá {limit // (1024 * 1024)} MB; hãy nén hoặc gửi đường dẫn tới tệp."
    elif upload is None:
        error = "Hãy chọn một tệp để tải lên."
    else:
        task = Task.objects.filter(pk=task_id, plan_id=report.plan_id).first() if task_id else None
        try:
            services.evidence_attach(actor=request.user, report=report, upload=upload, task=task)
        except ValidationError as e:
            error = " ".join(m for msgs in _error_dict(e).values() for m in msgs)
        except TrackingError as e:
            error = e.message
    if _is_htmx(request):
        return _files_answer(request, report, task_id, error=error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Đã tải tệp minh chứng lên.")
    return redirect(reverse("web:report", args=[report.pk]) + (f"#nv-{task_id}" if task_id else ""))


def _files_answer(
    request: HttpRequest, report: ProgressReport, task_id: int | None, *, error: str
) -> HttpResponse:
    form = selectors.report_form(report=report, user=request.user)
    row = next((r for r in form.tasks if r.task.pk == task_id), None)
    files = row.evidence if row is not None else form.evidence
    if not _is_htmx(request):
        messages.error(request, error)
        return redirect("web:report", pk=report.pk)
    return TemplateResponse(
        request,
        "web/tracking/_files.html",
        {"report": report, "task_id": task_id, "files": files, "error": error, "can_edit": form.can_edit},
    )


@require_GET
@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.evidence_get_for_user(user=request.user, pk=pk)
    return FileResponse(
        row.file.open("rb"), as_attachment=True, filename=row.file_name, content_type=row.content_type
    )


@require_POST
@login_required_htmx
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.evidence_get_for_user(user=request.user, pk=pk)
    error = ""
    try:
        services.evidence_remove(actor=request.user, evidence=row)
    except TrackingError as e:
        error = e.message
    if _is_htmx(request):
        return _files_answer(request, row.report, row.task_id, error=error)
    if error:
        messages.error(request, error)
    return redirect("web:report", pk=row.report_id)


# --- partner contributions -------------------------------------------------------------------


@require_POST
@login_required_htmx
def contribution_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the agency's contribution to a task it partners on (phần phối hợp)."""
    task = _task_for_user_or_404(request.user, pk)
    form = ft.ContributionForm(request.POST)
    errors: dict[str, list[str]] = {}
    saved = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.contribution_save(
                actor=request.user,
                task=task,
                period=data["period"],
                text=data["text"],
                version=data.get("version"),
                evidence_number=data["evidence_number"],
                evidence_date=data["evidence_date"],
                evidence_link=data["evidence_link"],
            )
            saved = True
        except ValidationError as e:
            errors = {k.removeprefix("contribution."): v for k, v in _error_dict(e).items()}
        except ReportConflict as e:
            errors = {"all": [e.message]}
    else:
        errors = form.errors.get_json_data()  # type: ignore[assignment]
        errors = {k.replace("__all__", "all"): [m["message"] for m in v] for k, v in errors.items()}  # type: ignore[union-attr,index]
    period = request.POST.get("period", "")
    if not _is_htmx(request):
        if saved:
            messages.success(request, f"Đã lưu phần phối hợp nhiệm vụ {task.code}.")
        else:
            messages.error(request, " ".join(m for msgs in errors.values() for m in msgs))
        return redirect(f"{reverse('web:reports')}?ky={period}#pt-{task.pk}")
    row = next(
        (r for r in selectors.partner_tasks(user=request.user, period=period) if r.task.pk == task.pk), None
    )
    if row is None:
        raise Http404("Không tìm thấy nhiệm vụ.")
    return TemplateResponse(
        request,
        "web/tracking/_partner_row.html",
        {
            "p": row,
            "period": period,
            "errors": errors,
            "posted": None if saved else request.POST,
            "saved": saved,
        },
    )


# --- the coordinator's side ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Read a report; the coordinator of its province accepts it or returns it with a comment."""
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    may_review = can_coordinate(request.user, report.plan)
    review = ft.ReviewForm(request.POST or None, initial={"version": report.version})
    problem = ""
    if request.method == "POST":
        if not may_review:
            raise PermissionDenied("Chỉ Sở Khoa học và Công nghệ của tỉnh tiếp nhận hoặc trả lại báo cáo.")
        if review.is_valid():
            data = review.cleaned_data
            try:
                if data["action"] == "accept":
                    services.report_accept(report=report, actor=request.user, version=data.get("version"))
                    messages.success(request, f"Đã tiếp nhận báo cáo của {report.agency}.")
                else:
                    services.report_return(
                        report=report,
                        actor=request.user,
                        comment=data["comment"],
                        version=data.get("version"),
                    )
                    messages.success(request, f"Đã trả lại báo cáo cho {report.agency} kèm lý do.")
                return redirect(reverse("web:inbox"))
            except ValidationError as e:
                for key, msgs in _error_dict(e).items():
                    review.add_error("comment" if key == "return_comment" else None, msgs)
            except ReportConflict as e:
                problem = e.message
            except TrackingError as e:
                problem = e.message
    form = selectors.report_form(report=report, user=request.user)
    return _render(
        request,
        "web/tracking/report_review.html",
        "content",
        {
            "nav": "inbox" if _is_reader(request.user) else "reports",
            "f": form,
            "report": report,
            "review": review,
            "may_review": may_review and report.status == ReportStatus.SUBMITTED,
            "problem": problem,
            "late": report.is_late(at=_now()),
            "history": selectors.object_history(obj=report),
            "names": _row_names(form),
        },
    )


@require_GET
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """Reports to review, missing and late reports per period, amendments to decide."""
    if not _is_reader(request.user):
        raise PermissionDenied("Hộp thư dành cho Sở Khoa học và Công nghệ và lãnh đạo tỉnh.")
    tab = request.GET.get("tab") or "cho-duyet"
    if tab not in dict(INBOX_TABS):
        tab = "cho-duyet"
    plan_id = ft.parse_version(request.GET.get("ke-hoach"))
    plan = plan_for_user_or_404(request.user, plan_id) if plan_id else None
    box = selectors.coordinator_inbox(user=request.user, plan=plan)
    chase_plans = {p.plan.pk: can_coordinate(request.user, p.plan) for p in box.periods}
    periods = [p for p in box.periods if (p.late if tab == "nop-muon" else p.missing)]
    counts = {
        "cho-duyet": len(box.to_review),
        "chua-nop": len(box.missing),
        "nop-muon": len(box.late),
        "de-xuat": len(box.amendments),
    }
    return _render(
        request,
        "web/tracking/inbox.html",
        "content",
        {
            "nav": "inbox",
            "box": box,
            "tab": tab,
            "tabs": [(key, label, counts[key]) for key, label in INBOX_TABS],
            "periods": periods,
            "chase_plans": chase_plans,
            "plan": plan,
            "now": _now(),
        },
    )


@require_POST
@login_required
def chase_up(request: HttpRequest) -> HttpResponse:
    """Chase up the chosen agencies, or all late ones, about one plan's period (đôn đốc)."""
    plan = plan_for_user_or_404(request.user, ft.parse_version(request.POST.get("plan")) or 0)
    if not can_coordinate(request.user, plan):
        raise PermissionDenied("Chỉ Sở Khoa học và Công nghệ của tỉnh đôn đốc các cơ quan.")
    cadence, period = request.POST.get("cadence", ""), request.POST.get("period", "")
    box = selectors.coordinator_inbox(user=request.user, plan=plan, cadence=cadence or None)
    owing = {r.agency.pk: r.agency for p in box.periods if p.period.key == period for r in p.missing}
    chosen = [owing[i] for i in (ft.parse_version(v) for v in request.POST.getlist("agencies")) if i in owing]
    all_late = request.POST.get("all_late") == "1"
    tab = request.POST.get("tab") or "nop-muon"
    if not chosen and not all_late:
        messages.error(request, "Hãy đánh dấu ít nhất một cơ quan cần đôn đốc.")
        return redirect(f"{reverse('web:inbox')}?tab={tab}")
    try:
        sent = services.chase_up_send(
            actor=request.user,
            plan=plan,
            cadence=cadence,
            period=period,
            agencies=chosen,
            all_late=all_late,
            message=request.POST.get("message", ""),
        )
    except (TrackingError, ValueError) as e:
        messages.error(request, getattr(e, "message", "Kỳ báo cáo không hợp lệ."))
        return redirect(f"{reverse('web:inbox')}?tab={tab}")
    names = ", ".join(c.agency.name for c in sent)
    messages.success(request, f"Đã đôn đốc {len(sent)} cơ quan: {names}.")
    return redirect(f"{reverse('web:inbox')}?tab={tab}")


# --- tasks and amendments --------------------------------------------------------------------


def _lead_choices(task: Task, user: Any) -> list[tuple[int, str]]:
    """Return the agencies a task's lead may be changed to: the active ones of the plan's province."""
    rows = scope_for(user).agencies().filter(is_active=True).exclude(kind=AgencyKind.COLLECTIVE)
    province = province_of(task.plan.unit)
    if province is not None:
        rows = rows.filter(province_q("unit", province))
    return list(rows.order_by("name").values_list("pk", "name"))


@require_http_methods(["GET", "POST"])
@login_required
def task_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A task: its status, what each period reported (predecessors too), amendments, changes."""
    task = _task_for_user_or_404(request.user, pk)
    assignments = list(task.assignments.select_related("agency").order_by("role", "position"))
    leads = [a for a in assignments if a.role == AgencyRole.LEAD]
    partners = [a for a in assignments if a.role == AgencyRole.PARTNER]
    agency_id = scope_for(request.user).profile.agency_id if _role(request.user) == Role.REPORTER else None
    may_propose = agency_id is not None and any(a.agency_id == agency_id for a in leads)
    form = None
    if may_propose:
        form = ft.AmendmentForm(request.POST or None, agencies=_lead_choices(task, request.user))
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Chỉ cơ quan chủ trì đề xuất điều chỉnh nhiệm vụ.")
        if form.is_valid():
            try:
                services.amendment_propose(
                    actor=request.user, task=task, changes=form.changes(), reason=form.cleaned_data["reason"]
                )
            except ValidationError as e:
                for key, msgs in _error_dict(e).items():
                    form.add_error(key if key in form.fields else None, msgs)
            else:
                messages.success(request, "Đã gửi đề xuất điều chỉnh tới Sở Khoa học và Công nghệ.")
                return redirect("web:task", pk=task.pk)
    status = selectors.task_statuses(plan=task.plan, on=_today()).get(task.pk)
    history = selectors.task_history(task=task)
    return _render(
        request,
        "web/tracking/task.html",
        "content",
        {
            "nav": "plans",
            "task": task,
            "leads": leads,
            "partners": partners,
            "status": status,
            "history": history,
            "form": form,
            "pending": [a for a in history.amendments if a.status == AmendmentStatus.PROPOSED],
        },
    )


@require_GET
@login_required
def amendments(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("trang-thai") or ""
    if status not in AmendmentStatus.values:
        status = ""
    rows = list(
        selectors.amendments_for_user(user=request.user, status=status or None)
        .select_related("task__plan__unit__parent")
        .order_by("-proposed_at", "-id")[:200]
    )
    if not rows and not _is_reader(request.user) and _role(request.user) != Role.REPORTER:
        raise PermissionDenied("Bạn không có quyền xem đề xuất điều chỉnh.")
    deciders = {
        a.pk: a.status == AmendmentStatus.PROPOSED and can_coordinate(request.user, a.task.plan) for a in rows
    }
    names = dict(Agency.objects.filter(pk__in=_lead_ids(rows)).values_list("pk", "name"))
    return _render(
        request,
        "web/tracking/amendments.html",
        "content",
        {
            "nav": "inbox" if _is_reader(request.user) else "reports",
            "rows": [(a, deciders[a.pk], _changes(a, names)) for a in rows],
            "status": status,
            "statuses": AmendmentStatus.choices,
        },
    )


def _lead_ids(rows: list[Amendment]) -> set[int]:
    ids = set()
    for a in rows:
        for source in (a.changes, a.before):
            if isinstance(source.get("lead_agency_id"), int):
                ids.add(source["lead_agency_id"])
    return ids


AMENDMENT_LABELS = {"deadline_text": "Thời hạn", "output": "Sản phẩm", "lead_agency_id": "Cơ quan chủ trì"}


def _changes(a: Amendment, names: dict[int, str]) -> list[tuple[str, str, str]]:
    def show(key: str, value: Any) -> str:
        if key == "lead_agency_id":
            return names.get(value, "—") if value else "—"
        return str(value or "—")

    return [
        (AMENDMENT_LABELS.get(k, k), show(k, a.before.get(k)), show(k, v))
        for k, v in (a.changes or {}).items()
    ]


@require_POST
@login_required
def amendment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.amendment_get_for_user(user=request.user, pk=pk)
    form = ft.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy chọn phê duyệt hoặc không phê duyệt.")
        return _redirect_back(request, reverse("web:amendments"))
    comment = form.cleaned_data["comment"]
    try:
        if form.cleaned_data["action"] == "approve":
            services.amendment_approve(actor=request.user, amendment=row, comment=comment)
            messages.success(
                request,
                f"Đã phê duyệt đề xuất điều chỉnh nhiệm vụ {row.task.code}; kế hoạch đã được cập nhật.",
            )
        else:
            services.amendment_reject(actor=request.user, amendment=row, comment=comment)
            messages.success(request, f"Đã không phê duyệt đề xuất điều chỉnh nhiệm vụ {row.task.code}.")
    except ValidationError as e:
        messages.error(request, " ".join(m for msgs in _error_dict(e).values() for m in msgs))
    except TrackingError as e:
        messages.error(request, e.message)
    return _redirect_back(request, reverse("web:amendments"))


# --- notifications -----------------------------------------------------------------------------


@require_GET
@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    prefs = selectors.preferences_for(user=request.user)
    return _render(
        request,
        "web/tracking/notifications.html",
        "content",
        {
            "nav": "notifications",
            "rows": selectors.notifications_for(user=request.user, limit=100),
            "prefs": [(kind, p) for kind, p in prefs.items()],
        },
    )


@require_GET
@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the user's notifications read and follow its link."""
    note = Notification.objects.filter(pk=pk, user_id=request.user.pk).first()
    if note is None:
        raise Http404("Không tìm thấy thông báo.")
    services.notification_mark_read(actor=request.user, notification=note)
    if note.url.startswith("/") and not note.url.startswith("//"):
        return redirect(note.url)
    return redirect("web:reports" if _role(request.user) == Role.REPORTER else "web:notifications")


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_read(actor=request.user, all_unread=True)
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return redirect("web:notifications")


@require_POST
@login_required
def preferences_save(request: HttpRequest) -> HttpResponse:
    services.preferences_update(actor=request.user, preferences=ft.preferences_from_post(request.POST))
    messages.success(request, "Đã lưu tùy chọn nhận thông báo.")
    return redirect(reverse("web:notifications") + "#tuy-chon")


@require_GET
def nav_counts(request: HttpRequest) -> HttpResponse:
    """The bell's unread count and the inbox badge, loaded after the page (no cost to every page)."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)  # nothing to swap; the next page asks for a sign-in
    to_review = 0
    show_inbox = _is_reader(request.user)
    if show_inbox and (is_admin(request.user) or _role(request.user) == Role.COORDINATOR):
        plans = _coordinated_plan_ids(request.user)
        to_review = ProgressReport.objects.filter(plan__in=plans, status=ReportStatus.SUBMITTED).count()
        to_review += Amendment.objects.filter(task__plan__in=plans, status=AmendmentStatus.PROPOSED).count()
    return TemplateResponse(
        request,
        "web/tracking/_nav_counts.html",
        {
            "unread": selectors.unread_count(user=request.user),
            "to_review": to_review,
            "show_inbox": show_inbox,
        },
    )
