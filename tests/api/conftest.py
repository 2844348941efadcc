"""Fixtures for API tests: a client, a draft plan nobody outside may see, per-agency tokens.

Built on the named cast (tests/cast.py): plan A (37/KH-UBND, Bình Định, now Gia Lai) and
plan B (12/KH-UBND, Đồng Tháp) are published; the draft below is not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from theodoi.api import token_cache, token_use
from theodoi.api.services import CreatedToken, api_token_create
from theodoi.directory.models import AdministrativeUnit, Agency
from theodoi.plans.models import Plan, PlanStatus, ReportingDuty


@pytest.fixture
def client_api() -> APIClient:
    return APIClient()


@pytest.fixture
def draft_plan(units: dict[str, AdministrativeUnit]) -> Plan:
    return Plan.objects.create(
        number="99/KH-UBND",
        issuer="UBND tỉnh Gia Lai",
        unit=units["a"],
        date=dt.date(2025, 8, 1),
        title="Dự thảo kế hoạch chưa công bố",
        status=PlanStatus.DRAFT,
    )


@pytest.fixture
def superseded_plan(units: dict[str, AdministrativeUnit]) -> Plan:
    return Plan.objects.create(
        number="5/KH-UBND",
        issuer="UBND tỉnh Đồng Tháp",
        unit=units["b"],
        date=dt.date(2024, 12, 1),
        title="Kế hoạch cũ đã được thay thế",
        status=PlanStatus.SUPERSEDED,
    )


@pytest.fixture
def duties_a(plan_a: Plan) -> Plan:
    """Plan A reports quarterly before the 15th of the quarter's last month, and yearly."""
    ReportingDuty.objects.create(plan=plan_a, cadence="quarterly", due_text="trước ngày 15 tháng cuối quý")
    ReportingDuty.objects.create(plan=plan_a, cadence="annual", due_text="trước ngày 15 tháng 12", position=1)
    return plan_a


@pytest.fixture
def token_a(agencies: dict[str, Agency]) -> CreatedToken:
    """A token of province A's science department (it leads task 1 of plan A)."""
    return api_token_create(agency=agencies["science_a"], name="Hệ thống trung ương")


@pytest.fixture
def token_b(agencies: dict[str, Agency]) -> CreatedToken:
    """A token of province B's science department."""
    return api_token_create(agency=agencies["science_b"], name="Phần mềm Đồng Tháp")


@pytest.fixture
def token_finance_a(agencies: dict[str, Agency]) -> CreatedToken:
    """A token of another agency of the same province (Sở Tài chính)."""
    return api_token_create(agency=agencies["finance_a"], name="Phần mềm Sở Tài chính")


def authed(client: APIClient, created: CreatedToken, scheme: str = "Token") -> APIClient:
    client.credentials(HTTP_AUTHORIZATION=f"{scheme} {created.secret}")
    return client


@pytest.fixture
def open_report(client_api: APIClient, duties_a: Plan, token_a: CreatedToken) -> dict[str, Any]:
    """Province A science department's Q3/2025 report on plan A, opened through the API."""
    response = authed(client_api, token_a).post(
        "/api/v1/reports/", {"plan": duties_a.pk, "cadence": "quarterly", "period": "2025-Q3"}, format="json"
    )
    assert response.status_code == 201, response.content
    client_api.credentials()
    return response.json()


@pytest.fixture(autouse=True)
def forget_tokens() -> Any:
    """Each test starts with no token kept by the process (tokens are kept a few seconds) and
    no token use waiting to be written."""
    token_cache.clear()
    token_use.forget()
    yield
    token_cache.clear()
    token_use.forget()
