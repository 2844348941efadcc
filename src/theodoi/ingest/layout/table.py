"""Rebuild a table's rows and columns from lines, whatever layout the reader left it in.

Plans print their tasks and indicators as tables; readers hand them over in three layouts:

- ``cells``: a reader with real tables (.docx, .pdf text layer, .xlsx) sets ``Line.cell``;
  rows and columns are read from it, columns mapped through the header row.
- ``cell_per_line``: a flattened table, one cell per line, empty cells left out (003). Rows
  start at a line that is only a row number ("12."); the cells that follow are assigned to
  columns in order by each column's vocabulary (a monotone alignment, so a missing cell is
  skipped, never misplaced before its left neighbour).
- ``interleaved``: OCR text of a table, where a physical line holds fragments of several
  columns side by side and a row's cells spread over several lines, the row number sitting on
  one of the middle lines (000, 002, 004). Rows are cut between consecutive row numbers where
  the first column's text starts anew; each line is split into column fragments by the
  vocabulary of the columns right of the first (agency names, output kinds, deadlines).

The row skeleton is the TT numbering: ``find_row_starts`` accepts row numbers and section
numerals only in sequence (1, 2, 3 ... 39, 39.1, 39.2, 40; I, II, III), which rejects numbers
inside the text and repairs a single garbled number between two good ones.

Reuse (the indicator parser does): describe the columns and call ``rebuild_rows``::

    columns = [
        ColumnSpec("name", fits=lambda t: 0.6, header=("chi tieu",), first=True),
        ColumnSpec("unit", fits=unit_score, header=("don vi",)),
        ColumnSpec("target", fits=target_score, header=("ket qua", "muc tieu")),
        ColumnSpec("lead", fits=agency_score, header=("chu tri", "theo doi")),
    ]
    region = find_table(lines, header_terms=("chi tieu", "don vi"))
    rows = rebuild_rows(lines[region.start:region.end], columns)

Each ``Row`` carries its code, kind ("row" or "section"), cells by column name (text, source
line numbers, confidence) and all its source lines. Nothing here raises on odd input: a
truncated or shuffled table yields fewer rows with lower confidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from itertools import pairwise

from theodoi.ingest.layout.classify import (
    damaged_section_code,
    glued_row_code,
    is_noise,
    roman_value,
    row_code,
    section_code,
    to_roman,
)
from theodoi.ingest.layout.debris import WORD, token_level
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.text import collapse_spaces, fold


@dataclass(frozen=True)
class ColumnSpec:
    """A table column: its name, how well a text fits its vocabulary (0..1), its header words.

    ``first`` marks the wide text column right after the row number (task name, indicator
    name): a row's first cell always goes there. ``continues(cell_text, fragment)`` scores
    how well a fragment carries on a cell already begun (for OCR'd tables whose cells wrap
    over lines interleaved with other columns). ``header`` holds folded words that name the
    column in a header row (used to map real table cells).
    """

    name: str
    fits: Callable[[str], float]
    header: tuple[str, ...] = ()
    first: bool = False
    # how well a fragment continues the cell's text so far (OCR layouts), 0..1; None: by case
    continues: Callable[[str, str], float] | None = None


@dataclass
class Cell:
    """One cell's text (lines joined), the source line numbers and a confidence 0..1."""

    text: str
    lines: list[int] = field(default_factory=list)
    confidence: float = 1.0

    def add(self, text: str, number: int) -> None:
        text = text.strip()
        if not text:
            return
        self.text = _join(self.text, text)
        if number not in self.lines:
            self.lines.append(number)


@dataclass
class Row:
    """A rebuilt table row: a numbered row ("row") or a section heading ("section")."""

    kind: str  # "row" | "section"
    code: str
    cells: dict[str, Cell] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)
    confidence: float = 1.0
    layout: str = ""
    # OCR layouts: per source line, the fragments of the columns right of the first one, in
    # reading order (kept so that a parser can rebuild a cell another way, and for review)
    fragments: list[tuple[int, list[str]]] = field(default_factory=list)

    def text(self, column: str) -> str | None:
        cell = self.cells.get(column)
        return cell.text if cell and cell.text else None


@dataclass(frozen=True)
class TableRegion:
    """Where a table sits in the line list: ``lines[start:end]``; ``header`` lines to drop."""

    start: int
    end: int
    header: frozenset[int] = frozenset()  # line numbers of (repeated) header rows


@dataclass(frozen=True)
class RowStart:
    index: int  # position in the line list
    kind: str  # "row" | "section"
    code: str
    rest: str  # text after the number on the same line
    repaired: bool = False


# ---------------------------------------------------------------------------------------
# Finding the table


