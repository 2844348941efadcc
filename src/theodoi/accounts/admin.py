"""Roles and scopes in the admin, edited beside the user they belong to."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from theodoi.accounts.models import Profile


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    autocomplete_fields = ("unit", "agency")
    verbose_name_plural = "vai trò và phạm vi"


admin.site.unregister(User)


@admin.register(User)
class TheodoiUserAdmin(UserAdmin):
    inlines = (ProfileInline,)
    list_display = ("username", "first_name", "last_name", "email", "is_staff", "role")
    list_select_related = ("profile",)

    @admin.display(description="vai trò")
    def role(self, obj):
        profile = getattr(obj, "profile", None)
        return profile.get_role_display() if profile else "—"
