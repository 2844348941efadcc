"""The tracking rules, as tables: no database.

The status table runs over every deadline printed in the gold sample plans
(``tests/data/gold/*.json``), parsed by ``parse_deadline``, in each situation: before and
after the due date, done or not, started or not.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from theodoi.ingest.normalise.deadlines import parse_deadline
from theodoi.tracking.rules import (
    TZ,
    TaskStatus,
    Trend,
    deadline_due,
    indicator_progress,
    is_per_period,
    parse_due_rule,
    period_bounds,
    period_containing,
    period_label,
    periods_for,
    task_status,
)

GOLD = sorted((Path(__file__).resolve().parents[1] / "data" / "gold").glob("*.json"))


def _walk_deadlines(node: Any) -> list[str | None]:
    if isinstance(node, dict):
        out = [node["deadline"]] if "deadline" in node else []
        return out + [d for k, v in node.items() if k != "deadline" for d in _walk_deadlines(v)]
    if isinstance(node, list):
        return [d for item in node for d in _walk_deadlines(item)]
    return []


def gold_deadlines() -> list[str | None]:
    seen: dict[str | None, None] = {}
    for path in GOLD:
        for text in _walk_deadlines(json.loads(path.read_text(encoding="utf-8"))):
            seen.setdefault(text, None)
    return list(seen)


def gold_duties() -> list[tuple[str, str | None]]:
    seen: dict[tuple[str, str | None], None] = {}
    for path in GOLD:
        for duty in json.loads(path.read_text(encoding="utf-8"))["document"].get("reporting") or []:
            seen.setdefault((duty["cadence"], duty["due"]), None)
    return list(seen)


DEADLINES = gold_deadlines()
PERIOD_DUE = dt.date(2025, 9, 30)  # the last day of the period a per-period task is judged over
NO_DUE_ANCHOR = dt.date(2025, 9, 30)

N, ON_TIME, OVERDUE, DONE, LATE = (
    TaskStatus.NOT_STARTED,
    TaskStatus.IN_PROGRESS_ON_TIME,
    TaskStatus.IN_PROGRESS_OVERDUE,
    TaskStatus.DONE_ON_TIME,
    TaskStatus.DONE_LATE,
)

# situation: on (days from the due date), done_on (days from the due date, None = not done),
# started, status when the task has a due date, status when it has none.
SITUATIONS = [
    ("before the due date, nothing reported", -10, None, False, N, N),
    ("before the due date, work reported", -10, None, True, ON_TIME, ON_TIME),
    ("on the due date, work reported", 0, None, True, ON_TIME, ON_TIME),
    ("after the due date, work reported", 1, None, True, OVERDUE, ON_TIME),
    ("after the due date, nothing reported", 30, None, False, OVERDUE, N),
    ("done before the due date", 30, -5, True, DONE, DONE),
    ("done on the due date", 30, 0, True, DONE, DONE),
    ("done a day late", 30, 1, True, LATE, DONE),
]


def _cases() -> list[Any]:
    out = []
    for text in DEADLINES:
        parsed = parse_deadline(text)
        for name, on_days, done_days, started, with_due, without_due in SITUATIONS:
            out.append(
                pytest.param(
                    text, parsed, on_days, done_days, started, with_due, without_due, id=f"{text}|{name}"
                )
            )
    return out


def _anchor(parsed: dict[str, Any] | None, on_days: int) -> tuple[dt.date, dt.date | None, bool]:
    """Return (the date the situation is relative to, the period's due, whether there is a due date)."""
    due = deadline_due(parsed)
    if due is not None and not (parsed or {}).get("then"):
        return due, None, True
    if due is not None:  # "12/2025 và thường xuyên": the first term, then per period
        on = due + dt.timedelta(days=on_days)
        if on <= due:
            return due, None, True
        return PERIOD_DUE.replace(year=due.year + 1), PERIOD_DUE.replace(year=due.year + 1), True
    if (parsed or {}).get("kind") in ("recurring", "continuous"):
        return PERIOD_DUE, PERIOD_DUE, True
    return NO_DUE_ANCHOR, None, False


@pytest.mark.parametrize(
    ("text", "parsed", "on_days", "done_days", "started", "with_due", "without_due"), _cases()
)
def test_task_status_over_every_gold_deadline(
    text: str | None,
    parsed: dict[str, Any] | None,
    on_days: int,
    done_days: int | None,
    started: bool,
    with_due: TaskStatus,
    without_due: TaskStatus,
) -> None:
    anchor, period_due, has_due = _anchor(parsed, on_days)
    on = anchor + dt.timedelta(days=on_days)
    done_on = None if done_days is None else anchor + dt.timedelta(days=done_days)

    status = task_status(deadline=parsed, done_on=done_on, started=started, on=on, period_due=period_due)

    assert status == (with_due if has_due else without_due)


def test_the_gold_deadlines_cover_every_parsed_form() -> None:
    kinds = {(parse_deadline(t) or {"kind": None})["kind"] for t in DEADLINES}
    thens = {(parse_deadline(t) or {}).get("then") for t in DEADLINES}

    assert kinds >= {None, "month", "year", "range", "quarter", "date", "recurring", "continuous", "event"}
    assert thens >= {"continuous", "recurring"}


def test_a_recurring_task_without_a_period_is_never_overdue() -> None:
    status = task_status(
        deadline=parse_deadline("Hằng tháng"), done_on=None, started=True, on=dt.date(2030, 1, 1)
    )

    assert status == ON_TIME


def test_a_task_continuing_after_its_first_term_is_judged_per_period_once_that_term_is_past() -> None:
    parsed = parse_deadline("12/2025 và thường xuyên")

    assert not is_per_period(parsed, on=dt.date(2025, 12, 31))
    assert is_per_period(parsed, on=dt.date(2026, 1, 1))


def test_every_status_has_a_vietnamese_label() -> None:
    assert [s.label for s in TaskStatus] == [
        "Chưa triển khai",
        "Đang thực hiện trong hạn",
        "Đang thực hiện quá hạn",
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
    ]


# --- periods -------------------------------------------------------------------------------

# (cadence, due rule as printed in a gold plan) -> the first period from 01/07/2025 and its due moment
DUE_RULES = {
    ("monthly", "trước ngày 15 của tháng"): ("2025-M07", dt.datetime(2025, 7, 15, tzinfo=TZ)),
    ("quarterly", "trước ngày 15 của tháng"): ("2025-Q3", dt.datetime(2025, 9, 15, tzinfo=TZ)),
    ("annual", "trước ngày 15 của tháng"): ("2025", dt.datetime(2025, 12, 15, tzinfo=TZ)),
    ("annual", None): ("2025", dt.datetime(2025, 12, 15, tzinfo=TZ)),
    ("ad_hoc", None): None,
    ("weekly", "trước 10h00 thứ năm trong tuần"): ("2025-W27", dt.datetime(2025, 7, 3, 10, 0, tzinfo=TZ)),
    ("monthly", "trước ngày 18 của tháng"): ("2025-M07", dt.datetime(2025, 7, 18, tzinfo=TZ)),
    ("quarterly", "trước ngày 15 tháng cuối quý"): ("2025-Q3", dt.datetime(2025, 9, 15, tzinfo=TZ)),
    ("annual", "trước ngày 15 tháng 12"): ("2025", dt.datetime(2025, 12, 15, tzinfo=TZ)),
    ("ad_hoc", "kịp thời"): None,
    ("annual", "trước ngày 01 tháng 12"): ("2025", dt.datetime(2025, 12, 1, tzinfo=TZ)),
    ("annual", "tại phiên họp cuối năm"): (
        "2025",
        dt.datetime(2025, 12, 15, tzinfo=TZ),
    ),  # unreadable: default
}


def test_the_due_rule_table_covers_every_reporting_duty_in_the_gold_plans() -> None:
    assert set(gold_duties()) <= set(DUE_RULES)


@pytest.mark.parametrize(("cadence", "printed"), list(DUE_RULES), ids=[f"{c}|{t}" for c, t in DUE_RULES])
def test_first_period_and_due_moment_for_each_printed_rule(cadence: str, printed: str | None) -> None:
    periods = periods_for(cadence, printed, start=dt.date(2025, 7, 1), end=dt.date(2025, 12, 31))

    first = (periods[0].key, periods[0].due_at) if periods else None
    assert first == DUE_RULES[(cadence, printed)]


@pytest.mark.parametrize(
    ("cadence", "count"), [("weekly", 27), ("monthly", 6), ("quarterly", 2), ("semiannual", 1), ("annual", 1)]
)
def test_periods_cover_the_range_without_gaps(cadence: str, count: int) -> None:
    periods = periods_for(cadence, None, start=dt.date(2025, 7, 1), end=dt.date(2025, 12, 31))

    assert len(periods) == count
    assert all(b.start == a.end + dt.timedelta(days=1) for a, b in itertools.pairwise(periods))


def test_defaults_when_the_plan_says_nothing() -> None:
    assert parse_due_rule("weekly", "").weekday == 3
    assert parse_due_rule("weekly", "").hour == 10
    assert parse_due_rule("monthly", None).day == 15
    assert parse_due_rule("annual", "").month == 12
    semiannual = periods_for("semiannual", None, start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30))
    assert semiannual[0].due_at == dt.datetime(2025, 6, 15, tzinfo=TZ)


