"""Rows of an OCR'd table whose columns interleave line by line (placeholder, see table.py)."""

from __future__ import annotations

from collections.abc import Sequence

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.layout.table import ColumnSpec, Row, RowStart


def rows_interleaved(
    lines: Sequence[Line], starts: list[RowStart], columns: Sequence[ColumnSpec]
) -> list[Row]:
    from theodoi.ingest.layout.table import _rows_cell_per_line

    return _rows_cell_per_line(lines, starts, columns)
