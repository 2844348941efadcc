"""Read a Word document (.docx): body paragraphs and real tables, in body order.

A table cell becomes one line per paragraph with ``cell=CellRef(table, row, col)``; ``col`` is
the grid column, so a cell spanning columns (gridSpan) appears once at its first column and a
vertically merged cell once in its first row. Headers, footers, footnotes and comments are not
read: they hold page numbers and letterheads, not the plan. Automatic list numbering
(``w:numPr``), which python-docx leaves out of the text, is recovered from numbering.xml
("1.", "a)", "-") so that a numbered task reads as it prints.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.oxml.ns import qn
from lxml import etree

from theodoi.ingest.document import CellRef, SourceDocument, SourceLine, number_tables
from theodoi.ingest.errors import DocumentTooLarge, UnreadableDocument
from theodoi.ingest.read.container import open_checked_zip
from theodoi.ingest.read.limits import ReadLimits, vn_int

logger = logging.getLogger(__name__)

W_P, W_TBL, W_SDT, W_SDT_CONTENT, W_TR, W_TC = (
    qn(t) for t in ("w:p", "w:tbl", "w:sdt", "w:sdtContent", "w:tr", "w:tc")
)
W_T, W_TAB, W_BR, W_CR, W_NBH = (qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen"))
W_VAL, W_TYPE = qn("w:val"), qn("w:type")
# Subtrees whose text is not part of the paragraph's own text: deleted revisions, text boxes
# (read as lines of their own), the fallback copy of drawing content, field instructions.
W_DEL, W_MOVE_FROM, W_TXBX = qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {W_DEL, W_MOVE_FROM, W_TXBX, MC_FALLBACK}
W_CUSTOM_XML = qn("w:customXml")
A_BLIP = qn("a:blip")
V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
R_EMBED, R_ID = qn("r:embed"), qn("r:id")
# pictures Pillow can decode (EMF and WMF drawings cannot be, and are not scans)
_OCR_IMAGE_TYPES = {"image/png", "image/jpeg", "image/tiff", "image/bmp", "image/gif"}


def read_docx(data: bytes, *, name: str, limits: ReadLimits) -> SourceDocument:
    """Read a .docx already sniffed as one; raise UnreadableDocument if Word's parts are broken."""
    open_checked_zip(data, name=name, limits=limits, what="Word").close()
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        numbering = _Numbering.from_document(document)
    # python-docx and lxml raise many kinds of errors (KeyError for a missing part, XMLSyntaxError,
    # ValueError...) on a damaged file; at this boundary any of them means "not a readable .docx".
    except Exception as e:
        logger.info("docx %s not readable: %r", name, e)
        raise UnreadableDocument(
            f"Tệp Word “{name}” bị hỏng hoặc không phải tệp .docx hợp lệ, không đọc được.", code="corrupt"
        ) from e
    walker = _Walker(numbering=numbering, limits=limits, name=name)
    try:
        walker.blocks(body, cell=None)
    except (etree.LxmlError, ValueError, KeyError, RecursionError) as e:
        raise UnreadableDocument(
            f"Tệp Word “{name}” có nội dung hỏng, không đọc được.", code="corrupt"
        ) from e
    warnings: list[str] = []
    pages = walker.page
    if sum(len(line.text) for line in walker.lines) < limits.min_text_chars:
        images = _body_images(document, body)
        if images:
            walker.lines, pages = _ocr_images(images, name=name, limits=limits)
            warnings.append(
                f"Tệp Word chỉ chứa ảnh chụp/quét; đã nhận dạng {vn_int(len(images))} ảnh bằng OCR."
            )
    if not walker.lines:
        raise UnreadableDocument(f"Tệp Word “{name}” không có chữ nào để đọc.", code="empty")
    return SourceDocument(name=name, kind="docx", lines=walker.lines, pages=pages, warnings=warnings)


def _body_images(document: Any, body: etree._Element) -> list[bytes]:
    """Return the images the body shows (DrawingML and VML), in body order, each once."""
    related = document.part.related_parts
    seen: set[str] = set()
    blobs = []
    for el in body.iter(A_BLIP, V_IMAGEDATA):
        if any(a.tag == MC_FALLBACK for a in el.iterancestors()):
            continue  # the VML copy of a drawing already seen in mc:Choice
        rel = el.get(R_EMBED) if el.tag == A_BLIP else el.get(R_ID)
        part = related.get(rel) if rel else None
        if rel and rel not in seen and part is not None and part.content_type in _OCR_IMAGE_TYPES:
            seen.add(rel)
            blobs.append(part.blob)
    return blobs


