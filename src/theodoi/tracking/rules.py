"""The tracking rules as plain functions: periods, due moments, task status, indicator progress.

No Django, no database: every function takes the dates it needs, so the rules are tested as
tables (``tests/tracking/test_rules.py``) and the calendar, selectors and reminders share them.

Due rules are read from the plan's printed wording (``ReportingDuty.due_text``):

- "trước 10h00 thứ năm trong tuần"   weekly, due Thursday 10:00 of the period's week
- "trước ngày 15 của tháng"           monthly: the 15th of the period's month;
                                      quarterly / semi-annual: the 15th of the period's last month;
                                      yearly: the 15th of December
- "trước ngày 15 tháng cuối quý"       the 15th of the quarter's last month
- "trước ngày 01 tháng 12"             yearly, 1 December of the period's year

"Trước ngày 15" is read literally: the report is due at the start (00:00) of the 15th, and
"trước 10h00" at 10:00. A rule that says nothing readable ("kịp thời", "tại phiên họp cuối
năm", none at all) falls back on ``DEFAULT_RULES``. Due moments are in Asia/Ho_Chi_Minh.
Public holidays move nothing unless the caller passes them (the calendar reads a setting).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from theodoi.ingest.text import fold

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

WEEKLY, MONTHLY, QUARTERLY, SEMIANNUAL, ANNUAL, AD_HOC = (
    "weekly",
    "monthly",
    "quarterly",
    "semiannual",
    "annual",
    "ad_hoc",
)
PERIODIC_CADENCES = (WEEKLY, MONTHLY, QUARTERLY, SEMIANNUAL, ANNUAL)


class TaskStatus(str, Enum):
    """The five standard statuses of Vietnamese government task tracking."""

    NOT_STARTED = "not_started"  # chưa triển khai
    IN_PROGRESS_ON_TIME = "in_progress_on_time"  # đang thực hiện trong hạn
    IN_PROGRESS_OVERDUE = "in_progress_overdue"  # đang thực hiện quá hạn
    DONE_ON_TIME = "done_on_time"  # hoàn thành đúng hạn
    DONE_LATE = "done_late"  # hoàn thành quá hạn

    @property
    def label(self) -> str:
        return TASK_STATUS_LABELS[self]


TASK_STATUS_LABELS = {
    TaskStatus.NOT_STARTED: "Chưa triển khai",
    TaskStatus.IN_PROGRESS_ON_TIME: "Đang thực hiện trong hạn",
    TaskStatus.IN_PROGRESS_OVERDUE: "Đang thực hiện quá hạn",
    TaskStatus.DONE_ON_TIME: "Hoàn thành đúng hạn",
    TaskStatus.DONE_LATE: "Hoàn thành quá hạn",
}


class Trend(str, Enum):
    """How an indicator moved since the previous value."""

    UP = "up"
    DOWN = "down"
    FLAT = "flat"
    UNKNOWN = "unknown"  # fewer than two comparable values


@dataclass(frozen=True)
class DueRule:
    """When a period's report is due, relative to the period.

    ``month`` is None for "the period's last month", else a month of the year (yearly rules).
    ``weekday`` (Monday = 0) is set for weekly rules only.
    """

    day: int = 15
    month: int | None = None
    weekday: int | None = None
    hour: int = 0
    minute: int = 0
    printed: str = ""
    is_default: bool = False


DEFAULT_RULES: Mapping[str, DueRule] = {
    WEEKLY: DueRule(weekday=3, hour=10, is_default=True),  # trước 10h00 thứ năm
    MONTHLY: DueRule(day=15, is_default=True),  # trước ngày 15 của tháng
    QUARTERLY: DueRule(day=15, is_default=True),  # trước ngày 15 tháng cuối quý
    SEMIANNUAL: DueRule(day=15, is_default=True),  # trước ngày 15 tháng 6 / tháng 12
    ANNUAL: DueRule(day=15, month=12, is_default=True),  # trước ngày 15 tháng 12
}


@dataclass(frozen=True)
class Period:
    """One reporting period (kỳ báo cáo) and the moment its report is due."""

    cadence: str
    key: str  # "2025-W28", "2025-M07", "2025-Q3", "2025-H2", "2025"
    start: dt.date
    end: dt.date
    due_at: dt.datetime  # aware, Asia/Ho_Chi_Minh

    @property
    def label(self) -> str:
        """Return the period as the forms print it: "Tháng 07/2025", "Quý III/2025"."""
        return period_label(self.key)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


_DAY = re.compile(r"ngay\s*(\d{1,2})")
_MONTH_OF_YEAR = re.compile(r"thang\s*(\d{1,2})\b")
_HOUR = re.compile(r"(\d{1,2})\s*(?:h|gio|:)\s*(\d{2})?")
_WEEKDAYS = (
    ("thu hai", 0),
    ("thu ba", 1),
    ("thu tu", 2),
    ("thu nam", 3),
    ("thu sau", 4),
    ("thu bay", 5),
    ("chu nhat", 6),
    ("thu 2", 0),
    ("thu 3", 1),
    ("thu 4", 2),
    ("thu 5", 3),
    ("thu 6", 4),
    ("thu 7", 5),
)


def parse_due_rule(cadence: str, text: str | None) -> DueRule:
    """Read a printed due rule for ``cadence``; fall back on the cadence's default."""
    default = DEFAULT_RULES.get(cadence, DEFAULT_RULES[QUARTERLY])
    key = fold(text or "")
    if not key:
        return default
    if cadence == WEEKLY:
        weekday = next((n for word, n in _WEEKDAYS if word in key), None)
        if weekday is None:
            return default
        hour = _HOUR.search(key.replace(word_for(weekday), " "))
        return DueRule(
            weekday=weekday,
            hour=int(hour.group(1)) if hour and int(hour.group(1)) < 24 else 0,
            minute=int(hour.group(2)) if hour and hour.group(2) and int(hour.group(2)) < 60 else 0,
            printed=text or "",
        )
    day = _DAY.search(key)
    if day is None or not 1 <= int(day.group(1)) <= 31:
        return default
    month: int | None = None
    if cadence == ANNUAL:
        m = _MONTH_OF_YEAR.search(key[day.end() :])
        month = int(m.group(1)) if m and 1 <= int(m.group(1)) <= 12 else 12
    return DueRule(day=int(day.group(1)), month=month, printed=text or "")


