"""What a scan does to tokens: table rules and specks, smudged words, unaccented text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.restore.syllables import fold_word, syllables
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


@lru_cache(maxsize=1)
def _inventory() -> frozenset[str]:
    return frozenset(syllables())


@lru_cache(maxsize=1)
def _folded_inventory() -> frozenset[str]:
    return frozenset(fold_word(s) for s in _inventory())


_SMUDGE = re.compile(r"[‘’“”?{}\[\]\\@#$^*~<>_;:!|&¢€£§¥=+]")


def _capital_inside(core: str) -> bool:
    """A capital a scan printed inside a word: "klAen", "lilhO", "NAguon", "IAlhO"; not the
    capitals of a name or abbreviation ("VNeID", "IoT", "LGSP")."""
    if core[:1].islower() and any(c.isupper() for c in core):
        return True
    if any(
        core[k] == "A" and core[k - 1].isalpha() and core[k + 1].islower() for k in range(1, len(core) - 1)
    ):
        return True
    return any(
        core[k].islower() and core[k + 1].isupper() and any(c.islower() for c in core[k + 2 :])
        for k in range(len(core) - 1)
    )


@lru_cache(maxsize=1 << 14)  # asked per token of every row and again per reading of it
def is_damaged(token: str) -> bool:
    """True for a word a scan garbled: signs inside it, a capital after a small letter, a
    digit among letters, or lower-case letters that spell no Vietnamese syllable."""
    core = token.strip(",.;:()\"'“”")
    if not core:
        return False
    if re.search(r"[(),.;:]{2,}", token.rstrip(".,;:")):
        return True  # "Số(,)": signs heaped on a word
    if re.fullmatch(r"\(\d{1,2}", token):
        return True  # "(6" for "tổ": a bracket that opens nothing before a digit
    if _SMUDGE.search(core) or re.search(r"[^\W\d_][(),.'’‘`][^\W\d_]", core):
        return True
    if _capital_inside(core):
        return True
    if re.search(r"\d", core) and re.search(r"[^\W\d_]", core):
        return not re.fullmatch(r"\d+[A-Z]|\d+[a-zA-Z]{1,2}/\w+", core)  # "5G", "01Gb/s" are words
    if "/" in core or not core.isalpha():
        return False
    if core.isupper() or core[1:] != core[1:].lower():
        return False  # an abbreviation ("LGSP", "ISI")
    return core.lower() not in _inventory()  # "nglilen", "Sans"; a lone "k" or "b" is a speck


def drop_inserted_capital(token: str) -> str:
    """A scan prints a circumflex as a capital "A" inside the word ("NAguon", "KAhoa"): without
    it the word is a syllable again (unaccented: "Nguon"). Other words come back unchanged."""
    inserted = [
        k
        for k in range(1, len(token) - 1)
        if token[k] == "A" and token[k - 1].isalpha() and token[k + 1].isalpha() and token[k + 1].islower()
    ]
    if not inserted:
        return token
    bare = "".join(ch for k, ch in enumerate(token) if k not in inserted)
    core = bare.strip(",.;:()").lower()
    return bare if core in _folded_inventory() or core in _inventory() else token
