"""Limits every reader enforces, and the small helpers their error messages share.

Uploads come from the public web form, so a reader treats each file as hostile: too large,
a zip bomb inside a .docx/.xlsx, a PDF whose content makes the parser loop. ``ReadLimits``
holds one documented default per risk; a caller that knows better (a command-line import of
a trusted archive) passes its own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """How much a reader may read, and for how long, before it refuses the file.

    The defaults are generous for a provincial plan with its appendices (tens of pages) and
    small enough that one upload cannot tie up a worker for long or exhaust its memory.
    """

    max_bytes: int = 50 * MB  # the file as uploaded
    max_pages: int = 500  # PDF pages, TIFF frames
    max_ocr_pages: int = 60  # pages that need OCR (about 5-10 s each at 300 dpi)
    max_lines: int = 200_000  # lines of any document, xlsx cells included
    max_image_pixels: int = 80_000_000  # a larger image is refused (A1 at 300 dpi is 70 million)
    # zip containers (.docx, .xlsx): checked on the central directory before any parsing
    max_zip_members: int = 5_000
    max_uncompressed_bytes: int = 300 * MB  # sum of the members' declared sizes
    max_compression_ratio: float = 200.0  # per member larger than 1 MB uncompressed
    # time: PDF pages are read in a child process that is killed when a budget runs out;
    # tesseract is killed after ocr_page_timeout; an .xlsx stops between rows after total_timeout
    page_timeout: float = 20.0  # seconds for one PDF page's text and tables
    ocr_page_timeout: float = 90.0  # seconds for one page or image through tesseract
    total_timeout: float = 900.0  # seconds for a whole PDF or workbook
    worker_memory_bytes: int = 2048 * MB  # address-space limit of the PDF child process
    ocr_resolution: int = 300  # dpi at which scanned PDF pages are rendered for OCR
    min_text_chars: int = 25  # a scanned PDF page (or a .docx of pasted scans) has less text than this


DEFAULT_LIMITS = ReadLimits()


def vn_int(n: int) -> str:
    """Format an integer the Vietnamese way, dots between thousands: 2000 -> "2.000"."""
    return f"{n:,}".replace(",", ".")


def vn_size(n_bytes: int) -> str:
    """Format a byte count in MB with a decimal comma: 52428800 -> "50 MB", 1572864 -> "1,5 MB"."""
    mb = n_bytes / MB
    text = f"{mb:.0f}" if mb >= 10 else f"{mb:.1f}".removesuffix(".0").replace(".", ",")
    return f"{text} MB"


_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


def safe_name(name: str) -> str:
    """Return the file name alone, safe to show and store: no folders, no control characters.

    An upload's name is chosen by its sender: "../../etc/passwd.docx" becomes "passwd.docx".
    """
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("", base).strip().lstrip(".").strip()
    if len(base) > 200:
        stem, dot, suffix = base.rpartition(".")
        base = (stem[:190] + dot + suffix[:9]) if dot and len(suffix) <= 9 else base[:200]
    return base or "tai-lieu"
