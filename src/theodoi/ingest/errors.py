"""Errors ingestion raises for documents it cannot read, with Vietnamese messages.

Each error has a stable ``code`` (tests and the API use it) and a ``message`` for the user.
"""

from __future__ import annotations


class IngestError(Exception):
    """A document ingestion cannot process; ``message`` is shown to the user as is."""

    code = "ingest"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class UnsupportedFormat(IngestError):
    code = "unsupported_format"


class UnreadableDocument(IngestError):
    code = "unreadable"


class DocumentTooLarge(IngestError):
    code = "too_large"


class NotAPlan(IngestError):
    code = "not_a_plan"


class EncryptedDocument(UnreadableDocument):
    """A password-protected file (PDF, or an Office file saved with a password)."""

    code = "encrypted"


class ReadTimeout(UnreadableDocument):
    """A file whose reading took longer than the time budget (a parser loop or a huge page)."""

    code = "timeout"


class OcrUnavailable(IngestError):
    """The server lacks tesseract-ocr or its Vietnamese model: scans cannot be read here."""

    code = "ocr_unavailable"
