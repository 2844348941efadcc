"""Import, review and publish a plan: the draft (bản nháp) between a document and a plan.

A coordinator uploads a document (``draft_upload``); a background job extracts it
(``draft_extract``, run by ``theodoi.plans.tasks.extract_draft``) into a ``PlanDraft`` holding
the nq57-plan/1 JSON. Reviewers correct it cell by cell and row by row (``draft_cell_update``,
``draft_row_*``); every change is a ``Correction`` (who, when, before, after) and text
corrections teach the restorer (``theodoi train-restore``). ``draft_publish`` hands the
corrected document to ``plan_import`` — still the one way a plan enters the database — and
carries the tasks of the plan it supersedes over (``Task.carried_from``).

Every write names the draft ``version`` it was made on; a write on a stale version raises
``DraftConflict`` and changes nothing, so two coordinators never overwrite each other
silently. Services return the draft as saved: its ``version`` is the one to send next.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import functools
import hashlib
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from theodoi.accounts.models import Role
from theodoi.core.audit import audit_record
from theodoi.directory.models import AdministrativeUnit
from theodoi.ingest import plan as fmt
from theodoi.ingest.errors import IngestError
from theodoi.ingest.normalise.deadlines import parse_deadline
from theodoi.ingest.normalise.targets import parse_number, parse_target
from theodoi.ingest.pipeline import ExtractConfig, extract_document
from theodoi.ingest.read import SUPPORTED_SUFFIXES, read_bytes
from theodoi.ingest.read.container import open_checked_zip
from theodoi.ingest.read.limits import DEFAULT_LIMITS, safe_name, vn_size
from theodoi.ingest.restore import text_is_clean
from theodoi.ingest.text import collapse_spaces, fold, nfc
from theodoi.plans.models import (
    AgencyRole,
    Correction,
    CorrectionKind,
    DraftStatus,
    Plan,
    PlanDraft,
    PlanStatus,
    Task,
)
from theodoi.plans.services import _unit_family, plan_import

logger = logging.getLogger(__name__)

__all__ = [
    "FIELD_LABELS",
    "TABLES",
    "CellRef",
    "DiffTask",
    "DraftConflict",
    "DraftError",
    "FieldChange",
    "PlanDiff",
    "TaskChange",
    "draft_cell_update",
    "draft_diff",
    "draft_discard",
    "draft_extract",
    "draft_may_edit",
    "draft_publish",
    "draft_retry",
    "draft_review_queue",
    "draft_row_add",
    "draft_row_delete",
    "draft_row_move",
    "draft_row_split",
    "draft_rows_merge",
    "draft_set_supersedes",
    "draft_source_lines",
    "draft_upload",
    "match_tasks",
]

TABLES = ("tasks", "indicators", "sections", "reporting")
REVIEW_THRESHOLD = 0.75  # cells extracted with less confidence are "to check"; THEODOI_REVIEW_CONFIDENCE
STUCK_AFTER = dt.timedelta(minutes=30)  # no progress for this long: the worker died, retry allowed
GENERIC_FAILURE = (
    "Trích xuất gặp lỗi ngoài dự kiến; tệp vẫn được giữ lại. Hãy thử lại sau hoặc báo cho quản trị hệ thống."
)


class DraftError(Exception):
    """A draft operation refused; ``message`` is Vietnamese for the user, ``path`` the cell if any."""

    def __init__(self, message: str, *, code: str = "draft", path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path


class DraftConflict(DraftError):
    """The draft changed since the reviewer loaded it (a stale ``version``); nothing was written."""

    def __init__(self, message: str, *, current_version: int) -> None:
        super().__init__(message, code="conflict")
        self.current_version = current_version


# --- permission ------------------------------------------------------------------------------


def draft_may_edit(*, user: Any, unit: AdministrativeUnit) -> bool:
    """Tell whether ``user`` may upload, edit and publish drafts of ``unit``.

    Administrators may; a coordinator may for the province it works for (with the provinces
    merged into it, or the one it merged into). Reporters, leaders and others may not.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    profile = getattr(user, "profile", None)
    role = getattr(profile, "role", None)
    if role == Role.ADMIN:
        return True
    return role == Role.COORDINATOR and profile.unit_id in _unit_family(unit)


def _check_may_edit(*, actor: Any, unit: AdministrativeUnit) -> None:
    if not draft_may_edit(user=actor, unit=unit):
        raise PermissionDenied(f"Bạn không có quyền nhập hoặc sửa kế hoạch của {unit.full_name}.")


# --- upload and extraction --------------------------------------------------------------------


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
    _check_may_edit(actor=actor, unit=unit)
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
        _check_may_edit(actor=actor, unit=row.unit)
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


# --- writes on the document: locking, validation, corrections ---------------------------------


