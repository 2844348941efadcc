"""Open data: a published plan as nq57-plan/1 JSON and its tasks and indicators as CSV,
under CC BY 4.0 stated in the files and the headers."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rest_framework.test import APIClient

from theodoi.ingest.plan import Plan as PlanDocument
from theodoi.plans.models import Plan

LICENSE = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


def _rows(response: Any) -> list[list[str]]:
    body = response.content
    assert body.startswith("\ufeff".encode())  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_plan_json_is_a_valid_nq57_plan_document(client_api: APIClient, plan_a: Plan) -> None:
    response = client_api.get(f"/api/v1/open-data/plans/{plan_a.pk}.json")

    assert response.status_code == 200
    data = json.loads(response.content)
    document = PlanDocument.from_dict(data)
    assert data["format"] == "nq57-plan/1"
    assert document.document.number == "37/KH-UBND"
    assert document.document.issuer == "UBND tỉnh Bình Định"
    assert document.tasks[0].name == "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước"
    assert data["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert response["Link"] == LICENSE


def test_tasks_csv_has_bom_vietnamese_header_and_one_row_per_task(
    client_api: APIClient, plan_a: Plan
) -> None:
    response = client_api.get(f"/api/v1/open-data/plans/{plan_a.pk}/tasks.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Link"] == LICENSE
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response)
    header, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header[:5] == ["Mã nhiệm vụ", "Số kế hoạch", "Nhóm", "TT", "Tên nhiệm vụ"]
    assert len(rows) == 3
    assert first["Tên nhiệm vụ"] == "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước"
    assert first["Cơ quan chủ trì"] == "Sở Khoa học và Công nghệ"
    assert first["Cơ quan phối hợp"] == "Sở Tài chính; Bộ Khoa học và Công nghệ"
    assert first["Thời gian hoàn thành"] == "06/2025"
    assert first["Nhóm"] == "I"


def test_indicators_csv_keeps_targets_as_printed(client_api: APIClient, plan_a: Plan) -> None:
    response = client_api.get(f"/api/v1/open-data/plans/{plan_a.pk}/indicators.csv")

    rows = _rows(response)
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert [r["Chỉ tiêu (như văn bản)"] for r in records] == ["≥ 80", "> 0,75"]
    assert [r["Mốc năm"] for r in records] == ["2030", "2025"]
    assert records[1]["Đơn vị tính"] == "% GRDP"
    assert records[1]["Cơ quan chủ trì theo dõi, đánh giá"] == "Sở Tài chính"


def test_csv_can_be_asked_for_by_accept_header(client_api: APIClient, plan_a: Plan) -> None:
    response = client_api.get(f"/api/v1/open-data/plans/{plan_a.pk}/tasks.csv", HTTP_ACCEPT="text/csv")

    assert response.status_code == 200


def test_missing_plan_csv_answers_json_error(client_api: APIClient, db: Any) -> None:
    response = client_api.get("/api/v1/open-data/plans/999999/tasks.csv", HTTP_ACCEPT="text/csv")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "plan_not_found"


def test_licence_endpoint_names_cc_by_4(client_api: APIClient, db: Any) -> None:
    data = client_api.get("/api/v1/open-data/license/").json()

    assert data["name"] == "Creative Commons Attribution 4.0 International (CC BY 4.0)"
    assert data["url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_plans_csv_lists_a_provinces_published_plans(
    client_api: APIClient, units: Any, plan_a: Plan, plan_b: Plan, draft_plan: Plan
) -> None:
    response = client_api.get("/api/v1/open-data/plans.csv", {"province": units["a"].code})

    rows = _rows(response)
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert response["Link"] == LICENSE
    assert [r["Số kế hoạch"] for r in records] == ["37/KH-UBND"]  # the draft 99/KH-UBND is not published
    assert records[0]["Tỉnh, thành phố hiện nay"] == "Gia Lai"
    assert records[0]["Ngày ký"] == "2025-02-26"
    assert records[0]["Số nhiệm vụ"] == "2"
    assert 'filename="ke-hoach-' in response["Content-Disposition"]
