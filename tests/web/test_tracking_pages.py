"""The progress-report pages: who sees what, the reporter's form and its errors, the review loop,
the inbox with its chase-up, amendments, notifications, and the plan page's statuses."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from tests.web.tracking_fixtures import current_quarter, previous_quarter

from theodoi.plans.models import Task
from theodoi.tracking import services
from theodoi.tracking.models import (
    Amendment,
    AmendmentStatus,
    ChaseUp,
    Evidence,
    Notification,
    NotificationPreference,
    ProgressReport,
    ReportStatus,
    TaskUpdate,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tracking_media")]

HTMX = {"HTTP_HX_REQUEST": "true"}


def _slot(html: str, name: str) -> str:
    """Return the text of the error slot beside input ``name``."""
    m = re.search(rf'<p class="field__error" id="err-{re.escape(name)}">(.*?)</p>', html, re.S)
    assert m, f"no error slot for {name}"
    return m.group(1)


def _form(report: ProgressReport, task: Task, indicator: Any = None, **fields: str) -> dict[str, str]:
    data = {
        "version": str(report.version),
        "action": "save",
        f"t-{task.pk}-status": "in_progress",
        f"t-{task.pk}-percent": "50",
        f"t-{task.pk}-done_text": "Đã ban hành kế hoạch chuyển đổi số năm 2025",
        f"t-{task.pk}-evidence_number": "123/KH-SKHCN",
        f"t-{task.pk}-evidence_date": "",
        f"t-{task.pk}-evidence_link": "",
        f"t-{task.pk}-difficulties": "Thiếu kinh phí",
        f"t-{task.pk}-proposals": "",
        f"t-{task.pk}-done_on": "",
        "summary": "Cơ bản hoàn thành",
    }
    if indicator is not None:
        data.update(
            {f"i-{indicator.pk}-value": "85,5", f"i-{indicator.pk}-note": "", f"i-{indicator.pk}-source": ""}
        )
    for key, value in fields.items():
        data[key.replace("__", "-")] = value
    return data


# --- who sees what ----------------------------------------------------------------------------


def test_a_reporter_of_another_province_is_refused_the_report(
    client: Any, report_a: ProgressReport, reporter_b: Any
) -> None:
    client.force_login(reporter_b)
    assert client.get(reverse("web:report", args=[report_a.pk])).status_code == 403
    assert client.get(reverse("web:report_review", args=[report_a.pk])).status_code == 403
    assert client.post(reverse("web:report", args=[report_a.pk]), {"version": 1}).status_code == 403


def test_a_reporter_of_another_agency_in_the_province_is_refused_the_report(
    client: Any, report_a: ProgressReport, reporter_finance_a: Any
) -> None:
    client.force_login(reporter_finance_a)
    assert client.get(reverse("web:report", args=[report_a.pk])).status_code == 403


def test_a_report_that_does_not_exist_is_not_found(client: Any, reporter_a: Any) -> None:
    client.force_login(reporter_a)
    assert client.get(reverse("web:report", args=[999999])).status_code == 404


def test_the_leader_reads_the_report_but_cannot_decide(
    client: Any, report_a: ProgressReport, leader_a: Any
) -> None:
    client.force_login(leader_a)
    assert client.get(reverse("web:report", args=[report_a.pk])).url == reverse(
        "web:report_review", args=[report_a.pk]
    )
    page = client.get(reverse("web:report_review", args=[report_a.pk]))
    assert page.status_code == 200
    assert "Tiếp nhận</button>" not in page.content.decode()
    refused = client.post(reverse("web:report_review", args=[report_a.pk]), {"action": "accept"})
    assert refused.status_code == 403


@pytest.mark.parametrize("name", ["web:reports", "web:inbox", "web:amendments"])
def test_an_outsider_sees_nothing(client: Any, outsider: Any, name: str) -> None:
    client.force_login(outsider)
    assert client.get(reverse(name)).status_code == 403


def test_an_outsider_cannot_open_a_report_or_a_task(
    client: Any, outsider: Any, report_a: ProgressReport, task_1: Task
) -> None:
    client.force_login(outsider)
    assert client.get(reverse("web:report", args=[report_a.pk])).status_code == 403
    assert client.get(reverse("web:task", args=[task_1.pk])).status_code == 404


def test_a_coordinator_of_another_province_is_refused(
    client: Any, report_a: ProgressReport, coordinator_b: Any
) -> None:
    client.force_login(coordinator_b)
    assert client.get(reverse("web:report_review", args=[report_a.pk])).status_code == 403


def test_a_reporter_has_no_inbox_and_a_coordinator_goes_there_from_the_reports(
    client: Any, reporter_a: Any, coordinator_a: Any
) -> None:
    client.force_login(reporter_a)
    assert client.get(reverse("web:inbox")).status_code == 403
    client.force_login(coordinator_a)
    assert client.get(reverse("web:reports")).url == reverse("web:inbox")


def test_pages_need_a_sign_in_and_come_back_to_the_form(client: Any, report_a: ProgressReport) -> None:
    url = reverse("web:report", args=[report_a.pk])
    response = client.post(url, {"version": 1})
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_an_expired_session_autosave_says_so_and_links_back_to_the_form(
    client: Any, report_a: ProgressReport
) -> None:
    url = reverse("web:report", args=[report_a.pk])
    response = client.post(
        url,
        {"autosave": "1"},
        HTTP_HX_CURRENT_URL=f"http://testserver{url}",
        HTTP_HX_TARGET="trang-thai-luu",
        **HTMX,
    )
    html = response.content.decode()
    assert 'data-state="expired"' in html and 'id="trang-thai-luu"' in html
    assert f"{reverse('login')}?next={url}" in html


# --- the reporter's list and form ---------------------------------------------------------------


def test_the_reporter_sees_its_open_periods_with_the_late_one_flagged(
    client: Any, reporter_a: Any, duties_a: Any
) -> None:
    client.force_login(reporter_a)
    html = client.get(reverse("web:reports")).content.decode()
    assert "37/KH-UBND" in html
    assert "Quá hạn" in html
    assert "Lập báo cáo" in html


def test_opening_a_period_creates_the_draft_and_goes_to_the_form(
    client: Any, reporter_a: Any, duties_a: Any
) -> None:
    client.force_login(reporter_a)
    response = client.post(
        reverse("web:report_open"),
        {"plan": duties_a.pk, "cadence": "quarterly", "period": previous_quarter()},
    )
    report = ProgressReport.objects.get(plan=duties_a, period=previous_quarter())
    assert response.url == reverse("web:report", args=[report.pk])


def test_the_form_shows_the_tasks_and_indicators_with_the_right_inputs(
    client: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task, indicator_online: Any
) -> None:
    client.force_login(reporter_a)
    html = client.get(reverse("web:report", args=[report_a.pk])).content.decode()
    assert f'name="t-{task_1.pk}-status"' in html and f'name="t-{task_1.pk}-percent"' in html
    assert f'name="i-{indicator_online.pk}-value"' in html and 'inputmode="decimal"' in html
    assert f'name="version" id="report-version" value="{report_a.version}"' in html
    assert "Lưu nháp" in html and "Gửi báo cáo" in html


def test_a_saved_draft_shows_its_values_again(
    client: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task, indicator_online: Any
) -> None:
    client.force_login(reporter_a)
    url = reverse("web:report", args=[report_a.pk])
    response = client.post(url, _form(report_a, task_1, indicator_online))
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Đã lưu nháp lúc" in html
    assert "Đã ban hành kế hoạch chuyển đổi số năm 2025" in html
    assert 'value="85,5"' in html
    assert TaskUpdate.objects.get(report=report_a, task=task_1).percent == 50


def test_a_percent_of_140_is_refused_beside_the_field_and_the_rest_is_kept(
    client: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task, indicator_online: Any
) -> None:
    client.force_login(reporter_a)
    data = _form(report_a, task_1, indicator_online, **{f"t__{task_1.pk}__percent": "140"})
    response = client.post(reverse("web:report", args=[report_a.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "phải là số nguyên từ 0 đến 100; đã nhập 140" in _slot(html, f"t-{task_1.pk}-percent")
    assert 'value="140"' in html
    assert "Đã ban hành kế hoạch chuyển đổi số năm 2025" in html and "Thiếu kinh phí" in html
    assert 'value="85,5"' in html
    assert not TaskUpdate.objects.filter(report=report_a).exists()


def test_an_evidence_date_in_the_future_is_refused_beside_the_field(
    client: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task
) -> None:
    client.force_login(reporter_a)
    later = (timezone.localdate() + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    data = _form(report_a, task_1, **{f"t__{task_1.pk}__evidence_date": later})
    html = client.post(reverse("web:report", args=[report_a.pk]), data).content.decode()
    assert "không được sau hôm nay" in _slot(html, f"t-{task_1.pk}-evidence_date")
    assert f'value="{later}"' in html


def test_an_indicator_value_that_is_not_a_number_is_refused_beside_it(
    client: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task, indicator_online: Any
) -> None:
    client.force_login(reporter_a)
    data = _form(
        report_a, task_1, indicator_online, **{f"i__{indicator_online.pk}__value": "khoảng tám mươi"}
    )
    html = client.post(reverse("web:report", args=[report_a.pk]), data).content.decode()
    assert "phải là một số (ví dụ 12,5)" in _slot(html, f"i-{indicator_online.pk}-value")
    assert 'value="khoảng tám mươi"' in html


def test_a_stale_version_is_a_clear_conflict_and_the_typed_values_stay(
    client: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task
) -> None:
    # Given somebody else saved the report after this user opened it
    services.report_save_draft(
        report=report_a, actor=reporter_a, version=report_a.version, data={"summary": "Bản của người khác"}
    )
    client.force_login(reporter_a)
    data = _form(report_a, task_1, **{f"t__{task_1.pk}__done_text": "Nội dung tôi vừa gõ"})
    html = client.post(reverse("web:report", args=[report_a.pk]), data).content.decode()
    assert "Báo cáo đã được người khác sửa sau khi bạn mở" in html
    assert "Nội dung tôi vừa gõ" in html
    assert ProgressReport.objects.get(pk=report_a.pk).summary == "Bản của người khác"
    assert not TaskUpdate.objects.filter(report=report_a).exists()


def test_autosave_keeps_the_valid_fields_and_marks_the_wrong_one(
    client: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task
) -> None:
    client.force_login(reporter_a)
    data = _form(report_a, task_1, **{f"t__{task_1.pk}__percent": "140"}) | {"autosave": "1"}
    html = client.post(reverse("web:report", args=[report_a.pk]), data, **HTMX).content.decode()
    assert 'data-state="saved"' in html
    assert f'id="report-version" value="{report_a.version + 1}" hx-swap-oob="true"' in html
    assert f'id="err-t-{task_1.pk}-percent" hx-swap-oob="true">Tỷ lệ' in html
    update = TaskUpdate.objects.get(report=report_a, task=task_1)
    assert update.done_text == "Đã ban hành kế hoạch chuyển đổi số năm 2025" and update.percent == 0


def test_autosave_on_a_stale_version_stops_and_writes_nothing(
    client: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task
) -> None:
    services.report_save_draft(
        report=report_a, actor=reporter_a, version=report_a.version, data={"summary": "x"}
    )
    client.force_login(reporter_a)
    data = _form(report_a, task_1) | {"autosave": "1"}
    html = client.post(reverse("web:report", args=[report_a.pk]), data, **HTMX).content.decode()
    assert 'data-state="conflict"' in html
    assert not TaskUpdate.objects.filter(report=report_a).exists()


def test_a_file_named_pdf_that_is_not_a_pdf_is_refused(
    client: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task
) -> None:
    client.force_login(reporter_a)
    fake = SimpleUploadedFile(
        "quyet-dinh.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf"
    )
    url = reverse("web:evidence_upload", args=[report_a.pk]) + f"?nhiem-vu={task_1.pk}"
    html = client.post(url, {"file": fake}, HTTP_HX_TARGET=f"files-{task_1.pk}", **HTMX).content.decode()
    assert "không đúng định dạng của nó" in html
    assert not Evidence.objects.exists()


def test_a_real_pdf_is_attached_to_the_task(
    client: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task
) -> None:
    client.force_login(reporter_a)
    pdf = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4\n%minh chung\n", content_type="application/pdf")
    url = reverse("web:evidence_upload", args=[report_a.pk]) + f"?nhiem-vu={task_1.pk}"
    html = client.post(url, {"file": pdf}, **HTMX).content.decode()
    evidence = Evidence.objects.get()
    assert evidence.task_id == task_1.pk
    assert "ke-hoach.pdf" in html
    download = client.get(reverse("web:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_file_over_the_limit_is_refused(
    client: Any, settings: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task
) -> None:
    settings.TRACKING_EVIDENCE_MAX_BYTES = 2048
    client.force_login(reporter_a)
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * 10_000, content_type="application/pdf")
    url = reverse("web:evidence_upload", args=[report_a.pk]) + f"?nhiem-vu={task_1.pk}"
    html = client.post(url, {"file": big}, **HTMX).content.decode()
    assert "lớn quá" in html
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("size", [30 * 1024**2, 2 * 1024**3])
def test_a_big_upload_is_refused_before_its_body_is_read(
    client: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task, size: int
) -> None:
    # A 2 GB body is also stopped earlier by the site-wide request limit, with its own message.
    client.force_login(reporter_a)
    url = reverse("web:evidence_upload", args=[report_a.pk]) + f"?nhiem-vu={task_1.pk}"
    html = client.post(url, {"file": ""}, CONTENT_LENGTH=str(size), **HTMX).content.decode()
    assert "lớn quá 20 MB" in html or "lớn hơn giới hạn" in html
    assert not Evidence.objects.exists()


def test_another_agency_cannot_upload_to_the_report(
    client: Any, reporter_finance_a: Any, report_a: ProgressReport
) -> None:
    client.force_login(reporter_finance_a)
    pdf = SimpleUploadedFile("x.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    assert client.post(reverse("web:evidence_upload", args=[report_a.pk]), {"file": pdf}).status_code == 403


# --- the review loop ---------------------------------------------------------------------------


def test_submit_return_fix_resubmit_accept_through_the_pages(
    client: Any, reporter_a: Any, coordinator_a: Any, report_a: ProgressReport, task_1: Task
) -> None:
    form_url = reverse("web:report", args=[report_a.pk])
    review_url = reverse("web:report_review", args=[report_a.pk])
    # The reporter sends the report.
    client.force_login(reporter_a)
    client.post(form_url, _form(report_a, task_1) | {"action": "submit"})
    assert ProgressReport.objects.get(pk=report_a.pk).status == ReportStatus.SUBMITTED
    # The coordinator finds it in the inbox and returns it with a reason; a return without one is refused.
    client.force_login(coordinator_a)
    assert review_url in client.get(reverse("web:inbox")).content.decode()
    no_reason = client.post(review_url, {"action": "return", "comment": " "}).content.decode()
    assert "Hãy ghi lý do trả lại" in no_reason
    client.post(review_url, {"action": "return", "comment": "Thiếu số văn bản minh chứng của nhiệm vụ 1"})
    assert ProgressReport.objects.get(pk=report_a.pk).status == ReportStatus.RETURNED
    # The reporter sees why at the top of the form, fixes it and sends it again.
    client.force_login(reporter_a)
    html = client.get(form_url).content.decode()
    assert "Thiếu số văn bản minh chứng của nhiệm vụ 1" in html and "Gửi lại báo cáo" in html
    report = ProgressReport.objects.get(pk=report_a.pk)
    client.post(
        form_url,
        _form(report, task_1, **{f"t__{task_1.pk}__evidence_number": "45/QĐ-UBND"}) | {"action": "submit"},
    )
    assert ProgressReport.objects.get(pk=report_a.pk).status == ReportStatus.SUBMITTED
    # The coordinator accepts it; the reporter is told.
    client.force_login(coordinator_a)
    client.post(review_url, {"action": "accept"})
    assert ProgressReport.objects.get(pk=report_a.pk).status == ReportStatus.ACCEPTED
    assert Notification.objects.filter(user=reporter_a, title__contains="đã được tiếp nhận").exists()


def test_a_submitted_report_is_read_only_for_the_reporter(
    client: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task
) -> None:
    client.force_login(reporter_a)
    url = reverse("web:report", args=[report_a.pk])
    client.post(url, _form(report_a, task_1) | {"action": "submit"})
    html = client.get(url).content.decode()
    assert "đang chờ Sở xem" in html and "disabled" in html
    assert client.post(url, _form(ProgressReport.objects.get(pk=report_a.pk), task_1)).status_code == 302


# --- inbox and chase-up ----------------------------------------------------------------------


def test_the_inbox_lists_late_agencies_per_period(client: Any, coordinator_a: Any, duties_a: Any) -> None:
    client.force_login(coordinator_a)
    html = client.get(reverse("web:inbox"), {"tab": "nop-muon"}).content.decode()
    assert "Sở Khoa học và Công nghệ" in html and "Sở Tài chính" in html
    assert "Đôn đốc tất cả đơn vị chậm" in html and "Đôn đốc các đơn vị đã chọn" in html


def test_chasing_up_all_late_agencies_notifies_and_mails_their_reporters(
    client: Any,
    coordinator_a: Any,
    reporter_finance_a: Any,
    duties_a: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("web:chase_up"),
            {"plan": duties_a.pk, "cadence": "quarterly", "period": previous_quarter(), "all_late": "1"},
        )
    assert response.status_code == 302
    assert ChaseUp.objects.filter(period=previous_quarter()).count() >= 2
    assert Notification.objects.filter(user=reporter_finance_a, kind="chase_up").exists()
    assert [m.to for m in mail.outbox] == [["taichinh@gialai.gov.vn"]]
    assert "Đôn đốc" in mail.outbox[0].subject


def test_chasing_up_the_chosen_agency_only(
    client: Any, coordinator_a: Any, reporter_finance_a: Any, duties_a: Any, agencies: dict[str, Any]
) -> None:
    client.force_login(coordinator_a)
    client.post(
        reverse("web:chase_up"),
        {
            "plan": duties_a.pk,
            "cadence": "quarterly",
            "period": previous_quarter(),
            "agencies": [agencies["finance_a"].pk],
            "message": "Đề nghị gửi trước thứ Sáu",
        },
    )
    assert list(ChaseUp.objects.values_list("agency_id", "message")) == [
        (agencies["finance_a"].pk, "Đề nghị gửi trước thứ Sáu")
    ]


def test_a_leader_cannot_chase_up(client: Any, leader_a: Any, duties_a: Any) -> None:
    client.force_login(leader_a)
    response = client.post(
        reverse("web:chase_up"),
        {"plan": duties_a.pk, "cadence": "quarterly", "period": previous_quarter(), "all_late": "1"},
    )
    assert response.status_code == 403
    assert not ChaseUp.objects.exists()


# --- partners, tasks, amendments -------------------------------------------------------------


def test_a_partner_adds_its_contribution_and_the_lead_sees_it(
    client: Any, reporter_a: Any, reporter_finance_a: Any, report_a: ProgressReport, task_1: Task
) -> None:
    client.force_login(reporter_finance_a)
    url = reverse("web:contribution_save", args=[task_1.pk])
    html = client.post(
        url, {"period": previous_quarter(), "version": 0, "text": "Đã bố trí kinh phí 2 tỷ đồng"}, **HTMX
    ).content.decode()
    assert "Đã lưu phần phối hợp" in html
    client.force_login(reporter_a)
    assert (
        "Đã bố trí kinh phí 2 tỷ đồng"
        in client.get(reverse("web:report", args=[report_a.pk])).content.decode()
    )


def test_a_partner_contribution_with_a_future_date_is_refused_beside_it(
    client: Any, reporter_finance_a: Any, duties_a: Any, task_1: Task
) -> None:
    client.force_login(reporter_finance_a)
    later = (timezone.localdate() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    html = client.post(
        reverse("web:contribution_save", args=[task_1.pk]),
        {"period": current_quarter(), "version": 0, "text": "Phối hợp", "evidence_date": later},
        **HTMX,
    ).content.decode()
    assert "không được sau hôm nay" in html and f'value="{later}"' in html


def test_an_amendment_is_proposed_approved_and_kept_in_the_tasks_history(
    client: Any, reporter_a: Any, coordinator_a: Any, duties_a: Any, task_1: Task
) -> None:
    client.force_login(reporter_a)
    task_url = reverse("web:task", args=[task_1.pk])
    assert "Đề xuất điều chỉnh" in client.get(task_url).content.decode()
    bad = client.post(task_url, {"deadline_text": "13/2026"}).content.decode()
    assert "Không đọc được thời hạn" in bad
    client.post(task_url, {"deadline_text": "12/2026", "reason": "Chờ hướng dẫn của Bộ"})
    amendment = Amendment.objects.get()
    client.force_login(coordinator_a)
    assert "Chờ hướng dẫn của Bộ" in client.get(reverse("web:amendments")).content.decode()
    client.post(reverse("web:amendment_decide", args=[amendment.pk]), {"action": "approve"})
    assert Amendment.objects.get().status == AmendmentStatus.APPROVED
    assert Task.objects.get(pk=task_1.pk).deadline_text == "12/2026"
    html = client.get(task_url).content.decode()
    assert "Đã phê duyệt" in html and "06/2025" in html and "12/2026" in html


def test_a_rejection_needs_a_reason(client: Any, reporter_a: Any, coordinator_a: Any, task_1: Task) -> None:
    amendment = services.amendment_propose(actor=reporter_a, task=task_1, changes={"output": "Đề án"})
    client.force_login(coordinator_a)
    client.post(reverse("web:amendment_decide", args=[amendment.pk]), {"action": "reject", "comment": ""})
    assert Amendment.objects.get().status == AmendmentStatus.PROPOSED


def test_only_the_lead_agency_may_propose(client: Any, reporter_finance_a: Any, task_1: Task) -> None:
    client.force_login(reporter_finance_a)
    assert "Gửi đề xuất" not in client.get(reverse("web:task", args=[task_1.pk])).content.decode()
    assert client.post(reverse("web:task", args=[task_1.pk]), {"output": "Đề án"}).status_code == 403


# --- notifications and the plan page -----------------------------------------------------------


def test_notifications_open_mark_read_and_preferences_save(
    client: Any, reporter_a: Any, report_a: ProgressReport
) -> None:
    note = Notification.objects.create(
        user=reporter_a, kind="reviewed", title="Báo cáo bị trả lại", url=f"/bao-cao/{report_a.pk}/"
    )
    client.force_login(reporter_a)
    assert "Báo cáo bị trả lại" in client.get(reverse("web:notifications")).content.decode()
    assert "1<span" in client.get(reverse("web:nav_counts")).content.decode()
    assert client.get(reverse("web:notification_open", args=[note.pk])).url == f"/bao-cao/{report_a.pk}/"
    assert Notification.objects.get().read_at is not None
    client.post(reverse("web:preferences_save"), {"due-in_app": "on", "chase_up-email": "on"})
    due = NotificationPreference.objects.get(user=reporter_a, kind="due")
    assert (due.in_app, due.email) == (True, False)


def test_another_users_notification_is_not_found(client: Any, reporter_a: Any, coordinator_a: Any) -> None:
    note = Notification.objects.create(user=coordinator_a, kind="submitted", title="x")
    client.force_login(reporter_a)
    assert client.get(reverse("web:notification_open", args=[note.pk])).status_code == 404


def test_the_plan_page_shows_task_statuses_and_indicator_progress(
    client: Any,
    reporter_a: Any,
    coordinator_a: Any,
    report_a: ProgressReport,
    task_1: Task,
    indicator_online: Any,
) -> None:
    report = services.report_save_draft(
        report=report_a,
        actor=reporter_a,
        version=report_a.version,
        data={"tasks": {task_1.pk: {"status": "done"}}, "indicators": {indicator_online.pk: {"value": "85"}}},
    )
    services.report_submit(report=report, actor=reporter_a, version=report.version)
    client.force_login(coordinator_a)
    html = client.get(reverse("web:plan_detail", args=[report_a.plan_id])).content.decode()
    assert "status--done_late" in html or "status--done_on_time" in html
    assert "Đạt" in html and "<strong>85</strong>" in html
    assert reverse("web:task", args=[task_1.pk]) in html


def test_the_navigation_offers_reports_to_reporters_and_the_inbox_to_coordinators(
    client: Any, reporter_a: Any, coordinator_a: Any, plan_a: Any
) -> None:
    client.force_login(reporter_a)
    html = client.get(reverse("web:plan_list")).content.decode()
    assert ">Báo cáo</a>" in html and "Hộp thư" not in html
    client.force_login(coordinator_a)
    html = client.get(reverse("web:plan_list")).content.decode()
    assert "Hộp thư" in html and ">Báo cáo</a>" not in html


def test_the_report_shows_who_changed_what_before_and_after(
    client: Any, reporter_a: Any, coordinator_a: Any, report_a: ProgressReport, task_1: Task
) -> None:
    client.force_login(reporter_a)
    url = reverse("web:report", args=[report_a.pk])
    client.post(url, _form(report_a, task_1))
    client.post(
        url, _form(ProgressReport.objects.get(pk=report_a.pk), task_1, **{f"t__{task_1.pk}__percent": "75"})
    )
    client.force_login(coordinator_a)
    html = client.get(reverse("web:report_review", args=[report_a.pk])).content.decode()
    history = html[html.index('id="lich-su"') :]
    assert "Nhiệm vụ 1 · Tỷ lệ hoàn thành (%)" in history
    assert "<del>50</del>" in history and "<ins>75</ins>" in history
    assert "baocao_a" in history


def test_the_leader_reads_the_inbox_without_chasing_up(client: Any, leader_a: Any, duties_a: Any) -> None:
    client.force_login(leader_a)
    html = client.get(reverse("web:inbox"), {"tab": "nop-muon"}).content.decode()
    assert "Sở Tài chính" in html
    assert "Đôn đốc tất cả đơn vị chậm" not in html and 'type="checkbox"' not in html


def test_an_htmx_request_gets_only_the_inbox_region(client: Any, coordinator_a: Any, duties_a: Any) -> None:
    client.force_login(coordinator_a)
    html = client.get(reverse("web:inbox"), {"tab": "chua-nop"}, **HTMX).content.decode().strip()
    assert html.startswith('<section id="hop-thu"') and "site-header" not in html


def test_a_change_of_lead_is_proposed_from_the_agencies_of_the_province(
    client: Any, reporter_a: Any, agencies: dict[str, Any], task_1: Task
) -> None:
    client.force_login(reporter_a)
    html = client.get(reverse("web:task", args=[task_1.pk])).content.decode()
    assert f'value="{agencies["finance_a"].pk}"' in html
    assert f'value="{agencies["science_b"].pk}"' not in html
    client.post(
        reverse("web:task", args=[task_1.pk]),
        {"lead_agency_id": agencies["finance_a"].pk, "reason": "Sở Tài chính nắm nguồn kinh phí"},
    )
    assert Amendment.objects.get().changes == {"lead_agency_id": agencies["finance_a"].pk}


def test_the_form_shows_the_last_three_periods_of_a_task_and_links_to_all_of_them(
    client: Any, reporter_a: Any, report_a: ProgressReport, task_1: Task
) -> None:
    """Twelve lines under each of 42 tasks were most of the form's render time: three, then the task page."""
    from tests.evaluation.known import _report

    for n, period in enumerate(("2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"), start=1):
        sent = timezone.now() - dt.timedelta(days=400 - 30 * n)
        earlier = _report(report_a.plan, report_a.agency, period, sent)
        TaskUpdate.objects.create(
            report=earlier, task=task_1, status="in_progress", percent=10 * n, done_text=f"Việc kỳ {n}"
        )
    client.force_login(reporter_a)

    html = client.get(reverse("web:report", args=[report_a.pk])).content.decode()

    card = html[html.index(f'id="nv-{task_1.pk}"') :]
    card = card[: card.index("</fieldset>")]
    assert [n for n in range(1, 6) if f"Việc kỳ {n}" in card] == [3, 4, 5]
    assert f'<a href="{reverse("web:task", args=[task_1.pk])}">Xem tất cả các kỳ đã báo cáo ›</a>' in card
