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

from theodoi.api.services import api_token_create
from theodoi.tracking import services
from theodoi.tracking.models import NotificationKind


@pytest.fixture
def objects_a(
    report_a: Any,
    reporter_a: Any,
    coordinator_a: Any,
    task_1: Any,
    make_draft: Any,
    agencies: Any,
    tracking_media: None,
) -> dict[str, Any]:
    """Province A's plan, agency, draft, report, evidence, task, amendment and notification."""
    evidence = services.evidence_attach(
        actor=reporter_a,
        report=report_a,
        upload=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%bien ban hop\n", "application/pdf"),
    )
    amendment = services.amendment_propose(actor=reporter_a, task=task_1, changes={"output": "Đề án"})
    [note] = services.notify(
        users=[reporter_a], kind=NotificationKind.SUBMITTED, title="Báo cáo A", obj=report_a
    )
    return {
        "plan": report_a.plan,
        "agency": agencies["science_a"],
        "draft": make_draft(),
        "report": report_a,
        "evidence": evidence,
        "task": task_1,
        "amendment": amendment,
        "notification": note,
    }


@pytest.fixture
def token_b(agencies: Any) -> str:
    return api_token_create(agency=agencies["science_b"], name="Hệ thống tỉnh B").secret
