"""Fixtures of the progress-report page tests: plan A's reporting duties, more reporters, a draft.

Periods are taken relative to today (the pages read the real clock): the previous quarter is
always past due, so a report for it that is not sent is late.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from tests.cast import _user

from theodoi.accounts.models import Role
from theodoi.directory.models import Agency
from theodoi.plans.models import Plan, ReportingDuty
from theodoi.tracking import rules, services
from theodoi.tracking.models import ProgressReport


def previous_quarter() -> str:
    first = rules.period_containing(rules.QUARTERLY, timezone.localdate())[1]
    return rules.period_containing(rules.QUARTERLY, first - dt.timedelta(days=1))[0]


def current_quarter() -> str:
    return rules.period_containing(rules.QUARTERLY, timezone.localdate())[0]


@pytest.fixture
def tracking_media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def duties_a(plan_a: Plan) -> Plan:
    """Plan A reports quarterly before the 15th of the quarter's last month, yearly before 15/12."""
    for n, (cadence, due) in enumerate(
        [("quarterly", "trước ngày 15 tháng cuối quý"), ("annual", "trước ngày 15 tháng 12")]
    ):
        ReportingDuty.objects.create(plan=plan_a, cadence=cadence, due_text=due, position=n)
    return plan_a


@pytest.fixture
def reporter_finance_a(agencies: dict[str, Agency]) -> Any:
    user = _user("baocao_taichinh_a", role=Role.REPORTER, agency=agencies["finance_a"])
    user.email = "taichinh@gialai.gov.vn"
    user.save()
    return user


@pytest.fixture
def reporter_b(agencies: dict[str, Agency]) -> Any:
    return _user("baocao_b", role=Role.REPORTER, agency=agencies["science_b"])


@pytest.fixture
def report_a(duties_a: Plan, reporter_a: Any, agencies: dict[str, Agency]) -> ProgressReport:
    """The science department's draft report on plan A for the previous quarter (past due)."""
    return services.report_get_or_create_draft(
        actor=reporter_a,
        agency=agencies["science_a"],
        plan=duties_a,
        cadence="quarterly",
        period=previous_quarter(),
    )


@pytest.fixture
def task_1(plan_a: Plan) -> Any:
    return plan_a.tasks.get(code="1")


@pytest.fixture
def indicator_online(plan_a: Plan) -> Any:
    return plan_a.indicators.get(code="1")