def test_a_day_past_the_month_end_falls_on_its_last_day() -> None:
    (period,) = periods_for(
        "monthly", "trước ngày 31 hằng tháng", start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30)
    )

    assert period.due_at == dt.datetime(2025, 6, 30, tzinfo=TZ)


def test_holidays_move_nothing_unless_given() -> None:
    national_day = dt.date(2025, 9, 2)
    rule = "trước ngày 02 tháng cuối quý"

    (plain,) = periods_for("quarterly", rule, start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30))
    (moved,) = periods_for(
        "quarterly",
        rule,
        start=dt.date(2025, 7, 1),
        end=dt.date(2025, 9, 30),
        holidays=[national_day, dt.date(2025, 9, 3)],
    )

    assert plain.due_at == dt.datetime(2025, 9, 2, tzinfo=TZ)
    assert moved.due_at == dt.datetime(2025, 9, 4, tzinfo=TZ)


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("2025-W28", "Tuần 28/2025 (07/07–13/07/2025)"),
        ("2025-M07", "Tháng 07/2025"),
        ("2025-Q3", "Quý III/2025"),
        ("2025-H1", "6 tháng đầu năm 2025"),
        ("2025", "Năm 2025"),
    ],
)
def test_period_keys_round_trip_and_read_in_vietnamese(key: str, label: str) -> None:
    cadence, start, _ = period_bounds(key)

    assert period_containing(cadence, start)[0] == key
    assert period_label(key) == label