def _lock(*, draft: PlanDraft, actor: Any, version: int) -> PlanDraft:
    """Return the draft locked for writing, after the permission, status and version checks."""
    row = PlanDraft.objects.select_for_update().select_related("unit").get(pk=draft.pk)
    _check_may_edit(actor=actor, unit=row.unit)
    if row.status != DraftStatus.READY:
        raise DraftError(
            f"Bản nháp đang ở trạng thái “{row.get_status_display().lower()}”, không sửa được.", code="status"
        )
    if row.version != version:
        who = _user_name(row.updated_by) if row.updated_by_id else "người khác"
        at = timezone.localtime(row.updated_at).strftime("%H:%M")
        raise DraftConflict(
            f"Bản nháp đã được {who} sửa lúc {at}; hãy tải lại để xem thay đổi trước khi sửa tiếp.",
            current_version=row.version,
        )
    return row


def _user_name(user: Any) -> str:
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or getattr(user, "username", "") or "người khác"


def _save(row: PlanDraft, document: dict[str, Any], *, actor: Any) -> PlanDraft:
    """Validate the edited document as nq57-plan/1, then store it with the next version."""
    try:
        fmt.Plan.from_dict(document)
    except fmt.PlanFormatError as e:
        raise DraftError(e.message, code=e.code, path=e.path) from e
    row.document = document
    row.version += 1
    row.updated_by = actor
    row.save(update_fields=["document", "version", "updated_by", "updated_at"])
    return row


def _rows(document: dict[str, Any], table: str) -> list[dict[str, Any]]:
    if table not in TABLES:
        raise DraftError(f"Không có bảng “{table}”.", code="table")
    if table == "reporting":
        return document.setdefault("document", {}).setdefault("reporting", [])  # type: ignore[no-any-return]
    return document.setdefault(table, [])  # type: ignore[no-any-return]


def _table_path(table: str, index: int) -> str:
    return f"document.reporting[{index}]" if table == "reporting" else f"{table}[{index}]"


def _index(rows: list[Any], index: int, table: str, *, end_ok: bool = False) -> int:
    top = len(rows) if end_ok else len(rows) - 1
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= top:
        raise DraftError(
            f"Dòng {index + 1 if isinstance(index, int) else index} không có trong bảng.", code="index"
        )
    return index


def _record(
    row: PlanDraft,
    *,
    actor: Any,
    kind: str,
    path: str,
    field_name: str = "",
    before: str = "",
    after: str = "",
    row_before: Any = None,
    row_after: Any = None,
) -> Correction:
    return Correction.objects.create(
        draft=row,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        kind=kind,
        path=path,
        field=field_name,
        before=before,
        after=after,
        row_before=row_before,
        row_after=row_after,
    )


# --- cell edits ---------------------------------------------------------------------------------

_PATH = re.compile(
    r"^(?:(?P<table>tasks|indicators|sections|reporting|document\.reporting)\[(?P<index>\d+)\]\.)?(?P<head>document\.)?(?P<field>\w+)$"
)

# field -> kind of value, per table; "document" is the header
_FIELDS: dict[str, dict[str, str]] = {
    "document": {
        "number": "code",
        "issuer": "text",
        "province": "text",
        "date": "date",
        "title": "text",
        "signer": "text",
        "implements": "codes",
        "supersedes": "codes",
    },
    "reporting": {"cadence": "cadence", "due": "text", "to": "text"},
    "sections": {"code": "section_code", "title": "text"},
    "tasks": {
        "section": "section",
        "code": "code",
        "name": "required",
        "lead": "agencies",
        "support": "agencies",
        "output": "text",
        "deadline": "deadline",
    },
    "indicators": {
        "horizon": "horizon",
        "group": "text",
        "code": "code",
        "name": "required",
        "unit": "text",
        "target": "target",
        "op": "op",
        "value": "number",
        "value_max": "number",
        "lead": "agencies",
    },
}
FIELD_LABELS = {
    "number": "số văn bản",
    "issuer": "cơ quan ban hành",
    "province": "tỉnh, thành phố",
    "date": "ngày ký",
    "title": "trích yếu",
    "signer": "người ký",
    "implements": "văn bản thực hiện",
    "supersedes": "văn bản thay thế",
    "cadence": "kỳ báo cáo",
    "due": "thời hạn báo cáo",
    "to": "nơi nhận báo cáo",
    "code": "số thứ tự",
    "title_section": "tên mục",
    "section": "mục",
    "name": "tên",
    "lead": "cơ quan chủ trì",
    "support": "cơ quan phối hợp",
    "output": "kết quả, sản phẩm",
    "deadline": "thời gian hoàn thành",
    "horizon": "năm mốc",
    "group": "nhóm",
    "unit": "đơn vị tính",
    "target": "chỉ tiêu cần đạt",
    "op": "phép so sánh",
    "value": "giá trị",
    "value_max": "giá trị trên",
}


