"""Read scans (images, and PDF pages without a text layer) through tesseract's Vietnamese model.

``pytesseract.image_to_data`` gives each word with its box and confidence; words are grouped
into tesseract's own lines (block, paragraph, line), so reading order is tesseract's layout
analysis. Boxes are converted from pixels to points (1/72 inch) with the image's resolution,
so OCR'd lines sit in the same coordinates as a PDF's text layer. ``ocr_confidence`` is the
mean word confidence of the line, 0..1. Tesseract runs as a subprocess that is killed after
``ReadLimits.ocr_page_timeout`` seconds.

Needs Debian's ``tesseract-ocr`` and ``tesseract-ocr-vie``; without them reading a scan raises
``OcrUnavailable`` with a message for the administrator.
"""

from __future__ import annotations

import functools
import io
import logging
import warnings

import pytesseract
from PIL import Image, UnidentifiedImageError

from theodoi.ingest.document import SourceDocument, SourceLine
from theodoi.ingest.errors import DocumentTooLarge, OcrUnavailable, ReadTimeout, UnreadableDocument
from theodoi.ingest.read.limits import ReadLimits, vn_int

logger = logging.getLogger(__name__)

LANG = "vie"
DEFAULT_DPI = 300.0


@functools.lru_cache(maxsize=1)
def _tesseract_problem() -> str | None:
    try:
        pytesseract.get_tesseract_version()
    except (pytesseract.TesseractNotFoundError, OSError) as e:
        logger.warning("tesseract not available: %r", e)
        return "Máy chủ chưa cài tesseract-ocr (gói Debian tesseract-ocr và tesseract-ocr-vie)"
    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractError, OSError) as e:
        logger.warning("tesseract languages not listed: %r", e)
        languages = []
    if LANG not in languages:
        return "Máy chủ chưa cài tesseract-ocr-vie (mô hình tiếng Việt của tesseract)"
    return None


def ensure_ocr(name: str) -> None:
    """Raise OcrUnavailable naming what the server lacks, if tesseract or its vie model is missing."""
    problem = _tesseract_problem()
    if problem:
        raise OcrUnavailable(
            f"{problem}, nên chưa nhận dạng được tệp quét “{name}”. Xin báo quản trị hệ thống.",
        )


def ocr_image(image: Image.Image, *, page: int, dpi: float, timeout: float, name: str) -> list[SourceLine]:
    """Return the lines tesseract reads on ``image`` (numbered 0: the caller numbers them)."""
    ensure_ocr(name)
    gray = image.convert("L") if image.mode not in ("L", "1") else image
    try:
        data = pytesseract.image_to_data(
            gray, lang=LANG, config="--psm 3", output_type=pytesseract.Output.DICT, timeout=timeout
        )
    except RuntimeError as e:  # pytesseract kills tesseract at the timeout and raises RuntimeError
        raise ReadTimeout(
            f"Nhận dạng trang {vn_int(page)} của tệp “{name}” quá {vn_int(int(timeout))} giây, đã dừng.",
        ) from e
    except pytesseract.TesseractError as e:
        raise UnreadableDocument(
            f"Không nhận dạng được trang {vn_int(page)} của tệp quét “{name}” (tesseract báo lỗi).",
            code="ocr_failed",
        ) from e
    scale = 72.0 / (dpi or DEFAULT_DPI)
    groups: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if word and word.strip():
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            groups.setdefault(key, []).append(i)
    lines = []
    for indexes in groups.values():
        words = [data["text"][i].strip() for i in indexes]
        confs = [float(data["conf"][i]) for i in indexes if float(data["conf"][i]) >= 0]
        left = min(data["left"][i] for i in indexes)
        top = min(data["top"][i] for i in indexes)
        right = max(data["left"][i] + data["width"][i] for i in indexes)
        bottom = max(data["top"][i] + data["height"][i] for i in indexes)
        lines.append(
            SourceLine(
                number=0,
                text=" ".join(words),
                page=page,
                x0=round(left * scale, 2),
                top=round(top * scale, 2),
                x1=round(right * scale, 2),
                bottom=round(bottom * scale, 2),
                ocr_confidence=round(sum(confs) / len(confs) / 100, 3) if confs else None,
            )
        )
    return lines


def read_image(data: bytes, *, name: str, limits: ReadLimits) -> SourceDocument:
    """OCR an image file (.png, .jpg, .tif; every frame of a multi-page TIFF)."""
    lines, frames = ocr_image_bytes(data, name=name, what=f"Ảnh “{name}”", first_page=1, limits=limits)
    for n, line in enumerate(lines, start=1):
        line.number = n
    if not lines:
        raise UnreadableDocument(f"Không nhận dạng được chữ nào trong ảnh “{name}”.", code="empty")
    return SourceDocument(name=name, kind="image-ocr", lines=lines, pages=frames)


def ocr_image_bytes(
    data: bytes, *, name: str, what: str, first_page: int, limits: ReadLimits
) -> tuple[list[SourceLine], int]:
    """OCR every frame of an encoded image; return its lines (numbered 0) and its frame count.

    ``what`` names the image in messages ("Ảnh “scan.png”", "Ảnh thứ 2 trong tệp “x.docx”");
    frames are pages ``first_page``, ``first_page + 1``... The pixel count is checked from the
    header, before anything is decoded.
    """
    ensure_ocr(name)
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own pixel bound; the limit that counts is checked just below
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            warnings.filterwarnings("ignore", category=UserWarning, module="PIL")  # "Corrupt EXIF data"
            image = Image.open(io.BytesIO(data))
        width, height = image.size
        frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as e:
        raise DocumentTooLarge(
            f"{what} quá lớn (quá nhiều điểm ảnh), không đọc.", code="too_many_pixels"
        ) from e
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as e:
        raise UnreadableDocument(
            f"{what} bị hỏng hoặc không đúng định dạng, không đọc được.", code="corrupt"
        ) from e
    if width * height > limits.max_image_pixels:
        raise DocumentTooLarge(
            f"{what} có {vn_int(width)} × {vn_int(height)} điểm ảnh, vượt giới hạn "
            f"{vn_int(limits.max_image_pixels)} điểm ảnh.",
            code="too_many_pixels",
        )
    if frames > min(limits.max_pages, limits.max_ocr_pages):
        raise DocumentTooLarge(
            f"{what} có {vn_int(frames)} trang, vượt giới hạn "
            f"{vn_int(min(limits.max_pages, limits.max_ocr_pages))} trang nhận dạng.",
            code="too_many_pages",
        )
    lines: list[SourceLine] = []
    for frame in range(frames):
        try:
            image.seek(frame)
            if image.size[0] * image.size[1] > limits.max_image_pixels:
                raise DocumentTooLarge(
                    f"{what} trang {frame + 1} quá lớn, không đọc.", code="too_many_pixels"
                )
            image.load()
            page = first_page + frame
            lines.extend(
                ocr_image(image, page=page, dpi=_dpi(image), timeout=limits.ocr_page_timeout, name=name)
            )
        except (OSError, ValueError, SyntaxError, EOFError) as e:
            raise UnreadableDocument(
                f"{what} bị hỏng hoặc không đầy đủ, không đọc được.", code="corrupt"
            ) from e
    return lines, frames


def _dpi(image: Image.Image) -> float:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else DEFAULT_DPI
    except (TypeError, ValueError, IndexError):
        value = DEFAULT_DPI
    return value if 50 <= value <= 2400 else DEFAULT_DPI
