"""Public reads: published plans (never drafts), their sections, tasks and indicators, the
directory and the status vocabularies; filters, pagination, UTF-8, ISO dates, errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from theodoi.directory.models import AdministrativeUnit, Agency
from theodoi.plans.models import Indicator, Plan, PlanStatus, Task


def get(client: APIClient, url: str, **params: Any) -> Any:
    response = client.get(url, params)
    return response


def numbers(response: Any) -> list[str]:
    return [row["number"] for row in response.json()["results"]]


# --- plans ----------------------------------------------------------------------------------


def test_anonymous_sees_published_plans_never_drafts(
    client_api: APIClient, plan_a: Plan, plan_b: Plan, draft_plan: Plan, superseded_plan: Plan
) -> None:
    response = get(client_api, "/api/v1/plans/")

    assert response.status_code == 200
    assert numbers(response) == ["12/KH-UBND", "37/KH-UBND", "5/KH-UBND"]  # newest first
    assert "99/KH-UBND" not in response.content.decode()


def test_draft_plan_detail_is_not_found(client_api: APIClient, draft_plan: Plan) -> None:
    response = get(client_api, f"/api/v1/plans/{draft_plan.pk}/")

    assert response.status_code == 404
    assert response.json() == {"code": "plan_not_found", "detail": "Không tìm thấy kế hoạch đã công bố."}


def test_draft_plan_tasks_and_open_data_are_not_found(client_api: APIClient, draft_plan: Plan) -> None:
    for url in (
        f"/api/v1/plans/{draft_plan.pk}/tasks/",
        f"/api/v1/plans/{draft_plan.pk}/indicators/",
        f"/api/v1/plans/{draft_plan.pk}/sections/",
        f"/api/v1/open-data/plans/{draft_plan.pk}.json",
        f"/api/v1/open-data/plans/{draft_plan.pk}/tasks.csv",
    ):
        assert get(client_api, url).status_code == 404, url


def test_plan_list_keeps_vietnamese_as_utf8_and_dates_iso(client_api: APIClient, plan_a: Plan) -> None:
    response = get(client_api, "/api/v1/plans/")

    body = response.content.decode("utf-8")
    assert "UBND tỉnh Bình Định" in body  # not \u escapes
    row = response.json()["results"][0]
    assert row["date"] == "2025-02-26"
    assert row["unit"]["name"] == "Bình Định"
    assert row["province"]["name"] == "Gia Lai"  # the province in force after the merger
    assert (row["task_count"], row["indicator_count"]) == (2, 2)
    assert row["open_data"]["plan_json"] == f"/api/v1/open-data/plans/{plan_a.pk}.json"


def test_province_filter_includes_units_merged_into_it(
    client_api: APIClient, units: dict[str, AdministrativeUnit], plan_a: Plan, plan_b: Plan
) -> None:
    assert numbers(get(client_api, "/api/v1/plans/", province=units["a"].code)) == ["37/KH-UBND"]
    assert numbers(get(client_api, "/api/v1/plans/", province=units["b"].code)) == ["12/KH-UBND"]


def test_plan_filters_by_status_year_and_level(
    client_api: APIClient, plan_a: Plan, plan_b: Plan, superseded_plan: Plan
) -> None:
    assert numbers(get(client_api, "/api/v1/plans/", status="superseded")) == ["5/KH-UBND"]
    assert numbers(get(client_api, "/api/v1/plans/", year=2024)) == ["5/KH-UBND"]
    assert len(numbers(get(client_api, "/api/v1/plans/", level="province"))) == 3
    assert numbers(get(client_api, "/api/v1/plans/", level="commune")) == []


def test_asking_for_drafts_is_refused(client_api: APIClient, draft_plan: Plan) -> None:
    response = get(client_api, "/api/v1/plans/", status="draft")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "status" in response.json()["errors"]


def test_unknown_province_is_a_vietnamese_validation_error(client_api: APIClient, units: Any) -> None:
    response = get(client_api, "/api/v1/plans/", province="khong-co")

    assert response.status_code == 400
    assert response.json()["detail"] == "Dữ liệu gửi lên không hợp lệ."
    assert response.json()["errors"]["province"] == ["Không có tỉnh, thành phố mã “khong-co”."]


def test_plan_list_is_paginated_in_a_stable_order(
    client_api: APIClient, plan_a: Plan, plan_b: Plan, superseded_plan: Plan
) -> None:
    first = get(client_api, "/api/v1/plans/", page_size=2).json()
    second = get(client_api, "/api/v1/plans/", page_size=2, page=2).json()

    assert first["count"] == 3
    assert [r["number"] for r in first["results"]] == ["12/KH-UBND", "37/KH-UBND"]
    assert [r["number"] for r in second["results"]] == ["5/KH-UBND"]
    assert first["next"].endswith("page=2&page_size=2")
    assert second["next"] is None


def test_page_beyond_the_last_is_not_found(client_api: APIClient, plan_a: Plan) -> None:
    response = get(client_api, "/api/v1/plans/", page=9)

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Không tìm thấy."}


def test_plan_detail_has_references_duties_progress_and_licence(client_api: APIClient, plan_a: Plan) -> None:
    plan_a.references.create(relation="implements", number="57-NQ/TW")
    plan_a.reporting_duties.create(cadence="quarterly", due_text="trước ngày 15 tháng cuối quý")

    data = get(client_api, f"/api/v1/plans/{plan_a.pk}/").json()

    assert data["references"] == [{"relation": "implements", "number": "57-NQ/TW", "plan_id": None}]
    assert data["reporting"] == [{"cadence": "quarterly", "due": "trước ngày 15 tháng cuối quý", "to": ""}]
    assert data["progress"]["task_count"] == 2
    assert sum(data["progress"]["statuses"].values()) == 2
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["signer"] == "Phạm Anh Tuấn"


# --- sections, tasks, indicators ------------------------------------------------------------


def test_sections_of_a_plan(client_api: APIClient, plan_a: Plan) -> None:
    data = get(client_api, f"/api/v1/plans/{plan_a.pk}/sections/").json()

    assert [(s["code"], s["title"], s["task_count"]) for s in data] == [("I", "Nâng cao nhận thức", 2)]


def test_tasks_carry_agencies_as_printed_deadline_and_status(
    client_api: APIClient, plan_a: Plan, agencies: dict[str, Agency]
) -> None:
    rows = get(client_api, f"/api/v1/plans/{plan_a.pk}/tasks/").json()["results"]

    first = rows[0]
    assert first["name"] == "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước"
    assert first["lead"] == [
        {"agency_id": agencies["science_a"].pk, "printed_name": "Sở Khoa học và Công nghệ"}
    ]
    assert [p["printed_name"] for p in first["partners"]] == ["Sở Tài chính", "Bộ Khoa học và Công nghệ"]
    assert first["deadline"]["text"] == "06/2025"
    assert first["status"] in {"not_started", "in_progress_overdue", "in_progress_on_time"}
    assert first["percent"] == 0


def test_tasks_filter_by_lead_agency_section_and_deadline_kind(
    client_api: APIClient, plan_a: Plan, agencies: dict[str, Agency]
) -> None:
    url = f"/api/v1/plans/{plan_a.pk}/tasks/"

    led = get(client_api, url, lead_agency=agencies["radio_a"].pk).json()["results"]
    assert [t["name"] for t in led] == ["Xây dựng chương trình truyền hình về đổi mới sáng tạo"]
    assert get(client_api, url, section="I").json()["count"] == 2
    assert get(client_api, url, section="II").json()["count"] == 0
    assert get(client_api, url, deadline_kind="continuous").json()["count"] == 0


def test_tasks_filter_by_computed_status(client_api: APIClient, plan_a: Plan) -> None:
    url = f"/api/v1/plans/{plan_a.pk}/tasks/"
    statuses = [t["status"] for t in get(client_api, url).json()["results"]]

    for status in set(statuses):
        assert get(client_api, url, status=status).json()["count"] == statuses.count(status)
    assert get(client_api, url, status="done_on_time").json()["count"] == statuses.count("done_on_time")


def test_indicators_filter_by_horizon(client_api: APIClient, plan_a: Plan) -> None:
    url = f"/api/v1/plans/{plan_a.pk}/indicators/"

    rows = get(client_api, url, horizon=2025).json()["results"]

    assert [r["name"] for r in rows] == ["Chi cho khoa học và công nghệ"]
    assert rows[0]["target"]["text"] == "> 0,75"
    assert rows[0]["unit"] == "% GRDP"
    assert [m["printed_name"] for m in rows[0]["monitors"]] == ["Sở Tài chính"]
    assert get(client_api, url).json()["count"] == 2


# --- directory and vocabularies -------------------------------------------------------------


def test_provinces_list_predecessors_and_successors(
    client_api: APIClient, units: dict[str, AdministrativeUnit]
) -> None:
    gia_lai = get(client_api, f"/api/v1/provinces/{units['a'].code}/").json()
    binh_dinh = get(client_api, f"/api/v1/provinces/{units['a_old'].code}/").json()

    assert [p["name"] for p in gia_lai["predecessors"]] == ["Bình Định"]
    assert binh_dinh["successor"]["name"] == "Gia Lai"
    assert binh_dinh["valid_until"] == "2025-06-30"
    assert get(client_api, "/api/v1/provinces/khong-co/").json()["code"] == "province_not_found"


def test_agencies_filter_by_province(
    client_api: APIClient, units: dict[str, AdministrativeUnit], agencies: dict[str, Agency]
) -> None:
    rows = get(client_api, "/api/v1/agencies/", province=units["a"].code, page_size=200).json()["results"]

    assert {r["name"] for r in rows} == {
        "Sở Khoa học và Công nghệ",
        "Sở Tài chính",
        "Đài Phát thanh và Truyền hình tỉnh",
    }
    assert all(r["unit"]["name"] == "Bình Định" for r in rows)


def test_statuses_list_the_five_task_statuses_in_vietnamese(client_api: APIClient, db: Any) -> None:
    data = get(client_api, "/api/v1/statuses/").json()

    assert [s["label"] for s in data["task"]] == [
        "Chưa triển khai",
        "Đang thực hiện trong hạn",
        "Đang thực hiện quá hạn",
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
    ]
    assert {s["value"] for s in data["plan"]} == {"active", "superseded"}


def test_public_reads_ignore_a_bad_token(client_api: APIClient, plan_a: Plan) -> None:
    client_api.credentials(HTTP_AUTHORIZATION="Token khong-hop-le")

    assert get(client_api, "/api/v1/plans/").status_code == 200


def test_writing_to_a_public_endpoint_is_refused_in_vietnamese(client_api: APIClient, plan_a: Plan) -> None:
    response = client_api.post("/api/v1/plans/", {}, format="json")

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


# --- query counts ---------------------------------------------------------------------------


def _plans(
    n: int,
    unit: AdministrativeUnit,
    agency: Agency,
    make_task: Callable[..., Task],
    make_indicator: Callable[..., Indicator],
) -> Plan:
    last = None
    for k in range(n):
        last = Plan.objects.create(
            number=f"{100 + k}/KH-UBND",
            unit=unit,
            date=dt.date(2025, 1, 1) + dt.timedelta(days=k),
            status=PlanStatus.ACTIVE,
        )
        for j in range(n):
            make_task(last, f"Nhiệm vụ {j}", lead=[agency], partners=[agency])
            make_indicator(last, f"Chỉ tiêu {j}", monitor=[agency])
    assert last is not None
    return last


def _count(client: APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"page_size": 200})
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


# The plan, its tasks and its tasks.csv read the tasks' statuses (``task_statuses``), which
# first gives tasks without a ``TaskProgress`` row one (``task_progress_fill_missing``: the
# missing ids, the tasks, their updates, one bulk INSERT; the fixture's tasks have no row) and
# then reads the rows instead of the updates: +4 statements, the same at n=3 and n=9.
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/plans/", 2),
        ("/api/v1/plans/{id}/", 10),
        ("/api/v1/plans/{id}/tasks/", 11),
        ("/api/v1/plans/{id}/indicators/", 4),
        ("/api/v1/plans/{id}/sections/", 2),
        ("/api/v1/open-data/plans.csv", 1),
        ("/api/v1/agencies/", 2),
        ("/api/v1/provinces/", 3),
        ("/api/v1/open-data/plans/{id}/tasks.csv", 10),
        ("/api/v1/open-data/plans/{id}/indicators.csv", 3),
    ],
)
@pytest.mark.parametrize("n", [3, 9])
def test_query_count_does_not_grow_with_rows(
    client_api: APIClient,
    units: dict[str, AdministrativeUnit],
    agencies: dict[str, Agency],
    make_task: Callable[..., Task],
    make_indicator: Callable[..., Indicator],
    path: str,
    expected: int,
    n: int,
) -> None:
    plan = _plans(n, units["a"], agencies["science_a"], make_task, make_indicator)

    assert _count(client_api, path.format(id=plan.pk)) == expected


def test_indicator_values_are_public_once_the_report_is_sent(
    client_api: APIClient, plan_a: Plan, agencies: dict[str, Agency]
) -> None:
    from theodoi.tracking.models import IndicatorValue, ProgressReport

    indicator = plan_a.indicators.order_by("position").first()
    for period, status, number in (("2025-Q2", "accepted", 60.0), ("2025-Q3", "draft", 70.0)):
        report = ProgressReport.objects.create(
            agency=agencies["science_a"],
            plan=plan_a,
            cadence="quarterly",
            period=period,
            period_start="2025-04-01",
            period_end="2025-06-30",
            due_at="2025-06-15T00:00:00+07:00",
            status=status,
        )
        IndicatorValue.objects.create(report=report, indicator=indicator, number=number)

    rows = get(client_api, f"/api/v1/plans/{plan_a.pk}/indicator-values/", indicator=indicator.pk).json()[
        "results"
    ]

    assert [(r["period"], r["number"], r["report_status"]) for r in rows] == [("2025-Q2", 60.0, "accepted")]


@pytest.mark.parametrize("n", [2, 6])
def test_indicator_values_query_count_does_not_grow(
    client_api: APIClient, plan_a: Plan, agencies: dict[str, Agency], n: int
) -> None:
    from theodoi.tracking.models import IndicatorValue, ProgressReport

    for year in range(2025, 2025 + n):
        report = ProgressReport.objects.create(
            agency=agencies["science_a"],
            plan=plan_a,
            cadence="annual",
            period=str(year),
            period_start=f"{year}-01-01",
            period_end=f"{year}-12-31",
            due_at=f"{year}-12-15T00:00:00+07:00",
            status="submitted",
        )
        for indicator in plan_a.indicators.all():
            IndicatorValue.objects.create(report=report, indicator=indicator, number=year - 2000)

    assert _count(client_api, f"/api/v1/plans/{plan_a.pk}/indicator-values/") == 3


def test_nul_byte_in_a_filter_is_a_validation_error(client_api: APIClient, units: Any) -> None:
    response = get(client_api, "/api/v1/agencies/", province="gia\x00lai")

    assert response.status_code == 400
    assert response.json()["errors"]["province"] == ["Mã tỉnh không hợp lệ."]
