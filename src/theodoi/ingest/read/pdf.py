"""Read a PDF: the text layer with geometry and tables where there is one, OCR where there is not.

Each page is read by pdfplumber: text outside tables becomes lines in reading order (top to
bottom, left to right) with their box (x0, top, x1, bottom in points); each table pdfplumber
finds (ruled tables, as Word and LibreOffice export them) becomes lines per cell with
``cell=CellRef(table, row, col)``, placed where the table sits on the page. A page whose text
layer is unusable (mostly ``(cid:N)`` glyphs without a Unicode mapping) or missing (under
``min_text_chars`` characters while images cover a quarter of it, or hundreds of curves draw
it) is rendered with pypdfium2 and read by tesseract (see ``ocr.py``). Running headers and
footers (margin lines repeated on most pages) are dropped with a warning.

Why a child process: pdfminer is pure Python and a crafted or broken PDF can make it loop or
swallow memory, and a signal-based alarm only works in the main thread (not in a web worker's
thread). So the pages are read in a child process, ``python -m theodoi.ingest.read.pdf``
started with ``subprocess`` (not multiprocessing: its spawn and forkserver methods re-import
the parent's ``__main__`` - manage.py, a WSGI server - and fork is unsafe in a threaded
server). The file goes in on the child's stdin; the child streams one message per page back
over a pipe of its own (stdout stays free for stray library output). The parent waits at most
``page_timeout`` seconds for each page (``ocr_page_timeout`` more once the child says the page
goes to OCR) and ``total_timeout`` for the whole file, and kills the child when a budget runs
out. The child's address space is capped at ``worker_memory_bytes``. Errors come back as
(class, message, code, detail) and are raised here. Starting the child costs about 0.2 s.
"""

from __future__ import annotations

import io
import logging
import os
import pickle
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable
from multiprocessing.connection import Connection
from typing import IO, Any

from theodoi.ingest import errors
from theodoi.ingest.document import CellRef, SourceDocument, SourceLine, number_tables
from theodoi.ingest.errors import (
    DocumentTooLarge,
    EncryptedDocument,
    IngestError,
    ReadTimeout,
    UnreadableDocument,
)
from theodoi.ingest.read.limits import ReadLimits, vn_int

logger = logging.getLogger(__name__)

STARTUP_GRACE = 15.0  # seconds for the child to start and open the file, beyond page_timeout
LINE_TOLERANCE = 3.0  # points: words whose tops differ by less sit on one line
COLUMN_GAP_EM = 1.5  # a gap wider than this many font sizes between words starts a new line
_OUTLINE_CURVES = 200  # a page drawn with more curves than this and no text is text as outlines
_CID_SHARE = 0.3  # a page whose text is more than this share of "(cid:N)" glyphs has no usable layer

# A line crossing the pipe: (page, text, x0, top, x1, bottom, (table, row, col[, span]) | None, ocr_confidence | None)
_Row = tuple[
    int,
    str,
    float | None,
    float | None,
    float | None,
    float | None,
    tuple[int, ...] | None,
    float | None,
]


def read_pdf(data: bytes, *, name: str, limits: ReadLimits) -> SourceDocument:
    """Read a PDF already sniffed as one, in a child process under the limits' time budgets."""
    with tempfile.TemporaryFile() as stderr:
        rows, pages, heights, warnings = _run_child(data, name, limits, stderr)
    ocr_pages = sorted({row[0] for row in rows if row[7] is not None})
    rows, dropped = _drop_running_lines(rows, heights)
    if dropped:
        warnings.append(
            "Bỏ qua dòng đầu trang/chân trang lặp lại: " + "; ".join(f"“{t}”" for t in dropped[:5]) + "."
        )
    lines = [
        SourceLine(
            number=n,
            text=text,
            page=pg,
            x0=x0,
            top=top,
            x1=x1,
            bottom=bottom,
            cell=CellRef(*cell) if cell else None,
            ocr_confidence=conf,
        )
        for n, (pg, text, x0, top, x1, bottom, cell, conf) in enumerate(rows, start=1)
    ]
    number_tables(lines)
    if not lines:
        raise UnreadableDocument(f"Tệp PDF “{name}” không có chữ nào đọc được.", code="empty")
    kind = "pdf-ocr" if all(line.ocr_confidence is not None for line in lines) else "pdf"
    if ocr_pages and kind == "pdf":
        which = (
            f"Trang {ocr_pages[0]}" if len(ocr_pages) == 1 else "Các trang " + ", ".join(map(str, ocr_pages))
        )
        warnings.append(f"{which} là ảnh quét, đã nhận dạng bằng OCR.")
    return SourceDocument(name=name, kind=kind, lines=lines, pages=pages, warnings=warnings)


