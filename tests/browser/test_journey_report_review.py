"""A report goes round: the science department fills it in (a wrong percent is caught beside the
field, a proof file is attached, an expired session loses nothing), sends it; the coordinator
returns it with a reason; the department fixes it and sends it again; the coordinator accepts it.

Desktop and phone; a screenshot at each step in test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.browser.tracking_journeys import give_duties, previous_quarter, sign_in

from theodoi.tracking import rules
from theodoi.tracking.models import ProgressReport, ReportStatus

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def mail_in_memory(settings: Any, tmp_path: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"


def test_report_return_fix_resubmit_accept(
    live_server: Any,
    page: Any,
    shoot: Any,
    mail_in_memory: None,
    plan_a: Any,
    reporter_a: Any,
    coordinator_a: Any,
) -> None:
    give_duties(plan_a)
    task = plan_a.tasks.get(code="1")
    indicator = plan_a.indicators.get(code="1")
    period = rules.period_label(previous_quarter())
    base = live_server.url

    # The reporter signs in and sees the periods the department owes, the past one flagged late.
    sign_in(page, base, reporter_a, "/bao-cao/")
    row = page.locator("table.table--reports tbody tr", has_text=period).first
    expect(row).to_contain_text("Quá hạn")
    shoot("1-danh-sach-bao-cao")

    # Opening the period creates the draft and shows the form.
    row.get_by_role("button", name="Lập báo cáo").click()
    page.wait_for_url(re.compile(r"/bao-cao/\d+/$"))
    report = ProgressReport.objects.get(plan=plan_a, period=previous_quarter())
    expect(page.locator("h1")).to_contain_text(period)
    shoot("2-mau-bao-cao")

    # A percent of 140 is refused beside the field; what was typed stays.
    page.get_by_label("Tình trạng").select_option("in_progress")
    page.get_by_label("Tỷ lệ hoàn thành (%)").fill("140")
    page.get_by_label("Kết quả đã thực hiện").fill("Đã xây dựng dự thảo kế hoạch chuyển đổi số")
    page.get_by_label("Giá trị kỳ này (số)").fill("85,5")
    page.get_by_role("button", name="Lưu nháp").click()
    percent_error = page.locator(f"#err-t-{task.pk}-percent")
    expect(percent_error).to_contain_text("từ 0 đến 100")
    expect(page.get_by_label("Kết quả đã thực hiện")).to_have_value(
        "Đã xây dựng dự thảo kế hoạch chuyển đổi số"
    )
    page.get_by_role("link", name="Đến ô cần sửa đầu tiên").click()
    expect(page.get_by_label("Tỷ lệ hoàn thành (%)")).to_be_in_viewport()
    shoot("3-loi-ty-le")

    # Fixed, the draft saves itself shortly after a change (autosave), and a proof file is attached.
    page.get_by_label("Tỷ lệ hoàn thành (%)").fill("60")
    page.get_by_label("Số văn bản minh chứng").fill("123/KH-SKHCN")
    page.get_by_label("Ngày văn bản").fill("15/07/2025")
    page.get_by_label("Số văn bản minh chứng").press("Tab")
    expect(page.locator("#trang-thai-luu")).to_contain_text("Đã tự động lưu nháp", timeout=15_000)
    expect(percent_error).to_be_empty()
    page.locator(f"#file-{task.pk}").set_input_files(
        {"name": "ke-hoach-123.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator(f'button[form="up-{task.pk}"]').click()
    expect(page.locator(f"#files-{task.pk}")).to_contain_text("ke-hoach-123.pdf")
    page.locator(f"#files-{task.pk}").scroll_into_view_if_needed()
    shoot("4-tu-dong-luu-va-minh-chung")

    # The session expires while the reporter types; saving leads to the sign-in page and back,
    # and the typed text is restored from this browser.
    page.context.clear_cookies(name="sessionid")  # the session ends; the CSRF cookie stays, as it does
    page.get_by_label("Khó khăn, vướng mắc").fill("Chưa được bố trí kinh phí năm 2025")
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_url(re.compile(r"/dang-nhap/\?next="))
    shoot("5-phien-het-han")
    page.get_by_label("Tên đăng nhập").fill(reporter_a.username)
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem-57")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(rf"/bao-cao/{report.pk}/$"))
    expect(page.locator("#khoi-phuc")).to_contain_text("Đã khôi phục")
    expect(page.get_by_label("Khó khăn, vướng mắc")).to_have_value("Chưa được bố trí kinh phí năm 2025")
    shoot("6-khoi-phuc")

    # Sent.
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo")
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    assert (
        "Chưa được bố trí kinh phí"
        in ProgressReport.objects.get(pk=report.pk).task_updates.get().difficulties
    )
    shoot("7-da-gui")

    # The coordinator finds it in the inbox and returns it with a reason (none is refused first).
    sign_in(page, base, coordinator_a, "/hop-thu/")
    expect(page.locator("#hop-thu-dem")).to_have_text(re.compile(r"1"))
    shoot("8-hop-thu")
    page.get_by_role("link", name="Xem và duyệt").click()
    page.wait_for_url(re.compile(rf"/bao-cao/{report.pk}/duyet/$"))
    page.get_by_role("button", name="Trả lại").click()
    expect(page.locator("#err-comment")).to_contain_text("Hãy ghi lý do trả lại")
    page.get_by_label("Lý do trả lại (bắt buộc khi trả lại)").fill(
        "Đề nghị bổ sung ngày hoàn thành dự kiến của nhiệm vụ 1."
    )
    shoot("9-tra-lai")
    page.get_by_role("button", name="Trả lại").click()
    page.wait_for_url(re.compile(r"/hop-thu/$"))
    expect(page.locator(".messages")).to_contain_text("Đã trả lại báo cáo")

    # The department sees why at the top of its form, fixes it and sends it again.
    sign_in(page, base, reporter_a, f"/bao-cao/{report.pk}/")
    expect(page.locator(".return-comment")).to_contain_text("bổ sung ngày hoàn thành dự kiến")
    shoot("10-bi-tra-lai")
    page.get_by_label("Kết quả đã thực hiện").fill("Đã xây dựng dự thảo; dự kiến ban hành ngày 30/12/2025")
    page.get_by_role("button", name="Gửi lại báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo")

    # The coordinator accepts it.
    sign_in(page, base, coordinator_a, f"/bao-cao/{report.pk}/duyet/")
    expect(page.locator("#nhiem-vu")).to_contain_text("dự kiến ban hành ngày 30/12/2025")
    page.get_by_role("button", name="Tiếp nhận").click()
    page.wait_for_url(re.compile(r"/hop-thu/$"))
    expect(page.locator(".messages")).to_contain_text("Đã tiếp nhận")
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.ACCEPTED
    shoot("11-da-tiep-nhan")

    # The accepted report shows its history of changes, who and when.
    page.goto(f"{base}/bao-cao/{report.pk}/duyet/")
    page.locator("#lich-su").scroll_into_view_if_needed()
    expect(page.locator("#lich-su")).to_contain_text("Tiếp nhận báo cáo")
    expect(page.locator("#lich-su")).to_contain_text("Trả lại báo cáo")
    shoot("12-lich-su")
    assert indicator.values.get().number == 85.5
