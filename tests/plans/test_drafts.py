"""Drafts: upload a plan document, review what extraction read, publish it as the active plan.

Extraction runs through the immediate task backend, so an upload is extracted when its
transaction commits (``django_capture_on_commit_callbacks``).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from theodoi.accounts.scope import draft_get_for_user
from theodoi.directory.models import AdministrativeUnit, Agency, AgencyAlias
from theodoi.directory.names import agency_key
from theodoi.ingest.pipeline import extract
from theodoi.ingest.plan import Plan as PlanDocument
from theodoi.ingest.restore import default_restorer
from theodoi.plans.drafts import (
    DraftConflict,
    DraftError,
    draft_cell_update,
    draft_diff,
    draft_discard,
    draft_publish,
    draft_retry,
    draft_review_queue,
    draft_row_add,
    draft_row_delete,
    draft_row_move,
    draft_row_split,
    draft_rows_merge,
    draft_upload,
    intake,
)
from theodoi.plans.management.commands.train_restore import restore_training_data
from theodoi.plans.models import Correction, CorrectionKind, DraftStatus, Plan, PlanDraft, PlanStatus, Task
from theodoi.plans.selectors import agency_suggest, draft_list_for_user, plan_tasks
from theodoi.plans.services import plan_import

from .conftest import small_plan

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "plans"

# A short plan whose task names an industrial park the restorer does not know: "Dung Quat"
# (no marks, as OCR leaves it) comes back as "Dùng Quạt" until a reviewer teaches it.
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
{task}
Sở Khoa học và Công nghệ
Các Sở, ngành, địa phương
Đề án
06/2026
2.
Triển khai tuyên truyền về chuyển đổi số trên báo chí
Sở Văn hóa, Thể thao và Du lịch
Báo Gia Lai
Kế hoạch
Hằng năm
"""
FIRST_TASK = "Xay dung de an phat trien khu cong nghe thong tin tap trung Dung Quat"
CORRECT_TASK = "Xây dựng đề án phát triển khu công nghệ thông tin tập trung Dung Quất"
LATER_TASK = "Mo rong khu cong nghe thong tin tap trung Dung Quat giai doan 2"


def small_file(task: str = FIRST_TASK, number: str = "12/KH-UBND") -> bytes:
    return SMALL_PLAN.format(task=task).replace("12/KH-UBND", number).encode()


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any, tmp_path: Path) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder of its own, so that a retrained restorer is this test's alone."""
    monkeypatch.setenv("THEODOI_DATA_DIR", str(tmp_path))
    default_restorer.cache_clear()
    yield tmp_path
    default_restorer.cache_clear()


@pytest.fixture
def upload(django_capture_on_commit_callbacks: Any, coordinator_a: Any) -> Callable[..., PlanDraft]:
    """Upload ``data`` as the coordinator of Gia Lai and run the extraction it queues."""

    def run(data: bytes, name: str = "ke-hoach.txt", actor: Any = None) -> PlanDraft:
        with django_capture_on_commit_callbacks(execute=True):
            draft = draft_upload(actor=actor or coordinator_a, name=name, data=data)
        draft.refresh_from_db()
        return draft

    return run


@pytest.fixture
def make_draft(coordinator_a: Any, units: dict[str, AdministrativeUnit]) -> Callable[..., PlanDraft]:
    """Return a draft ready for review holding ``doc`` (as if extraction had read it)."""

    def make(doc: dict[str, Any] | None = None, unit: AdministrativeUnit | None = None) -> PlanDraft:
        doc = doc or small_plan(tasks=3)
        draft = PlanDraft(
            unit=unit or units["a"],
            created_by=coordinator_a,
            file_name="ke-hoach.txt",
            file_sha256="0" * 64,
            status=DraftStatus.READY,
            extracted=copy.deepcopy(doc),
            document=copy.deepcopy(doc),
            source_lines=[{"n": n, "raw": f"dong {n}", "text": f"dòng {n}"} for n in range(1, 40)],
        )
        draft.file.save("ke-hoach.txt", ContentFile(b"ke hoach"), save=False)
        draft.save()
        return draft

    return make


def tasks_of(draft: PlanDraft) -> list[dict[str, Any]]:
    draft.refresh_from_db()
    return draft.document["tasks"]


# --- upload and extraction ---------------------------------------------------------------------


