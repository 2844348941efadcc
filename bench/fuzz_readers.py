"""Fuzz the document readers (atheris, coverage-guided) for crashes and hangs.

    .venv/bin/python bench/fuzz_readers.py [-max_total_time=180] [-timeout=30]

Each input is read as .txt, .docx, .xlsx and .pdf through ``read_bytes``; an IngestError
(a refused or unreadable file, with its Vietnamese message) is the expected outcome of
garbage, anything else is a crash. libFuzzer's ``-timeout`` reports an input that hangs.
Seeds: a sample plan as text, a small .docx and .xlsx made here, a one-page PDF.
OCR is kept out (``max_ocr_pages=0``): tesseract is slow and fuzzed separately by nobody.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import theodoi.ingest.read.container
    import theodoi.ingest.read.docx
    import theodoi.ingest.read.pdf
    import theodoi.ingest.read.text
    import theodoi.ingest.read.xlsx  # noqa: F401 - instrumented before use
    from theodoi.ingest.errors import IngestError
    from theodoi.ingest.read import ReadLimits, read_bytes

ROOT = Path(__file__).resolve().parent.parent
LIMITS = ReadLimits(max_ocr_pages=0, page_timeout=5.0, total_timeout=20.0, max_bytes=2 * 1024 * 1024)
SUFFIXES = [".txt", ".docx", ".xlsx", ".pdf"]


def _seeds(folder: Path) -> None:
    import docx
    import openpyxl

    text = (ROOT / "samples" / "plans" / "000_e412e5038f44b581.txt").read_bytes()[:4000]
    (folder / "plan.txt").write_bytes(text)
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH Thực hiện Nghị quyết số 57-NQ/TW")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text, table.cell(1, 0).text, table.cell(1, 1).text = "TT", "1", "Nhiệm vụ"
    buffer = io.BytesIO()
    document.save(buffer)
    (folder / "plan.docx").write_bytes(buffer.getvalue())
    book = openpyxl.Workbook()
    book.active.append(["TT", "Nhiệm vụ", "Cơ quan chủ trì"])
    book.active.append([1, "Chuyển đổi số", "Sở KH&CN"])
    buffer = io.BytesIO()
    book.save(buffer)
    (folder / "plan.xlsx").write_bytes(buffer.getvalue())
    pdf = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R/Resources<<>>>>endobj "
        b"4 0 obj<</Length 30>>stream\nBT /F1 12 Tf 10 10 Td (Ke hoach) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF"
    )
    (folder / "plan.pdf").write_bytes(pdf)


def one_input(data: bytes) -> None:
    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    with contextlib.suppress(IngestError):  # refused with a message: the expected outcome for garbage
        read_bytes(data[1:], name=f"fuzz{suffix}", limits=LIMITS)


def main() -> None:
    corpus = Path(tempfile.mkdtemp(prefix="fuzz-readers-"))
    seeds = Path(tempfile.mkdtemp(prefix="fuzz-readers-seeds-"))
    _seeds(seeds)
    for n, path in enumerate(sorted(seeds.iterdir())):
        (corpus / f"seed{n}").write_bytes(bytes([SUFFIXES.index(path.suffix)]) + path.read_bytes())
    args = [sys.argv[0], str(corpus), *(a for a in sys.argv[1:])]
    if not any(a.startswith("-max_total_time") for a in args):
        args.append("-max_total_time=180")
    if not any(a.startswith("-timeout") for a in args):
        args.append("-timeout=60")
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