@pytest.mark.parametrize("key", ["2025-M13", "2025-Q5", "25-Q1", "2025-X1", ""])
def test_a_malformed_period_key_is_refused(key: str) -> None:
    with pytest.raises(ValueError):
        period_bounds(key)


# --- indicators ----------------------------------------------------------------------------

INDICATORS = [
    # op, value, value_max, latest, history, (met, trend)
    (">=", 80, None, 85.0, [70.0], (True, Trend.UP)),
    (">=", 80, None, 80.0, [80.0], (True, Trend.FLAT)),
    (">=", 80, None, 60.0, [70.0], (False, Trend.DOWN)),
    (">", 0.75, None, 0.75, [], (False, Trend.UNKNOWN)),
    ("<=", 20, None, 18.0, [25.0], (True, Trend.DOWN)),  # a rank: going down is getting better
    ("<", 5, None, 5.0, [None, 6.0], (False, Trend.DOWN)),
    ("=", 100, None, 100.0, [90.0], (True, Trend.UP)),
    ("range", 16, 18, 17.0, [15.0], (True, Trend.UP)),
    ("range", 16, 18, 19.0, [], (False, Trend.UNKNOWN)),
    ("text", None, None, True, [False], (True, Trend.UP)),
    ("text", None, None, False, [], (False, Trend.UNKNOWN)),
    ("text", None, None, 12.0, [], (None, Trend.UNKNOWN)),
    (">=", 80, None, None, [70.0], (None, Trend.UNKNOWN)),
]


@pytest.mark.parametrize(("op", "value", "value_max", "latest", "history", "expected"), INDICATORS)
def test_indicator_progress(
    op: str, value: float | None, value_max: float | None, latest: Any, history: list[Any], expected: Any
) -> None:
    assert (
        indicator_progress(op=op, value=value, value_max=value_max, latest=latest, history=history)
        == expected
    )
