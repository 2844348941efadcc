"""Shared by the draft services: their errors, who may edit, and how a write on the document is made.

Every write locks the draft, checks permission, status and ``version`` (``lock_for_write``),
records a ``Correction`` (``record_correction``) and saves the document validated as
nq57-plan/1 with the next version (``save_document``). Internal to ``theodoi.plans.drafts``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from theodoi.accounts.scope import draft_units_for
from theodoi.directory.models import AdministrativeUnit
from theodoi.ingest import plan as fmt
from theodoi.plans.models import Correction, DraftStatus, PlanDraft

TABLES = ("tasks", "indicators", "sections", "reporting")


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

    Whoever may see a province's drafts may edit them (``theodoi.accounts.scope.draft_units_for``):
    administrators, and a coordinator for the province it works for (with the provinces merged
    into it, or the one it merged into). Reporters, leaders and others may not.
    """
    units = draft_units_for(user)
    return units is None or unit.pk in units


def check_may_edit(*, actor: Any, unit: AdministrativeUnit) -> None:
    if not draft_may_edit(user=actor, unit=unit):
        raise PermissionDenied(f"Bạn không có quyền nhập hoặc sửa kế hoạch của {unit.full_name}.")


# --- writes on the document: locking, validation, corrections ---------------------------------


def lock_for_write(*, draft: PlanDraft, actor: Any, version: int) -> PlanDraft:
    """Return the draft locked for writing, after the permission, status and version checks."""
    row = PlanDraft.objects.select_for_update().select_related("unit").get(pk=draft.pk)
    check_may_edit(actor=actor, unit=row.unit)
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


def save_document(row: PlanDraft, document: dict[str, Any], *, actor: Any) -> PlanDraft:
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


def table_rows(document: dict[str, Any], table: str) -> list[dict[str, Any]]:
    if table not in TABLES:
        raise DraftError(f"Không có bảng “{table}”.", code="table")
    if table == "reporting":
        return document.setdefault("document", {}).setdefault("reporting", [])  # type: ignore[no-any-return]
    return document.setdefault(table, [])  # type: ignore[no-any-return]


def table_path(table: str, index: int) -> str:
    return f"document.reporting[{index}]" if table == "reporting" else f"{table}[{index}]"


def row_index(rows: list[Any], index: int, table: str, *, end_ok: bool = False) -> int:
    top = len(rows) if end_ok else len(rows) - 1
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= top:
        raise DraftError(
            f"Dòng {index + 1 if isinstance(index, int) else index} không có trong bảng.", code="index"
        )
    return index


def record_correction(
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
