"""Per-agency API tokens: created once with a hashed secret, refused when revoked or wrong,
and scoped to one agency: another agency's report neither reads nor writes (404)."""

from __future__ import annotations

import hashlib
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient
from tests.api.conftest import authed

from theodoi.api import token_use
from theodoi.api.models import ApiToken
from theodoi.api.services import CreatedToken, api_token_create, api_token_revoke
from theodoi.core.models import AuditEvent
from theodoi.directory.models import Agency
from theodoi.plans.models import Plan
from theodoi.tracking.models import ProgressReport, ReportStatus

# --- tokens ---------------------------------------------------------------------------------


def test_only_the_hash_of_the_secret_is_stored(token_a: CreatedToken) -> None:
    row = ApiToken.objects.get(pk=token_a.token.pk)

    assert row.key_hash == hashlib.sha256(token_a.secret.encode()).hexdigest()
    assert token_a.secret not in str(ApiToken.objects.filter(pk=row.pk).values().get())
    assert token_a.secret.startswith(row.prefix)


def test_token_acts_as_a_reporter_of_its_one_agency_that_cannot_sign_in(
    token_a: CreatedToken, agencies: dict[str, Agency]
) -> None:
    user = token_a.token.user

    assert user.profile.role == "reporter"
    assert user.profile.agency == agencies["science_a"]
    assert not user.is_active
    assert not user.has_usable_password()


def test_token_creation_is_audited(token_a: CreatedToken) -> None:
    event = AuditEvent.objects.get(action="api_token.create")

    assert event.object_id == str(token_a.token.pk)
    assert "Hệ thống trung ương" in event.summary


def test_command_creates_a_token_and_shows_the_secret_once(agencies: dict[str, Agency]) -> None:
    out = StringIO()

    call_command(
        "api_token", "create", "--agency", str(agencies["finance_a"].pk), "--name", "Kho dữ liệu", stdout=out
    )

    secret = out.getvalue().strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.agency == agencies["finance_a"]


def test_command_revokes_a_token(token_a: CreatedToken) -> None:
    call_command("api_token", "revoke", str(token_a.token.pk), stdout=StringIO())

    assert ApiToken.objects.get(pk=token_a.token.pk).revoked_at is not None


def test_reports_need_a_token(client_api: APIClient, db: Any) -> None:
    response = client_api.get("/api/v1/reports/")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Token")


def test_wrong_secret_is_refused(client_api: APIClient, token_a: CreatedToken) -> None:
    client_api.credentials(HTTP_AUTHORIZATION="Token td57_sai")

    response = client_api.get("/api/v1/reports/")

    assert response.status_code == 401
    assert response.json() == {"code": "token_invalid", "detail": "Mã truy cập không hợp lệ."}


def test_revoked_token_is_refused(client_api: APIClient, token_a: CreatedToken) -> None:
    api_token_revoke(token=token_a.token)

    response = authed(client_api, token_a).get("/api/v1/reports/")

    assert response.status_code == 401
    assert response.json() == {"code": "token_revoked", "detail": "Mã truy cập đã bị thu hồi."}


def test_bearer_scheme_is_accepted_and_use_is_recorded(client_api: APIClient, token_a: CreatedToken) -> None:
    response = authed(client_api, token_a, scheme="Bearer").get("/api/v1/reports/")
    token_use.write()  # uses are written to the minute, in batches (tests/api/test_token_use.py)

    assert response.status_code == 200
    assert ApiToken.objects.get(pk=token_a.token.pk).last_used_at is not None


def test_only_operators_issue_tokens(reporter_a: Any, agencies: dict[str, Agency]) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        api_token_create(agency=agencies["science_a"], name="Tự cấp", actor=reporter_a)


# --- reports: the token's agency only -------------------------------------------------------


def test_token_opens_its_agencys_report(open_report: dict[str, Any], agencies: dict[str, Agency]) -> None:
    assert open_report["agency"]["agency_id"] == agencies["science_a"].pk
    assert open_report["status"] == "draft"
    assert open_report["period"] == "2025-Q3"
    assert open_report["version"] == 1


def test_token_lists_only_its_agencys_reports(
    client_api: APIClient, open_report: dict[str, Any], duties_a: Plan, token_finance_a: CreatedToken
) -> None:
    authed(client_api, token_finance_a).post(
        "/api/v1/reports/", {"plan": duties_a.pk, "cadence": "quarterly", "period": "2025-Q3"}, format="json"
    )

    rows = client_api.get("/api/v1/reports/", {"period": "2025-Q3"}).json()["results"]

    assert [r["agency"]["printed_name"] for r in rows] == ["Sở Tài chính"]
    assert ProgressReport.objects.count() == 2


def test_other_agencys_report_is_not_found_for_reading(
    client_api: APIClient, open_report: dict[str, Any], token_b: CreatedToken
) -> None:
    response = authed(client_api, token_b).get(f"/api/v1/reports/{open_report['id']}/")

    assert response.status_code == 404
    assert response.json()["code"] == "report_not_found"


