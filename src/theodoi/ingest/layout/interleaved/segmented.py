"""The support and output cells rebuilt from per-line segmentation of each line's rest.

The per-line dynamic programming (``layout.segment``) reads these columns better than the
fragment alignment; each line's rest right of the first column is segmented here and its
support and output spans replace the aligned cells. A line of agency words alone above a row's
name opens the partners' cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.layout.interleaved.agency_lines import agency_line_fragment
from theodoi.ingest.layout.interleaved.compound_debris import compound_heads
from theodoi.ingest.layout.interleaved.row_lines import _nonblank
from theodoi.ingest.layout.interleaved.words import _agency_words_only, fold
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.layout.segment import AGENCY, DROP, OUTPUT, column_kind
from theodoi.ingest.layout.table import Cell, ColumnSpec, Row

# The columns whose cells the per-line segmentation (``segment``) reads better than the
# opener-word cut, measured on both OCR'd dev plans (000, 002): partners and outputs. The
# first column's cut, the lead and the deadline stay with the heuristics, which scored
# better or equal there.
SEGMENTED_COLUMNS = ("support", "output")


def _use_segmented_cells(row: Row, segmented: Row, names: Sequence[str]) -> None:
    for key in names:
        if key in segmented.cells:
            row.cells[key] = segmented.cells[key]
        else:
            row.cells.pop(key, None)


def segmented_rest(
    rests: Sequence[tuple[int, str]],
    others: Sequence[ColumnSpec],
    debris: dict[int, frozenset[str]] | None = None,
    *,
    partner_lines: set[int] | frozenset[int] = frozenset(),
    whole: dict[int, frozenset[str]] | None = None,
) -> Row:
    """Rebuild the columns right of the first from each line's rest, segmented line by line.

    ``rests`` are (line number, the line's text right of the first column's cut). A deadline
    column is left out (its tail is taken off the line before the cut); each line's labels
    carry the cells so far into the next line's segmentation. The lines of
    ``partner_lines`` go to the partners' column whole (``partner_column``). ``whole`` holds
    per line the words OCR read whole (``debris.whole_words``), costly to drop.
    """
    from theodoi.ingest.layout.segment import DEADLINE, Carry, column_kind, segment_line, spans

    kinds = [column_kind(c.fits, first=False) for c in others]
    seg_cols = list(others[:-1]) if kinds[-1] == DEADLINE else list(others)
    seg_kinds = kinds[: len(seg_cols)]
    row = Row("row", "", {}, [])
    cells = [Cell("", [], 0.7) for _ in seg_cols]
    carry = Carry()
    partner = partner_column(seg_cols)
    for number, rest in rests:
        tokens = re.findall(r"\||[^\s|]+", rest)
        if number in partner_lines and partner is not None:
            # the partners' opening words, then an output's opening past a gap mark (output_gaps)
            cut = tokens.index("|") if "|" in tokens and OUTPUT in seg_kinds else len(tokens)
            labels = [partner] * cut + [DROP] + [seg_kinds.index(OUTPUT)] * (len(tokens) - cut - 1)
            labels = labels[: len(tokens)]
        else:
            read = whole.get(number, frozenset()) if whole else frozenset()
            labels = segment_line(
                tokens, seg_kinds, width=None, carry=carry, whole=[t in read for t in tokens], fluent=True
            )
        parts = spans(tokens, labels)
        parts = _without_output_debris(
            parts, seg_kinds, debris.get(number, frozenset()) if debris else frozenset()
        )
        for c, part in sorted(parts.items()):
            cells[c].add(part, number)
        row.fragments.append((number, [parts[c] for c in sorted(parts)]))
        carry = Carry({c: cells[c].text for c in range(len(seg_cols))})
    for col, kind, cell in zip(seg_cols, seg_kinds, cells, strict=True):
        if cell.text and (kind != OUTPUT or any(ch.isalpha() for ch in cell.text)):
            # an output names a document or a result in words: figures alone are a page
            # number or a stray mark OCR read below the cell ("29")
            row.cells[col.name] = cell
    return row


def partner_column(columns: Sequence[ColumnSpec]) -> int | None:
    """The index of the partners' column: the second of two agency columns, None without two."""
    agency = [k for k, c in enumerate(columns) if column_kind(c.fits, first=False) == AGENCY]
    return agency[1] if len(agency) >= 2 else None


# How many lines above a row's number a line of agency words alone must stand to open the
# partners' cell: a cell centred on the number and opening that high spans seven lines or more
# (measured on 000/002: two lines, a five-line cell, also takes leads that name two agencies).
_PARTNER_OPENING_LINES = 3
# Agency words of two letters or less, kept where the stray marks OCR leaves are set aside.
_SHORT_AGENCY_WORDS = frozenset({"so", "va", "bo", "y", "te"})


def _partner_opening(lines: Sequence[Line], i: int, number: int, text: str, opened: bool) -> list[str] | None:
    """The words of line ``i`` (``text``) when it opens the partners' cell above the row's name.

    Cells are centred in their row's height, so a line of agency words alone standing
    ``_PARTNER_OPENING_LINES`` lines or more above the row's number (at ``number``) opens a
    cell of seven lines or more: a list of agencies, which the partners' cell holds far more
    often than the lead's (one agency most often, one or two lines). Such a line goes to the
    partners' column; the lead's words come on the lines below. The first such line opens an
    agency with a capitalised head; the lines after it down to the number's (``opened``)
    may carry it on. OCR's stray marks (tokens of two letters or less: table rules, floating
    accents) are set aside but for the short agency words (``_SHORT_AGENCY_WORDS``).
    """
    if _nonblank(lines, i, number) < (1 if opened else _PARTNER_OPENING_LINES):
        return None
    words = [
        t
        for t in text.split()
        if len(re.sub(r"\W", "", t)) > 2 or fold(t).strip(".,;:") in _SHORT_AGENCY_WORDS
    ]
    if not words or len(words) > 6 or not _agency_words_only(words):
        return None
    if not opened and agency_line_fragment(" ".join(words)) is None:
        return None
    return words


_LONE_DIGIT = re.compile(r"\d[.,;:]?")


def _without_output_debris(
    parts: dict[int, str], kinds: Sequence[str], debris: frozenset[str]
) -> dict[int, str]:
    """Take a line's debris words out of its output span (see ``debris_words``).

    The output cell has no directory to be read against, so a lone letter the restorer made
    a word of ("ở", "Xồ") would only stay as noise in it; the agency spans keep theirs. A
    lone digit goes too ("Kết nối 1 mạng lưới"): outputs print counts with two digits or
    more ("02 tổ chức", "100% công dân"), OCR reads table rules and marks as "1", "2", "7".
    """
    out = {}
    for c, part in parts.items():
        words = part.split()
        compound = compound_heads(words, debris) if kinds[c] == OUTPUT and debris else set()
        kept = (
            " ".join(
                w
                for k, w in enumerate(words)
                if (w not in debris or k in compound) and not _LONE_DIGIT.fullmatch(w)
            )
            if kinds[c] == OUTPUT
            else part
        )
        if kept:
            out[c] = kept
    return out
