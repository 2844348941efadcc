"""Pages of the web UI (thin: look up in the user's scope, call a selector, render).

Every read goes through ``theodoi.accounts.scope``; an id outside the user's scope is a 404.
htmx requests get only the page's swappable region (``"page.html#region"``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from theodoi.accounts.scope import agency_for_user_or_404, plan_for_user_or_404, scope_for
from theodoi.tracking import selectors as tracking_selectors
from theodoi.web import selectors
from theodoi.web.forms import AgencyFilterForm, PlanFilterForm, SearchForm
from theodoi.web.highlight import query_words

PLANS_PER_PAGE = 50
AGENCIES_PER_PAGE = 50
RESULTS_PER_PAGE = 20


def _is_htmx(request: HttpRequest) -> bool:
    """Tell whether to answer with a region only (not on a history restore, which needs the page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def _render(request: HttpRequest, template: str, region: str, context: dict[str, Any]) -> HttpResponse:
    """Render the whole page, or only ``region`` of it for htmx; the answer varies on HX-Request."""
    scope = scope_for(request.user)
    context = {"scope": scope, "profile": scope.profile, **context}
    name = f"{template}#{region}" if _is_htmx(request) else template
    response = TemplateResponse(request, name, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _page(request: HttpRequest, rows: Any, per_page: int) -> Page:
    return Paginator(rows, per_page).get_page(request.GET.get("trang"))


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("trang", None)
    return params.urlencode()


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send leaders and coordinators to their dashboard, central viewers to the national view."""
    role = getattr(scope_for(request.user).profile, "role", None)
    if role in ("coordinator", "leader"):
        return redirect("web:dashboard")
    if role == "central":
        return redirect("web:national")
    return redirect("web:plan_list")


@require_GET
@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = scope_for(request.user).plans()
    form = PlanFilterForm(request.GET, provinces=selectors.plan_province_choices(plans=plans))
    page = _page(request, selectors.plan_list(plans=plans, **form.filters()), PLANS_PER_PAGE)
    return _render(
        request,
        "web/plan_list.html",
        "results",
        {"nav": "plans", "form": form, "page": page, "query": _query_without_page(request)},
    )


@require_GET
@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_user_or_404(request.user, pk)
    detail = selectors.plan_detail(plan=plan, plans=scope_for(request.user).plans())
    # Task statuses and indicator progress in bulk (theodoi.tracking): a fixed number of queries.
    today = timezone.localdate()
    statuses = tracking_selectors.task_statuses(plan=plan, on=today)
    progress = {
        ind.pk: row
        for row in tracking_selectors.indicator_progress_for_plan(plan=plan, on=today)
        for ind in row.horizons
    }
    return _render(
        request,
        "web/plan_detail.html",
        "content",
        {"nav": "plans", "d": detail, "plan": plan, "statuses": statuses, "progress": progress},
    )


@require_GET
@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form = AgencyFilterForm(request.GET)
    rows = selectors.agency_directory(agencies=scope.agencies(), plans=scope.plans(), query=form.query())
    page = _page(request, rows, AGENCIES_PER_PAGE)
    return _render(
        request,
        "web/agency_list.html",
        "results",
        {
            "nav": "agencies",
            "form": form,
            "page": page,
            "words": query_words(form.query()),
            "query": _query_without_page(request),
        },
    )


@require_GET
@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = agency_for_user_or_404(request.user, pk)
    work = selectors.agency_work(agency=agency, plans=scope_for(request.user).plans())
    return _render(
        request, "web/agency_detail.html", "content", {"nav": "agencies", "agency": agency, "work": work}
    )


@require_GET
@login_required
def search(request: HttpRequest) -> HttpResponse:
    plans = scope_for(request.user).plans()
    form = SearchForm(request.GET)
    words = query_words(form.query())
    kind = form.kind()
    context: dict[str, Any] = {"nav": "search", "form": form, "words": words, "kind": kind, "page": None}
    if words:
        tasks = selectors.search_tasks(plans=plans, words=words)
        indicators = selectors.search_indicators(plans=plans, words=words)
        page = _page(request, tasks if kind == "nhiem-vu" else indicators, RESULTS_PER_PAGE)
        if kind == "nhiem-vu":
            context["rows"] = selectors.task_rows(list(page.object_list))
        context.update(
            page=page,
            task_total=page.paginator.count if kind == "nhiem-vu" else tasks.count(),
            indicator_total=page.paginator.count if kind == "chi-tieu" else indicators.count(),
            query=_query_without_page(request),
            q=form.query(),
        )
    return _render(request, "web/search.html", "results", context)
