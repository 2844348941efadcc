"""Reading or writing another province's or agency's objects, through every route that takes an id.

The routes are enumerated from ``theodoi.urls``: every pattern with an ``<int:...>`` argument
must name, in OBJECT_OF, which of province A's objects it takes, or be listed in PUBLIC with
the reason; a new route that does neither fails ``test_every_object_route_is_covered``.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

REFUSED = {403, 404, 405}  # 405: the route does not take that method at all

# route name -> the kind of object (key of the objects_a fixture) its id names
OBJECT_OF: dict[str, str] = {
    "web:plan_detail": "plan",
    "web:consolidated_report": "plan",
    "web:agency_detail": "agency",
    "web:review_draft": "draft",
    "web:review_progress": "draft",
    "web:review_retry": "draft",
    "web:review_discard": "draft",
    "web:review_cell": "draft",
    "web:review_row": "draft",
    "web:review_agencies": "draft",
    "web:review_publish": "draft",
    "web:review_supersedes": "draft",
    "web:report": "report",
    "web:report_review": "report",
    "web:evidence_upload": "report",
    "web:evidence_download": "evidence",
    "web:evidence_remove": "evidence",
    "web:contribution_save": "task",
    "web:task": "task",
    "web:amendment_decide": "amendment",
    "web:notification_open": "notification",
    "api:report-detail": "report",
    "api:report-draft": "report",
    "api:report-submit": "report",
    "api:report-save-submit": "report",
}

# Published plans and the agencies in them are open data (CC BY 4.0), readable by anyone.
PUBLIC = {
    "api:plan-detail",
    "api:plan-sections",
    "api:plan-tasks",
    "api:plan-indicators",
    "api:plan-indicator-values",
    "api:agency-detail",
    "api:open-data-plan",
    "api:open-data-tasks",
    "api:open-data-indicators",
}


def _object_routes() -> list[tuple[str, str]]:
    """Return (name, pattern) for every named route with an integer argument, the admin aside."""
    found: list[tuple[str, str]] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern) and p.name:
                route = prefix + str(p.pattern)
                if any(isinstance(c, type(_INT)) for c in p.pattern.converters.values()):
                    found.append((namespace + p.name, route))

    walk(get_resolver("theodoi.urls").url_patterns, "", "")
    return found


from django.urls.converters import IntConverter  # noqa: E402

_INT = IntConverter()
ROUTES = _object_routes()


def _url(route: str, pk: int) -> str:
    import re

    return "/" + re.sub(r"<int:\w+>", str(pk), route)


def test_every_object_route_is_covered() -> None:
    names = {name for name, _ in ROUTES}

    assert names - OBJECT_OF.keys() - PUBLIC == set(), "add the new route to OBJECT_OF or PUBLIC"
    assert len(names) >= 20


WEB = [(n, r) for n, r in ROUTES if n.startswith("web:")]
API = [(n, r) for n, r in ROUTES if n.startswith("api:") and n not in PUBLIC]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["reporter_b", "coordinator_b"])
@pytest.mark.parametrize(("name", "route"), WEB, ids=[n for n, _ in WEB])
def test_province_b_cannot_reach_province_a_objects_on_pages(
    name: str, route: str, who: str, objects_a: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    client = Client()
    client.force_login(request.getfixturevalue(who))
    url = _url(route, objects_a[OBJECT_OF[name]].pk)

    got = client.get(url)
    posted = client.post(url, {"value": "x", "action": "accept", "comment": "x", "path": "document.title"})
    htmx = client.post(url, {"value": "x"}, HTTP_HX_REQUEST="true")

    assert (got.status_code, posted.status_code, htmx.status_code) in {
        (a, b, c) for a in REFUSED for b in REFUSED for c in REFUSED
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), API, ids=[n for n, _ in API])
def test_agency_b_token_cannot_reach_agency_a_reports(
    name: str, route: str, objects_a: dict[str, Any], token_b: str
) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_b}")
    url = _url(route, objects_a[OBJECT_OF[name]].pk)
    report = objects_a["report"]

    responses = [
        client.get(url),
        client.post(url, {"version": report.version}, format="json"),
        client.put(url, {"version": report.version, "summary": "chiếm"}, format="json"),
        client.patch(url, {"version": report.version, "summary": "chiếm"}, format="json"),
    ]

    assert [r.status_code for r in responses if r.status_code not in REFUSED] == []
    report.refresh_from_db()
    assert report.summary != "chiếm"
    assert report.status == "draft"