_HEADER_WORDS = (
    "ten nhiem",
    "chu tri",
    "phoi hop",
    "ket qua",
    "thoi gian",
    "hoan thanh",
    "chi tieu",
    "theo doi",
    "danh gia",
    "thoi han",
    "don vi tinh",
)


def header_score(line: Line) -> int:
    """Return how many header words a line holds (a table header row scores 2 or more)."""
    return sum(1 for w in _HEADER_WORDS if w in line.key)


def find_table(
    lines: Sequence[Line],
    *,
    header_terms: Sequence[str | tuple[str, ...]],
    start: int = 0,
    stop_terms: Sequence[str | tuple[str, ...]] = (),
) -> TableRegion | None:
    """Find the table whose header holds ``header_terms`` (folded), from ``start`` on.

    The header is the first window of up to 6 lines holding every term; the table runs to the
    next window that holds every one of ``stop_terms`` (another table) or to the end. Header
    rows repeated on later pages are listed in ``header`` so that row rebuilding skips them.
    """
    n = len(lines)
    begin = None
    for i in range(start, n):
        if not _looks_like_header(lines[i]):
            continue
        window = " ".join(line.key for line in lines[max(0, i - 3) : i + 6] if len(line.key) < 120)
        if all(_has_term(window, term) for term in header_terms):
            begin = i
            break
    if begin is None:
        return None
    end = n
    for i in range(begin + 6, n):
        # the next appendix heading ends the table (a table runs over pages, not appendices)
        if re.match(r"^phu luc\b", lines[i].key) and len(lines[i].key) < 40:
            end = i
            break
    if stop_terms:
        for i in range(begin + 6, end):
            if not _looks_like_header(lines[i]):
                continue
            window = " ".join(line.key for line in lines[max(0, i - 3) : i + 6] if len(line.key) < 120)
            if all(_has_term(window, term) for term in stop_terms):
                end = i
                while end > begin and "phu luc" in " ".join(x.key for x in lines[max(begin, end - 4) : end]):
                    end -= 1
                break
    return TableRegion(begin, end, frozenset(_header_lines(lines, begin, end, header_terms)))


def _has_term(window: str, term: str | tuple[str, ...]) -> bool:
    """Return True when ``window`` holds ``term`` (or one of its alternatives)."""
    if isinstance(term, str):
        return term in window
    return any(t in window for t in term)


def _looks_like_header(line: Line) -> bool:
    """Return True for a line that can open a table header: "TT", "STT ..." or header words."""
    key = line.key
    if len(key) > 120:
        return False
    if re.match(r"^s?tt\b", key) or ("ten nhiem" in key and len(key) < 80):
        return True
    words = re.findall(r"[a-z]+", key)
    known = sum(1 for w in words if w in _HEADER_FRAGMENT_WORDS)
    return header_score(line) >= 2 and (known >= 0.6 * len(words) or len(key) < 50)


def _header_lines(lines: Sequence[Line], begin: int, end: int, terms: object) -> set[int]:
    """Return the numbers of lines that belong to a header row (first or repeated)."""
    out: set[int] = set()
    for i in range(begin, end):
        line = lines[i]
        if len(line.key) > 100 or not _looks_like_header(line):
            continue
        if row_code(line) and header_score(line) < 2:
            continue
        # grow the header block up and down over short lines made of header words and noise
        out.add(line.number)
        for step in (-1, 1):
            j = i + step
            while begin <= j < end and j - i < 5 and i - j < 5:
                other = lines[j]
                if _is_header_fragment(other):
                    out.add(other.number)
                    j += step
                else:
                    break
    return out


_HEADER_FRAGMENT_WORDS = {
    "tt",
    "stt",
    "co",
    "quan",
    "chu",
    "tri",
    "phoi",
    "hop",
    "ket",
    "qua",
    "thoi",
    "gian",
    "hoan",
    "thanh",
    "don",
    "vi",
    "ten",
    "nhiem",
    "vu",
    "theo",
    "doi",
    "danh",
    "gia",
    "chi",
    "tieu",
    "san",
    "pham",
}


def _is_header_fragment(line: Line) -> bool:
    """A short line of header words and noise, which a header block grows over.

    Raw tokens that are no Vietnamese word ("tPROLhOP", the scan's smudge of a heading cell)
    weigh nothing either way: "- tPROLhOP thành", the wrapped end of "Thời gian hoàn thành",
    is the heading's; a line needs a header word to be one.
    """
    words = re.findall(r"[a-z]+", line.key)
    if not line.key or not words:
        return bool(line.key == "" or re.fullmatch(r"[\W_]*", line.key))
    known = sum(1 for w in words if w in _HEADER_FRAGMENT_WORDS)
    if known and known / len(words) < 0.6:
        unknown = sum(1 for t in line.raw.split() if re.search(r"[A-Za-z]", t) and token_level(t) != WORD)
        words = words[: len(words) - min(unknown, len(words) - known)]
    return known / len(words) >= 0.6 and len(line.key) < 90 and not row_code(line)


