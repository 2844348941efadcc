"""``Authorization: Token <secret>`` (or ``Bearer <secret>``): the request acts as the token's
service user, a reporter of the token's one agency.

A token accepted is kept for a few seconds in the process (``token_cache``): the requests
that follow with it make no query for it. ``last_used_at`` is written when a token is read
from the database and its last use is older than ``LAST_USED_EVERY``; so it may lag the real
last use by that plus the cache's seconds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from theodoi.api import token_cache
from theodoi.api.models import ApiToken
from theodoi.api.services import token_hash

KEYWORDS = ("token", "bearer")
LAST_USED_EVERY = dt.timedelta(minutes=5)  # write last_used_at at most this often per token


class TokenAuthentication(authentication.BaseAuthentication):
    """Authenticate by an API token; no header means anonymous (the public read endpoints)."""

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Tiêu đề Authorization phải có dạng “Token <mã>”.", code="token_malformed"
            )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError as e:
            raise exceptions.AuthenticationFailed("Mã truy cập không hợp lệ.", code="token_invalid") from e
        key_hash = token_hash(secret)
        token = token_cache.get(key_hash)
        if token is None:
            token = self._look_up(key_hash)
        return token.user, token

    def _look_up(self, key_hash: str) -> ApiToken:
        """Read the token, refuse it if it is unknown, revoked or its agency inactive, keep it."""
        rows = ApiToken.objects.select_related("user", "agency").filter(key_hash=key_hash).order_by()
        token = next(iter(rows[:1]), None)  # unordered: key_hash is unique
        if token is None:
            raise exceptions.AuthenticationFailed("Mã truy cập không hợp lệ.", code="token_invalid")
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("Mã truy cập đã bị thu hồi.", code="token_revoked")
        if not token.agency.is_active:
            raise exceptions.AuthenticationFailed(
                "Cơ quan của mã truy cập không còn hoạt động.", code="token_agency_inactive"
            )
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        token_cache.put(token)
        return token

    def authenticate_header(self, request: Request) -> str:
        return 'Token realm="theodoi"'


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "theodoi.api.authentication.TokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Mã truy cập của một cơ quan: `Token <mã>` (hoặc `Bearer <mã>`).",
        }
