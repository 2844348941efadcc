"""The cells of a draft: which fields each table has, what kind of value each takes, their labels.

``convert`` checks and converts what a reviewer typed for a field (DraftError naming the
cell otherwise); ``parse_path`` reads a cell address like "tasks[3].name".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from theodoi.ingest import plan as fmt
from theodoi.ingest.normalise.targets import parse_number
from theodoi.ingest.text import collapse_spaces, nfc
from theodoi.plans.drafts.base import DraftError

_PATH = re.compile(
    r"^(?:(?P<table>tasks|indicators|sections|reporting|document\.reporting)\[(?P<index>\d+)\]\.)?(?P<head>document\.)?(?P<field>\w+)$"
)

# field -> kind of value, per table; "document" is the header
FIELDS: dict[str, dict[str, str]] = {
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


def parse_path(path: str) -> tuple[str, int | None, str]:
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
    if name not in FIELDS[table]:
        raise DraftError(f"Không sửa được trường “{name}” ở đây.", code="field", path=path)
    return table, index, name


def as_text(value: Any) -> str | None:
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
        text = as_text(item)
        if text and text not in out:
            out.append(text)
    return out


def text_of(value: Any) -> str:
    """Return a cell value as the text a Correction keeps."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def convert(kind: str, value: Any, *, document: dict[str, Any], path: str, current: Any) -> Any:
    """Return ``value`` checked and converted for a field of ``kind``; DraftError names the cell."""
    try:
        if kind in ("text", "deadline", "target", "code", "section_code"):
            text = as_text(value)
            if kind == "code" and text:
                text = "".join(text.split())
            if kind == "section_code":
                if not text:
                    raise DraftError("Số hiệu mục không được để trống.", code="required")
                if text != current and any(s.get("code") == text for s in document.get("sections", [])):
                    raise DraftError(f"Đã có mục “{text}”.", code="duplicate_section")
            return text
        if kind == "required":
            text = as_text(value)
            if not text:
                raise DraftError("Trường này không được để trống.", code="required")
            return text
        if kind in ("agencies", "codes"):
            return _as_list(value)
        if kind == "section":
            text = as_text(value)
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


def plain_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
