"""API views: thin. Public reads go through ``theodoi.api.selectors`` (published plans only);
report writes call the tracking services with the token's service user as the actor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.templatetags.static import static
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularRedocView
from rest_framework import exceptions, generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from theodoi.api import opendata, selectors
from theodoi.api import serializers as s
from theodoi.api.report_input import report_rows_validated
from theodoi.core.security import content_security_policy
from theodoi.directory.models import Agency
from theodoi.plans.models import Cadence, DeadlineKind, Plan, PlanStatus
from theodoi.tracking import services as tracking
from theodoi.tracking.models import ProgressReport, ReportStatus, WorkStatus
from theodoi.tracking.permissions import user_agency_id
from theodoi.tracking.rules import TASK_STATUS_LABELS, TaskStatus

ERR = OpenApiResponse(s.ErrorSerializer, description="Lỗi: `code` ổn định, `detail` tiếng Việt.")
READ_ERRORS = {400: ERR, 404: ERR}
TOKEN_ERRORS = {400: ERR, 401: ERR, 403: ERR, 404: ERR}
WRITE_ERRORS = {**TOKEN_ERRORS, 409: ERR}


def _query(serializer_class: type[s.serializers.Serializer], request: Request) -> dict[str, Any]:
    """Validate the query string against the operation's parameter serializer (400 otherwise)."""
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


def _plan_or_404(pk: int) -> Plan:
    plan = selectors.public_plans().filter(pk=pk).first()
    if plan is None:
        raise exceptions.NotFound("Không tìm thấy kế hoạch đã công bố.", code="plan_not_found")
    return plan


class PublicReadMixin:
    authentication_classes: tuple[type, ...] = ()  # public: a token is neither needed nor checked
    permission_classes = (AllowAny,)


# --- plans ----------------------------------------------------------------------------------


@extend_schema(
    tags=["Kế hoạch"],
    summary="Danh sách kế hoạch đã công bố",
    parameters=[s.PlanListQuery],
    responses={200: s.PlanListItemSerializer(many=True), **READ_ERRORS},
)
class PlanListView(PublicReadMixin, generics.ListAPIView):
    serializer_class = s.PlanListItemSerializer

    def get_queryset(self) -> Any:
        return selectors.public_plan_list(**_query(s.PlanListQuery, self.request))


class PlanDetailView(PublicReadMixin, APIView):
    @extend_schema(
        tags=["Kế hoạch"],
        summary="Một kế hoạch và tóm tắt tiến độ",
        responses={200: s.PlanDetailSerializer, 404: ERR},
    )
    def get(self, request: Request, pk: int) -> Response:
        plan = selectors.public_plan_get(pk=pk)
        if plan is None:
            raise exceptions.NotFound("Không tìm thấy kế hoạch đã công bố.", code="plan_not_found")
        on = timezone.localdate()
        statuses = selectors.plan_task_statuses(plan=plan, on=on)
        plan.api_progress = {  # type: ignore[attr-defined]
            "as_of": on,
            "task_count": len(statuses),
            "statuses": selectors.progress_summary(statuses),
        }
        return Response(s.PlanDetailSerializer(plan).data)


@extend_schema(
    tags=["Kế hoạch"],
    summary="Các nhóm nhiệm vụ của kế hoạch",
    responses={200: s.SectionSerializer(many=True), 404: ERR},
)
class PlanSectionListView(PublicReadMixin, generics.ListAPIView):
    serializer_class = s.SectionSerializer
    pagination_class = None  # a plan has a handful of sections

    def get_queryset(self) -> Any:
        return selectors.plan_sections(plan=_plan_or_404(self.kwargs["pk"]))


@extend_schema(
    tags=["Kế hoạch"],
    summary="Các nhiệm vụ của kế hoạch",
    parameters=[s.TaskListQuery],
    responses={200: s.TaskSerializer(many=True), **READ_ERRORS},
)
class PlanTaskListView(PublicReadMixin, generics.ListAPIView):
    serializer_class = s.TaskSerializer
    statuses: dict[int, Any]

    def get_queryset(self) -> Any:
        plan = _plan_or_404(self.kwargs["pk"])
        query = _query(s.TaskListQuery, self.request)
        self.statuses = selectors.plan_task_statuses(plan=plan, on=timezone.localdate())
        wanted = query.pop("status", None)
        ids = [pk for pk, row in self.statuses.items() if row.status.value == wanted] if wanted else None
        return selectors.plan_task_list(
            plan=plan,
            section=query.get("section", ""),
            lead_agency_id=query.get("lead_agency"),
            deadline_kind=query.get("deadline_kind", ""),
            status_ids=ids,
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "statuses": getattr(self, "statuses", {})}


