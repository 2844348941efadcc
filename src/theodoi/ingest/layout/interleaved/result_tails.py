"""An output's last words OCR ran on after the task name's last line ("... của tỉnh triển khai").

A task name is an order ("Xây dựng ...", "Triển khai ..."); the output beside it is often stated
as a result, ending "được ban hành", "được triển khai", "hoàn thành" (a sixth of the dev plans'
outputs, against one name in 353). The output cell is the narrow column right of the name and
wraps over more lines, so its last words sit low in the row, often on the name's last line;
where OCR left no gap mark there, the first column's cut gives them to the name. A name ending
so gives those words to the output's end, unless the words before say it is the name's own
past result ("theo kế hoạch đã ban hành", "giải pháp đã được ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.layout.interleaved.output_ends import give_completing_end
from theodoi.ingest.layout.table import Row

_RESULT_TAIL = re.compile(
    r"(?<!\S)(?:(?:đã|sẽ)\s+)?(?:được\s+)?(?:triển\s+khai|ban\s+hành|hoàn\s+thành)[\s.;,]*$", re.IGNORECASE
)


def give_result_tail(name: str, output: str) -> tuple[str, str]:
    """Move a result phrase ending ``name`` ("được triển khai", "ban hành") to ``output``'s end.

    Only when the row has an output (the words carry it on) and the name keeps words before
    them; "đã"/"sẽ" before the phrase make it the name's own ("kế hoạch đã ban hành"). The
    output's other last words the name kept go before it (``output_ends.give_completing_end``).
    """
    found = _RESULT_TAIL.search(name)
    if not output or not found or found.group(0).split()[0].lower() in ("đã", "sẽ"):
        return give_completing_end(name, output)
    head = name[: found.start()].rstrip(" ,;:")
    if len(head.split()) < 3:
        return name, output
    head, output = give_completing_end(head, output)
    return head, f"{output.rstrip(' ,;:')} {found.group(0).strip(' .;,')}"


def give_result_tails(rows: Sequence[Row], first: str, output: str) -> None:
    """Give each numbered row's name-ending result phrase to its output cell (``give_result_tail``)."""
    for row in rows:
        name, out = row.cells.get(first), row.cells.get(output)
        if row.kind != "row" or name is None or out is None:
            continue
        name.text, out.text = give_result_tail(name.text, out.text)
