"""Security glue: the sign-in lockout page (django-axes) and a Content-Security-Policy header.

The CSP is deliberately not a script allowlist: some pages (the evaluation pages' print
buttons) still use inline ``onclick`` handlers, which no nonce can cover. It pins what needs
no cooperation from templates: no framing, no plugins, no foreign ``<base>``, forms post only
to this site.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

LOCKOUT_MESSAGE = "Tài khoản tạm khoá 15 phút do nhập sai mật khẩu nhiều lần."
CONTENT_SECURITY_POLICY = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"


def lockout_response(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Show the sign-in page again with the lockout message (django-axes ``AXES_LOCKOUT_CALLABLE``)."""
    from theodoi.web.forms import LoginForm

    form = LoginForm(request)
    form.cleaned_data = {}  # an unbound form takes errors once it has (empty) cleaned data
    form.add_error(None, LOCKOUT_MESSAGE)
    return render(request, "web/login.html", {"form": form}, status=429)


class ContentSecurityPolicyMiddleware:
    """Add the Content-Security-Policy header to every response that sets none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