def _run_child(
    data: bytes, name: str, limits: ReadLimits, stderr: IO[bytes]
) -> tuple[list[_Row], int, dict[int, float], list[str]]:
    """Run the child and collect its pages, raising what it reports or when a budget runs out."""
    process, receiver = _start_child(data, name, limits, stderr)
    started = time.monotonic()
    deadline = started + STARTUP_GRACE + limits.page_timeout
    page = 0
    pages = 0
    rows: list[_Row] = []
    warnings: list[str] = []
    heights: dict[int, float] = {}
    try:
        while True:
            now = time.monotonic()
            if now - started > limits.total_timeout:
                raise ReadTimeout(
                    f"Đọc tệp PDF “{name}” quá {vn_int(max(1, round(limits.total_timeout)))} giây, "
                    f"đã dừng sau trang {vn_int(page)}.",
                )
            wait = min(deadline, started + limits.total_timeout) - now
            if not receiver.poll(max(wait, 0)):
                if time.monotonic() - started > limits.total_timeout:
                    continue  # reported by the total-time check above
                raise ReadTimeout(
                    f"Đọc trang {vn_int(page + 1)} của tệp PDF “{name}” quá lâu, đã dừng; "
                    "tệp có thể bị lỗi khiến trình đọc lặp vô hạn.",
                )
            try:
                message = receiver.recv()
            except EOFError as e:
                _log_child_stderr(name, process, stderr)
                raise UnreadableDocument(
                    f"Trình đọc PDF dừng bất thường ở trang {vn_int(page + 1)} của tệp “{name}” "
                    "(tệp quá phức tạp hoặc bị hỏng).",
                    code="worker_died",
                ) from e
            kind = message[0]
            if kind == "pages":
                pages = message[1]
                deadline = time.monotonic() + limits.page_timeout
            elif kind == "ocr":  # tesseract has its own kill at ocr_page_timeout; rendering gets page_timeout
                deadline = time.monotonic() + limits.ocr_page_timeout + limits.page_timeout
            elif kind == "page":
                page, page_rows = message[1], message[2]
                rows.extend(page_rows)
                if len(rows) > limits.max_lines:
                    raise DocumentTooLarge(
                        f"Tệp PDF “{name}” có hơn {vn_int(limits.max_lines)} dòng, vượt giới hạn.",
                        code="too_many_lines",
                    )
                heights[page] = message[4]
                deadline = time.monotonic() + limits.page_timeout
            elif kind == "warning":
                warnings.append(message[1])
            elif kind == "error":
                if message[4]:
                    logger.info("pdf %s: %s", name, message[4])
                raise _rebuild(message[1], message[2], message[3])
            elif kind == "done":
                break
    finally:
        receiver.close()
        if process.poll() is None:
            process.kill()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            logger.warning("pdf reader child %d did not exit after SIGKILL", process.pid)
    return rows, pages, heights, warnings


_DIGITS = re.compile(r"\d+")
_MARGIN = 0.08  # share of the page height at the top and at the bottom where running lines sit


def _drop_running_lines(rows: list[_Row], heights: dict[int, float]) -> tuple[list[_Row], list[str]]:
    """Drop running headers and footers: margin lines (not table cells) repeated on most pages.

    Word's header "ĐẦU TRANG" and footer "Trang 3" are not part of the plan; in a PDF they are
    printed on every page. A line counts when, digits aside, the same text sits in the top or
    bottom margin of at least half of the pages (and at least two). Page numbers alone ("3")
    are covered by the same rule.
    """
    pages = len(heights)
    if pages < 2:
        return rows, []

    def key(row: _Row) -> str | None:
        page, text, _x0, top, _x1, bottom, cell, _conf = row
        height = heights.get(page)
        if cell is not None or top is None or bottom is None or not height:
            return None
        if top > height * _MARGIN and bottom < height * (1 - _MARGIN):
            return None
        return ("top:" if top <= height * _MARGIN else "bottom:") + _DIGITS.sub("#", text.strip())

    seen: dict[str, set[int]] = {}
    for row in rows:
        k = key(row)
        if k:
            seen.setdefault(k, set()).add(row[0])
    running = {k for k, on in seen.items() if len(on) >= max(2, pages / 2)}
    if not running:
        return rows, []
    kept = [row for row in rows if key(row) not in running]
    first_text: dict[str, str] = {}
    for row in rows:
        k = key(row)
        if k in running:
            first_text.setdefault(k, row[1])
    dropped = list(first_text.values())
    return kept, dropped


