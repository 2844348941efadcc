"""Leaders read the evaluation pages: the province dashboard, a scorecard, the national view and
the public page, at desktop and phone size (screenshots in test-artifacts/screenshots/).

The data: Bình Định's 37/KH-UBND (now under Gia Lai) with a year and a half of quarterly reports
from its lead agencies: some tasks done, some late, indicators rising.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _reports(plan: Any) -> None:
    """Give the plan quarterly reports from its lead agencies, 2025-Q2 to the last quarter ended."""
    from django.utils import timezone

    from theodoi.plans.models import AgencyRole, IndicatorAgency, ReportingDuty, TaskAgency
    from theodoi.tracking import rules
    from theodoi.tracking.models import IndicatorValue, ProgressReport, ReportStatus, TaskUpdate, WorkStatus

    ReportingDuty.objects.get_or_create(
        plan=plan, cadence="quarterly", defaults={"due_text": "trước ngày 15 tháng cuối quý"}
    )
    today = timezone.localdate()
    quarters = rules.periods_for(
        "quarterly",
        "trước ngày 15 tháng cuối quý",
        start=dt.date(2025, 4, 1),
        end=today - dt.timedelta(days=92),
    )
    leads: dict[int, list[Any]] = {}
    for mention in TaskAgency.objects.filter(task__plan=plan, role=AgencyRole.LEAD).select_related("task"):
        leads.setdefault(mention.agency_id, []).append(mention.task)
    monitors: dict[int, list[Any]] = {}
    for mention in IndicatorAgency.objects.filter(indicator__plan=plan).select_related("indicator"):
        monitors.setdefault(mention.agency_id, []).append(mention.indicator)
    for a, (agency_id, tasks) in enumerate(sorted(leads.items())):
        if a % 5 == 4:
            continue  # one agency in five never reports
        for q, period in enumerate(quarters):
            sent = period.due_at + dt.timedelta(days=3 if (a + q) % 4 == 0 else -2)
            report = ProgressReport.objects.create(
                agency_id=agency_id,
                plan=plan,
                cadence="quarterly",
                period=period.key,
                period_start=period.start,
                period_end=period.end,
                due_at=period.due_at,
                status=ReportStatus.ACCEPTED,
                submitted_at=sent,
                last_submitted_at=sent,
            )
            for t, task in enumerate(tasks):
                done = (t + a) % 3 == 0 and q >= 1
                TaskUpdate.objects.create(
                    report=report,
                    task=task,
                    status=WorkStatus.DONE if done else WorkStatus.IN_PROGRESS,
                    percent=100 if done else min(90, 20 * (q + 1)),
                    done_on=period.end - dt.timedelta(days=10 * (t % 4)) if done else None,
                )
            for i, indicator in enumerate(monitors.get(agency_id, [])):
                if indicator.value is not None:
                    IndicatorValue.objects.create(
                        report=report,
                        indicator=indicator,
                        number=round(indicator.value * (0.35 + 0.12 * q + 0.02 * i), 1),
                    )
    # Rows written straight to the tables bypass the services that keep the derived tables
    # current, so they are rebuilt as the nightly job would after a bulk load.
    call_command("rebuild_task_progress", stdout=io.StringIO(), stderr=io.StringIO())


def _other_province() -> None:
    """Give Đồng Tháp a plan of its own, with its digital-economy target, for the national view."""
    from theodoi.directory.models import AdministrativeUnit, Agency, UnitLevel
    from theodoi.plans.models import AgencyRole, Indicator, Plan, PlanStatus, Task, TaskAgency

    province = AdministrativeUnit.objects.get(name="Đồng Tháp", level=UnitLevel.PROVINCE, successor=None)
    agency = Agency.objects.create(unit=province, name="Sở Khoa học và Công nghệ")
    plan = Plan.objects.create(
        number="12/KH-UBND",
        unit=province,
        date=dt.date(2025, 8, 1),
        status=PlanStatus.ACTIVE,
        title="Kế hoạch",
    )
    for n, deadline in enumerate(["09/2025", "12/2025", "06/2026", "12/2026", "12/2027", "Thường xuyên"]):
        task = Task.objects.create(
            plan=plan, code=str(n + 1), name=f"Nhiệm vụ {n + 1}", deadline_text=deadline, position=n
        )
        TaskAgency.objects.create(task=task, agency=agency, role=AgencyRole.LEAD, printed_name=agency.name)
    Indicator.objects.create(
        plan=plan,
        horizon=2030,
        name="Kinh tế số chiếm tỷ trọng GRDP",
        unit="% GRDP",
        target_text="≥ 25",
        op=">=",
        value=25,
    )


@pytest.fixture
def reported(gold_plan: Any) -> Any:
    _reports(gold_plan)
    _other_province()
    return gold_plan


@pytest.fixture
def central_viewer(gold_plan: Any, django_user_model: Any, password: str) -> Any:
    from theodoi.accounts.models import Profile, Role

    user = django_user_model.objects.create_user(
        username="trunguong.bokhcn", password=password, first_name="Trần Văn", last_name="Minh"
    )
    Profile.objects.create(user=user, role=Role.CENTRAL)
    return user


def _sign_in(page: Any, url: str, user: Any, password: str) -> None:
    page.goto(f"{url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_leaders_read_the_dashboards(
    live_server: Any,
    page: Any,
    shoot: Any,
    viewport: Any,
    coordinator: Any,
    central_viewer: Any,
    reported: Any,
    password: str,
) -> None:
    province = reported.unit.current_unit()

    # A coordinator signs in and lands on the province dashboard, charts drawn.
    _sign_in(page, live_server.url, coordinator, password)
    page.wait_for_url(re.compile(r"/tong-quan/$"))
    assert page.locator("h1").inner_text() == f"Tỉnh {province.name}"
    expect(page.locator("canvas[data-chart='chart-status'][data-drawn='1']")).to_have_count(1)
    total = int(page.locator(".tile").first.locator("strong").inner_text().replace(".", ""))
    assert total == reported.tasks.count()
    shoot("1-tong-quan")
    shoot("1-tong-quan-ca-trang", full_page=True)

    # Every number leads to its rows: the overdue tile opens the overdue tasks.
    overdue = page.locator(".tile--bad strong").inner_text()
    page.locator(".tile--bad a").click()
    page.wait_for_url(re.compile(r"/nhiem-vu/\?.*trang-thai=qua-han"))
    assert page.locator(".results__count").inner_text() == f"{overdue} nhiệm vụ"
    assert page.locator(".status--in_progress_overdue").count() > 0
    shoot("2-nhiem-vu-qua-han")

    # The scorecard ranks the agencies; a column header sorts them.
    page.goto(f"{live_server.url}/tong-quan/bang-diem/")
    rows = page.locator("table.table--score tbody tr")
    assert rows.count() > 5
    assert rows.first.locator("td.rank").inner_text() == "1"
    shoot("3-bang-diem")
    if viewport.mobile:  # the table is cards on a phone: the sort is a list above it
        page.get_by_label("Sắp xếp theo").select_option("qua-han")
    else:
        page.locator("th a.sort", has_text="Nhiệm vụ quá hạn").click()
    expect(page).to_have_url(re.compile(r"sap-xep=qua-han"))
    expect(page.locator("th[aria-sort='descending']")).to_contain_text("Nhiệm vụ quá hạn")
    shoot("4-bang-diem-sap-xep")

    # A central viewer lands on the national view: Gia Lai counts Bình Định's plan, and the
    # count opens the province's plan list (one link per province, not per plan).
    page.context.clear_cookies()
    _sign_in(page, live_server.url, central_viewer, password)
    page.wait_for_url(re.compile(r"/toan-quoc/$"))
    row = page.locator("table.table--national tbody tr", has_text=province.name)
    expect(row.get_by_role("link", name="1 kế hoạch")).to_have_count(1)
    expect(page.locator("canvas[data-chart='chart-mix'][data-drawn='1']")).to_have_count(1)
    shoot("5-toan-quoc")
    row.get_by_role("link", name="1 kế hoạch").click()
    page.wait_for_url(re.compile(r"/ke-hoach/\?tinh=\d+&trang_thai=active$"))
    expect(page.locator("tbody tr", has_text="37/KH-UBND")).to_contain_text("Bình Định (nay thuộc Gia Lai)")
    shoot("5b-ke-hoach-cua-tinh")
    page.go_back()
    page.locator("#so-sanh").scroll_into_view_if_needed()
    shoot("6-so-sanh-chi-tieu")

    # Anyone reads the public page of the province, without signing in.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/cong-khai/{province.code}/")
    assert page.locator("h1").inner_text() == f"Thực hiện Nghị quyết 57 tại {province.full_name}"
    assert page.get_by_role("link", name="Đăng xuất").count() == 0
    expect(page.locator(".public-plan").first).to_contain_text("37/KH-UBND")
    expect(page.get_by_role("link", name="nhiệm vụ (.csv)")).to_have_count(1)
    shoot("7-cong-khai")
    page.locator(".indicator-card canvas").first.scroll_into_view_if_needed()
    shoot("8-cong-khai-chi-tieu")
    if not viewport.mobile:
        page.emulate_media(media="print")
        shoot("9-cong-khai-ban-in", full_page=True)
