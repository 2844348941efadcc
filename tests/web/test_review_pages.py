"""Plan import pages: who may open them, upload, progress, failure, publish.

Drafts are made directly (``make_draft``) unless the test is about the upload itself.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse

from theodoi.plans.models import DraftStatus, Plan, PlanDraft, PlanStatus, Task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("review_media")]

HTMX = {"HTTP_HX_REQUEST": "true"}
SMALL_PLAN = """UY BAN NHAN DAN TINH GIA LAI
Số: 12/KH-UBND
Gia Lai, ngày 05 tháng 8 năm 2025
KẾ HOẠCH
Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị
PHỤ LỤC
DANH MỤC NHIỆM VỤ
TT
Tên nhiệm vụ
Cơ quan chủ trì
Cơ quan phối hợp
Kết quả
Thời gian hoàn thành
I.
Nâng cao nhận thức về khoa học, công nghệ
1.
Triển khai tuyên truyền về chuyển đổi số trên báo chí
Sở Khoa học và Công nghệ
Các Sở, ngành, địa phương
Kế hoạch
Hằng năm
"""


@pytest.fixture
def queued_only(settings: Any) -> None:
    """Jobs are queued and never run: the draft stays "queued"."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


# --- who may open the pages -----------------------------------------------------------------------


def test_upload_page_lists_the_formats_the_limit_and_the_provinces_drafts(
    client: Any, coordinator_a: Any, make_draft: Any
) -> None:
    make_draft()
    client.force_login(coordinator_a)
    html = client.get(reverse("web:review_upload")).content.decode()
    assert ".docx" in html and ".pdf" in html and ".xlsx" in html and ".tif" in html
    assert "tối đa 50 MB" in html
    assert "ke-hoach.txt" in html and "Sẵn sàng rà soát" in html
    assert 'aria-current="page">Nhập kế hoạch' in html


@pytest.mark.parametrize("who", ["reporter_a", "leader_a", "central", "outsider"])
def test_only_coordinators_and_administrators_may_import(client: Any, request: Any, who: str) -> None:
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("web:review_upload"))
    assert response.status_code == 403
    assert "Nhập kế hoạch" not in client.get(reverse("web:plan_list")).content.decode()


@pytest.mark.parametrize("who", ["reporter_a", "leader_a", "central", "coordinator_b", "outsider"])
@pytest.mark.parametrize(
    "name", ["web:review_draft", "web:review_publish", "web:review_progress", "web:review_agencies"]
)
def test_a_draft_is_not_found_outside_its_province_and_role(
    client: Any, request: Any, make_draft: Any, who: str, name: str
) -> None:
    draft = make_draft()
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse(name, args=[draft.pk])).status_code == 404


def test_writes_on_a_draft_are_not_found_for_another_province(
    client: Any, coordinator_b: Any, make_draft: Any
) -> None:
    draft = make_draft()
    client.force_login(coordinator_b)
    cell = client.post(
        reverse("web:review_cell", args=[draft.pk]), {"o": "tasks[0].name", "version": 1, "value": "x"}
    )
    row = client.post(
        reverse("web:review_row", args=[draft.pk]),
        {"bang": "tasks", "dong": 0, "thao_tac": "xoa", "version": 1},
    )
    publish = client.post(reverse("web:review_publish", args=[draft.pk]), {"version": 1})
    assert (cell.status_code, row.status_code, publish.status_code) == (404, 404, 404)
    draft.refresh_from_db()
    assert draft.version == 1


