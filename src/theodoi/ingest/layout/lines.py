"""The line every parser receives: the source line, its restored text and its matching key.

The pipeline restores each ``SourceLine`` once and wraps it in a ``Line``; from then on the
layout step and every parser work on ``Line`` objects, matching keywords on ``key`` (the
folded text, so that restored and unrestored text match alike) and taking field values from
``text`` (the restored text). ``raw`` keeps what the reader saw, for the review screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from theodoi.ingest.document import CellRef, SourceLine
from theodoi.ingest.text import collapse_spaces, fold, nfc


@dataclass(frozen=True)
class Line:
    """One source line after restoration.

    ``number`` is the 1-based source line number that provenance cites; ``raw`` is the text as
    read; ``text`` the restored text (whitespace collapsed); ``key`` is ``fold(text)``. Page,
    geometry, table cell and OCR confidence are passed through from the ``SourceLine``.
    """

    number: int
    raw: str
    text: str
    key: str
    page: int = 1
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    cell: CellRef | None = None
    ocr_confidence: float | None = None
    tags: frozenset[str] = field(default_factory=frozenset)

    @property
    def blank(self) -> bool:
        return not self.key


def make_line(source: SourceLine, restored: str | None = None) -> Line:
    """Wrap ``source`` with its restored text (the raw text when ``restored`` is None)."""
    text = nfc(collapse_spaces(source.text if restored is None else restored))
    return Line(
        number=source.number,
        raw=source.text,
        text=text,
        key=fold(text),
        page=source.page,
        x0=source.x0,
        top=source.top,
        x1=source.x1,
        bottom=source.bottom,
        cell=source.cell,
        ocr_confidence=source.ocr_confidence,
    )


def make_lines(sources: Sequence[SourceLine], restored: Sequence[str] | None = None) -> list[Line]:
    """Wrap every source line; ``restored`` (same length) gives the restored texts."""
    if restored is None:
        return [make_line(s) for s in sources]
    if len(restored) != len(sources):
        raise ValueError(f"restored has {len(restored)} lines for {len(sources)} source lines")
    return [make_line(s, r) for s, r in zip(sources, restored, strict=True)]


def lines_from_text(text: str) -> list[Line]:
    """Build lines from plain text, numbered from 1 (for tests and quick experiments)."""
    return [make_line(SourceLine(number=n, text=t)) for n, t in enumerate(text.split("\n"), start=1)]