def word_for(weekday: int) -> str:
    return next(word for word, n in _WEEKDAYS if n == weekday)


def period_containing(cadence: str, day: dt.date) -> tuple[str, dt.date, dt.date]:
    """Return (key, first day, last day) of the ``cadence`` period that holds ``day``."""
    y = day.year
    if cadence == WEEKLY:
        iso = day.isocalendar()
        start = day - dt.timedelta(days=iso.weekday - 1)
        return f"{iso.year}-W{iso.week:02d}", start, start + dt.timedelta(days=6)
    if cadence == MONTHLY:
        return f"{y}-M{day.month:02d}", day.replace(day=1), _month_end(y, day.month)
    if cadence == QUARTERLY:
        q = (day.month - 1) // 3 + 1
        return f"{y}-Q{q}", dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    if cadence == SEMIANNUAL:
        h = 1 if day.month <= 6 else 2
        return f"{y}-H{h}", dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
    if cadence == ANNUAL:
        return f"{y}", dt.date(y, 1, 1), dt.date(y, 12, 31)
    raise ValueError(f"no periods for cadence {cadence!r}")


def period_bounds(key: str) -> tuple[str, dt.date, dt.date]:
    """Return (cadence, first day, last day) of a period key; ValueError if it is not one."""
    m = re.fullmatch(r"(\d{4})(?:-([WMQH])(\d{1,2}))?", key)
    if not m:
        raise ValueError(f"not a period key: {key!r}")
    year, letter, num = int(m.group(1)), m.group(2), int(m.group(3) or 0)
    if letter is None:
        return ANNUAL, dt.date(year, 1, 1), dt.date(year, 12, 31)
    if letter == "W":
        start = dt.date.fromisocalendar(year, num, 1)
        return WEEKLY, start, start + dt.timedelta(days=6)
    anchor = {"M": (MONTHLY, num), "Q": (QUARTERLY, 3 * num), "H": (SEMIANNUAL, 6 * num)}[letter]
    if not 1 <= anchor[1] <= 12:
        raise ValueError(f"not a period key: {key!r}")
    _, start, end = period_containing(anchor[0], dt.date(year, anchor[1], 1))
    return anchor[0], start, end


def period_label(key: str) -> str:
    """Return a period key as people write it."""
    cadence, start, end = period_bounds(key)
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
    if cadence == WEEKLY:
        return f"Tuần {key[-2:]}/{key[:4]} ({start:%d/%m}–{end:%d/%m/%Y})"
    if cadence == MONTHLY:
        return f"Tháng {start:%m/%Y}"
    if cadence == QUARTERLY:
        return f"Quý {roman[(start.month - 1) // 3 + 1]}/{start.year}"
    if cadence == SEMIANNUAL:
        return f"6 tháng {'đầu' if start.month == 1 else 'cuối'} năm {start.year}"
    return f"Năm {start.year}"