# ---------------------------------------------------------------------------------------
# The row skeleton


def _title_like(text: str, share: float = 0.8) -> bool:
    """Return True for text that reads as words (a section title), not OCR debris.

    ``share``: how many of the first six tokens must be words of two letters or more.
    """
    tokens = text.split()[:6]
    if len(tokens) < 3:
        return False
    words = sum(1 for t in tokens if re.fullmatch(r"[^\W\d_]{2,}[,;.]?", t))
    return words >= share * len(tokens)


def _heading_text(text: str) -> bool:
    """Whether the text after a garbled numeral reads as a group heading's title.

    It either opens the title (capitalised, mostly words) or carries a wrapped title on
    with every word whole; a cell's debris after a stray "I" ("I aAe A Các Sở, ban,",
    "I nổ nổ e thị xã") does neither.
    """
    return _title_like(text, 1.0) or (_title_like(text) and text.lstrip(" |.-:")[:1].isupper())


@lru_cache(maxsize=4096)
def next_codes(code: str) -> list[str]:
    parts = code.split(".")
    out = [".".join([*parts[:-1], str(int(parts[-1]) + 1)])]
    if len(parts) < 3:
        out.append(code + ".1")
    for depth in range(len(parts) - 1, 0, -1):
        parent = parts[:depth]
        out.append(".".join([*parent[:-1], str(int(parent[-1]) + 1)]))
    # a group whose number is not a row of its own: 57 -> 58.1, 39.15 -> 40.1
    if len(parts) < 3:
        out.append(out[0] + ".1")
    if len(parts) == 2:
        out.append(str(int(parts[0]) + 1) + ".1")
    return out


def find_row_starts(
    lines: Sequence[Line], *, skip: frozenset[int] = frozenset(), inline: bool = True
) -> list[RowStart]:
    """Return the lines that open a row or a section, accepted in numbering order.

    A row number is accepted when it follows the previous accepted one (next number, first
    sub-number, or the parent's next); a section numeral when it is the next numeral (row
    numbers may restart at 1 in a new section). Gaps of one row are repaired from a line that
    opens with some other number, when one sits between the two good ones. ``inline`` allows
    text after the number on the same line (OCR layouts); otherwise the line must be only the
    number.
    """
    candidates: list[RowStart] = []
    for i, line in enumerate(lines):
        if line.number in skip or not line.key:
            continue
        sec = section_code(line)
        if sec is not None and (inline or not sec[1]):
            candidates.append(RowStart(i, "section", to_roman(sec[0]), sec[1]))
            continue
        damaged = damaged_section_code(line) if inline else None
        if damaged is not None and _heading_text(damaged[1]):
            candidates.append(RowStart(i, "section", to_roman(damaged[0]), damaged[1], repaired=True))
            continue
        code = row_code(line)
        if code is not None and (inline or not code[1]):
            for alternative in _code_readings(code[0]):
                candidates.append(RowStart(i, "row", alternative, code[1], repaired=alternative != code[0]))
        elif code is None and inline and (glued := glued_row_code(line)) is not None:
            candidates.append(RowStart(i, "row", glued[0], glued[1], repaired=True))
    return with_numbers_ahead_of_turn(_best_sequence(candidates), candidates)


def with_numbers_ahead_of_turn(starts: list[RowStart], candidates: list[RowStart]) -> list[RowStart]:
    """Add the rows whose printed number comes ahead of its turn ("72, 74, 73, 74, 75").

    A plan (or its OCR) now and then prints a row's number out of order; the numbering
    skeleton passes over it, and the row is lost into its neighbour. A line left out whose
    printed number is one or two past the next accepted number, sitting between two accepted
    rows numbered in turn (72 and 73), opens a row of its own with the number as printed
    (gold and reviewers read the table as printed). A stray number inside a cell is rarely
    just ahead of the row numbers, and one behind them ("3" between 5 and 6) is never taken.
    """
    taken = {start.index for start in starts}
    out: list[RowStart] = []
    for prev, nxt in pairwise(starts):
        out.append(prev)
        if prev.kind != "row" or nxt.kind != "row" or nxt.code != next_codes(prev.code)[0]:
            continue
        parent, last = nxt.code.rpartition(".")[::2]
        for cand in candidates:
            if (
                cand.kind != "row"
                or cand.repaired
                or cand.index in taken
                or not prev.index < cand.index < nxt.index
            ):
                continue
            head, number = cand.code.rpartition(".")[::2]
            if head == parent and 1 <= int(number) - int(last) <= 2:
                out.append(cand)
                break
    return [*out, starts[-1]] if starts else out


