"""Errors as JSON with a stable ``code`` and a Vietnamese ``detail``.

``{"code": "not_found", "detail": "Không tìm thấy.", "errors": {"field": ["..."]}}``: ``code``
is what software branches on, ``detail`` what a person reads, ``errors`` (validation only)
says which field is wrong. The tracking services' errors map here too: a validation error
is 400 keyed by the service's field paths, a stale version 409 ``conflict`` with
``current_version``, a refused transition 409.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from theodoi.tracking.services.errors import InvalidTransition, ReportConflict, TrackingError

# Stable codes and the message a person reads, by DRF exception class.
MESSAGES: dict[type[exceptions.APIException], tuple[str, str]] = {
    exceptions.NotFound: ("not_found", "Không tìm thấy."),
    exceptions.NotAuthenticated: (
        "not_authenticated",
        "Cần mã truy cập API: gửi tiêu đề “Authorization: Token <mã>”.",
    ),
    exceptions.PermissionDenied: ("permission_denied", "Bạn không có quyền thực hiện thao tác này."),
    exceptions.MethodNotAllowed: ("method_not_allowed", "Phương thức không được hỗ trợ ở địa chỉ này."),
    exceptions.NotAcceptable: ("not_acceptable", "Không có định dạng trả về phù hợp với tiêu đề Accept."),
    exceptions.UnsupportedMediaType: (
        "unsupported_media_type",
        "Định dạng dữ liệu gửi lên không được hỗ trợ (dùng application/json).",
    ),
    exceptions.ParseError: ("parse_error", "Dữ liệu gửi lên không đọc được (JSON không hợp lệ)."),
    exceptions.Throttled: ("throttled", "Quá nhiều yêu cầu; hãy thử lại sau."),
    exceptions.ValidationError: ("invalid", "Dữ liệu gửi lên không hợp lệ."),
}


def _body(code: str, detail: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "detail": detail, **extra}


def _field_errors(detail: Any) -> dict[str, list[str]]:
    """Flatten DRF's nested error detail into ``{"field.sub": ["message"]}``."""
    out: dict[str, list[str]] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                walk(sub, f"{path}.{key}" if path else str(key))
        elif (
            isinstance(value, list)
            and value
            and all(isinstance(v, (str, exceptions.ErrorDetail)) for v in value)
        ):
            out.setdefault(path or "non_field_errors", []).extend(str(v) for v in value)
        elif isinstance(value, list):
            for n, sub in enumerate(value):
                walk(sub, f"{path}.{n}" if path else str(n))
        else:
            out.setdefault(path or "non_field_errors", []).append(str(value))

    walk(detail, "")
    return out


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Answer every API error with ``{code, detail}`` (and ``errors`` for invalid input)."""
    if isinstance(exc, ReportConflict):
        return Response(
            _body(exc.code, exc.message, current_version=exc.current_version), status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, InvalidTransition):
        return Response(_body(exc.code, exc.message), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, TrackingError):
        return Response(_body(exc.code, exc.message), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response(
            _body("invalid", "Dữ liệu gửi lên không hợp lệ.", errors=errors),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    code, detail = next(
        (v for cls, v in MESSAGES.items() if isinstance(exc, cls)), ("error", "Yêu cầu không thực hiện được.")
    )
    codes = exc.get_codes()
    if isinstance(exc, exceptions.AuthenticationFailed):
        code = codes if isinstance(codes, str) else "authentication_failed"
        detail = str(exc.detail)
    elif isinstance(codes, str) and codes != exc.default_code:
        # Raised here with its own code and Vietnamese message ("plan_not_found").
        code, detail = codes, str(exc.detail)
    if isinstance(exc, exceptions.ValidationError):
        response.data = _body(code, detail, errors=_field_errors(exc.detail))
    else:
        response.data = _body(code, detail)
    return response