def test_uploaded_document_is_extracted_into_a_draft_ready_for_review(
    upload: Callable[..., PlanDraft],
) -> None:
    draft = upload(small_file())

    assert draft.status == DraftStatus.READY
    assert draft.progress == 100
    assert draft.task_result_id
    assert draft.document["document"]["number"] == "12/KH-UBND"
    assert [t["code"] for t in draft.document["tasks"]] == ["1", "2"]
    assert draft.extracted == draft.document
    assert draft.source_lines[0] == {
        "n": 1,
        "raw": "UY BAN NHAN DAN TINH GIA LAI",
        "text": draft.source_lines[0]["text"],
    }
    assert Path(draft.file.path).read_bytes() == small_file()


def test_upload_over_the_size_limit_is_refused(settings: Any, coordinator_a: Any) -> None:
    settings.THEODOI_UPLOAD_MAX_BYTES = 100

    with pytest.raises(DraftError, match="lớn hơn giới hạn"):
        draft_upload(actor=coordinator_a, name="ke-hoach.txt", data=io.BytesIO(small_file()))

    assert not PlanDraft.objects.exists()


def test_file_of_an_unsupported_kind_is_refused_at_upload(coordinator_a: Any) -> None:
    with pytest.raises(DraftError, match="chưa được hỗ trợ"):
        draft_upload(actor=coordinator_a, name="ke-hoach.doc", data=b"abc")


