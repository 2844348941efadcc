"""An output's last words left at the end of the task name ("... doanh nghiệp đại trà").

The output cell (sản phẩm) is the narrow column right of the name and wraps over more lines, so
its last line often sits on the name's last line; where OCR left no gap mark between them, the
first column's cut gives the output's last words to the name: "cho người dân, doanh nghiệp đại
trà" with the output "Nền tảng trực tuyến mở", "lĩnh vực định mức, đơn giá" beside "... triển
khai". A wrapped phrase reads on across its wrap, so the restorer's trigram model tells the two
apart: those words read on from the output's last words ("mở" / "đại trà", "thuê" / "dịch vụ")
and do not from the name's words before them. ``fluency``'s thresholds decide, as for a line's
words in ``layout.segment``.

A phrase's next word (not a compound's second syllable) reads on less surely: "chính sách" /
"ưu", "triển khai" / "định mức, đơn giá" cost more than ``COMPLETES`` allows. Such words move
at the looser ``READS_ON`` only where the name's phrase clearly breaks before them and nothing
says they close the name: they read after the name's words worse than any phrase's next word
(``BREAKS``); they do not end with a sentence mark (".", ";", ")" close 110 of the dev plans'
353 names and 9 of their outputs); and the output's own last word does not complete the name's
words before them ("sáng chế, giải" / "pháp", "hữu ích" after: the name runs on into the
output's end, so the cut between the cells lies inside the name's phrase).
"""

from __future__ import annotations

from theodoi.ingest.layout.fluency import BREAKS, COMPLETES, MARGIN, READS_ON, reading_after

# The output column's line holds a few words: at most this many of the name's last words move.
MOST_WORDS = 4
# The name keeps at least this many words (a name is a whole order, never a word or two).
NAME_KEEPS = 3
# ``fluency.READS_ON``: how well a word must read after the output's last words to move when it
# only reads on as a phrase's next word ("chính sách" / "ưu" 0.63, "triển khai" / "định" 0.38
# on the dev plans); ``fluency.BREAKS``: at most how well after the name's words ("Tỉnh ủy" /
# "Công" 0.30 reads on from the name and stays).
_CLOSES = (".", ";", ")")


def give_completing_end(name: str, output: str) -> tuple[str, str]:
    """Move ``name``'s last words to ``output``'s end when the first of them completes the output.

    Of up to ``MOST_WORDS`` last words, the shortest run whose first word reads at least
    ``COMPLETES`` after the output's last words and ``MARGIN`` better than after the name's
    words before it, or at least ``READS_ON`` where the name breaks before the run
    (``_name_breaks``); unchanged without an output or such a run.
    """
    words = name.split()
    if not output.strip():
        return name, output
    for k in range(1, MOST_WORDS + 1):
        if len(words) - k < NAME_KEEPS:
            break
        head = " ".join(words[:-k])
        after_output, after_name = reading_after([output, head], words[-k])
        if after_output - after_name < MARGIN or after_output < READS_ON:
            continue
        if after_output >= COMPLETES or (after_name <= BREAKS and _name_breaks(head, words[-1], output)):
            return head, f"{output.rstrip()} {' '.join(words[-k:])}"
    return name, output


def _name_breaks(head: str, last: str, output: str) -> bool:
    """Whether the name's words may end at ``head``: its last word ``last`` closes no sentence
    and ``output``'s last word does not complete ``head``'s last words (a compound's syllable)."""
    if last.rstrip('"\u201d').endswith(_CLOSES):
        return False
    return reading_after([head], output.split()[-1])[0] < COMPLETES
