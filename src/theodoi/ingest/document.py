"""What a reader returns: the document's lines with where they sit.

Every reader (.txt, .docx, .pdf, scans, .xlsx) yields the same ``SourceDocument`` so that the
later stages do not care where the text came from, yet can use geometry and real table cells
where the format has them. Line numbers (``number``, 1-based) are what provenance cites.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CellRef:
    """The table cell a line belongs to, for formats with real tables (.docx, .pdf, .xlsx)."""

    table: int  # 0-based table index in the document
    row: int  # 0-based row index in the table
    col: int  # 0-based column index in the row
    span: int = 1  # columns the cell covers (a merged section title covers all but TT)


@dataclass
class SourceLine:
    """One line of text as read (before restoration), with its place in the document.

    Coordinates are in points from the page's top-left corner where the format has them
    (PDF, OCR); None for plain text and Word paragraphs.
    """

    number: int  # 1-based, in reading order over the whole document
    text: str
    page: int = 1  # 1-based
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    cell: CellRef | None = None
    ocr_confidence: float | None = None  # 0..1, from the OCR engine where there was one


@dataclass
class SourceDocument:
    """A read document: its lines and how it was read."""

    name: str  # file name, for the plan's ``source``
    kind: str  # "txt" | "docx" | "pdf" | "pdf-ocr" | "image-ocr" | "xlsx"
    lines: list[SourceLine] = field(default_factory=list)
    pages: int = 1
    sha256: str = ""
    warnings: list[str] = field(default_factory=list)  # Vietnamese, for the reviewer

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def number_tables(lines: list[SourceLine]) -> None:
    """Number the tables of ``lines`` over the whole document, in the order they appear.

    A reader that counts tables page by page (OCR finds a page's tables on its own) gives
    each ``(page, table)`` its place in the document, so that a table continued on the next
    page is the next table, as the layout step expects.
    """
    order: dict[tuple[int, int], int] = {}
    for line in lines:
        if line.cell is not None:
            key = (line.page, line.cell.table)
            index = order.setdefault(key, len(order))
            if index != line.cell.table:
                line.cell = CellRef(index, line.cell.row, line.cell.col, line.cell.span)
