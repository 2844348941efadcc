"""Small text helpers every ingestion stage and the web search share.

``fold`` is the diacritic-insensitive key used for matching ("Sở KH&CN" and "so kh&cn"
compare equal); it must stay one function so that search, alias lookup and parsing agree.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form the format and the database keep."""
    return unicodedata.normalize("NFC", text)


def strip_marks(text: str) -> str:
    """Remove Vietnamese tone and vowel marks, keeping case (đ -> d, Đ -> D)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def fold(text: str | None) -> str:
    """Return the matching key of ``text``: lower case, no marks, single spaces, trimmed."""
    if not text:
        return ""
    return _SPACES.sub(" ", strip_marks(text).lower()).strip()


def collapse_spaces(text: str) -> str:
    """Join a field's lines the way the format wants: single spaces, trimmed."""
    return _SPACES.sub(" ", text).strip()
