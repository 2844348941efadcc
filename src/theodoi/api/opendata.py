"""Open data files (dữ liệu mở): a published plan as nq57-plan/1 JSON, its tasks and indicators
as CSV, under the Creative Commons Attribution 4.0 licence (LICENSE-DATA.md).

CSV files are UTF-8 with a byte-order mark, so that Excel opens the Vietnamese correctly, with
a header row in Vietnamese; dates are ISO (yyyy-mm-dd) and numbers use a full stop, so that
software reads them the same everywhere.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from theodoi.plans.models import AgencyRole, Indicator, Plan, Task
from theodoi.plans.services import plan_export

LICENSE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = "Nguồn: hệ thống theodoi theo dõi thực hiện Nghị quyết 57-NQ/TW"
BOM = "\ufeff"

TASK_HEADER = (
    "Mã nhiệm vụ",
    "Số kế hoạch",
    "Nhóm",
    "TT",
    "Tên nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Kết quả, sản phẩm",
    "Thời gian hoàn thành",
    "Loại thời hạn",
    "Hạn cuối",
    "Tình trạng",
    "Tỷ lệ hoàn thành (%)",
)
INDICATOR_HEADER = (
    "Mã chỉ tiêu",
    "Số kế hoạch",
    "Mốc năm",
    "Nhóm",
    "TT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Chỉ tiêu (như văn bản)",
    "Phép so sánh",
    "Giá trị",
    "Giá trị tối đa",
    "Cơ quan chủ trì theo dõi, đánh giá",
)


PLAN_HEADER = (
    "Mã kế hoạch",
    "Số kế hoạch",
    "Cơ quan ban hành",
    "Ngày ký",
    "Trích yếu",
    "Đơn vị hành chính",
    "Tỉnh, thành phố hiện nay",
    "Cấp",
    "Tình trạng",
    "Số nhiệm vụ",
    "Số chỉ tiêu",
)


def license_link_header() -> str:
    return f'<{LICENSE_URL}>; rel="license"'


def plan_document(*, plan: Plan) -> dict[str, Any]:
    """Return the plan as nq57-plan/1 with the licence stated (readers ignore unknown fields)."""
    data = plan_export(plan=plan).to_dict()
    data["license"] = {"name": LICENSE_NAME, "url": LICENSE_URL, "attribution": ATTRIBUTION}
    return data


def _csv(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> bytes:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8")


def _names(mentions: Iterable[Any]) -> str:
    return "; ".join(m.printed_name for m in sorted(mentions, key=lambda m: m.position))


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def tasks_csv(*, plan: Plan, tasks: Iterable[Task], statuses: dict[int, Any]) -> bytes:
    """Return the plan's tasks as CSV (one row per task, document order)."""
    rows = []
    for t in tasks:
        mentions = list(t.assignments.all())
        state = statuses.get(t.pk)
        rows.append(
            (
                t.pk,
                plan.number,
                t.section.code if t.section_id else t.section_code,
                t.code,
                t.name,
                _names(m for m in mentions if m.role == AgencyRole.LEAD),
                _names(m for m in mentions if m.role == AgencyRole.PARTNER),
                t.output,
                t.deadline_text,
                t.get_deadline_kind_display(),
                t.deadline_due.isoformat() if t.deadline_due else "",
                state.status.label if state is not None else "",
                state.percent if state is not None else "",
            )
        )
    return _csv(TASK_HEADER, rows)


def indicators_csv(*, plan: Plan, indicators: Iterable[Indicator]) -> bytes:
    """Return the plan's indicators as CSV (one row per indicator, document order)."""
    rows = (
        (
            i.pk,
            plan.number,
            i.horizon,
            i.group,
            i.code,
            i.name,
            i.unit,
            i.target_text,
            i.op,
            _number(i.value),
            _number(i.value_max),
            _names(i.assignments.all()),
        )
        for i in indicators
    )
    return _csv(INDICATOR_HEADER, rows)


def plans_csv(*, plans: Iterable[Plan]) -> bytes:
    """Return a list of plans as CSV (a province's published plans, say)."""
    rows = (
        (
            p.pk,
            p.number,
            p.issuer,
            p.date.isoformat() if p.date else "",
            p.title,
            p.unit.name,
            (p.unit.successor or p.unit).name,
            p.get_level_display(),
            p.get_status_display(),
            getattr(p, "task_count", ""),
            getattr(p, "indicator_count", ""),
        )
        for p in plans
    )
    return _csv(PLAN_HEADER, rows)
