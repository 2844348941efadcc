"""``POST /api/v1/reports/<id>/save-and-submit``: an agency's system sends a report in one request.

The rows and the submission are one transaction: a wrong version, a task outside the
report, another agency's report or a malformed body writes nothing and says why in
Vietnamese. The answer is the report's head. The token is kept for a few seconds per process,
and a revoked one is still refused.
"""

from __future__ import annotations

from typing import Any

import pytest
from django_tasks_db.models import DBTaskResult
from rest_framework.test import APIClient
from tests.api.conftest import authed

from theodoi.api import token_cache
from theodoi.api.models import ApiToken
from theodoi.api.services import CreatedToken, api_token_revoke
from theodoi.core.models import AuditEvent
from theodoi.plans.models import Plan
from theodoi.tracking.models import ProgressReport, ReportStatus, TaskUpdate
from theodoi.tracking.tasks import report_submitted

ROW = {"status": "in_progress", "percent": 60, "done_text": "Đã ban hành kế hoạch"}


def _url(report: dict[str, Any]) -> str:
    return f"/api/v1/reports/{report['id']}/save-and-submit"


def _task(plan: Plan, lead: str = "Sở Khoa học và Công nghệ") -> Any:
    """The task of ``plan`` the agency named ``lead`` leads."""
    return plan.tasks.get(assignments__role="lead", assignments__agency__name=lead)


def _nothing_written(report: dict[str, Any]) -> None:
    stored = ProgressReport.objects.get(pk=report["id"])
    assert (stored.status, stored.version) == (ReportStatus.DRAFT, 1)
    assert not TaskUpdate.objects.filter(report_id=report["id"]).exists()
    assert not AuditEvent.objects.filter(action__in=["report.submit", "report.save_draft"]).exists()
    assert not DBTaskResult.objects.filter(task_path=report_submitted.module_path).exists()


