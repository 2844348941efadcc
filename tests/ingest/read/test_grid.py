"""Ruled tables in a page image: rules found, cells cut, merged rows kept whole, text left alone."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from theodoi.ingest.document import CellRef, SourceLine, number_tables
from theodoi.ingest.read.grid import find_grids

DPI = 300
COLUMNS = [100, 250, 1100, 1500, 1900]  # x of the vertical rules (4 columns)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def ruled_page(
    rows: list[int],
    *,
    merged: frozenset[int] = frozenset(),
    top_rule: bool = True,
    bottom_rule: bool = True,
    reach: tuple[int, int] | None = None,
    texts: dict[tuple[int, int], str] | None = None,
) -> Image.Image:
    """A 300 dpi page with a ruled table: horizontal rules at ``rows`` (y), vertical ones at COLUMNS.

    A band in ``merged`` (its index) has no inner vertical rules: a section title over all columns.
    ``reach`` draws the vertical rules from/to other y than the first/last rule (a table cut by
    a page break has no rule at the cut). ``texts`` writes (band, column) cells.
    """
    image = Image.new("L", (2000, 2600), 255)
    draw = ImageDraw.Draw(image)
    first, last = reach or (rows[0], rows[-1])
    for k, y in enumerate(rows):
        if (k == 0 and not top_rule) or (k == len(rows) - 1 and not bottom_rule):
            continue
        draw.line([(COLUMNS[0], y), (COLUMNS[-1], y)], fill=0, width=3)
    bands = list(zip([first, *rows[1:-1]], [*rows[1:-1], last], strict=True))
    for band, (upper, lower) in enumerate(bands):
        for c, x in enumerate(COLUMNS):
            if band in merged and 0 < c - 1 < len(COLUMNS) - 2:
                continue
            draw.line([(x, upper), (x, lower)], fill=0, width=3)
    if texts:
        font = ImageFont.truetype(str(DEJAVU), 36)
        for (band, col), text in texts.items():
            draw.text((COLUMNS[col] + 20, bands[band][0] + 25), text, font=font, fill=0)
    return image


def test_a_ruled_table_is_cut_into_its_cells():
    grids, _ = find_grids(ruled_page([300, 420, 640, 900]), DPI)
    assert len(grids) == 1
    cells = {(c.row, c.col) for c in grids[0].cells}
    assert cells == {(r, c) for r in range(3) for c in range(4)}
    cell = grids[0].cell_at(600, 500)
    assert (cell.row, cell.col) == (1, 1)


@pytest.mark.parametrize(
    "grey, rows", [(60, 3), (150, 3), (200, 2)], ids=["dark", "blurred to grey", "negative: too faint"]
)
def test_a_rule_a_scanner_blurred_to_grey_is_still_a_rule(grey, rows):
    page = ruled_page([300, 640, 900])
    ImageDraw.Draw(page).line([(COLUMNS[0], 420), (COLUMNS[-1], 420)], fill=grey, width=3)
    grids, _ = find_grids(page, DPI)
    assert len({c.row for c in grids[0].cells}) == rows


def test_a_merged_row_is_one_cell_from_its_left_rule_to_the_table_end():
    grids, _ = find_grids(ruled_page([300, 420, 520, 760], merged=frozenset({1})), DPI)
    merged = sorted((c.col, c.x0, c.x1) for c in grids[0].cells if c.row == 1)
    assert [col for col, _x0, _x1 in merged] == [0, 1]
    assert merged[1][2] >= COLUMNS[-1] - 4  # the title cell runs to the right edge


@pytest.mark.parametrize(
    "top_rule, bottom_rule, reach",
    [(True, False, (300, 1200)), (False, True, (150, 900))],
    ids=["running onto the next page", "running on from the page before"],
)
def test_a_table_cut_by_a_page_break_keeps_its_open_row(top_rule, bottom_rule, reach):
    rows = [300, 500, 900] if bottom_rule else [300, 500, 900, 1200]
    grids, _ = find_grids(ruled_page(rows, top_rule=top_rule, bottom_rule=bottom_rule, reach=reach), DPI)
    assert len(grids) == 1
    bands = sorted({(c.top, c.bottom) for c in grids[0].cells})
    assert bands[0][0] <= reach[0] + 4 and bands[-1][1] >= reach[1] - 4


@pytest.mark.parametrize("degrees", [0.3, -0.6])
def test_a_slightly_skewed_scan_still_has_its_cells(degrees):
    page = ruled_page([300, 420, 640, 900]).rotate(degrees, fillcolor=255)
    grids, _ = find_grids(page, DPI)
    assert len(grids) == 1
    assert {(c.row, c.col) for c in grids[0].cells} == {(r, c) for r in range(3) for c in range(4)}


def test_rules_are_wiped_from_the_image_tesseract_reads():
    page = ruled_page([300, 420, 640, 900])
    _, wiped = find_grids(page, DPI)
    assert page.getpixel((600, 300)) == 0
    assert wiped.getpixel((600, 300)) == 255 and wiped.getpixel((COLUMNS[1], 500)) == 255


def test_text_and_an_underline_are_no_table():
    image = Image.new("L", (2000, 1200), 255)
    draw = ImageDraw.Draw(image)
    draw.line([(300, 200), (1600, 200)], fill=0, width=3)  # a signature line
    draw.rectangle([(300, 500), (900, 800)], fill=0)  # a filled box (a stamp, a photo)
    grids, wiped = find_grids(image, DPI)
    assert grids == []
    assert wiped is image


def test_tables_are_numbered_over_the_document_page_by_page():
    lines = [
        SourceLine(number=1, text="a", page=1, cell=CellRef(0, 0, 0)),
        SourceLine(number=2, text="b", page=1, cell=CellRef(1, 0, 0)),
        SourceLine(number=3, text="c", page=2),
        SourceLine(number=4, text="d", page=2, cell=CellRef(0, 3, 1)),
    ]
    number_tables(lines)
    assert [line.cell and line.cell.table for line in lines] == [0, 1, None, 2]
    assert lines[3].cell == CellRef(2, 3, 1)


@pytest.mark.slow
def test_ocr_puts_each_word_in_the_cell_it_sits_in(scan_renderer):
    from theodoi.ingest.read.ocr import ocr_image

    texts = {
        (0, 0): "TT",
        (0, 1): "Tên nhiệm vụ",
        (0, 2): "Chủ trì",
        (0, 3): "Thời gian",
        (1, 0): "29",
        (1, 1): "Xây dựng kế hoạch",
        (1, 2): "Sở Nội vụ",
        (1, 3): "2025 - 2026",
    }
    page = ruled_page([300, 420, 640], texts=texts)
    dust = ImageDraw.Draw(page)
    for k in range(400):  # a scanner's specks, two pixels wide, all over the page
        x, y = (k * 7919) % 2000, (k * 104729) % 2600
        dust.rectangle([(x, y), (x + 1, y + 1)], fill=0)
    lines = ocr_image(page, page=1, dpi=DPI, timeout=60, name="bang.png")
    got = {(line.cell.row, line.cell.col): line.text for line in lines if line.cell}
    assert got[(0, 0)] == "TT"  # no dust read as ". -" beside it
    assert got[(1, 0)] == "29"  # a lone number in a narrow cell, read again if need be
    assert got[(1, 1)] == "Xây dựng kế hoạch"
    assert got[(1, 2)] == "Sở Nội vụ"
    assert got[(1, 3)].replace(" ", "") == "2025-2026"  # a hyphen is text, not a rule's remains
    assert all("|" not in text for text in got.values())


@pytest.mark.parametrize(
    "word, box, debris",
    [
        ("|", (250, 330, 3, 60), True),
        (".", (251, 421, 2, 2), True),
        ("-", (1098, 500, 6, 2), True),
        ("'", (300, 633, 3, 3), True),
        ("-", (700, 470, 20, 4), False),
        (".", (900, 500, 5, 5), False),
        ("I", (252, 330, 3, 60), False),
    ],
    ids=[
        "a bar on the rule",
        "a dot where two rules crossed",
        "a dash at the right rule",
        "a quote on the bottom rule",
        "negative: a dash inside the cell",
        "negative: a dot inside the cell",
        "negative: a letter, whatever its place",
    ],
)
def test_marks_on_a_cells_rules_are_dropped_as_their_remains(word, box, debris):
    from theodoi.ingest.read.ocr import _RULE_DEBRIS, _at_edge

    grids = _two_row_grids()
    left, top, width, height = box
    data = {"text": [word], "left": [left], "top": [top], "width": [width], "height": [height]}
    ref = next(
        (0, c.row, c.col, c.span) for c in grids[0].cells if c.holds(left + width / 2, top + height / 2)
    )
    assert bool(_RULE_DEBRIS.fullmatch(word) and _at_edge(grids, ref, data, 0, DPI)) == debris


@functools.cache
def _two_row_grids() -> list:
    return find_grids(ruled_page([300, 420, 640]), DPI)[0]
