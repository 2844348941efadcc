"""A small known data set for the evaluation figures (the named cast's plan A, reported on).

Plan A (37/KH-UBND, Bình Định's, now Gia Lai's) reports quarterly before the 15th of the
quarter's last month. Its tasks and what was reported by 05/12/2025:

- 1 (Sở KH&CN leads, due 06/2025): done 20/06/2025            -> done on time
- 2 (the radio station leads, due 12/2025): nothing reported   -> not started, due in 30 days
- 3 (Sở Tài chính leads, due 03/2025): 60 % in Q2              -> in progress, overdue
- 4 (Sở KH&CN leads, "Thường xuyên"): 50 % in Q3 only          -> judged per quarter

Reports: Sở KH&CN sent Q2 on time (10/06) and Q3 late (20/09, due 15/09); Sở Tài chính sent
Q2 on time (01/06); the radio station sent nothing. Indicator 1 (≥ 80 % by 2030, Sở KH&CN)
went 40 -> 60: behind the target, on track for 2030. Indicator 2 (> 0,75 % GRDP in 2025, Sở
Tài chính) is 0,8: met.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from theodoi.plans.models import Plan, ReportingDuty, Task
from theodoi.tracking import rules
from theodoi.tracking.models import IndicatorValue, ProgressReport, ReportStatus, TaskUpdate, WorkStatus
from theodoi.tracking.rules import TZ

AT = dt.datetime(2025, 12, 5, 9, 0, tzinfo=TZ)


def _report(plan: Plan, agency: Any, period: str, submitted: dt.datetime | None, **kw: Any) -> ProgressReport:
    cadence, start, end = rules.period_bounds(period)
    due = rules.period_for_key(period, "trước ngày 15 tháng cuối quý").due_at
    return ProgressReport.objects.create(
        agency=agency,
        plan=plan,
        cadence=cadence,
        period=period,
        period_start=start,
        period_end=end,
        due_at=due,
        status=kw.pop("status", ReportStatus.ACCEPTED if submitted else ReportStatus.DRAFT),
        submitted_at=submitted,
        last_submitted_at=submitted,
    )


def _update(
    report: ProgressReport, task: Task, status: str, percent: int, done_on: dt.date | None = None
) -> None:
    TaskUpdate.objects.create(report=report, task=task, status=status, percent=percent, done_on=done_on)


@pytest.fixture
def known(plan_a: Plan, agencies: dict[str, Any], make_task: Any) -> dict[str, Any]:
    ReportingDuty.objects.create(plan=plan_a, cadence="quarterly", due_text="trước ngày 15 tháng cuối quý")
    task_1, task_2 = plan_a.tasks.order_by("position")
    task_3 = make_task(
        plan_a, "Bố trí kinh phí chuyển đổi số", lead=[agencies["finance_a"]], deadline="03/2025"
    )
    task_4 = make_task(
        plan_a, "Tuyên truyền về chuyển đổi số", lead=[agencies["science_a"]], deadline="Thường xuyên"
    )
    online, spending = plan_a.indicators.order_by("position")
    science, finance = agencies["science_a"], agencies["finance_a"]

    q2 = _report(plan_a, science, "2025-Q2", dt.datetime(2025, 6, 10, 8, tzinfo=TZ))
    _update(q2, task_1, WorkStatus.DONE, 100, dt.date(2025, 6, 20))
    _update(q2, task_4, WorkStatus.IN_PROGRESS, 30)
    IndicatorValue.objects.create(report=q2, indicator=online, number=40)
    q3 = _report(plan_a, science, "2025-Q3", dt.datetime(2025, 9, 20, 8, tzinfo=TZ))
    _update(q3, task_1, WorkStatus.DONE, 100, dt.date(2025, 6, 20))
    _update(q3, task_4, WorkStatus.IN_PROGRESS, 50)
    IndicatorValue.objects.create(report=q3, indicator=online, number=60)
    fq2 = _report(plan_a, finance, "2025-Q2", dt.datetime(2025, 6, 1, 8, tzinfo=TZ))
    _update(fq2, task_3, WorkStatus.IN_PROGRESS, 60)
    IndicatorValue.objects.create(report=fq2, indicator=spending, number=0.8)
    # A draft is not a statement: it counts for nothing.
    draft = _report(plan_a, finance, "2025-Q3", None)
    _update(draft, task_3, WorkStatus.DONE, 100, dt.date(2025, 9, 1))
    return {
        "plan": plan_a,
        "tasks": [task_1, task_2, task_3, task_4],
        "indicators": [online, spending],
        "science": science,
        "finance": finance,
        "radio": agencies["radio_a"],
    }
