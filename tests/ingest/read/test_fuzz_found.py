"""Inputs the atheris harness (bench/fuzz_readers.py) found crashing a reader, kept as regressions."""

from __future__ import annotations

import io
import zipfile

import pytest

from theodoi.ingest.errors import UnreadableDocument
from theodoi.ingest.read import read_bytes


def _zip_needing_version(version: int, suffix: str) -> bytes:
    """Return a small valid .docx-like zip whose central directory says it needs ``version``/10."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml" if suffix == ".docx" else "xl/workbook.xml", "<document/>")
    data = bytearray(buffer.getvalue())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 6] = version  # "version needed to extract", low byte
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_zip_file_version_25_5_is_unreadable_not_a_crash(suffix: str) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(_zip_needing_version(255, suffix), name=f"ke-hoach{suffix}")

    assert "bị hỏng hoặc không đầy đủ" in caught.value.message
