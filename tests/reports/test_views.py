"""Download of the consolidated report from the plan page, per role."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from theodoi.plans.models import Plan
from theodoi.reports.render import DOCX_TYPE, XLSX_TYPE

pytestmark = pytest.mark.django_db


def _get(client: Any, user: Any, plan: Plan, **params: str) -> Any:
    client.force_login(user)
    return client.get(reverse("web:consolidated_report", args=[plan.pk]), params)


def test_the_coordinator_downloads_the_report(client: Any, q3: Plan, coordinator_a: Any) -> None:
    response = _get(client, coordinator_a, q3, ky="2025-Q3", dang="docx")

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert 'filename="bao-cao-tong-hop-37-KH-UBND-2025-Q3.docx"' in response["Content-Disposition"]
    assert "BÁO CÁO" in [p.text for p in Document(BytesIO(response.content)).paragraphs]


def test_the_leader_downloads_the_appendix(client: Any, q3: Plan, leader_a: Any) -> None:
    response = _get(client, leader_a, q3, ky="2025-Q3", dang="xlsx")

    assert response["Content-Type"] == XLSX_TYPE
    assert load_workbook(BytesIO(response.content)).sheetnames == ["Nhiệm vụ", "Chỉ tiêu"]


def test_central_viewers_download_any_province(client: Any, q3: Plan, central: Any) -> None:
    assert _get(client, central, q3, ky="2025-Q3", dang="docx").status_code == 200


def test_a_reporter_may_not_download(client: Any, q3: Plan, reporter_a: Any) -> None:
    assert _get(client, reporter_a, q3, ky="2025-Q3", dang="docx").status_code == 403


@pytest.mark.parametrize("who", ["coordinator_b", "outsider"])
def test_another_province_or_no_scope_sees_no_such_plan(
    client: Any, q3: Plan, who: str, request: Any
) -> None:
    assert _get(client, request.getfixturevalue(who), q3, ky="2025-Q3", dang="docx").status_code == 404


def test_a_bad_period_is_a_bad_request_in_vietnamese(client: Any, q3: Plan, coordinator_a: Any) -> None:
    response = _get(client, coordinator_a, q3, ky="quy-3", dang="docx")

    assert response.status_code == 400
    assert "Kỳ báo cáo “quy-3” không hợp lệ" in response.content.decode()


def test_without_a_format_the_page_offers_recent_periods(client: Any, q3: Plan, coordinator_a: Any) -> None:
    html = _get(client, coordinator_a, q3).content.decode()

    assert "Báo cáo tổng hợp định kỳ" in html
    assert "dang=docx" in html and "dang=xlsx" in html


def test_the_plan_page_links_to_it_for_the_coordinator_only(
    client: Any, q3: Plan, coordinator_a: Any, reporter_a: Any
) -> None:
    url = reverse("web:consolidated_report", args=[q3.pk])
    client.force_login(coordinator_a)
    assert url in client.get(reverse("web:plan_detail", args=[q3.pk])).content.decode()
    client.force_login(reporter_a)
    assert url not in client.get(reverse("web:plan_detail", args=[q3.pk])).content.decode()


def test_login_is_required(client: Any, q3: Plan) -> None:
    response = client.get(reverse("web:consolidated_report", args=[q3.pk]), {"ky": "2025-Q3", "dang": "docx"})

    assert response.status_code == 302
