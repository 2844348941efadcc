"""What a scan does to tokens: table rules and specks, smudged words, unaccented text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.text import fold


def is_junk(token: str) -> bool:
    """A token OCR made of a table rule or speck: no letter or digit in it, or a lone sign."""
    return not re.search(r"[^\W_]", token) and token not in ("%", "≥", "≤", ">", "<", "=", "-")


def is_garbage(token: str) -> bool:
    """A token a scan made of a smudge: quotes, brackets, ligatures or signs inside a word."""
    return bool(re.search(r"[‘’“”?{}\[\]\\%ﬁﬂ@#$^*~<>]", token)) or bool(
        re.search(r"\d", token) and re.search(r"[^\W\d_]", token) and "/" not in token
    )


def is_meaningful(tokens: Sequence[str]) -> bool:
    return any(len(re.sub(r"[^a-z]", "", fold(t))) >= 3 for t in tokens)


def looks_scanned(lines: Sequence[Line]) -> bool:
    """True for OCR'd text (where ">" most likely stood for "≥"): no Vietnamese marks in raw."""
    raw = " ".join(line.raw for line in lines)
    return not re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", raw.lower())
