"""A name's debris word that is a real word with stray marks inside: read again without them.

OCR reads an accent floating over a word, or a smudge, as a mark inside it ("dun;g," for
"dựng,", "kl}al" for "khai", "hf'.)c" for "học"), and a circumflex as a capital "A"
("khqlA", "KAhoa"). The restorer reads the pieces the mark cuts as words of their own
("đùn;ứng,"), so the debris test (``debris_words``, judged on the raw token) drops the word
from the name, and the name loses a word it needs ("Xây triển khai" for "Xây dựng, triển
khai"). Such a token is read again without its inner marks, in its line's context (the
words before it, mended already, and the word after it); the reading replaces the word when
it is a Vietnamese syllable that reads on surely (``fluency.COMPLETES``) after the words
before it or that the next word completes: "Xây" / "dựng", "khai" / "thác". A reading that
fits neither (another column's debris read as a syllable) is no word of the name and goes
as before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from theodoi.ingest.layout.debris import debris_mask, is_syllable
from theodoi.ingest.layout.fluency import COMPLETES, reading_after
from theodoi.ingest.layout.interleaved.debris import row_code_like
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.token_pairs import paired_tokens

# Marks at a token's edges, kept (one of each run) around the mended word.
_EDGE = ".,;:()[]\"'“”‘’!?|~"
# The restored words before the token that make its context.
_CONTEXT = 2


def unmarked_core(token: str) -> str:
    """The raw token's letters without the marks OCR read inside it, nor a capital "A" read for
    a circumflex after its first letter ("dun;g,," -> "dung", "KAhoa" -> "Khoa"); "" when
    there is nothing to take out, the token has no lower-case letter, or what is left holds
    other signs ("tr19€")."""
    core = token.strip(_EDGE)
    if not re.search(r"[a-zà-ỹđ]", core):
        return ""
    bare = core[:1] + core[1:].replace("A", "")
    bare = "".join(ch for ch in bare if not unicodedata.category(ch).startswith("P") and ch not in "~^`")
    if bare == core or len(bare) < 2 or not bare.isalnum():
        return ""
    return bare


def mended_words(line: Line, among: Iterable[str] | None = None) -> dict[str, str]:
    """The line's restored debris words (``debris_mask``) that read as a word without the marks
    OCR put inside them, mapped to that word (its edge marks kept, one of each). With
    ``among`` (the words of the name's part of the line), only runs holding one of them are
    read (the restorer's reading costs)."""
    return _mended(line.raw, line.text, None if among is None else frozenset(among))


@lru_cache(maxsize=1 << 12)
def _mended(raw_line: str, text_line: str, among: frozenset[str] | None) -> dict[str, str]:
    raw, text = paired_tokens(raw_line, text_line)
    if len(raw) != len(text) or not raw:
        return {}
    mask = debris_mask(raw, text, keep_first=row_code_like(raw[0]))
    cores = [unmarked_core(token) if drop else "" for token, drop in zip(raw, mask, strict=True)]
    words = list(text)
    out: dict[str, str] = {}
    k = 0
    while k < len(raw):
        if not cores[k]:
            k += 1
            continue
        end = k
        while end < len(raw) and cores[end]:
            end += 1
        if among is not None and not among.intersection(text[k:end]):
            k = end
            continue
        # a run of such tokens is read at once: each is the others' context ("TArlen khqlA")
        before = " ".join(words[max(0, k - _CONTEXT) : k])
        after = " ".join(words[end : end + 1])
        readings = _readings(before, " ".join(cores[k:end]), after)
        if readings:
            words[k:end] = readings
            for j in range(k, end):
                if _fits(words, mask, cores, j):
                    out[text[j]] = words[j] = _edges(raw[j], words[j])
                else:
                    words[j] = text[j]
        k = end
    return out


def _fits(words: list[str], mask: list[bool], cores: list[str], j: int) -> bool:
    """Whether the reading ``words[j]`` is a syllable that reads on surely after the words
    before it, or that the word after it (a word of the line, or another reading) completes."""
    if not is_syllable(words[j]):
        return False
    before = " ".join(words[max(0, j - _CONTEXT) : j])
    if before and reading_after([before], words[j])[0] >= COMPLETES:
        return True
    after = j + 1 < len(words) and (not mask[j + 1] or cores[j + 1])
    return bool(after) and reading_after([words[j]], words[j + 1])[0] >= COMPLETES


@lru_cache(maxsize=1 << 12)
def _readings(before: str, cores: str, after: str) -> tuple[str, ...]:
    """The restorer's readings of the words ``cores`` between ``before`` and ``after`` (none
    when the restorer splits or joins words)."""
    try:
        from theodoi.ingest.restore import default_restorer

        restorer = default_restorer()
    except (ImportError, OSError, ValueError):
        return ()
    n, m = len(before.split()), len(cores.split())
    read = restorer.restore_line(" ".join(p for p in (before, cores, after) if p)).split()
    if len(read) != n + m + len(after.split()):
        return ()
    return tuple(read[n : n + m])


def _edges(token: str, word: str) -> str:
    """``word`` with the raw token's edge marks, runs cut to one ("dun;g,," -> "dựng,")."""
    lead = token[: len(token) - len(token.lstrip(_EDGE))]
    trail = token[len(token.rstrip(_EDGE)) :]
    return re.sub(r"(.)\1+", r"\1", lead) + word + re.sub(r"(.)\1+", r"\1", trail)
