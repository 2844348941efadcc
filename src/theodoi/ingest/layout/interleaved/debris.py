"""Stray OCR tokens on a row's lines: runs of them turned into a gap mark, and the restored
words that are debris.

A table's rules and floating accents come out of OCR as lone letters, digits and marks. Runs of
them are replaced by one gap mark "|" before the lines are cut (they fall between columns); the
restored words whose raw tokens are debris or lone letters are kept aside so that the output
column's segmentation can drop them, and the words OCR read whole so that it keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache

from theodoi.ingest.layout.debris import debris_mask, is_syllable
from theodoi.ingest.layout.interleaved.words import fold
from theodoi.ingest.layout.invented_words import invented_words
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.text import is_so_lookalike
from theodoi.ingest.token_pairs import paired_tokens


def _is_stray(token: str) -> bool:
    """A raw OCR token made of a table rule or a lone accent: one letter or digit, or marks."""
    core = re.sub(r"[\W_]", "", token)
    if not core:
        return True
    if len(core) == 1:
        return True
    if len(core) != 2:
        return False
    # two letters: marks glued to them, mixed case ("oA") or no vowel ("kh") is no syllable
    return bool(
        re.search(r"[^\w.,;:]", token)
        or (core[0].islower() and core[1].isupper())
        or not re.search(r"[aeiouy\d]", fold(core))
    )


def drop_debris_runs(line: Line, *, run: int = 3) -> Line:
    """Replace runs of stray tokens by a column gap mark "|".

    OCR reads the accents floating over a table line, and the rules between columns, as lone
    letters and marks ("h‘ h h-,\\ h A R A 5"). The restorer, which works line by line
    before the layout step, turns such letters into words ("hô", "hố"), so the runs are
    found on the raw line, whose tokens match the restored line's one to one (``paired_tokens``), and the
    restored tokens at those places are replaced by one bar: the text loses the debris and
    the layout keeps the gap it marks. The row number opening a line is kept, and so is a
    lone capital opening a capitalised word ("S Nông nghiệp": a head letter cut off), or
    "Sở" read with a mark for its vowel ("S& Giáo dục", restored "Sở": an agency's head).
    """
    raw, text = paired_tokens(line.raw, line.text)
    if len(raw) != len(text) or len(raw) < run:
        return line
    stray = [_is_stray(t) for t in raw]
    if row_code_like(raw[0]):
        stray[0] = False
    for i in range(len(raw) - 1):
        opens_word = raw[i + 1][:1].isupper() and len(re.sub(r"\W", "", raw[i + 1])) >= 3
        head = (raw[i].isalpha() and raw[i].isupper()) or is_so_lookalike(text[i])
        if stray[i] and head and opens_word:
            stray[i] = False
    out: list[str] = []
    i = 0
    changed = False
    while i < len(raw):
        j = i
        while j < len(raw) and stray[j]:
            j += 1
        if j - i >= run:
            out.append("|")
            changed = True
            i = j
            continue
        out.extend(text[i : max(j, i + 1)])
        i = max(j, i + 1)
    if not changed:
        return line
    new = " ".join(out)
    return replace(line, text=new, key=fold(new))


# How many stray tokens right after a row number leave the name column blank on its line.
_BLANK_NAME_RUN = 3


def blank_name_after_code(line: Line) -> bool:
    """Whether a row's number line holds no name text: a debris run follows the number.

    A row's number sits on a middle line of its row; where the name's paragraph has a short
    line or none at that height, OCR reads the floating accents and the table's rules there
    as a run of stray tokens ("30 . Y R £ PRI ngành, địa A A triển khai"), and the words
    after them are the other columns' ("ngành, địa" of a partner, "triển khai" of an
    output). A name's own text opens right after the number or after one bar ("4 | công
    nghệ, đổi mới").
    """
    raw = line.raw.split()
    if not raw or not row_code_like(raw[0]):
        return False
    run = 0
    for token in raw[1:]:
        if not _is_stray(token):
            break
        run += 1
    return run >= _BLANK_NAME_RUN and run < len(raw) - 1


def row_code_like(token: str) -> bool:
    return bool(re.fullmatch(r"\d{1,4}(?:[.,]\d{1,2}){0,2}[.)|]?", token))


def debris_words(line: Line) -> frozenset[str]:
    """The restored words of ``line`` whose raw OCR tokens are debris (``debris.debris_mask``).

    They are dropped from the task name only, after the row is cut: the row and column cuts
    read the line as before (taking tokens out shifts the character positions they weigh), and
    the other cells keep them (an agency's garbled word still helps find its directory name).
    A row number opening the line is kept. A syllable the restorer made up of an unmarked token
    (``invented_words``: "huon" read "huỗn") is debris too.
    """
    raw, text = paired_tokens(line.raw, line.text)
    if len(raw) != len(text) or not raw:
        return frozenset()
    mask = debris_mask(raw, text, keep_first=row_code_like(raw[0]))
    dropped = frozenset(word for word, drop in zip(text, mask, strict=True) if drop)
    return dropped | invented_words(raw, text)


def drop_debris_words(
    head: str, rest: str, debris: frozenset[str], mended: Mapping[str, str] | None = None
) -> tuple[str, str]:
    """Drop a line's debris words (``debris_words``) from the name's part of it; a debris word
    ``mended`` maps (``mended_words``: a word OCR put marks inside) is replaced instead.

    Where only debris stood before a column gap mark ("NN EUNRY | đề án được"), the name
    column is blank on the line, as when the line opens with the mark (``_cut_first_column``):
    the words after the mark are the other columns' and go to the rest.
    """
    mended = mended or {}
    head = " ".join(
        mended.get(w) or _without_tilde(w) for w in head.split() if w in mended or w not in debris
    )
    if head.startswith("|"):
        return "", f"{head.lstrip('| ')} {rest}".strip()
    return head, rest


def _without_tilde(word: str) -> str:
    """A word with a tilde at its edge ("~ban"): a tone mark OCR read apart from the letters.

    The debris test reads past the tilde (``debris._EDGE``), but the name's later clean-up drops
    any token holding one; the word is kept without it when the rest spells a syllable ("~ban"
    -> "ban"), and left to that clean-up otherwise ("~10d").
    """
    bare = word.strip("~")
    if bare == word or not bare or not is_syllable(bare.strip(".,;:")):
        return word
    return bare


def lone_letter_words(line: Line) -> frozenset[str]:
    """The restored words of ``line`` that OCR read as one letter ("X" restored "Xồ", "o" "ở").

    A lone letter in a table line is mostly a rule or an accent read as a letter; the
    restorer makes it a word. They are taken out of the output cell only (an output names a
    document, never a one-letter word), but "y" before "tế" (health) stays, and so does a
    word the line also prints from a longer token.
    """
    raw, text = paired_tokens(line.raw, line.text)
    if len(raw) != len(text):
        return frozenset()
    lone = {
        k
        for k, token in enumerate(raw)
        if len(token) == 1
        and token.isalpha()
        and not (k + 1 < len(raw) and fold(raw[k + 1]).startswith("te"))
    }
    # a word the line also prints whole ("số" of "s6 hóa" beside "s" read "số") stays
    printed = {word for k, word in enumerate(text) if k not in lone}
    return frozenset(text[k] for k in lone) - printed


# The most words a lone letter near a name line's part's end may carry off after it: a wrapped
# cell's last words ("A nghiệp"); with more after it the letter is mostly an accent floating
# inside the name's own line (measured on 000/002: 2 reads one row more on 002, 4 and more
# take a partner's words the parse step finds in the name to a cell that loses them).
_AFTER_LONE_LETTER = 2
# A letter right after a line's first word ends the name's short last line whatever follows:
# "phủ A số viễn thông, hiệu quả" ("Chính" / "phủ", then a partner's and an output's words);
# not after a word naming a class by its letter ("nhóm A", "loại B").
_SHORT_END = 1
_LETTER_CLASSES = frozenset({"nhóm", "loại", "hạng", "khối", "khu", "mức", "cấp"})


def cut_at_lone_letter(head: str, rest: str, lone: frozenset[str]) -> tuple[str, str]:
    """End a name line's part at a lone capital letter near its end: a column gap OCR read
    as a letter.

    Where the name column ends without a bar, OCR often reads the table's rule floating over
    the gap as one capital letter ("... bền vững các địa phương A nghiệp"); the words after
    it are another column's wrapped words. ``lone`` holds the line's words OCR read as one
    letter (``lone_letter_words``). Such a letter the restorer left a letter, after a word
    (not a mark: "phương . A" is debris around a stop), with at most ``_AFTER_LONE_LETTER``
    words after it or right after the line's first word (``_SHORT_END``), ends the name's part: the letter is dropped and the words after it go
    to the rest. A letter opening the part is left to the other rules.
    """
    tokens = head.split()
    for k in range(1, len(tokens)):
        if (
            tokens[k] in lone
            and len(tokens[k]) == 1
            and tokens[k].isupper()
            and tokens[k - 1][-1:].isalpha()
            and (
                len(tokens) - k - 1 <= _AFTER_LONE_LETTER
                or (k <= _SHORT_END and tokens[k - 1].lower() not in _LETTER_CLASSES)
            )
        ):
            return " ".join(tokens[:k]), " ".join([*tokens[k + 1 :], rest]).strip()
    return head, rest


# Edge marks a word may carry on either side ("trúc,", "(cung").
_WORD_EDGE = ".,;:()\"'“”‘’"


def whole_words(line: Line) -> frozenset[str]:
    """The restored words of ``line`` that OCR read whole: no debris, some cell's words.

    The raw token spells the restored word's letters (the restorer only put its accents
    back: "truc," -> "trúc,") and the word is a Vietnamese syllable of three letters or more.
    Debris fails one of these: the restorer makes words of lone letters ("X" -> "Xồ") and of
    marks, and two-letter tokens are often accents or rules read as letters ("Lo" -> "Lồ").
    """
    raw, text = paired_tokens(line.raw, line.text)
    if len(raw) != len(text):
        return frozenset()
    return frozenset(word for token, word in zip(raw, text, strict=True) if _read_whole(token, word))


@lru_cache(maxsize=1 << 15)
def _read_whole(token: str, word: str) -> bool:
    bare = word.strip(_WORD_EDGE)
    return len(bare) >= 3 and fold(token).strip(_WORD_EDGE) == fold(bare) and is_syllable(bare)


# Consonants no Vietnamese word is alone ("s" may be "số", "y" is a word; vowels are words
# or accents): OCR's lone lower-case one of them is a table's rule or a word cut short.
_LONE_CONSONANTS = frozenset("bcdghklmnpqrtvx")
# A word the restorer made of such a letter goes when the name reads on this much better
# (natural log, the restorer's trigram model) without it: "tỉnh nổ Quy Nhơn" against "cán bộ".
_LONE_WORD_COST = 8.0


def drop_lone_consonants(head: str, lone: frozenset[str], name: str) -> str:
    """Drop from a name line's part the words the restorer made of a lone lower-case consonant
    that the name reads on without.

    OCR reads a table's rule as a lone letter ("tỉnh n Quy Nhơn", "n địa phương tịch"), and
    also a word cut short ("cán b" for "cán bộ"); the restorer makes both words. A rule's
    word ("nổ") fits neither the words before nor after it: it goes when the restorer's model
    reads the name on ``_LONE_WORD_COST`` better without it. Left in, it hides the other
    columns' words after it from the rules that give them back (an agency's wrapped "địa
    phương" must open the line). ``lone`` holds the line's words OCR read as one letter;
    ``name`` is the name's text above the line.
    """
    from theodoi.ingest.layout.interleaved.bled_ends import _junction_scorer

    tokens = head.split()
    score = _junction_scorer()
    if score is None:
        return head
    kept: list[str] = []
    for k, token in enumerate(tokens):
        if (
            token in lone
            and token[:1].islower()
            and fold(token)[:1] in _LONE_CONSONANTS
            and k + 1 < len(tokens)
        ):
            before = " ".join([name, *kept])
            after = " ".join(tokens[k + 1 : k + 2])
            through = score(before, f"{token} {after}")
            skipped = score(before, after, -1)
            if skipped - through >= _LONE_WORD_COST:
                continue
        kept.append(token)
    return head if len(kept) == len(tokens) else " ".join(kept)