def _code_readings(code: str) -> list[str]:
    """Return the ways to read a printed row number; OCR drops the dot ("3916" for "39.16")."""
    if "." in code or not code.isdigit():
        return [code]
    if re.fullmatch(r"(?:19|20)\d\d", code):  # a year (a deadline cell), not a row number
        return []
    out = [code] if len(code) <= 3 else []
    if len(code) >= 3:
        for cut in range(1, len(code)):
            head, tail = code[:cut], code[cut:]
            if head[0] != "0" and tail[0] != "0" and len(tail) <= 2 and len(head) <= 2:
                out.append(f"{head}.{tail}")
    return out


def with_lost_dot(code: str, before: str) -> str | None:
    """The number due after ``before`` that ``code`` is with its dot lost, or None.

    A scan's small, faint dot goes first: "32" after 3.1 is 3.2, "391" after 39 is 39.1.
    Only a number due next is taken (a successor of ``before``), so a plain row number
    after a sub-number ("40" after 39.12) stays as it is.
    """
    if not code.isdigit() or not re.fullmatch(r"\d+(\.\d+)*", before or ""):
        return None
    return next((s for s in next_codes(before) if "." in s and s.replace(".", "") == code), None)


def follows(before: str, code: str) -> bool:
    """Whether ``code`` may come right after ``before`` (next number, first sub-number, parent's next).

    A row numbered in turn keeps its number even where a row after it was lost.
    """
    return bool(re.fullmatch(r"\d+(\.\d+)*", before or "")) and code in next_codes(before)


def number_between(before: str | None, after: str | None) -> str | None:
    """The one number a plain sequence prints between ``before`` and ``after``, or None.

    Between 7 and 9 stands 8, between 8.1 and 8.3 stands 8.2, between 8 and 8.2 stands 8.1,
    between 60.3 and 62 stands 61 (the parent's next). Anything else leaves more than one
    way (or none), and no number is made up.
    """
    if not before or not after or not re.fullmatch(r"\d+(\.\d+)*", f"{before}.{after}"):
        return None
    a, b = [int(x) for x in before.split(".")], [int(x) for x in after.split(".")]
    if len(a) == len(b) and a[:-1] == b[:-1] and b[-1] == a[-1] + 2:
        return ".".join(map(str, [*a[:-1], a[-1] + 1]))
    if b == [*a, 2]:
        return f"{before}.1"
    if len(a) == 2 and b == [a[0] + 2]:
        return str(a[0] + 1)
    return None


_LOOKBACK = 20
_KEEP = 3


def _best_sequence(candidates: list[RowStart]) -> list[RowStart]:
    """Pick the candidates that best form a numbering sequence (dynamic programming).

    Each accepted candidate gains 1 when its number follows the previous accepted one (next
    number, first sub-number, parent's next, 1 after a section numeral, next numeral); a
    number that skips one to three rows gains less (rows lost to OCR); a numbered line whose
    number is garbled may take the expected number at a lower gain (``repaired``).
    """
    # state: (section value, row code or None) -> (score, back pointer)
    start_state = (0, None, False)
    best: list[
        dict[
            tuple[int, str | None, bool], tuple[float, tuple[int, tuple[int, str | None, bool]] | None, bool]
        ]
    ] = []
    origin: dict[tuple[int, str | None, bool], float] = {start_state: 0.0}
    for j, cand in enumerate(candidates):
        here: dict[
            tuple[int, str | None, bool], tuple[float, tuple[int, tuple[int, str | None, bool]] | None, bool]
        ] = {}
        sources: list[tuple[int, tuple[int, str | None, bool], float]] = [
            (-1, st, sc) for st, sc in origin.items()
        ]
        for i in range(max(0, j - _LOOKBACK), j):
            if candidates[i].index == cand.index:  # two readings of one line never both count
                continue
            sources.extend((i, st, entry[0]) for st, entry in best[i].items())
        for i, state, score in sources:
            for new_state, gain, repaired in _transitions(state, cand):
                total = score + gain
                if new_state not in here or total > here[new_state][0]:
                    here[new_state] = (total, (i, state), repaired)
        if len(here) > _KEEP:
            here = dict(sorted(here.items(), key=lambda item: -item[1][0])[:_KEEP])
        best.append(here)
    final: tuple[int, tuple[int, str | None, bool]] | None = None
    final_score = 0.0
    for j, states in enumerate(best):
        for state, entry in states.items():
            if entry[0] > final_score:
                final_score, final = entry[0], (j, state)
    out: list[RowStart] = []
    while final is not None and final[0] >= 0:
        j, state = final
        score, back, repaired = best[j][state]
        cand = candidates[j]
        if cand.kind == "section" and state[2]:
            out.append(RowStart(cand.index, "section", to_roman(state[0]), cand.rest, repaired))
        else:
            code = state[1] or cand.code
            out.append(RowStart(cand.index, "row", code, cand.rest, repaired or code != cand.code))
        final = back
    out.reverse()
    return out


