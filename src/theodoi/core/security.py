"""Security glue: the sign-in lockout page (django-axes) and a Content-Security-Policy header.

The policy lets a page run only this site's own script and style files: no inline
``<script>``, no ``on…=`` handler attributes, no ``style=`` attributes, no ``eval``. A script
or style injected into a page therefore does nothing even if it gets past the escaping. The
pages cooperate: behaviour is bound by data attributes in ``web/static/web/page.js``, htmx is
told not to inject its indicator ``<style>`` (base.html's htmx-config; the rules are in
theodoi.css), and data for charts travels in ``type="application/json"`` islands, which are
not run. The one inline style allowed is the 500 page's, by its hash: that page must render
when the rest of the site (static files included) may be failing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

LOCKOUT_MESSAGE = "Tài khoản tạm khoá 15 phút do nhập sai mật khẩu nhiều lần."
# sha256 of the <style> element's text in templates/500.html (tests/security/test_csp.py checks it)
ERROR_PAGE_STYLE = "'sha256-CcNPwYtY4QSz/ze0ZYe9QBmGRQWz9j5FqSVb2NeTqvE='"
POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": f"'self' {ERROR_PAGE_STYLE}",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def content_security_policy(**changes: str) -> str:
    """Return the policy header, with directives changed by keyword (``style_src="..."``)."""
    directives = {**POLICY, **{name.replace("_", "-"): value for name, value in changes.items()}}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


CONTENT_SECURITY_POLICY = content_security_policy()


def lockout_response(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Show the sign-in page again with the lockout message (django-axes ``AXES_LOCKOUT_CALLABLE``)."""
    from theodoi.web.forms import LoginForm

    form = LoginForm(request)
    form.cleaned_data = {}  # an unbound form takes errors once it has (empty) cleaned data
    form.add_error(None, LOCKOUT_MESSAGE)
    return render(request, "web/login.html", {"form": form}, status=429)


class ContentSecurityPolicyMiddleware:
    """Add the Content-Security-Policy header to every response that sets none (a view that
    needs a looser one, the API's Redoc page, sets its own)."""

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
        self.upload_path = ""  # reversed at the first POST, not on every request (11 µs each)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path == (self.upload_path or self._upload_path()):
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

    def _upload_path(self) -> str:
        self.upload_path = reverse("web:review_upload")
        return self.upload_path
