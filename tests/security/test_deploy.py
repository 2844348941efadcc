"""Production mode: ``check --deploy`` is clean, security headers and secure cookies are set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PRODUCTION = {
    "THEODOI_DEBUG": "0",
    "THEODOI_SECRET_KEY": "k9#Vx2!qLm7@pZ4$wR8^tY1&uI6*oP3(aS5)dF0_gH-jK+lZ=xC",
    "THEODOI_ALLOWED_HOSTS": "theodoi.example.gov.vn",
    "THEODOI_CSRF_TRUSTED_ORIGINS": "https://theodoi.example.gov.vn",
}

PROBE = """
import django, json
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
# collectstatic has not run in this scratch folder: plain static storage, the headers are the point
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
response = Client().get("/dang-nhap/", secure=True, HTTP_HOST="theodoi.example.gov.vn")
plain = Client().get("/dang-nhap/", HTTP_HOST="theodoi.example.gov.vn")
print(json.dumps({
    "status": response.status_code,
    "headers": dict(response.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location", ""),
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
}))
"""


def _production_env(tmp_path: Path) -> dict[str, str]:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is a test-process setting, never production's.
    test_only = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("THEODOI_") and k not in test_only}
    env.update(PRODUCTION, THEODOI_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="theodoi.settings")
    return env


def test_check_deploy_is_clean_in_production_mode(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "theodoi", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    import json

    env = _production_env(tmp_path_factory.mktemp("prod"))
    env["THEODOI_LOG_LEVEL"] = "ERROR"
    subprocess.run(
        [sys.executable, "-m", "theodoi", "migrate", "--noinput"],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_pages_carry_the_security_headers(production: dict[str, object]) -> None:
    headers = production["headers"]

    assert production["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "object-src 'none'" in headers["Content-Security-Policy"]


def test_production_redirects_plain_http_to_https(production: dict[str, object]) -> None:
    assert production["plain_status"] == 301
    assert str(production["plain_location"]).startswith("https://")


def test_production_cookies_are_secure_and_the_session_cookie_is_http_only(
    production: dict[str, object],
) -> None:
    assert production["session_secure"] is True
    assert production["csrf_secure"] is True
    assert production["session_httponly"] is True