def test_second_upload_of_the_same_file_is_offered_as_an_update(
    upload: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    first = upload(small_file())
    plan = draft_publish(draft=first, actor=coordinator_a, version=first.version)

    second = upload(small_file(), name="ban-sao.txt")

    assert second.target_plan == plan
    assert second.same_file
    assert (
        second.update_notice == "Tệp này đã được nhập (kế hoạch 12/KH-UBND): bản này sẽ cập nhật kế hoạch đó."
    )
    assert draft_publish(draft=second, actor=coordinator_a, version=second.version) == plan
    assert Plan.objects.count() == 1


def test_failed_extraction_keeps_the_file_and_says_why(upload: Callable[..., PlanDraft]) -> None:
    data = "Biên bản họp chi bộ\nNội dung: bầu bí thư\n".encode()

    draft = upload(data, name="bien-ban.txt")

    assert draft.status == DraftStatus.FAILED
    assert "không giống một kế hoạch" in draft.error
    assert Path(draft.file.path).read_bytes() == data


def test_unexpected_error_fails_the_draft_with_a_plain_message(
    upload: Callable[..., PlanDraft], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(intake, "extract_document", broken)

    draft = upload(small_file())

    assert draft.status == DraftStatus.FAILED
    assert draft.error == intake.GENERIC_FAILURE
    assert Path(draft.file.path).exists()


def test_failed_draft_can_be_extracted_again(
    upload: Callable[..., PlanDraft],
    monkeypatch: pytest.MonkeyPatch,
    coordinator_a: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    monkeypatch.setattr(intake, "extract_document", lambda *a, **k: 1 / 0)
    draft = upload(small_file())
    monkeypatch.undo()

    with django_capture_on_commit_callbacks(execute=True):
        draft_retry(draft=draft, actor=coordinator_a)

    draft.refresh_from_db()
    assert draft.status == DraftStatus.READY
    assert draft.error == ""


def test_draft_whose_worker_died_can_be_extracted_again(
    coordinator_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    draft = draft_upload(actor=coordinator_a, name="ke-hoach.txt", data=small_file())  # queued, never run
    PlanDraft.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - dt.timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        draft_retry(draft=draft, actor=coordinator_a)

    draft.refresh_from_db()
    assert draft.status == DraftStatus.READY


def test_draft_still_extracting_cannot_be_queued_twice(coordinator_a: Any) -> None:
    draft = draft_upload(actor=coordinator_a, name="ke-hoach.txt", data=small_file())

    with pytest.raises(DraftError, match="Chỉ trích xuất lại"):
        draft_retry(draft=draft, actor=coordinator_a)


# --- cell edits ----------------------------------------------------------------------------------


def test_cell_edit_is_stored_with_a_correction_and_the_cell_counts_as_checked(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    draft = make_draft()

    saved = draft_cell_update(
        draft=draft,
        actor=coordinator_a,
        version=draft.version,
        path="tasks[1].name",
        value="Nhiệm vụ  sửa lại",
    )

    assert saved.version == draft.version + 1
    assert tasks_of(draft)[1]["name"] == "Nhiệm vụ sửa lại"
    assert tasks_of(draft)[1]["confidence"]["name"] == 1.0
    correction = Correction.objects.get()
    assert (correction.path, correction.field, correction.kind) == (
        "tasks[1].name",
        "name",
        CorrectionKind.EDIT,
    )
    assert (correction.before, correction.after, correction.actor) == (
        "Nhiệm vụ số 2",
        "Nhiệm vụ sửa lại",
        coordinator_a,
    )


def test_deadline_edit_parses_the_new_deadline(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    draft = make_draft()

    draft_cell_update(
        draft=draft, actor=coordinator_a, version=draft.version, path="tasks[0].deadline", value="Quý II/2026"
    )

    task = tasks_of(draft)[0]
    assert task["deadline"] == "Quý II/2026"
    assert task["deadline_parsed"]["kind"] == "quarter"
    assert task["deadline_parsed"]["due"] == "2026-06-30"


def test_target_edit_parses_comparison_and_value(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    draft = make_draft()

    draft_cell_update(
        draft=draft, actor=coordinator_a, version=draft.version, path="indicators[0].target", value="16 - 18"
    )

    draft.refresh_from_db()
    indicator = draft.document["indicators"][0]
    assert (indicator["target"], indicator["op"], indicator["value"], indicator["value_max"]) == (
        "16 - 18",
        "range",
        16,
        18,
    )


def test_agency_list_takes_names(make_draft: Callable[..., PlanDraft], coordinator_a: Any) -> None:
    draft = make_draft()

    draft_cell_update(
        draft=draft,
        actor=coordinator_a,
        version=draft.version,
        path="tasks[0].support",
        value=["Sở Tài chính", "Sở Nội vụ", "Sở Tài chính"],
    )

    assert tasks_of(draft)[0]["support"] == ["Sở Tài chính", "Sở Nội vụ"]
    assert Correction.objects.get().after == "Sở Tài chính; Sở Nội vụ"


def test_header_date_is_taken_as_printed_in_vietnam(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    draft = make_draft()

    draft_cell_update(
        draft=draft, actor=coordinator_a, version=draft.version, path="document.date", value="05/09/2025"
    )

    draft.refresh_from_db()
    assert draft.document["document"]["date"] == "2025-09-05"


def test_header_number_of_a_stored_plan_makes_the_draft_its_update(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    plan = plan_import(plan=PlanDocument.from_dict(small_plan(number="5/KH-UBND")), status=PlanStatus.ACTIVE)
    draft = make_draft(small_plan(number="6/KH-UBND"))

    saved = draft_cell_update(
        draft=draft, actor=coordinator_a, version=draft.version, path="document.number", value="5/KH-UBND"
    )

    assert saved.target_plan == plan
    assert saved.update_notice == "Đã có kế hoạch số 5/KH-UBND của tỉnh: bản này sẽ cập nhật kế hoạch đó."


def test_empty_task_name_is_refused_naming_the_cell(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    draft = make_draft()

    with pytest.raises(DraftError) as e:
        draft_cell_update(
            draft=draft, actor=coordinator_a, version=draft.version, path="tasks[0].name", value="  "
        )

    assert e.value.path == "tasks[0].name"
    assert tasks_of(draft)[0]["name"] == "Nhiệm vụ số 1"


def test_renaming_a_section_renames_it_on_its_tasks(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    draft = make_draft()

    draft_cell_update(
        draft=draft, actor=coordinator_a, version=draft.version, path="sections[0].code", value="II"
    )

    assert {t["section"] for t in tasks_of(draft)} == {"II"}


def test_edit_on_a_stale_version_is_refused_and_nothing_is_written(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    draft = make_draft()
    stale = draft.version
    draft_cell_update(
        draft=draft, actor=coordinator_a, version=stale, path="tasks[0].output", value="Quyết định"
    )

    with pytest.raises(DraftConflict) as e:
        draft_cell_update(
            draft=draft, actor=coordinator_a, version=stale, path="tasks[0].output", value="Đề án"
        )

    assert e.value.message.startswith("Bản nháp đã được dieuphoi_a sửa lúc ")
    assert e.value.message.endswith("; hãy tải lại để xem thay đổi trước khi sửa tiếp.")
    assert e.value.current_version == stale + 1
    assert tasks_of(draft)[0]["output"] == "Quyết định"
    assert Correction.objects.count() == 1


# --- row edits -----------------------------------------------------------------------------------


def test_row_is_added_where_asked_and_waits_in_the_review_queue(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    draft = make_draft()

    saved = draft_row_add(draft=draft, actor=coordinator_a, version=draft.version, table="tasks", index=1)

    assert [t["name"] for t in tasks_of(draft)] == [
        "Nhiệm vụ số 1",
        "Nhiệm vụ mới",
        "Nhiệm vụ số 2",
        "Nhiệm vụ số 3",
    ]
    assert tasks_of(draft)[1]["section"] == "I"
    assert "tasks[1].name" in [c.path for c in draft_review_queue(draft=saved)]
    assert Correction.objects.get().kind == CorrectionKind.ADD


def test_row_is_added_with_its_values(make_draft: Callable[..., PlanDraft], coordinator_a: Any) -> None:
    draft = make_draft()

    draft_row_add(
        draft=draft,
        actor=coordinator_a,
        version=draft.version,
        table="tasks",
        index=3,
        values={"code": "4", "name": "Nhiệm vụ bổ sung", "lead": ["Sở Nội vụ"], "deadline": "2026"},
    )

    task = tasks_of(draft)[3]
    assert (task["code"], task["name"], task["lead"], task["deadline_parsed"]["kind"]) == (
        "4",
        "Nhiệm vụ bổ sung",
        ["Sở Nội vụ"],
        "year",
    )


def test_row_is_deleted_and_kept_in_its_correction(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    draft = make_draft()

    draft_row_delete(draft=draft, actor=coordinator_a, version=draft.version, table="tasks", index=0)

    assert [t["code"] for t in tasks_of(draft)] == ["2", "3"]
    correction = Correction.objects.get()
    assert (correction.kind, correction.row_before["name"]) == (CorrectionKind.DELETE, "Nhiệm vụ số 1")


def test_row_is_moved(make_draft: Callable[..., PlanDraft], coordinator_a: Any) -> None:
    draft = make_draft()

    draft_row_move(draft=draft, actor=coordinator_a, version=draft.version, table="tasks", index=2, to=0)

    assert [t["code"] for t in tasks_of(draft)] == ["3", "1", "2"]


def test_merging_two_rows_joins_names_and_unites_agencies_and_source_lines(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    doc = small_plan(tasks=3)
    doc["tasks"][0].update(name="Xây dựng đề án", lead=["Sở Nội vụ"], source_lines=[10, 11])
    doc["tasks"][1].update(
        name="chuyển đổi số tỉnh", lead=["Sở Nội vụ", "Sở Tài chính"], output=None, source_lines=[12, 13]
    )
    draft = make_draft(doc)

    draft_rows_merge(draft=draft, actor=coordinator_a, version=draft.version, table="tasks", index=0)

    tasks = tasks_of(draft)
    assert len(tasks) == 2
    assert tasks[0]["name"] == "Xây dựng đề án chuyển đổi số tỉnh"
    assert tasks[0]["lead"] == ["Sở Nội vụ", "Sở Tài chính"]
    assert tasks[0]["support"] == ["Các sở, ban, ngành, địa phương", "Sở Tài chính"]
    assert tasks[0]["source_lines"] == [10, 11, 12, 13]
    assert tasks[0]["output"] == "Báo cáo"
    correction = Correction.objects.get()
    assert correction.kind == CorrectionKind.MERGE
    assert [r["name"] for r in correction.row_before] == ["Xây dựng đề án", "chuyển đổi số tỉnh"]


def test_splitting_a_row_gives_two_rows_and_the_new_one_is_to_check(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    doc = small_plan(tasks=1)
    doc["tasks"][0]["name"] = "Xây dựng đề án A. Triển khai nhiệm vụ B"
    draft = make_draft(doc)

    saved = draft_row_split(
        draft=draft,
        actor=coordinator_a,
        version=draft.version,
        table="tasks",
        index=0,
        at=len("Xây dựng đề án A."),
    )

    tasks = tasks_of(draft)
    assert [t["name"] for t in tasks] == ["Xây dựng đề án A.", "Triển khai nhiệm vụ B"]
    assert tasks[1]["code"] is None
    assert tasks[1]["lead"] == tasks[0]["lead"]
    assert "tasks[1].lead" in [c.path for c in draft_review_queue(draft=saved)]
    assert Correction.objects.get().kind == CorrectionKind.SPLIT


def test_review_queue_walks_low_confidence_cells_least_confident_first(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    doc = small_plan(tasks=2)
    doc["tasks"][0].update(source_lines=[30], confidence={"name": 0.4, "lead": 0.9})
    doc["tasks"][1].update(source_lines=[20, 21], confidence={"deadline": 0.5, "output": 0.3})
    doc["indicators"][0].update(source_lines=[10], confidence={"target": 0.6})
    draft = make_draft(doc)

    queue = draft_review_queue(draft=draft)

    assert [c.path for c in queue] == [
        "tasks[1].output",
        "tasks[0].name",
        "tasks[1].deadline",
        "indicators[0].target",
    ]
    assert [line["n"] for line in queue[0].source_lines] == [20, 21]
    assert queue[-1].confidence == 0.6

    saved = draft_cell_update(
        draft=draft, actor=coordinator_a, version=draft.version, path="tasks[1].output", value="Báo cáo"
    )
    assert "tasks[1].output" not in [c.path for c in draft_review_queue(draft=saved)]


def test_review_queue_keeps_document_order_among_cells_of_equal_confidence(
    make_draft: Callable[..., PlanDraft],
) -> None:
    doc = small_plan(tasks=2)
    doc["tasks"][0].update(source_lines=[30], confidence={"name": 0.5})
    doc["tasks"][1].update(source_lines=[20], confidence={"deadline": 0.5, "name": 0.5})
    draft = make_draft(doc)

    queue = draft_review_queue(draft=draft)

    assert [c.path for c in queue] == ["tasks[1].name", "tasks[1].deadline", "tasks[0].name"]


# --- permissions ---------------------------------------------------------------------------------


def test_reporter_cannot_upload_or_edit_a_draft(
    make_draft: Callable[..., PlanDraft], reporter_a: Any
) -> None:
    draft = make_draft()

    with pytest.raises(PermissionDenied):
        draft_cell_update(
            draft=draft, actor=reporter_a, version=draft.version, path="tasks[0].name", value="X"
        )
    with pytest.raises(PermissionDenied):
        draft_upload(actor=reporter_a, name="a.txt", data=small_file(), unit=draft.unit)


def test_coordinator_of_another_province_neither_sees_nor_edits_the_draft(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any, coordinator_b: Any
) -> None:
    draft = make_draft()

    assert list(draft_list_for_user(user=coordinator_a)) == [draft]
    assert list(draft_list_for_user(user=coordinator_b)) == []
    with pytest.raises(PlanDraft.DoesNotExist):
        draft_get_for_user(user=coordinator_b, draft_id=draft.pk)
    with pytest.raises(PermissionDenied):
        draft_discard(draft=draft, actor=coordinator_b)


def test_draft_list_costs_the_same_queries_for_many_drafts(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            rows = list(draft_list_for_user(user=coordinator_a))
            for row in rows:
                (row.plan_number, row.unit.name, row.created_by.username, str(row), row.target_plan)
        return len(ctx)

    for _ in range(2):
        make_draft()
    few = count()
    for _ in range(4):
        make_draft()

    assert count() == few


def test_discarded_draft_leaves_the_list_and_cannot_be_edited(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    draft = make_draft()

    gone = draft_discard(draft=draft, actor=coordinator_a)

    assert list(draft_list_for_user(user=coordinator_a)) == []
    with pytest.raises(DraftError, match="không sửa được"):
        draft_cell_update(
            draft=gone, actor=coordinator_a, version=gone.version, path="tasks[0].name", value="X"
        )


# --- agencies for type-ahead -----------------------------------------------------------------------


def test_agency_suggestions_ignore_diacritics_and_match_word_starts(
    units: dict[str, AdministrativeUnit], agencies: dict[str, Agency]
) -> None:
    for agency in agencies.values():
        AgencyAlias.objects.create(
            agency=agency,
            unit=agency.unit,
            alias=agency.name,
            key=agency_key(agency.name, unit_name=agency.unit.name),
        )

    found = agency_suggest(unit=units["a"], q="khoa hoc")

    assert [a.pk for a in found] == [agencies["ministry"].pk, agencies["science_a"].pk]
    assert [a.pk for a in agency_suggest(unit=units["a"], q="Sở KH&CN")] == [agencies["science_a"].pk]
    assert [a.pk for a in agency_suggest(unit=units["a"], q="tai c")] == [agencies["finance_a"].pk]
    assert agency_suggest(unit=units["a"], q="oa hoc") == []


# --- difference and publish ----------------------------------------------------------------------


def test_renumbered_task_still_matches_its_earlier_self(
    make_draft: Callable[..., PlanDraft], units: dict[str, AdministrativeUnit]
) -> None:
    old_doc = small_plan(number="37/KH-UBND", province="Bình Định", tasks=3)
    old_doc["tasks"][2]["name"] = "Xây dựng đề án phát triển khu công nghệ thông tin tập trung"
    old = plan_import(plan=PlanDocument.from_dict(old_doc), status=PlanStatus.ACTIVE)
    new_doc = small_plan(number="103/KH-UBND", province="Bình Định", tasks=2)
    new_doc["tasks"][0].update(
        name="Xây dựng Đề án phát triển khu công nghệ thông tin tập trung của tỉnh", deadline="2026"
    )
    new_doc["tasks"][1].update(name="Tổ chức hội thảo quốc tế về trí tuệ nhân tạo", code="2")
    draft = make_draft(new_doc)

    diff = draft_diff(draft=draft, against=old)

    assert [t.name for t in diff.added] == ["Tổ chức hội thảo quốc tế về trí tuệ nhân tạo"]
    assert [t.name for t in diff.removed] == ["Nhiệm vụ số 1", "Nhiệm vụ số 2"]
    (change,) = diff.changed
    assert change.old.code == "3" and change.new.code == "1"
    assert [(f.field, f.before, f.after) for f in change.fields] == [
        ("name", old_doc["tasks"][2]["name"], new_doc["tasks"][0]["name"]),
        ("deadline", "12/2025", "2026"),
    ]


def test_publishing_a_plan_picked_as_superseded_replaces_it(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    old = plan_import(
        plan=PlanDocument.from_dict(small_plan(number="5/KH-UBND", tasks=2)), status=PlanStatus.ACTIVE
    )
    draft = make_draft(small_plan(number="6/KH-UBND", tasks=2))

    plan = draft_publish(draft=draft, actor=coordinator_a, version=draft.version, supersedes=old)

    old.refresh_from_db()
    assert (plan.status, old.status) == (PlanStatus.ACTIVE, PlanStatus.SUPERSEDED)
    assert [t.carried_from_id for t in plan.tasks.order_by("position")] == list(
        old.tasks.order_by("position").values_list("pk", flat=True)
    )
    draft.refresh_from_db()
    assert (draft.status, draft.published_plan, draft.supersedes_plan) == (DraftStatus.PUBLISHED, plan, old)


def test_corrections_are_linked_to_the_published_plan(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    draft = make_draft()
    saved = draft_cell_update(
        draft=draft, actor=coordinator_a, version=draft.version, path="tasks[0].name", value="Tên mới"
    )

    plan = draft_publish(draft=saved, actor=coordinator_a, version=saved.version)

    assert Correction.objects.get().plan == plan
    assert plan.tasks.order_by("position").first().name == "Tên mới"


@pytest.mark.slow
def test_publishing_103_over_37_shows_the_changes_and_carries_the_tasks_over(
    upload: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    # Given 37/KH-UBND (sample 003) active, and 103/KH-UBND (sample 000) uploaded: its header
    # says it replaces 37/KH-UBND.
    (path_37,) = SAMPLES.glob("003_*.txt")
    (path_103,) = SAMPLES.glob("000_*.txt")
    extraction = extract(path_37)
    old = plan_import(
        plan=extraction.plan,
        source_text="\n".join(line.text for line in extraction.lines),
        status=PlanStatus.ACTIVE,
    )
    draft = upload(path_103.read_bytes(), name=path_103.name)
    assert draft.status == DraftStatus.READY
    assert draft.supersedes_plan == old

    diff = draft_diff(draft=draft, against=old)
    plan = draft_publish(draft=draft, actor=coordinator_a, version=draft.version)

    assert diff.added and diff.removed and diff.changed
    assert {f.field for c in diff.changed for f in c.fields} >= {"deadline", "lead", "output"}
    old.refresh_from_db()
    assert old.status == PlanStatus.SUPERSEDED
    assert plan.status == PlanStatus.ACTIVE
    carried = dict(plan.tasks.exclude(carried_from=None).values_list("position", "carried_from_id"))
    assert carried == diff.matches
    assert Task.objects.filter(pk__in=carried.values(), plan=old).count() == len(carried)
    assert plan_tasks(plan=old).count() == old.tasks.count() > 0  # the old plan stays readable


# --- the learning loop ---------------------------------------------------------------------------


def test_only_text_edits_are_offered_to_the_restorer(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any
) -> None:
    draft = make_draft()
    saved = draft_cell_update(
        draft=draft, actor=coordinator_a, version=draft.version, path="tasks[0].name", value="Nhiệm vụ số một"
    )
    saved = draft_row_move(
        draft=saved, actor=coordinator_a, version=saved.version, table="tasks", index=0, to=2
    )
    draft_row_delete(draft=saved, actor=coordinator_a, version=saved.version, table="tasks", index=0)

    _, pairs = restore_training_data()

    assert pairs == [("Nhiệm vụ số 1", "Nhiệm vụ số một")]


@pytest.mark.slow
def test_a_corrected_word_is_restored_right_in_a_later_similar_document(
    upload: Callable[..., PlanDraft], coordinator_a: Any, data_dir: Path
) -> None:
    # Given an extraction that restores "Dung Quat" wrongly
    first = upload(small_file())
    wrong = first.document["tasks"][0]["name"]
    assert "Dung Quất" not in wrong
    # When a reviewer corrects it and the restorer is retrained
    draft_cell_update(
        draft=first, actor=coordinator_a, version=first.version, path="tasks[0].name", value=CORRECT_TASK
    )
    call_command("train_restore", stderr=io.StringIO())
    # Then a later document naming the same park gets it right
    later = upload(small_file(task=LATER_TASK, number="13/KH-UBND"))

    assert "Dung Quất" in later.document["tasks"][0]["name"]


# --- Excel task lists ----------------------------------------------------------------------------


def task_list_xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    sheet.append(["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Thời gian"])
    sheet.append(["I", "Nâng cao nhận thức về khoa học, công nghệ"])
    sheet.append(
        [
            1,
            "Xây dựng đề án phát triển khu công nghệ thông tin",
            "Sở Khoa học và Công nghệ",
            "Sở Tài chính",
            "Đề án",
            "06/2026",
        ]
    )
    sheet.append(
        [
            2,
            "Tuyên truyền về chuyển đổi số trên báo chí",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Báo Gia Lai",
            "Kế hoạch",
            "Hằng năm",
        ]
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_excel_task_list_lands_in_the_review_screen(upload: Callable[..., PlanDraft]) -> None:
    draft = upload(task_list_xlsx(), name="nhiem-vu.xlsx")

    assert draft.status == DraftStatus.READY
    assert [(t["section"], t["code"], t["deadline"]) for t in draft.document["tasks"]] == [
        ("I", "1", "06/2026"),
        ("I", "2", "Hằng năm"),
    ]


def test_admin_lists_drafts_and_their_corrections(
    make_draft: Callable[..., PlanDraft], coordinator_a: Any, admin_client: Any
) -> None:
    draft = make_draft()
    draft_cell_update(
        draft=draft, actor=coordinator_a, version=draft.version, path="tasks[0].name", value="Tên mới"
    )

    for url in (
        "/admin/plans/plandraft/",
        f"/admin/plans/plandraft/{draft.pk}/change/",
        "/admin/plans/correction/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_excel_task_list_is_published_in_the_coordinators_province(
    upload: Callable[..., PlanDraft], coordinator_a: Any, units: dict[str, AdministrativeUnit]
) -> None:
    draft = upload(task_list_xlsx(), name="nhiem-vu.xlsx")

    plan = draft_publish(draft=draft, actor=coordinator_a, version=draft.version)

    assert plan.unit == units["a"]
    assert plan.tasks.count() == 2


def test_excel_task_list_of_any_wording_lands_in_the_review_screen(upload: Callable[..., PlanDraft]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Thời gian"])
    sheet.append(
        [
            1,
            "Tuyên truyền về chuyển đổi số trên báo chí",
            "Sở Văn hóa, Thể thao và Du lịch",
            "",
            "Báo cáo",
            "2026",
        ]
    )
    sheet.append([2, "Tập huấn kỹ năng số cho cán bộ", "Sở Nội vụ", "Các sở, ngành", "Văn bản", "12/2025"])
    out = io.BytesIO()
    book.save(out)

    draft = upload(out.getvalue(), name="danh-sach.xlsx")

    assert draft.status == DraftStatus.READY
    assert [t["code"] for t in draft.document["tasks"]] == ["1", "2"]
