"""Layout: restored lines -> table rows and prose blocks (three layouts found in plans).

``Line`` (lines.py) is the type every parser receives.
"""

from theodoi.ingest.layout.lines import Line, lines_from_text, make_line, make_lines

__all__ = ["Line", "lines_from_text", "make_line", "make_lines"]
