"""Attach proof files to a report after checking their size and that their content is what their
extension says; remove them (marked, never deleted).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from theodoi.core.audit import audit_record
from theodoi.plans.models import Task
from theodoi.tracking.models import (
    Evidence,
    ProgressReport,
)
from theodoi.tracking.permissions import require, user_agency_id
from theodoi.tracking.services.errors import InvalidTransition
from theodoi.tracking.services.people import _user_or_none
from theodoi.tracking.services.report_scope import _report_scope
from theodoi.tracking.services.report_state import _locked_report

EVIDENCE_MAX_BYTES = 20 * 1024 * 1024


_SIGNATURES = (
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
    (
        b"PK\x03\x04",
        "application/zip",
        (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".zip"),
    ),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage", (".doc", ".xls", ".ppt")),
)


def evidence_max_bytes() -> int:
    return int(getattr(settings, "TRACKING_EVIDENCE_MAX_BYTES", EVIDENCE_MAX_BYTES))


def sniff(head: bytes, file_name: str) -> str | None:
    """Return the content type the file's first bytes prove for its extension, None if they don't.

    A ".pdf" must start with %PDF-; an Office file must be a zip or an OLE container.
    """
    ext = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    for magic, content_type, extensions in _SIGNATURES:
        if ext in extensions:
            return content_type if head.startswith(magic) else None
    return None


def evidence_attach(
    *, actor: Any, report: ProgressReport, upload: UploadedFile, task: Task | None = None
) -> Evidence:
    """Attach a proof file to the report (or one of its tasks) after checking its size and content."""
    require(report.agency_id == user_agency_id(actor))
    key = f"tasks.{task.pk}.evidence_file" if task is not None else "evidence_file"
    limit = evidence_max_bytes()
    name = get_valid_filename(upload.name or "tep") or "tep"
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {key: f"Tệp “{name}” lớn quá {limit // (1024 * 1024)} MB; hãy nén hoặc gửi đường dẫn."}
        )
    upload.seek(0)
    head = upload.read(16)
    content_type = sniff(head, name)
    if content_type is None:
        raise ValidationError(
            {
                key: f"Tệp “{name}” không đúng định dạng của nó (chỉ nhận PDF, ảnh PNG/JPEG, tệp Word/Excel thật)."
            }
        )
    if task is not None and task.pk not in _report_scope(report)[0]:
        raise ValidationError({key: "Nhiệm vụ này không thuộc báo cáo của cơ quan."})
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    with transaction.atomic():
        locked = _locked_report(report)
        if not locked.is_editable:
            raise InvalidTransition("Báo cáo đã gửi nên không thêm tệp được.")
        evidence = Evidence(
            report=locked,
            task=task,
            file_name=name[:255],
            content_type=content_type,
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            uploaded_by=_user_or_none(actor),
        )
        upload.seek(0)
        evidence.file.save(name, upload, save=False)
        evidence.save()
        audit_record(
            actor=actor,
            action="evidence.attach",
            obj=locked,
            summary=f"Đính kèm minh chứng “{name}”",
            after={
                "evidence": evidence.pk,
                "file_name": name,
                "size": evidence.size,
                "task": task.pk if task else None,
            },
        )
    return evidence


def evidence_remove(*, actor: Any, evidence: Evidence) -> None:
    """Mark a proof file removed (the file and row stay: nothing is deleted outright)."""
    report = evidence.report
    require(report.agency_id == user_agency_id(actor))
    if not report.is_editable:
        raise InvalidTransition("Báo cáo đã gửi nên không gỡ tệp được.")
    with transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk, removed_at__isnull=True).update(removed_at=timezone.now())
        audit_record(
            actor=actor,
            action="evidence.remove",
            obj=report,
            summary=f"Gỡ minh chứng “{evidence.file_name}”",
            before={"evidence": evidence.pk},
        )
