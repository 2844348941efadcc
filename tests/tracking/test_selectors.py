"""Reads of progress reporting: the reporter's list and form, the coordinator's inbox, task
statuses and history; each list pins its query count at N and 3N rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.cast import _user

from theodoi.accounts.models import Role
from theodoi.directory.models import Agency
from theodoi.plans.models import Indicator, Plan, PlanStatus, ReportingDuty, Task
from theodoi.tracking import services
from theodoi.tracking.models import ProgressReport, ReportStatus
from theodoi.tracking.rules import TZ, TaskStatus, Trend
from theodoi.tracking.selectors import (
    amendment_get_for_user,
    chase_ups_for,
    coordinator_inbox,
    evidence_get_for_user,
    indicator_progress_for_plan,
    object_history,
    partner_tasks,
    report_form,
    reporter_open_reports,
    task_history,
    task_statuses,
)

pytestmark = pytest.mark.django_db

AFTER_Q3_DUE = dt.datetime(2025, 9, 20, 9, 0, tzinfo=TZ)


def _queries(fn: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _submit(report: ProgressReport, actor: Any, tasks: dict[int, dict[str, Any]]) -> ProgressReport:
    report = services.report_save_draft(
        report=report, actor=actor, version=report.version, data={"tasks": tasks}
    )
    return services.report_submit(report=report, actor=actor, version=report.version)


# --- the reporter's side -------------------------------------------------------------------


def test_a_reporter_sees_the_periods_its_agency_owes_and_not_the_accepted_ones(
    report_a: ProgressReport, reporter_a: Any, coordinator_a: Any, task_1: Task
) -> None:
    _submit(report_a, reporter_a, {task_1.pk: {"status": "done"}})
    services.report_accept(report=ProgressReport.objects.get(pk=report_a.pk), actor=coordinator_a)

    rows = reporter_open_reports(user=reporter_a, on=dt.date(2025, 12, 20))

    # Q3 is accepted; Q2 (looked for six months back), the year and Q4 (both due 15/12) are still owed.
    assert [(r.period.key, r.status) for r in rows] == [
        ("2025-Q2", "missing"),
        ("2025", "missing"),
        ("2025-Q4", "missing"),
    ]
    at = dt.datetime(2025, 12, 20, tzinfo=TZ)
    assert [r.is_late(at=at) for r in rows] == [True, True, True]


def test_the_form_shows_the_agencys_tasks_partners_and_indicators(
    report_a: ProgressReport,
    reporter_a: Any,
    reporter_finance_a: Any,
    task_1: Task,
    indicator_online: Indicator,
) -> None:
    services.contribution_save(
        actor=reporter_finance_a, task=task_1, period="2025-Q3", text="Bố trí kinh phí"
    )
    services.report_save_draft(
        report=report_a,
        actor=reporter_a,
        version=report_a.version,
        data={
            "tasks": {task_1.pk: {"status": "in_progress", "percent": 30}},
            "indicators": {indicator_online.pk: {"value": "85"}},
        },
    )

    form = report_form(report=report_a, user=reporter_a, on=dt.date(2025, 6, 1))

    (row,) = form.tasks
    assert (row.task, row.update.percent, row.status) == (task_1, 30, TaskStatus.IN_PROGRESS_ON_TIME)
    assert [c.text for c in row.contributions] == ["Bố trí kinh phí"]
    (ind,) = form.indicators
    assert (ind.indicator, ind.value.number, ind.expects, ind.met, ind.trend) == (
        indicator_online,
        85.0,
        "number",
        True,
        Trend.UNKNOWN,
    )
    assert form.can_edit


def test_the_coordinator_reads_the_form_but_cannot_edit_it(
    report_a: ProgressReport, coordinator_a: Any
) -> None:
    assert not report_form(report=report_a, user=coordinator_a).can_edit


def _lead_many(
    plan: Plan,
    agency: Agency,
    n: int,
    make_task: Callable[..., Task],
    make_indicator: Callable[..., Indicator],
) -> None:
    for i in range(n):
        make_task(
            plan,
            f"Nhiệm vụ thêm {i}",
            lead=[agency],
            partners=[plan.tasks.first().assignments.first().agency],
        )
        make_indicator(plan, f"Chỉ tiêu thêm {i}", monitor=[agency])


def test_the_form_takes_the_same_queries_for_n_and_3n_tasks(
    report_a: ProgressReport,
    reporter_a: Any,
    agencies: dict[str, Agency],
    make_task: Callable[..., Task],
    make_indicator: Callable[..., Indicator],
) -> None:
    plan = report_a.plan
    _lead_many(plan, agencies["science_a"], 3, make_task, make_indicator)
    report_form(report=report_a, user=reporter_a)  # the user's scope is cached after the first read
    small = _queries(lambda: report_form(report=report_a, user=reporter_a))

    _lead_many(plan, agencies["science_a"], 6, make_task, make_indicator)
    large = _queries(lambda: report_form(report=report_a, user=reporter_a))

    assert len(report_form(report=report_a, user=reporter_a).tasks) == 10
    assert small == large <= 8


def test_the_open_list_takes_the_same_queries_for_n_and_3n_plans(
    duties_a: Plan, reporter_a: Any, agencies: dict[str, Agency], units: Any, make_task: Callable[..., Task]
) -> None:
    def add_plans(n: int) -> None:
        for i in range(n):
            plan = Plan.objects.create(
                number=f"{100 + Plan.objects.count()}/KH-UBND",
                unit=units["a"],
                date=dt.date(2025, 3, 1),
                status=PlanStatus.ACTIVE,
            )
            make_task(plan, f"Nhiệm vụ {i}", lead=[agencies["science_a"]])

    add_plans(2)
    reporter_open_reports(user=reporter_a, on=dt.date(2025, 10, 1))
    small = _queries(lambda: reporter_open_reports(user=reporter_a, on=dt.date(2025, 10, 1)))
    add_plans(4)
    large = _queries(lambda: reporter_open_reports(user=reporter_a, on=dt.date(2025, 10, 1)))

    assert small == large


# --- the coordinator's inbox ---------------------------------------------------------------


def test_the_inbox_lists_submitted_missing_and_late_per_period(
    report_a: ProgressReport, reporter_a: Any, coordinator_a: Any, task_1: Task
) -> None:
    _submit(report_a, reporter_a, {task_1.pk: {"status": "in_progress", "percent": 50}})

    inbox = coordinator_inbox(user=coordinator_a, at=AFTER_Q3_DUE)

    assert [r.pk for r in inbox.to_review] == [report_a.pk]
    q3 = next(p for p in inbox.periods if p.period.key == "2025-Q3")
    assert [r.agency.name for r in q3.submitted] == ["Sở Khoa học và Công nghệ"]
    assert sorted(r.agency.name for r in q3.late) == ["Sở Tài chính", "Đài Phát thanh và Truyền hình tỉnh"]
    assert q3.submitted[0].late  # sent on the real clock, long after 15/09/2025


def test_another_provinces_coordinator_sees_nothing_of_province_a(
    report_a: ProgressReport, coordinator_b: Any
) -> None:
    inbox = coordinator_inbox(user=coordinator_b, at=AFTER_Q3_DUE)

    assert inbox.to_review == [] and inbox.periods == []


def test_a_reporter_has_no_inbox(report_a: ProgressReport, reporter_a: Any) -> None:
    assert coordinator_inbox(user=reporter_a, at=AFTER_Q3_DUE).periods == []


def _agencies_reporting(plan: Plan, units: Any, n: int, make_task: Callable[..., Task]) -> None:
    """Add ``n`` agencies that lead a task of ``plan``, each with a submitted Q3 report."""
    start = Agency.objects.count()
    for i in range(n):
        agency = Agency.objects.create(unit=units["a"], name=f"Sở thứ {start + i}")
        task = make_task(plan, f"Nhiệm vụ của sở {start + i}", lead=[agency])
        user = _user(f"baocao_{start + i}", role=Role.REPORTER, agency=agency)
        report = services.report_get_or_create_draft(
            actor=user, agency=agency, plan=plan, cadence="quarterly", period="2025-Q3"
        )
        _submit(report, user, {task.pk: {"status": "in_progress"}})


def test_the_inbox_takes_the_same_queries_for_n_and_3n_agencies(
    duties_a: Plan, coordinator_a: Any, units: Any, make_task: Callable[..., Task]
) -> None:
    _agencies_reporting(duties_a, units, 3, make_task)
    coordinator_inbox(user=coordinator_a, at=AFTER_Q3_DUE)
    small = _queries(lambda: coordinator_inbox(user=coordinator_a, at=AFTER_Q3_DUE))

    _agencies_reporting(duties_a, units, 6, make_task)
    large = _queries(lambda: coordinator_inbox(user=coordinator_a, at=AFTER_Q3_DUE))

    assert len(coordinator_inbox(user=coordinator_a, at=AFTER_Q3_DUE).to_review) == 9
    assert small == large


# --- task statuses and history -------------------------------------------------------------


def test_task_statuses_come_from_submitted_reports_only(
    report_a: ProgressReport, reporter_a: Any, plan_a: Plan, task_1: Task
) -> None:
    services.report_save_draft(
        report=report_a,
        actor=reporter_a,
        version=report_a.version,
        data={"tasks": {task_1.pk: {"status": "done", "done_on": "10/06/2025"}}},
    )
    drafted = task_statuses(plan=plan_a, on=dt.date(2025, 7, 1))
    _submit(
        ProgressReport.objects.get(pk=report_a.pk),
        reporter_a,
        {task_1.pk: {"status": "done", "done_on": "10/06/2025"}},
    )
    submitted = task_statuses(plan=plan_a, on=dt.date(2025, 7, 1))

    assert drafted[task_1.pk].status == TaskStatus.IN_PROGRESS_OVERDUE  # due 06/2025, nothing stated yet
    assert submitted[task_1.pk].status == TaskStatus.DONE_ON_TIME
    assert submitted[task_1.pk].percent == 100


def test_task_statuses_take_the_same_queries_for_n_and_3n_tasks(
    plan_a: Plan, agencies: dict[str, Agency], make_task: Callable[..., Task]
) -> None:
    for i in range(3):
        make_task(plan_a, f"Thêm {i}", lead=[agencies["finance_a"]], deadline="Thường xuyên")
    small = _queries(lambda: task_statuses(plan=plan_a, on=dt.date(2025, 7, 1)))
    for i in range(6):
        make_task(plan_a, f"Thêm nữa {i}", lead=[agencies["finance_a"]], deadline="Quý I/2026")
    large = _queries(lambda: task_statuses(plan=plan_a, on=dt.date(2025, 7, 1)))

    assert small == large == 3


def test_a_carried_over_task_shows_its_predecessors_reports(
    report_a: ProgressReport,
    reporter_a: Any,
    task_1: Task,
    units: Any,
    agencies: dict[str, Agency],
    make_task: Callable[..., Task],
) -> None:
    _submit(report_a, reporter_a, {task_1.pk: {"status": "in_progress", "percent": 70}})
    newer = Plan.objects.create(
        number="103/KH-UBND", unit=units["a_old"], date=dt.date(2025, 6, 1), status=PlanStatus.ACTIVE
    )
    successor = make_task(newer, task_1.name, lead=[agencies["science_a"]])
    successor.carried_from = task_1
    successor.save()

    history = task_history(task=successor)

    assert history.chain == [successor, task_1]
    assert [(u.task_id, u.percent) for u in history.updates] == [(task_1.pk, 70)]
    assert ProgressReport.objects.get(pk=report_a.pk).status == ReportStatus.SUBMITTED


def test_a_partner_sees_the_tasks_it_partners_on_with_its_contribution(
    reporter_finance_a: Any,
    task_1: Task,
    make_task: Callable[..., Task],
    agencies: dict[str, Agency],
    plan_a: Plan,
) -> None:
    services.contribution_save(
        actor=reporter_finance_a, task=task_1, period="2025-Q3", text="Bố trí kinh phí"
    )
    for i in range(3):
        make_task(plan_a, f"Phối hợp {i}", lead=[agencies["science_a"]], partners=[agencies["finance_a"]])

    rows = _queries(lambda: partner_tasks(user=reporter_finance_a, period="2025-Q3"))
    listed = partner_tasks(user=reporter_finance_a, period="2025-Q3")

    assert rows == 3
    assert [(r.task.code, r.version) for r in listed] == [("1", 1), ("3", 0), ("4", 0), ("5", 0)]
    assert [a.agency.name for a in listed[0].task.assignments.all()] == ["Sở Khoa học và Công nghệ"]


def test_a_reports_history_shows_who_changed_what(
    report_a: ProgressReport, reporter_a: Any, coordinator_a: Any, task_1: Task
) -> None:
    _submit(report_a, reporter_a, {task_1.pk: {"status": "in_progress", "percent": 20}})

    events = object_history(obj=report_a)

    assert [(e.action, e.actor) for e in events] == [
        ("report.submit", reporter_a),
        ("report.save_draft", reporter_a),
        ("report.create", reporter_a),
    ]
    assert events[0].before["status"] == "draft" and events[0].after["status"] == "submitted"


def test_indicator_progress_judges_the_latest_value_against_the_next_horizon(
    duties_a: Plan, reporter_a: Any, make_indicator: Callable[..., Indicator], agencies: dict[str, Agency]
) -> None:
    later = make_indicator(
        duties_a,
        "Tỷ lệ dịch vụ công trực tuyến toàn trình",
        monitor=[agencies["science_a"]],
        horizon=2025,
        target="≥ 60",
    )
    agency = agencies["science_a"]
    for period, value in (("2025-Q1", "55"), ("2025-Q2", "65")):
        report = services.report_get_or_create_draft(
            actor=reporter_a, agency=agency, plan=duties_a, cadence="quarterly", period=period
        )
        report = services.report_save_draft(
            report=report,
            actor=reporter_a,
            version=report.version,
            data={
                "tasks": {t.pk: {"status": "in_progress"} for t in duties_a.tasks.filter(code="1")},
                "indicators": {later.pk: {"value": value}},
            },
        )
        services.report_submit(report=report, actor=reporter_a, version=report.version)

    rows = {r.indicator.name: r for r in indicator_progress_for_plan(plan=duties_a, on=dt.date(2025, 7, 1))}
    in_2026 = {
        r.indicator.name: r for r in indicator_progress_for_plan(plan=duties_a, on=dt.date(2026, 1, 1))
    }

    online = rows["Tỷ lệ dịch vụ công trực tuyến toàn trình"]
    assert (online.indicator.horizon, online.latest.number, online.met, online.trend) == (
        2025,
        65.0,
        True,
        Trend.UP,
    )
    online_2026 = in_2026["Tỷ lệ dịch vụ công trực tuyến toàn trình"]
    assert (online_2026.indicator.horizon, online_2026.met) == (2030, False)  # 65 against ≥ 80
    assert rows["Chi cho khoa học và công nghệ"].met is None  # nothing stated yet


def test_a_leader_reads_the_provinces_inbox(
    report_a: ProgressReport, reporter_a: Any, leader_a: Any, task_1: Task
) -> None:
    _submit(report_a, reporter_a, {task_1.pk: {"status": "in_progress"}})

    inbox = coordinator_inbox(user=leader_a, at=AFTER_Q3_DUE)

    assert [r.pk for r in inbox.to_review] == [report_a.pk]


def test_a_weekly_plan_lists_only_the_last_weeks_unopened(plan_a: Plan, reporter_a: Any) -> None:
    ReportingDuty.objects.create(plan=plan_a, cadence="weekly", due_text="trước 10h00 thứ năm trong tuần")

    weeks = [r.period.key for r in reporter_open_reports(user=reporter_a, on=dt.date(2025, 7, 16))]

    assert weeks == ["2025-W24", "2025-W25", "2025-W26", "2025-W27", "2025-W28", "2025-W29"]


def test_proof_files_amendments_and_chase_ups_are_scoped_object_by_object(
    report_a: ProgressReport,
    reporter_a: Any,
    reporter_b: Any,
    coordinator_a: Any,
    coordinator_b: Any,
    task_1: Task,
    duties_a: Plan,
    agencies: dict[str, Agency],
) -> None:
    evidence = services.evidence_attach(
        actor=reporter_a, report=report_a, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n")
    )
    amendment = services.amendment_propose(actor=reporter_a, task=task_1, changes={"output": "Quyết định"})
    services.chase_up_send(
        actor=coordinator_a,
        plan=duties_a,
        cadence="quarterly",
        period="2025-Q3",
        agencies=[agencies["science_a"]],
    )

    assert evidence_get_for_user(user=coordinator_a, pk=evidence.pk) == evidence
    assert amendment_get_for_user(user=reporter_a, pk=amendment.pk) == amendment
    assert [c.agency for c in chase_ups_for(user=reporter_a)] == [agencies["science_a"]]
    assert chase_ups_for(user=reporter_b) == [] and chase_ups_for(user=coordinator_b) == []
    for stranger in (reporter_b, coordinator_b):
        with pytest.raises(PermissionDenied):
            evidence_get_for_user(user=stranger, pk=evidence.pk)
        with pytest.raises(PermissionDenied):
            amendment_get_for_user(user=stranger, pk=amendment.pk)