def _parse_path(path: str) -> tuple[str, int | None, str]:
    """Return (table, index, field) of a cell path: "tasks[3].name", "document.number"."""
    m = _PATH.match(path.strip())
    if m is None:
        raise DraftError(f"Ô “{path}” không hợp lệ.", code="path", path=path)
    table = m.group("table")
    if table is None:
        if not m.group("head"):
            raise DraftError(f"Ô “{path}” không hợp lệ.", code="path", path=path)
        table, index = "document", None
    else:
        table, index = ("reporting" if table == "document.reporting" else table), int(m.group("index"))
    name = m.group("field")
    if name not in _FIELDS[table]:
        raise DraftError(f"Không sửa được trường “{name}” ở đây.", code="field", path=path)
    return table, index, name


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise DraftError("Giá trị phải là văn bản.", code="not_text")
    text = nfc(collapse_spaces(str(value)))
    return text or None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = re.split(r"[;\n]", value) if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise DraftError("Danh sách cơ quan phải là một danh sách tên.", code="not_list")
    out: list[str] = []
    for item in items:
        text = _as_text(item)
        if text and text not in out:
            out.append(text)
    return out


def _as_text_out(value: Any) -> str:
    """Return a cell value as the text a Correction keeps."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _convert(kind: str, value: Any, *, document: dict[str, Any], path: str, current: Any) -> Any:
    """Return ``value`` checked and converted for a field of ``kind``; DraftError names the cell."""
    try:
        if kind in ("text", "deadline", "target", "code", "section_code"):
            text = _as_text(value)
            if kind == "code" and text:
                text = "".join(text.split())
            if kind == "section_code":
                if not text:
                    raise DraftError("Số hiệu mục không được để trống.", code="required")
                if text != current and any(s.get("code") == text for s in document.get("sections", [])):
                    raise DraftError(f"Đã có mục “{text}”.", code="duplicate_section")
            return text
        if kind == "required":
            text = _as_text(value)
            if not text:
                raise DraftError("Trường này không được để trống.", code="required")
            return text
        if kind in ("agencies", "codes"):
            return _as_list(value)
        if kind == "section":
            text = _as_text(value)
            codes = [s.get("code") for s in document.get("sections", [])]
            if text is not None and text not in codes:
                raise DraftError(
                    f"Không có mục “{text}”; hãy chọn một trong: {', '.join(codes)}.", code="section"
                )
            return text
        if kind == "date":
            return _as_date(value)
        if kind == "cadence":
            if value not in fmt.CADENCES:
                raise DraftError(f"Kỳ báo cáo “{value}” không hợp lệ.", code="cadence")
            return value
        if kind == "op":
            if value not in fmt.OPS:
                raise DraftError(f"Phép so sánh “{value}” không hợp lệ.", code="op")
            return value
        if kind == "horizon":
            if value in (None, ""):
                return None
            year = int(str(value).strip())
            if not 1900 <= year <= 2200:
                raise ValueError(value)
            return year
        if kind == "number":
            if value in (None, ""):
                return None
            if isinstance(value, int | float) and not isinstance(value, bool):
                return value
            number = parse_number(str(value).strip())
            if number is None:
                raise ValueError(value)
            return int(number) if number.is_integer() else number
    except DraftError as e:
        e.path = path
        raise
    except (TypeError, ValueError) as e:
        raise DraftError(f"Giá trị “{value}” không hợp lệ cho ô này.", code="invalid", path=path) from e
    raise DraftError(f"Không sửa được ô “{path}”.", code="field", path=path)


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def _as_date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    m = _DMY.match(text)
    if m:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
    return dt.date.fromisoformat(text).isoformat()


def draft_cell_update(*, draft: PlanDraft, actor: Any, version: int, path: str, value: Any) -> PlanDraft:
    """Set one cell of the draft (``path`` like "tasks[3].name", "document.number",
    "document.reporting[0].due") and record the correction.

    The value is checked for its field: agency lists take a list of names (or one string split
    on ";"), a deadline is re-parsed (``deadline_parsed``) and a target re-parsed (op, value,
    value_max) so that the printed and parsed forms change together; renaming a section code
    renames it on its tasks; a new header number finds the plan of that number the draft will
    update (``target_plan``). The edited cell's confidence becomes 1.0 (checked); setting a cell
    to the value it has records no correction but still marks it checked.

    Raises DraftConflict (stale version), DraftError (bad value, with ``path``), PermissionDenied.
    """
    table, index, name = _parse_path(path)
    with transaction.atomic():
        row = _lock(draft=draft, actor=actor, version=version)
        document = copy.deepcopy(row.document or {})
        if table == "document":
            target = document.setdefault("document", {})
        else:
            rows = _rows(document, table)
            target = rows[_index(rows, index if index is not None else -1, table)]
        before = target.get(name)
        new = _convert(_FIELDS[table][name], value, document=document, path=path, current=before)
        target[name] = new
        if table == "tasks" and name == "deadline":
            parsed = parse_deadline(new)
            if parsed:
                target["deadline_parsed"] = parsed
            else:
                target.pop("deadline_parsed", None)
        if table == "indicators" and name == "target":
            target["op"], value_min, value_max = parse_target(new)
            target["value"], target["value_max"] = _plain(value_min), _plain(value_max)
        if table == "sections" and name == "code" and before != new:
            for task in document.get("tasks", []):
                if task.get("section") == before:
                    task["section"] = new
        target.setdefault("confidence", {})[name] = 1.0
        if table == "document" and name == "number" and not row.same_file:
            family = _unit_family(row.unit)
            row.target_plan = (
                Plan.objects.filter(unit_id__in=family, number=new).order_by("id").first() if new else None
            )
            row.save(update_fields=["target_plan"])
        if before == new:
            row.document = document  # only the confidence changed: checked as correct
            row.version += 1
            row.updated_by = actor
            row.save(update_fields=["document", "version", "updated_by", "updated_at"])
            return row
        _record(
            row,
            actor=actor,
            kind=CorrectionKind.EDIT,
            path=path,
            field_name=name,
            before=_as_text_out(before),
            after=_as_text_out(new),
        )
        return _save(row, document, actor=actor)


def _plain(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


# --- row edits ----------------------------------------------------------------------------------


def _new_row(table: str, document: dict[str, Any], index: int, values: dict[str, Any]) -> dict[str, Any]:
    """Return a hand-made row; a placeholder name gets confidence 0 so the review queue stops on it."""
    rows = _rows(document, table)
    near = rows[index - 1] if index > 0 and rows else (rows[0] if rows else {})
    if table == "tasks":
        row: dict[str, Any] = {
            "section": near.get("section") if table == "tasks" else None,
            "code": None,
            "name": "Nhiệm vụ mới",
            "lead": [],
            "support": [],
            "output": None,
            "deadline": None,
        }
    elif table == "indicators":
        row = {
            "horizon": near.get("horizon"),
            "group": near.get("group"),
            "code": None,
            "name": "Chỉ tiêu mới",
            "unit": None,
            "target": None,
            "op": "text",
            "value": None,
            "value_max": None,
            "lead": [],
        }
    elif table == "sections":
        codes = {s.get("code") for s in rows}
        n = len(rows) + 1
        while f"Mục {n}" in codes:
            n += 1
        row = {"code": f"Mục {n}", "title": ""}
    else:
        row = {"cadence": "ad_hoc", "due": None, "to": None}
    placeholder = {"tasks": "name", "indicators": "name", "sections": "code", "reporting": "cadence"}[table]
    row["confidence"] = {} if placeholder in values else {placeholder: 0.0}
    for name, value in values.items():
        if name not in _FIELDS[table]:
            raise DraftError(f"Không có trường “{name}” trong bảng này.", code="field")
        row[name] = _convert(
            _FIELDS[table][name],
            value,
            document=document,
            path=f"{_table_path(table, index)}.{name}",
            current=None,
        )
        row["confidence"][name] = 1.0
    if table == "tasks" and row.get("deadline"):
        row["deadline_parsed"] = parse_deadline(row["deadline"])
    if table == "indicators" and row.get("target") and "op" not in values:
        row["op"], value_min, value_max = parse_target(row["target"])
        row["value"], row["value_max"] = _plain(value_min), _plain(value_max)
    return row


def draft_row_add(
    *,
    draft: PlanDraft,
    actor: Any,
    version: int,
    table: str,
    index: int,
    values: dict[str, Any] | None = None,
) -> PlanDraft:
    """Insert a row at ``index`` (``len(rows)`` appends) of ``table``, with ``values`` if given.

    Without a name the row is called "Nhiệm vụ mới"/"Chỉ tiêu mới" and stays in the review
    queue until the name is edited. A task takes the section of the row above it.
    """
    with transaction.atomic():
        row = _lock(draft=draft, actor=actor, version=version)
        document = copy.deepcopy(row.document or {})
        rows = _rows(document, table)
        index = _index(rows, index, table, end_ok=True)
        new = _new_row(table, document, index, dict(values or {}))
        rows.insert(index, new)
        _record(row, actor=actor, kind=CorrectionKind.ADD, path=_table_path(table, index), row_after=new)
        return _save(row, document, actor=actor)


def draft_row_delete(*, draft: PlanDraft, actor: Any, version: int, table: str, index: int) -> PlanDraft:
    """Delete a row; deleting a section leaves its tasks without a section (not deleted)."""
    with transaction.atomic():
        row = _lock(draft=draft, actor=actor, version=version)
        document = copy.deepcopy(row.document or {})
        rows = _rows(document, table)
        gone = rows.pop(_index(rows, index, table))
        if table == "sections":
            for task in document.get("tasks", []):
                if task.get("section") == gone.get("code"):
                    task["section"] = None
        _record(row, actor=actor, kind=CorrectionKind.DELETE, path=_table_path(table, index), row_before=gone)
        return _save(row, document, actor=actor)


def draft_row_move(
    *, draft: PlanDraft, actor: Any, version: int, table: str, index: int, to: int
) -> PlanDraft:
    """Move a row from ``index`` to position ``to`` (both 0-based, ``to`` in the table after removal)."""
    with transaction.atomic():
        row = _lock(draft=draft, actor=actor, version=version)
        document = copy.deepcopy(row.document or {})
        rows = _rows(document, table)
        moved = rows.pop(_index(rows, index, table))
        rows.insert(_index(rows, to, table, end_ok=True), moved)
        _record(
            row,
            actor=actor,
            kind=CorrectionKind.MOVE,
            path=_table_path(table, index),
            before=str(index),
            row_before={"index": index},
            row_after={"index": to},
        )
        return _save(row, document, actor=actor)


def _join_text(a: str | None, b: str | None) -> str | None:
    if a and b and a != b:
        return f"{a} {b}"
    return a or b


def _union(a: list[str] | None, b: list[str] | None) -> list[str]:
    return list(dict.fromkeys([*(a or []), *(b or [])]))


_MERGE_TEXT = {"name", "output", "title", "target", "due", "group", "unit"}
_MERGE_LIST = {"lead", "support", "implements", "supersedes"}


def draft_rows_merge(*, draft: PlanDraft, actor: Any, version: int, table: str, index: int) -> PlanDraft:
    """Merge row ``index + 1`` into row ``index``: one row that extraction cut in two.

    Names (and outputs, titles) are joined with a space, agency lists and source lines are
    united in order, other fields keep the first row's value or else the second's; each
    field's confidence is the lower of the two. Merging sections moves the second's tasks
    into the first.
    """
    with transaction.atomic():
        row = _lock(draft=draft, actor=actor, version=version)
        document = copy.deepcopy(row.document or {})
        rows = _rows(document, table)
        index = _index(rows, index, table)
        if index + 1 >= len(rows):
            raise DraftError("Dòng cuối bảng không có dòng sau để gộp.", code="index")
        first, second = rows[index], rows[index + 1]
        merged = dict(first)
        for name in {*first, *second} - {"source_lines", "confidence", "deadline_parsed"}:
            if name in _MERGE_LIST:
                merged[name] = _union(first.get(name), second.get(name))
            elif name in _MERGE_TEXT:
                merged[name] = _join_text(first.get(name), second.get(name))
            elif first.get(name) in (None, "", []):
                merged[name] = second.get(name)
        lines = sorted({*(first.get("source_lines") or []), *(second.get("source_lines") or [])})
        if lines:
            merged["source_lines"] = lines
        conf_a, conf_b = first.get("confidence") or {}, second.get("confidence") or {}
        merged["confidence"] = {k: min(conf_a.get(k, 1.0), conf_b.get(k, 1.0)) for k in {*conf_a, *conf_b}}
        if table == "tasks":
            parsed = parse_deadline(merged.get("deadline"))
            merged.pop("deadline_parsed", None)
            if parsed:
                merged["deadline_parsed"] = parsed
        if table == "indicators" and merged.get("target") != first.get("target"):
            merged["op"], value_min, value_max = parse_target(merged.get("target"))
            merged["value"], merged["value_max"] = _plain(value_min), _plain(value_max)
        if table == "sections":
            merged["code"] = first.get("code")
            for task in document.get("tasks", []):
                if task.get("section") == second.get("code"):
                    task["section"] = first.get("code")
        rows[index : index + 2] = [merged]
        _record(
            row,
            actor=actor,
            kind=CorrectionKind.MERGE,
            path=_table_path(table, index),
            row_before=[first, second],
            row_after=merged,
        )
        return _save(row, document, actor=actor)


def draft_row_split(
    *, draft: PlanDraft, actor: Any, version: int, table: str, index: int, field: str = "name", at: int
) -> PlanDraft:
    """Split row ``index`` in two at character ``at`` of its ``field``: two rows extraction glued.

    The first row keeps the text before ``at``, a new row after it gets the rest and a copy of
    the other fields (no code), each copied field at confidence 0 so the review queue stops on
    them; both rows keep the source lines.
    """
    with transaction.atomic():
        row = _lock(draft=draft, actor=actor, version=version)
        document = copy.deepcopy(row.document or {})
        rows = _rows(document, table)
        index = _index(rows, index, table)
        original = rows[index]
        if field not in _MERGE_TEXT or not isinstance(original.get(field), str):
            raise DraftError(f"Không tách được theo trường “{field}”.", code="field")
        text = original[field]
        head, tail = (
            (_as_text(text[:at]) if at > 0 else None),
            (_as_text(text[at:]) if at < len(text) else None),
        )
        if not head or not tail:
            raise DraftError("Chọn chỗ tách ở giữa nội dung, để mỗi dòng còn chữ.", code="split_at")
        first = copy.deepcopy(original)
        first[field] = head
        first.setdefault("confidence", {})[field] = 1.0
        second = copy.deepcopy(original)
        second[field] = tail
        if "code" in second:
            second["code"] = None
        if table == "sections":
            codes = {s.get("code") for s in rows}
            n = len(rows) + 1
            while f"Mục {n}" in codes:
                n += 1
            second["code"] = f"Mục {n}"
        second["confidence"] = {
            name: (1.0 if name == field else 0.0)
            for name in _FIELDS[table]
            if second.get(name) not in (None, "", [])
        }
        rows[index : index + 1] = [first, second]
        _record(
            row,
            actor=actor,
            kind=CorrectionKind.SPLIT,
            path=_table_path(table, index),
            field_name=field,
            row_before=original,
            row_after=[first, second],
        )
        return _save(row, document, actor=actor)


# --- review queue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellRef:
    """A cell to check: where it is, what it holds, how sure extraction was, where it came from.

    ``table`` is "document" for the header; ``index`` None there. ``source_lines`` are
    ``{"n", "raw", "text"}`` of the lines the row came from.
    """

    path: str
    table: str
    index: int | None
    field: str
    label: str
    value: Any
    confidence: float
    source_lines: list[dict[str, Any]]


def _threshold() -> float:
    return float(getattr(settings, "THEODOI_REVIEW_CONFIDENCE", REVIEW_THRESHOLD))


def draft_review_queue(*, draft: PlanDraft, threshold: float | None = None) -> list[CellRef]:
    """Return the cells to check (confidence below ``threshold``) in document order.

    Document order is the row's first source line, so the header comes first and each
    appendix follows as printed; an empty header number or date is always to check. A cell
    edited or confirmed (``draft_cell_update`` with the same value) has confidence 1.0 and
    leaves the queue.
    """
    limit = _threshold() if threshold is None else threshold
    document = draft.document or {}
    by_number = {line["n"]: line for line in draft.source_lines or []}
    cells: list[tuple[tuple[int, int, int, int], CellRef]] = []
    order = {"document": 0, "reporting": 1, "sections": 2, "indicators": 3, "tasks": 4}

    def add(table: str, index: int | None, row: dict[str, Any]) -> None:
        confidence = dict(row.get("confidence") or {})
        if table == "document":
            for name in ("number", "date"):
                if not row.get(name) and name not in confidence:
                    confidence[name] = 0.0
        lines = [by_number[n] for n in row.get("source_lines") or [] if n in by_number]
        first = min(row.get("source_lines") or [0])
        fields = list(_FIELDS[table])
        for name, value in confidence.items():
            if name not in _FIELDS[table] or value >= limit:
                continue
            path = f"document.{name}" if table == "document" else f"{_table_path(table, index or 0)}.{name}"
            ref = CellRef(
                path=path,
                table=table,
                index=index,
                field=name,
                label=FIELD_LABELS.get(name, name),
                value=row.get(name),
                confidence=float(value),
                source_lines=lines,
            )
            cells.append(((first, order[table], index or 0, fields.index(name)), ref))

    add("document", None, document.get("document") or {})
    for table in TABLES:
        for n, row in enumerate(_rows(copy.deepcopy(document), table)):
            add(table, n, row)
    return [ref for _, ref in sorted(cells, key=lambda c: c[0])]


def draft_source_lines(*, draft: PlanDraft, numbers: Iterable[int]) -> list[dict[str, Any]]:
    """Return the source lines ``{"n", "raw", "text"}`` with these 1-based numbers, in order."""
    wanted = set(numbers)
    return [line for line in draft.source_lines or [] if line["n"] in wanted]


# --- difference with an earlier plan ------------------------------------------------------------

_DIFF_FIELDS = ("name", "lead", "support", "output", "deadline")
_MATCH_CUTOFF = 0.6  # folded-name similarity above which two tasks are the same task
_WORD_MATCH_FLOOR = 0.35  # share of words in common below which two names are not compared further
_MATCH_SHORTLIST = 5  # earlier tasks with most words in common compared letter by letter


@dataclass(frozen=True)
class DiffTask:
    """A task on one side of a difference: ``index`` in the draft, or ``task_id`` in the plan."""

    section: str | None
    code: str | None
    name: str
    lead: list[str]
    support: list[str]
    output: str | None
    deadline: str | None
    index: int | None = None
    task_id: int | None = None

    @property
    def key(self) -> str:
        return fold(self.name)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class TaskChange:
    """A task present on both sides; ``fields`` lists what changed (empty: unchanged)."""

    new: DiffTask
    old: DiffTask
    fields: list[FieldChange]
    similarity: float


@dataclass
class PlanDiff:
    """What publishing the draft over ``against`` changes in its task list."""

    against: Plan
    added: list[DiffTask] = field(default_factory=list)
    removed: list[DiffTask] = field(default_factory=list)
    changed: list[TaskChange] = field(default_factory=list)
    unchanged: list[TaskChange] = field(default_factory=list)

    @property
    def matches(self) -> dict[int, int]:
        """Return draft task index -> matched task id of ``against`` (changed or not)."""
        return {c.new.index: c.old.task_id for c in [*self.changed, *self.unchanged]}  # type: ignore[misc]


def _old_tasks(plan: Plan) -> list[DiffTask]:
    from theodoi.plans.selectors import plan_tasks

    out = []
    for task in plan_tasks(plan=plan):
        assignments = sorted(task.assignments.all(), key=lambda a: a.position)
        out.append(
            DiffTask(
                section=task.section_code or None,
                code=task.code or None,
                name=task.name,
                lead=[a.printed_name for a in assignments if a.role == AgencyRole.LEAD],
                support=[a.printed_name for a in assignments if a.role == AgencyRole.PARTNER],
                output=task.output or None,
                deadline=task.deadline_text or None,
                task_id=task.pk,
            )
        )
    return out


def _new_tasks(document: dict[str, Any]) -> list[DiffTask]:
    return [
        DiffTask(
            section=t.get("section"),
            code=t.get("code"),
            name=t.get("name") or "",
            lead=list(t.get("lead") or []),
            support=list(t.get("support") or []),
            output=t.get("output"),
            deadline=t.get("deadline"),
            index=n,
        )
        for n, t in enumerate(document.get("tasks") or [])
    ]


def _similarity(a: str, b: str) -> float:
    """Return how alike two folded names are (0..1) letter by letter, forgiving OCR slips; 0 if far apart."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < _MATCH_CUTOFF or matcher.quick_ratio() < _MATCH_CUTOFF:
        return 0.0
    return matcher.ratio()


