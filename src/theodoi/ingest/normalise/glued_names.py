"""Directory names whose words OCR ran together ("Congantinh", "SoTaichinh;", "Các diaphuong").

A narrow table cell printed in a small font loses the gaps between words when scanned, so
OCR returns one token for two or three words of an agency's name. No word of such a token is
like a directory name's word, so neither the cell reading nor the faint searches of a row's
words find the agency ("Congantinh," for "Công an tỉnh", "Các diaphuong" for "Các địa
phương", "So Khoahocva" for "Sở Khoa học và" / "Công nghệ"). The gaps are put back in the
restored line before it is parsed (restoring the raw line as read keeps the restorer's
reading of the rest of it): a token, or two tokens side by side, whose letters are a
directory name's words of two or more run together, or its opening words (the rest wrapped
onto the next line), and which are not already split at those words, are split where the
name's words end. Only a run of eight letters or more is split (a short run of letters is a
word of its own more often than a glued name), and the token's edge marks stay where they
stood.
"""

from __future__ import annotations

import re
from functools import lru_cache

from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY
from theodoi.ingest.text import fold

# How many letters a glued name must have at least for its token to be split.
_MIN_LETTERS = 8
# A token: its leading marks, its letters, its trailing marks ("(Congantinh," -> "(", ..., ",").
_TOKEN = re.compile(r"^([^\w]*)(\w+)([^\w]*)$")
_MARKS = ".,;:()[]|'\"“”‘’"
_GAPS = re.compile(r"(\s+)")


@lru_cache(maxsize=1)
def _glued() -> dict[str, tuple[int, ...]]:
    """Each directory name of two words or more, and its opening words of two or more, run
    together, with where its words end."""
    out: dict[str, tuple[int, ...]] = {}
    for name in AGENCY_DIRECTORY:
        words = re.findall(r"\w+", fold(name))
        for n in range(len(words), 1, -1):  # the whole name, then its opening words
            joined = "".join(words[:n])
            if len(joined) >= _MIN_LETTERS and joined.isalpha():
                ends, at = [], 0
                for word in words[: n - 1]:
                    at += len(word)
                    ends.append(at)
                out.setdefault(joined, tuple(ends))
    return out


def unglue_names(text: str) -> str:
    """Put back the gaps OCR lost between a directory name's words in ``text`` (see module)."""
    parts = _GAPS.split(text)  # tokens at even places, the gaps between them kept at odd ones
    tokens = parts[::2]
    keys = [_key(t) for t in tokens]
    glued = _glued()
    if not any(k in glued or k + n in glued for k, n in zip(keys, [*keys[1:], ""], strict=True)):
        return text  # most lines: no glued name, nothing rebuilt
    out: list[str] = []
    i = 0
    changed = False
    while i < len(tokens):
        for width in (1, 2):
            if i + width <= len(tokens) and "".join(keys[i : i + width]) in glued:
                split = _split_run(tokens[i : i + width])
                if split is not None:
                    out.append(split)
                    i += width
                    changed = True
                    break
        else:
            out.append(tokens[i])
            i += 1
        if i < len(tokens):
            out.append(parts[2 * i - 1])
    return "".join(out) if changed else text


@lru_cache(maxsize=1 << 16)  # a plan's lines repeat their words: fold each once
def _key(token: str) -> str:
    return fold(token).strip(_MARKS)


def _split_run(tokens: list[str]) -> str | None:
    """The tokens rewritten with the gaps of the glued directory name they spell, else None."""
    parts = [_TOKEN.match(t) for t in tokens]
    if not all(parts) or any(p.group(1) for p in parts[1:]) or any(p.group(3) for p in parts[:-1]):
        return None
    letters = "".join(p.group(2) for p in parts)
    folded = fold(letters)
    ends = _glued().get(folded)
    if ends is None or len(folded) != len(letters):
        return None
    gaps, at = [], 0
    for p in parts[:-1]:
        at += len(p.group(2))
        gaps.append(at)
    if len(tokens) > 1 and set(gaps) == set(ends):
        return None  # already split at the name's words ("Tỉnh" "đoàn")
    pieces, start = [], 0
    for end in (*ends, len(letters)):
        pieces.append(letters[start:end])
        start = end
    return parts[0].group(1) + " ".join(pieces) + parts[-1].group(3)
