"""The report detail the API answers with after every read, draft save and submission.

It is built by hand from plain rows (``serializers.report_detail``) for speed; these tests pin
it to what the schema's ReportDetailSerializer gives, and the write answers to a fresh read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from rest_framework.test import APIClient
from tests.api.conftest import authed

from theodoi.api import selectors
from theodoi.api.serializers import (
    INDICATOR_ROW_KEYS,
    TASK_ROW_KEYS,
    ReportDetailSerializer,
    report_detail,
)
from theodoi.api.services import CreatedToken
from theodoi.directory.models import Agency
from theodoi.plans.models import Plan
from theodoi.tracking.models import IndicatorValue, ProgressReport, TaskUpdate


def _full_report(pk: int) -> ProgressReport:
    """The report loaded the way the serializer reads it: rows prefetched in the plan's order."""
    return (
        ProgressReport.objects.select_related("plan", "agency")
        .prefetch_related(
            Prefetch(
                "task_updates", queryset=TaskUpdate.objects.select_related("task").order_by("task__position")
            ),
            Prefetch(
                "indicator_values",
                queryset=IndicatorValue.objects.select_related("indicator").order_by("indicator__position"),
            ),
        )
        .get(pk=pk)
    )


def test_the_hand_built_detail_is_what_the_serializer_gives(
    open_report: dict[str, Any], plan_a: Plan, make_task: Any, agencies: dict[str, Agency]
) -> None:
    report = ProgressReport.objects.get(pk=open_report["id"])
    first, second = (
        plan_a.tasks.order_by("position")[0],
        make_task(plan_a, "Thêm", lead=[agencies["science_a"]]),
    )
    TaskUpdate.objects.create(
        report=report,
        task=second,
        status="done",
        percent=100,
        done_on=dt.date(2025, 8, 20),
        done_text="Đã ban hành",
        evidence_number="12/QĐ-UBND",
        evidence_date=dt.date(2025, 8, 18),
        evidence_link="https://gialai.gov.vn/qd-12",
    )
    TaskUpdate.objects.create(
        report=report, task=first, status="in_progress", percent=40, difficulties="Thiếu vốn"
    )
    indicators = list(plan_a.indicators.order_by("position"))
    IndicatorValue.objects.create(report=report, indicator=indicators[0], number=72.5, source="Sở KH&CN")
    if len(indicators) > 1:
        IndicatorValue.objects.create(report=report, indicator=indicators[1], boolean=True, note="Đạt")
    ProgressReport.objects.filter(pk=report.pk).update(
        status="submitted", submitted_at=timezone.now(), last_submitted_at=timezone.now()
    )
    read = selectors.agency_report_get(user=_reporter_of(agencies["science_a"]), pk=report.pk)
    tasks, values = selectors.report_rows(
        report=read, task_fields=TASK_ROW_KEYS, indicator_fields=INDICATOR_ROW_KEYS
    )

    built = report_detail(read, tasks, values)

    assert built == ReportDetailSerializer(_full_report(report.pk)).data
    assert [row["task_id"] for row in built["tasks"]] == [first.pk, second.pk]  # the plan's order
    assert built["tasks"][1]["evidence_date"] == "2025-08-18"
    assert built["indicators"][0]["number"] == 72.5


def _reporter_of(agency: Agency) -> Any:
    from django.contrib.auth import get_user_model

    from theodoi.accounts.models import Profile, Role

    user = get_user_model().objects.create_user(username=f"bao-cao-{agency.pk}")
    Profile.objects.create(user=user, role=Role.REPORTER, agency=agency)
    return user


def test_the_draft_and_submit_answers_are_the_report_as_read_afterwards(
    client_api: APIClient, open_report: dict[str, Any], token_a: CreatedToken, plan_a: Plan
) -> None:
    task = plan_a.tasks.order_by("position").first()
    client = authed(client_api, token_a)
    url = f"/api/v1/reports/{open_report['id']}"

    saved = client.put(
        f"{url}/draft",
        {"version": 1, "summary": "Tóm tắt", "tasks": [{"task": task.pk, "status": "done", "percent": 100}]},
        format="json",
    )
    read_after_save = client.get(f"{url}/").json()
    sent = client.post(f"{url}/submit", {"version": saved.json()["version"]}, format="json")
    read_after_submit = client.get(f"{url}/").json()

    assert saved.status_code == 200 and sent.status_code == 200
    assert saved.json() == read_after_save
    assert sent.json() == read_after_submit
    assert sent.json()["status"] == "submitted"
    assert sent.json()["agency"]["printed_name"] == token_a.token.agency.name
    assert sent.json()["plan_number"] == plan_a.number


def test_a_draft_save_reads_the_report_row_no_more_than_the_write_needs(
    client_api: APIClient, open_report: dict[str, Any], token_a: CreatedToken, plan_a: Plan
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    task = plan_a.tasks.order_by("position").first()
    client = authed(client_api, token_a)
    body = {"version": 1, "tasks": [{"task": task.pk, "status": "in_progress", "percent": 30}]}

    with CaptureQueriesContext(connection) as ctx:
        response = client.put(f"/api/v1/reports/{open_report['id']}/draft", body, format="json")

    assert response.status_code == 200
    report_reads = [
        q["sql"] for q in ctx.captured_queries if q["sql"].startswith('SELECT "tracking_progressreport"')
    ]
    # The look-up, then the service's lock and its refresh after the versioned UPDATE: the
    # answer reuses them and reads no report row again.
    assert len(report_reads) == 3, report_reads