def match_tasks(new: list[DiffTask], old: list[DiffTask]) -> dict[int, tuple[int, float]]:
    """Pair tasks of two versions of a plan: new position -> (old position, name similarity).

    Same (section, code) and a similar name first; then the most similar folded names, best
    pairs first, so that a renumbered or regrouped task still finds its earlier self.
    """
    pairs: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    by_code = {(o.section, o.code): j for j, o in reversed(list(enumerate(old))) if o.code}
    for i, n in enumerate(new):
        j = by_code.get((n.section, n.code)) if n.code else None
        if j is not None and j not in used:
            score = _similarity(n.key, old[j].key) if n.key != old[j].key else 1.0
            if score >= _MATCH_CUTOFF:
                pairs[i] = (j, score)
                used.add(j)
    candidates = []
    old_words = [Counter(o.key.split()) for o in old]
    for i, n in enumerate(new):
        if i in pairs:
            continue
        # Letter-by-letter comparison is dear: only the few earlier tasks sharing most words
        # with this one are compared that way.
        words = Counter(n.key.split())
        total = sum(words.values())
        shared = sorted(
            (
                (2 * sum((words & old_words[j]).values()) / (total + sum(old_words[j].values()) or 1), j)
                for j in range(len(old))
                if j not in used
            ),
            reverse=True,
        )
        for overlap, j in shared[:_MATCH_SHORTLIST]:
            if overlap < _WORD_MATCH_FLOOR:
                break
            score = 1.0 if n.key == old[j].key else _similarity(n.key, old[j].key)
            if score >= _MATCH_CUTOFF:
                candidates.append((score, -i, -j))
    for score, mi, mj in sorted(candidates, reverse=True):
        i, j = -mi, -mj
        if i not in pairs and j not in used:
            pairs[i] = (j, score)
            used.add(j)
    return pairs


