"""The science department proposes a later deadline for its task; the coordinator approves it from
the inbox; the task page shows the new deadline, the amendment and the change in its history.

Desktop and phone; a screenshot at each step in test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.browser.tracking_journeys import give_duties, sign_in

from theodoi.plans.models import Task
from theodoi.tracking.models import Amendment, AmendmentStatus

pytestmark = pytest.mark.browser


def test_amendment_proposed_and_approved(
    live_server: Any, page: Any, shoot: Any, plan_a: Any, reporter_a: Any, coordinator_a: Any
) -> None:
    give_duties(plan_a)
    task = plan_a.tasks.get(code="1")
    base = live_server.url

    # From the plan page the reporter opens the task its department leads.
    sign_in(page, base, reporter_a, f"/ke-hoach/{plan_a.pk}/")
    page.locator("#nhiem-vu").scroll_into_view_if_needed()
    expect(page.locator("#nhiem-vu")).to_contain_text("Đang thực hiện quá hạn")
    shoot("0-ke-hoach-tinh-trang")
    page.get_by_role("link", name=task.name).first.click()
    page.wait_for_url(re.compile(rf"/nhiem-vu/{task.pk}/$"))
    shoot("1-trang-nhiem-vu")

    # A deadline that cannot be read is refused beside the field; a readable one is proposed.
    page.get_by_text("Đề xuất điều chỉnh", exact=True).click()
    page.get_by_label("Thời hạn mới").fill("13/2026")
    page.get_by_role("button", name="Gửi đề xuất").click()
    expect(page.locator(".propose")).to_contain_text("Không đọc được thời hạn")
    shoot("2-loi-thoi-han")
    page.get_by_label("Thời hạn mới").fill("Quý II/2026")
    page.get_by_label("Lý do đề xuất").fill("Chờ Bộ Khoa học và Công nghệ ban hành hướng dẫn.")
    page.get_by_role("button", name="Gửi đề xuất").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi đề xuất điều chỉnh")
    expect(page.locator("#dieu-chinh")).to_contain_text("Đề xuất")
    shoot("3-da-de-xuat")

    # The coordinator finds it in the inbox and approves it.
    sign_in(page, base, coordinator_a, "/hop-thu/?tab=de-xuat")
    shoot("4-hop-thu-de-xuat")
    page.get_by_role("link", name="Xem và quyết định").click()
    page.wait_for_url(re.compile(r"/de-xuat/"))
    card = page.locator(".task-card", has_text="Chờ Bộ Khoa học và Công nghệ").first
    expect(card).to_contain_text("06/2025")
    expect(card).to_contain_text("Quý II/2026")
    shoot("5-de-xuat")
    card.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Đã phê duyệt")
    assert Amendment.objects.get().status == AmendmentStatus.APPROVED
    assert Task.objects.get(pk=task.pk).deadline_text == "Quý II/2026"

    # The task page keeps the history: the amendment and the change, who and when.
    page.goto(f"{base}/nhiem-vu/{task.pk}/")
    expect(page.locator(".facts")).to_contain_text("Quý II/2026")
    expect(page.locator("#dieu-chinh")).to_contain_text("Đã phê duyệt")
    expect(page.locator("#lich-su")).to_contain_text("Điều chỉnh nhiệm vụ 1")
    page.locator("#lich-su details summary").first.click()
    page.locator("#lich-su").scroll_into_view_if_needed()
    expect(page.locator("#lich-su")).to_contain_text("06/2025")
    shoot("6-lich-su-nhiem-vu")
