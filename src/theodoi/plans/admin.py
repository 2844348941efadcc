"""Admin for plans: read-mostly. Plans change through ``theodoi import`` (plan_import), so
that every change is audited and agencies resolve through their aliases; the admin shows
what is stored and lets an operator fix a status."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from theodoi.plans.models import (
    Correction,
    Indicator,
    IndicatorAgency,
    Plan,
    PlanDraft,
    PlanReference,
    ReportingDuty,
    Section,
    Task,
    TaskAgency,
)


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class SectionInline(_ReadOnlyInline):
    model = Section
    fields = ("code", "title", "position")


class ReferenceInline(_ReadOnlyInline):
    model = PlanReference
    fk_name = "plan"
    fields = ("relation", "number", "target", "position")


class ReportingDutyInline(_ReadOnlyInline):
    model = ReportingDuty
    fields = ("cadence", "due_text", "recipient_text", "recipient")


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("number", "unit", "level", "date", "status", "task_link", "indicator_link", "updated_at")
    list_filter = ("status", "level", "unit")
    search_fields = ("number", "title", "issuer", "unit__name")
    list_select_related = ("unit",)
    date_hierarchy = "date"
    inlines = (SectionInline, ReferenceInline, ReportingDutyInline)
    readonly_fields = (
        "number",
        "kind",
        "issuer",
        "unit",
        "province_text",
        "level",
        "date",
        "title",
        "signer",
        "source_file",
        "source_hash",
        "extraction",
        "created_at",
        "updated_at",
    )
    exclude = ("source_text",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description="nhiệm vụ")
    def task_link(self, obj: Plan) -> str:
        url = reverse("admin:plans_task_changelist") + f"?plan__id__exact={obj.pk}"
        return format_html('<a href="{}">Xem nhiệm vụ</a>', url)

    @admin.display(description="chỉ tiêu")
    def indicator_link(self, obj: Plan) -> str:
        url = reverse("admin:plans_indicator_changelist") + f"?plan__id__exact={obj.pk}"
        return format_html('<a href="{}">Xem chỉ tiêu</a>', url)


class TaskAgencyInline(_ReadOnlyInline):
    model = TaskAgency
    fields = ("role", "printed_name", "agency", "position")


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("code", "short_name", "plan", "section_code", "deadline_text", "deadline_due")
    list_filter = ("plan", "deadline_kind")
    search_fields = ("name", "search_key", "code")
    list_select_related = ("plan",)
    inlines = (TaskAgencyInline,)
    readonly_fields = tuple(f.name for f in Task._meta.concrete_fields)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Task]:
        return super().get_queryset(request).order_by("plan_id", "position")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description="tên nhiệm vụ")
    def short_name(self, obj: Task) -> str:
        return obj.name[:100]


class IndicatorAgencyInline(_ReadOnlyInline):
    model = IndicatorAgency
    fields = ("printed_name", "agency", "position")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "short_name", "plan", "horizon", "unit", "target_text")
    list_filter = ("plan", "horizon", "op")
    search_fields = ("name", "search_key", "code")
    list_select_related = ("plan",)
    inlines = (IndicatorAgencyInline,)
    readonly_fields = tuple(f.name for f in Indicator._meta.concrete_fields)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Indicator]:
        return super().get_queryset(request).order_by("plan_id", "position")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description="tên chỉ tiêu")
    def short_name(self, obj: Indicator) -> str:
        return obj.name[:100]


class CorrectionInline(_ReadOnlyInline):
    model = Correction
    fields = ("at", "actor", "kind", "path", "before", "after")
    readonly_fields = fields
    show_change_link = False


@admin.register(PlanDraft)
class PlanDraftAdmin(admin.ModelAdmin):
    """Drafts change through the review screen (``theodoi.plans.drafts``); the admin shows them."""

    list_display = ("file_name", "unit", "status", "progress", "created_by", "created_at", "published_plan")
    list_filter = ("status", "unit")
    search_fields = ("file_name", "file_sha256")
    list_select_related = ("unit", "created_by", "published_plan")
    inlines = (CorrectionInline,)
    exclude = ("extracted", "document", "source_lines")
    readonly_fields = tuple(
        f.name
        for f in PlanDraft._meta.concrete_fields
        if f.name not in ("extracted", "document", "source_lines")
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "kind", "path", "short_before", "short_after", "draft", "plan")
    list_filter = ("kind",)
    search_fields = ("before", "after", "path")
    list_select_related = ("actor", "draft", "plan")
    readonly_fields = tuple(f.name for f in Correction._meta.concrete_fields)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description="trước")
    def short_before(self, obj: Correction) -> str:
        return obj.before[:80]

    @admin.display(description="sau")
    def short_after(self, obj: Correction) -> str:
        return obj.after[:80]
