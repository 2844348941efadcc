"""Security glue: the sign-in lockout page (django-axes) and a Content-Security-Policy header.

The CSP is deliberately not a script allowlist: some pages (the evaluation pages' print
buttons) still use inline ``onclick`` handlers, which no nonce can cover. It pins what needs
no cooperation from templates: no framing, no plugins, no foreign ``<base>``, forms post only
to this site.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

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


TOO_LARGE = "Tệp gửi lên lớn hơn giới hạn {limit} MB; hãy tách hoặc nén tệp rồi gửi lại."


class RequestSizeLimitMiddleware:
    """Refuse a plan upload whose declared body (Content-Length) exceeds the limit, unread.

    Django would otherwise stream the whole body to a temporary file before the view sees it.
    The evidence upload view makes the same check itself, with its own limit and message.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path == reverse("web:review_upload"):
            limit = settings.THEODOI_UPLOAD_MAX_BYTES + 1024 * 1024  # the file and the form around it
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > limit:
                return HttpResponse(
                    TOO_LARGE.format(limit=settings.THEODOI_UPLOAD_MAX_BYTES // (1024 * 1024)),
                    status=413,
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
