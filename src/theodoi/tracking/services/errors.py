"""The errors services raise: refused operations with a stable code, and field errors collected
and raised together as one ``ValidationError`` keyed by field.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError


class TrackingError(Exception):
    """A refused operation with a message for the user and a stable code."""

    code = "tracking_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class ReportConflict(TrackingError):
    """The report changed since the user opened it; nothing was written."""

    code = "conflict"

    def __init__(self, *, current_version: int) -> None:
        super().__init__(
            "Báo cáo đã được người khác sửa sau khi bạn mở (phiên bản hiện tại: "
            f"{current_version}). Nội dung bạn nhập chưa được lưu: hãy tải lại báo cáo, "
            "đối chiếu rồi lưu lại."
        )
        self.current_version = current_version


class InvalidTransition(TrackingError):
    code = "invalid_transition"


@dataclass
class _Errors:
    messages: dict[str, list[str]]

    def add(self, key: str, message: str, code: str = "invalid") -> None:
        self.messages.setdefault(key, []).append(message)

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages)