def _transitions(
    state: tuple[int, str | None, bool], cand: RowStart
) -> list[tuple[tuple[int, str | None, bool], float, bool]]:
    section, last_row, after_section = state
    out: list[tuple[tuple[int, str | None, bool], float, bool]] = []
    if cand.kind == "section" and cand.repaired:  # a lower-case numeral (damaged_section_code)
        due = to_roman(section + 1)
        if last_row is not None and cand.code in (due, due.removeprefix("I")) and cand.code != "I":
            out.append(((section + 1, last_row, True), 1.0 if cand.code == due else 0.5, True))
        return out
    if cand.kind == "section":
        value = roman_value(cand.code) or 0
        if value == section + 1:
            out.append(((value, last_row, True), 1.0, False))
        elif section + 1 < value <= section + 4 and (len(cand.code) >= 2 or _title_like(cand.rest)):
            out.append(((value, last_row, True), 1.0 - 0.3 * (value - section - 1), False))
        if value != section + 1 and last_row is not None and _heading_text(cand.rest):
            # a garbled numeral ("I" for "III", "V" for "IV") heading a title where the next
            # section is due
            out.append(((section + 1, last_row, True), 0.2, True))
        if cand.code == "I":  # OCR prints the row number 1 as I
            out.extend(_row_transitions(section, last_row, after_section, "1", 0.8))
        return out
    return _row_transitions(section, last_row, after_section, cand.code, 0.6 if cand.repaired else 1.0)


# What relabelling a numbered line gains when its printed number is not the expected one
# with digits lost ("7" where 28 is due: a stray digit of another column, a row number
# OCR lost elsewhere): little, so a garbled line is not taken as a row only to fill the count.
RELABEL_OTHER = 0.1


def _lost_digits(printed: str, expected: str) -> bool:
    """Whether OCR may have read ``expected`` as ``printed`` by losing digits ("8" for "28")."""
    a, b = printed.replace(".", ""), expected.replace(".", "")
    return bool(a) and len(a) < len(b) and (b.endswith(a) or b.startswith(a))


def _row_transitions(
    section: int, last_row: str | None, after_section: bool, code: str, weight: float
) -> list[tuple[tuple[int, str | None, bool], float, bool]]:
    out: list[tuple[tuple[int, str | None, bool], float, bool]] = []
    if last_row is None:
        if code in ("1", "1.1"):
            out.append(((section, code, False), 1.0 * weight, False))
        else:  # a table cut short at the top starts anywhere
            out.append(((section, code, False), 0.4 * weight, False))
        return out
    successors = next_codes(last_row)
    if code in successors or (after_section and code == "1"):
        out.append(((section, code, False), 1.0 * weight, False))
        return out
    if after_section and code == last_row:
        # a new group's first row printed with the number of the group above's last row
        # (the plan's own misnumbering: "15" ends group I and opens group II)
        out.append(((section, code, False), 0.8 * weight, False))
    main = successors[0]
    main_parts, parts = main.split("."), code.split(".")
    if len(parts) == len(main_parts) and parts[:-1] == main_parts[:-1]:
        gap = int(parts[-1]) - int(main_parts[-1])
        if 1 <= gap <= 3:
            out.append(((section, code, False), (1.0 - 0.45 * gap) * weight, False))
    for successor in successors:
        # a relabel into a deeper number must not come for free (the parent's next number
        # still follows it), so it only pays where it lets the next printed sub-number in
        gain = 0.35 if successor.count(".") <= last_row.count(".") else -0.3
        if gain > 0 and not _lost_digits(code, successor):
            gain = RELABEL_OTHER
        out.append(((section, successor, False), gain * weight, True))
    return out


# ---------------------------------------------------------------------------------------
# Rebuilding rows


def detect_layout(lines: Sequence[Line]) -> str:
    """Return "cells", "cell_per_line" or "interleaved" for a table's lines."""
    if lines and sum(1 for line in lines if line.cell is not None) >= len(lines) / 2:
        return "cells"
    alone = inline = 0
    for line in lines:
        code = row_code(line)
        if code is None:
            continue
        if code[1]:
            inline += 1
        else:
            alone += 1
    return "cell_per_line" if alone > 0 and inline <= 0.1 * alone else "interleaved"


