"""Objects of province A for the attack tests, one per kind of object a route takes by id."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.evaluation.known import known  # noqa: F401
from tests.web.review_fixtures import make_draft, review_media  # noqa: F401
from tests.web.tracking_fixtures import (  # noqa: F401
    duties_a,
    indicator_online,
    report_a,
    reporter_b,
    task_1,
    tracking_media,
)

from theodoi.api import token_cache, token_use
from theodoi.api.services import api_token_create
from theodoi.tracking import services
from theodoi.tracking.models import NotificationKind


@pytest.fixture
def objects_a(request: pytest.FixtureRequest, reporter_a: Any, agencies: Any) -> dict[str, Any]:
    """Province A's plan, agency, draft, report, evidence, task, amendment and notification."""
    request.getfixturevalue("tracking_media")
    report, task = request.getfixturevalue("report_a"), request.getfixturevalue("task_1")
    draft = request.getfixturevalue("make_draft")()
    evidence = services.evidence_attach(
        actor=reporter_a,
        report=report,
        upload=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%bien ban hop\n", "application/pdf"),
    )
    amendment = services.amendment_propose(actor=reporter_a, task=task, changes={"output": "Đề án"})
    [note] = services.notify(
        users=[reporter_a], kind=NotificationKind.SUBMITTED, title="Báo cáo A", obj=report
    )
    return {
        "plan": report.plan,
        "agency": agencies["science_a"],
        "draft": draft,
        "report": report,
        "evidence": evidence,
        "task": task,
        "amendment": amendment,
        "notification": note,
    }


@pytest.fixture
def token_b(agencies: Any) -> str:
    return api_token_create(agency=agencies["science_b"], name="Hệ thống tỉnh B").secret


@pytest.fixture(autouse=True)
def forget_tokens() -> Any:
    """No token kept by the process, and no token use waiting to be written, across tests."""
    token_cache.clear()
    token_use.forget()
    yield
    token_cache.clear()
    token_use.forget()
