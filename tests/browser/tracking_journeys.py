"""Helpers of the progress-report journeys: sign in and out, plan A's reporting duties.

The journeys use the named cast (``tests.cast``): province A's plan 37/KH-UBND, the science
department's reporter, the finance department's reporter, the coordinator of Gia Lai.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone
from tests.cast import PASSWORD

from theodoi.plans.models import Plan, ReportingDuty
from theodoi.tracking import rules


def previous_quarter() -> str:
    first = rules.period_containing(rules.QUARTERLY, timezone.localdate())[1]
    return rules.period_containing(rules.QUARTERLY, first - dt.timedelta(days=1))[0]


def give_duties(plan: Plan) -> Plan:
    """Plan A reports quarterly before the 15th of the quarter's last month, yearly before 15/12."""
    for n, (cadence, due) in enumerate(
        [("quarterly", "trước ngày 15 tháng cuối quý"), ("annual", "trước ngày 15 tháng 12")]
    ):
        ReportingDuty.objects.create(plan=plan, cadence=cadence, due_text=due, position=n)
    return plan


def sign_in(page: Any, base: str, user: Any, then: str) -> None:
    """Open ``then`` signed out, sign in on the page it redirects to, and land back on ``then``."""
    page.context.clear_cookies()
    page.goto(f"{base}{then}")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(re.escape(then) + r"(\?.*)?$"))
