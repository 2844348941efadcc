"""The rest of a line (right of the first column) cut into fragments and aligned to the columns.

Fragments are cut at gap marks and before capitalised words that open an agency or an output;
a fragment that finishes a cell begun on an earlier line is cut after those words; each
fragment then goes to the column it continues, else to the next one in order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.layout.interleaved.words import _GAP, _carries_agency, _opens_agency, fold
from theodoi.ingest.layout.table import Cell, ColumnSpec, align


def _fragments(rest: str) -> list[str]:
    """Cut the non-first-column part of a line into column fragments.

    Cuts at gap marks, and before a capitalised word that opens an agency or an output
    ("Sở", "Các", "UBND", "Kế hoạch" ...), except right after "Các"/"và" (same name).
    """
    parts = [p.strip() for p in _GAP.split(rest) if p and p.strip(" |")]
    out: list[str] = []
    for part in parts:
        tokens = part.split()
        current: list[str] = []
        for k, token in enumerate(tokens):
            prev = fold(current[-1]).strip(".,;:") if current else ""
            opens = _opens_agency(tokens, k)
            if not opens and current and token[:1].isupper() and re.search(r"[,;]$", current[-1]):
                # "Các sở, ban, Triển khai": a capitalised word after a finished list item
                # opens the next column unless it carries on a known agency name
                opens = not _carries_agency(" ".join(current), token)
            bare_prev = not re.search(r"[,;]$", current[-1]) if current else True
            # a head printed twice ("Sở Sở Khoa học") is two cells' heads side by side
            twice = bool(current) and current[-1][:1].isupper() and prev == fold(token).strip(".,;:")
            if (
                opens
                and current
                and (twice or not (prev in ("cac", "cua") or (prev in ("ban", "so") and bare_prev)))
            ):
                out.append(" ".join(current))
                current = []
            current.append(token)
        if current:
            out.append(" ".join(current))
    return [o for o in out if re.search(r"\w{2,}", o)]


def _split_by_continuation(
    fragments: list[str], columns: Sequence[ColumnSpec], streams: dict[str, Cell]
) -> list[str]:
    """Cut a fragment after the words that finish a cell begun on an earlier line.

    "Công nghệ ngành, địa của UBND" after cells "Sở Khoa học và" and "Các sở, ban," becomes
    "Công nghệ" | "ngành, địa" | "của UBND": each cut is where a column's ``continues`` stops
    recognising the words as the rest of its cell.
    """
    out: list[str] = []
    used: set[str] = set()
    for fragment in fragments:
        pending = fragment
        while pending:
            tokens = pending.split()
            cut = None
            for col in columns:
                cell = streams.get(col.name)
                if col.continues is None or cell is None or not cell.text or col.name in used:
                    continue
                best = None
                for k in range(1, len(tokens) + 1):
                    if _splits_a_name(tokens, k):
                        continue
                    if col.continues(cell.text, " ".join(tokens[:k])) >= 0.95:
                        best = k
                if best is not None and (cut is None or best > cut[0]):
                    cut = (best, col.name)
            if cut is None or cut[0] == len(tokens):  # no cut, or the whole fragment carries a cell on
                out.append(pending)
                break
            used.add(cut[1])
            out.append(" ".join(tokens[: cut[0]]))
            pending = " ".join(tokens[cut[0] :])
    return out


def _splits_a_name(tokens: Sequence[str], k: int) -> bool:
    """Whether cutting before tokens[k] parts a directory name's capitalised words ("Sở | Nông").

    A cell left open ("Công nghệ; các") reads on with "sở" of "các sở, ban, ngành", but a
    capitalised word that a directory name puts right after the one before ("Sở Nông
    nghiệp") opens another agency there: the two stay together.
    """
    from theodoi.ingest.layout.segment import _agency_pair

    return 0 < k < len(tokens) and tokens[k][:1].isupper() and _agency_pair(tokens[k - 1], tokens[k])


def _assign_fragments(
    fragments: list[str], columns: Sequence[ColumnSpec], streams: dict[str, Cell], number: int
) -> None:
    """Align one line's fragments to the columns in order, preferring cells they continue."""
    if not fragments:
        return

    def fits_for(col: ColumnSpec):
        def fit(text: str) -> float:
            base = col.fits(text)
            open_cell = streams.get(col.name)
            if open_cell is None or not open_cell.text:
                return base
            if col.continues is not None:
                return col.continues(open_cell.text, text)
            if text[:1].islower() and not re.search(r"[.;]\s*$", open_cell.text):
                return base + 0.3
            return base

        return fit

    fragments = _split_by_continuation(fragments, columns, streams)
    specs = [ColumnSpec(c.name, fits_for(c), c.header, False) for c in columns]
    assignment, _conf = align(fragments, specs, stay=0.3)
    for text, col in zip(fragments, assignment, strict=True):
        cell = streams.setdefault(columns[col].name, Cell("", [], 0.6))
        cell.add(text, number)