def rebuild_rows(
    lines: Sequence[Line],
    columns: Sequence[ColumnSpec],
    *,
    layout: str | None = None,
    skip: frozenset[int] = frozenset(),
) -> list[Row]:
    """Rebuild table rows from ``lines`` (one table's lines) into ``columns``.

    ``skip`` holds source line numbers to ignore (header rows). The layout is detected when not
    given. Returns rows and section headings in document order.
    """
    body = [line for line in lines if line.number not in skip and not is_noise(line)]
    layout = layout or detect_layout(body)
    if layout == "cells":  # real cells: the header row maps the columns, so keep it
        rows = _rows_from_cells([line for line in lines if line.cell is not None], columns)
        for row in rows:
            row.layout = layout
        return rows
    starts = find_row_starts(body, inline=layout != "cell_per_line")
    if layout == "cell_per_line":
        rows = _rows_cell_per_line(body, starts, columns)
    else:
        from theodoi.ingest.layout.interleaved import rows_interleaved

        rows = rows_interleaved(body, starts, columns)
    for row in rows:
        row.layout = layout
    return rows


def _section_row(start: RowStart, lines: Sequence[Line], upto: int) -> Row:
    cell = Cell("", [], 0.9)
    if start.rest:
        cell.add(start.rest, lines[start.index].number)
    for line in lines[start.index + 1 : upto]:
        cell.add(line.text, line.number)
    cell.text = cell.text.strip(" .:-")
    return Row("section", start.code, {"title": cell}, [lines[start.index].number, *cell.lines], 0.9)


def _rows_cell_per_line(
    lines: Sequence[Line], starts: list[RowStart], columns: Sequence[ColumnSpec]
) -> list[Row]:
    rows: list[Row] = []
    for k, start in enumerate(starts):
        upto = starts[k + 1].index if k + 1 < len(starts) else len(lines)
        if start.kind == "section":
            rows.append(_section_row(start, lines, upto))
            continue
        body = [line for line in lines[start.index + 1 : upto] if line.key]
        if start.rest:
            body.insert(0, lines[start.index])
        texts = [start.rest if line is lines[start.index] else line.text for line in body]
        assignment, confidence = align(texts, columns)
        row = Row("row", start.code, {}, [lines[start.index].number], 0.6 if start.repaired else 0.95)
        for line, text, col in zip(body, texts, assignment, strict=True):
            cell = row.cells.setdefault(columns[col].name, Cell("", [], 1.0))
            cell.add(text, line.number)
            if line.number not in row.lines:
                row.lines.append(line.number)
        for name, cell in row.cells.items():
            cell.confidence = round(min(confidence.get(name, 0.8), row.confidence), 3)
        rows.append(row)
    return rows


def align(
    texts: Sequence[str], columns: Sequence[ColumnSpec], *, stay: float = 0.45, skip: float = 0.12
) -> tuple[list[int], dict[str, float]]:
    """Assign each text to a column, in column order, maximising vocabulary fit.

    A monotone alignment (Viterbi): texts go left to right through the columns, a column may
    be skipped (an empty cell) at a small cost, and a column may take several texts (a cell
    wrapped over lines) at cost ``stay``. The first text goes to the ``first`` column when
    there is one. Returns the column index per text and a confidence per column name.
    """
    n, m = len(texts), len(columns)
    if n == 0 or m == 0:
        return [], {}
    neg = float("-inf")
    fit = [[_clip(columns[c].fits(t)) for c in range(m)] for t in texts]
    first = next((c for c, col in enumerate(columns) if col.first), None)
    score = [[neg] * m for _ in range(n)]
    back = [[0] * m for _ in range(n)]
    for c in range(m):
        if first is not None and c != first:
            continue
        score[0][c] = fit[0][c] - sum(skip + 0.02 * (m - j) for j in range(c))
    for i in range(1, n):
        for c in range(m):
            best, arg = neg, 0
            for p in range(c + 1):
                if score[i - 1][p] == neg:
                    continue
                s = score[i - 1][p] - (
                    stay if p == c else sum(skip + 0.02 * (m - j) for j in range(p + 1, c))
                )
                if s > best:
                    best, arg = s, p
            score[i][c] = best + fit[i][c] if best != neg else neg
            back[i][c] = arg
    c = max(range(m), key=lambda k: score[n - 1][k])
    out = [0] * n
    for i in range(n - 1, -1, -1):
        out[i] = c
        c = back[i][c]
    confidence: dict[str, float] = {}
    for i, col in enumerate(out):
        name = columns[col].name
        confidence[name] = min(confidence.get(name, 1.0), 0.5 + 0.5 * fit[i][col])
    return out, confidence


def _clip(value: float) -> float:
    return max(0.0, min(1.0, value))