def _ocr_images(images: list[bytes], *, name: str, limits: ReadLimits) -> tuple[list[SourceLine], int]:
    """OCR a Word file that is a scan pasted as pictures: each picture is a page."""
    from theodoi.ingest.read.ocr import ocr_image_bytes

    if len(images) > limits.max_ocr_pages:
        raise DocumentTooLarge(
            f"Tệp Word “{name}” chứa {vn_int(len(images))} ảnh cần nhận dạng, vượt giới hạn "
            f"{vn_int(limits.max_ocr_pages)} trang nhận dạng.",
            code="too_many_ocr_pages",
        )
    lines: list[SourceLine] = []
    page = 1
    for n, blob in enumerate(images, start=1):
        what = f"Ảnh thứ {n} trong tệp Word “{name}”"
        found, frames = ocr_image_bytes(blob, name=name, what=what, first_page=page, limits=limits)
        lines.extend(found)
        page += frames
    for number, line in enumerate(lines, start=1):
        line.number = number
    number_tables(lines)
    return lines, max(page - 1, 1)


@dataclass
class _Walker:
    numbering: _Numbering
    limits: ReadLimits
    name: str
    lines: list[SourceLine] = field(default_factory=list)
    page: int = 1
    tables: int = 0

    def blocks(self, parent: etree._Element, *, cell: CellRef | None) -> None:
        for child in parent.iterchildren():
            if child.tag == W_P:
                self.paragraph(child, cell=cell)
            elif child.tag == W_TBL:
                self.table(child, cell=cell)
            elif child.tag in (W_SDT, W_CUSTOM_XML):
                content = child.find(W_SDT_CONTENT) if child.tag == W_SDT else child
                if content is not None:
                    self.blocks(content, cell=cell)

    def paragraph(self, p: etree._Element, *, cell: CellRef | None) -> None:
        ppr = p.find(qn("w:pPr"))
        if ppr is not None and _on(ppr.find(qn("w:pageBreakBefore"))) and self.lines:
            self.page += 1
        pieces: list[str] = [self.numbering.label(p)]
        for text, page_break in _runs(p):
            if text is not None:
                pieces.append(text)
                continue
            self.emit("".join(pieces), cell=cell)
            pieces = []
            if page_break:
                self.page += 1
        self.emit("".join(pieces), cell=cell)
        for box in p.iter(W_TXBX):
            if not any(a.tag == MC_FALLBACK for a in box.iterancestors()):
                self.blocks(box, cell=cell)

    def table(self, tbl: etree._Element, *, cell: CellRef | None) -> None:
        index = self.tables
        if cell is None:
            self.tables += 1
        for r, tr in enumerate(_children(tbl, W_TR)):
            trpr = tr.find(qn("w:trPr"))
            before = trpr.find(qn("w:gridBefore")) if trpr is not None else None
            col = _int(before.get(W_VAL) if before is not None else None, 0)
            for tc in _children(tr, W_TC):
                tcpr = tc.find(qn("w:tcPr"))
                span = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
                vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
                continued = vmerge is not None and vmerge.get(W_VAL, "continue") == "continue"
                if not continued:
                    # a table nested in a cell is flattened into that outer cell
                    self.blocks(tc, cell=cell or CellRef(table=index, row=r, col=col))
                col += max(_int(span.get(W_VAL) if span is not None else None, 1), 1)

    def emit(self, text: str, *, cell: CellRef | None) -> None:
        # Vietnamese typed as "Unicode tổ hợp" (combining marks) reads the same as precomposed text
        text = unicodedata.normalize("NFC", text).strip()
        if not text:
            return
        if len(self.lines) >= self.limits.max_lines:
            raise DocumentTooLarge(
                f"Tệp Word “{self.name}” có hơn {vn_int(self.limits.max_lines)} dòng, vượt giới hạn.",
                code="too_many_lines",
            )
        self.lines.append(SourceLine(number=len(self.lines) + 1, text=text, page=self.page, cell=cell))


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Yield ``parent``'s children with ``tag``, looking through content controls (w:sdt, w:customXml)."""
    for child in parent.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (W_SDT, W_CUSTOM_XML):
            content = child.find(W_SDT_CONTENT) if child.tag == W_SDT else child
            if content is not None:
                yield from _children(content, tag)


def _runs(p: etree._Element) -> Iterator[tuple[str | None, bool]]:
    """Yield (text, False) pieces and (None, is_page_break) at each line break, in order."""
    stack = list(reversed(list(p.iterchildren())))
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP or tag == qn("w:pPr"):
            continue
        if tag == W_T:
            yield el.text or "", False
        elif tag == W_TAB:
            yield "\t", False
        elif tag == W_NBH:
            yield "-", False
        elif tag == W_BR:
            yield None, el.get(W_TYPE) == "page"
        elif tag == W_CR:
            yield None, False
        else:
            stack.extend(reversed(list(el.iterchildren())))


