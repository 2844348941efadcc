"""Intake: store an uploaded document as a draft and extract it in a background job.

``draft_upload`` keeps the file whatever happens next and recognises a file already
published (content hash); ``draft_extract`` is the body of ``theodoi.plans.tasks.extract_draft``;
``draft_retry`` queues a failed or stuck extraction again.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from theodoi.core.audit import audit_record
from theodoi.directory.models import AdministrativeUnit
from theodoi.ingest.errors import IngestError
from theodoi.ingest.pipeline import ExtractConfig, extract_document
from theodoi.ingest.read import SUPPORTED_SUFFIXES, read_bytes
from theodoi.ingest.read.container import open_checked_zip
from theodoi.ingest.read.limits import DEFAULT_LIMITS, safe_name, vn_size
from theodoi.ingest.restore import text_is_clean
from theodoi.plans.drafts.base import DraftError, check_may_edit
from theodoi.plans.models import DraftStatus, Plan, PlanDraft, PlanStatus
from theodoi.plans.services import _unit_family

logger = logging.getLogger(__name__)


STUCK_AFTER = dt.timedelta(minutes=30)  # no progress for this long: the worker died, retry allowed
GENERIC_FAILURE = (
    "Trích xuất gặp lỗi ngoài dự kiến; tệp vẫn được giữ lại. Hãy thử lại sau hoặc báo cho quản trị hệ thống."
)


_ZIP_KINDS = {".docx": "Word", ".xlsx": "Excel"}


def _upload_limit() -> int:
    return int(getattr(settings, "THEODOI_UPLOAD_MAX_BYTES", DEFAULT_LIMITS.max_bytes))


def _read_upload(data: bytes | IO[bytes], *, name: str, limit: int) -> bytes:
    """Return the upload's bytes, refusing one over ``limit`` without reading all of it."""
    content = bytes(data) if isinstance(data, bytes | bytearray) else data.read(limit + 1)
    if len(content) > limit:
        raise DraftError(
            f"Tệp “{name}” lớn hơn giới hạn {vn_size(limit)}; hãy tách hoặc nén tệp rồi gửi lại.",
            code="too_large",
        )
    if not content.strip():
        raise DraftError(f"Tệp “{name}” rỗng, không có nội dung.", code="empty")
    return content


def draft_upload(
    *, actor: Any, name: str, data: bytes | IO[bytes], unit: AdministrativeUnit | None = None
) -> PlanDraft:
    """Store an uploaded plan document as a draft and queue its extraction.

    ``unit`` defaults to the coordinator's province (an administrator must name it). The file
    is kept under MEDIA_ROOT/uploads/ whatever happens to the extraction. A file whose content
    hash matches a stored plan of the province gets ``target_plan`` and ``same_file``: the UI
    shows ``draft.update_notice`` and publishing updates that plan rather than adding one.

    Raises DraftError (size, empty file, unsupported format, no province) and PermissionDenied.
    """
    file_name = safe_name(name or "tai-lieu")
    if Path(file_name).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise DraftError(
            f"Tệp “{file_name}” chưa được hỗ trợ; hãy gửi một trong các dạng: {', '.join(SUPPORTED_SUFFIXES)}.",
            code="unsupported_format",
        )
    if unit is None:
        unit = getattr(getattr(actor, "profile", None), "unit", None)
    if unit is None:
        raise DraftError("Hãy chọn tỉnh, thành phố mà kế hoạch thuộc về.", code="unit")
    check_may_edit(actor=actor, unit=unit)
    content = _read_upload(data, name=file_name, limit=_upload_limit())
    if Path(file_name).suffix.lower() in _ZIP_KINDS:  # a zip bomb is refused before it is stored
        try:
            open_checked_zip(
                content,
                name=file_name,
                limits=DEFAULT_LIMITS,
                what=_ZIP_KINDS[Path(file_name).suffix.lower()],
            )
        except IngestError as e:
            raise DraftError(e.message, code=e.code) from e
    sha = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        same = (
            Plan.objects.filter(source_hash=sha, unit_id__in=_unit_family(unit))
            .order_by("-updated_at", "-id")
            .first()
        )
        draft = PlanDraft(
            unit=unit,
            created_by=actor,
            updated_by=actor,
            file_name=file_name,
            file_sha256=sha,
            file_size=len(content),
            status=DraftStatus.QUEUED,
            progress_text="Đang chờ trích xuất",
            same_file=same is not None,
            target_plan=same,
        )
        draft.file.save(file_name, ContentFile(content), save=False)
        draft.save()
        audit_record(
            actor=actor,
            action="plan_draft.upload",
            obj=draft,
            summary=f"Tải lên tệp “{file_name}” ({vn_size(len(content))}) để nhập kế hoạch ({unit.name})"
            + (f"; trùng tệp của kế hoạch {same}" if same else "")
            + ".",
            after={
                "file": file_name,
                "sha256": sha,
                "size": len(content),
                "target_plan": same.pk if same else None,
            },
        )
        transaction.on_commit(functools.partial(_enqueue_extraction, draft.pk))
    return draft