def test_one_request_saves_the_rows_and_submits(
    client_api: APIClient, open_report: dict[str, Any], token_a: CreatedToken, plan_a: Plan
) -> None:
    task = _task(plan_a)
    indicator = plan_a.indicators.get(name="Tỷ lệ dịch vụ công trực tuyến toàn trình")

    response = authed(client_api, token_a).post(
        _url(open_report),
        {
            "version": 1,
            "summary": "Đã triển khai đúng tiến độ.",
            "tasks": [{"task": task.pk, **ROW}],
            "indicators": [{"indicator": indicator.pk, "value": "72,5"}],
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["id"], body["status"], body["version"]) == (open_report["id"], "submitted", 2)
    assert body["summary"] == "Đã triển khai đúng tiến độ."
    assert body["submitted_at"] is not None
    assert body["agency"] == open_report["agency"]
    assert "tasks" not in body  # the head only: the sender has the rows
    detail = client_api.get(f"/api/v1/reports/{open_report['id']}/").json()
    assert (detail["tasks"][0]["percent"], detail["indicators"][0]["number"]) == (60, 72.5)
    assert AuditEvent.objects.get(action="report.submit").actor == token_a.token.user


def test_the_two_step_draft_then_submit_still_works(
    client_api: APIClient, open_report: dict[str, Any], token_a: CreatedToken, plan_a: Plan
) -> None:
    client = authed(client_api, token_a)
    url = f"/api/v1/reports/{open_report['id']}"

    saved = client.put(
        f"{url}/draft", {"version": 1, "tasks": [{"task": _task(plan_a).pk, **ROW}]}, format="json"
    )
    submitted = client.post(f"{url}/submit", {"version": saved.json()["version"]}, format="json")

    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"


def test_a_wrong_version_is_a_conflict_and_writes_nothing(
    client_api: APIClient, open_report: dict[str, Any], token_a: CreatedToken, plan_a: Plan
) -> None:
    response = authed(client_api, token_a).post(
        _url(open_report), {"version": 4, "tasks": [{"task": _task(plan_a).pk, **ROW}]}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert response.json()["current_version"] == 1
    assert response.json()["detail"].startswith("Báo cáo đã được người khác sửa sau khi bạn mở")
    _nothing_written(open_report)


def test_a_task_not_in_the_report_is_refused_and_nothing_is_written(
    client_api: APIClient, open_report: dict[str, Any], token_a: CreatedToken, plan_a: Plan
) -> None:
    other = _task(plan_a, lead="Đài Phát thanh và Truyền hình tỉnh")

    response = authed(client_api, token_a).post(
        _url(open_report),
        {"version": 1, "tasks": [{"task": _task(plan_a).pk, **ROW}, {"task": other.pk, **ROW}]},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        f"tasks.{other.pk}": ["Nhiệm vụ này không thuộc báo cáo của cơ quan."]
    }
    _nothing_written(open_report)


def test_another_agencys_report_is_not_found_and_nothing_is_written(
    client_api: APIClient, open_report: dict[str, Any], token_finance_a: CreatedToken, plan_a: Plan
) -> None:
    response = authed(client_api, token_finance_a).post(
        _url(open_report), {"version": 1, "tasks": [{"task": _task(plan_a).pk, **ROW}]}, format="json"
    )

    assert response.status_code == 404
    assert response.json() == {"code": "report_not_found", "detail": "Không tìm thấy báo cáo của cơ quan."}
    _nothing_written(open_report)


@pytest.mark.parametrize(
    ("body", "code", "fields"),
    [
        ('{"version": 1, "tasks": [', "parse_error", None),
        ('{"version": 1, "tasks": "tất cả"}', "invalid", {"tasks.non_field_errors"}),
        ('{"version": 1, "tasks": [{"status": "done"}]}', "invalid", {"tasks.0.task"}),
        ('{"tasks": [{"task": 1, "percent": "nhiều"}]}', "invalid", {"version", "tasks.0.percent"}),
        ('["version", 1]', "invalid", {"non_field_errors"}),
    ],
)
def test_a_malformed_body_is_refused_in_vietnamese_and_nothing_is_written(
    client_api: APIClient,
    open_report: dict[str, Any],
    token_a: CreatedToken,
    body: str,
    code: str,
    fields: set[str] | None,
) -> None:
    response = authed(client_api, token_a).post(_url(open_report), body, content_type="application/json")

    assert response.status_code == 400
    answer = response.json()
    assert answer["code"] == code
    assert answer["detail"] in (
        "Dữ liệu gửi lên không hợp lệ.",
        "Dữ liệu gửi lên không đọc được (JSON không hợp lệ).",
    )
    if fields is not None:
        assert set(answer["errors"]) == fields
        assert all(message and message.isascii() is False for m in answer["errors"].values() for message in m)
    _nothing_written(open_report)


def test_a_sent_report_cannot_be_sent_again(
    client_api: APIClient, open_report: dict[str, Any], token_a: CreatedToken, plan_a: Plan
) -> None:
    client = authed(client_api, token_a)
    body = {"version": 1, "tasks": [{"task": _task(plan_a).pk, **ROW}]}
    client.post(_url(open_report), body, format="json")

    again = client.post(_url(open_report), {**body, "version": 2}, format="json")

    assert again.status_code == 409
    assert again.json() == {"code": "invalid_transition", "detail": "Báo cáo đã được gửi."}


def test_a_submission_makes_few_statements_with_a_token_in_use(
    client_api: APIClient,
    open_report: dict[str, Any],
    token_a: CreatedToken,
    plan_a: Plan,
    django_assert_num_queries: Any,
) -> None:
    client = authed(client_api, token_a)
    client.get("/api/v1/reports/")  # the token was used a moment ago: kept by this process
    body = {"version": 1, "tasks": [{"task": _task(plan_a).pk, **ROW}]}

    # report, led tasks with whether reported, versioned UPDATE, INSERT of the rows, audit, job
    # (inside a transaction: SAVEPOINT and RELEASE are two more on a test database).
    with django_assert_num_queries(8):
        response = client.post(_url(open_report), body, format="json")

    assert response.status_code == 200


# --- the token kept per process ---------------------------------------------------------------


def test_a_token_in_use_is_not_read_again(
    client_api: APIClient, token_a: CreatedToken, django_assert_num_queries: Any
) -> None:
    client = authed(client_api, token_a)
    client.get("/api/v1/reports/?plan=1")

    with django_assert_num_queries(1):  # the report list only
        assert client.get("/api/v1/reports/?plan=1").status_code == 200


def test_a_token_revoked_here_is_refused_at_once(client_api: APIClient, token_a: CreatedToken) -> None:
    client = authed(client_api, token_a)
    assert client.get("/api/v1/reports/").status_code == 200

    api_token_revoke(token=token_a.token)
    # pytest-django runs each test in a transaction: run what revoking does after commit.
    token_cache.forget(token_a.token.key_hash)

    response = client.get("/api/v1/reports/")
    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"


def test_revoking_forgets_the_token_after_commit(
    token_a: CreatedToken, django_capture_on_commit_callbacks: Any
) -> None:
    token_cache.put(token_a.token)

    with django_capture_on_commit_callbacks(execute=True):
        api_token_revoke(token=token_a.token)

    assert token_cache.get(token_a.token.key_hash) is None


def test_a_token_revoked_by_another_process_is_refused_once_kept_seconds_pass(
    client_api: APIClient, token_a: CreatedToken, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = authed(client_api, token_a)
    assert client.get("/api/v1/reports/").status_code == 200
    ApiToken.objects.filter(pk=token_a.token.pk).update(revoked_at="2026-01-01T00:00:00Z")  # the command line
    now = token_cache.time.monotonic()

    monkeypatch.setattr(token_cache.time, "monotonic", lambda: now + token_cache.seconds() - 1)
    still = client.get("/api/v1/reports/").status_code
    monkeypatch.setattr(token_cache.time, "monotonic", lambda: now + token_cache.seconds() + 1)
    later = client.get("/api/v1/reports/")

    assert still == 200
    assert later.status_code == 401
    assert later.json()["code"] == "token_revoked"


def test_without_the_cache_every_request_reads_the_token(
    client_api: APIClient, token_a: CreatedToken, settings: Any
) -> None:
    settings.THEODOI_API_TOKEN_CACHE_SECONDS = 0
    client = authed(client_api, token_a)
    assert client.get("/api/v1/reports/").status_code == 200

    ApiToken.objects.filter(pk=token_a.token.pk).update(revoked_at="2026-01-01T00:00:00Z")

    assert client.get("/api/v1/reports/").status_code == 401


def test_the_schema_documents_the_one_request_submission(client: Any) -> None:
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    operation = schema["paths"]["/api/v1/reports/{id}/save-and-submit"]["post"]
    assert operation["summary"] == "Lưu và gửi báo cáo trong một yêu cầu"
    assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ReportDraftInputRequest"
    )
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Report")
    assert {"400", "401", "404", "409"} <= set(operation["responses"])
