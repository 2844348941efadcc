"""Comparison signs told by their shape: "≥" and "≤" are a chevron over a bar, "=" two bars."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from theodoi.ingest.read.signs import first_glyph, sign_of

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def word_ink(
    text: str, *, font: Path = DEJAVU, size: int = 42, blur: float = 0.0, speck: bool = False
) -> np.ndarray:
    """The ink of ``text`` set at ``size`` px (about 10 pt at 300 dpi), cropped to its box as tesseract's."""
    if not font.exists():
        pytest.skip("fonts-dejavu-core is not installed: no font to draw the signs with")
    image = Image.new("L", (400, 120), 255)
    draw = ImageDraw.Draw(image)
    draw.text((30, 30), text, font=ImageFont.truetype(str(font), size), fill=0)
    if speck:  # dust just left of the word, on its baseline
        draw.rectangle((18, 68, 20, 70), fill=0)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    ink = np.asarray(image) < 128
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return ink[rows[0] - 1 : rows[-1] + 2, cols[0] - 1 : cols[-1] + 2]


def sign(text: str, **kwargs) -> str | None:
    ink = word_ink(text, **kwargs)
    glyph = first_glyph(ink)
    return sign_of(ink[:, glyph[0] : glyph[1]]) if glyph else None


@pytest.mark.parametrize("text", ["≥ 50", "≤ 20", "> 0,75", "< 5", "= 30", "≥", "≤", ">", "<", "="])
@pytest.mark.parametrize("font", [DEJAVU, SERIF])
def test_sign_is_read_from_its_shape(text, font):
    assert sign(text, font=font) == text[0]


@pytest.mark.parametrize("text", ["≥ 95", "≤ 10", "> 60"])
def test_blurred_sign_keeps_its_bar_or_lack_of_one(text):
    assert sign(text, blur=0.8) == text[0]


def test_a_speck_of_dust_before_the_sign_is_skipped():
    assert sign("≤ 20", speck=True) == "≤"


@pytest.mark.parametrize("text", ["50", "Có", "- 12", "_", "II"])
def test_no_sign_is_found_in_other_words(text):
    assert sign(text) is None


@pytest.mark.slow
def test_ocr_gives_the_signs_the_image_shows(scan_renderer):
    from theodoi.ingest.read import ocr

    if ocr._tesseract_problem():
        pytest.skip("tesseract-ocr and tesseract-ocr-vie are not installed")
    lines = [
        "Mục tiêu ≥ 50",
        "Tỷ lệ ≤ 20 Việt Nam",
        "Chỉ số > 0,75",
        "Số lượng = 30",
        "Số dự án ≥ 2",
        "Số sáng chế ≥ 1",
    ]
    got = [
        line.text for line in ocr.ocr_image(scan_renderer(lines), page=1, dpi=300, timeout=60, name="x.png")
    ]
    assert got == lines
