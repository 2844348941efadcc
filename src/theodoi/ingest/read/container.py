"""Check a zip container (.docx, .xlsx) before a parser opens it: the zip-bomb guard.

Both python-docx and openpyxl read parts through ``zipfile``, which never yields more bytes
for a member than the size its central-directory entry declares (it stops there, and the CRC
check fails). So checking the declared sizes, member count and compression ratios here bounds
what the parsers can inflate. XML parts that declare a DOCTYPE are refused too: Office never
writes one, and it is how entity-expansion bombs ("billion laughs") start.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from theodoi.ingest.errors import DocumentTooLarge, EncryptedDocument, UnreadableDocument
from theodoi.ingest.read.limits import MB, ReadLimits, vn_int, vn_size

_XML_HEAD = 2048


def open_checked_zip(data: bytes, *, name: str, limits: ReadLimits, what: str) -> zipfile.ZipFile:
    """Open ``data`` as a zip after checking it is whole and not a bomb; ``what`` is "Word" or "Excel"."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,  # a zip "version needed" zipfile does not know (found by bench/fuzz_readers.py)
    ) as e:
        raise UnreadableDocument(
            f"Tệp {what} “{name}” bị hỏng hoặc không đầy đủ (có thể tải lên bị gián đoạn), không đọc được.",
            code="corrupt",
        ) from e
    if len(members) > limits.max_zip_members:
        raise DocumentTooLarge(
            f"Tệp “{name}” chứa {vn_int(len(members))} thành phần, vượt giới hạn "
            f"{vn_int(limits.max_zip_members)}; tệp có thể bị cố ý làm hỏng.",
            code="zip_bomb",
        )
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise EncryptedDocument(f"Tệp “{name}” được mã hoá bằng mật khẩu, không đọc được.")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MB and ratio > limits.max_compression_ratio:
            raise DocumentTooLarge(
                f"Tệp “{name}” có thành phần “{info.filename[:80]}” nén bất thường "
                f"(gấp {vn_int(int(ratio))} lần); tệp có thể là “bom nén”, không đọc.",
                code="zip_bomb",
            )
    if total > limits.max_uncompressed_bytes:
        raise DocumentTooLarge(
            f"Tệp “{name}” khi giải nén lớn {vn_size(total)}, vượt giới hạn "
            f"{vn_size(limits.max_uncompressed_bytes)}.",
            code="zip_bomb",
        )
    for info in members:
        if info.filename.endswith((".xml", ".rels")) and info.file_size:
            try:
                with archive.open(info) as part:
                    head = part.read(_XML_HEAD)
            except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, NotImplementedError) as e:
                raise UnreadableDocument(
                    f"Tệp {what} “{name}” bị hỏng (thành phần “{info.filename[:80]}” không giải nén được).",
                    code="corrupt",
                ) from e
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise UnreadableDocument(
                    f"Tệp “{name}” chứa khai báo XML không hợp lệ với tệp {what}, không đọc.",
                    code="corrupt",
                )
    return archive