def _rows_from_cells(lines: Sequence[Line], columns: Sequence[ColumnSpec]) -> list[Row]:
    """Rows from real table cells: the header row maps columns; TT gives code or section."""
    grid: dict[tuple[int, int], dict[int, list[Line]]] = {}
    for line in lines:
        if line.cell is None:
            continue
        grid.setdefault((line.cell.table, line.cell.row), {}).setdefault(line.cell.col, []).append(line)
    mapping: dict[int, dict[int, str]] = {}  # table -> col -> column name
    code_col: dict[int, int] = {}
    opened: set[int] = set()  # tables whose first row has been read
    under_header: set[int] = set()  # tables whose header row was the last row read
    rows: list[Row] = []
    for (table, _r), cells in sorted(grid.items()):
        texts = {
            col: collapse_spaces(reduce(_join, (x.text.strip() for x in ls), "")) for col, ls in cells.items()
        }
        if table not in mapping:
            found = _map_header(texts, columns)
            if found:
                mapping[table] = found[0]
                code_col[table] = found[1]
                under_header.add(table)
                continue
            if mapping:  # a table continued on the next page without its header row
                previous = max(mapping)
                mapping[table], code_col[table] = mapping[previous], code_col[previous]
        if table in under_header:
            under_header.discard(table)
            if _header_second_row(texts, code_col[table], columns, mapping[table]):
                continue
        cols = mapping.get(table)
        if cols is None:
            continue
        # the number as read, not as restored: restoration takes "IH" (a scan's III) for a word
        code_text = fold(" ".join(x.raw for x in cells.get(code_col[table], []))).strip(" .")
        numbers = [x.number for ls in cells.values() for x in ls]
        if not code_text and not any(texts.get(c) for c in cols):
            continue
        first_row = table not in opened
        opened.add(table)
        tail = first_row and rows and rows[-1].kind == "row"
        if not code_text and tail and row_tail_over_page([texts.get(c, "") for c in sorted(cols)]):
            for col, name in cols.items():
                for line in cells.get(col, []):
                    rows[-1].cells.setdefault(name, Cell("", [], 0.9)).add(line.text, line.number)
            rows[-1].lines.extend(n for n in numbers if n not in rows[-1].lines)
            continue
        # a scan's "II" often comes back as "H" ("IH", "VH") and "I" as "|": in a TT cell they are no
        # letters of their own
        roman = code_text.replace("h", "ii").replace("|", "i").replace(" ", "")
        sec = roman_value(roman) if code_text and not code_text[0].isdigit() else None
        if (
            not sec
            and not re.fullmatch(r"\d{1,3}(\.\d{1,3}){0,2}", code_text)
            and _title_only(cells, code_col[table])
        ):
            sec = -1  # a section whose number the scan lost: ``_repair_codes`` numbers it in turn
        if sec:
            title = " ".join(texts[c] for c in sorted(texts) if c != code_col[table] and texts[c])
            code, confidence = (to_roman(sec), 0.95) if sec > 0 else ("", 0.6)
            rows.append(
                Row("section", code, {"title": Cell(title, numbers, confidence)}, numbers, confidence)
            )
            continue
        # four digits or five may be a sub-number whose dot the scan lost ("3913"): see _repair_codes
        code = code_text if re.fullmatch(r"\d{1,3}(\.\d{1,3}){0,2}|\d{4,5}", code_text) else ""
        row = Row("row", code, {}, numbers, 0.95 if code else 0.6)
        for col, name in cols.items():
            if texts.get(col):
                row.cells[name] = Cell(texts[col], [x.number for x in cells[col]], 0.95)
        rows.append(row)
    _repair_codes(rows)
    return rows


def _repair_codes(rows: list[Row]) -> None:
    """Give a row (or section) whose number is missing or misread the one its neighbours tell.

    A scan's TT cell may come back empty or wrong ("5" for "3", "90" for "50", "S4" for "54")
    or lose its dot ("391" for 39.1, see ``with_lost_dot``); the task numbers run on through
    the table, so a row between 2 and 4 is 3, between 39.12 and 39.14 is 39.13 (see
    ``number_between``). The number is marked as inferred (the row's confidence drops to 0.6).
    """
    # sections run I, II, III: one read as the one before ("II" as "I") is the next, and so is
    # one read past the next when a later section reads below it ("X" for V before VI): a
    # section lost from the table skips a numeral, but the ones after it go on from there
    sections = [row for row in rows if row.kind == "section"]
    last_section = 0
    for k, row in enumerate(sections):
        value = roman_value(row.code) or 0
        later = [roman_value(r.code) or 0 for r in sections[k + 1 :]]
        if value <= last_section or (
            value > last_section + 1 and any(last_section < v < value for v in later)
        ):
            row.code, row.confidence = to_roman(last_section + 1), min(row.confidence, 0.6)
        last_section = roman_value(row.code) or last_section
    numbered = [row for row in rows if row.kind == "row"]
    for before, row in pairwise([None, *numbered]):
        dotted = with_lost_dot(row.code, before.code) if before else None
        if dotted:
            row.code, row.confidence = dotted, min(row.confidence, 0.6)
        elif len(row.code) > 3 and row.code.isdigit():  # no row number has four digits
            row.code, row.confidence = "", min(row.confidence, 0.6)
    for k, row in enumerate(numbered[1:-1], start=1):
        expected = number_between(numbered[k - 1].code, numbered[k + 1].code)
        if expected and row.code != expected and not follows(numbered[k - 1].code, row.code):
            row.code = expected
            row.confidence = min(row.confidence, 0.6)