def due_at(rule: DueRule, *, start: dt.date, end: dt.date, holidays: Iterable[dt.date] = ()) -> dt.datetime:
    """Return the moment a period's report is due under ``rule``.

    A day past the month's end ("ngày 31" in June) is the month's last day. When ``holidays``
    is given and the due day is one of them, the report is due on the next day that is not.
    """
    if rule.weekday is not None:
        day = start + dt.timedelta(days=(rule.weekday - start.weekday()) % 7)
    else:
        year, month = end.year, rule.month or end.month
        day = dt.date(year, month, min(rule.day, calendar.monthrange(year, month)[1]))
    closed = set(holidays)
    while day in closed:
        day += dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, rule.hour, rule.minute, tzinfo=TZ)


def periods_for(
    cadence: str,
    due_rule_text: str | None,
    *,
    start: dt.date,
    end: dt.date,
    holidays: Iterable[dt.date] = (),
) -> list[Period]:
    """Return the ``cadence`` periods that overlap [start, end], each with its due moment.

    Ad-hoc reporting (đột xuất) has no periods.
    """
    if cadence not in PERIODIC_CADENCES or end < start:
        return []
    rule = parse_due_rule(cadence, due_rule_text)
    closed = tuple(holidays)
    out: list[Period] = []
    day = start
    while day <= end:
        key, first, last = period_containing(cadence, day)
        out.append(Period(cadence, key, first, last, due_at(rule, start=first, end=last, holidays=closed)))
        day = last + dt.timedelta(days=1)
    return out


def period_for_key(key: str, due_rule_text: str | None, *, holidays: Iterable[dt.date] = ()) -> Period:
    """Return the period a key names with its due moment under the printed rule."""
    cadence, first, last = period_bounds(key)
    rule = parse_due_rule(cadence, due_rule_text)
    return Period(cadence, key, first, last, due_at(rule, start=first, end=last, holidays=holidays))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# --- task status ---------------------------------------------------------------------------

_DATED_KINDS = ("date", "month", "quarter", "year", "range")
_PER_PERIOD_KINDS = ("recurring", "continuous")


def deadline_due(deadline: Mapping[str, Any] | None) -> dt.date | None:
    """Return the due date of a parsed deadline (``parse_deadline``'s dict), None if it has none."""
    if not deadline or deadline.get("kind") not in _DATED_KINDS:
        return None
    due = deadline.get("due")
    if isinstance(due, dt.date):
        return due
    return dt.date.fromisoformat(due) if due else None


def is_per_period(deadline: Mapping[str, Any] | None, *, on: dt.date) -> bool:
    """Tell whether a task is judged per reporting period on ``on``.

    Recurring (hằng tháng, hằng năm) and continuous (thường xuyên) tasks are; so is a dated
    task that goes on after its first term ("12/2025 và thường xuyên") once that term is past.
    """
    if not deadline:
        return False
    if deadline.get("kind") in _PER_PERIOD_KINDS:
        return True
    due = deadline_due(deadline)
    return bool(deadline.get("then")) and due is not None and on > due


def task_cadence(deadline: Mapping[str, Any] | None, *, default: str = QUARTERLY) -> str:
    """Return the period a per-period task is judged over: its own cadence, else ``default``."""
    cadence = (deadline or {}).get("cadence")
    return cadence if cadence in PERIODIC_CADENCES else default


def task_status(
    *,
    deadline: Mapping[str, Any] | None,
    done_on: dt.date | None,
    started: bool,
    on: dt.date,
    period_due: dt.date | None = None,
) -> TaskStatus:
    """Return a task's status on ``on`` in the five standard statuses.

    ``deadline`` is ``parse_deadline``'s dict (kind, due ...). ``done_on`` is the day the task
    was reported done (None if it is not), ``started`` whether any work was reported.

    A dated task is due on its due date. A recurring or continuous task is judged for one
    period at a time: ``period_due`` is the last day of the period being judged and ``done_on``
    / ``started`` are what was reported for that period; without ``period_due`` it has no
    due date. Tasks due "after the centre issues ..." (event) or unreadable have no due date
    either: they can be done or in progress, never overdue.

    A task past its due date with nothing reported is "đang thực hiện quá hạn", not "chưa
    triển khai": the overdue list must show it.
    """
    due = period_due if is_per_period(deadline, on=on) else deadline_due(deadline)
    facts = {
        DONE_AFTER_DUE: done_on is not None and due is not None and done_on > due,
        DONE: done_on is not None,
        PAST_DUE: due is not None and on > due,
        STARTED: started,
    }
    return next(status for status, fact in STATUS_RULES if fact is None or facts[fact])


