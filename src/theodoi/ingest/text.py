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


# Digits (and the "&" for a marked "ở") OCR reads for the letters they resemble, one table for
# every stage that matches words through them: "S6", "50", "86", "S&" for "Sở", "kh0a" for "khoa".
_DIGIT_LETTERS = str.maketrans("01568&", "oisoso")


def digits_as_letters(word: str) -> str:
    """Read a folded word's digits as the letters OCR took them for ("s6", "86", "s&" -> "so").

    Why: a directory name's words are matched against OCR'd words, where a letter read as a
    look-alike digit must not make two spellings of one word differ.
    """
    return word.translate(_DIGIT_LETTERS)


def is_so_lookalike(token: str) -> bool:
    """Whether a token is "Sở" as OCR reads it with a digit for a letter ("56", "50", "86", "S6").

    Also "Sở" itself (and "5ở"), but not "Số"/"So": a capital or a digit first, then a digit or
    the "ở". No task name's word reads so, while "số" (number) is one.
    """
    if len(token) != 2 or token[0].islower() or digits_as_letters(fold(token)) != "so":
        return False
    return token[1] == "ở" or any(ch.isdigit() for ch in token)