def _start_child(
    data: bytes, name: str, limits: ReadLimits, stderr: IO[bytes]
) -> tuple[subprocess.Popen[bytes], Connection]:
    read_fd, write_fd = os.pipe()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(write_fd)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            pass_fds=(write_fd,),
            env=env,
        )
    except OSError as e:
        os.close(read_fd)
        raise UnreadableDocument(
            f"Máy chủ không khởi động được trình đọc PDF cho tệp “{name}”.", code="worker"
        ) from e
    finally:
        os.close(write_fd)
    receiver = Connection(read_fd, writable=False)
    assert process.stdin is not None  # stdin=PIPE above
    try:
        process.stdin.write(pickle.dumps((data, name, limits), protocol=pickle.HIGHEST_PROTOCOL))
        process.stdin.close()
    except BrokenPipeError:
        pass  # the child died at once; reading its pipe reports it
    return process, receiver


def _log_child_stderr(name: str, process: subprocess.Popen[bytes], stderr: IO[bytes]) -> None:
    try:
        process.wait(1)
    except subprocess.TimeoutExpired:
        return
    stderr.seek(0, os.SEEK_END)
    stderr.seek(max(stderr.tell() - 2000, 0))
    logger.warning(
        "pdf reader child for %s died (exit %s): %s",
        name,
        process.returncode,
        stderr.read().decode("utf-8", "replace"),
    )


def _rebuild(cls_name: str, message: str, code: str) -> IngestError:
    cls = getattr(errors, cls_name, UnreadableDocument)
    if not (isinstance(cls, type) and issubclass(cls, IngestError)):
        cls = UnreadableDocument
    return cls(message, code=code)


# ---- the child process -------------------------------------------------------------------


def _child_main(fd: int) -> None:
    """Entry point of ``python -m theodoi.ingest.read.pdf FD``: read stdin, answer on FD."""
    # pdfminer logs a warning per damaged object; a crafted file would flood stderr
    logging.disable(logging.CRITICAL)
    conn = Connection(fd, readable=False)
    data, name, limits = pickle.loads(sys.stdin.buffer.read())
    _worker(conn, data, name, limits)


def _worker(conn: Connection, data: bytes, name: str, limits: ReadLimits) -> None:
    """Read every page and send it to the parent; runs in the child process only."""
    _cap_memory(limits.worker_memory_bytes)
    try:
        _read_pages(conn, data, name, limits)
        conn.send(("done",))
    except IngestError as e:
        conn.send(("error", type(e).__name__, e.message, e.code, repr(e.__cause__) if e.__cause__ else ""))
    except MemoryError:
        conn.send(
            (
                "error",
                "DocumentTooLarge",
                f"Tệp PDF “{name}” quá phức tạp, vượt giới hạn bộ nhớ khi đọc.",
                "memory",
                "MemoryError",
            )
        )
    # pdfminer and pypdfium2 raise anything from KeyError to RecursionError on a damaged file;
    # in this child every one of them means "this PDF cannot be read", reported to the parent.
    except Exception as e:
        conn.send(
            (
                "error",
                "UnreadableDocument",
                f"Tệp PDF “{name}” bị hỏng hoặc không đúng chuẩn PDF, không đọc được.",
                "corrupt",
                repr(e)[:500],
            )
        )
    finally:
        conn.close()