def test_anonymous_users_are_sent_to_sign_in(client: Any, make_draft: Any, settings: Any) -> None:
    draft = make_draft()
    response = client.get(reverse("web:review_draft", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_an_administrator_names_the_province_of_an_upload(
    client: Any, django_user_model: Any, units: dict[str, Any], queued_only: None, review_media: None
) -> None:
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    client.force_login(admin)
    assert "Tỉnh, thành phố" in client.get(reverse("web:review_upload")).content.decode()
    response = client.post(
        reverse("web:review_upload"),
        {"tep": SimpleUploadedFile("ke-hoach.txt", SMALL_PLAN.encode()), "tinh": units["b"].pk},
    )
    assert response.status_code == 302
    assert PlanDraft.objects.get().unit == units["b"]


def test_an_administrator_sees_every_provinces_draft(
    client: Any, make_draft: Any, django_user_model: Any
) -> None:
    draft = make_draft()
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    client.force_login(admin)
    assert client.get(reverse("web:review_draft", args=[draft.pk])).status_code == 200


# --- upload ---------------------------------------------------------------------------------------


def test_upload_extracts_and_opens_the_review_screen(
    client: Any, coordinator_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("web:review_upload"), {"tep": SimpleUploadedFile("ke-hoach.txt", SMALL_PLAN.encode())}
        )
    draft = PlanDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:review_draft", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == DraftStatus.READY
    html = client.get(response["Location"]).content.decode()
    assert "Rà soát kế hoạch 12/KH-UBND" in html
    assert 'id="dong-1"' in html


def test_an_unsupported_file_is_refused_with_the_formats_named(client: Any, coordinator_a: Any) -> None:
    client.force_login(coordinator_a)
    response = client.post(reverse("web:review_upload"), {"tep": SimpleUploadedFile("ke-hoach.doc", b"abc")})
    assert response.status_code == 200
    assert "chưa được hỗ trợ" in response.content.decode()
    assert not PlanDraft.objects.exists()


def test_a_second_upload_of_the_same_file_is_offered_as_an_update(
    client: Any, coordinator_a: Any, plan_a: Plan, queued_only: None
) -> None:
    content = SMALL_PLAN.encode()
    Plan.objects.filter(pk=plan_a.pk).update(source_hash=hashlib.sha256(content).hexdigest())
    client.force_login(coordinator_a)
    response = client.post(
        reverse("web:review_upload"), {"tep": SimpleUploadedFile("ke-hoach.txt", content)}, follow=True
    )
    html = response.content.decode()
    assert "Tệp này đã được nhập (kế hoạch 37/KH-UBND): bản này sẽ cập nhật kế hoạch đó." in html


# --- progress and failure -----------------------------------------------------------------------------


def test_while_extracting_the_page_polls_a_progress_bar(
    client: Any, coordinator_a: Any, make_draft: Any
) -> None:
    draft = make_draft(
        status=DraftStatus.EXTRACTING, progress=25, progress_text="Đang khôi phục dấu tiếng Việt"
    )
    client.force_login(coordinator_a)
    html = client.get(reverse("web:review_draft", args=[draft.pk])).content.decode()
    assert '<progress id="thanh-tien-do" max="100" value="25">' in html
    assert 'hx-trigger="every 1s"' in html
    assert "Đang khôi phục dấu tiếng Việt" in html
    poll = client.get(reverse("web:review_progress", args=[draft.pk]), **HTMX)
    assert poll.content.decode().strip().startswith('<section id="tien-do"')
    assert "HX-Refresh" not in poll


def test_the_poll_reloads_the_page_once_extraction_ends(
    client: Any, coordinator_a: Any, make_draft: Any
) -> None:
    draft = make_draft()
    client.force_login(coordinator_a)
    poll = client.get(reverse("web:review_progress", args=[draft.pk]), **HTMX)
    assert poll["HX-Refresh"] == "true"
    assert 'hx-trigger="every 1s"' not in poll.content.decode()


def test_a_failed_job_shows_the_reason_keeps_the_file_and_offers_a_retry(
    client: Any, coordinator_a: Any, make_draft: Any, queued_only: None
) -> None:
    draft = make_draft(status=DraftStatus.FAILED, error="Tệp PDF được bảo vệ bằng mật khẩu.")
    client.force_login(coordinator_a)
    html = client.get(reverse("web:review_draft", args=[draft.pk])).content.decode()
    assert "Tệp PDF được bảo vệ bằng mật khẩu." in html
    assert "ke-hoach.txt" in html and "vẫn được lưu" in html
    assert "Thử lại" in html
    client.post(reverse("web:review_retry", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == DraftStatus.QUEUED


# --- publish ---------------------------------------------------------------------------------------


def test_publish_page_shows_the_difference_with_the_plan_replaced(
    client: Any, coordinator_a: Any, make_draft: Any, plan_a: Plan
) -> None:
    draft = make_draft(supersedes_plan=plan_a)
    client.force_login(coordinator_a)
    html = client.get(reverse("web:review_publish", args=[draft.pk])).content.decode()
    assert "Khác biệt so với kế hoạch 37/KH-UBND" in html
    assert "nhiệm vụ thêm mới" in html and "nhiệm vụ bỏ" in html
    assert f'<option value="{plan_a.pk}" selected>' in html
    assert "Ban hành, thay thế kế hoạch 37/KH-UBND" in html


def test_picking_no_plan_records_it_and_hides_the_difference(
    client: Any, coordinator_a: Any, make_draft: Any, plan_a: Plan
) -> None:
    draft = make_draft(supersedes_plan=plan_a)
    client.force_login(coordinator_a)
    response = client.post(
        reverse("web:review_supersedes", args=[draft.pk]), {"thay_the": "", "version": draft.version}, **HTMX
    )
    html = response.content.decode()
    assert html.strip().startswith('<section id="khac-biet"')
    assert "không thay thế kế hoạch nào" in html
    draft.refresh_from_db()
    assert draft.supersedes_plan is None


def test_publishing_makes_the_plan_active_and_supersedes_the_old_one(
    client: Any, coordinator_a: Any, make_draft: Any, plan_a: Plan
) -> None:
    draft = make_draft(supersedes_plan=plan_a)
    client.force_login(coordinator_a)
    response = client.post(
        reverse("web:review_publish", args=[draft.pk]), {"version": draft.version}, follow=True
    )
    plan = Plan.objects.get(number="12/KH-UBND")
    assert response.redirect_chain[-1][0] == reverse("web:plan_detail", args=[plan.pk])
    html = response.content.decode()
    assert "Đã ban hành kế hoạch 12/KH-UBND; kế hoạch 37/KH-UBND chuyển sang “đã được thay thế”." in html
    plan_a.refresh_from_db()
    assert (plan.status, plan_a.status) == (PlanStatus.ACTIVE, PlanStatus.SUPERSEDED)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PUBLISHED


def test_carried_tasks_link_their_predecessor_on_the_plan_page(
    client: Any, coordinator_a: Any, plan_a: Plan, make_task: Any, agencies: dict[str, Any]
) -> None:
    old = plan_a.tasks.first()
    new_plan = Plan.objects.create(number="13/KH-UBND", unit=plan_a.unit, status=PlanStatus.ACTIVE)
    task = make_task(new_plan, "Đẩy mạnh chuyển đổi số", lead=[agencies["science_a"]])
    Task.objects.filter(pk=task.pk).update(carried_from=old)
    client.force_login(coordinator_a)
    html = client.get(reverse("web:plan_detail", args=[new_plan.pk])).content.decode()
    assert f'href="/ke-hoach/{plan_a.pk}/#nv-{old.pk}"' in html
    assert "Nối tiếp nhiệm vụ 1 của kế hoạch 37/KH-UBND" in html


def test_a_stale_version_on_publish_says_who_changed_the_draft(
    client: Any, coordinator_a: Any, make_draft: Any
) -> None:
    draft = make_draft()
    client.force_login(coordinator_a)
    response = client.post(
        reverse("web:review_publish", args=[draft.pk]), {"version": draft.version - 1 or 99}
    )
    assert response.status_code == 200
    assert "hãy tải lại" in response.content.decode()
    assert not Plan.objects.filter(number="12/KH-UBND").exists()


def _task_list_xlsx() -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    sheet.append(["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Thời gian"])
    sheet.append(["I", "Nâng cao nhận thức về khoa học, công nghệ"])
    sheet.append(
        [
            1,
            "Xây dựng đề án khu công nghệ thông tin",
            "Sở Khoa học và Công nghệ",
            "Sở Tài chính",
            "Đề án",
            "06/2026",
        ]
    )
    sheet.append(
        [
            2,
            "Tuyên truyền về chuyển đổi số",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Báo Gia Lai",
            "Kế hoạch",
            "Hằng năm",
        ]
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_excel_task_list_lands_in_the_same_review_screen(
    client: Any, coordinator_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("web:review_upload"), {"tep": SimpleUploadedFile("nhiem-vu.xlsx", _task_list_xlsx())}
        )
    html = client.get(response["Location"], {"bang": "nhiem-vu"}).content.decode()
    assert "Rà soát kế hoạch" in html
    assert "Xây dựng đề án khu công nghệ thông tin" in html
    assert "Tuyên truyền về chuyển đổi số" in html
    assert "hạn 30/06/2026" in html and "định kỳ hằng năm" in html


def test_a_discarded_draft_says_so_and_keeps_its_file(
    client: Any, coordinator_a: Any, make_draft: Any
) -> None:
    draft = make_draft()
    client.force_login(coordinator_a)
    client.post(reverse("web:review_discard", args=[draft.pk]))
    html = client.get(reverse("web:review_draft", args=[draft.pk])).content.decode()
    assert "Bản nháp đã hủy" in html and "ke-hoach.txt" in html
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DISCARDED