@extend_schema(
    tags=["Kế hoạch"],
    summary="Các chỉ tiêu của kế hoạch",
    parameters=[s.IndicatorListQuery],
    responses={200: s.IndicatorSerializer(many=True), **READ_ERRORS},
)
class PlanIndicatorListView(PublicReadMixin, generics.ListAPIView):
    serializer_class = s.IndicatorSerializer

    def get_queryset(self) -> Any:
        plan = _plan_or_404(self.kwargs["pk"])
        return selectors.plan_indicator_list(plan=plan, **_query(s.IndicatorListQuery, self.request))


@extend_schema(
    tags=["Kế hoạch"],
    summary="Giá trị chỉ tiêu các cơ quan đã báo cáo (để vẽ biểu đồ)",
    description="Chỉ các báo cáo đã gửi hoặc đã tiếp nhận; theo kỳ, cũ trước.",
    parameters=[s.IndicatorValueQuery],
    responses={200: s.StatedValueSerializer(many=True), **READ_ERRORS},
)
class PlanIndicatorValueListView(PublicReadMixin, generics.ListAPIView):
    serializer_class = s.StatedValueSerializer

    def get_queryset(self) -> Any:
        plan = _plan_or_404(self.kwargs["pk"])
        query = _query(s.IndicatorValueQuery, self.request)
        return selectors.plan_indicator_values(plan=plan, indicator_id=query.get("indicator"))


# --- directory ------------------------------------------------------------------------------


@extend_schema(
    tags=["Danh mục"],
    summary="Tỉnh, thành phố (cả tỉnh đã sáp nhập)",
    responses={200: s.ProvinceSerializer(many=True), 404: ERR},
)
class ProvinceListView(PublicReadMixin, generics.ListAPIView):
    serializer_class = s.ProvinceSerializer

    def get_queryset(self) -> Any:
        return selectors.province_list()


class ProvinceDetailView(PublicReadMixin, APIView):
    @extend_schema(
        tags=["Danh mục"],
        summary="Một tỉnh, thành phố theo mã",
        responses={200: s.ProvinceSerializer, 404: ERR},
    )
    def get(self, request: Request, code: str) -> Response:
        unit = selectors.province_list().filter(code=code).first()
        if unit is None:
            raise exceptions.NotFound("Không có tỉnh, thành phố mã này.", code="province_not_found")
        return Response(s.ProvinceSerializer(unit).data)


@extend_schema(
    tags=["Danh mục"],
    summary="Cơ quan, đơn vị",
    parameters=[s.AgencyListQuery],
    responses={200: s.AgencySerializer(many=True), **READ_ERRORS},
)
class AgencyListView(PublicReadMixin, generics.ListAPIView):
    serializer_class = s.AgencySerializer

    def get_queryset(self) -> Any:
        return selectors.agency_list(**_query(s.AgencyListQuery, self.request))


class AgencyDetailView(PublicReadMixin, APIView):
    @extend_schema(tags=["Danh mục"], summary="Một cơ quan", responses={200: s.AgencySerializer, 404: ERR})
    def get(self, request: Request, pk: int) -> Response:
        agency = selectors.agency_list().filter(pk=pk).first()
        if agency is None:
            raise exceptions.NotFound("Không tìm thấy cơ quan.", code="agency_not_found")
        return Response(s.AgencySerializer(agency).data)


def _choices(pairs: Any) -> list[dict[str, str]]:
    return [{"value": str(v), "label": str(label)} for v, label in pairs]


class StatusListView(PublicReadMixin, APIView):
    @extend_schema(tags=["Danh mục"], summary="Các bảng mã tình trạng", responses={200: s.StatusesSerializer})
    def get(self, request: Request) -> Response:
        return Response(
            {
                "plan": _choices(s.PUBLISHED_STATUS_CHOICES),
                "task": _choices((t.value, TASK_STATUS_LABELS[t]) for t in TaskStatus),
                "work": _choices(WorkStatus.choices),
                "report": _choices(ReportStatus.choices),
                "deadline_kind": _choices(DeadlineKind.choices),
                "cadence": _choices(Cadence.choices),
            }
        )


# --- open data ------------------------------------------------------------------------------


