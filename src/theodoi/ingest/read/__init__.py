"""Read a plan document of any supported format into a ``SourceDocument``.

``read_document(path)`` for files on disk, ``read_bytes(data, name=...)`` for uploads. The
suffix says what the sender meant; the first bytes say what the file is. Both must agree (a
".pdf" that is really a Word file, a ".docx" that is an old .doc or a password-protected
Office file, random bytes): otherwise the reader refuses with a Vietnamese message naming the
file and what is wrong, rather than letting a parser fail somewhere deep. Every failure is an
``IngestError`` subclass; nothing else escapes, whatever the bytes (a fuzz test checks this).

Each reader applies ``ReadLimits`` (size, pages, OCR pages, zip-bomb ratios, time budgets).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from theodoi.ingest.document import SourceDocument
from theodoi.ingest.errors import DocumentTooLarge, EncryptedDocument, UnreadableDocument, UnsupportedFormat
from theodoi.ingest.read.limits import DEFAULT_LIMITS, ReadLimits, safe_name, vn_int, vn_size
from theodoi.ingest.read.text import read_text

__all__ = ["SUPPORTED_SUFFIXES", "ReadLimits", "read_bytes", "read_document", "sniff"]

logger = logging.getLogger(__name__)

# suffix -> the kind of content it must hold
_EXPECTED = {
    ".txt": "text",
    ".docx": "docx",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_EXPECTED)

_KIND_LABEL = {
    "text": "văn bản thuần (.txt)",
    "docx": "Word (.docx)",
    "pdf": "PDF",
    "xlsx": "Excel (.xlsx)",
    "image": "ảnh",
    "zip": "tệp nén zip",
    "ole": "Word/Excel đời cũ (.doc/.xls)",
    "ole-encrypted": "Office có mật khẩu",
    "binary": "dữ liệu nhị phân",
    "html": "trang web (HTML)",
}


def read_document(path: Path, *, limits: ReadLimits | None = None) -> SourceDocument:
    """Read the file at ``path``; its size is checked before a byte is read."""
    limits = limits or DEFAULT_LIMITS
    path = Path(path)
    name = safe_name(path.name)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise UnreadableDocument(f"Không mở được tệp “{name}”.", code="not_found") from e
    _check_size(size, name=name, limits=limits)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UnreadableDocument(f"Không đọc được tệp “{name}”.", code="not_found") from e
    return read_bytes(data, name=name, limits=limits)


def read_bytes(data: bytes, *, name: str, limits: ReadLimits | None = None) -> SourceDocument:
    """Read an uploaded file's bytes; ``name`` is the sender's file name, sanitised before use."""
    limits = limits or DEFAULT_LIMITS
    name = safe_name(name)
    _check_size(len(data), name=name, limits=limits)
    suffix = Path(name).suffix.lower()
    expected = _EXPECTED.get(suffix)
    if expected is None:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        raise UnsupportedFormat(
            f"Tệp “{name}” có đuôi “{suffix or '(không có)'}” chưa được hỗ trợ; hãy gửi một trong các dạng: {supported}."
        )
    if not data.strip():
        raise UnreadableDocument(f"Tệp “{name}” rỗng, không có nội dung.", code="empty")
    actual = sniff(data)
    if actual == "ole-encrypted" and expected in ("docx", "xlsx"):
        raise EncryptedDocument(
            f"Tệp “{name}” được đặt mật khẩu, không đọc được; hãy gỡ mật khẩu rồi gửi lại."
        )
    if actual == "ole" and expected in ("docx", "xlsx"):
        raise UnsupportedFormat(
            f"Tệp “{name}” là tệp Word/Excel đời cũ (.doc/.xls); hãy lưu lại dưới dạng .docx/.xlsx rồi gửi lại."
        )
    if actual == "zip" and expected in ("docx", "xlsx"):
        actual = expected  # a damaged or unusual container: its reader says precisely what is wrong
    if actual != expected:
        raise UnsupportedFormat(
            f"Tệp “{name}” có đuôi {suffix} nhưng nội dung là {_KIND_LABEL.get(actual, actual)}, "
            f"không phải {_KIND_LABEL[expected]}; hãy kiểm tra lại tệp."
        )
    document = _read(expected, data, name=name, limits=limits)
    document.sha256 = hashlib.sha256(data).hexdigest()
    logger.info("read %s as %s: %d lines, %d pages", name, document.kind, len(document.lines), document.pages)
    return document


def sniff(data: bytes) -> str:
    """Say what ``data`` holds from its first bytes: pdf, docx, xlsx, zip, image, ole, html, text, binary."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        # the part names are listed in the central directory at the end (and, when that is cut
        # off, in the local headers near the start)
        tail, start = data[-65536:], data[:4096]
        if b"word/document.xml" in tail:
            return "docx"
        if b"xl/workbook.xml" in tail:
            return "xlsx"
        if b"word/" in start:
            return "docx"
        if b"xl/" in start:
            return "xlsx"
        return "zip"
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole-encrypted" if "EncryptedPackage".encode("utf-16-le") in data else "ole"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with its byte-order mark: Notepad's "Unicode"
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    sample = data[:8192]
    if b"\x00" in sample:
        return "binary"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return "binary" if controls > len(sample) * 0.05 else "text"


def _check_size(size: int, *, name: str, limits: ReadLimits) -> None:
    if size > limits.max_bytes:
        raise DocumentTooLarge(
            f"Tệp “{name}” lớn {vn_size(size)}, vượt giới hạn {vn_size(limits.max_bytes)}.",
            code="too_many_bytes",
        )


def _read(kind: str, data: bytes, *, name: str, limits: ReadLimits) -> SourceDocument:
    # imported here so that reading a .txt does not load pdfplumber, openpyxl or PIL
    if kind == "text":
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            data = data.decode("utf-16", errors="replace").encode("utf-8")
        document = read_text(data, name=name)
        if len(document.lines) > limits.max_lines:
            raise DocumentTooLarge(
                f"Tệp “{name}” có quá nhiều dòng, vượt giới hạn {vn_int(limits.max_lines)} dòng.",
                code="too_many_lines",
            )
        return document
    if kind == "docx":
        from theodoi.ingest.read.docx import read_docx

        return read_docx(data, name=name, limits=limits)
    if kind == "xlsx":
        from theodoi.ingest.read.xlsx import read_xlsx

        return read_xlsx(data, name=name, limits=limits)
    if kind == "pdf":
        from theodoi.ingest.read.pdf import read_pdf

        return read_pdf(data, name=name, limits=limits)
    from theodoi.ingest.read.ocr import read_image

    return read_image(data, name=name, limits=limits)
