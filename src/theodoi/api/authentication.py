"""``Authorization: Token <secret>`` (or ``Bearer <secret>``): the request acts as the token's
service user, a reporter of the token's one agency.

A token accepted is kept for a few seconds in the process (``token_cache``): the requests
that follow with it make no query for it. The look-up reads the token, its service user, the
user's profile and the token's agency (with its unit and province) in one statement, and the
user's scope (``accounts.scope``) is made from that row, so a request with a token makes no
query for either. A profile changed, an agency deactivated or a token revoked therefore takes
effect at the next look-up: at once in the process that revoked the token, within the cache's
seconds elsewhere. Uses are recorded to the minute, in batches (``token_use``).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from theodoi.accounts.models import Profile
from theodoi.accounts.scope import scope_from_profile
from theodoi.api import token_cache, token_use
from theodoi.api.models import ApiToken
from theodoi.api.services import token_hash

KEYWORDS = ("token", "bearer")


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
        rows = ApiToken.objects.select_related("user__profile", "agency__unit__parent").filter(
            key_hash=key_hash
        )
        token = next(iter(rows.order_by()[:1]), None)  # unordered: key_hash is unique
        if token is None:
            raise exceptions.AuthenticationFailed("Mã truy cập không hợp lệ.", code="token_invalid")
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("Mã truy cập đã bị thu hồi.", code="token_revoked")
        if not token.agency.is_active:
            raise exceptions.AuthenticationFailed(
                "Cơ quan của mã truy cập không còn hoạt động.", code="token_agency_inactive"
            )
        scope_from_profile(token.user, _profile(token))
        token_use.note(token, timezone.now())
        token_cache.put(token)
        return token

    def authenticate_header(self, request: Request) -> str:
        return 'Token realm="theodoi"'


def _profile(token: ApiToken) -> Profile | None:
    """Return the service user's profile as read with the token, its agency the token's
    (already loaded with its unit) when it is the same agency, as it is for every token made."""
    try:
        profile = token.user.profile
    except Profile.DoesNotExist:
        return None
    if profile.agency_id == token.agency_id:
        profile.agency = token.agency
    return profile


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