def _on(el: etree._Element | None) -> bool:
    return el is not None and el.get(W_VAL, "true") not in ("0", "false", "off")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    """Word's automatic numbering, enough to print "1.", "1.2.", "a)", "II." and bullets."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    abstract_of: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    style_num: dict[str, tuple[str | None, int | None, str | None]] = field(default_factory=dict)
    # Word counts per abstract list: two w:num sharing one abstractNum continue each other's
    # numbering unless a w:num restarts a level with startOverride ("Restart at 1").
    counters: dict[str, list[int]] = field(default_factory=dict)  # abstractNumId -> per level
    restarts: dict[str, set[int]] = field(default_factory=dict)  # numId -> levels it restarts

    @classmethod
    def from_document(cls, document: Any) -> _Numbering:
        out = cls()
        part = document.part
        try:
            root = part.numbering_part.element
        except (KeyError, NotImplementedError):
            root = None
        if root is not None:
            abstract: dict[str, dict[int, _Level]] = {}
            for a in root.iterchildren(qn("w:abstractNum")):
                abstract[a.get(qn("w:abstractNumId"), "")] = {
                    _int(lvl.get(qn("w:ilvl")), 0): _level(lvl) for lvl in a.iterchildren(qn("w:lvl"))
                }
            for num in root.iterchildren(qn("w:num")):
                num_id = num.get(qn("w:numId"), "")
                ref = num.find(qn("w:abstractNumId"))
                abs_id = ref.get(W_VAL, "") if ref is not None else ""
                levels = dict(abstract.get(abs_id, {}))
                for override in num.iterchildren(qn("w:lvlOverride")):
                    ilvl = _int(override.get(qn("w:ilvl")), 0)
                    start = override.find(qn("w:startOverride"))
                    if start is not None and ilvl in levels:
                        base = levels[ilvl]
                        levels[ilvl] = _Level(base.fmt, base.text, _int(start.get(W_VAL), base.start))
                        out.restarts.setdefault(num_id, set()).add(ilvl)
                out.levels[num_id] = levels
                out.abstract_of[num_id] = abs_id
        styles = part.styles.element if part.styles is not None else None
        if styles is not None:
            for style in styles.iterchildren(qn("w:style")):
                num_id, ilvl = _num_pr(style.find(qn("w:pPr")))
                based = style.find(qn("w:basedOn"))
                out.style_num[style.get(qn("w:styleId"), "")] = (
                    num_id,
                    ilvl,
                    based.get(W_VAL) if based is not None else None,
                )
        return out

    def label(self, p: etree._Element) -> str:
        ppr = p.find(qn("w:pPr"))
        num_id, ilvl = _num_pr(ppr)
        if num_id is None and ppr is not None:
            style = ppr.find(qn("w:pStyle"))
            num_id, style_ilvl = self._style_numbering(style.get(W_VAL) if style is not None else None)
            ilvl = ilvl if ilvl is not None else style_ilvl
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        ilvl = ilvl or 0
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(self.abstract_of.get(num_id, num_id), [0] * 10)
        if not 0 <= ilvl < len(counters):
            return ""
        for restarted in self.restarts.pop(num_id, ()):  # the first paragraph of a restarted list
            if 0 <= restarted < len(counters):
                counters[restarted] = 0
        level = levels[ilvl]
        counters[ilvl] = (counters[ilvl] + 1) if counters[ilvl] else level.start
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        if level.fmt == "bullet":
            return "- "
        if level.fmt == "none":
            return ""
        text = level.text
        for k in range(ilvl + 1):
            lvl_k = levels.get(k, _Level())
            value = counters[k] or lvl_k.start
            text = text.replace(f"%{k + 1}", _format_number(value, lvl_k.fmt))
        return text + " " if text else ""

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            num_id, ilvl, based = self.style_num.get(style_id, (None, None, None))
            if num_id is not None:
                return num_id, ilvl
            style_id = based
        return None, None


def _num_pr(ppr: etree._Element | None) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    num_pr = ppr.find(qn("w:numPr"))
    if num_pr is None:
        return None, None
    num = num_pr.find(qn("w:numId"))
    lvl = num_pr.find(qn("w:ilvl"))
    return (
        num.get(W_VAL) if num is not None else None,
        _int(lvl.get(W_VAL), 0) if lvl is not None else None,
    )


def _level(lvl: etree._Element) -> _Level:
    fmt = lvl.find(qn("w:numFmt"))
    text = lvl.find(qn("w:lvlText"))
    start = lvl.find(qn("w:start"))
    return _Level(
        fmt=fmt.get(W_VAL, "decimal") if fmt is not None else "decimal",
        text=text.get(W_VAL, "") if text is not None else "",
        start=_int(start.get(W_VAL) if start is not None else None, 1),
    )


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        out = ""
        for value, letters in _ROMAN:
            while n >= value:
                out += letters
                n -= value
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)
