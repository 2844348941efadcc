"""Explicit input and output serializers, one per operation; they shape data and check types,
never hold rules (the services do)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from theodoi.api.opendata import LICENSE_URL
from theodoi.directory.models import AdministrativeUnit, AgencyKind, UnitLevel
from theodoi.plans.models import AgencyRole, Cadence, DeadlineKind, PlanLevel, PlanStatus, TargetOp
from theodoi.tracking.models import ReportStatus, WorkStatus
from theodoi.tracking.rules import TASK_STATUS_LABELS, TaskStatus

PUBLISHED_STATUS_CHOICES = [
    (PlanStatus.ACTIVE.value, PlanStatus.ACTIVE.label),
    (PlanStatus.SUPERSEDED.value, PlanStatus.SUPERSEDED.label),
]
TASK_STATUS_CHOICES = [(s.value, TASK_STATUS_LABELS[s]) for s in TaskStatus]


# --- errors ---------------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã lỗi ổn định, ví dụ `not_found`, `invalid`, `conflict`.")
    detail = serializers.CharField(help_text="Thông báo bằng tiếng Việt cho người đọc.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Lỗi theo từng trường (chỉ khi dữ liệu gửi lên không hợp lệ).",
    )
    current_version = serializers.IntegerField(
        required=False, help_text="Phiên bản hiện tại (lỗi `conflict`)."
    )


# --- query parameters -----------------------------------------------------------------------


class _ProvinceField(serializers.SlugRelatedField):
    def __init__(self, **kw: Any) -> None:
        super().__init__(
            slug_field="code",
            queryset=AdministrativeUnit.objects.filter(level__in=[UnitLevel.PROVINCE, UnitLevel.COUNTRY]),
            required=False,
            error_messages={
                "does_not_exist": "Không có tỉnh, thành phố mã “{value}”.",
                "invalid": "Mã tỉnh không hợp lệ.",
            },
            **kw,
        )

    def to_internal_value(self, data: Any) -> Any:
        # A NUL byte cannot be looked up in PostgreSQL (DataError); it is no province code anyway.
        if not isinstance(data, str) or "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


class PlanListQuery(serializers.Serializer):
    province = _ProvinceField(help_text="Mã tỉnh (ví dụ `gia-lai`); gồm cả tỉnh đã sáp nhập vào và các xã.")
    level = serializers.ChoiceField(choices=PlanLevel.choices, required=False)
    status = serializers.ChoiceField(choices=PUBLISHED_STATUS_CHOICES, required=False)
    year = serializers.IntegerField(min_value=1945, max_value=2100, required=False, help_text="Năm ban hành.")


class TaskListQuery(serializers.Serializer):
    section = serializers.CharField(max_length=16, required=False, help_text="Mã nhóm nhiệm vụ (I, II ...).")
    lead_agency = serializers.IntegerField(min_value=1, required=False, help_text="Mã cơ quan chủ trì.")
    deadline_kind = serializers.ChoiceField(choices=DeadlineKind.choices, required=False)
    status = serializers.ChoiceField(
        choices=TASK_STATUS_CHOICES, required=False, help_text="Tình trạng tính đến hôm nay."
    )


class IndicatorListQuery(serializers.Serializer):
    horizon = serializers.IntegerField(
        min_value=2000, max_value=2100, required=False, help_text="Mốc năm (2025, 2030 ...)."
    )


class AgencyListQuery(serializers.Serializer):
    province = _ProvinceField(help_text="Mã tỉnh; gồm cả cơ quan của tỉnh đã sáp nhập vào.")
    kind = serializers.ChoiceField(choices=AgencyKind.choices, required=False)
    search = serializers.CharField(max_length=100, required=False, help_text="Một phần tên cơ quan.")


class ReportListQuery(serializers.Serializer):
    plan = serializers.IntegerField(min_value=1, required=False)
    period = serializers.CharField(
        max_length=16, required=False, help_text="Kỳ: `2025-Q3`, `2025-M07`, `2025`."
    )
    cadence = serializers.ChoiceField(choices=Cadence.choices, required=False)
    status = serializers.ChoiceField(choices=ReportStatus.choices, required=False)


# --- directory ------------------------------------------------------------------------------


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=UnitLevel.choices)


class ProvinceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    full_name = serializers.CharField()
    is_city = serializers.BooleanField()
    valid_until = serializers.DateField(
        allow_null=True, help_text="Ngày cuối trước khi sáp nhập; null nếu còn."
    )
    successor = UnitRefSerializer(allow_null=True, help_text="Tỉnh được sáp nhập vào (từ 01/7/2025).")
    predecessors = UnitRefSerializer(
        many=True, source="predecessors.all", help_text="Các tỉnh đã sáp nhập vào tỉnh này."
    )


class AgencySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    kind = serializers.ChoiceField(choices=AgencyKind.choices)
    unit = UnitRefSerializer()


# --- plans ----------------------------------------------------------------------------------


class LicenseSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()
    attribution = serializers.CharField()


class OpenDataLinksSerializer(serializers.Serializer):
    plan_json = serializers.CharField(help_text="nq57-plan/1 JSON")
    tasks_csv = serializers.CharField()
    indicators_csv = serializers.CharField()


def _open_data_links(plan_id: int) -> dict[str, str]:
    return {
        "plan_json": reverse("api:open-data-plan", args=[plan_id]),
        "tasks_csv": reverse("api:open-data-tasks", args=[plan_id]),
        "indicators_csv": reverse("api:open-data-indicators", args=[plan_id]),
    }


class PlanListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(help_text="Số văn bản như in: `103/KH-UBND`.")
    kind = serializers.CharField()
    issuer = serializers.CharField()
    title = serializers.CharField()
    date = serializers.DateField(allow_null=True, help_text="Ngày ký (ISO 8601).")
    level = serializers.ChoiceField(choices=PlanLevel.choices)
    status = serializers.ChoiceField(choices=PUBLISHED_STATUS_CHOICES)
    unit = UnitRefSerializer()
    province = serializers.SerializerMethodField(help_text="Tỉnh hiện nay (sau sáp nhập) của kế hoạch.")
    task_count = serializers.IntegerField()
    indicator_count = serializers.IntegerField()
    open_data = serializers.SerializerMethodField()

    @extend_schema_field(UnitRefSerializer(allow_null=True))
    def get_province(self, plan: Any) -> dict[str, Any] | None:
        unit = plan.unit
        if unit.level == UnitLevel.COUNTRY:
            return None
        current = unit.successor if unit.successor_id else unit
        return UnitRefSerializer(current).data

    @extend_schema_field(OpenDataLinksSerializer)
    def get_open_data(self, plan: Any) -> dict[str, str]:
        return _open_data_links(plan.pk)


class PlanReferenceSerializer(serializers.Serializer):
    relation = serializers.ChoiceField(choices=[("implements", "Thực hiện"), ("supersedes", "Thay thế")])
    number = serializers.CharField()
    plan_id = serializers.IntegerField(
        source="target_id", allow_null=True, help_text="Kế hoạch trong hệ thống, nếu có."
    )


class ReportingDutySerializer(serializers.Serializer):
    cadence = serializers.ChoiceField(choices=Cadence.choices)
    due = serializers.CharField(source="due_text")
    to = serializers.CharField(source="recipient_text")


class ProgressSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    task_count = serializers.IntegerField()
    statuses = serializers.DictField(
        child=serializers.IntegerField(), help_text="Số nhiệm vụ theo từng tình trạng (xem /statuses/)."
    )


class PlanDetailSerializer(PlanListItemSerializer):
    signer = serializers.CharField()
    province_text = serializers.CharField(help_text="Tỉnh như in trên văn bản.")
    references = PlanReferenceSerializer(many=True, source="references.all")
    reporting = ReportingDutySerializer(many=True, source="reporting_duties.all")
    progress = ProgressSerializer(source="api_progress")
    license = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_license(self, plan: Any) -> str:
        return LICENSE_URL


class SectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    task_count = serializers.IntegerField()


class AgencyMentionSerializer(serializers.Serializer):
    agency_id = serializers.IntegerField()
    printed_name = serializers.CharField(help_text="Tên cơ quan như in trên văn bản.")


class DeadlineSerializer(serializers.Serializer):
    text = serializers.CharField(source="deadline_text", help_text="Như in: `Quý I/2026`, `Hằng tháng`.")
    kind = serializers.ChoiceField(source="deadline_kind", choices=DeadlineKind.choices)
    due = serializers.DateField(
        source="deadline_due", allow_null=True, help_text="Hạn cuối, nếu xác định được."
    )


class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    section = serializers.SerializerMethodField(help_text="Mã nhóm nhiệm vụ (I, II ...).")
    code = serializers.CharField()
    name = serializers.CharField()
    output = serializers.CharField(help_text="Kết quả, sản phẩm.")
    deadline = DeadlineSerializer(source="*")
    lead = serializers.SerializerMethodField()
    partners = serializers.SerializerMethodField()
    parent_id = serializers.IntegerField(allow_null=True)
    carried_from_id = serializers.IntegerField(
        allow_null=True, help_text="Nhiệm vụ của kế hoạch bị thay thế mà nhiệm vụ này tiếp nối."
    )
    status = serializers.SerializerMethodField()
    percent = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_section(self, task: Any) -> str:
        return task.section.code if task.section_id else task.section_code

    def _mentions(self, task: Any, role: str) -> list[dict[str, Any]]:
        return [
            {"agency_id": a.agency_id, "printed_name": a.printed_name}
            for a in sorted(task.assignments.all(), key=lambda a: a.position)
            if a.role == role
        ]

    @extend_schema_field(AgencyMentionSerializer(many=True))
    def get_lead(self, task: Any) -> list[dict[str, Any]]:
        return self._mentions(task, AgencyRole.LEAD)

    @extend_schema_field(AgencyMentionSerializer(many=True))
    def get_partners(self, task: Any) -> list[dict[str, Any]]:
        return self._mentions(task, AgencyRole.PARTNER)

    @extend_schema_field(serializers.ChoiceField(choices=TASK_STATUS_CHOICES, allow_null=True))
    def get_status(self, task: Any) -> str | None:
        row = self.context.get("statuses", {}).get(task.pk)
        return row.status.value if row is not None else None

    @extend_schema_field(serializers.IntegerField(min_value=0, max_value=100))
    def get_percent(self, task: Any) -> int:
        row = self.context.get("statuses", {}).get(task.pk)
        return row.percent if row is not None else 0


class TargetSerializer(serializers.Serializer):
    text = serializers.CharField(source="target_text", help_text="Như in: `≥ 80`, `> 0,75`, `Có`.")
    op = serializers.ChoiceField(choices=TargetOp.choices)
    value = serializers.FloatField(allow_null=True)
    value_max = serializers.FloatField(allow_null=True)


class IndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    horizon = serializers.IntegerField(allow_null=True)
    group = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField(help_text="Đơn vị tính.")
    target = TargetSerializer(source="*")
    monitors = serializers.SerializerMethodField(help_text="Cơ quan chủ trì theo dõi, đánh giá.")

    @extend_schema_field(AgencyMentionSerializer(many=True))
    def get_monitors(self, indicator: Any) -> list[dict[str, Any]]:
        return [
            {"agency_id": a.agency_id, "printed_name": a.printed_name}
            for a in sorted(indicator.assignments.all(), key=lambda a: a.position)
        ]


class IndicatorValueQuery(serializers.Serializer):
    indicator = serializers.IntegerField(min_value=1, required=False, help_text="Mã chỉ tiêu.")


class StatedValueSerializer(serializers.Serializer):
    """A value an agency stated for an indicator in a submitted or accepted report."""

    indicator_id = serializers.IntegerField()
    agency_id = serializers.IntegerField(source="report.agency_id")
    period = serializers.CharField(source="report.period")
    period_start = serializers.DateField(source="report.period_start")
    period_end = serializers.DateField(source="report.period_end")
    number = serializers.FloatField(allow_null=True)
    boolean = serializers.BooleanField(allow_null=True)
    text = serializers.CharField()
    source = serializers.CharField(help_text="Nguồn số liệu.")
    report_status = serializers.ChoiceField(source="report.status", choices=ReportStatus.choices)


class ChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class StatusesSerializer(serializers.Serializer):
    plan = ChoiceSerializer(many=True, help_text="Tình trạng kế hoạch công bố.")
    task = ChoiceSerializer(many=True, help_text="Năm tình trạng nhiệm vụ.")
    work = ChoiceSerializer(many=True, help_text="Tình trạng cơ quan báo cáo cho một nhiệm vụ.")
    report = ChoiceSerializer(many=True, help_text="Tình trạng báo cáo tiến độ.")
    deadline_kind = ChoiceSerializer(many=True)
    cadence = ChoiceSerializer(many=True)


# --- reports (per-agency tokens) -------------------------------------------------------------


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plan_id = serializers.IntegerField()
    plan_number = serializers.CharField(source="plan.number")
    agency = serializers.SerializerMethodField()
    cadence = serializers.ChoiceField(choices=Cadence.choices)
    period = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    due_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    version = serializers.IntegerField(help_text="Gửi lại giá trị này khi lưu hoặc gửi báo cáo.")
    summary = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    last_submitted_at = serializers.DateTimeField(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    return_comment = serializers.CharField(help_text="Lý do trả lại, nếu bị trả lại.")

    @extend_schema_field(AgencyMentionSerializer)
    def get_agency(self, report: Any) -> dict[str, Any]:
        return {"agency_id": report.agency_id, "printed_name": report.agency.name}


class TaskUpdateSerializer(serializers.Serializer):
    task_id = serializers.IntegerField()
    task_code = serializers.CharField(source="task.code")
    status = serializers.ChoiceField(choices=WorkStatus.choices)
    percent = serializers.IntegerField()
    done_on = serializers.DateField(allow_null=True)
    done_text = serializers.CharField()
    difficulties = serializers.CharField()
    proposals = serializers.CharField()
    evidence_number = serializers.CharField()
    evidence_date = serializers.DateField(allow_null=True)
    evidence_link = serializers.CharField()


class IndicatorValueSerializer(serializers.Serializer):
    indicator_id = serializers.IntegerField()
    number = serializers.FloatField(allow_null=True)
    boolean = serializers.BooleanField(allow_null=True)
    text = serializers.CharField()
    note = serializers.CharField()
    source = serializers.CharField()


class ReportDetailSerializer(ReportSerializer):
    tasks = TaskUpdateSerializer(many=True, source="task_updates.all")
    indicators = IndicatorValueSerializer(many=True, source="indicator_values.all")


# One field tree per process: ReportSerializer's fields keep no state of the report they show,
# and building them (a deep copy) for every answer cost more than showing the report.
_REPORT_HEAD = ReportSerializer()


def report_head(report: Any) -> dict[str, Any]:
    """Return ``ReportSerializer(report).data``: a report without its rows."""
    return _REPORT_HEAD.to_representation(report)


TASK_ROW_KEYS = tuple(TaskUpdateSerializer().fields)
INDICATOR_ROW_KEYS = tuple(IndicatorValueSerializer().fields)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def report_detail(
    report: Any, tasks: list[dict[str, Any]], indicators: list[dict[str, Any]]
) -> dict[str, Any]:
    """Return what ReportDetailSerializer gives for ``report``, its rows from ``selectors.report_rows``
    (asked for TASK_ROW_KEYS and INDICATOR_ROW_KEYS).

    The rows are plain values turned into JSON types here: every draft save and submission
    answers with the whole report, and running serializer fields over each row cost more than
    the rest of the answer. The serializers stay the schema; a test pins both to one output.
    """
    return {
        **report_head(report),
        "tasks": [{key: _plain(row[key]) for key in TASK_ROW_KEYS} for row in tasks],
        "indicators": [{key: _plain(row[key]) for key in INDICATOR_ROW_KEYS} for row in indicators],
    }


# What a report write may be told, in Vietnamese: DRF's own Vietnamese catalogue leaves most of
# these in English ("A valid integer is required.", "Expected a list of items ...").
_NULL = "Không được để trống (null)."
INTEGER_VI = {
    "invalid": "Phải là một số nguyên.",
    "min_value": "Phải lớn hơn hoặc bằng {min_value}.",
    "max_value": "Phải nhỏ hơn hoặc bằng {max_value}.",
    "max_string_length": "Số quá lớn.",
    "null": _NULL,
}
TEXT_VI = {
    "invalid": "Phải là một đoạn chữ.",
    "blank": "Không được để trống.",
    "max_length": "Dài quá {max_length} ký tự.",
    "null": _NULL,
}
CHOICE_VI = {"invalid_choice": "“{input}” không phải là một giá trị được chấp nhận.", "null": _NULL}
DATE_VI = {
    "invalid": "Ngày phải có dạng năm-tháng-ngày, ví dụ 2025-07-15.",
    "datetime": "Chỉ ghi ngày, không ghi giờ (ví dụ 2025-07-15).",
    "null": _NULL,
}
URL_VI = {**TEXT_VI, "invalid": "Đường dẫn không hợp lệ (cần http:// hoặc https://)."}
ROWS_VI = {
    "not_a_list": "Phải là một danh sách (mảng JSON […]).",
    "invalid": "Mỗi dòng phải là một đối tượng JSON ({{…}}).",
    "null": _NULL,
}


def _text(**kwargs: Any) -> serializers.CharField:
    return serializers.CharField(required=False, allow_blank=True, error_messages=TEXT_VI, **kwargs)


class InputSerializer(serializers.Serializer):
    """A request body: a JSON object, said in Vietnamese when it is not one."""

    default_error_messages: ClassVar[dict[str, str]] = {
        "invalid": "Dữ liệu gửi lên phải là một đối tượng JSON ({{…}}).",
        "null": _NULL,
    }


class ReportOpenInput(InputSerializer):
    plan = serializers.IntegerField(min_value=1, error_messages=INTEGER_VI)
    cadence = serializers.ChoiceField(choices=Cadence.choices, error_messages=CHOICE_VI)
    period = serializers.CharField(
        max_length=16, help_text="`2025-Q3`, `2025-M07`, `2025-H2`, `2025`.", error_messages=TEXT_VI
    )


class TaskRowInput(InputSerializer):
    """One task row; only the fields sent change."""

    task = serializers.IntegerField(min_value=1, error_messages=INTEGER_VI)
    status = serializers.ChoiceField(choices=WorkStatus.choices, required=False, error_messages=CHOICE_VI)
    percent = serializers.IntegerField(min_value=0, max_value=100, required=False, error_messages=INTEGER_VI)
    done_on = serializers.DateField(required=False, allow_null=True, error_messages=DATE_VI)
    done_text = _text()
    difficulties = _text()
    proposals = _text()
    evidence_number = _text(max_length=100)
    evidence_date = serializers.DateField(required=False, allow_null=True, error_messages=DATE_VI)
    evidence_link = serializers.URLField(
        required=False, allow_blank=True, max_length=500, error_messages=URL_VI
    )


class IndicatorRowInput(InputSerializer):
    indicator = serializers.IntegerField(min_value=1, error_messages=INTEGER_VI)
    value = serializers.JSONField(
        required=False, help_text='Số (12.5 hoặc "12,5"), true/false hoặc "Có"/"Không", hoặc chữ.'
    )
    note = _text()
    source = _text(max_length=500)

    def validate_value(self, value: Any) -> Any:
        if isinstance(value, (dict, list)):
            raise serializers.ValidationError("Giá trị phải là một số, Có/Không hoặc một đoạn chữ.")
        if isinstance(value, str) and "\x00" in value:
            raise serializers.ValidationError("Giá trị chứa ký tự không hợp lệ.")
        return value


class ReportDraftInput(InputSerializer):
    version = serializers.IntegerField(
        min_value=1, help_text="Phiên bản đã đọc (`version` của báo cáo).", error_messages=INTEGER_VI
    )
    summary = _text()
    tasks = TaskRowInput(many=True, required=False, error_messages=ROWS_VI)
    indicators = IndicatorRowInput(many=True, required=False, error_messages=ROWS_VI)


def report_service_data(data: dict[str, Any]) -> dict[str, Any]:
    """Return the data ``report_save_draft`` takes from ReportDraftInput's validated data:
    rows keyed by id, only the fields sent."""
    out: dict[str, Any] = {}
    if "summary" in data:
        out["summary"] = data["summary"]
    out["tasks"] = {
        row["task"]: {k: v for k, v in row.items() if k != "task"} for row in data.get("tasks", [])
    }
    out["indicators"] = {
        row["indicator"]: {k: v for k, v in row.items() if k != "indicator"}
        for row in data.get("indicators", [])
    }
    return out


class ReportSubmitInput(InputSerializer):
    version = serializers.IntegerField(min_value=1, error_messages=INTEGER_VI)
