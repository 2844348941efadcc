"""Pages of plan import (nhập kế hoạch): upload a document, review the extraction, publish.

Thin like the other pages: each view looks the draft up in the user's scope (coordinators of
the draft's province and administrators; anyone else gets a 404, or a 403 on the upload
page), reads a form, calls one service of ``theodoi.plans.drafts`` and renders. htmx requests
get a region of the page (``"page.html#region"``); every write answers with the draft's new
version out of band, so the next edit names it. A stale version (another coordinator wrote
in between) answers with the service's message beside the cell, the typed text kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from theodoi.accounts.scope import draft_get_for_user
from theodoi.ingest.read import SUPPORTED_SUFFIXES
from theodoi.ingest.read.limits import vn_size
from theodoi.ingest.text import fold
from theodoi.plans import drafts
from theodoi.plans.drafts import DraftConflict, DraftError
from theodoi.plans.models import DraftStatus, Plan, PlanDraft
from theodoi.plans.selectors import agency_suggest, draft_list_for_user, draft_supersede_candidates
from theodoi.web import review
from theodoi.web.forms_review import CellForm, RowForm, SupersedesForm, UploadForm, upload_limit
from theodoi.web.views import _is_htmx, _render

DRAFTS_SHOWN = 50
ACCEPT = ",".join(SUPPORTED_SUFFIXES)


# --- lookups -----------------------------------------------------------------------------------


def _import_role(user: Any) -> bool:
    """Tell whether ``user`` imports plans at all: administrators and coordinators with a province."""
    from theodoi.accounts.models import Role

    if user.is_superuser:
        return True
    profile = getattr(user, "profile", None)
    role = getattr(profile, "role", None)
    return role == Role.ADMIN or (role == Role.COORDINATOR and profile.unit_id is not None)


def draft_for_user_or_404(user: Any, pk: int) -> PlanDraft:
    """Return draft ``pk`` if ``user`` may review it, else raise Http404 (no hint it exists)."""
    try:
        return draft_get_for_user(user=user, draft_id=pk)
    except PlanDraft.DoesNotExist as e:
        raise Http404("Không tìm thấy bản nháp.") from e


def _editor(cell: review.Cell, typed: Any) -> dict[str, Any]:
    """Return what the cell's editor holds: what the user typed if any (kept over a reload), else the value."""
    if cell.kind == "agencies":
        names = list(typed) if isinstance(typed, list | tuple) else cell.list_value
        return {"edit_text": "", "edit_list": names, "keep": names, "typed_kept": typed is not None}
    if isinstance(typed, list | tuple):
        typed = typed[0] if typed else ""
    text = cell.edit_text if typed is None else str(typed)
    return {"edit_text": text, "edit_list": [], "keep": [text], "typed_kept": typed is not None}


def _queue(draft: PlanDraft) -> list[str]:
    """Return the paths of the cells still to check, as the screen names them."""
    return list(dict.fromkeys(review.queue_path(ref.path) for ref in drafts.draft_review_queue(draft=draft)))


# --- upload --------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Show the upload form and the drafts of the user's province; store an upload as a draft."""
    if not _import_role(request.user):
        raise PermissionDenied("Chỉ cán bộ điều phối hoặc quản trị hệ thống được nhập kế hoạch.")
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["tep"]
        try:
            draft = drafts.draft_upload(
                actor=request.user,
                name=upload_file.name,
                data=upload_file,
                unit=form.cleaned_data.get("tinh"),
            )
        except DraftError as e:
            form.add_error("tep", e.message)
        else:
            return redirect("web:review_draft", pk=draft.pk)
    rows = list(draft_list_for_user(user=request.user, include_closed=True)[:DRAFTS_SHOWN])
    return _render(
        request,
        "web/review/upload.html",
        "drafts",
        {
            "nav": "import",
            "form": form,
            "drafts": rows,
            "accept": ACCEPT,
            "formats": ", ".join(SUPPORTED_SUFFIXES),
            "limit": vn_size(upload_limit()),
        },
    )


# --- the draft page: progress, failure, review -----------------------------------------------------


