"""Who a user is in theodoi: a role and the province or agency it is scoped to.

Every view and API endpoint scopes what it shows and allows through this one row, so the
rules live in ``theodoi.accounts.scope`` and nowhere else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from theodoi.directory.models import AdministrativeUnit, Agency


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    COORDINATOR = "coordinator", "Điều phối (Sở KH&CN)"
    REPORTER = "reporter", "Báo cáo viên của cơ quan"
    LEADER = "leader", "Lãnh đạo tỉnh"
    CENTRAL = "central", "Trung ương (xem toàn quốc)"


class Profile(models.Model):
    """The role of a user and its scope (vai trò, phạm vi)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # the province a coordinator or leader works for
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    phone = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ("user__username",)
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(role="reporter") | models.Q(agency__isnull=False),
                name="profile_reporter_has_agency",
            ),
            models.CheckConstraint(
                condition=~models.Q(role__in=["coordinator", "leader"]) | models.Q(unit__isnull=False),
                name="profile_province_role_has_unit",
            ),
        )
        verbose_name = "vai trò người dùng"
        verbose_name_plural = "vai trò người dùng"

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
