"""A leader looks up an agency in the directory without typing diacritics, then opens it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_find_an_agency_without_diacritics(
    live_server: Any, page: Any, shoot: Any, coordinator: Any, password: str
) -> None:
    # Given a signed-in coordinator on the agency directory
    page.goto(f"{live_server.url}/dang-nhap/?next=/co-quan/")
    page.get_by_label("Tên đăng nhập").fill(coordinator.username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/co-quan/$"))
    assert page.locator("#ket-qua .badge--review").count() > 0  # imported agencies await review
    shoot("1-danh-ba")

    # When they type a name without diacritics, the list narrows as they type
    page.get_by_label("Tên cơ quan").press_sequentially("so tai chinh", delay=30)
    expect(page).to_have_url(re.compile(r"q=so(\+|%20)tai(\+|%20)chinh"))
    rows = page.locator("#ket-qua tbody tr")
    expect(rows).to_have_count(1)
    assert "sở tài chính" in rows.first.inner_text().lower()
    shoot("2-loc")

    # Then the agency opens with the tasks it leads
    rows.first.get_by_role("link", name=re.compile("tài chính", re.IGNORECASE)).click()
    page.wait_for_url(re.compile(r"/co-quan/\d+/$"))
    assert page.locator("h1").inner_text().lower().startswith("sở tài chính")
    assert page.locator("table.table--tasks").count() > 0
    shoot("3-co-quan")

    # The user menu shows the role and signs out
    page.locator(".user-menu summary").click()
    assert "Điều phối" in page.locator(".user-menu__panel").inner_text()
    shoot("4-menu")
    page.keyboard.press("Escape")
    expect(page.locator(".user-menu__panel")).to_be_hidden()
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r"/dang-nhap/$"))