def _enqueue_extraction(draft_id: int) -> None:
    from theodoi.plans.tasks import extract_draft  # tasks imports this module

    result = extract_draft.enqueue(draft_id)
    PlanDraft.objects.filter(pk=draft_id).update(task_result_id=str(result.id))


def draft_retry(*, draft: PlanDraft, actor: Any) -> PlanDraft:
    """Queue the extraction of a failed draft again (the file was kept), say after OCR was installed.

    A draft queued or extracting with no progress for STUCK_AFTER (its worker died) may be
    retried too; otherwise DraftError.
    """
    with transaction.atomic():
        row = PlanDraft.objects.select_for_update().select_related("unit").get(pk=draft.pk)
        check_may_edit(actor=actor, unit=row.unit)
        stuck = (
            row.status in (DraftStatus.QUEUED, DraftStatus.EXTRACTING)
            and row.updated_at < timezone.now() - STUCK_AFTER
        )
        if row.status != DraftStatus.FAILED and not stuck:
            raise DraftError("Chỉ trích xuất lại được bản nháp bị lỗi hoặc bị treo quá lâu.", code="status")
        before = {"status": row.status, "error": row.error}
        row.status, row.progress, row.progress_text, row.error = (
            DraftStatus.QUEUED,
            0,
            "Đang chờ trích xuất",
            "",
        )
        row.updated_by = actor
        row.save(update_fields=["status", "progress", "progress_text", "error", "updated_by", "updated_at"])
        audit_record(
            actor=actor,
            action="plan_draft.retry",
            obj=row,
            summary=f"Trích xuất lại tệp “{row.file_name}”.",
            before=before,
            after={"status": row.status},
        )
        transaction.on_commit(functools.partial(_enqueue_extraction, row.pk))
    return row


def _progress(draft_id: int, progress: int, text: str) -> None:
    """Record the step running, in its own short write so that a polling page sees it."""
    PlanDraft.objects.filter(pk=draft_id, status=DraftStatus.EXTRACTING).update(
        progress=progress, progress_text=text, updated_at=timezone.now()
    )


def _fail(draft_id: int, message: str) -> None:
    with transaction.atomic():
        row = PlanDraft.objects.select_for_update().filter(pk=draft_id, status=DraftStatus.EXTRACTING).first()
        if row is None:
            return
        row.status, row.error, row.progress_text = DraftStatus.FAILED, message, "Trích xuất không thành công"
        row.save(update_fields=["status", "error", "progress_text", "updated_at"])
        audit_record(
            actor=None,
            action="plan_draft.extract_failed",
            obj=row,
            summary=f"Trích xuất tệp “{row.file_name}” không thành công: {message}",
            before={"status": DraftStatus.EXTRACTING},
            after={"status": row.status, "error": message},
        )


def _reference_texts(unit: AdministrativeUnit, *, limit: int = 3) -> list[str]:
    """Return clean texts of the province's active plans: the restorer prefers their wording."""
    stored = (
        Plan.objects.filter(unit_id__in=_unit_family(unit), status=PlanStatus.ACTIVE)
        .exclude(source_text="")
        .order_by("-date", "-id")
        .values_list("source_text", flat=True)[:20]
    )
    return [text for text in stored if text_is_clean(text)][:limit]


