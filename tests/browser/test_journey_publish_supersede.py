"""Bình Định's 103/KH-UBND (sample 000) replaces its 37/KH-UBND (sample 003, already active).

The science department has a report on task I.1 of 37/KH-UBND accepted (made through the
services in the test's setup). The coordinator of Gia Lai uploads 000; its header says it
replaces 37/KH-UBND, so the publish page opens on that plan with the difference (tasks added,
removed, changed); after publishing, 37/KH-UBND is "Đã được thay thế" and still readable, the
new plan's tasks point at the tasks they continue, and the new task 1 shows the report made
on the old one in its history. Extraction runs within the upload request (the immediate task
backend). Desktop and phone.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_000 = ROOT / "samples" / "plans" / "000_e412e5038f44b581.txt"
EXTRACTION_TIMEOUT = 120_000  # ms
DONE_TEXT = "Đã tổ chức 12 hội nghị phổ biến Nghị quyết 57-NQ/TW cho cán bộ chủ chốt"


@pytest.fixture
def immediate_tasks(settings: Any, tmp_path: Path) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def accepted_report(gold_plan: Any, coordinator: Any, django_user_model: Any, password: str) -> Any:
    """The science department's 2025 yearly report on task I.1 of 37/KH-UBND, sent and accepted."""
    from theodoi.accounts.models import Profile, Role
    from theodoi.plans.models import AgencyRole
    from theodoi.tracking import rules, services

    task = gold_plan.tasks.get(section__code="I", code="1")
    science = task.assignments.get(role=AgencyRole.LEAD).agency
    reporter = django_user_model.objects.create_user(username="baocao.khcn", password=password)
    Profile.objects.create(user=reporter, role=Role.REPORTER, agency=science)
    period = rules.period_containing(rules.ANNUAL, dt.date(2025, 6, 30))[0]
    report = services.report_get_or_create_draft(
        actor=reporter, agency=science, plan=gold_plan, cadence=rules.ANNUAL, period=period
    )
    # A report is sent whole: every task the department leads gets a status, task I.1 its progress.
    led = gold_plan.tasks.filter(assignments__agency=science, assignments__role=AgencyRole.LEAD).distinct()
    rows = {other.pk: {"status": "not_started"} for other in led}
    rows[task.pk] = {"status": "in_progress", "percent": 60, "done_text": DONE_TEXT}
    report = services.report_save_draft(
        report=report, actor=reporter, version=report.version, data={"tasks": rows}
    )
    report = services.report_submit(report=report, actor=reporter, version=report.version)
    return services.report_accept(report=report, actor=coordinator, version=report.version)


