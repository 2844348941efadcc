"""Ruled tables in a page image: the rules, the cells between them, the rules wiped out.

A scanned plan prints its tasks and indicators in ruled tables. Tesseract reads a page as
blocks of text and knows nothing of cells: one line of its output may run across the name,
lead and deadline columns, and the rules come back as "|", "—" or stray letters. The rules
themselves are easy to see in the image — long straight runs of ink — so the cells are found
here, from the image, and each word tesseract reads is put into the cell its box sits in.
That gives a scan the same ``CellRef`` a Word or PDF table has, and the layout step reads it
as real cells rather than as interleaved OCR text.

How: ink is the pixels darker than ``RULE_INK`` (a light grey). A horizontal rule is a run of ink
at least ``min_rule`` long along a pixel row (a 1-D erosion done with cumulative sums);
rows holding such runs are grouped into rules, and so are columns into vertical rules. A
table is a set of horizontal rules of one width crossed by vertical ones: at least three
and two, or two and three (a page holding the end of a table and one more row).
Each band between two horizontal rules is cut at the vertical rules that cross that band
(a merged cell — a section title over all columns — has none inside it); a cell's column
is the index of the table's vertical rule at its left edge, so merged and plain rows agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from PIL import Image

INK = 128  # grey level below which a pixel is ink
# a thin rule that a scanner blurred is grey, not black (a half-point rule at 200 dpi with a
# little blur peaks near mid-grey): rules are looked for up to this lighter level; a run of
# grey long and straight enough is a rule all the same, and text does not make one
RULE_INK = 160
MIN_RULE_INCH = 0.25  # a rule is a straight run of ink at least this long
MAX_RULE_INCH = 0.03  # and at most this thick (thicker is a filled box or a photo)
CROSS_SHARE = 0.8  # a vertical rule crosses a band when it covers this share of its height


@dataclass(frozen=True)
class Rule:
    """A straight rule: ``at`` across its direction, from ``start`` to ``end`` along it (pixels)."""

    at: int
    start: int
    end: int
    thickness: int


@dataclass(frozen=True)
class GridCell:
    """A table cell in pixels, with its row (band) and column (left rule) in the table."""

    row: int
    col: int
    span: int  # columns covered: more than one for a merged cell
    x0: int
    top: int
    x1: int
    bottom: int

    def holds(self, x: float, y: float) -> bool:
        return self.x0 <= x < self.x1 and self.top <= y < self.bottom

    def scaled(self, k: int) -> GridCell:
        return GridCell(
            self.row, self.col, self.span, self.x0 * k, self.top * k, self.x1 * k, self.bottom * k
        )


@dataclass(frozen=True)
class Grid:
    """One ruled table found on the page."""

    x0: int
    top: int
    x1: int
    bottom: int
    cells: tuple[GridCell, ...]

    def scaled(self, k: int) -> Grid:
        return Grid(
            self.x0 * k, self.top * k, self.x1 * k, self.bottom * k, tuple(c.scaled(k) for c in self.cells)
        )

    def cell_at(self, x: float, y: float) -> GridCell | None:
        if not (self.x0 <= x < self.x1 and self.top <= y < self.bottom):
            return None
        return next((c for c in self.cells if c.holds(x, y)), None)


def find_grids(image: Image.Image, dpi: float) -> tuple[list[Grid], Image.Image]:
    """Return the page's ruled tables (top to bottom) and the image with their rules wiped out.

    The wiped image is what tesseract should read: without the rules it no longer reads them
    as letters, nor joins a cell's last word to the rule beside it.
    """
    gray = np.asarray(image.convert("L"))
    # rules are looked for at half the resolution: a pixel there is ink if any of its four is
    # (a one-pixel rule survives), and the search costs a quarter
    h, w = (gray.shape[0] // 2) * 2, (gray.shape[1] // 2) * 2
    quarters = gray[:h, :w].reshape(h // 2, 2, w // 2, 2)
    ink = quarters.min(axis=(1, 3)) < RULE_INK
    half = dpi / 2
    min_rule = max(10, int(MIN_RULE_INCH * half))
    max_thick = max(2, int(MAX_RULE_INCH * half))
    horizontal, h_mask = _rules(ink, min_rule, max_thick)
    vertical, v_mask = _rules(ink.T, min_rule, max_thick)
    grids = [grid.scaled(2) for grid in _tables(horizontal, vertical)]
    if not grids:
        return [], image
    mask = np.repeat(np.repeat(h_mask | v_mask.T, 2, axis=0), 2, axis=1)
    wiped = gray.copy()
    wiped[:h, :w][mask] = 255
    return grids, Image.fromarray(wiped)


def _rules(ink: np.ndarray, length: int, max_thick: int) -> tuple[list[Rule], np.ndarray]:
    """Rules along the rows of ``ink`` (transpose it for vertical ones) and the mask of their ink."""
    height, width = ink.shape
    if width < length:
        return [], np.zeros_like(ink)
    counts = np.cumsum(np.pad(ink, ((0, 0), (1, 0))), axis=1, dtype=np.uint16 if width < 65535 else np.int64)
    full = (counts[:, length:] - counts[:, :-length]) == length  # window [x, x+length) all ink
    # grow the windows back to the pixels they cover (a dilation by the same length)
    starts = np.zeros((height, width + 1), dtype=np.int32)
    starts[:, :-length] += full
    starts[:, length:] -= full
    mask = np.cumsum(starts, axis=1)[:, :width] > 0
    rows = np.flatnonzero(mask.any(axis=1))
    rules: list[Rule] = []
    for group in np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1) if rows.size else []:
        # thickness is measured across the rule at each point, so a skewed scan's rule (a
        # few pixels thick, drifting over many rows) stays a rule
        if int(mask[group].sum(axis=0).max()) > max_thick:
            mask[group] = False  # a filled area, not a rule
            continue
        covered = mask[group].any(axis=0)
        xs = np.flatnonzero(covered)
        for run in np.split(xs, np.flatnonzero(np.diff(xs) > max_thick * 2) + 1):
            rules.append(Rule(int(group.mean()), int(run[0]), int(run[-1]) + 1, int(group.size)))
    return rules, mask


def _tables(horizontal: list[Rule], vertical: list[Rule]) -> list[Grid]:
    """Group rules into tables: horizontal rules spanning the same width, crossed by vertical ones."""
    grids: list[Grid] = []
    pending = sorted(horizontal, key=lambda r: r.at)
    while pending:
        first = pending[0]
        slack = max(8, first.thickness * 4)
        family = [
            r
            for r in pending
            if abs(r.start - first.start) <= slack * 3 and abs(r.end - first.end) <= slack * 3
        ]
        pending = [r for r in pending if r not in family]
        if len(family) < 2:
            continue
        top, bottom = family[0].at, family[-1].at
        x0, x1 = min(r.start for r in family), max(r.end for r in family)
        inside = [
            v
            for v in vertical
            if x0 - slack <= v.at <= x1 + slack and v.start <= bottom + slack and v.end >= top - slack
        ]
        columns = _positions([v.at for v in inside], slack)
        if len(columns) < (2 if len(family) >= 3 else 3):  # two rules and two bars are a box, not a table
            continue
        # a table running on from the page before, or onto the next, has no rule there: its
        # vertical rules reach past the first or last horizontal one
        reach_top, reach_bottom = min(v.start for v in inside), max(v.end for v in inside)
        if reach_top < top - slack * 2:
            family.insert(0, Rule(reach_top, x0, x1, 0))
        if reach_bottom > bottom + slack * 2:
            family.append(Rule(reach_bottom, x0, x1, 0))
        top, bottom = family[0].at, family[-1].at
        cells = []
        for row, (upper, lower) in enumerate(pairwise(family)):
            need = (lower.at - upper.at) * CROSS_SHARE
            crossing = [
                c
                for c in columns
                if any(
                    abs(v.at - c) <= slack and min(v.end, lower.at) - max(v.start, upper.at) >= need
                    for v in inside
                )
            ]
            edges = sorted(set(crossing) | {columns[0], columns[-1]})
            for left, right in pairwise(edges):
                col = columns.index(left)
                cells.append(GridCell(row, col, columns.index(right) - col, left, upper.at, right, lower.at))
        grids.append(Grid(columns[0], top, columns[-1], bottom, tuple(cells)))
    return grids


def _positions(values: list[int], slack: int) -> list[int]:
    """Cluster positions closer than ``slack`` into one (their mean), sorted."""
    out: list[list[int]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= slack:
            out[-1].append(value)
        else:
            out.append([value])
    return [int(sum(group) / len(group)) for group in out]
