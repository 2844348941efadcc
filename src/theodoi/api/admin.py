"""Admin for API tokens: list, revoke. A token is created with ``theodoi api-token create``
(or here), and its secret is shown once, in the message after saving."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from theodoi.api.models import ApiToken
from theodoi.api.services import api_token_create, api_token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "agency__name", "prefix")
    list_select_related = ("agency",)
    autocomplete_fields = ()
    raw_id_fields = ("agency",)
    actions = ("revoke",)

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        if obj is None:
            return ["agency", "name"]
        return ["agency", "name", "prefix", "user", "created_by", "created_at", "last_used_at", "revoked_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        if obj is None:
            return []
        return self.get_fields(request, obj)

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return
        created = api_token_create(agency=obj.agency, name=obj.name, actor=request.user)
        obj.pk = created.token.pk
        messages.warning(request, f"Mã truy cập (chỉ hiện một lần, hãy lưu lại ngay): {created.secret}")

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False  # revoke instead: the row stays for the audit trail

    @admin.action(description="Thu hồi các mã đã chọn")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            api_token_revoke(token=token, actor=request.user)
        self.message_user(request, f"Đã thu hồi {queryset.count()} mã truy cập.")