def _field_text(task: DiffTask, name: str) -> str:
    value = getattr(task, name)
    return collapse_spaces(_as_text_out(value))


def draft_diff(*, draft: PlanDraft, against: Plan) -> PlanDiff:
    """Return the tasks the draft adds, removes and changes compared with plan ``against``.

    Changes are field by field (name, lead, support, output, deadline) with before and after
    as printed. Matching: see ``match_tasks``.
    """
    new, old = _new_tasks(draft.document or {}), _old_tasks(against)
    pairs = match_tasks(new, old)
    diff = PlanDiff(against=against)
    matched_old = {j for j, _ in pairs.values()}
    for i, task in enumerate(new):
        if i not in pairs:
            diff.added.append(task)
            continue
        j, score = pairs[i]
        fields = [
            FieldChange(
                field=name,
                label=FIELD_LABELS[name],
                before=_field_text(old[j], name),
                after=_field_text(task, name),
            )
            for name in _DIFF_FIELDS
            if _field_text(old[j], name) != _field_text(task, name)
        ]
        change = TaskChange(new=task, old=old[j], fields=fields, similarity=score)
        (diff.changed if fields else diff.unchanged).append(change)
    diff.removed = [o for j, o in enumerate(old) if j not in matched_old]
    return diff


# --- publish, discard, supersedes -----------------------------------------------------------------


