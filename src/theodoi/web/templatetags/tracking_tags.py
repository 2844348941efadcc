"""Display filters of the progress-report pages: period labels, look-ups, audit changes in words.

Formatting only: what to show is decided in the views and the tracking selectors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from theodoi.core.models import AuditEvent
from theodoi.tracking import rules
from theodoi.tracking.models import WorkStatus

register = template.Library()

DASH = "—"
LABELS = {
    "status": "Tình trạng",
    "percent": "Tỷ lệ hoàn thành (%)",
    "done_on": "Ngày hoàn thành",
    "done_text": "Kết quả đã thực hiện",
    "difficulties": "Khó khăn, vướng mắc",
    "proposals": "Đề xuất, kiến nghị",
    "evidence_number": "Số văn bản minh chứng",
    "evidence_date": "Ngày văn bản",
    "evidence_link": "Đường dẫn minh chứng",
    "number": "Giá trị",
    "boolean": "Giá trị (Có/Không)",
    "text": "Kết quả",
    "note": "Ghi chú",
    "source": "Nguồn số liệu",
    "summary": "Đánh giá chung",
    "return_comment": "Lý do trả lại",
    "version": "Phiên bản",
    "deadline_text": "Thời hạn",
    "deadline_due": "Hạn (ngày)",
    "output": "Sản phẩm",
    "lead_agency_id": "Cơ quan chủ trì (mã)",
    "comment": "Ý kiến",
    "file_name": "Tệp",
    "size": "Dung lượng (byte)",
}
STATUS_WORDS = {
    "draft": "Đang soạn",
    "submitted": "Đã gửi",
    "accepted": "Đã tiếp nhận",
    "returned": "Bị trả lại",
    "proposed": "Đề xuất",
    "approved": "Đã phê duyệt",
    "rejected": "Không phê duyệt",
    **dict(WorkStatus.choices),
}
GROUPS = {"tasks": "Nhiệm vụ #{}", "indicators": "Chỉ tiêu #{}"}


@register.filter(name="ky")
def period_label(key: str | None) -> str:
    """Return a period key ("2025-Q3") as people write it ("Quý III/2025")."""
    if not key:
        return DASH
    try:
        return rules.period_label(key)
    except ValueError:
        return key


@register.filter(name="lay")
def lookup(mapping: Mapping[Any, Any] | None, key: Any) -> Any:
    """Return ``mapping[key]`` (None when absent): for per-row values computed in bulk."""
    return (mapping or {}).get(key)


def _show(key: str, value: Any) -> str:
    if value is None or value == "":
        return DASH
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if key in ("done_on", "evidence_date", "deadline_due") and isinstance(value, str) and len(value) == 10:
        y, m, d = value.split("-")
        return f"{d}/{m}/{y}"
    if key == "status" and isinstance(value, str):
        return STATUS_WORDS.get(value, value)
    if isinstance(value, dict | list):
        return (
            "; ".join(f"{_label(k)}: {_show(k, v)}" for k, v in value.items())
            if isinstance(value, dict)
            else str(value)
        )
    return str(value)


def _label(key: str) -> str:
    return LABELS.get(key, key)


@register.simple_tag(name="thay_doi")
def audit_changes(
    event: AuditEvent, names: Mapping[str, Mapping[int, str]] | None = None
) -> list[tuple[str, str, str]]:
    """Return an audit event's changes as rows (what, before, after), nested rows flattened.

    ``names`` turns row ids into what people call them: ``{"tasks": {12: "Nhiệm vụ 1"}}``.
    """
    names = names or {}
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    rows: list[tuple[str, str, str]] = []
    for key in dict.fromkeys([*before, *after]):
        b, a = before.get(key), after.get(key)
        if key in GROUPS and isinstance(a, dict):
            for row_id in dict.fromkeys([*(b or {}), *a]):
                rb = (b or {}).get(row_id) or {}
                ra = a.get(row_id) or {}
                for field in dict.fromkeys([*rb, *ra]):
                    shown = (names.get(key) or {}).get(int(row_id)) if str(row_id).isdigit() else None
                    what = f"{shown or GROUPS[key].format(row_id)} · {_label(field)}"
                    rows.append((what, _show(field, rb.get(field)), _show(field, ra.get(field))))
            continue
        if b == a:
            continue
        rows.append((_label(key), _show(key, b), _show(key, a)))
    return rows


@register.filter(name="han")
def due_moment(value: Any) -> str:
    """Return a due moment as the plans word it: "trước ngày 15/06/2026" or "trước 10:00 ngày 17/07/2025"."""
    if value is None:
        return DASH
    local = timezone.localtime(value)
    if (local.hour, local.minute) == (0, 0):
        return f"trước ngày {local:%d/%m/%Y}"
    return f"trước {local:%H:%M} ngày {local:%d/%m/%Y}"


_PERIOD_KEY = re.compile(r"\b\d{4}-(?:Q[1-4]|M(?:0[1-9]|1[0-2])|H[12]|W\d{2})\b")


@register.filter(name="doc_ky")
def readable_periods(text: str | None) -> str:
    """Replace period keys in a sentence ("báo cáo 2025-Q3") by their labels ("báo cáo Quý III/2025")."""
    return _PERIOD_KEY.sub(lambda m: period_label(m.group(0)), text or "")


# What each kind of one-line input adds to ``<input type="text">`` (phones get the right keyboard).
_INPUT_KINDS = {
    "number": ' inputmode="decimal" autocomplete="off"',
    "date": ' inputmode="numeric" placeholder="dd/mm/yyyy" autocomplete="off"',
    "url": ' inputmode="url" placeholder="https://..."',
}


@register.simple_tag
def report_field(
    fs: Any, label: str, kind: str = "", hint: str = "", rows: int = 2, wide: bool = False
) -> SafeString:
    """Draw one input of the report form (``forms_tracking.FieldState``): label, input, hint, messages.

    A tag rather than an included template: a report form draws it eight times for each of
    its tasks (42 for a department's plan), and an include per input was most of the form's
    render time.
    """
    invalid = SafeString(' aria-invalid="true"') if fs.errors else ""
    if kind == "textarea":
        control = format_html(
            '<textarea id="{}" name="{}" rows="{}" aria-describedby="err-{}"{}>{}</textarea>',
            fs.id,
            fs.name,
            rows,
            fs.name,
            invalid,
            fs.value,
        )
    else:
        control = format_html(
            '<input type="text" id="{}" name="{}" value="{}" aria-describedby="err-{}"{}{}>',
            fs.id,
            fs.name,
            fs.value,
            fs.name,
            invalid,
            SafeString(_INPUT_KINDS.get(kind, "")),
        )
    return format_html(
        '<div class="field{}{}">\n  <label for="{}">{}</label>\n  {}\n  {}<p class="field__error" id="err-{}">{}</p>\n</div>',
        " field--error" if fs.errors else "",
        " field--wide" if wide else "",
        fs.id,
        label,
        control,
        format_html('<p class="hint small">{}</p>\n  ', hint) if hint else "",
        fs.name,
        " ".join(str(e) for e in fs.errors),
    )
