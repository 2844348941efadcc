"""API tokens (mã truy cập API): how other software reports for one agency.

A token belongs to one agency and acts through its own service user, a reporter of that
agency that never signs in to the web (``is_active`` false, no password). The tracking
services' permission checks and the audit trail therefore see an ordinary reporter and name
the token that acted. Only a SHA-256 of the secret is stored; the secret is shown once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from theodoi.directory.models import Agency


class ApiToken(models.Model):
    """A secret another system sends as ``Authorization: Token <secret>`` to act for an agency."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=200)  # what the token is for: "Hệ thống theo dõi NQ57 trung ương"
    prefix = models.CharField(max_length=16)  # the secret's first characters, to recognise it in lists
    key_hash = models.CharField(max_length=64, unique=True)  # sha256 hex of the secret
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_token"
    )  # the service identity the token acts as
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("agency_id", "-created_at", "-id")
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