def draft_extract(*, draft_id: int) -> None:
    """Extract a queued draft's file into its document: the body of the background job.

    Idempotent: a draft that is no longer queued or extracting (done, discarded) is left
    alone. Progress is written between steps. A document extraction refuses (IngestError)
    fails the draft with its Vietnamese reason; anything else fails it with a generic
    message and is logged with its traceback. The file is kept either way.
    """
    claimed = PlanDraft.objects.filter(
        pk=draft_id, status__in=[DraftStatus.QUEUED, DraftStatus.EXTRACTING]
    ).update(
        status=DraftStatus.EXTRACTING,
        progress=5,
        progress_text="Đang đọc tệp",
        error="",
        updated_at=timezone.now(),
    )
    if not claimed:
        logger.info("draft %s is not waiting for extraction; nothing to do", draft_id)
        return
    draft = PlanDraft.objects.select_related("unit").get(pk=draft_id)
    try:
        _extract_into(draft)
    except IngestError as e:
        logger.info("draft %s: extraction refused the document: %s", draft_id, e.message)
        _fail(draft_id, e.message)
    except OSError as e:
        logger.warning("draft %s: the uploaded file cannot be opened: %s", draft_id, e)
        _fail(draft_id, f"Không mở được tệp “{draft.file_name}” đã tải lên; hãy tải lại tệp.")
    # The job boundary: whatever a parser raises on some document must end as a failed draft
    # the coordinator can see and retry, not as a job that stays "extracting" forever.
    except Exception:
        logger.exception("draft %s: extraction failed unexpectedly", draft_id)
        _fail(draft_id, GENERIC_FAILURE)


def _extract_into(draft: PlanDraft) -> None:
    with draft.file.open("rb") as handle:
        data = handle.read()
    document = read_bytes(data, name=draft.file_name)
    _progress(draft.pk, 25, "Đang khôi phục dấu tiếng Việt và đọc các bảng")
    config = ExtractConfig(reference_texts=tuple(_reference_texts(draft.unit)))
    extraction = extract_document(document, config=config)
    _progress(draft.pk, 90, "Đang lưu kết quả trích xuất")
    extracted = extraction.plan.to_dict()
    lines = [{"n": line.number, "raw": line.raw, "text": line.text} for line in extraction.lines]
    with transaction.atomic():
        row = PlanDraft.objects.select_for_update().filter(pk=draft.pk, status=DraftStatus.EXTRACTING).first()
        if row is None:  # discarded while extracting
            return
        family = _unit_family(row.unit)
        number = extraction.plan.document.number
        if row.target_plan_id is None and number:
            row.target_plan = Plan.objects.filter(unit_id__in=family, number=number).order_by("id").first()
        if row.supersedes_plan_id is None:
            row.supersedes_plan = _header_supersedes(extraction.plan.document.supersedes, family=family)
        row.extracted = extracted
        row.document = copy.deepcopy(extracted)
        row.source_lines = lines
        row.status, row.progress, row.progress_text = DraftStatus.READY, 100, "Đã trích xuất xong"
        row.version += 1
        row.save()
        plan = extraction.plan
        audit_record(
            actor=None,
            action="plan_draft.extract",
            obj=row,
            summary=(
                f"Trích xuất tệp “{row.file_name}”: {plan.document.number or 'chưa rõ số'}, "
                f"{len(plan.tasks)} nhiệm vụ, {len(plan.indicators)} chỉ tiêu, {len(plan.warnings)} cảnh báo."
            ),
            before={"status": DraftStatus.EXTRACTING},
            after={"status": row.status, "tasks": len(plan.tasks), "indicators": len(plan.indicators)},
        )


def _header_supersedes(numbers: Iterable[str], *, family: set[int]) -> Plan | None:
    for number in numbers:
        found = (
            Plan.objects.filter(unit_id__in=family, number="".join(number.split()))
            .exclude(status=PlanStatus.DRAFT)
            .order_by("id")
            .first()
        )
        if found is not None:
            return found
    return None
