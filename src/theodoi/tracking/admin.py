"""Admin pages: read-mostly views for support staff; the flows themselves go through services."""

from __future__ import annotations

from django.contrib import admin

from theodoi.tracking import models


class TaskUpdateInline(admin.TabularInline):
    model = models.TaskUpdate
    extra = 0
    raw_id_fields = ("task",)
    fields = ("task", "status", "percent", "done_on", "evidence_number", "evidence_date")
    readonly_fields = fields
    can_delete = False


class IndicatorValueInline(admin.TabularInline):
    model = models.IndicatorValue
    extra = 0
    raw_id_fields = ("indicator",)
    fields = ("indicator", "number", "boolean", "text", "source")
    readonly_fields = fields
    can_delete = False


@admin.register(models.ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ("agency", "plan", "cadence", "period", "status", "due_at", "submitted_at", "version")
    list_filter = ("status", "cadence")
    search_fields = ("agency__name", "plan__number", "period")
    raw_id_fields = ("agency", "plan", "created_by", "updated_by", "submitted_by", "reviewed_by")
    readonly_fields = (
        "version",
        "created_at",
        "updated_at",
        "submitted_at",
        "last_submitted_at",
        "reviewed_at",
    )
    inlines = (TaskUpdateInline, IndicatorValueInline)

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(models.Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("file_name", "report", "content_type", "size", "uploaded_at", "removed_at")
    raw_id_fields = ("report", "task", "uploaded_by")

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(models.PartnerContribution)
class PartnerContributionAdmin(admin.ModelAdmin):
    list_display = ("task", "agency", "period", "version", "updated_at")
    raw_id_fields = ("task", "agency", "updated_by")


@admin.register(models.ChaseUp)
class ChaseUpAdmin(admin.ModelAdmin):
    list_display = ("agency", "plan", "cadence", "period", "sent_by", "sent_at")
    list_filter = ("cadence",)
    raw_id_fields = ("agency", "plan", "sent_by")


@admin.register(models.Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    list_display = ("task", "agency", "status", "proposed_at", "decided_at")
    list_filter = ("status",)
    raw_id_fields = ("task", "agency", "proposed_by", "decided_by")
    readonly_fields = ("changes", "before", "status", "decided_by", "decided_at")


@admin.register(models.Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "title", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    raw_id_fields = ("user",)


@admin.register(models.NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "email", "in_app")
    raw_id_fields = ("user",)


@admin.register(models.ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ("key", "user", "kind", "created_at", "sent_at")
    list_filter = ("kind",)
    search_fields = ("key",)
    raw_id_fields = ("user",)
