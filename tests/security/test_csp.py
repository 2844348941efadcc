"""Content-Security-Policy: every route answers with it, and no page needs what it refuses.

The routes are every named route of ``theodoi.urls`` (the admin aside), the ones taking an id
fed with province A's objects as in test_object_access. Each is fetched by the users who use
it; every answer carries the policy, and every HTML page holds no inline script that runs, no
``on…=`` handler, no ``style=`` attribute and no ``<style>`` element: what the policy refuses
would silently break the page in a browser.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from tests.security.test_object_access import OBJECT_OF, _url

from theodoi.api.views import REDOC_POLICY
from theodoi.core.security import CONTENT_SECURITY_POLICY, ERROR_PAGE_STYLE

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "theodoi" / "web" / "templates"


def _routes() -> list[tuple[str, str]]:
    """Return (name, pattern) of every named route, the admin aside."""
    found: list[tuple[str, str]] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace != "admin":
                    walk(
                        p.url_patterns,
                        prefix + str(p.pattern),
                        f"{namespace}{p.namespace}:" if p.namespace else namespace,
                    )
            elif isinstance(p, URLPattern) and p.name:
                found.append((namespace + p.name, prefix + str(p.pattern)))

    walk(get_resolver("theodoi.urls").url_patterns, "", "")
    return found


ROUTES = _routes()


class InlineCode(HTMLParser):
    """Collect what a strict policy refuses: inline scripts that run, handlers, style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self._script = ""

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.found.append(f"<script>{self._script.strip()[:60]}")
            self._script = None


def _inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def _path(route: str, objects: dict[str, Any], name: str) -> str:
    if "<int:" in route:
        return _url(route, objects[OBJECT_OF.get(name, "plan")].pk)
    return "/" + re.sub(r"<slug:\w+>", objects["province_code"], route)


@pytest.fixture
def objects(objects_a: dict[str, Any], units: dict[str, Any]) -> dict[str, Any]:
    return {**objects_a, "province_code": units["a"].code}


def test_the_policy_allows_only_this_sites_files() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))

    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert directives["style-src"] == f"'self' {ERROR_PAGE_STYLE}"
    assert directives["img-src"] == "'self' data:"
    assert directives["connect-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"


def test_the_one_inline_style_allowed_is_the_500_pages() -> None:
    [style] = re.findall(r"<style>(.*?)</style>", (TEMPLATES / "500.html").read_text(encoding="utf-8"), re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()

    assert f"'sha256-{digest}'" == ERROR_PAGE_STYLE


@pytest.mark.django_db
def test_every_route_answers_with_the_policy_and_its_pages_hold_no_inline_code(
    objects: dict[str, Any], coordinator_a: Any, reporter_a: Any, central: Any
) -> None:
    visitors = {"anonymous": Client(), "coordinator": Client(), "reporter": Client(), "central": Client()}
    for who, user in (("coordinator", coordinator_a), ("reporter", reporter_a), ("central", central)):
        visitors[who].force_login(user)
    wrong, inline, pages = [], {}, set()

    for name, route in ROUTES:
        path = _path(route, objects, name)
        for who, client in visitors.items():
            response = client.get(path)
            expected = REDOC_POLICY if name == "api:docs" else CONTENT_SECURITY_POLICY
            if response.headers.get("Content-Security-Policy") != expected:
                wrong.append(f"{who} {path} {response.status_code}")
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                pages.add(name)
                if name != "api:docs" and (found := _inline_code(response.content.decode())):
                    inline[f"{who} {path}"] = found

    assert wrong == []
    assert inline == {}
    # Not vacuous: the pages people use were rendered, not refused.
    assert {
        "web:dashboard",
        "web:scorecard",
        "web:task_list",
        "web:national",
        "web:public_province",
        "web:plan_detail",
        "web:report",
        "web:report_review",
        "web:review_draft",
        "web:inbox",
        "login",
    } <= pages


@pytest.mark.django_db
def test_error_pages_carry_the_policy_too(client: Any, coordinator_a: Any) -> None:
    client.force_login(coordinator_a)

    missing = client.get("/khong-co-trang-nay/")

    assert missing.status_code == 404
    assert missing.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert _inline_code(missing.content.decode()) == []


@pytest.mark.django_db
def test_the_admin_pages_hold_no_inline_code_either(
    client: Any, django_user_model: Any, objects_a: dict[str, Any]
) -> None:
    client.force_login(django_user_model.objects.create_superuser("quantri", "qt@example.gov.vn", "x"))
    paths = [
        "/admin/",
        "/admin/plans/plan/",
        f"/admin/plans/plan/{objects_a['plan'].pk}/change/",
        "/admin/auth/user/add/",
        "/admin/api/apitoken/",
        "/admin/tracking/progressreport/",
    ]

    responses = {path: client.get(path) for path in paths}

    assert {p: r.status_code for p, r in responses.items()} == dict.fromkeys(paths, 200)
    assert {p: r.headers["Content-Security-Policy"] for p, r in responses.items()} == dict.fromkeys(
        paths, CONTENT_SECURITY_POLICY
    )
    assert {p: found for p, r in responses.items() if (found := _inline_code(r.content.decode()))} == {}