def _supersedable(row: PlanDraft, plan: Plan | None) -> Plan | None:
    if plan is None:
        return None
    if plan.unit_id not in _unit_family(row.unit):
        raise DraftError("Chỉ thay thế được kế hoạch của cùng tỉnh, thành phố.", code="supersedes")
    return plan


def draft_set_supersedes(*, draft: PlanDraft, actor: Any, version: int, plan: Plan | None) -> PlanDraft:
    """Record the plan the draft replaces (picked by the reviewer), or None for none."""
    with transaction.atomic():
        row = _lock(draft=draft, actor=actor, version=version)
        before = row.supersedes_plan_id
        row.supersedes_plan = _supersedable(row, plan)
        row.version += 1
        row.updated_by = actor
        row.save(update_fields=["supersedes_plan", "version", "updated_by", "updated_at"])
        audit_record(
            actor=actor,
            action="plan_draft.supersedes",
            obj=row,
            summary=f"Bản nháp “{row.file_name}” thay thế kế hoạch {plan or '(không)'}.",
            before={"supersedes_plan": before},
            after={"supersedes_plan": row.supersedes_plan_id},
        )
    return row


def draft_publish(*, draft: PlanDraft, actor: Any, version: int, supersedes: Plan | None = None) -> Plan:
    """Publish the draft as an active plan, through ``plan_import``.

    ``supersedes`` (else the draft's ``supersedes_plan``) becomes superseded and stays
    readable; each task of the new plan matched to one of its tasks (see ``draft_diff``) gets
    ``carried_from`` so progress history follows. A draft updating a plan already stored
    (``target_plan``: same file or same number) updates it in place. Corrections are linked
    to the plan.

    Raises DraftConflict, DraftError (with ``path`` when the document is invalid, e.g. a
    field too long or an unknown province), PermissionDenied.
    """
    with transaction.atomic():
        row = _lock(draft=draft, actor=actor, version=version)
        try:
            document = fmt.Plan.from_dict(row.document or {})
        except fmt.PlanFormatError as e:
            raise DraftError(e.message, code=e.code, path=e.path) from e
        old = _supersedable(row, supersedes or row.supersedes_plan)
        diff = draft_diff(draft=row, against=old) if old is not None else None
        try:
            plan = plan_import(
                plan=document,
                actor=actor,
                unit=_publish_unit(row, document),
                source_hash=row.file_sha256,
                source_text="\n".join(line["text"] for line in row.source_lines or []),
                status=PlanStatus.ACTIVE,
            )
        except fmt.PlanFormatError as e:
            raise DraftError(e.message, code=e.code, path=e.path) from e
        carried = 0
        if old is not None and diff is not None and old.pk != plan.pk:
            carried = _carry_over(plan=plan, matches=diff.matches)
            old.refresh_from_db(fields=["status"])
            if old.status != PlanStatus.SUPERSEDED:
                before = old.status
                old.status = PlanStatus.SUPERSEDED
                old.save(update_fields=["status", "updated_at"])
                audit_record(
                    actor=actor,
                    action="plan.supersede",
                    obj=old,
                    summary=f"Kế hoạch {old} được thay thế bởi kế hoạch {plan}.",
                    before={"status": before},
                    after={"status": old.status, "superseded_by": plan.pk},
                )
        row.corrections.update(plan=plan)
        if old is not None and old.pk == plan.pk:  # an update of the plan itself replaces nothing
            old = None
        row.status, row.published_plan, row.supersedes_plan = DraftStatus.PUBLISHED, plan, old
        row.version += 1
        row.updated_by = actor
        row.save(
            update_fields=[
                "status",
                "published_plan",
                "supersedes_plan",
                "version",
                "updated_by",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="plan_draft.publish",
            obj=row,
            summary=f"Ban hành kế hoạch {plan} từ tệp “{row.file_name}”"
            + (f"; thay thế kế hoạch {old}, {carried} nhiệm vụ được nối tiếp" if old is not None else "")
            + ".",
            before={"status": DraftStatus.READY},
            after={
                "status": row.status,
                "plan": plan.pk,
                "supersedes": old.pk if old else None,
                "carried": carried,
            },
        )
    return plan


def _publish_unit(row: PlanDraft, document: fmt.Plan) -> AdministrativeUnit:
    """Return the province the plan belongs to: the one it names, if in the draft's family.

    A plan issued by Bình Định before the merger stays Bình Định's under a Gia Lai draft; a
    document naming no province, or another one, is the draft's province.
    """
    from theodoi.directory.services import unit_find_province

    named = unit_find_province(name=document.document.province) if document.document.province else None
    if named is not None and named.pk in _unit_family(row.unit):
        return named
    return row.unit


def _carry_over(*, plan: Plan, matches: dict[int, int]) -> int:
    """Point each new task at the task it continues; return how many were linked."""
    tasks = list(Task.objects.filter(plan=plan).order_by("position", "id"))
    changed = []
    for task in tasks:
        previous = matches.get(task.position)
        if task.carried_from_id != previous:
            task.carried_from_id = previous
            changed.append(task)
    Task.objects.bulk_update(changed, ["carried_from"], batch_size=200)
    return sum(1 for t in tasks if t.carried_from_id)


def draft_discard(*, draft: PlanDraft, actor: Any) -> PlanDraft:
    """Discard a draft that will not be published; its file and corrections are kept."""
    with transaction.atomic():
        row = PlanDraft.objects.select_for_update().select_related("unit").get(pk=draft.pk)
        _check_may_edit(actor=actor, unit=row.unit)
        if not row.is_open:
            raise DraftError(f"Bản nháp đã {row.get_status_display().lower()}.", code="status")
        before = row.status
        row.status = DraftStatus.DISCARDED
        row.version += 1
        row.updated_by = actor
        row.save(update_fields=["status", "version", "updated_by", "updated_at"])
        audit_record(
            actor=actor,
            action="plan_draft.discard",
            obj=row,
            summary=f"Hủy bản nháp từ tệp “{row.file_name}”.",
            before={"status": before},
            after={"status": row.status},
        )
    return row
