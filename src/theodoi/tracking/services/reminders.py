"""Remind reporters of reports due soon, of reports past due and of overdue tasks (run by the
worker), each reminder sent once per user and key.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from theodoi.plans.models import Task
from theodoi.tracking import calendar as cal
from theodoi.tracking import rules
from theodoi.tracking.models import (
    NotificationKind,
    ProgressReport,
)
from theodoi.tracking.services.notifications import REPORTS_URL, _remind
from theodoi.tracking.services.people import _reporters_of
from theodoi.tracking.services.report_state import DONE_STATES
from theodoi.tracking.services.values import today


def _local_today(at: dt.datetime | None = None) -> dt.date:
    return timezone.localtime(at).date() if at else today()


def _open_obligations(*, start: dt.date, end: dt.date) -> list[cal.Obligation]:
    owed = cal.obligations(start=start, end=end)
    if not owed:
        return []
    done = set(
        ProgressReport.objects.filter(
            plan_id__in={o.plan_id for o in owed},
            period__in={o.period.key for o in owed},
            status__in=DONE_STATES,
        ).values_list("plan_id", "agency_id", "cadence", "period")
    )
    return [o for o in owed if o.key not in done]


def remind_days_before() -> int:
    return int(getattr(settings, "TRACKING_REMIND_DAYS_BEFORE", 3))


def reminders_send_due(*, at: dt.datetime) -> int:
    """Remind reporters of reports due within the next few days and not yet sent; returns e-mails+notes sent."""
    horizon = at + dt.timedelta(days=remind_days_before())
    day = _local_today(at)
    owed = [
        o
        for o in _open_obligations(start=day - dt.timedelta(days=370), end=_local_today(horizon))
        if at < o.period.due_at <= horizon
    ]
    users = _users_by_agency({o.agency_id for o in owed})
    sent = 0
    for o in owed:
        due = timezone.localtime(o.period.due_at)
        sent += _remind(
            users=users.get(o.agency_id, []),
            key=f"due:{o.plan_id}:{o.agency_id}:{o.cadence}:{o.period.key}",
            kind=NotificationKind.DUE,
            title=f"Sắp đến hạn báo cáo {o.period.label} (kế hoạch {o.plan})",
            body=f"Hạn gửi: trước {due:%H:%M} ngày {due:%d/%m/%Y}.",
            url=REPORTS_URL,
            at=at,
        )
    return sent


def reminders_send_overdue(*, at: dt.datetime) -> int:
    """Remind reporters of reports past due (once a week each) and of their overdue tasks."""
    day = _local_today(at)
    week = "{}-W{:02d}".format(*day.isocalendar()[:2])
    owed = [
        o for o in _open_obligations(start=day - dt.timedelta(days=370), end=day) if o.period.due_at <= at
    ]
    users = _users_by_agency({o.agency_id for o in owed})
    sent = 0
    for o in owed:
        due = timezone.localtime(o.period.due_at)
        sent += _remind(
            users=users.get(o.agency_id, []),
            key=f"overdue:{o.plan_id}:{o.agency_id}:{o.cadence}:{o.period.key}:{week}",
            kind=NotificationKind.OVERDUE,
            title=f"Quá hạn báo cáo {o.period.label} (kế hoạch {o.plan})",
            body=f"Hạn gửi là {due:%H:%M} ngày {due:%d/%m/%Y}; đề nghị gửi báo cáo ngay.",
            url=REPORTS_URL,
            at=at,
        )
    sent += _remind_overdue_tasks(at=at, day=day, week=week)
    return sent


def _remind_overdue_tasks(*, at: dt.datetime, day: dt.date, week: str) -> int:
    from theodoi.tracking.selectors import task_statuses  # selectors import services' helpers

    overdue: dict[int, list[Task]] = {}
    for plan in cal.active_plans():
        statuses = task_statuses(plan=plan, on=day)
        for row in statuses.values():
            if row.status == rules.TaskStatus.IN_PROGRESS_OVERDUE:
                for agency_id in row.lead_ids:
                    overdue.setdefault(agency_id, []).append(row.task)
    users = _users_by_agency(set(overdue))
    sent = 0
    for agency_id, tasks in overdue.items():
        lines = "\n".join(f"- {t.code}. {t.name[:120]} (hạn: {t.deadline_text})" for t in tasks[:30])
        sent += _remind(
            users=users.get(agency_id, []),
            key=f"task_overdue:{agency_id}:{week}",
            kind=NotificationKind.TASK_OVERDUE,
            title=f"{len(tasks)} nhiệm vụ quá hạn",
            body=lines,
            url=REPORTS_URL,
            at=at,
        )
    return sent


def _users_by_agency(agency_ids: set[int]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = {}
    for user in _reporters_of(agency_ids):
        out.setdefault(user.profile.agency_id, []).append(user)
    return out
