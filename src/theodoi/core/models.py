"""The audit trail: every state change, who made it, before and after.

Services write one ``AuditEvent`` in the same transaction as the change they make, so a
change and its record are never apart. Nothing is deleted outright elsewhere; the trail is
append-only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One recorded change (nhật ký thay đổi)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=64)  # "plan.import", "task.update", ...
    object_type = models.CharField(max_length=64)  # "plans.plan"
    object_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=500, blank=True)  # Vietnamese, for people
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=["object_type", "object_id", "-at"]),)
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.object_type}#{self.object_id}"
