"""Fixtures for tracking tests: plan A's reporting duties, more reporters, a draft report.

Plan A (37/KH-UBND, the named cast) reports quarterly before the 15th of the quarter's last
month and yearly before 15/12, as the sample plans print it. The science department of
province A leads task 1 and monitors the online-services indicator; the finance department
partners on task 1 and monitors the spending indicator.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from tests.cast import _user

from theodoi.accounts.models import Role
from theodoi.directory.models import Agency
from theodoi.plans.models import Plan, ReportingDuty
from theodoi.tracking import services
from theodoi.tracking.models import ProgressReport
from theodoi.tracking.rules import TZ

Q3_DUE = dt.datetime(2025, 9, 15, tzinfo=TZ)


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def duties_a(plan_a: Plan) -> Plan:
    """Give plan A the reporting duties a sample plan prints (002, Quảng Trị)."""
    for n, (cadence, due) in enumerate(
        [
            ("quarterly", "trước ngày 15 tháng cuối quý"),
            ("annual", "trước ngày 15 tháng 12"),
            ("ad_hoc", "kịp thời"),
        ]
    ):
        ReportingDuty.objects.create(plan=plan_a, cadence=cadence, due_text=due, position=n)
    return plan_a


@pytest.fixture
def reporter_finance_a(agencies: dict[str, Agency]) -> Any:
    """A reporter of another agency in the same province (Sở Tài chính)."""
    user = _user("baocao_taichinh_a", role=Role.REPORTER, agency=agencies["finance_a"])
    user.email = "taichinh@gialai.gov.vn"
    user.save()
    return user


@pytest.fixture
def reporter_b(agencies: dict[str, Agency]) -> Any:
    """A reporter of province B's science department."""
    return _user("baocao_b", role=Role.REPORTER, agency=agencies["science_b"])


@pytest.fixture
def reporter_a_mail(reporter_a: Any) -> Any:
    reporter_a.email = "baocao@khcn.gialai.gov.vn"
    reporter_a.save()
    return reporter_a


@pytest.fixture
def report_a(duties_a: Plan, reporter_a: Any, agencies: dict[str, Agency]) -> ProgressReport:
    """The science department's draft report on plan A for Q3/2025."""
    return services.report_get_or_create_draft(
        actor=reporter_a, agency=agencies["science_a"], plan=duties_a, cadence="quarterly", period="2025-Q3"
    )


@pytest.fixture
def task_1(plan_a: Plan) -> Any:
    return plan_a.tasks.get(code="1")


@pytest.fixture
def indicator_online(plan_a: Plan) -> Any:
    return plan_a.indicators.get(code="1")


@pytest.fixture
def q3_report(duties_a: Plan, reporter_a: Any) -> ProgressReport:
    """The science department's draft report on plan A for Q3/2025, made by its reporter."""
    return services.report_get_or_create_draft(
        actor=reporter_a,
        agency=reporter_a.profile.agency,
        plan=duties_a,
        cadence="quarterly",
        period="2025-Q3",
    )
