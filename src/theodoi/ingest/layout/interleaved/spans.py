"""Row spans: the line range of each row, cut between consecutive row numbers.

The row number sits on a middle line of an interleaved row, so the cut between two numbers
is searched where a new task name starts (a capitalised line after a finished one, balanced
around the numbers), moved up for a tall cell opening above, kept after a page's repeated
heading, and kept off agency lines that carry on across it. A group's title ends at a page
break: the next page's lines above the first row's name are that row's cells. Block rows whose number OCR lost
are added where the numbering skips exactly one row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from theodoi.ingest.layout.classify import damaged_section_code
from theodoi.ingest.layout.interleaved.agency_lines import (
    agency_line_carried_on,
    finishes_agency_above,
    opens_agency_carried_on,
    opens_next_rows_cell,
)
from theodoi.ingest.layout.interleaved.blocks import _blocks, _is_block_row
from theodoi.ingest.layout.interleaved.headers import header_lines
from theodoi.ingest.layout.interleaved.output_gaps import output_after_gap
from theodoi.ingest.layout.interleaved.row_lines import (
    _is_alone,
    _name_like_start,
    _nonblank,
    _previous_nonblank,
    _text_after_code,
)
from theodoi.ingest.layout.interleaved.words import (
    _ENDS_OPEN,
    TASK_VERBS,
    _agency_words_only,
    _is_other_column,
    fold,
)
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.layout.table import RowStart, next_codes


def _row_spans(
    lines: Sequence[Line], starts: list[RowStart], spilled: set[int] | None = None
) -> list[tuple[int, int]]:
    """Return [lo, hi) line ranges per row start, cutting between consecutive numbers.

    A row's tall cell that opens above its name's first line (``_tall_cell_start``) takes
    its lines along; their indices are added to ``spilled``: they hold no name text.
    """
    n = len(starts)
    heading = header_lines(lines, 0, len(lines))  # a heading read again counts for no row
    cuts = [starts[0].index if _is_alone(starts[0]) else _head_start(lines, -1, starts[0].index)]
    if not _is_alone(starts[0]):
        name_start, cuts[0] = cuts[0], _tall_cell_start(lines, -1, cuts[0], heading)
        if spilled is not None:
            spilled.update(range(cuts[0], name_start))
    for k in range(1, n):
        prev, cur = starts[k - 1], starts[k]
        if _is_alone(cur) and cur.kind == "row":
            cuts.append(cur.index)
            continue
        if _is_alone(prev) and prev.kind == "row" and cur.kind == "section":
            # a row whose number stands alone has its cells below it: the group heading
            # after it begins no higher than its title's first line above the numeral
            cuts.append(_head_start(lines, prev.index, cur.index))
            continue
        if cur.kind == "section" and damaged_section_code(lines[cur.index]) is not None:
            # a heading whose numeral OCR damaged was found at its line's start (the numeral
            # opens the line): no line above it is part of its title
            cuts.append(cur.index)
            continue
        if _is_block_row(lines, prev, cur.index):
            # a block row's cells hang below its number; the next row opens after them
            last_block = _last_block_end(lines, prev.index, cur.index)
            cuts.append(_split_between(lines, last_block, cur.index, 0, heading))
            continue
        before = _nonblank(lines, cuts[-1], prev.index, heading)
        name_start = _split_between(lines, prev.index, cur.index, before, heading)
        cuts.append(_tall_cell_start(lines, prev.index, name_start, heading))
        if prev.kind == "section":
            cuts[-1] = min(cuts[-1], _group_title_end(lines, prev.index, name_start))
        if spilled is not None:
            spilled.update(range(cuts[-1], name_start))
    spans = []
    for k in range(n):
        lo = cuts[k]
        hi = cuts[k + 1] if k + 1 < n else _tail_end(lines, starts[k].index, len(lines))
        spans.append((min(lo, starts[k].index), max(hi, starts[k].index + 1)))
    return spans


def _group_title_end(lines: Sequence[Line], a: int, b: int) -> int:
    """The line after a group's title (numbered at ``a``) above the next row's name at ``b``.

    The title spans the table's width and holds no cells, so it ends at a page break (a
    group heading never runs on past the page's repeated table heading) or before a line of
    other columns' words after its finished last line ("... quốc phòng và an ninh" /
    "Các Sở, ban, ngành; | Kế hoạch"): the lines from there are the row's cells opening
    above its name.
    """
    page = _page_break(lines, a, b)
    end = b if page is None else page
    for i in range(a + 1, end):
        prev = _previous_nonblank(lines, a, i)
        if prev is not None and not _ENDS_OPEN.search(fold(lines[prev].text)) and _cells_only(lines[i].text):
            return i
    return end


def _cells_only(text: str) -> bool:
    """Whether a line holds other columns' words only, opened by a capitalised agency head or
    output kind, after at most a few stray marks ("L aAe A Các Sở, ban, ngành; | Kế hoạch")."""
    tokens = text.replace("|", " ").split()
    k = next(
        (k for k, t in enumerate(tokens) if t[:1].isupper() and _is_other_column(" ".join(tokens[k:]))), None
    )
    return (
        k is not None and all(len(t) <= _STRAY_LENGTH for t in tokens[:k]) and _agency_words_only(tokens[k:])
    )


# Tokens this short before a line's cells are stray marks OCR left ("L", "aAe", "A").
_STRAY_LENGTH = 3


def with_unnumbered_block_rows(lines: Sequence[Line], starts: list[RowStart]) -> list[RowStart]:
    """Add a block row whose number OCR lost where the numbering skips exactly that row.

    On a page read as blocks (each cell a blank-separated block, the number alone above
    them), a row number printed faint or small is dropped, and the row's blocks fall into
    the row above or the heading below ("8", then a name block, agency, output and deadline
    blocks, then "II." and "10"). Between two accepted numbers that skip one (a group heading
    may stand between), a blank line followed by a capitalised line opening with a task verb
    and at least three more blocks before the next start is that row: it gets the missing
    number (marked repaired) on the blank line, so it is read as a block row.
    """
    out: list[RowStart] = []
    rows = [k for k, start in enumerate(starts) if start.kind == "row"]
    after: dict[int, RowStart] = {k: starts[j] for k, j in pairwise(rows)}
    for k, start in enumerate(starts):
        out.append(start)
        following = after.get(k)
        if following is None or k + 1 >= len(starts):
            continue
        missing = next_codes(start.code)[0]
        if following.code != next_codes(missing)[0]:
            continue
        found = _unnumbered_block_start(lines, start.index, starts[k + 1].index)
        if found is not None:
            out.append(RowStart(found, "row", missing, "", repaired=True))
    return out


def _unnumbered_block_start(lines: Sequence[Line], a: int, b: int) -> int | None:
    """The blank line above a task name block that opens three more blocks before ``b``."""
    for i in range(a + 2, b):
        if lines[i - 1].key or not lines[i].key:
            continue
        if not (_name_like_start(lines[i].text) and fold(lines[i].text).startswith(TASK_VERBS)):
            continue
        blocks = _blocks(lines, i, b)
        if len(blocks) >= 4 and not any(opens_page for _, opens_page in blocks[1:]):
            return i - 1
    return None


def _last_block_end(lines: Sequence[Line], a: int, b: int) -> int:
    """The last line of the blocks below a block row's number at ``a``, before the row at ``b``.

    A block row prints its number alone and each cell as a blank-separated block below it;
    the next row's own lines (an interleaved row's head above its number) come after the
    last blank line or page break. Lines past that break (a name's carry-on onto the next
    page: "quyết 57-NQ/TW") still go to the block row unless a name opens there.
    """
    end = a
    for k in range(a + 1, b):
        if not lines[k].key or lines[k].number - lines[k - 1].number >= 3:
            end = max(end, k - 1)
    return end


def _head_start(lines: Sequence[Line], prev: int, code: int) -> int:
    """Where the first row begins: up to a few lines above its number."""
    lo = code
    taken = 0
    for i in range(code - 1, max(prev, code - 8), -1):
        if not lines[i].key:
            continue
        if _name_like_start(lines[i].text):
            lo = i
            break
        taken += 1
        if taken > 4:
            break
    return lo


def _tail_end(lines: Sequence[Line], code: int, end: int) -> int:
    """Where the last row ends: its number plus as many lines below as there are above, say."""
    return end


def _split_between(
    lines: Sequence[Line],
    a: int,
    b: int,
    before_a: int,
    heading: set[int] | frozenset[int] = frozenset(),
) -> int:
    """Return the first line of the row numbered at ``b`` (lines a+1..b belong to a or b).

    Each capitalised line that can open a name is scored: the rows' lines balanced around
    the first number, a line above that finishes a sentence ('.'; less for ';', which also
    ends one item of a name that lists several: "... Tây Nguyên;" / "Xây dựng phòng thí
    nghiệm ..."), a task verb opening it. ``heading``: lines of a table heading read again,
    counted for neither row and never the line above.
    """
    candidates = [
        i
        for i in range(a + 1, b + 1)
        if lines[i].key
        and i not in heading
        and _name_like_start(_text_after_code(lines[i], i == b))
        and not _finishes_agency_above(lines, a, i, heading)
    ]
    gap = [i for i in range(a + 1, b) if lines[i].key and i not in heading]
    if candidates in ([], [b]) and gap and opens_agency_carried_on(lines[gap[-1]].text, lines[b].text):
        return gap[-1]
    if not candidates:
        return gap[len(gap) // 2] if len(gap) > 1 else b
    best, best_score = b, float("-inf")
    page = _page_break(lines, a, b)
    for i in candidates:
        # a row cut by a page break centres its number on the first page's part only
        after_a = _nonblank(lines, a + 1, page if page is not None and i >= page else i, heading)
        score = 1.0 - 0.25 * abs(after_a - before_a)
        # a page's first line has its line above on the page before: no phrase runs on across
        prev = _previous_nonblank(lines, a, i, heading) if i != page else None
        # a word's own full stop; a lone dot after a blank is a stray mark (". a nghệ . .")
        if prev is not None and re.search(r"(?<=[\w)])[.:)]\s*$", lines[prev].text):
            score += 0.6
        elif prev is not None and re.search(r";\s*$", lines[prev].text):
            score += 0.3  # a ';' also ends an item of a name that lists several
        if (
            prev is not None
            and _ENDS_OPEN.search(fold(lines[prev].text))
            and not _is_other_column(lines[prev].text)
        ):
            score -= 0.5  # the line before ends mid-phrase: the name carries on (not a list of agencies)
        if fold(_text_after_code(lines[i], i == b)).startswith(TASK_VERBS):
            score += 0.5
        if i == b:
            score -= 0.3
        if score > best_score:
            best, best_score = i, score
    prev = _previous_nonblank(lines, a, best, heading)
    if prev is not None and prev > a and agency_line_carried_on(lines[prev].text, lines[best].text):
        return prev  # the row's agency cell opens a line above its name
    return best


def _finishes_agency_above(lines: Sequence[Line], a: int, i: int, heading: set[int] | frozenset[int]) -> bool:
    """Whether line ``i`` carries on an agency one of the two lines above it left open (no name).

    The agency's first line may stand above the row number's line, which holds other cells.
    """
    above = i
    for _ in range(2):
        above = _previous_nonblank(lines, max(a - 2, 0), above, heading)
        if above is None:
            return False
        if finishes_agency_above(lines[above].text, lines[i].text):
            return True
    return False


# A line holding a few words of other columns only: a narrow cell's line, no name text.
_FEW_WORDS = 6


def _tall_cell_start(
    lines: Sequence[Line], a: int, best: int, heading: set[int] | frozenset[int] = frozenset()
) -> int:
    """Move the cut between rows ``a`` and ``best`` up to where the lower row's tall cell opens.

    From the cut up, over the lines that hold a few other-column words only (no name text,
    not across a page break), the highest that opens an unfinished agency
    (opens_next_rows_cell) starts the lower row, unless the line above it ends its own
    agency list with "," or ";" (the row above's cell lists on).
    """
    cut = best
    for i in range(best - 1, a, -1):
        if i in heading or not lines[i].key:
            continue
        if lines[i + 1].number - lines[i].number >= 3:
            break
        text = lines[i].text
        cell = output_after_gap(text)[0]  # an output opening past a gap is another cell's: left
        # out of both the word count and the agency's opening
        if _name_like_start(text) or len(re.findall(r"\w{2,}", cell)) > _FEW_WORDS:
            break
        if opens_next_rows_cell(cell):
            above = _previous_nonblank(lines, max(a, 0), i, heading)
            if above is None or not re.search(r"[,;]\s*$", lines[above].text):
                cut = i
    return cut


def _page_break(lines: Sequence[Line], a: int, b: int) -> int | None:
    """The first line in lines[a+1..b] after a page's repeated heading, None if no page breaks.

    The table's lines come without the heading read again at each page's top (the table
    region lists it as header lines), so a page break shows as a jump of two source lines
    or more in the line numbers.
    """
    for k in range(a + 1, b + 1):
        if lines[k].number - lines[k - 1].number >= 3:
            return k
    return None
