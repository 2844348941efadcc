"""A numbered list inside a task name: its next item's line is the name's.

A task name may list its parts as numbered items, one a line ("gồm: (1) Định danh tàu thuyền;"
/ "(2) Định danh địa điểm;" / ...). Each item ends with ";" on a short line, which reads as
the name's paragraph ending (``first_column.ends_paragraph``, a closed name): the lines below
would go to the other columns. But a line opening with the item mark that follows the name's
last ("(2)" after "(1)") carries the same list on: no other column numbers its words so.
"""

from __future__ import annotations

import re

# An item mark opening a line: "(3)", "3)".
_OPENING_MARK = re.compile(r"\(?(\d{1,2})\)\s")
# The item marks inside a name so far.
_MARK = re.compile(r"(?:^|[\s:;,.])\(?(\d{1,2})\)(?=\s)")


def continues_item_list(name: str, line: str) -> bool:
    """Whether ``line`` opens with the item mark that follows the last one of ``name``."""
    opening = _OPENING_MARK.match(line.strip())
    if opening is None:
        return False
    marks = _MARK.findall(name)
    return bool(marks) and int(opening.group(1)) == int(marks[-1]) + 1
