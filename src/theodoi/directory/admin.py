"""Admin for units and agencies: where operators review agencies that imports created."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from theodoi.directory.models import AdministrativeUnit, Agency, AgencyAlias
from theodoi.directory.names import agency_key


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "code", "parent", "successor", "valid_until", "is_city")
    list_filter = ("level", "is_city", ("successor", admin.EmptyFieldListFilter))
    search_fields = ("name", "code")
    list_select_related = ("parent", "successor")
    autocomplete_fields = ("parent", "successor")
    ordering = ("level", "name")


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    fields = ("alias", "key")
    readonly_fields = ("key",)
    extra = 1


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "unit", "kind", "needs_review", "is_active")
    list_filter = ("needs_review", "kind", "is_active", "unit__level")
    list_editable = ("needs_review",)
    search_fields = ("name", "short_name", "aliases__alias", "unit__name")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)
    inlines = (AgencyAliasInline,)
    actions = ("mark_reviewed",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        return super().get_queryset(request).distinct()

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Key each alias the way imports look it up, in the agency's unit."""
        aliases = formset.save(commit=False)
        for alias in aliases:
            alias.unit = form.instance.unit
            alias.key = agency_key(alias.alias, unit_name=form.instance.unit.name)
            alias.save()
        for gone in formset.deleted_objects:
            gone.delete()

    @admin.action(description="Đánh dấu đã rà soát")
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet[Agency]) -> None:
        updated = queryset.update(needs_review=False)
        self.message_user(request, f"Đã đánh dấu {updated} cơ quan là đã rà soát.")
