"""Download of the consolidated report (báo cáo tổng hợp) and its appendix for one plan and period.

``/ke-hoach/<pk>/bao-cao-tong-hop/?ky=2025-Q3&dang=docx|xlsx``: the plan is looked up in the
user's scope (404 outside it); only those who read every agency's reports on it (the
province's coordinators and leaders, central viewers, administrators) may download (403
otherwise). Without ``dang`` the page lists recent periods to pick from.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from theodoi.accounts.scope import plan_for_user_or_404, scope_for
from theodoi.reports.build import PeriodError, period_parse
from theodoi.reports.render import DOCX_TYPE, XLSX_TYPE, report_files
from theodoi.tracking import rules
from theodoi.tracking.permissions import DENIED, can_read_plan_reports

FORMATS = {"docx": DOCX_TYPE, "xlsx": XLSX_TYPE}


def recent_periods(*, on: dt.date) -> list[rules.Period]:
    """Return the periods offered: the running and last four quarters, two halves, this year and last."""
    keys: list[str] = []
    for cadence, count in ((rules.QUARTERLY, 5), (rules.SEMIANNUAL, 2), (rules.ANNUAL, 2)):
        day = on
        for _ in range(count):
            key, start, _end = rules.period_containing(cadence, day)
            keys.append(key)
            day = start - dt.timedelta(days=1)
    return [period_parse(k) for k in keys]


@require_GET
@login_required
def consolidated_report(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_user_or_404(request.user, pk)
    if not can_read_plan_reports(request.user, plan):
        raise PermissionDenied(DENIED)
    kind = request.GET.get("dang", "")
    if not kind:
        scope = scope_for(request.user)
        periods = recent_periods(on=timezone.localdate())
        return TemplateResponse(
            request,
            "web/report_consolidated.html",
            {"nav": "plans", "plan": plan, "periods": periods, "scope": scope, "profile": scope.profile},
        )
    if kind not in FORMATS:
        return HttpResponseBadRequest("Dạng tệp không hợp lệ: chọn docx (báo cáo) hoặc xlsx (phụ lục).")
    try:
        period = period_parse(request.GET.get("ky", ""))
    except PeriodError as e:
        return HttpResponseBadRequest(e.message)
    files = report_files(plan=plan, period=period, docx=kind == "docx", xlsx=kind == "xlsx")
    data, name = (files.docx, files.docx_name) if kind == "docx" else (files.xlsx, files.xlsx_name)
    response = HttpResponse(data, content_type=FORMATS[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