def _title_only(cells: dict[int, list[Line]], code_col: int) -> bool:
    """Return True for a row whose one cell besides TT is merged over the other columns: a title.

    Only readers that see merged cells (OCR'd ruled tables) give a span; a task row has its
    own lead, output and deadline cells.
    """
    others = [ls for col, ls in cells.items() if col != code_col and any(x.key for x in ls)]
    return len(others) == 1 and all(x.cell is not None and x.cell.span >= 3 for x in others[0])


def row_tail_over_page(texts: Sequence[str]) -> bool:
    """Return True when an unnumbered first row of a table (the header aside) ends the row before.

    Word and LibreOffice let a row break across pages, so the PDF's table on the next page
    opens with the row's tail: no number in the TT cell, its first text carrying on a sentence
    ("điện tử", "lược.", "(đến năm 2030, 2045)", "45-NQ/TW ngày ..."). A group heading in that
    place starts with a capital letter.
    ``texts`` are the row's cells left to right.
    """
    first = next((t for t in texts if t), "")
    return bool(first) and not first[0].isupper()


def _map_header(texts: dict[int, str], columns: Sequence[ColumnSpec]) -> tuple[dict[int, str], int] | None:
    keys = {col: fold(t) for col, t in texts.items()}
    code_col = next((c for c, k in sorted(keys.items()) if letters_only(k) in ("tt", "stt", "so tt")), None)
    if code_col is None:
        return None
    out: dict[int, str] = {}
    for spec in columns:
        best = next(
            (
                c
                for c, k in sorted(keys.items())
                if c not in out and c != code_col and any(names_column(k, h) for h in spec.header)
            ),
            None,
        )
        if best is not None:
            out[best] = spec.name
    return (out, code_col) if out else None


def _header_second_row(
    texts: dict[int, str], code_col: int, columns: Sequence[ColumnSpec], mapping: dict[int, str]
) -> bool:
    """Read a header's second row into ``mapping``; False when the row is the table's first row.

    Plans often head two columns with one merged cell ("Cơ quan thực hiện") over "Chủ trì" and
    "Phối hợp" on a second header row; the TT and other cells above are merged down, so Word
    repeats their text or leaves them empty. A row with no number whose named cells match
    column headings is that second row: its cells name their columns (over whatever the merged
    cell above was taken for).
    """
    if fold(texts.get(code_col, "")).strip(" .") not in ("", *(letters_only(fold(t)) for t in ("TT", "STT"))):
        return False
    found: dict[int, str] = {}
    for col, text in sorted(texts.items()):
        key = fold(text)
        if col == code_col or not key:
            continue
        spec = next((c for c in columns if any(names_column(key, h) for h in c.header)), None)
        if spec is None:
            return False  # a cell no heading names: a task row's text
        found[col] = spec.name
    if not found:
        return False
    for col, name in found.items():
        for other in [c for c, n in mapping.items() if n == name and c not in found]:
            del mapping[other]
        mapping[col] = name
    return True


def names_column(key: str, term: str) -> bool:
    """Whether a header cell's folded text ``key`` holds the column's ``term`` ("phoi hop").

    A scan may glue two words of a header ("Cơ quan phốihợp"), so the words are compared
    without their spaces too; a header cell holds a few words, so no other term is made up.
    """
    return term in key or term.replace(" ", "") in key.replace(" ", "")


def letters_only(key: str) -> str:
    """A folded cell's letters and single spaces only: "tt. -" (a scan's "TT" and its dust) is "tt"."""
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", key).split())


def _join(left: str, right: str) -> str:
    """Join two pieces of a cell: undo end-of-line hyphenation, else one space.

    A document number or code wrapped at its own hyphen ("57-" / "NQ/TW", "COVID-" / "19")
    joins with no space.
    """
    if not left:
        return right
    if left.endswith("-") and not left.endswith(" -") and right[:1].islower():
        return left[:-1] + right
    if re.search(r"(?:^|\s)(?:\d+|[A-ZĐ]{2,})-$", left) and re.match(r"[A-ZĐ0-9]", right):
        return left + right
    return f"{left} {right}"
