"""Property: whatever the bytes, a reader returns a document or raises an IngestError, in time.

Arbitrary bytes under every suffix, bytes behind each format's magic number (so that they
reach the real parser), and damaged copies of real files (truncated, bytes overwritten).
Tight time budgets make a parser loop show up as a ReadTimeout, never as a hang.
"""

from __future__ import annotations

import io
import time
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from theodoi.ingest.document import SourceDocument
from theodoi.ingest.errors import IngestError
from theodoi.ingest.read import SUPPORTED_SUFFIXES, ReadLimits, read_bytes
from theodoi.ingest.read.limits import safe_name

LIMITS = ReadLimits(page_timeout=5, ocr_page_timeout=10, total_timeout=20, max_ocr_pages=2)
BOUND = 30.0  # seconds: the budgets above plus starting a child process
MAGIC = {
    ".pdf": b"%PDF-1.4\n",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff\xe0",
    ".tif": b"II*\x00",
}
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _read_within_bound(data: bytes, name: str) -> None:
    started = time.monotonic()
    try:
        document = read_bytes(data, name=name, limits=LIMITS)
    except IngestError as e:
        assert e.message
        assert e.code
    else:
        assert isinstance(document, SourceDocument)
        assert [line.number for line in document.lines] == list(range(1, len(document.lines) + 1))
    assert time.monotonic() - started < BOUND


@settings(FUZZ, max_examples=300)
@given(data=st.binary(max_size=2048), suffix=st.sampled_from(SUPPORTED_SUFFIXES))
def test_arbitrary_bytes_under_any_suffix(data, suffix):
    _read_within_bound(data, f"tep{suffix}")


@settings(FUZZ, max_examples=60)
@given(tail=st.binary(max_size=2048), suffix=st.sampled_from(sorted(MAGIC)))
def test_bytes_behind_a_format_magic_number(tail, suffix):
    _read_within_bound(MAGIC[suffix] + tail, f"tep{suffix}")


def _damage(draw, seed: bytes) -> bytes:
    """Return ``seed`` cut short (or not) with up to eight bytes overwritten."""
    keep = draw(st.integers(min_value=1, max_value=len(seed))) if draw(st.booleans()) else len(seed)
    data = bytearray(seed[:keep])
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        at = draw(st.integers(min_value=0, max_value=len(data) - 1))
        data[at] = draw(st.integers(min_value=0, max_value=255))
    return bytes(data)


@settings(FUZZ, max_examples=80)
@given(st.data())
def test_damaged_word_and_excel_files(task_docx, task_xlsx, data):
    name, seed = data.draw(st.sampled_from([("ke-hoach.docx", task_docx), ("nhiem-vu.xlsx", task_xlsx)]))
    _read_within_bound(_damage(data.draw, seed), name)


@settings(FUZZ, max_examples=25)
@given(st.data())
def test_damaged_pdf_files(small_pdf, data):
    _read_within_bound(_damage(data.draw, small_pdf), "ke-hoach.pdf")


@settings(FUZZ, max_examples=80)
@given(st.data())
def test_word_and_excel_files_with_damaged_xml_inside(task_docx, task_xlsx, data):
    name, seed, part = data.draw(
        st.sampled_from(
            [
                ("ke-hoach.docx", task_docx, "word/document.xml"),
                ("ke-hoach.docx", task_docx, "word/numbering.xml"),
                ("nhiem-vu.xlsx", task_xlsx, "xl/worksheets/sheet1.xml"),
                ("nhiem-vu.xlsx", task_xlsx, "xl/workbook.xml"),
            ]
        )
    )
    source = zipfile.ZipFile(io.BytesIO(seed))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as damaged:
        for info in source.infolist():
            body = source.read(info)
            damaged.writestr(info, _damage(data.draw, body) if info.filename == part else body)

    _read_within_bound(out.getvalue(), name)


@settings(FUZZ, max_examples=300)
@given(name=st.text(max_size=300))
def test_any_sender_name_becomes_a_bare_safe_file_name(name):
    kept = safe_name(name)

    assert kept
    assert "/" not in kept
    assert "\\" not in kept
    assert not kept.startswith(".")
    assert not any(ord(ch) < 32 for ch in kept)
    assert len(kept) <= 200
