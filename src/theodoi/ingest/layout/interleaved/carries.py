"""Cell ends given to the next row after all rows are cut: deadline terms and output openings.

A row's cells are read line by line, so the next row's first words can end up at the end of a
finished cell when its lines wrap early: a dated term after a finished deadline ("thường xuyên
2025-2027"), an output kind's first word, or an output that opens inside the cell. These passes
run over the finished rows and move such words down.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from theodoi.ingest.layout.interleaved.words import fold
from theodoi.ingest.layout.segment import OUTPUT, opener
from theodoi.ingest.layout.table import Cell, Row

# A dated term ending a deadline cell after a finished phrase: "thường xuyên 2025-2027".
_SECOND_DATED_TERM = re.compile(
    r"^(?P<done>.*\bxuyen)\W*(?P<term>(?:(?:thang|nam)\s+)?(?:\d{1,2}\s*/\s*)?20\d\d(?:\s*-\s*20\d\d)?)\W*$"
)


def _carry_deadline_heads(
    rows: list[Row], names: Sequence[str], numbered: frozenset[int] = frozenset()
) -> None:
    """Give a dated term ending a row's finished deadline cell to the next row, undated.

    The next row's deadline, centred on its short name, can open a line above that name, on a
    line the row cut gives to this row: this row's cell then reads "thường xuyên 2025-2027"
    and the next one only "thường xuyên". A row holds one deadline, so the dated term after a
    finished phrase moves on when the next row's cell names no year. A whole deadline cell
    read from the row's last line only, below its number's line (``numbered``: the lines
    row numbers stand on), is the next row's when that row has none (a group row heading
    its sub-rows prints no deadline of its own).
    """
    for a, b in pairwise(rows):
        if a.kind != "row" or b.kind != "row":
            continue
        for name in names:
            head, tail = a.cells.get(name), b.cells.get(name)
            if head is None or not head.text or (tail is not None and re.search(r"20\d\d", tail.text)):
                continue
            if (
                (tail is None or not tail.text)
                and len(a.lines) > 1
                and head.lines == a.lines[-1:]
                and head.lines[0] not in numbered
            ):
                b.cells[name] = Cell(head.text, head.lines, head.confidence)
                del a.cells[name]
                continue
            key = fold(head.text)
            m = _SECOND_DATED_TERM.match(key)
            if m is None or len(key) != len(head.text):
                continue
            term = head.text[m.start("term") : m.end("term")]
            head.text = head.text[: m.end("done")].rstrip(" |,;")
            if tail is None:
                b.cells[name] = Cell(term, [], head.confidence)
            else:
                tail.text = f"{term} {tail.text}".strip()


# Output kinds of two words (folded): their first word left alone at a row's end is the next
# row's output opening one line above that row's name.
_TWO_WORD_KINDS = frozenset(
    {
        "ke hoach",
        "van ban",
        "quyet dinh",
        "nghi quyet",
        "de an",
        "du an",
        "bao cao",
        "chuong trinh",
        "hoat dong",
    }
)
_EDGE_MARKS = ",;.:'’‘\""


def _carry_output_heads(rows: list[Row], names: Sequence[str]) -> None:
    """Give an output kind's first word ending a row's output cell to the next row.

    A row's cells are centred on its name, so the next row's output can open a line above the
    next name starts, on a line the row cut gives to this row: "... triển khai Chương" |
    "trình, kế hoạch ...". When this row's output ends with a capitalised word and the next
    row's opens with the lowercase word that makes an output kind with it, the word moves on.
    """
    for a, b in pairwise(rows):
        if a.kind != "row" or b.kind != "row":
            continue
        for name in names:
            head, tail = a.cells.get(name), b.cells.get(name)
            if head is None or tail is None or not head.text or not tail.text:
                continue
            *kept, last = head.text.split()
            opening = tail.text.split()
            if len(opening) > 1 and len(fold(opening[0]).strip(_EDGE_MARKS)) == 1:
                opening = opening[1:]  # a lone letter before it: debris ("Ở trình")
            first = opening[0]
            pair = f"{fold(last).strip(_EDGE_MARKS)} {fold(first).strip(_EDGE_MARKS)}"
            if kept and last[:1].isupper() and first[:1].islower() and pair in _TWO_WORD_KINDS:
                head.text = " ".join(kept)
                tail.text = " ".join([last, *opening])


# Words after which an output kind is the cell's own object, not the next row's opening
# ("triển khai Đề án", "tích hợp trong Kế hoạch", "Đưa Hệ thống", "của", "các").
_TAKES_KIND = frozenset(
    {
        "khai",
        "hien",
        "trong",
        "dua",
        "thanh",
        "duyet",
        "noi",
        "cac",
        "cua",
        "va",
        "voi",
        "cho",
        "theo",
        "ve",
        "tai",
    }
)


def _carry_output_openings(rows: list[Row], names: Sequence[str]) -> None:
    """Give the next row an output that opens inside this row's output cell.

    Like ``_carry_output_heads``, for a whole opening: the next row's output, centred on its
    name, starts on this row's last lines ("Văn bản ... hướng dẫn Quyết định, có thẩm" |
    "quyền về ..."). A capitalised output kind inside a cell that opened with its own kind
    starts the next row's cell unless a word before it takes it as an object ("triển khai
    Đề án", "trong Kế hoạch") or a list goes on ("Kế hoạch, Đề án"); it moves on only when
    the next row's output opens with no kind of its own.
    """
    for a, b in pairwise(rows):
        if a.kind != "row" or b.kind != "row":
            continue
        for name in names:
            head, tail = a.cells.get(name), b.cells.get(name)
            if head is None or not _opens_output(head.text.split(), 0):
                continue
            if tail is not None and _opens_output(tail.text.split(), 0):
                continue
            tokens = head.text.split()
            k = next((k for k in range(2, len(tokens)) if _next_opening(tokens, k)), None)
            if k is None:
                continue
            head.text = " ".join(tokens[:k])
            moved = " ".join(tokens[k:])
            if tail is None:
                b.cells[name] = Cell(moved, head.lines[-1:], head.confidence)
            else:
                tail.text = f"{moved} {tail.text}".strip()


def _opens_output(tokens: Sequence[str], k: int) -> bool:
    return k < len(tokens) and opener(tokens, k, OUTPUT) > 0


def _next_opening(tokens: Sequence[str], k: int) -> bool:
    """Whether tokens[k] opens another output kind than the cell's, not its object or list."""
    before = tokens[k - 1]
    word = fold(before).strip(_EDGE_MARKS)
    takes = word in _TAKES_KIND and not (word in _VERBS_TAKING_KIND and _passive(tokens, k - 1))
    return _opens_output(tokens, k) and not before.endswith((",", ";")) and not takes


# The words of ``_TAKES_KIND`` that end a verb ("triển khai", "thực hiện", "phê duyệt"), as
# against the prepositions and conjunctions, which take a kind whatever stands before them.
_VERBS_TAKING_KIND = frozenset({"khai", "hien", "duyet"})


def _passive(tokens: Sequence[str], k: int) -> bool:
    """Whether the verb ending at tokens[k] is passive ("được triển khai", "được phê duyệt").

    A passive verb's object is the subject before it (an output stated as a result: "Các ứng
    dụng ... được triển khai"), so a capitalised output kind after it takes no object's place:
    it opens the next row's output ("... được triển Khai | Hoạt động thúc đẩy, hỗ").
    """
    return any(fold(t).strip(_EDGE_MARKS) == "duoc" for t in tokens[max(0, k - 2) : k])
