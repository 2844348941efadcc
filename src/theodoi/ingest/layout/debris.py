"""Tell OCR debris from words on a raw OCR'd line, token by token.

OCR of a scanned table reads the accents floating over a line, the rules between columns and
smudges as tokens of their own: lone consonants ("N", "f"), letters mixed with digits
("S10a", "KI0d", "2As"), letters in odd case ("aRT", "ROt"), clumps of marks ("£", "<",
"lf.hal") and capitals that spell nothing ("LR NP"). The restorer, which works before the
layout step, makes Vietnamese-looking words of many of them ("N" -> "Nổ"), so the test runs on
the raw token, which lines up one to one with the restored line's tokens.

Each token gets a level: ``WORD`` (a Vietnamese syllable — checked against the restorer's
syllable inventory, folded —, a number, a date, a code such as "57-NQ/TW" or "5G", or
punctuation, a word with a stray accent inside whose letters spell a syllable, "nu’oc"),
``DOUBT`` (an abbreviation "UBND", "GRDP", a short number "06", a vowel alone, an
unknown lower-case word "eform") and ``DEBRIS`` (the shapes above). ``debris_mask`` marks what
to drop: a DEBRIS token, and a run of DOUBT tokens holding DEBRIS ones (abbreviations and
numbers among words stay). A doubtful token never goes alone, so "IoT", "KH&CN", "UBND" and
"15%" are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

WORD, DOUBT, DEBRIS = 0, 1, 2

_EDGE = ".,;:()[]\"'“”‘’!?|~"
_PUNCT_WORD = re.compile(r"[.,;:\-–—()…\"'“”‘’/]+")
_NUMBER = re.compile(r"\d+(?:[.,/\-–]\d+)*%?")
# codes: resolution/document numbers ("57-NQ/TW", "1552/BTTTT-TTH", "71/NQ-CP"), generations
_CODE = re.compile(r"(?=.*\d)(?=.*[A-Za-zĐđ])[\w&]+(?:[/\-][\w&]+)+|[2-6]G")
# characters a Vietnamese word, number or code may hold
_ALLOWED = re.compile(r"[\wÀ-ỹĐđ&%/\-–.,]+")
# mixed-case technical words that are spelt so ("IoT", "eKYC")
_MIXED_CASE_WORDS = frozenset({"iot", "ekyc", "egov", "ios", "mpos", "ipv6", "5g", "4g"})


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """The folded Vietnamese syllables (the restorer's generated inventory, read only)."""
    from theodoi.ingest.restore.syllables import fold_word, syllables

    return frozenset(fold_word(s) for s in syllables())


@lru_cache(maxsize=1 << 15)
def token_level(token: str, restored: str = "") -> int:
    """Return WORD, DOUBT or DEBRIS for one raw OCR token (``restored``: the restorer's reading).

    OCR reads letters as look-alike digits ("S0" for "Sở", "b9" for "bộ"); such a token is a
    word when the restorer made a syllable of it. Lone letters are not trusted to it: it makes
    a word of any letter.
    """
    bare = token.strip(_EDGE)
    if not bare or token == "|":
        return WORD if _PUNCT_WORD.fullmatch(token) or token == "|" else DEBRIS
    letters = re.sub(r"[^\w]|[\d_]", "", bare)
    if not letters and not re.search(r"\d", bare) and _PUNCT_WORD.fullmatch(bare):
        return WORD  # a dash, a slash
    regular_case = not letters or letters.islower() or letters.isupper() or letters.istitle()
    if len(bare) >= 2 and regular_case and is_syllable(restored.strip(_EDGE)):
        return WORD  # OCR's look-alikes the restorer read back ("S0" -> "Số", "nhi¢m")
    if _NUMBER.fullmatch(bare):
        return DOUBT if len(bare) <= 2 else WORD
    if _CODE.fullmatch(bare):
        return WORD
    if not _ALLOWED.fullmatch(bare) or re.search(r"[^\W\d_]\.[^\W\d_]", bare):
        if re.fullmatch(r"[^\W\d_]+[’‘'][^\W\d_]+", bare):
            # a word with a stray accent read inside it: its letters spell a syllable ("nu’oc")
            spelt = re.sub(r"[’‘']", "", bare)
            return WORD if spelt.islower() and is_syllable(spelt) else DOUBT  # "dO’I" is odd case
        return DEBRIS  # marks inside a word ("lf.hal", "t}en")
    if re.search(r"\d", bare):
        return DEBRIS  # letters and digits mixed, not a code: "S10a", "KI0d", "2As"
    if not letters:
        return DEBRIS
    low = letters.lower()
    if len(letters) == 1:
        return DOUBT  # "S" may be "Sở" cut short, "N" a floating accent: told by neighbours
    if not regular_case:  # "aRT", "ROt" (or "dO’I", "cO": a word read in odd case)
        restorable = low in _MIXED_CASE_WORDS or is_syllable(restored.strip(_EDGE))
        return DOUBT if restorable or len(letters) >= 3 else DEBRIS
    if letters.isupper():
        # an abbreviation ("UBND", "STEM", "PII"); two capitals ("LR", "NP") may spell nothing
        return WORD if len(letters) >= 3 else DOUBT
    if is_syllable(low):
        return WORD
    return DEBRIS if len(letters) <= 2 else DOUBT


def is_syllable(word: str) -> bool:
    from theodoi.ingest.restore.syllables import fold_word

    return bool(word) and fold_word(word) in _syllables()


def debris_mask(
    tokens: Sequence[str], restored: Sequence[str] | None = None, *, keep_first: bool = False
) -> list[bool]:
    """Mark the raw tokens to drop: DEBRIS tokens, and runs of DOUBT tokens around them.

    A run is a stretch of DOUBT/DEBRIS tokens (one short syllable between two capitals-only or
    DEBRIS tokens, "re" in "LT re LR", joins it); a run with a DEBRIS token, or of three tokens
    two of which are no numbers, is debris as a whole. Capitals that spell no syllable
    between two tokens that are no words ("5O e TNAL A C") are DOUBT too: OCR reads accents
    and rules as capitals, and an abbreviation stands among words ("trình UBND tỉnh"; one
    amid debris on both sides goes with it). A capital letter
    alone before a capitalised word is kept (a head letter OCR cut off: "S Nông nghiệp").
    ``restored`` (same length) is the restored line's tokens; ``keep_first`` keeps the first
    token (the row number that opens a line).
    """
    if restored is None or len(restored) != len(tokens):
        restored = [""] * len(tokens)
    levels = [token_level(t, r) for t, r in zip(tokens, restored, strict=True)]
    n = len(levels)
    for k in range(n - 1):
        head_letter = len(tokens[k]) == 1 and tokens[k].isupper() and tokens[k + 1][:1].isupper()
        if head_letter and len(tokens[k + 1].strip(_EDGE)) >= 3 and levels[k + 1] == WORD:
            levels[k] = WORD
    for k in range(1, n - 1):
        short = levels[k] == WORD and len(tokens[k].strip(_EDGE)) <= 2 and tokens[k].islower()
        if short and _junk_like(tokens[k - 1], levels[k - 1]) and _junk_like(tokens[k + 1], levels[k + 1]):
            levels[k] = DOUBT
    for k in range(1, n - 1):
        if _read_as_o(tokens, restored, levels, k):
            levels[k] = WORD
    for k in range(1, n - 1):
        if _stray_capitals(tokens[k], levels[k]) and levels[k - 1] != WORD and levels[k + 1] != WORD:
            levels[k] = DOUBT
    mask = [False] * n
    k = 0
    while k < n:
        if levels[k] == WORD:
            k += 1
            continue
        j = k
        while j < n and levels[j] != WORD:
            j += 1
        words = sum(1 for i in range(k, j) if not _NUMBER.fullmatch(tokens[i].strip(_EDGE)))
        if any(levels[i] == DEBRIS for i in range(k, j)) or (j - k >= 3 and words >= 2):
            for i in range(k, j):
                mask[i] = True
        k = j
    if keep_first and mask:
        mask[0] = False
    return mask


def _read_as_o(tokens: Sequence[str], restored: Sequence[str], levels: Sequence[int], k: int) -> bool:
    """Whether a lone "&" is the word "ở" (at, in): OCR reads its hooked "ơ" as "&" ("S&"
    for "Sở"), and the restorer read it so between two words ("Định & ngoài tỉnh")."""
    return (
        tokens[k] == "&"
        and restored[k] == "ở"
        and levels[k - 1] == WORD
        and levels[k + 1] == WORD
        and tokens[k + 1][:1].islower()
    )


def _stray_capitals(token: str, level: int) -> bool:
    """Capitals read as an abbreviation that spell no syllable ("TNAL", "EUNRY")."""
    bare = token.strip(_EDGE)
    return level == WORD and len(bare) >= 3 and bare.isalpha() and bare.isupper() and not is_syllable(bare)


def _junk_like(token: str, level: int) -> bool:
    bare = token.strip(_EDGE)
    return level == DEBRIS or (level == DOUBT and len(bare) >= 2 and bare.isupper())
