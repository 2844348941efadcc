"""Validate the task and indicator rows a form or the API sends for a report, and write them with
their before and after for the audit trail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from theodoi.ingest.text import fold
from theodoi.plans.models import Indicator, Task
from theodoi.tracking.models import (
    IndicatorValue,
    ProgressReport,
    TaskUpdate,
    WorkStatus,
)
from theodoi.tracking.services.errors import _Errors
from theodoi.tracking.services.values import _as_id, _jsonable, indicator_expects, parse_date, parse_number

_TASK_FIELDS = (
    "status",
    "percent",
    "done_on",
    "done_text",
    "difficulties",
    "proposals",
    "evidence_number",
    "evidence_date",
    "evidence_link",
)


_INDICATOR_FIELDS = ("number", "boolean", "text", "note", "source")


_YES = {"co", "yes", "true", "1", "dat", "da co", "bao dam"}


_NO = {"khong", "no", "false", "0", "chua", "chua co", "khong dat"}


def _clean_task_row(
    row: Mapping[str, Any], *, task: Task, prefix: str, errors: _Errors, on: dt.date
) -> dict[str, Any]:
    """Validate one task row of the form; return the fields to write."""
    out: dict[str, Any] = {}
    name = f"nhiệm vụ {task.code}".strip()
    for field_name in _TASK_FIELDS:
        if field_name in row:
            out[field_name] = row[field_name]
    if "status" in out and out["status"] not in WorkStatus.values:
        errors.add(f"{prefix}.status", f"Tình trạng của {name} không hợp lệ.")
    if "percent" in out:
        raw = out["percent"]
        try:
            number = parse_number(raw)
        except ValueError:
            number = None
            errors.add(
                f"{prefix}.percent",
                f"Tỷ lệ hoàn thành của {name} phải là một số từ 0 đến 100; đã nhập “{raw}”.",
            )
        else:
            if number is None:
                out["percent"] = 0
            elif not 0 <= number <= 100 or number != int(number):
                errors.add(
                    f"{prefix}.percent",
                    f"Tỷ lệ hoàn thành (%) của {name} phải là số nguyên từ 0 đến 100; đã nhập {raw}.",
                )
            else:
                out["percent"] = int(number)
    for field_name, label in (("done_on", "Ngày hoàn thành"), ("evidence_date", "Ngày văn bản minh chứng")):
        if field_name not in out:
            continue
        try:
            day = parse_date(out[field_name])
        except ValueError:
            errors.add(
                f"{prefix}.{field_name}", f"{label} của {name} phải có dạng ngày/tháng/năm, ví dụ 15/07/2025."
            )
            continue
        if day is not None and day > on:
            errors.add(
                f"{prefix}.{field_name}", f"{label} của {name} không được sau hôm nay ({on:%d/%m/%Y})."
            )
        out[field_name] = day
    if out.get("evidence_link"):
        try:
            URLValidator(schemes=["http", "https"])(out["evidence_link"])
        except ValidationError:
            errors.add(
                f"{prefix}.evidence_link",
                f"Đường dẫn minh chứng của {name} không hợp lệ (cần http:// hoặc https://).",
            )
    if len(str(out.get("evidence_number") or "")) > 100:
        errors.add(f"{prefix}.evidence_number", f"Số văn bản minh chứng của {name} dài quá 100 ký tự.")
    for field_name in ("done_text", "difficulties", "proposals", "evidence_number", "evidence_link"):
        if field_name in out:
            out[field_name] = str(out[field_name] or "").strip()
    if out.get("status") == WorkStatus.DONE:
        out.setdefault("percent", 100)
        if not out.get("done_on") and "done_on" not in row:
            out["done_on"] = on
    elif "status" in out:
        out["done_on"] = None
    return out


def _clean_indicator_row(
    row: Mapping[str, Any], *, indicator: Indicator, prefix: str, errors: _Errors
) -> dict[str, Any]:
    out: dict[str, Any] = {k: str(row[k] or "").strip() for k in ("note", "source") if k in row}
    if "value" not in row:
        return out
    raw = row["value"]
    expects = indicator_expects(indicator)
    name = f"chỉ tiêu “{indicator.name[:60]}”"
    out.update(number=None, boolean=None, text="")
    if expects == "number":
        try:
            out["number"] = parse_number(raw)
        except ValueError:
            errors.add(f"{prefix}.value", f"Giá trị của {name} phải là một số (ví dụ 12,5); đã nhập “{raw}”.")
    elif expects == "boolean":
        if isinstance(raw, bool):
            out["boolean"] = raw
        elif raw not in (None, ""):
            key = fold(str(raw)).strip()
            if key in _YES:
                out["boolean"] = True
            elif key in _NO:
                out["boolean"] = False
            else:
                errors.add(
                    f"{prefix}.value", f"Giá trị của {name} phải là “Có” hoặc “Không”; đã nhập “{raw}”."
                )
    else:
        out["text"] = str(raw or "").strip()
    return out


def _clean_rows(
    data: Mapping[str, Any],
    *,
    tasks: Mapping[int, Any],
    indicators: Mapping[int, Indicator],
    errors: _Errors,
    on: dt.date,
) -> tuple[dict[int, dict[str, Any]], dict[int, dict[str, Any]]]:
    """Validate the task and indicator rows of ``data`` against the report's scope; return the
    fields to write per task id and per indicator id (errors go to ``errors``)."""
    task_rows: dict[int, dict[str, Any]] = {}
    for key, row in (data.get("tasks") or {}).items():
        task_id = _as_id(key)
        if task_id not in tasks:
            errors.add(f"tasks.{key}", "Nhiệm vụ này không thuộc báo cáo của cơ quan.")
            continue
        task_rows[task_id] = _clean_task_row(
            row, task=tasks[task_id], prefix=f"tasks.{task_id}", errors=errors, on=on
        )
    indicator_rows: dict[int, dict[str, Any]] = {}
    for key, row in (data.get("indicators") or {}).items():
        indicator_id = _as_id(key)
        if indicator_id not in indicators:
            errors.add(f"indicators.{key}", "Chỉ tiêu này không thuộc báo cáo của cơ quan.")
            continue
        indicator_rows[indicator_id] = _clean_indicator_row(
            row, indicator=indicators[indicator_id], prefix=f"indicators.{indicator_id}", errors=errors
        )
    return task_rows, indicator_rows


def _write_rows(
    report: ProgressReport,
    model: type[TaskUpdate] | type[IndicatorValue],
    key: str,
    rows: Mapping[int, dict[str, Any]],
    *,
    existing_ids: Iterable[int] | None = None,
) -> tuple[dict[int, Any], dict[int, Any]]:
    """Write the report's rows of ``model`` (one per ``key``: "task_id" or "indicator_id"):
    the new ones in one INSERT, the changed existing ones row by row; return (before, after)
    for the audit trail: the changed fields per id, ``None`` before for a new row.

    ``existing_ids`` narrows which ids may already have a row (the caller knows); by default
    the report's rows for every id in ``rows`` are read.
    """
    before: dict[int, Any] = {}
    after: dict[int, Any] = {}
    maybe = list(rows) if existing_ids is None else [i for i in existing_ids if i in rows]
    existing = (
        {getattr(r, key): r for r in model.objects.filter(report=report, **{f"{key}__in": maybe})}
        if maybe
        else {}
    )
    new = []
    for object_id, fields in rows.items():
        row = existing.get(object_id) or model(report=report, **{key: object_id})
        changed = {k: v for k, v in fields.items() if getattr(row, k) != v}  # a new row: against the defaults
        if row.pk is not None and not changed:
            continue
        before[object_id] = {k: _jsonable(getattr(row, k)) for k in changed} if row.pk else None
        for k, v in changed.items():
            setattr(row, k, v)
        if row.pk is None:
            new.append(row)
        else:
            row.save(update_fields=[*changed, "updated_at"])
        after[object_id] = {k: _jsonable(v) for k, v in changed.items()}
    if new:
        model.objects.bulk_create(new)
    return before, after
