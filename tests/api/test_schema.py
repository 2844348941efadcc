"""The OpenAPI schema validates with no warning, and the public GET endpoints conform to it
under schema-driven testing (schemathesis, in-process over WSGI)."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from theodoi.plans.models import Plan
from theodoi.wsgi import application


def test_schema_validates_without_warnings(tmp_path: Any) -> None:
    out = tmp_path / "schema.yaml"
    err = StringIO()

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out), stderr=err)

    assert err.getvalue() == ""
    assert "openapi: 3.0.3" in out.read_text(encoding="utf-8")


def test_schema_is_served_at_a_stable_path(client: Any) -> None:
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["version"] == "1.0.0"
    assert "/api/v1/plans/" in schema["paths"]
    assert "CC BY 4.0" in schema["info"]["description"]


def test_docs_page_uses_no_cdn(client: Any) -> None:
    response = client.get("/api/v1/docs/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "/static/api/redoc/redoc.standalone.js" in body
    assert "https://" not in body


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """Keep the test transaction's connection across in-process WSGI requests.

    Django closes a connection in a transaction at the end of every request; its test client
    turns that off, and schemathesis's WSGI client needs the same (PostgreSQL would otherwise
    lose the test transaction).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def public_api(
    db: Any, keep_connection: None, plan_a: Plan, plan_b: Plan, draft_plan: Plan, superseded_plan: Plan
) -> Any:
    """The schema loaded from the app, GET endpoints that need no token."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    return schema.include(method="GET").exclude(path_regex=r"^/api/v1/reports")


SETTINGS = settings(
    max_examples=10,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def test_public_endpoints_conform_to_the_schema(public_api: Any, plan_a: Plan, units: Any) -> None:
    """Drive every public GET operation with generated parameters: no 5xx, bodies match the schema.

    The operations are walked in one test (not ``schema.parametrize``) because the lazy
    fixture loader does not run under this pytest; each operation still gets its own
    Hypothesis run with a bounded number of examples.
    """
    operations = [result.ok() for result in public_api.get_all_operations()]
    assert len(operations) >= 14

    statuses, calls = [], []
    for operation in operations:
        # A known row first, so every operation is checked on a 200 body, not only on 404s.
        known = {"id": plan_a.pk, "code": units["a"].code}
        wanted = {p.name: known[p.name] for p in operation.path_parameters if p.name in known}
        if "agencies" in operation.path:
            wanted["id"] = plan_a.tasks.first().agencies.first().pk
        response = operation.Case(path_parameters=wanted).call_and_validate(
            checks=[not_a_server_error, response_schema_conformance]
        )
        statuses.append(response.status_code)

        @SETTINGS
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            calls.append(
                case.call_and_validate(checks=[not_a_server_error, response_schema_conformance]).status_code
            )

        check()
    assert set(statuses) == {200}
    assert len(calls) > 3 * len(operations)
    assert {200, 404} <= set(calls)
