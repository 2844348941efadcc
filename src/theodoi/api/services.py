"""Writes for API tokens: create one for an agency (the secret is returned once), revoke one."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from theodoi.accounts.models import Profile, Role
from theodoi.api import token_cache
from theodoi.api.models import ApiToken
from theodoi.core.audit import audit_record
from theodoi.directory.models import Agency

logger = logging.getLogger(__name__)

SECRET_PREFIX = "td57_"


@dataclass(frozen=True)
class CreatedToken:
    token: ApiToken
    secret: str  # shown once; only its hash is stored


def token_hash(secret: str) -> str:
    """Return the stored form of a secret: its SHA-256 in hex."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _may_manage(actor: Any | None) -> bool:
    """Operators (superusers, administrators) issue tokens; ``None`` is the command line."""
    if actor is None:
        return True
    if getattr(actor, "is_superuser", False):
        return True
    profile = Profile.objects.filter(user_id=getattr(actor, "pk", None)).first()
    return profile is not None and profile.role == Role.ADMIN


def api_token_create(*, agency: Agency, name: str, actor: Any | None = None) -> CreatedToken:
    """Create a token that acts for ``agency`` and return it with its secret (shown once).

    The token gets its own service user, a reporter of the agency that cannot sign in to the
    web, so that every check and audit event treats it as one reporter of that agency only.
    """
    if not _may_manage(actor):
        raise PermissionDenied("Chỉ quản trị hệ thống được cấp mã truy cập API.")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Hãy đặt tên cho mã truy cập (dùng cho hệ thống nào)."})
    if len(name) > 200:
        raise ValidationError({"name": "Tên mã truy cập dài quá 200 ký tự."})
    if not agency.is_active:
        raise ValidationError({"agency": "Cơ quan này không còn hoạt động."})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    prefix = secret[: len(SECRET_PREFIX) + 6]
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=f"api-{secrets.token_hex(6)}",
            first_name=name[:150],
            last_name=f"(API, {agency.name})"[:150],
            is_active=False,  # never signs in to the web; the API checks the token instead
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Profile.objects.create(user=user, role=Role.REPORTER, agency=agency)
        token = ApiToken.objects.create(
            agency=agency,
            name=name,
            prefix=prefix,
            key_hash=token_hash(secret),
            user=user,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            actor=actor,
            action="api_token.create",
            obj=token,
            summary=f"Cấp mã truy cập API “{name}” cho {agency}",
            after={"agency": agency.pk, "name": name, "prefix": prefix},
        )
    logger.info("API token %s created for agency %s", token.pk, agency.pk)
    return CreatedToken(token=token, secret=secret)


def api_token_revoke(*, token: ApiToken, actor: Any | None = None) -> ApiToken:
    """Revoke a token: every later request with it is refused (the row stays, for the audit)."""
    if not _may_manage(actor):
        raise PermissionDenied("Chỉ quản trị hệ thống được thu hồi mã truy cập API.")
    with transaction.atomic():
        row = ApiToken.objects.select_for_update().get(pk=token.pk)
        if row.revoked_at is not None:
            return row
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="api_token.revoke",
            obj=row,
            summary=f"Thu hồi mã truy cập API “{row.name}”",
            before={"revoked_at": None},
            after={"revoked_at": row.revoked_at.isoformat()},
        )
        # This process refuses it at once; the others once their cached copy expires.
        transaction.on_commit(lambda: token_cache.forget(row.key_hash))
    return row
