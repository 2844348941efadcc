"""HTML and JavaScript typed into any text field come back escaped on every page that shows it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from theodoi.tracking import services
from theodoi.tracking.services import report_scope

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
RAW = ("<script>alert(1)", "<img src=x onerror")


@pytest.fixture
def hostile(objects_a: dict[str, Any], reporter_a: Any, coordinator_a: Any) -> dict[str, Any]:
    """Province A's plan, section, task, indicator, report and review comment, all carrying the payload."""
    plan, task, report = objects_a["plan"], objects_a["task"], objects_a["report"]
    plan.title = f"Kế hoạch {PAYLOAD}"
    plan.save()
    plan.sections.update(title=f"Mục {PAYLOAD}")
    plan.tasks.update(name=f"Nhiệm vụ {PAYLOAD}", output=f"Sản phẩm {PAYLOAD}")
    plan.indicators.update(name=f"Chỉ tiêu {PAYLOAD}")
    task.refresh_from_db()
    tasks, _ = report_scope._report_scope(report)
    services.report_save_draft(
        report=report,
        actor=reporter_a,
        version=report.version,
        data={
            "summary": f"Tóm tắt {PAYLOAD}",
            "tasks": {pk: {"status": "in_progress", "work_done": f"Đã làm {PAYLOAD}"} for pk in tasks},
        },
    )
    report.refresh_from_db()
    services.report_submit(report=report, actor=reporter_a, version=report.version)
    report.refresh_from_db()
    services.report_return(
        report=report, actor=coordinator_a, comment=f"Bổ sung {PAYLOAD}", version=report.version
    )
    return objects_a


PAGES = [
    ("web:plan_detail", "plan", ["Kế hoạch ", "Mục ", "Nhiệm vụ "]),
    ("web:task", "task", ["Nhiệm vụ "]),
    ("web:agency_detail", "agency", ["Nhiệm vụ "]),
]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["coordinator_a", "reporter_a"])
@pytest.mark.parametrize(("name", "kind", "shown"), PAGES, ids=[p[0] for p in PAGES])
def test_the_payload_is_shown_escaped(
    name: str, kind: str, shown: list[str], who: str, hostile: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    client = Client()
    client.force_login(request.getfixturevalue(who))

    html = client.get(reverse(name, args=[hostile[kind].pk])).content.decode()

    assert [raw for raw in RAW if raw in html] == []
    assert [prefix for prefix in shown if prefix not in html] == []
    assert escape("<script>alert(1)</script>") in html


@pytest.mark.django_db
def test_the_returned_report_shows_the_payload_escaped_to_its_reporter(
    hostile: dict[str, Any], reporter_a: Any
) -> None:
    client = Client()
    client.force_login(reporter_a)

    html = client.get(reverse("web:report", args=[hostile["report"].pk])).content.decode()

    assert [raw for raw in RAW if raw in html] == []
    assert "Bổ sung " + escape(PAYLOAD) in html
    assert "Nhiệm vụ " + escape(PAYLOAD) in html


@pytest.mark.django_db
def test_the_report_page_never_shows_the_payload_raw_to_the_coordinator(
    hostile: dict[str, Any], coordinator_a: Any
) -> None:
    client = Client()
    client.force_login(coordinator_a)

    html = client.get(reverse("web:report", args=[hostile["report"].pk]), follow=True).content.decode()

    assert [raw for raw in RAW if raw in html] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["web:plan_list", "web:inbox", "web:notifications", "web:reports", "web:task_list", "web:dashboard"],
)
def test_lists_never_show_the_payload_raw(url: str, hostile: dict[str, Any], coordinator_a: Any) -> None:
    client = Client()
    client.force_login(coordinator_a)

    response = client.get(reverse(url), {"q": PAYLOAD}, follow=True)

    assert response.status_code == 200
    assert [raw for raw in RAW if raw in response.content.decode()] == []


@pytest.mark.django_db
def test_search_echoes_the_query_escaped(hostile: dict[str, Any], coordinator_a: Any) -> None:
    client = Client()
    client.force_login(coordinator_a)

    html = client.get(reverse("web:search"), {"q": PAYLOAD}).content.decode()

    assert [raw for raw in RAW if raw in html] == []
