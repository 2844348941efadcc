"""A coordinator signs in, opens a plan, follows a task's lead agency, and searches.

Runs at desktop and phone size; screenshots of each step go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "mat-khau-hanh-trinh-57"
FIRST_TASK = "Triển khai tuyên truyền thường xuyên, sâu rộng về nội dung Nghị quyết 57-NQ/TW"


def test_browse_plan_to_agency_and_search(
    live_server: Any, page: Any, shoot: Any, coordinator: Any, gold_plan: Any
) -> None:
    # Given a coordinator who is not signed in, opening the plan list lands on the sign-in page.
    page.goto(f"{live_server.url}/ke-hoach/")
    assert page.locator("h1").inner_text() == "Đăng nhập"
    shoot("1-dang-nhap")

    # When they sign in, they see the plans of their province, Bình Định's included.
    page.get_by_label("Tên đăng nhập").fill(coordinator.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/ke-hoach/$"))
    plan_link = page.get_by_role("link", name="37/KH-UBND")
    assert plan_link.is_visible()
    assert "26/02/2025" in page.locator("#ket-qua").inner_text()
    shoot("2-danh-sach-ke-hoach")

    # The status filter narrows the list in place (htmx) and keeps the address shareable.
    page.get_by_label("Trạng thái").select_option("draft")
    expect(page).to_have_url(re.compile(r"trang_thai=draft"))
    page.get_by_text("Không có kế hoạch nào phù hợp").wait_for()
    page.get_by_label("Trạng thái").select_option("active")
    expect(page).to_have_url(re.compile(r"trang_thai=active"))
    plan_link.wait_for()

    # The plan page shows the header, the sections and the tasks with their agencies.
    plan_link.click()
    page.wait_for_url(re.compile(rf"/ke-hoach/{gold_plan.pk}/$"))
    assert "Kế hoạch số 37/KH-UBND" in page.locator("h1").inner_text()
    assert "Phạm Anh Tuấn" in page.locator(".facts").inner_text()
    shoot("3-ke-hoach")
    first_row = page.locator("table.table--tasks tbody tr").first
    assert FIRST_TASK in first_row.inner_text()
    first_row.scroll_into_view_if_needed()
    shoot("4-bang-nhiem-vu")
    page.locator("#chi-tieu").scroll_into_view_if_needed()
    assert "Đến năm 2030" in page.locator("#chi-tieu").inner_text()
    shoot("5-chi-tieu")

    # Following the first task's lead agency opens that agency, which lists the task.
    lead = first_row.locator('td[data-label="Chủ trì"] a').first
    lead_name = lead.inner_text()
    lead.click()
    page.wait_for_url(re.compile(r"/co-quan/\d+/$"))
    assert page.locator("h1").inner_text().startswith(lead_name)
    assert page.get_by_role("link", name=FIRST_TASK).count() == 1
    shoot("6-co-quan")

    # Searching without diacritics finds tasks printed with them, words marked, as you type.
    page.goto(f"{live_server.url}/tim-kiem/")
    page.get_by_label("Từ khóa").press_sequentially("chuyen doi so", delay=30)
    page.locator("#ket-qua mark").first.wait_for()
    expect(page).to_have_url(re.compile(r"q=chuyen(\+|%20)doi(\+|%20)so"))
    marked = {text.lower() for text in page.locator("#ket-qua mark").all_inner_texts()}
    assert {"chuyển", "đổi", "số"} <= marked
    assert page.locator("#ket-qua .hit").count() > 0
    shoot("7-tim-kiem")