def _review_context(request: HttpRequest, draft: PlanDraft, *, tab: str = "") -> dict[str, Any]:
    """Return what the review screen shows: the tab's tables, the queue, the open cell."""
    document = draft.document or {}
    queue = _queue(draft)
    tab = tab or request.GET.get("bang") or ""
    opened = review.cell_at(document, request.GET.get("o") or "", queue)
    if opened is not None:
        tab = review.CellPath.parse(opened.path).tab  # type: ignore[union-attr]
    if tab not in dict(review.TABS):
        tab = "thong-tin"
    context: dict[str, Any] = {
        "nav": "import",
        "draft": draft,
        "tab": tab,
        "tabs": review.TABS,
        "queue_count": len(queue),
        "next_path": review.next_to_check(queue, opened.path if opened else None),
        "open_path": opened.path if opened else "",
        "opened": opened,
        "counts": {
            "nhom": len(document.get("sections") or []),
            "nhiem-vu": len(document.get("tasks") or []),
            "chi-tieu": len(document.get("indicators") or []),
        },
        "warnings": document.get("warnings") or [],
    }
    if tab == "thong-tin":
        context["header"] = review.header_cells(document, queue)
        context["rows"] = review.table_rows(document, "reporting", queue)
        context["table"] = "reporting"
    else:
        context["table"] = review.TABLE_OF_TAB[tab]
        context["rows"] = review.table_rows(document, context["table"], queue)
    context["columns"] = review.COLUMNS[context["table"]]
    context["oob"] = _is_htmx(request)
    if opened is not None:
        kept = request.GET.getlist("giu")
        editor = _editor(opened, (kept if opened.kind == "agencies" else kept[0]) if kept else None)
        context.update({f"opened_{k.removeprefix('edit_')}": v for k, v in editor.items()})
        context["opened_lines"] = drafts.draft_source_lines(draft=draft, numbers=opened.lines)
        context["opened_lines_label"] = review.line_ranges(opened.lines)
    return context


@require_GET
@login_required
def draft_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a draft: the progress bar while extracting, the reason if it failed, else the review."""
    draft = draft_for_user_or_404(request.user, pk)
    if draft.status in (DraftStatus.QUEUED, DraftStatus.EXTRACTING, DraftStatus.FAILED):
        return _render(request, "web/review/draft.html", "progress", {"nav": "import", "draft": draft})
    if draft.status == DraftStatus.PUBLISHED and draft.published_plan_id:
        messages.info(request, f"Bản nháp này đã được ban hành thành kế hoạch {draft.published_plan}.")
        return redirect("web:plan_detail", pk=draft.published_plan_id)
    if draft.status != DraftStatus.READY:
        return _render(request, "web/review/draft.html", "progress", {"nav": "import", "draft": draft})
    context = _review_context(request, draft)
    return _render(request, "web/review/draft.html", "tables", context)


@require_GET
@login_required
def draft_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer the progress bar's poll; once extraction ends the page reloads into its next state."""
    draft = draft_for_user_or_404(request.user, pk)
    if not _is_htmx(request):
        return redirect("web:review_draft", pk=draft.pk)
    response = _render(request, "web/review/draft.html", "progress", {"nav": "import", "draft": draft})
    if draft.status not in (DraftStatus.QUEUED, DraftStatus.EXTRACTING):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@login_required
def draft_retry(request: HttpRequest, pk: int) -> HttpResponse:
    draft = draft_for_user_or_404(request.user, pk)
    try:
        drafts.draft_retry(draft=draft, actor=request.user)
    except DraftError as e:
        messages.error(request, e.message)
    return redirect("web:review_draft", pk=draft.pk)


@require_POST
@login_required
def draft_discard(request: HttpRequest, pk: int) -> HttpResponse:
    draft = draft_for_user_or_404(request.user, pk)
    try:
        drafts.draft_discard(draft=draft, actor=request.user)
    except DraftError as e:
        messages.error(request, e.message)
        return redirect("web:review_draft", pk=draft.pk)
    messages.success(request, f"Đã hủy bản nháp từ tệp “{draft.file_name}”; tệp vẫn được lưu.")
    return redirect("web:review_upload")


# --- cells ---------------------------------------------------------------------------------------


