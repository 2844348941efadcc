"""The consolidated report's content: statuses by section, remarks, indicators, compliance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.reports.conftest import ISSUED, send

from theodoi.accounts.models import Role
from theodoi.directory.models import Agency
from theodoi.plans.models import Plan, Task
from theodoi.reports.build import PeriodError, period_parse, period_phrase, report_content
from theodoi.tracking.rules import TaskStatus

pytestmark = pytest.mark.django_db


def test_tasks_are_counted_per_status_by_section(q3: Plan) -> None:
    report = report_content(plan=q3, period="2025-Q3", issued_on=ISSUED)

    assert report.on == dt.date(2025, 9, 30)
    assert [(s.code, len(s.tasks)) for s in report.sections] == [("I", 2), ("II", 1)]
    first, second = report.sections
    assert first.counts[TaskStatus.DONE_LATE] == 1
    assert first.counts[TaskStatus.NOT_STARTED] == 1
    assert second.counts[TaskStatus.IN_PROGRESS_OVERDUE] == 1
    assert sum(report.counts.values()) == 3


def test_a_task_finished_in_the_period_carries_its_proof(q3: Plan) -> None:
    report = report_content(plan=q3, period="2025-Q3", issued_on=ISSUED)

    (done,) = report.sections[0].done_in_period
    assert done.task.code == "1"
    assert done.done_on == dt.date(2025, 8, 20)
    assert (
        done.result
        == "Đã ban hành Kế hoạch chuyển đổi số. Minh chứng: Văn bản số 12/KH-SKHCN ngày 20/08/2025"
    )
    assert done.leads == ["Sở Khoa học và Công nghệ"]


def test_overdue_tasks_are_listed_with_their_percent(q3: Plan) -> None:
    report = report_content(plan=q3, period="2025-Q3", issued_on=ISSUED)

    (late,) = report.sections[1].overdue
    assert (late.task.name, late.percent) == ("Số hóa hồ sơ tài chính", 40)


def test_difficulties_and_proposals_come_from_accepted_reports_only(q3: Plan) -> None:
    report = report_content(plan=q3, period="2025-Q3", issued_on=ISSUED)

    assert [(r.text, r.agencies) for r in report.difficulties] == [
        ("Thiếu kinh phí triển khai nền tảng số", ["Sở Khoa học và Công nghệ"])
    ]
    assert [r.text for r in report.proposals] == ["Đề nghị bổ sung kinh phí năm 2026"]


def test_indicators_show_the_latest_value_against_the_target(q3: Plan) -> None:
    report = report_content(plan=q3, period="2025-Q3", issued_on=ISSUED)

    rows = {i.indicator.code: i for i in report.indicators}
    assert (rows["1"].latest, rows["1"].assessment) == ("85,5", "Đạt")
    assert (rows["2"].latest, rows["2"].assessment) == ("0,5", "Chưa đạt")
    assert rows["1"].agency == "Sở Khoa học và Công nghệ"


def test_compliance_counts_who_sent_and_names_who_did_not(q3: Plan) -> None:
    report = report_content(plan=q3, period="2025-Q3", issued_on=ISSUED)

    (quarterly,) = report.compliance
    assert (quarterly.cadence, quarterly.owed, quarterly.sent, quarterly.accepted) == ("quarterly", 3, 2, 1)
    assert quarterly.missing == ["Đài Phát thanh và Truyền hình tỉnh"]


def test_the_department_of_the_province_in_force_issues_it(q3: Plan) -> None:
    report = report_content(plan=q3, period="2025-Q3", issued_on=ISSUED)

    assert report.issuer.parent == "UBND TỈNH GIA LAI"  # Bình Định's plan, merged into Gia Lai
    assert report.issuer.place == "Gia Lai"
    assert report.subject == (
        "Kết quả thực hiện Kế hoạch số 37/KH-UBND ngày 26/02/2025 của UBND tỉnh Bình Định quý III năm 2025"
    )


@pytest.mark.parametrize("typed", ["2025-Q5", "2025-X1", "Q3-2025", "", "2025-M13"])
def test_a_bad_period_is_refused_naming_the_value_and_the_forms(typed: str) -> None:
    with pytest.raises(PeriodError) as caught:
        period_parse(typed)
    assert f"“{typed}”" in caught.value.message
    assert "2025-Q3 (quý)" in caught.value.message


@pytest.mark.parametrize(
    ("typed", "phrase"),
    [("2025-q3", "quý III năm 2025"), ("2025-M7", "tháng 7 năm 2025"), ("2025-H1", "6 tháng đầu năm 2025")],
)
def test_periods_are_read_as_people_type_them(typed: str, phrase: str) -> None:
    assert period_phrase(period_parse(typed)) == phrase


def _grow(plan: Plan, agencies: list[Agency], make_task: Callable[..., Task], quarter: str) -> None:
    from tests.cast import _user

    for n, agency in enumerate(agencies):
        task = make_task(plan, f"Nhiệm vụ bổ sung {agency.name}", lead=[agency], deadline="12/2025")
        reporter = _user(f"bc_{agency.pk}_{n}", role=Role.REPORTER, agency=agency)
        send(reporter, agency, plan, quarter, {"tasks": {task.pk: {"status": "in_progress", "percent": 30}}})


def test_the_report_costs_the_same_queries_for_n_and_3n_agencies(
    q3: Plan, units: dict[str, Any], make_task: Callable[..., Task]
) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            report_content(plan=q3, period="2025-Q3", issued_on=ISSUED)
        return len(ctx.captured_queries)

    more = [Agency.objects.create(unit=units["a"], name=f"Sở số {n}") for n in range(6)]
    _grow(q3, more[:2], make_task, "2025-Q3")
    small = count()
    _grow(q3, more[2:], make_task, "2025-Q3")
    assert count() == small