def test_other_agencys_report_is_not_found_for_writing(
    client_api: APIClient, open_report: dict[str, Any], token_finance_a: CreatedToken
) -> None:
    client = authed(client_api, token_finance_a)

    draft = client.put(
        f"/api/v1/reports/{open_report['id']}/draft", {"version": 1, "summary": "x"}, format="json"
    )
    submit = client.post(f"/api/v1/reports/{open_report['id']}/submit", {"version": 1}, format="json")

    assert (draft.status_code, submit.status_code) == (404, 404)
    assert ProgressReport.objects.get(pk=open_report["id"]).summary == ""


def test_token_cannot_open_a_report_for_a_plan_its_agency_does_not_report_on(
    client_api: APIClient, duties_a: Plan, token_b: CreatedToken
) -> None:
    response = authed(client_api, token_b).post(
        "/api/v1/reports/", {"plan": duties_a.pk, "cadence": "quarterly", "period": "2025-Q3"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "not_owed"


def test_save_draft_then_submit_calls_the_tracking_services(
    client_api: APIClient, open_report: dict[str, Any], token_a: CreatedToken, plan_a: Plan
) -> None:
    task = plan_a.tasks.order_by("position").first()
    indicator = plan_a.indicators.order_by("position").first()
    client = authed(client_api, token_a)
    url = f"/api/v1/reports/{open_report['id']}"

    saved = client.put(
        f"{url}/draft",
        {
            "version": 1,
            "summary": "Đã triển khai đúng tiến độ.",
            "tasks": [
                {"task": task.pk, "status": "in_progress", "percent": 60, "done_text": "Đã ban hành kế hoạch"}
            ],
            "indicators": [{"indicator": indicator.pk, "value": "72,5", "source": "Sở KH&CN"}],
        },
        format="json",
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["version"] == 2
    assert saved.json()["tasks"][0]["percent"] == 60
    assert saved.json()["indicators"][0]["number"] == 72.5

    submitted = client.post(f"{url}/submit", {"version": 2}, format="json")

    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == ReportStatus.SUBMITTED
    event = AuditEvent.objects.filter(action="report.submit").get()
    assert event.actor == token_a.token.user  # the audit trail names the token


def test_stale_version_is_a_conflict(
    client_api: APIClient, open_report: dict[str, Any], token_a: CreatedToken
) -> None:
    client = authed(client_api, token_a)
    url = f"/api/v1/reports/{open_report['id']}/draft"
    client.put(url, {"version": 1, "summary": "Lần một"}, format="json")

    response = client.put(url, {"version": 1, "summary": "Lần hai"}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert response.json()["current_version"] == 2


def test_submit_without_every_task_reported_names_the_task(
    client_api: APIClient, open_report: dict[str, Any], token_a: CreatedToken, plan_a: Plan
) -> None:
    task = plan_a.tasks.order_by("position").first()

    response = authed(client_api, token_a).post(
        f"/api/v1/reports/{open_report['id']}/submit", {"version": 1}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        f"tasks.{task.pk}.status": ["Chưa báo cáo tình trạng của nhiệm vụ 1."]
    }


def test_invalid_input_names_the_field_in_vietnamese(
    client_api: APIClient, open_report: dict[str, Any], token_a: CreatedToken
) -> None:
    response = authed(client_api, token_a).put(
        f"/api/v1/reports/{open_report['id']}/draft", {"tasks": [{"task": 1, "percent": 150}]}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"version", "tasks.0.percent"}


@pytest.mark.parametrize("n", [2, 6])
def test_report_list_query_count_does_not_grow(
    client_api: APIClient, duties_a: Plan, token_a: CreatedToken, agencies: dict[str, Agency], n: int
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for year in range(2025, 2025 + n):
        ProgressReport.objects.create(
            agency=agencies["science_a"],
            plan=duties_a,
            cadence="annual",
            period=str(year),
            period_start=f"{year}-01-01",
            period_end=f"{year}-12-31",
            due_at=f"{year}-12-15T00:00:00+07:00",
        )
    client = authed(client_api, token_a)
    client.get("/api/v1/reports/")  # the token and its scope are kept by the process a few seconds

    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/api/v1/reports/")

    assert response.json()["count"] == n
    assert len(ctx.captured_queries) == 2  # count, rows


def test_a_web_session_does_not_open_the_report_endpoints(client: Any, coordinator_a: Any) -> None:
    client.force_login(coordinator_a)

    response = client.get("/api/v1/reports/")

    assert response.status_code == 401  # the API trusts tokens only, never the browser's cookie


@pytest.mark.parametrize("n", [2, 6])
def test_report_detail_query_count_does_not_grow(
    client_api: APIClient,
    open_report: dict[str, Any],
    token_a: CreatedToken,
    plan_a: Plan,
    make_task: Any,
    agencies: dict[str, Agency],
    n: int,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from theodoi.tracking.models import TaskUpdate

    report = ProgressReport.objects.get(pk=open_report["id"])
    for k in range(n):
        task = make_task(plan_a, f"Nhiệm vụ thêm {k}", lead=[agencies["science_a"]])
        TaskUpdate.objects.create(report=report, task=task, percent=10)
    client = authed(client_api, token_a)
    client.get(f"/api/v1/reports/{report.pk}/")

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/api/v1/reports/{report.pk}/")

    assert len(response.json()["tasks"]) == n
    assert len(ctx.captured_queries) == 3  # report, task rows, indicator values (the token is kept)