def _cell_response(
    request: HttpRequest,
    draft: PlanDraft,
    path: str,
    *,
    editing: bool,
    typed: Any = None,
    error: str = "",
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    queue = _queue(draft)
    cell = review.cell_at(draft.document or {}, path, queue)
    if cell is None:
        raise Http404("Không có ô này trong bản nháp (có thể dòng vừa bị xóa hoặc gộp).")
    context = {
        "draft": draft,
        "cell": cell,
        "error": error,
        "conflict": conflict,
        "typed": typed,
        "queue_count": len(queue),
        "next_path": review.next_to_check(queue, path),
        "lines": drafts.draft_source_lines(draft=draft, numbers=cell.lines) if editing else [],
        "lines_label": review.line_ranges(cell.lines),
        **_editor(cell, typed),
    }
    if not _is_htmx(request):
        return redirect(f"{reverse('web:review_draft', args=[draft.pk])}?o={path}#{cell.id}")
    region = "cell_form" if editing else "cell_saved"
    response = _render(request, "web/review/draft.html", region, context)
    response.status_code = status
    return response


@require_http_methods(["GET", "POST"])
@login_required
def draft_cell(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the cell's editor (or, with ``xem``, the cell as shown). POST: save the cell."""
    draft = draft_for_user_or_404(request.user, pk)
    if request.method == "GET":
        path = request.GET.get("o", "")
        if review.cell_at(draft.document or {}, path) is None:
            raise Http404("Không có ô này trong bản nháp.")
        return _cell_response(request, draft, path, editing="xem" not in request.GET)
    cell = review.cell_at(draft.document or {}, request.POST.get("o", ""))
    form = CellForm(request.POST, kind=cell.kind if cell else "text")
    if cell is None or not form.is_valid():
        raise Http404("Không có ô này trong bản nháp.")
    value = form.cell_value()
    try:
        draft = drafts.draft_cell_update(
            draft=draft, actor=request.user, version=form.cleaned_data["version"], path=cell.path, value=value
        )
    except DraftConflict as e:
        if not _is_htmx(request):
            messages.error(request, e.message)
        return _cell_response(
            request, draft, cell.path, editing=True, typed=value, error=e.message, conflict=True
        )
    except DraftError as e:
        if not _is_htmx(request):
            messages.error(request, e.message)
        return _cell_response(request, draft, cell.path, editing=True, typed=value, error=e.message)
    return _cell_response(request, draft, cell.path, editing=False)


# --- rows ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def draft_row(request: HttpRequest, pk: int) -> HttpResponse:
    """POST: add, delete, split, merge or move a row, then show the table again.

    GET with ``thao_tac=tach``: the form to choose where to split the row.
    """
    draft = draft_for_user_or_404(request.user, pk)
    form = RowForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        raise Http404("Không có dòng này trong bản nháp.")
    table, index, action = form.cleaned_data["bang"], form.cleaned_data["dong"], form.cleaned_data["thao_tac"]
    tab_url = f"{reverse('web:review_draft', args=[draft.pk])}?bang={review.TAB_OF_TABLE[table]}"
    if request.method == "GET":
        row = review.rows_of(draft.document or {}, table)
        if action != "tach" or not 0 <= index < len(row):
            raise Http404("Không có dòng này trong bản nháp.")
        text = row[index].get("name") or row[index].get("title") or ""
        context = {
            "draft": draft,
            "table": table,
            "index": index,
            "text": text,
            "field": "name" if "name" in row[index] else "title",
            "at": review.split_point(text),
            "colspan": len(review.COLUMNS[table]) + 1,
        }
        return _render(request, "web/review/draft.html", "split_form", context)
    version = form.cleaned_data["version"]
    common = {"draft": draft, "actor": request.user, "version": version, "table": table, "index": index}
    try:
        if action == "them":
            draft = drafts.draft_row_add(**{**common, "index": index + 1})
        elif action == "xoa":
            draft = drafts.draft_row_delete(**common)
        elif action == "gop":
            draft = drafts.draft_rows_merge(**common)
        elif action == "len":
            draft = drafts.draft_row_move(**common, to=index - 1)
        elif action == "xuong":
            draft = drafts.draft_row_move(**common, to=index + 1)
        else:
            draft = drafts.draft_row_split(
                **common, field=form.cleaned_data["truong"], at=form.cleaned_data["vi_tri"]
            )
    except DraftError as e:
        if not _is_htmx(request):
            messages.error(request, e.message)
            return redirect(tab_url)
        context = _review_context(request, draft, tab=review.TAB_OF_TABLE[table])
        context["table_error"] = e.message
        return _render(request, "web/review/draft.html", "tables", context)
    if not _is_htmx(request):
        return redirect(tab_url)
    context = _review_context(request, draft, tab=review.TAB_OF_TABLE[table])
    return _render(request, "web/review/draft.html", "tables", context)


@require_GET
@login_required
def agency_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """Type-ahead for agency cells: directory agencies matching the words typed, marks ignored."""
    draft = draft_for_user_or_404(request.user, pk)
    q = (request.GET.get("q") or "").strip()[:200]
    found = agency_suggest(unit=draft.unit, q=q) if len(q) >= 2 else []
    exact = any(fold(a.name) == fold(q) for a in found)  # "so tai chinh" is "Sở Tài chính" already
    return _render(
        request,
        "web/review/draft.html",
        "suggestions",
        {
            "draft": draft,
            "q": q,
            "found": found,
            "offer_new": bool(q) and not exact,
            "target": request.GET.get("cho", ""),
        },
    )


# --- publish -------------------------------------------------------------------------------------


def _publish_context(request: HttpRequest, draft: PlanDraft, *, error: str = "") -> dict[str, Any]:
    candidates = list(draft_supersede_candidates(draft=draft))
    against: Plan | None = draft.supersedes_plan
    compare_label = "thay thế"
    if against is None and draft.target_plan_id:
        against, compare_label = draft.target_plan, "cập nhật"
    diff = drafts.draft_diff(draft=draft, against=against) if against is not None else None
    document = (draft.document or {}).get("document") or {}
    return {
        "nav": "import",
        "draft": draft,
        "form": SupersedesForm(candidates=candidates, initial={"thay_the": draft.supersedes_plan_id or ""}),
        "against": against,
        "compare_label": compare_label,
        "diff": diff,
        "header_supersedes": document.get("supersedes") or [],
        "task_count": len((draft.document or {}).get("tasks") or []),
        "indicator_count": len((draft.document or {}).get("indicators") or []),
        "queue_count": len(_queue(draft)),
        "error": error,
    }


@require_http_methods(["GET", "POST"])
@login_required
def draft_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what publishing changes (the difference with the plan replaced). POST: publish."""
    draft = draft_for_user_or_404(request.user, pk)
    if draft.status != DraftStatus.READY:
        return redirect("web:review_draft", pk=draft.pk)
    if request.method == "GET":
        return _render(request, "web/review/publish.html", "difference", _publish_context(request, draft))
    try:
        version = int(request.POST.get("version", ""))
    except ValueError as e:
        raise Http404("Thiếu phiên bản của bản nháp.") from e
    try:
        plan = drafts.draft_publish(draft=draft, actor=request.user, version=version)
    except DraftError as e:
        context = _publish_context(request, draft_for_user_or_404(request.user, pk), error=e.message)
        return _render(request, "web/review/publish.html", "difference", context)
    note = (
        f"; kế hoạch {draft.supersedes_plan} chuyển sang “đã được thay thế”"
        if draft.supersedes_plan_id
        else ""
    )
    messages.success(request, f"Đã ban hành kế hoạch {plan}{note}.")
    return redirect("web:plan_detail", pk=plan.pk)


@require_POST
@login_required
def draft_supersedes(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the plan the draft replaces (or none), then show the difference with it."""
    draft = draft_for_user_or_404(request.user, pk)
    form = SupersedesForm(request.POST, candidates=list(draft_supersede_candidates(draft=draft)))
    error = ""
    if form.is_valid():
        try:
            draft = drafts.draft_set_supersedes(
                draft=draft, actor=request.user, version=form.cleaned_data["version"], plan=form.plan()
            )
        except DraftError as e:
            error = e.message
    else:
        error = "Hãy chọn một kế hoạch trong danh sách."
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect("web:review_publish", pk=draft.pk)
    return _render(
        request, "web/review/publish.html", "difference", _publish_context(request, draft, error=error)
    )
