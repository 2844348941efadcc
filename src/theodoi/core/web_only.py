"""Middleware the web pages need and API requests do not, passed by on ``/api/``.

The API (``theodoi.api``) authenticates by token only (``REST_FRAMEWORK``'s one
authentication class): it never reads a session cookie, the signed-in user it names, or
flash messages, and DRF exempts its views from CSRF (a token is not sent by a browser on its
own). So on ``/api/`` the session, authentication and messages middleware are skipped: about
30 µs of CPU of a report submission's (measured with RequestFactory, the three against a bare
response). What every response keeps: the security headers (SecurityMiddleware,
XFrameOptions, the Content-Security-Policy), CommonMiddleware, CSRF's view check (it passes
DRF views), the locale (Content-Language) and django-axes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest

API_PREFIX = "/api/"  # theodoi.urls mounts theodoi.api.urls here


class _PassedByOnApi:
    get_response: Callable[[HttpRequest], Any]

    def __call__(self, request: HttpRequest) -> Any:
        if request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        return super().__call__(request)  # type: ignore[misc]


class WebSessionMiddleware(_PassedByOnApi, SessionMiddleware):
    """Django's session middleware, except on /api/."""


class WebAuthenticationMiddleware(_PassedByOnApi, AuthenticationMiddleware):
    """Django's authentication middleware (the session's user), except on /api/."""


class WebMessageMiddleware(_PassedByOnApi, MessageMiddleware):
    """Django's messages middleware, except on /api/."""


__all__ = ["API_PREFIX", "WebAuthenticationMiddleware", "WebMessageMiddleware", "WebSessionMiddleware"]
