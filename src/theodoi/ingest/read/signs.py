"""Comparison signs told apart by their shape in the page image: "≥" and "≤" against ">", "<", "=".

Targets in a plan's indicator table are printed "≥ 50", "≤ 20", "> 0,75". Tesseract's
Vietnamese model has no "≥" or "≤": it reads them as ">" or "<" (losing the bar under the
sign), as "=" (taking the chevron for a second bar) or as two characters (">950" for "≥ 50",
"=>Đ95" for "≥ 95"), which turns the target's operator, and sometimes its value, wrong.

The shapes differ plainly in the image. A sign is the first glyph of its word (a blob of ink
columns). Rows of the glyph where ink runs over most of its width are bars; the rest is a
chevron whose point is on the right (">") or the left ("<"), seen from where the ink sits in
its middle rows against its top rows. So:

- a chevron over a bar is "≥" or "≤"; a chevron alone is ">" or "<";
- a bar on top and a bar below with nothing between is "=".

``sign_of`` gives the sign from the glyph's ink; ``first_glyph`` finds the glyph in a word's
box, skipping a speck of dust before it.
"""

from __future__ import annotations

import numpy as np

BAR_COVER = 0.7  # a row whose ink covers this share of the glyph's width is a bar
POINT_SHIFT = 0.2  # the chevron's point sits this share of the width off its ends' side
MIN_SIZE = 6  # pixels: a smaller glyph is too coarse to judge
NARROW = 0.6  # a chevron's end or point holds its ink within this share of the width


def sign_of(ink: np.ndarray) -> str | None:
    """The comparison sign drawn by ``ink`` (a boolean glyph, rows × columns); None if none is.

    A bar is a run of rows each covered over ``BAR_COVER`` of the width (a chevron's diagonal
    strokes cover a third at most, even at its point). Rows that are not bars form the
    chevron: its top and bottom rows hold ink on one side, its middle rows on the other.
    """
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    glyph = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    height, width = glyph.shape
    if height < MIN_SIZE or width < MIN_SIZE:
        return None
    bar = glyph.sum(axis=1) >= BAR_COVER * width
    lower = bar[int(height * 0.6) :].any()
    upper = bar[: int(height * 0.4) + 1].any()
    body = _chevron(glyph, bar)
    if upper:  # two bars are "="; a bar over anything else is a letter or digit ("5", "T")
        return "=" if lower and len(body) <= height * 0.3 else None
    point = _point(glyph, body)
    if point is None:
        return None
    if point == "right":
        return "≥" if lower else ">"
    return "≤" if lower else "<"


def _chevron(glyph: np.ndarray, bar: np.ndarray) -> list[int]:
    """The rows of the glyph's main stroke: its tallest run of inked rows that are not bars.

    A blurred, speckled scan leaves a few grey pixels between the chevron and its bar; they
    are a run of their own, apart from the chevron by a blank row.
    """
    runs: list[list[int]] = [[]]
    for r in range(glyph.shape[0]):
        if bar[r] or not glyph[r].any():
            runs.append([])
        else:
            runs[-1].append(r)
    return max(runs, key=len)


def _point(glyph: np.ndarray, body: list[int]) -> str | None:
    """Which side the chevron made of rows ``body`` points to: "right", "left" or None.

    Its ends are its top and bottom fifth of rows, its point the middle fifth; each is a
    stroke's width across, not the arc of a round letter ("C", "5"), so each must hold its
    ink within ``NARROW`` of the width.
    """
    if len(body) < MIN_SIZE:
        return None
    width = glyph.shape[1]
    fifth = max(1, len(body) // 5)
    middle = len(body) // 2
    xs = np.arange(width)

    def centre(block: list[int]) -> float | None:
        weights = glyph[block].sum(axis=0)
        cols = np.flatnonzero(weights)
        if cols.size == 0 or cols[-1] - cols[0] + 1 > NARROW * width:
            return None
        return float((weights * xs).sum() / weights.sum())

    top, bottom = centre(body[:fifth]), centre(body[-fifth:])
    tip = centre(body[middle - fifth // 2 : middle + fifth // 2 + 1])
    if top is None or bottom is None or tip is None:
        return None
    ends = (top + bottom) / 2
    if tip - ends >= POINT_SHIFT * width:
        return "right"
    if ends - tip >= POINT_SHIFT * width:
        return "left"
    return None


def first_glyph(ink: np.ndarray) -> tuple[int, int] | None:
    """Columns ``[start, end)`` of the first glyph in a word's ink (rows × columns), or None.

    A glyph is a run of columns holding ink; a run smaller than a quarter of the word's
    height both ways is a speck of dust ("_<" for "≤"), not the sign ("=" is low but wide).
    """
    small = ink.shape[0] / 4
    has = ink.any(axis=0)
    x = 0
    while x < has.size:
        if not has[x]:
            x += 1
            continue
        end = x
        while end < has.size and has[end]:
            end += 1
        rows = np.flatnonzero(ink[:, x:end].any(axis=1))
        if rows[-1] - rows[0] + 1 >= small or end - x >= small:
            return x, end
        x = end
    return None
