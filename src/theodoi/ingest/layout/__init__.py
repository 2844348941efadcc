"""Layout: restored lines -> table rows and prose blocks (three layouts found in plans).

``Line`` (lines.py) is the type every parser receives. Table machinery (table.py) is shared
by the task and indicator parsers: describe the columns with ``ColumnSpec`` (name, how well
a text fits the column's vocabulary, header words, optionally how a fragment carries on a
cell), find the table with ``find_table`` and call ``rebuild_rows``; it handles real cells
(.docx/.xlsx), one cell per line, and OCR'd text whose columns interleave (the interleaved package).
"""

from theodoi.ingest.layout.lines import Line, lines_from_text, make_line, make_lines
from theodoi.ingest.layout.table import (
    Cell,
    ColumnSpec,
    Row,
    TableRegion,
    align,
    detect_layout,
    find_row_starts,
    find_table,
    rebuild_rows,
)

__all__ = [
    "Cell",
    "ColumnSpec",
    "Line",
    "Row",
    "TableRegion",
    "align",
    "detect_layout",
    "find_row_starts",
    "find_table",
    "lines_from_text",
    "make_line",
    "make_lines",
    "rebuild_rows",
]