def _cap_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # not on POSIX: no cap, the time budget still applies
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or limit < hard:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _read_pages(conn: Connection, data: bytes, name: str, limits: ReadLimits) -> None:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as e:
        cause = e.args[0] if e.args else None
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedDocument(f"Tệp PDF “{name}” được mã hoá bằng mật khẩu, không đọc được.") from e
        raise
    with pdf:
        declared = _declared_pages(pdf)
        if declared is not None and declared > limits.max_pages:
            raise _too_many_pages(name, declared, limits)
        pages = pdf.pages
        if len(pages) > limits.max_pages:
            raise _too_many_pages(name, len(pages), limits)
        conn.send(("pages", len(pages)))
        renderer = _Renderer(data, name)
        tables = 0
        ocr_count = 0
        searchable: list[int] = []  # scans that carry their scanner's OCR as a text layer
        for index, page in enumerate(pages):
            number = index + 1
            chars = [c for c in page.chars if c.get("text", "").strip()]
            cids = sum(1 for c in chars if c["text"].startswith("(cid:"))
            usable = len(chars) - cids
            scanned = _needs_ocr(page, usable=usable, cids=cids, total=len(chars), limits=limits)
            if scanned:
                ocr_count += 1
                if ocr_count == 1 and len(pages) > limits.max_ocr_pages and number == 1:
                    raise _too_many_ocr_pages(name, len(pages), limits)
                if ocr_count > limits.max_ocr_pages:
                    raise _too_many_ocr_pages(name, limits.max_ocr_pages, limits, more_than=True)
                conn.send(("ocr", number))
                rows = renderer.ocr(
                    page_index=index, width=float(page.width), height=float(page.height), limits=limits
                )
            else:
                rows, found = _text_page(page, number=number, first_table=tables)
                tables += found
                if _image_share(page) > 0.8:
                    searchable.append(number)
                if cids:
                    conn.send(
                        ("warning", f"Trang {number}: {vn_int(cids)} ký tự không có mã Unicode, bị bỏ qua.")
                    )
            conn.send(("page", number, rows, scanned, float(page.height)))
            page.close()
        if searchable:
            which = f"Trang {searchable[0]}" if len(searchable) == 1 else f"{vn_int(len(searchable))} trang"
            conn.send(
                (
                    "warning",
                    f"{which} là ảnh quét kèm lớp chữ do máy quét nhận dạng sẵn; "
                    "lớp chữ này có thể sai dấu, hãy đối chiếu với bản gốc.",
                )
            )


def _needs_ocr(page: Any, *, usable: int, cids: int, total: int, limits: ReadLimits) -> bool:
    """Say whether a page's text layer is missing or unusable, so that it must be OCR'd.

    Garbage: most glyphs are "(cid:N)" (a font without a Unicode map). Missing: fewer than
    ``min_text_chars`` characters while images cover a quarter of the page (a scan) or hundreds
    of curves draw it (text turned into outlines). A title page with a few words and a rule
    keeps its text layer.
    """
    if total and cids > _CID_SHARE * total:
        return True
    if usable >= limits.min_text_chars:
        return False
    return _image_share(page) > 0.25 or len(page.curves) > _OUTLINE_CURVES


def _image_share(page: Any) -> float:
    """Return the share of the page that images cover (overlaps counted twice, capped at 1)."""
    area = float(page.width) * float(page.height) or 1.0
    covered = sum(
        max(0.0, float(i["x1"]) - float(i["x0"])) * max(0.0, float(i["bottom"]) - float(i["top"]))
        for i in page.images
    )
    return min(covered / area, 1.0)


def _declared_pages(pdf: Any) -> int | None:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSException

    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except (AttributeError, TypeError, KeyError, ValueError, PSException):
        return None
    return count if isinstance(count, int) else None


def _too_many_pages(name: str, count: int, limits: ReadLimits) -> DocumentTooLarge:
    return DocumentTooLarge(
        f"Tệp “{name}” có {vn_int(count)} trang, vượt giới hạn {vn_int(limits.max_pages)} trang.",
        code="too_many_pages",
    )


def _too_many_ocr_pages(
    name: str, count: int, limits: ReadLimits, *, more_than: bool = False
) -> DocumentTooLarge:
    return DocumentTooLarge(
        f"Tệp “{name}” là bản quét có {'hơn ' if more_than else ''}{vn_int(count)} trang cần nhận dạng, vượt giới hạn "
        f"{vn_int(limits.max_ocr_pages)} trang nhận dạng.",
        code="too_many_ocr_pages",
    )


def _text_page(page: Any, *, number: int, first_table: int) -> tuple[list[_Row], int]:
    """Return the page's lines (text and table cells, ordered by position) and its table count."""
    chars = page.dedupe_chars().chars
    found = page.find_tables()
    table_boxes = [t.bbox for t in found]
    free: list[dict[str, Any]] = []
    in_cells: dict[tuple[int, int, int], list[dict[str, Any]]] = {}
    for char in chars:
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        ref = _cell_of(found, table_boxes, cx, cy)
        if ref is None:
            free.append(char)
        else:
            in_cells.setdefault(ref, []).append(char)
    blocks: list[tuple[float, float, list[_Row]]] = []
    for line in _lines(free, split_columns=True):
        blocks.append((line["top"], line["x0"], [_row(number, line, None)]))
    for t, table in enumerate(found):
        rows: list[_Row] = []
        for ref in sorted(k for k in in_cells if k[0] == t):
            cell = (first_table + t, ref[1], ref[2])
            rows.extend(_row(number, line, cell) for line in _lines(in_cells[ref], split_columns=False))
        if rows:
            blocks.append((table.bbox[1], table.bbox[0], rows))
    blocks.sort(key=lambda b: (round(b[0], 1), b[1]))
    return [row for _top, _x0, rows in blocks for row in rows], len(found)


