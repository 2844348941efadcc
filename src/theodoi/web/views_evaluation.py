"""Evaluation pages (issue 7): the province dashboard, agency scorecards, the national view,
the filtered task list behind every number, and the public page of a province.

Thin as the other views: find the province the user may read (``_province_for``), read the
filters from the address bar, call one selector of ``theodoi.evaluation.selectors``, render.
Every table can be downloaded: ``?xuat=xlsx`` (every table of the page) or ``?xuat=csv``
(``&bang=<name>`` picks one table, the first by default).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.views.decorators.http import require_GET

from theodoi.accounts.models import Role
from theodoi.accounts.scope import scope_for
from theodoi.directory.models import AdministrativeUnit, Agency, UnitLevel
from theodoi.evaluation import selectors as ev
from theodoi.evaluation.exports import Table, to_csv, to_xlsx
from theodoi.ingest.text import fold
from theodoi.plans.models import Plan, PlanStatus, Section
from theodoi.tracking.rules import TaskStatus
from theodoi.tracking.services.values import indicator_target
from theodoi.tracking.standings import IndicatorStanding, Standing
from theodoi.web.views import _render

TASKS_PER_PAGE = 50
# Rows of the dashboard's by-section table and indicator cards unless all are asked for
# (``?tat-ca=nhom``, ``?tat-ca=chi-tieu``): a province with a hundred plans has some 500
# sections and 350 indicators, and rendering them all was most of the page's time.
DASHBOARD_ROWS = 20
NOT_ALLOWED = "Trang này dành cho lãnh đạo, cán bộ điều phối của tỉnh và người xem toàn quốc."
NATIONAL_ONLY = "Trang toàn quốc dành cho người xem của Trung ương và quản trị hệ thống."


# --- who reads which province ------------------------------------------------------------------


def _province_for(request: HttpRequest) -> AdministrativeUnit | None:
    """Return the province the user reads: its own, or ``?tinh=<code>`` for national readers.

    None means a national reader who has not picked one; PermissionDenied for other roles
    (reporters read their own reports, not the province's figures).
    """
    scope = scope_for(request.user)
    if scope.everything:
        code = request.GET.get("tinh", "")
        if not code:
            return None
        province = ev.current_provinces().filter(code=code).first()
        if province is None:
            raise Http404("Không tìm thấy tỉnh, thành phố.")
        return province
    role = scope.profile.role if scope.profile else None
    if role not in (Role.COORDINATOR, Role.LEADER) or scope.province_id is None:
        raise PermissionDenied(NOT_ALLOWED)
    return AdministrativeUnit.objects.get(pk=scope.province_id)


def _int(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def _today() -> dt.date:
    return timezone.localdate()


def _link(
    name: str, province: AdministrativeUnit | None, request: HttpRequest | None = None, **params: Any
) -> str:
    """Return the address of a page with filters; national readers keep the province they picked."""
    query = {k: v for k, v in params.items() if v not in (None, "")}
    if province is not None and request is not None and scope_for(request.user).everything:
        query = {"tinh": province.code, **query}
    url = _address(name)
    return f"{url}?{urlencode(query)}" if query else url


@functools.cache
def _address(name: str) -> str:
    """Return the address of a page without arguments (the scorecard links 200 rows three times)."""
    return reverse(name)


def _download(tables: list[Table], request: HttpRequest, name: str) -> HttpResponse | None:
    """Answer ``?xuat=xlsx`` / ``?xuat=csv`` with the page's tables, or None to render the page."""
    kind = request.GET.get("xuat", "")
    if kind == "xlsx":
        response = HttpResponse(
            to_xlsx(tables), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if kind == "csv":
        wanted = request.GET.get("bang", "")
        table = next((t for t in tables if _slug(t.title) == wanted), tables[0])
        response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}-{_slug(table.title)}.csv"'
        return response
    return None


def _slug(title: str) -> str:
    return "-".join(fold(title).replace("/", " ").split())[:60]


# --- the province dashboard --------------------------------------------------------------------


def _dashboard_filters(request: HttpRequest, province: AdministrativeUnit) -> dict[str, Any]:
    """Read the dashboard's filters, each checked against the province (an outside id is ignored)."""
    plans = ev.province_plans(province_id=province.pk)
    plan = plans.filter(pk=_int(request, "ke-hoach")).first() if _int(request, "ke-hoach") else None
    section_id = _int(request, "nhom")  # 0: tasks printed outside any section
    if section_id and not Section.objects.filter(pk=section_id, plan__in=plans).exists():
        section_id = None
    agency_id = _int(request, "co-quan")
    period = ev.period_from_key(request.GET.get("ky"), today=_today())
    return {"plan": plan, "section_id": section_id, "agency_id": agency_id, "period": period}


def _status_table(rows: list[tuple[Any, str, int]]) -> Table:
    return Table(
        "Nhiệm vụ theo tình trạng", ["Tình trạng", "Số nhiệm vụ"], [[s.label, n] for s, _, n in rows]
    )


def _breakdown_table(title: str, first: str, rows: list[ev.Breakdown]) -> Table:
    return Table(
        title,
        [first, *(s.label for s in ev.STATUSES), "Tổng"],
        [[b.label, *(b.counts[s] for s in ev.STATUSES), b.total] for b in rows],
    )


def _task_table(
    title: str, rows: Iterable[ev.JudgedTask], plans: dict[int, Plan], agencies: dict[int, Agency]
) -> Table:
    return Table(
        title,
        [
            "Kế hoạch",
            "TT",
            "Nhiệm vụ",
            "Cơ quan chủ trì",
            "Thời hạn",
            "Hạn (ngày)",
            "Tình trạng",
            "Tiến độ (%)",
        ],
        [
            [
                str(plans[r.task.plan_id]) if r.task.plan_id in plans else "",
                r.task.code,
                r.task.name,
                "; ".join(agencies[a].name for a in r.lead_ids if a in agencies),
                r.task.deadline_text,
                r.due,
                r.status_label,
                r.percent,
            ]
            for r in rows
        ],
    )


def _indicator_table(rows: list[IndicatorStanding], plans: dict[int, Plan]) -> Table:
    return Table(
        "Chỉ tiêu",
        [
            "Kế hoạch",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Năm",
            "Mục tiêu",
            "Giá trị mới nhất",
            "Ngày số liệu",
            "Đánh giá",
        ],
        [
            [
                str(plans[i.plan_id]) if i.plan_id in plans else "",
                i.indicator.name,
                i.indicator.unit,
                i.indicator.horizon,
                i.indicator.target_text,
                i.latest_display,
                i.latest_on,
                i.standing_label,
            ]
            for i in rows
        ],
    )


def _brief(rows: list[ev.JudgedTask], agencies: dict[int, Agency]) -> list[tuple[ev.JudgedTask, list[str]]]:
    return [
        (r, [agencies[a].short_name or agencies[a].name for a in r.lead_ids if a in agencies]) for r in rows
    ]


def _line_chart(i: IndicatorStanding) -> dict[str, Any]:
    return {
        "type": "line",
        "labels": [q for q, _ in i.series],
        "values": [v for _, v in i.series],
        "target": indicator_target(i.indicator)[1],
        "unit": i.indicator.unit,
    }


def _chart(
    kind: str, labels: list[str], values: list[float | int | None], links: list[str], **extra: Any
) -> dict[str, Any]:
    return {"type": kind, "labels": labels, "values": values, "links": links, **extra}


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    province = _province_for(request)
    if province is None:
        return redirect("web:national")
    filters = _dashboard_filters(request, province)
    d = ev.dashboard(province=province, **filters)
    plans = {p.pk: p for p in d.plans}
    base = {
        "ke-hoach": filters["plan"].pk if filters["plan"] else None,
        "nhom": filters["section_id"],
        "co-quan": filters["agency_id"],
        "ky": d.period.key,
    }

    def tasks_link(**params: Any) -> str:
        return _link("web:task_list", province, request, **{**base, **params})

    everything = request.GET.getlist("tat-ca")
    sections = d.by_section
    if "nhom" not in everything and len(sections) > DASHBOARD_ROWS:
        overdue = TaskStatus.IN_PROGRESS_OVERDUE
        shown = set(map(id, sorted(sections, key=lambda b: -b.counts[overdue])[:DASHBOARD_ROWS]))
        sections = [b for b in sections if id(b) in shown]  # the most overdue, in plan order
    indicators = d.indicators if "chi-tieu" in everything else d.indicators[:DASHBOARD_ROWS]

    def all_link(what: str, anchor: str) -> str:
        query = request.GET.copy()
        query.setlist("tat-ca", [*everything, what])
        return f"?{query.urlencode()}#{anchor}"

    # The task lists are read whole only for a download; the page needs the tables' titles.
    downloading = bool(request.GET.get("xuat"))
    tables = [
        _status_table(d.status_rows),
        _breakdown_table("Theo nhóm nhiệm vụ", "Nhóm nhiệm vụ", d.by_section),
        _breakdown_table("Theo cơ quan chủ trì", "Cơ quan chủ trì", d.by_agency),
        _task_table("Nhiệm vụ quá hạn", d.overdue if downloading else [], plans, d.agencies),
        _task_table("Sắp đến hạn", d.upcoming if downloading else [], plans, d.agencies),
        Table(
            "Chấp hành báo cáo",
            ["Tình trạng báo cáo", "Số báo cáo"],
            [[label, n] for _, label, n in d.compliance_rows],
        ),
        _indicator_table(d.indicators, plans),
    ]
    download = _download(tables, request, f"tong-quan-{province.code}-{d.period.key}")
    if download is not None:
        return download
    status_chart = _chart(
        "bar",
        [s.label for s, _, _ in d.status_rows],
        [n for _, _, n in d.status_rows],
        [tasks_link(**{"trang-thai": slug}) for _, slug, _ in d.status_rows],
        colors=[s.value for s, _, _ in d.status_rows],
    )
    compliance_chart = _chart(
        "bar",
        [label for _, label, _ in d.compliance_rows],
        [n for _, _, n in d.compliance_rows],
        [""] * 4,
        colors=[state for state, _, _ in d.compliance_rows],
    )
    indicator_charts = [_line_chart(i) for i in indicators]
    return _render(
        request,
        "web/evaluation/dashboard.html",
        "content",
        {
            "nav": "dashboard",
            "d": d,
            "province": province,
            "filters": filters,
            "plan_map": plans,
            "periods": ev.period_choices(today=_today()),
            "tasks_link": tasks_link(),
            "status_links": [
                (s, slug, n, tasks_link(**{"trang-thai": slug})) for s, slug, n in d.status_rows
            ],
            "section_rows": [
                (
                    b,
                    tasks_link(nhom=b.key or 0, **{"ke-hoach": b.plan_id or base["ke-hoach"]}),
                    [
                        (
                            s,
                            n,
                            tasks_link(
                                nhom=b.key or 0,
                                **{"trang-thai": slug, "ke-hoach": b.plan_id or base["ke-hoach"]},
                            ),
                        )
                        for s, slug, n in b.cells
                    ],
                )
                for b in sections
            ],
            "sections_cut": len(sections) < len(d.by_section),
            "all_sections_link": all_link("nhom", "h-nhom"),
            "indicators": indicators,
            "all_indicators_link": all_link("chi-tieu", "chi-tieu"),
            "agency_rows": [
                (
                    b,
                    tasks_link(**{"co-quan": b.key}),
                    [(s, n, tasks_link(**{"co-quan": b.key, "trang-thai": slug})) for s, slug, n in b.cells],
                )
                for b in d.by_agency[:15]
            ],
            "overdue_link": tasks_link(**{"trang-thai": "qua-han"}),
            "upcoming_link": tasks_link(han="sap-den"),
            "scorecard_link": _link("web:scorecard", province, request, ky=d.period.key),
            "charts": {
                "status": status_chart,
                "compliance": compliance_chart,
                "indicators": indicator_charts,
            },
            "overdue_brief": _brief(d.overdue[:8], d.agencies),
            "upcoming_brief": _brief(d.upcoming[:8], d.agencies),
            # The dashboard's plans and sections are those of the filter's choices (its plans are
            # all the province's unless one is picked): not read twice.
            "all_plans": d.plans
            if filters["plan"] is None
            else list(ev.province_plans(province_id=province.pk).order_by("-date", "number", "id")),
            "section_choices": [
                (
                    s.pk,
                    f"{'' if filters['plan'] else f'{plans[s.plan_id]} – '}{s.code}. "
                    f"{Truncator(s.title).chars(60)}",
                )
                for s in sorted(d.sections.values(), key=lambda s: (s.plan_id, s.position, s.pk))
            ],
            # Unfiltered, the dashboard counted every lead of the province's tasks already.
            "agency_choices": list(Agency.objects.filter(pk__in=list(d.agencies)).order_by("name"))
            if filters["plan"] is None and filters["section_id"] is None and filters["agency_id"] is None
            else ev.lead_agencies(plans=ev.province_plans(province_id=province.pk)),
            "inbox_link": reverse("web:inbox"),
            "csv_tables": [(_slug(t.title), t.title) for t in tables],
            "csv_base": "?"
            + urlencode(
                {**{k: v for k, v in request.GET.items() if k not in ("xuat", "bang")}, "xuat": "csv"}
            ),
            "is_national_reader": scope_for(request.user).everything,
            "provinces": ev.current_provinces() if scope_for(request.user).everything else [],
        },
    )


# --- the filtered task list ----------------------------------------------------------------------


@require_GET
@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    """List the tasks behind a dashboard number: by status, section, agency, due soon."""
    province = _province_for(request)
    if province is None:
        return redirect("web:national")
    filters = _dashboard_filters(request, province)
    period: ev.EvaluationPeriod = filters["period"]
    on = period.judged_on(_today())
    plans = ev.province_plans(province_id=province.pk)
    if filters["plan"] is not None:
        plans = plans.filter(pk=filters["plan"].pk)
    status = ev.STATUS_BY_SLUG.get(request.GET.get("trang-thai", ""))
    rows = ev.filter_tasks(
        ev.judged_tasks(plans=plans, on=on),
        section_id=filters["section_id"],
        agency_id=filters["agency_id"],
        status=status,
    )
    upcoming = request.GET.get("han") == "sap-den"
    if upcoming:
        rows = ev.upcoming_tasks(rows, on=on)
    elif status is not None and status.value == "in_progress_overdue":
        rows = ev.overdue_tasks(rows)
    plan_map = {p.pk: p for p in plans.select_related("unit")}
    lead_ids = {a for r in rows for a in r.lead_ids}
    agencies = Agency.objects.only("id", "name", "short_name").in_bulk(lead_ids)
    title = "Nhiệm vụ"
    if status is not None:
        title = f"Nhiệm vụ {status.label.lower()}"
    if upcoming:
        title = f"Nhiệm vụ sắp đến hạn (trong {ev.UPCOMING_DAYS} ngày)"
    download = _download([_task_table(title, rows, plan_map, agencies)], request, f"nhiem-vu-{province.code}")
    if download is not None:
        return download
    page = Paginator(rows, TASKS_PER_PAGE).get_page(request.GET.get("trang"))
    agency = Agency.objects.filter(pk=filters["agency_id"]).first() if filters["agency_id"] else None
    section = Section.objects.filter(pk=filters["section_id"]).first() if filters["section_id"] else None
    params = request.GET.copy()
    params.pop("trang", None)
    return _render(
        request,
        "web/evaluation/task_list.html",
        "results",
        {
            "nav": "dashboard",
            "province": province,
            "title": title,
            "page": page,
            "rows": [
                (r, plan_map.get(r.task.plan_id), [agencies[a] for a in r.lead_ids if a in agencies])
                for r in page.object_list
            ],
            "total": len(rows),
            "plan_map": plan_map,
            "agencies": agencies,
            "filters": filters,
            "agency": agency,
            "section": section,
            "status": status,
            "on": on,
            "query": params.urlencode(),
            "back": _link("web:dashboard", province, request, ky=period.key),
        },
    )


# --- agency scorecards -------------------------------------------------------------------------


def _score_table(card: ev.Scorecard) -> Table:
    return Table(
        "Bảng điểm cơ quan",
        [
            "Hạng",
            "Cơ quan",
            "Nhiệm vụ chủ trì",
            "Đến hạn hoặc đã xong",
            "Hoàn thành đúng hạn",
            "Hoàn thành quá hạn",
            "Tỷ lệ hoàn thành đúng hạn (%)",
            "Nhiệm vụ quá hạn",
            "Báo cáo phải gửi",
            "Báo cáo trễ hạn",
            "Báo cáo chưa gửi",
            "Chỉ tiêu theo dõi",
            "Chỉ tiêu đạt",
        ],
        [
            [
                r.rank,
                r.agency.name,
                r.tasks,
                r.due_or_done,
                r.done_on_time,
                r.done_late,
                r.on_time_rate,
                r.overdue,
                r.reports_owed,
                r.reports_late,
                r.reports_missing,
                r.indicators,
                r.indicators_met,
            ]
            for r in card.rows
        ],
        note=f"{card.province.full_name} – {card.period.label}; số liệu tính đến ngày {card.on:%d/%m/%Y}.",
    )


@require_GET
@login_required
def scorecard(request: HttpRequest) -> HttpResponse:
    province = _province_for(request)
    if province is None:
        return redirect("web:national")
    period = ev.period_from_key(request.GET.get("ky"), today=_today())
    card = ev.scorecard(unit=province, period=period)
    download = _download([_score_table(card)], request, f"bang-diem-{province.code}-{period.key}")
    if download is not None:
        return download
    rows, sort = ev.sort_scores(card.rows, request.GET.get("sap-xep", "hang"))

    def sort_link(key: str) -> str:
        flipped = f"-{key}" if sort == key else key
        return _link("web:scorecard", province, request, ky=period.key, **{"sap-xep": flipped})

    def tasks(agency: Agency, **params: Any) -> str:
        return _link("web:task_list", province, request, ky=period.key, **{"co-quan": agency.pk, **params})

    columns = [
        (
            key,
            label,
            sort_link(key),
            _direction(sort, key, descending),
        )
        for key, (label, _, descending) in ev.SCORE_COLUMNS.items()
    ]
    return _render(
        request,
        "web/evaluation/scorecard.html",
        "results",
        {
            "nav": "scorecard",
            "province": province,
            "card": card,
            "rows": [
                (
                    r,
                    tasks(r.agency),
                    tasks(r.agency, **{"trang-thai": "qua-han"}),
                    tasks(r.agency, **{"trang-thai": "xong-dung-han"}),
                )
                for r in rows
            ],
            "columns": columns,
            "sort": sort,
            "sort_choices": SORT_CHOICES,
            "periods": ev.period_choices(today=_today()),
            "is_national_reader": scope_for(request.user).everything,
            "provinces": ev.current_provinces() if scope_for(request.user).everything else [],
            "dashboard_link": _link("web:dashboard", province, request, ky=period.key),
        },
    )


SORT_CHOICES = [
    ("hang", "Thứ hạng"),
    ("dung-han", "Tỷ lệ hoàn thành đúng hạn, cao trước"),
    ("-dung-han", "Tỷ lệ hoàn thành đúng hạn, thấp trước"),
    ("qua-han", "Nhiều nhiệm vụ quá hạn trước"),
    ("bao-cao", "Nhiều báo cáo trễ, chưa gửi trước"),
    ("chi-tieu", "Nhiều chỉ tiêu đạt trước"),
    ("co-quan", "Tên cơ quan (A–Z)"),
]


def _direction(sort: str, key: str, descending: bool) -> str:
    """Return the aria-sort value of a column: how the rows are sorted by it, if they are."""
    if sort.lstrip("-") != key:
        return ""
    return "descending" if descending != sort.startswith("-") else "ascending"


# --- the national view -------------------------------------------------------------------------


def _national_reader(request: HttpRequest) -> None:
    scope = scope_for(request.user)
    if not scope.everything:
        raise PermissionDenied(NATIONAL_ONLY)


@require_GET
@login_required
def national(request: HttpRequest) -> HttpResponse:
    _national_reader(request)
    today = _today()
    overview = ev.national_overview(on=today)
    key = request.GET.get("chi-tieu", "kinh-te-so")
    horizon = _int(request, "nam") or 2030
    comparison = ev.indicator_comparison(
        name_key=key, horizon=horizon, on=today, provinces=[p.province for p in overview.provinces]
    )
    tables = [
        Table(
            "Các tỉnh, thành phố",
            [
                "Tỉnh, thành phố",
                "Kế hoạch đang hiệu lực",
                *(s.label for s in ev.STATUSES),
                "Tổng nhiệm vụ",
                "Báo cáo đúng hạn",
                "Báo cáo trễ hạn",
                "Báo cáo chưa gửi",
                "Tỷ lệ báo cáo đúng hạn (%)",
                "Chỉ tiêu đạt",
                "Chỉ tiêu đúng tiến độ",
                "Chỉ tiêu chậm",
            ],
            [
                [
                    p.province.name,
                    len(p.plans),
                    *(p.counts[s] for s in ev.STATUSES),
                    p.total,
                    p.compliance[ev.Compliance.ON_TIME],
                    p.compliance[ev.Compliance.LATE],
                    p.compliance[ev.Compliance.MISSING],
                    p.compliance_rate,
                    p.indicators[Standing.MET],
                    p.indicators[Standing.ON_TRACK],
                    p.indicators[Standing.BEHIND],
                ]
                for p in overview.provinces
            ],
        ),
        Table(
            "So sánh chỉ tiêu",
            [
                "Tỉnh, thành phố",
                "Kế hoạch",
                "Chỉ tiêu trong kế hoạch",
                "Đơn vị tính",
                "Mục tiêu",
                "Giá trị mới nhất",
                "Ngày số liệu",
                "Đánh giá",
            ],
            [
                [
                    c.province.name,
                    str(c.plan) if c.plan else "",
                    c.indicator.name if c.indicator else "",
                    c.indicator.unit if c.indicator else "",
                    c.indicator.target_text if c.indicator else "",
                    c.latest if not isinstance(c.latest, bool) else ("Có" if c.latest else "Không"),
                    c.latest_on,
                    c.standing_label if c.indicator else "",
                ]
                for c in comparison
            ],
        ),
    ]
    download = _download(tables, request, f"toan-quoc-{today:%Y%m%d}")
    if download is not None:
        return download
    with_plans = [p for p in overview.provinces if p.plans]
    dashboard_url, plans_url = _link("web:dashboard", None), reverse("web:plan_list")
    compared = [c for c in comparison if c.indicator is not None]
    charts = {
        "mix": {
            "type": "stacked",
            "labels": [p.province.name for p in with_plans],
            "series": [
                {"label": s.label, "status": s.value, "values": [p.counts[s] for p in with_plans]}
                for s in ev.STATUSES
            ],
            "links": [dashboard_url + "?" + urlencode({"tinh": p.province.code}) for p in with_plans],
        },
        "comparison": {
            "type": "compare",
            "labels": [c.province.name for c in compared],
            "targets": [c.target_value for c in compared],
            "values": [
                c.latest if isinstance(c.latest, int | float) and not isinstance(c.latest, bool) else None
                for c in compared
            ],
            "unit": compared[0].indicator.unit if compared else "",
        },
    }
    return _render(
        request,
        "web/evaluation/national.html",
        "content",
        {
            "nav": "national",
            "o": overview,
            # A province's plans are a count linking to the plan list filtered to it (which also
            # finds the plans of units merged into it), not one link per plan: 3,480 plan links
            # were most of the page's render time.
            "rows": [
                (
                    p,
                    dashboard_url + "?" + urlencode({"tinh": p.province.code}),
                    plans_url + "?" + urlencode({"tinh": p.province.pk, "trang_thai": PlanStatus.ACTIVE}),
                )
                for p in overview.provinces
            ],
            "with_plans": with_plans,
            "without_plans": [p for p in overview.provinces if not p.plans],
            "comparison": comparison,
            "key": key,
            "horizon": horizon,
            "key_indicators": ev.KEY_INDICATORS,
            "horizons": (2025, 2030, 2035, 2045),
            "charts": charts,
        },
    )


# --- the public page ---------------------------------------------------------------------------


@require_GET
def public_province(request: HttpRequest, code: str) -> HttpResponse:
    """Show a province's plans in force and their progress to anyone, without signing in."""
    unit = (
        AdministrativeUnit.objects.filter(code=code, level=UnitLevel.PROVINCE)
        .select_related("successor")
        .first()
    )
    if unit is None:
        raise Http404("Không tìm thấy tỉnh, thành phố.")
    if unit.successor_id is not None:  # merged in 2025: its plans show under the new province
        return redirect("web:public_province", code=unit.successor.code)  # type: ignore[union-attr]
    today = _today()
    plans = ev.public_province(province=unit, on=today)
    items = [
        (
            p,
            [
                (i, f"kh-{p.plan.pk}-ct-{n}", _line_chart(i) if len(i.series) > 1 else None)
                for n, i in enumerate(p.indicators)
            ],
        )
        for p in plans
    ]
    predecessors = list(AdministrativeUnit.objects.filter(successor=unit).order_by("name"))
    return TemplateResponse(
        request,
        "web/public/province.html",
        {"province": unit, "plans": items, "on": today, "predecessors": predecessors},
    )