# The status rule as a table: the first row whose fact holds gives the status. ``task_status``
# evaluates it in Python; ``tracking.progress`` turns the same rows into SQL CASE/WHEN, so the
# two cannot drift apart (``tests/tracking/test_progress.py`` compares them case by case).
DONE_AFTER_DUE, DONE, PAST_DUE, STARTED = "done_after_due", "done", "past_due", "started"
STATUS_RULES: tuple[tuple[TaskStatus, str | None], ...] = (
    (TaskStatus.DONE_LATE, DONE_AFTER_DUE),  # reported done after the day it was due
    (TaskStatus.DONE_ON_TIME, DONE),
    (TaskStatus.IN_PROGRESS_OVERDUE, PAST_DUE),  # not done, the due day is behind ``on``
    (TaskStatus.IN_PROGRESS_ON_TIME, STARTED),  # some work or a percent reported
    (TaskStatus.NOT_STARTED, None),
)


@dataclass(frozen=True)
class DeadlineBasis:
    """What of a parsed deadline the status rule reads, as plain columns a table can store.

    ``due`` is the dated due day; ``per_period`` a recurring or continuous task (judged per
    period always); ``continues`` a dated task that goes on per period once ``due`` is past;
    ``cadence`` the period a per-period task is judged over.
    """

    due: dt.date | None
    per_period: bool
    continues: bool
    cadence: str


def deadline_basis(deadline: Mapping[str, Any] | None) -> DeadlineBasis:
    """Return the columns ``is_per_period`` and ``deadline_due`` read from a parsed deadline."""
    due = deadline_due(deadline)
    return DeadlineBasis(
        due=due,
        per_period=bool(deadline) and deadline.get("kind") in _PER_PERIOD_KINDS,  # type: ignore[union-attr]
        continues=bool(deadline) and bool(deadline.get("then")) and due is not None,  # type: ignore[union-attr]
        cadence=task_cadence(deadline),
    )


@dataclass(frozen=True)
class ReportedWork:
    """What a task's latest counted update says, as far as judging it goes (báo cáo mới nhất)."""

    status: str  # the agency's own word: "not_started" | "in_progress" | "done"
    percent: int
    done_on: dt.date | None  # the day reported done, if the agency gave one
    submitted_on: dt.date  # the day its report was submitted: "done" without a day counts from here


def judge_task(
    *,
    deadline: Mapping[str, Any] | None,
    reported: ReportedWork | None,
    on: dt.date,
    period_due: dt.date | None = None,
) -> TaskStatus:
    """Return a task's status on ``on`` from its latest counted update (None: nothing reported).

    For a recurring or continuous task the caller passes only an update of the judged period
    and that period's last day as ``period_due`` (see ``task_status``).
    """
    done_on = None
    if reported is not None and reported.status == "done":
        done_on = reported.done_on or reported.submitted_on
    started = reported is not None and (reported.status != "not_started" or reported.percent > 0)
    return task_status(deadline=deadline, done_on=done_on, started=started, on=on, period_due=period_due)


# --- indicator progress ----------------------------------------------------------------------


def indicator_progress(
    *,
    op: str,
    value: float | None,
    value_max: float | None,
    latest: float | bool | None,
    history: Sequence[float | bool | None] = (),
) -> tuple[bool | None, Trend]:
    """Return whether the latest value meets the target, and its trend since the value before.

    ``op`` is the indicator's operator (>=, <=, >, <, =, range, text); ``history`` holds the
    earlier values, oldest first. A yes/no value (Có/Không) meets a qualitative target when it
    is yes; a number against a qualitative target, or no value, gives None (not judged).
    """
    met: bool | None = None
    if latest is not None:
        if isinstance(latest, bool) and (op == "text" or value is None):
            met = latest
        elif op != "text" and value is not None:
            x = float(latest)
            met = {
                ">=": x >= value,
                "<=": x <= value,
                ">": x > value,
                "<": x < value,
                "=": x == value,
                "range": value <= x <= (value_max if value_max is not None else value),
            }.get(op)
    earlier = [v for v in history if v is not None]
    if latest is None or not earlier:
        return met, Trend.UNKNOWN
    before, now = float(earlier[-1]), float(latest)
    if now > before:
        return met, Trend.UP
    if now < before:
        return met, Trend.DOWN
    return met, Trend.FLAT
