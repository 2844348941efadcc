"""An output's last words left at the end of the task name ("... doanh nghiệp đại trà").

The output cell (sản phẩm) is the narrow column right of the name and wraps over more lines, so
its last line often sits on the name's last line; where OCR left no gap mark between them, the
first column's cut gives the output's last words to the name: "cho người dân, doanh nghiệp đại
trà" with the output "Nền tảng trực tuyến mở", "lĩnh vực định mức, đơn giá" beside "... triển
khai". A wrapped phrase reads on across its wrap, so the restorer's trigram model tells the two
apart: those words read on from the output's last words ("mở" / "đại trà", "thuê" / "dịch vụ")
and do not from the name's words before them. ``fluency``'s thresholds decide, as for a line's
words in ``layout.segment``.
"""

from __future__ import annotations

from theodoi.ingest.layout.fluency import COMPLETES, MARGIN, reading_after

# The output column's line holds a few words: at most this many of the name's last words move.
MOST_WORDS = 4
# The name keeps at least this many words (a name is a whole order, never a word or two).
NAME_KEEPS = 3


def give_completing_end(name: str, output: str) -> tuple[str, str]:
    """Move ``name``'s last words to ``output``'s end when the first of them completes the output.

    Of up to ``MOST_WORDS`` last words, the shortest run whose first word reads at least
    ``COMPLETES`` after the output's last words and ``MARGIN`` better than after the name's
    words before it; unchanged without an output or such a run.
    """
    words = name.split()
    if not output.strip():
        return name, output
    for k in range(1, MOST_WORDS + 1):
        if len(words) - k < NAME_KEEPS:
            break
        head = " ".join(words[:-k])
        after_output, after_name = reading_after([output, head], words[-k])
        if after_output >= COMPLETES and after_output - after_name >= MARGIN:
            return head, f"{output.rstrip()} {' '.join(words[-k:])}"
    return name, output
