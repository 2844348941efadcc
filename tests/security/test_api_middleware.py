"""API requests pass by the session, authentication and messages middleware (they authenticate
by token only) and keep every security header; web pages keep their sessions."""

from __future__ import annotations

from typing import Any

from django.test import Client

from theodoi.api.services import api_token_create
from theodoi.core import web_only
from theodoi.directory.models import Agency

SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy")


def test_the_api_lives_under_the_prefix_the_web_only_middleware_passes_by() -> None:
    from django.urls import reverse

    assert reverse("api:report-list").startswith(web_only.API_PREFIX)


def test_a_token_request_keeps_the_security_headers_and_gets_no_cookie(
    agencies: dict[str, Agency], db: Any
) -> None:
    secret = api_token_create(agency=agencies["science_a"], name="Hệ thống").secret

    response = Client().get("/api/v1/reports/", HTTP_AUTHORIZATION=f"Token {secret}")

    assert response.status_code == 200
    assert all(response.has_header(name) for name in SECURITY_HEADERS)
    assert response["X-Frame-Options"] == "DENY"
    assert response.cookies == {}
    assert not hasattr(response.wsgi_request, "session")


def test_a_signed_in_session_does_not_open_the_reports_api(reporter_a: Any) -> None:
    client = Client()
    client.force_login(reporter_a)

    response = client.get("/api/v1/reports/")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_web_page_still_reads_its_session_and_user(reporter_a: Any) -> None:
    client = Client()
    client.force_login(reporter_a)

    response = client.get("/")

    assert response.wsgi_request.user == reporter_a
    assert hasattr(response.wsgi_request, "session")
    assert all(response.has_header(name) for name in SECURITY_HEADERS)