def _cell_of(
    tables: list[Any], boxes: list[tuple[float, ...]], x: float, y: float
) -> tuple[int, int, int] | None:
    for t, (x0, top, x1, bottom) in enumerate(boxes):
        if not (x0 <= x <= x1 and top <= y <= bottom):
            continue
        for r, row in enumerate(tables[t].rows):
            for c, box in enumerate(row.cells):
                if box is not None and box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                    return (t, r, c)
    return None


def _lines(chars: list[dict[str, Any]], *, split_columns: bool) -> Iterable[dict[str, Any]]:
    """Group chars into words and words into lines (top to bottom, left to right).

    Outside tables a line is also cut where the gap between two words is wider than
    ``COLUMN_GAP_EM`` times the font size: columns of a table without rules, or "Số: 103/KH-UBND"
    and "Bình Định, ngày ..." set apart on one baseline, become lines of their own, each with
    its own x0, so that the layout stage can see the columns.
    """
    from pdfplumber.utils.text import extract_words

    if not chars:
        return []
    words = sorted(
        extract_words(chars, x_tolerance=3, y_tolerance=3, extra_attrs=["size"]),
        key=lambda w: (w["top"], w["x0"]),
    )
    rows: list[list[dict[str, Any]]] = []
    for word in words:
        if rows and abs(word["top"] - rows[-1][0]["top"]) <= LINE_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    out = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        segment = [row[0]]
        for word in row[1:]:
            gap = word["x0"] - segment[-1]["x1"]
            if split_columns and gap > COLUMN_GAP_EM * float(segment[-1].get("size") or 10):
                out.append(_segment(segment))
                segment = [word]
            else:
                segment.append(word)
        out.append(_segment(segment))
    return out


def _segment(words: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "text": " ".join(w["text"] for w in words),
        "x0": min(w["x0"] for w in words),
        "top": min(w["top"] for w in words),
        "x1": max(w["x1"] for w in words),
        "bottom": max(w["bottom"] for w in words),
    }


def _row(page: int, line: dict[str, Any], cell: tuple[int, int, int] | None) -> _Row:
    text = unicodedata.normalize("NFC", line["text"])
    if text and "\ue000" <= text[0] <= "\uf8ff":  # a Symbol-font bullet (U+F0B7...) has no Unicode meaning
        text = "-" + text[1:]
    return (
        page,
        text,
        round(line["x0"], 2),
        round(line["top"], 2),
        round(line["x1"], 2),
        round(line["bottom"], 2),
        cell,
        None,
    )


class _Renderer:
    """Render pages for OCR with pypdfium2 (pdfplumber's own renderer), opened once per file."""

    def __init__(self, data: bytes, name: str) -> None:
        self.data = data
        self.name = name
        self.document: Any = None

    def ocr(self, *, page_index: int, width: float, height: float, limits: ReadLimits) -> list[_Row]:
        import pypdfium2

        from theodoi.ingest.read.ocr import ensure_ocr, ocr_image

        ensure_ocr(self.name)
        if self.document is None:
            self.document = pypdfium2.PdfDocument(self.data)
        dpi = float(limits.ocr_resolution)
        pixels = (width * dpi / 72) * (height * dpi / 72)
        if pixels > limits.max_image_pixels:
            dpi *= (limits.max_image_pixels / pixels) ** 0.5
        image = self.document[page_index].render(scale=dpi / 72, grayscale=True).to_pil()
        lines = ocr_image(
            image, page=page_index + 1, dpi=dpi, timeout=limits.ocr_page_timeout, name=self.name
        )
        return [
            (
                line.page,
                unicodedata.normalize("NFC", line.text),
                line.x0,
                line.top,
                line.x1,
                line.bottom,
                (line.cell.table, line.cell.row, line.cell.col, line.cell.span) if line.cell else None,
                line.ocr_confidence,
            )
            for line in lines
        ]


if __name__ == "__main__":
    _child_main(int(sys.argv[1]))