def htmx_idle(page: Any) -> None:
    """Wait until htmx has no request in flight and has settled what it swapped in."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping, .htmx-added')"
    )


def test_publish_000_over_003(
    live_server: Any,
    page: Any,
    shoot: Any,
    coordinator: Any,
    gold_plan: Any,
    password: str,
    immediate_tasks: None,
    accepted_report: Any,
) -> None:
    from theodoi.plans.models import Plan, PlanStatus, Task
    from theodoi.tracking.models import ReportStatus

    assert accepted_report.status == ReportStatus.ACCEPTED

    # Given the coordinator of Gia Lai, with Bình Định's 37/KH-UBND active, uploads 103/KH-UBND.
    page.goto(f"{live_server.url}/nhap-ke-hoach/")
    page.get_by_label("Tên đăng nhập").fill(coordinator.username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/nhap-ke-hoach/$"))
    page.locator("input[type=file]").set_input_files(str(SAMPLE_000))
    page.get_by_role("button", name="Tải lên và trích xuất").click()
    page.wait_for_url(re.compile(r"/nhap-ke-hoach/\d+/$"), timeout=EXTRACTION_TIMEOUT)
    expect(page.locator("h1")).to_contain_text("Rà soát kế hoạch 103/KH-UBND", timeout=EXTRACTION_TIMEOUT)
    shoot("1-ra-soat")

    # The header names the plan it replaces; the cell reads 37/KH-UBND.
    expect(page.locator("#o-document-supersedes")).to_contain_text("37/KH-UBND")

    # A lead agency is picked from the directory by typing without marks.
    page.get_by_role("link", name=re.compile("^Nhiệm vụ")).click()
    lead = page.locator("#o-tasks-0-lead")
    htmx_idle(page)
    lead.locator("button.cell__button").click()
    search = lead.get_by_placeholder("Gõ tên cơ quan để tìm (không cần dấu)…")
    search.press_sequentially("so tai chinh", delay=20)
    suggestion = lead.locator(".suggest__item").filter(has_text=re.compile("^Sở Tài chính", re.I)).first
    expect(suggestion).to_be_visible()
    # The name is in the directory already, marks aside: no offer to add it as a new agency.
    expect(lead.locator(".suggest__item--new")).to_have_count(0)
    shoot("2-chon-co-quan")
    htmx_idle(page)
    suggestion.click()
    expect(lead.locator(".chip").last).to_contain_text(re.compile("Sở Tài chính", re.I))
    lead.get_by_role("button", name="Lưu").click()
    expect(page.locator("#o-tasks-0-lead .cell__button")).to_contain_text(re.compile("Sở Tài chính", re.I))

    # When they go to publish, the plan replaced is picked and the difference is shown first.
    page.get_by_role("link", name="Ban hành kế hoạch…").click()
    page.wait_for_url(re.compile(r"/cong-bo/$"))
    picked = page.get_by_label("Kế hoạch được thay thế")
    assert picked.locator("option:checked").inner_text().startswith("37/KH-UBND")
    difference = page.locator("#khac-biet")
    expect(difference).to_contain_text("Khác biệt so với kế hoạch 37/KH-UBND")
    stats = difference.locator(".stats--diff").inner_text()
    assert "thêm mới" in stats and "bỏ" in stats and "thay đổi" in stats
    shoot("3-khac-biet")
    changed = difference.locator("table.table--diff").first
    expect(changed.locator("del").first).to_be_visible()
    expect(changed.locator("ins").first).to_be_visible()
    changed.scroll_into_view_if_needed()
    shoot("4-thay-doi")

    # Choosing no plan hides the difference; choosing 37/KH-UBND again brings it back.
    picked.select_option(label="Không thay thế kế hoạch nào")
    expect(difference).to_contain_text("không thay thế kế hoạch nào")
    htmx_idle(page)
    page.get_by_label("Kế hoạch được thay thế").select_option(value=str(gold_plan.pk))
    expect(page.locator("#khac-biet")).to_contain_text("Khác biệt so với kế hoạch 37/KH-UBND")
    htmx_idle(page)

    # Then publishing makes 103/KH-UBND active and 37/KH-UBND superseded.
    page.get_by_role("button", name="Ban hành, thay thế kế hoạch 37/KH-UBND").click()
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("Đã ban hành kế hoạch 103/KH-UBND")
    expect(page.locator(".messages")).to_contain_text("37/KH-UBND chuyển sang “đã được thay thế”")
    assert "Đang hiệu lực" in page.locator("h1").inner_text()
    shoot("5-ke-hoach-moi")

    new = Plan.objects.get(number="103/KH-UBND")
    carried = Task.objects.filter(plan=new, carried_from__plan=gold_plan).count()
    assert carried > 0
    gold_plan.refresh_from_db()
    assert gold_plan.status == PlanStatus.SUPERSEDED

    # The new plan's tasks link the tasks they continue; following one opens the old plan, readable.
    link = page.locator("a.carried").first
    link.scroll_into_view_if_needed()
    expect(link).to_contain_text("của kế hoạch 37/KH-UBND")
    assert page.locator("a.carried").count() == carried
    shoot("6-noi-tiep")
    link.click()
    page.wait_for_url(re.compile(rf"/ke-hoach/{gold_plan.pk}/#nv-\d+$"))
    expect(page.locator("h1")).to_contain_text("Đã được thay thế")
    expect(page.locator(".facts")).to_contain_text("103/KH-UBND")
    shoot("7-nhiem-vu-cu")
    page.evaluate("window.scrollTo(0, 0)")
    shoot("8-ke-hoach-cu")

    # Progress carried over: task 1 of 103/KH-UBND continues task I.1 of 37/KH-UBND, and its
    # page shows the report accepted on the old task, marked as made under the old plan.
    old_task = gold_plan.tasks.get(section__code="I", code="1")
    new_task = Task.objects.get(plan=new, carried_from=old_task)
    page.goto(f"{live_server.url}/nhiem-vu/{new_task.pk}/")
    expect(page.locator(".facts")).to_contain_text("Nhiệm vụ 1 của kế hoạch 37/KH-UBND")
    # Its status line reads the old task's accepted report as its newest (task I.1 is monthly,
    # so this month, with nothing reported yet, it is still judged "not started" for the month).
    expect(page.locator("p:has(> .status)").first).to_contain_text("60% theo báo cáo")
    history = page.locator("#bao-cao-cac-ky")
    expect(history).to_contain_text("(1)")
    row = history.locator("tbody tr").first
    expect(row).to_contain_text(DONE_TEXT)
    expect(row).to_contain_text("60%")
    expect(row.locator(".carried")).to_contain_text("Kế hoạch 37/KH-UBND")
    history.scroll_into_view_if_needed()
    shoot("9-lich-su-noi-tiep")
