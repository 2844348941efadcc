"""A small known data set for the consolidated report: plan A's third quarter of 2025.

Plan A (37/KH-UBND, the named cast) reports quarterly and yearly. Its tasks:

- I.1  "Đẩy mạnh chuyển đổi số ..."   lead: science dept., due 06/2025 -> reported done 20/08/2025 (done late)
- I.2  "Xây dựng chương trình ..."     lead: the radio station, due 12/2025 -> nothing reported (not started)
- II.3 "Số hóa hồ sơ tài chính"        lead: finance dept., due 06/2025 -> reported 40% (in progress, overdue)

The science department's Q3 report is accepted (with a difficulty and a proposal); the
finance department's is submitted, not yet accepted (its difficulty does not count yet);
the radio station sends nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from tests.cast import _user

from theodoi.accounts.models import Role
from theodoi.directory.models import Agency
from theodoi.plans.models import Plan, ReportingDuty, Section, Task
from theodoi.tracking import services
from theodoi.tracking.models import ProgressReport

ISSUED = dt.date(2025, 10, 15)


@pytest.fixture
def duties_a(plan_a: Plan) -> Plan:
    for n, (cadence, due) in enumerate(
        [("quarterly", "trước ngày 15 tháng cuối quý"), ("annual", "trước ngày 15 tháng 12")]
    ):
        ReportingDuty.objects.create(plan=plan_a, cadence=cadence, due_text=due, position=n)
    return plan_a


@pytest.fixture
def reporter_finance_a(agencies: dict[str, Agency]) -> Any:
    return _user("baocao_taichinh_a", role=Role.REPORTER, agency=agencies["finance_a"])


def send(
    reporter: Any,
    agency: Agency,
    plan: Plan,
    period: str,
    data: dict[str, Any],
    *,
    cadence: str = "quarterly",
) -> ProgressReport:
    """Write and submit one agency's report through the tracking services."""
    report = services.report_get_or_create_draft(
        actor=reporter, agency=agency, plan=plan, cadence=cadence, period=period
    )
    report = services.report_save_draft(report=report, actor=reporter, version=report.version, data=data)
    return services.report_submit(report=report, actor=reporter, version=report.version)


@pytest.fixture
def q3(
    duties_a: Plan,
    agencies: dict[str, Agency],
    make_task: Callable[..., Task],
    reporter_a: Any,
    reporter_finance_a: Any,
    coordinator_a: Any,
) -> Plan:
    plan = duties_a
    section = Section.objects.create(plan=plan, code="II", title="Hoàn thiện thể chế", position=1)
    finance_task = make_task(
        plan, "Số hóa hồ sơ tài chính", lead=[agencies["finance_a"]], section=section, deadline="06/2025"
    )
    first = plan.tasks.get(code="1")
    online, spending = plan.indicators.get(code="1"), plan.indicators.get(code="2")
    science = send(
        reporter_a,
        agencies["science_a"],
        plan,
        "2025-Q3",
        {
            "summary": "Quý III",
            "tasks": {
                first.pk: {
                    "status": "done",
                    "done_on": "20/08/2025",
                    "done_text": "Đã ban hành Kế hoạch chuyển đổi số",
                    "evidence_number": "12/KH-SKHCN",
                    "evidence_date": "20/08/2025",
                    "difficulties": "Thiếu kinh phí triển khai nền tảng số",
                    "proposals": "Đề nghị bổ sung kinh phí năm 2026",
                }
            },
            "indicators": {online.pk: {"value": "85,5"}},
        },
    )
    services.report_accept(report=science, actor=coordinator_a)
    send(
        reporter_finance_a,
        agencies["finance_a"],
        plan,
        "2025-Q3",
        {
            "tasks": {
                finance_task.pk: {
                    "status": "in_progress",
                    "percent": 40,
                    "difficulties": "Chưa có hướng dẫn của Bộ Tài chính",
                }
            },
            "indicators": {spending.pk: {"value": "0,5"}},
        },
    )
    return plan
