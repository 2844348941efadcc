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
import re
import warnings
from typing import Any

import numpy as np
import pytesseract
from PIL import Image, ImageFilter, UnidentifiedImageError

from theodoi.ingest.document import CellRef, SourceDocument, SourceLine, number_tables
from theodoi.ingest.errors import DocumentTooLarge, OcrUnavailable, ReadTimeout, UnreadableDocument
from theodoi.ingest.read.grid import INK, Grid, find_grids
from theodoi.ingest.read.limits import ReadLimits, vn_int
from theodoi.ingest.read.signs import first_glyph, sign_of

logger = logging.getLogger(__name__)

LANG = "vie"
DEFAULT_DPI = 300.0
MEDIAN_MIN_DPI = 250.0  # below this a letter's strokes may be a pixel wide: no despeckling


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
    """Return the lines tesseract reads on ``image`` (numbered 0: the caller numbers them).

    Ruled tables are found in the image first (``grid.find_grids``): tesseract reads the page
    with their rules wiped out, and each word inside a table goes to the cell its box sits in,
    so table lines carry ``cell=CellRef(table, row, col)`` with the table counted on this page
    (``number_tables`` makes the count run over the document).
    """
    ensure_ocr(name)
    gray = image.convert("L") if image.mode not in ("L", "1") else image
    grids, wiped = find_grids(gray, dpi or DEFAULT_DPI)
    # dust of a scanner (specks of a pixel or two) comes back as ". - _" between words and in
    # cells ("TT. -"); a 3×3 median takes it away and keeps strokes and rules two pixels wide,
    # which a letter's strokes are from about 250 dpi up (a PDF page is rendered at 300)
    if (dpi or DEFAULT_DPI) >= MEDIAN_MIN_DPI:
        wiped = wiped.filter(ImageFilter.MedianFilter(3))
    data = _tesseract(wiped, psm=3, timeout=timeout, page=page, name=name)
    if grids:
        _read_missed_cells(data, wiped, grids, dpi=dpi or DEFAULT_DPI, timeout=timeout, page=page, name=name)
    _fix_signs(data, wiped, timeout=timeout, page=page, name=name)
    scale = 72.0 / (dpi or DEFAULT_DPI)
    # words grouped by tesseract's line, cut at cell edges: (table, row, col) or None outside tables
    groups: dict[tuple[tuple[int, int, int, int] | None, int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if not (word and word.strip()):
            continue
        cell = _cell_of(grids, data["left"][i] + data["width"][i] / 2, data["top"][i] + data["height"][i] / 2)
        if cell is not None and _RULE_DEBRIS.fullmatch(word.strip()) and _at_edge(grids, cell, data, i, dpi):
            continue
        key = (cell, data["block_num"][i], data["par_num"][i], data["line_num"][i])
        groups.setdefault(key, []).append(i)
    free: list[tuple[float, float, list[SourceLine]]] = []
    in_cells: dict[tuple[int, int, int, int], list[SourceLine]] = {}
    for (cell, *_line), indexes in groups.items():
        line = _line_of(data, indexes, page=page, scale=scale, cell=cell)
        if cell is None:
            free.append((line.top or 0.0, line.x0 or 0.0, [line]))
        else:
            in_cells.setdefault(cell, []).append(line)
    blocks = list(free)
    for t, grid in enumerate(grids):
        lines = [
            line
            for ref in sorted(k for k in in_cells if k[0] == t)
            for line in sorted(in_cells[ref], key=lambda x: (x.top or 0.0, x.x0 or 0.0))
        ]
        if lines:
            blocks.append((grid.top * scale, grid.x0 * scale, lines))
    blocks.sort(key=lambda b: (round(b[0], 1), b[1]))
    return [line for _top, _x0, lines in blocks for line in lines]


def _tesseract(
    image: Image.Image, *, psm: int, timeout: float, page: int, name: str, lang: str = LANG, only: str = ""
) -> dict[str, list]:
    """Run tesseract (the Vietnamese model) on ``image``: its words with boxes, as a dict of lists.

    ``only``: the characters it may read (none given: any).
    """
    config = f"--psm {psm}" + (f" -c tessedit_char_whitelist={only}" if only else "")
    try:
        return pytesseract.image_to_data(
            image, lang=lang, config=config, output_type=pytesseract.Output.DICT, timeout=timeout
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


_STRIP_GAP = 40  # pixels between two cells stacked for a second reading
_DATA_KEYS = ("text", "conf", "left", "top", "width", "height", "block_num", "par_num", "line_num")


def _read_missed_cells(
    data: dict[str, list],
    wiped: Image.Image,
    grids: list[Grid],
    *,
    dpi: float,
    timeout: float,
    page: int,
    name: str,
) -> None:
    """Read again the cells the page's reading missed or misread; put the better words in ``data``.

    Tesseract's page layout drops short text standing alone in a narrow cell — the row number
    "1.", a section's "III", a unit "%" — as noise, or reads it with little confidence ("29"
    as "2Ð"). Such cells (ink and no word, or a few characters read below ``_SURE``) are cut
    out, stacked in one strip with white between them and read as a block of text: one more
    call per page, not one per cell. A missed cell takes what the strip reads; a misread one
    takes it when the strip is surer. Words go back to their cell's place on the page.
    """
    words: dict[tuple[int, int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if word and word.strip():
            cell = _cell_of(
                grids, data["left"][i] + data["width"][i] / 2, data["top"][i] + data["height"][i] / 2
            )
            if cell is not None:
                words.setdefault(cell, []).append(i)
    pad = max(3, int(dpi * 0.02))
    crops: list[tuple[tuple[int, int, int, int], int, int, Image.Image]] = []  # cell, page x and y, crop
    for t, grid in enumerate(grids):
        for cell in grid.cells:
            ref = (t, cell.row, cell.col, cell.span)
            if ref in words and not _misread(data, words[ref]):
                continue
            if cell.x1 - cell.x0 <= 4 * pad or cell.bottom - cell.top <= 4 * pad:
                continue
            box = (cell.x0 + pad, cell.top + pad, cell.x1 - pad, cell.bottom - pad)
            ink = wiped.crop(box).point(lambda v: 255 if v < INK else 0).getbbox()
            if ink is None or (ink[2] - ink[0]) * (ink[3] - ink[1]) < pad * pad:
                continue
            x0, y0 = box[0] + max(0, ink[0] - pad), box[1] + max(0, ink[1] - pad)
            crop = wiped.crop((x0, y0, box[0] + ink[2] + pad, box[1] + ink[3] + pad))
            crops.append((ref, x0, y0, crop))
    again = _read_strip(
        crops, block=max(data["block_num"], default=0) + 1, timeout=timeout, page=page, name=name
    )
    for ref, found in again.items():
        if ref in words:
            if _confidence([float(v["conf"]) for v in found]) <= _confidence(
                [float(data["conf"][i]) for i in words[ref]]
            ):
                continue
            for i in words[ref]:
                data["text"][i] = ""
        for values in found:
            for key in _DATA_KEYS:
                data[key].append(values[key])


def _read_strip(
    crops: list[tuple[Any, int, int, Image.Image]],
    *,
    block: int,
    timeout: float,
    page: int,
    name: str,
    only: str = "",
) -> dict[Any, list[dict[str, Any]]]:
    """Read small crops of the page in one tesseract call; their words by crop key, in page pixels.

    ``crops`` are (key, page x, page y, image). They are stacked in one strip with white
    between them and read as a block of text (one call per page, not one per crop); each word
    goes back to its crop's place on the page, its block number from ``block`` on so that
    lines of this reading never join the page's own.
    """
    if not crops:
        return {}
    width = max(c.width for *_r, c in crops) + 2 * _STRIP_GAP
    strip = Image.new("L", (width, sum(c.height + _STRIP_GAP for *_r, c in crops) + _STRIP_GAP), 255)
    places = []  # (key, top in the strip, bottom, page x, page y)
    y = _STRIP_GAP
    for key, x0, y0, crop in crops:
        strip.paste(crop, (_STRIP_GAP, y))
        places.append((key, y, y + crop.height, x0, y0))
        y += crop.height + _STRIP_GAP
    more = _tesseract(strip, psm=6, timeout=timeout, page=page, name=name, lang=_strip_lang(), only=only)
    found: dict[Any, list[dict[str, Any]]] = {}
    for i, word in enumerate(more["text"]):
        if not (word and word.strip()):
            continue
        middle = more["top"][i] + more["height"][i] / 2
        place = next((p for p in places if p[1] <= middle < p[2]), None)
        if place is None:
            continue
        key, top, _bottom, x0, y0 = place
        values = dict(zip(_DATA_KEYS, (more[k][i] for k in _DATA_KEYS), strict=True))
        values["left"] += x0 - _STRIP_GAP
        values["top"] += y0 - top
        values["block_num"] += block
        found.setdefault(key, []).append(values)
    return found


_NUMBER_MARKS = "0123456789,.%"  # what a target's number after its sign is written with
# a word opening with a comparison sign, maybe after a speck of dust read as a mark ("_<")
_SIGN_WORD = re.compile(r"[-_.,'`]{0,2}([<>=≤≥])(.*)")


def _fix_signs(data: dict[str, list], image: Image.Image, *, timeout: float, page: int, name: str) -> None:
    """Put the sign the image shows at the head of each word that opens with one (see ``signs``).

    Tesseract reads "≥" as ">" or "=", and may make an extra character of its bar (">950"
    for "≥ 50"). When the glyph's shape says otherwise, the word becomes the right sign, and
    what stands right of the glyph is read again (all such words of the page in one strip),
    so the number after it is read without the sign's remains; where tesseract read a number
    there, only digits and their marks may be read (short numbers alone in a strip otherwise
    come back as letters: "và" for "2", "Đa" for "3"), and so where it read nothing of the
    ink inside the word's box right of the sign. If nothing is read again, the word keeps
    what tesseract read after the sign.
    """
    crops: list[tuple[int, int, int, Image.Image]] = []
    numbers: list[tuple[int, int, int, Image.Image]] = []
    signs: dict[int, str] = {}
    for i, word in enumerate(data["text"]):
        found = _SIGN_WORD.fullmatch(word.strip()) if word else None
        if found is None:
            continue
        left, top, width, height = (data[k][i] for k in ("left", "top", "width", "height"))
        box = (max(0, left - 1), max(0, top - 1), left + width + 1, top + height + 1)
        ink = np.asarray(image.crop(box)) < INK
        glyph = first_glyph(ink)
        sign = sign_of(ink[:, glyph[0] : glyph[1]]) if glyph else None
        if sign is None or glyph is None or sign == found.group(1):
            continue
        signs[i] = sign
        rest = found.group(2).strip()
        data["text"][i] = f"{sign} {rest}" if rest else sign
        if rest or ink[:, glyph[1] + 2 :].any():  # ink right of the sign, read or not ("≥ 2" as ">")
            pad = max(2, height // 4)
            x0, y0 = box[0] + glyph[1], max(0, top - pad)
            crop = (i, x0, y0, image.crop((x0, y0, left + width + pad, top + height + pad)))
            (crops if rest and not re.search(r"\d", rest) else numbers).append(crop)
    block = max(data["block_num"], default=0) + 1
    again = _read_strip(crops, block=block, timeout=timeout, page=page, name=name)
    again.update(_read_strip(numbers, block=block, timeout=timeout, page=page, name=name, only=_NUMBER_MARKS))
    for i, words in again.items():
        # specks between the sign and the number come back as marks ("_30"): no target opens so
        rest = " ".join(w["text"].strip() for w in words if w["text"].strip()).lstrip("_.,:;'`~|‘’ ")
        if rest:
            data["text"][i] = f"{signs[i]} {rest}"


@functools.lru_cache(maxsize=1)
def _strip_lang() -> str:
    """The models for the strip of short cells: Vietnamese with English where it is installed.

    On its own the Vietnamese model reads lone numbers badly ("29" as "2Ð", "32" as "K3»)"),
    both together read them right; Debian's tesseract-ocr always brings the English model.
    """
    try:
        return LANG + "+eng" if "eng" in pytesseract.get_languages(config="") else LANG
    except (pytesseract.TesseractError, OSError):
        return LANG


_SURE = 75.0  # tesseract's word confidence (0-100) below which a short cell is read again
_SHORT = 12  # characters: a row number, a unit, a year


def _misread(data: dict[str, list], indexes: list[int]) -> bool:
    text = "".join(data["text"][i].strip() for i in indexes)
    return len(text) <= _SHORT and _confidence([float(data["conf"][i]) for i in indexes]) < _SURE


def _confidence(confs: list[float]) -> float:
    known = [c for c in confs if c >= 0]
    return sum(known) / len(known) if known else 0.0


# what tesseract makes of a rule's remains inside a cell: bars, long dashes, underscores, and
# the dots, dashes and quotes it reads in the grey left where a skewed rule crossed another
_RULE_DEBRIS = re.compile(r"[|¦_—\-.,:;'`‘’~]+")


def _at_edge(
    grids: list[Grid], ref: tuple[int, int, int, int], data: dict[str, list], i: int, dpi: float
) -> bool:
    """Return True when word ``i`` touches its cell's border: a rule's remains, not a letter.

    A roman numeral "I" in a TT cell may be read as "|" too, and a cell may hold a dash or a
    dot of its own, but they stand off the rules by the cell's padding.
    """
    near = max(4.0, (dpi or DEFAULT_DPI) * 0.025)
    cell = next(c for c in grids[ref[0]].cells if (c.row, c.col) == ref[1:3])
    left, top = data["left"][i], data["top"][i]
    right, bottom = left + data["width"][i], top + data["height"][i]
    return min(left - cell.x0, cell.x1 - right, top - cell.top, cell.bottom - bottom) <= near


def _cell_of(grids: list[Grid], x: float, y: float) -> tuple[int, int, int, int] | None:
    """(table, row, column, span) of the cell at ``x``, ``y``; None outside the page's tables."""
    for t, grid in enumerate(grids):
        cell = grid.cell_at(x, y)
        if cell is not None:
            return (t, cell.row, cell.col, cell.span)
    return None


def _line_of(
    data: dict[str, list],
    indexes: list[int],
    *,
    page: int,
    scale: float,
    cell: tuple[int, int, int, int] | None,
) -> SourceLine:
    words = [data["text"][i].strip() for i in indexes]
    confs = [float(data["conf"][i]) for i in indexes if float(data["conf"][i]) >= 0]
    left = min(data["left"][i] for i in indexes)
    top = min(data["top"][i] for i in indexes)
    right = max(data["left"][i] + data["width"][i] for i in indexes)
    bottom = max(data["top"][i] + data["height"][i] for i in indexes)
    return SourceLine(
        number=0,
        text=" ".join(words),
        page=page,
        x0=round(left * scale, 2),
        top=round(top * scale, 2),
        x1=round(right * scale, 2),
        bottom=round(bottom * scale, 2),
        cell=CellRef(*cell) if cell else None,
        ocr_confidence=round(sum(confs) / len(confs) / 100, 3) if confs else None,
    )


def read_image(data: bytes, *, name: str, limits: ReadLimits) -> SourceDocument:
    """OCR an image file (.png, .jpg, .tif; every frame of a multi-page TIFF)."""
    lines, frames = ocr_image_bytes(data, name=name, what=f"Ảnh “{name}”", first_page=1, limits=limits)
    for n, line in enumerate(lines, start=1):
        line.number = n
    number_tables(lines)
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
