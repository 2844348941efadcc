"""The coordinator sees which agencies are late for last quarter's report and chases them up:
one chosen agency first, then all late ones at once; the finance department's reporter sees the
chase-up under the bell and in the notifications, and gets an e-mail.

Desktop and phone; a screenshot at each step in test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect
from tests.browser.tracking_journeys import give_duties, previous_quarter, sign_in

from theodoi.tracking import rules
from theodoi.tracking.models import ChaseUp

pytestmark = pytest.mark.browser


@pytest.fixture
def immediate_mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_late_list_and_chase_up(
    live_server: Any,
    page: Any,
    shoot: Any,
    immediate_mail: None,
    plan_a: Any,
    agencies: dict[str, Any],
    coordinator_a: Any,
    django_user_model: Any,
) -> None:
    from tests.cast import _user

    from theodoi.accounts.models import Role

    give_duties(plan_a)
    finance = _user("baocao_taichinh", role=Role.REPORTER, agency=agencies["finance_a"])
    finance.email = "taichinh@gialai.gov.vn"
    finance.save()
    period = rules.period_label(previous_quarter())
    base = live_server.url

    # The late tab lists last quarter's agencies that have not sent, per period.
    sign_in(page, base, coordinator_a, "/hop-thu/")
    page.get_by_role("link", name=re.compile("Nộp muộn")).click()
    page.wait_for_url(re.compile(r"tab=nop-muon"))
    block = page.locator("form.period-block", has_text=period).first
    expect(block).to_contain_text("Sở Tài chính")
    expect(block).to_contain_text("Sở Khoa học và Công nghệ")
    expect(block).to_contain_text("quá hạn")
    shoot("1-nop-muon")

    # Chasing up one chosen agency.
    block.get_by_label("Chọn Sở Tài chính").check()
    block.get_by_label("Lời nhắn kèm theo (không bắt buộc)").fill("Đề nghị gửi báo cáo trước ngày thứ Sáu.")
    shoot("2-chon-don-vi")
    block.get_by_role("button", name="Đôn đốc các đơn vị đã chọn").click()
    expect(page.locator(".messages")).to_contain_text("Đã đôn đốc 1 cơ quan: Sở Tài chính")
    assert list(ChaseUp.objects.values_list("agency__name", flat=True)) == ["Sở Tài chính"]
    shoot("3-da-don-doc-mot")

    # Chasing up all late ones at once.
    block = page.locator("form.period-block", has_text=period).first
    block.get_by_role("button", name=re.compile("Đôn đốc tất cả đơn vị chậm")).click()
    expect(page.locator(".messages")).to_contain_text("Đã đôn đốc")
    assert ChaseUp.objects.count() >= 3
    shoot("4-da-don-doc-tat-ca")
    assert "taichinh@gialai.gov.vn" in [to for m in mail.outbox for to in m.to]

    # The finance department's reporter sees it under the bell and in the notifications.
    sign_in(page, base, finance, "/bao-cao/")
    expect(page.locator(".bell__count")).to_have_text(re.compile(r"2"))
    shoot("5-chuong-thong-bao")
    page.locator("a.bell").click()
    page.wait_for_url(re.compile(r"/thong-bao/$"))
    expect(page.locator(".notes")).to_contain_text("Đôn đốc gửi báo cáo")
    expect(page.locator(".notes")).to_contain_text("Đề nghị gửi báo cáo trước ngày thứ Sáu.")
    shoot("6-thong-bao")

    # They choose not to get chase-ups by e-mail.
    page.locator("#tuy-chon").scroll_into_view_if_needed()
    page.locator('input[name="chase_up-email"]').uncheck()
    page.get_by_role("button", name="Lưu tùy chọn").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu tùy chọn")
    expect(page.locator('input[name="chase_up-email"]')).not_to_be_checked()
    page.locator("#tuy-chon").scroll_into_view_if_needed()
    shoot("7-tuy-chon")
