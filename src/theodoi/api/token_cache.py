"""The tokens a server process has looked up lately, kept for a few seconds (per process).

Why: every API request names its token, and the look-up (token, service user, agency) and
the user's scope are two of the handful of statements a report submission needs; an
agency's system sends many requests in a row with the same token. Kept for
``THEODOI_API_TOKEN_CACHE_SECONDS`` (default 10; 0 turns the cache off), keyed by the
secret's hash, with the user object (its scope is cached on it by ``accounts.scope``).

What that costs: a token revoked, an agency deactivated or a service user's profile changed
takes effect in the other server processes within that many seconds; in the process that
revoked the token at once (``api_token_revoke`` forgets it after commit).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from theodoi.api.models import ApiToken

DEFAULT_SECONDS = 10.0
MAX_TOKENS = 10_000  # past this many the cache starts again empty (one agency, one token: plenty)

_tokens: dict[str, tuple[float, ApiToken]] = {}  # key_hash -> (monotonic expiry, token)


def seconds() -> float:
    return float(getattr(settings, "THEODOI_API_TOKEN_CACHE_SECONDS", DEFAULT_SECONDS))


def get(key_hash: str) -> ApiToken | None:
    """Return the token kept for ``key_hash`` if it was looked up less than ``seconds()`` ago."""
    entry = _tokens.get(key_hash)
    if entry is None:
        return None
    if entry[0] <= time.monotonic():
        _tokens.pop(key_hash, None)
        return None
    return entry[1]


def put(token: ApiToken) -> None:
    """Keep a token that was just read from the database and accepted."""
    ttl = seconds()
    if ttl <= 0:
        return
    if len(_tokens) >= MAX_TOKENS:
        _tokens.clear()
    _tokens[token.key_hash] = (time.monotonic() + ttl, token)


def forget(key_hash: str) -> None:
    _tokens.pop(key_hash, None)


def clear() -> None:
    _tokens.clear()