class CSVRenderer(BaseRenderer):
    """Lets a client ask for ``Accept: text/csv``; the views send the bytes themselves."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        return data if isinstance(data, bytes) else str(data).encode("utf-8")


class _OpenDataView(PublicReadMixin, APIView):
    renderer_classes: tuple[type, ...] = (JSONRenderer,)

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(response, Response) and response.status_code >= 400:
            # Errors are JSON whatever the client accepts.
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = opendata.license_link_header()
        return response


class OpenDataPlanView(_OpenDataView):
    @extend_schema(
        tags=["Dữ liệu mở"],
        summary="Kế hoạch dạng nq57-plan/1 (JSON)",
        description="Định dạng nq57-plan/1 (docs/nq57-plan-1.md), thêm trường `license` (CC BY 4.0).",
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT), 404: ERR},
    )
    def get(self, request: Request, pk: int) -> Response:
        plan = _plan_or_404(pk)
        response = Response(opendata.plan_document(plan=plan))
        response["Content-Disposition"] = f'inline; filename="ke-hoach-{plan.pk}.json"'
        return response


def _csv_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class OpenDataPlanListView(_OpenDataView):
    renderer_classes = (CSVRenderer, JSONRenderer)

    @extend_schema(
        tags=["Dữ liệu mở"],
        summary="Danh sách kế hoạch đã công bố (CSV), lọc theo tỉnh, cấp, tình trạng, năm",
        parameters=[s.PlanListQuery],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR), (400, "application/json"): ERR},
    )
    def get(self, request: Request) -> HttpResponse:
        query = _query(s.PlanListQuery, request)
        province = query.get("province")
        body = opendata.plans_csv(plans=selectors.public_plan_list(**query))
        return _csv_response(body, f"ke-hoach-{province.code if province else 'tat-ca'}.csv")


class OpenDataTasksView(_OpenDataView):
    renderer_classes = (CSVRenderer, JSONRenderer)

    @extend_schema(
        tags=["Dữ liệu mở"],
        summary="Nhiệm vụ của kế hoạch (CSV, UTF-8 có BOM)",
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR), (404, "application/json"): ERR},
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        plan = _plan_or_404(pk)
        statuses = selectors.plan_task_statuses(plan=plan, on=timezone.localdate())
        body = opendata.tasks_csv(plan=plan, tasks=selectors.plan_task_list(plan=plan), statuses=statuses)
        return _csv_response(body, f"ke-hoach-{plan.pk}-nhiem-vu.csv")


class OpenDataIndicatorsView(_OpenDataView):
    renderer_classes = (CSVRenderer, JSONRenderer)

    @extend_schema(
        tags=["Dữ liệu mở"],
        summary="Chỉ tiêu của kế hoạch (CSV, UTF-8 có BOM)",
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR), (404, "application/json"): ERR},
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        plan = _plan_or_404(pk)
        body = opendata.indicators_csv(plan=plan, indicators=selectors.plan_indicator_list(plan=plan))
        return _csv_response(body, f"ke-hoach-{plan.pk}-chi-tieu.csv")


class OpenDataLicenseView(_OpenDataView):
    @extend_schema(
        tags=["Dữ liệu mở"], summary="Giấy phép của dữ liệu mở", responses={200: s.LicenseSerializer}
    )
    def get(self, request: Request) -> Response:
        return Response(
            {"name": opendata.LICENSE_NAME, "url": opendata.LICENSE_URL, "attribution": opendata.ATTRIBUTION}
        )


# --- reports (per-agency tokens) -------------------------------------------------------------


class TokenMixin:
    permission_classes = (IsAuthenticated,)


def _report_or_404(request: Request, pk: int) -> ProgressReport:
    """Return the token's agency's report ``pk``; another agency's report does not exist here."""
    report = selectors.agency_report_get(user=request.user, pk=pk)
    if report is None:
        raise exceptions.NotFound("Không tìm thấy báo cáo của cơ quan.", code="report_not_found")
    return report


def _report_detail(
    report: ProgressReport, *, read: ProgressReport | None = None, code: int = status.HTTP_200_OK
) -> Response:
    """Answer with the whole report: ``report`` as a service returned it, its plan and agency
    taken from ``read``, the row read before the write (the service's refresh drops them)."""
    if read is not None:
        report.plan, report.agency = read.plan, read.agency
    tasks, indicators = selectors.report_rows(
        report=report, task_fields=s.TASK_ROW_KEYS, indicator_fields=s.INDICATOR_ROW_KEYS
    )
    return Response(s.report_detail(report, tasks, indicators), status=code)


def _write_rows(
    request: Request, pk: int, service: Callable[..., ProgressReport]
) -> tuple[ProgressReport, ProgressReport]:
    """Look the token's report up, validate the rows sent (``ReportDraftInput``, through
    ``report_input``) and hand them to ``service`` (``report_save_draft``,
    ``report_save_and_submit``); return (as read, as written)."""
    report = _report_or_404(request, pk)
    data = report_rows_validated(request.data)
    written = service(
        report=report, actor=request.user, version=data["version"], data=s.report_service_data(data)
    )
    return report, written


class ReportListView(TokenMixin, generics.ListAPIView):
    serializer_class = s.ReportSerializer

    @extend_schema(
        tags=["Báo cáo tiến độ"],
        summary="Báo cáo của cơ quan (theo mã truy cập)",
        parameters=[s.ReportListQuery],
        responses={200: s.ReportSerializer(many=True), **TOKEN_ERRORS},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        query = _query(s.ReportListQuery, self.request)
        return selectors.agency_reports(
            user=self.request.user,
            plan_id=query.get("plan"),
            period=query.get("period", ""),
            status=query.get("status", ""),
            cadence=query.get("cadence", ""),
        )

    @extend_schema(
        tags=["Báo cáo tiến độ"],
        summary="Mở (hoặc lấy) báo cáo của cơ quan cho một kỳ",
        request=s.ReportOpenInput,
        responses={201: s.ReportDetailSerializer, **TOKEN_ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = s.ReportOpenInput(data=request.data)
        data.is_valid(raise_exception=True)
        plan = (
            selectors.public_plans().filter(pk=data.validated_data["plan"], status=PlanStatus.ACTIVE).first()
        )
        agency_id = user_agency_id(request.user)
        if plan is None or agency_id is None:
            raise exceptions.NotFound("Không tìm thấy kế hoạch đang hiệu lực.", code="plan_not_found")
        report = tracking.report_get_or_create_draft(
            actor=request.user,
            agency=Agency.objects.get(pk=agency_id),  # the token's one agency, never one sent in the body
            plan=plan,
            cadence=data.validated_data["cadence"],
            period=data.validated_data["period"],
        )
        return _report_detail(_report_or_404(request, report.pk), code=status.HTTP_201_CREATED)


class ReportDetailView(TokenMixin, APIView):
    @extend_schema(
        tags=["Báo cáo tiến độ"],
        summary="Một báo cáo của cơ quan",
        responses={200: s.ReportDetailSerializer, **TOKEN_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        return _report_detail(_report_or_404(request, pk))


class ReportDraftView(TokenMixin, APIView):
    @extend_schema(
        tags=["Báo cáo tiến độ"],
        summary="Lưu nháp báo cáo (chỉ các trường gửi lên thay đổi)",
        request=s.ReportDraftInput,
        responses={200: s.ReportDetailSerializer, **WRITE_ERRORS},
    )
    def put(self, request: Request, pk: int) -> Response:
        report, saved = _write_rows(request, pk, tracking.report_save_draft)
        return _report_detail(saved, read=report)


class ReportSubmitView(TokenMixin, APIView):
    @extend_schema(
        tags=["Báo cáo tiến độ"],
        summary="Gửi báo cáo cho Sở Khoa học và Công nghệ",
        request=s.ReportSubmitInput,
        responses={200: s.ReportDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        report = _report_or_404(request, pk)
        data = s.ReportSubmitInput(data=request.data)
        data.is_valid(raise_exception=True)
        sent = tracking.report_submit(
            report=report, actor=request.user, version=data.validated_data["version"]
        )
        return _report_detail(sent, read=report)


class ReportSaveSubmitView(TokenMixin, APIView):
    @extend_schema(
        tags=["Báo cáo tiến độ"],
        summary="Lưu và gửi báo cáo trong một yêu cầu",
        description=(
            "Điều một hệ thống của cơ quan nên gọi để gửi báo cáo: các dòng nhiệm vụ, chỉ tiêu và "
            "đánh giá chung (như khi lưu nháp) được lưu rồi báo cáo được gửi, trong cùng một giao "
            "dịch. Mọi nhiệm vụ cơ quan chủ trì phải có tình trạng (gửi ở đây hoặc đã lưu trước). "
            "Có lỗi thì không gì được ghi. Lỗi của một dòng được gọi theo thứ tự dòng gửi lên "
            "(`tasks.0.percent`) khi sai kiểu, theo mã nhiệm vụ (`tasks.<id>.percent`) khi sai giá trị. "
            "Trả về phần đầu của báo cáo (không kèm các dòng đã gửi); tiến độ nhiệm vụ, chỉ tiêu và "
            "thông báo cho Sở được cập nhật ngay sau đó ở nền."
        ),
        request=s.ReportDraftInput,
        responses={200: s.ReportSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        _, sent = _write_rows(request, pk, tracking.report_save_and_submit)
        return Response(s.report_head(sent))


# --- documentation --------------------------------------------------------------------------


# Redoc styles itself with inline <style> elements (and this template's own) and runs its
# search in a worker made from a blob: address; scripts stay this site's files only.
REDOC_POLICY = content_security_policy(style_src="'self' 'unsafe-inline'", worker_src="'self' blob:")


class RedocView(SpectacularRedocView):
    """Redoc served from our own static files (no CDN, no web fonts), under its own policy."""

    template_name = "api/redoc.html"

    @extend_schema(exclude=True)  # a page, not an operation (as in SpectacularRedocView)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().get(request, *args, **kwargs)
        response["Content-Security-Policy"] = REDOC_POLICY
        return response

    @staticmethod
    def _redoc_standalone() -> str:
        return static("api/redoc/redoc.standalone.js")
