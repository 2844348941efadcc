"""Other columns' words left in a name, dropped where the name reads on without them.

When OCR left no gap mark between the columns, a wrapped agency cell's words run on after the
name's ("... kế hoạch ngành, địa"), and a line holding only the other columns' words lands
between the name's lines ("... 10 năm, bảo" / "Sở Khoa học và các sở, ban," / "đảm an toàn").
The restorer's word trigram model tells whether the name reads on better without them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from theodoi.ingest.layout.interleaved.result_words import bled_vocabulary, phrase_words
from theodoi.ingest.layout.interleaved.words import _HEAD_TOKENS, _agency_words_only, _column_words, fold

# How many words at a name line's end may be another column's (a wrapped agency's "ngành, địa").
_BLED_WORDS = 4
# How much less likely per word (natural log) the name reads across a line break with a line's
# last words than without them, for them to be another column's: a name's own words cost the
# language model about 3 to 5 each, other columns' words run into the name about 8 to 10.
_BLED_COST = 8.0
# The same for the name's last line, whose last words nothing reads on from: their own cost
# against the lines above (measured on 000/002: 6 and 6.5 read the same, 7 and 8 lower; 4 and
# 5 read one row more but take a name's own rarer ending, "... nhỏ và vừa trong tỉnh").
_BLED_END_COST = 6.5


def drop_bled_line_ends(parts: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop other columns' words left at the end of a name line, where the name reads on without them.

    A wrapped agency cell ("Các sở, ban," / "ngành, địa" / "phương") runs on after a name
    line's words when OCR left no gap mark between the columns ("... trong chương trình, kế
    hoạch ngành, địa" / "công tác hằng năm"). The name is a paragraph: its next line carries
    on its last words. The restorer's word trigram model tells which reads on: the next line's
    first words after the line's end as read, or after the line without its last few words.
    Those words go when they are agency or output words (``_column_words``) and the name reads
    on better without them by more than ``_BLED_COST`` a word ("trên địa" / "bàn tỉnh",
    "các ngành, địa" / "phương" stay). The name's last line is read against the lines above
    only: its last words (or all of it) go when they cost more than ``_BLED_END_COST`` a word
    ("... quản lý nhà nước phương", "internet, công"), unless the line ends a sentence or a
    bracket ("... (PPP).", "... đổi số."); a compound counts as one word there, and an
    output's result words ("phương hiệu quả") as other columns' (``result_words``). The model reads each line after the line above.
    Without the model the parts are kept as they are.
    """
    score = _junction_scorer()
    if score is None:
        return list(parts)
    vocabulary = bled_vocabulary()
    out = [list(part) for part in parts]
    for i in range(len(out)):
        tokens = out[i][1].split()
        last = i == len(out) - 1
        if last and (i == 0 or _SENTENCE_END.search(out[i][1])):
            break
        following = "" if last else out[i + 1][1]
        above = out[i - 1][1] if i else ""
        best, best_gain = len(tokens), 0.0
        for k in range(max(0 if last else 1, len(tokens) - _BLED_WORDS), len(tokens)):
            tail = tokens[k:]
            if not all(fold(t).strip(".,;:()") in vocabulary for t in tail):
                continue
            before = " ".join([above, *tokens[:k]])
            gain = score(before, following) - score(before, f"{' '.join(tail)} {following}", len(tail))
            gain -= _BLED_END_COST * phrase_words(score, before, tail) if last else _BLED_COST * len(tail)
            if gain > best_gain:
                best, best_gain = k, gain
        if best < len(tokens):
            out[i][1] = " ".join(tokens[:best])
    return [(number, part) for number, part in out if part]


# A name's middle line shorter than this share of the first column's width is no wrapped line of
# the paragraph (each runs to near the column's width: ``first_column.ends_paragraph``).
_BLED_LINE_SHARE = 0.8
# How much less likely (natural log, the line's first two words and the next line's after it)
# the name reads through such a line than straight from the line above to the line below, for
# the line to be the other columns' ...
_BLED_LINE_COST = 15.0
# ... and how likely the straight reading must be: the next line's first two words after the
# line above cost at most this (a name's own garbled line, "hoàn" / "tổ ảnh nhiệm vụ" /
# "nước, người", reads straight on no better).
_READS_ON_COST = 10.0


def drop_bled_lines(parts: Sequence[tuple[int, str]], width: float) -> list[tuple[int, str]]:
    """Drop a name's middle line that holds only the other columns' words.

    A row's other cells wrap on more lines than its name, or at other heights, and OCR reads
    a line where the name column is blank ("Sở Khoa học và các sở, ban, phát triển hạ",
    "Lô và Công .", "hành") as the name's: the first column's cut, finding no gap mark,
    gives it all to the name. The name is a wrapped paragraph whose lines but the last run
    to near the column's width, so a short line between two of its lines is suspect; it
    goes when the name reads straight on from the line above to the line below (the
    restorer's trigram model) and much less likely through it ("bảo" / "Sở Khoa học" ...
    / "đảm an toàn"). The line above must run to near the width (the name wraps past it
    only then; below a short line kept, "2 tảng số được", the name's own last line, "CNTT
    của tỉnh", may read worse than the other columns' "triển khai" below it). The first
    and last lines are left to the other rules. Without the model the parts are kept as
    they are.
    """
    score = _junction_scorer()
    out = list(parts)
    if score is None:
        return out
    i = 1
    while i < len(out) - 1:
        above, part, below = " ".join(p for _n, p in out[:i]), out[i][1], out[i + 1][1]
        full_above = len(out[i - 1][1]) >= _BLED_LINE_SHARE * width
        if full_above and len(part) < _BLED_LINE_SHARE * width:
            if _doubles_the_junction(above, part):
                del out[i]
                continue
            straight = -score(above, below)
            through = -score(above, part) - score(f"{above} {part}", below)
            if straight <= _READS_ON_COST and through - straight >= _BLED_LINE_COST:
                del out[i]
                continue
        i += 1
    return out


# A name's last line shorter than this share of the first column's width may end in (or be)
# the other columns' words: a wrapped cell's last words below the name's end (a longer one
# only in an agency's, opening with its head; 0.6 to 0.8 read the same) ...
_LAST_LINE_SHARE = 0.6
# ... which go when they cost the restorer's model more than this a word (natural log) after
# the name above (measured on 000/002: 4.5 and 5 read the same on 000, 4.5 one row more on 002;
# the name's own short endings cost 0 to 3.5 a word, "sinh sản" after a garbled "36" 6.4) ...
_LAST_LINE_COST = 4.5
# ... and at least this share of them reads as no prose word (``_foreign``: 0.5 reads lower).
_FOREIGN_SHARE = 0.67


def drop_bled_last_line(
    parts: Sequence[tuple[int, str]], width: float
) -> tuple[list[tuple[int, str]], tuple[int, str] | None]:
    """Take the other columns' words off the end of a name's short last line.

    Below the name's end the row's other cells wrap on ("... thương mại" / "Saulkhi có" of
    a deadline "Sau khi có", "... thông minh" / "internet, công hoàn thành"), and a short
    line there reads as the name's last line. Its last words (or all of it) go when they read
    as no prose of the name (most are agency, output or deadline words, garble the model has
    never seen, digits or marks) and cost the restorer's model more than ``_LAST_LINE_COST``
    a word after the name above, unlike a name's own ending ("... công dân" / "số", "... an
    ninh" / "mạng"). A longer line is a wrapped line of the name's own; only an agency's words
    OCR ran on after its end may go there, opening with a capitalised head ("... số doanh
    nghiệp nghệ, Sở Tài địa phương Bà tiêu chí", the name keeping two words at least).
    A line ending a sentence or a bracket is the name's, and so are the words
    before a sentence's end inside the line ("tư (PPP). phương" keeps "tư (PPP)."). Each tail is
    weighed as in ``drop_bled_line_ends``. Returns the parts and the line's words
    taken off (its number and words), None when nothing was.
    """
    score = _junction_scorer()
    out = list(parts)
    if score is None or len(out) < 2:
        return out, None
    number, text = out[-1]
    if _SENTENCE_END.search(text):
        return out, None
    long = len(text) >= _LAST_LINE_SHARE * width
    above = " ".join(p for _n, p in out[:-1])
    tokens = text.split()
    best, best_gain = len(tokens), 0.0
    for k in range(len(tokens)):
        tail = tokens[k:]
        if long and (k < 2 or not tail[0][:1].isupper() or fold(tail[0]).strip(".,;:") not in _HEAD_TOKENS):
            continue
        if sum(_foreign(t) for t in tail) < _FOREIGN_SHARE * len(tail):
            continue
        if any(_WORD_ENDS_SENTENCE.search(t) for t in tail[:-1]):
            continue  # the name's sentence ends inside the tail
        before = " ".join([above, *tokens[:k]])
        gain = -score(before, " ".join(tail), max(0, len(tail) - 2)) - _LAST_LINE_COST * len(tail)
        if gain > best_gain:
            best, best_gain = k, gain
    if best == len(tokens):
        return out, None
    kept = [*out[:-1], (number, " ".join(tokens[:best]))] if best else out[:-1]
    return kept, (number, " ".join(tokens[best:]))


def drop_detached_stops(parts: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop a full stop standing alone at the end of a name line the name goes on past.

    OCR reads a floating mark at the name column's edge as a lone "." ("... chất lượng,
    phù ." / "hợp theo đặc thù lĩnh vực"); joined to the name it ends a sentence there, and
    the words after it read as another column's tail (``parse.tasks.drop_tail_after_sentence``).
    A stop the printed name ends a line with is glued to its word ("... xã hội.").
    """
    last = len(parts) - 1
    return [
        (number, _DETACHED_STOP.sub("", part) if j < last else part) for j, (number, part) in enumerate(parts)
    ]


_DETACHED_STOP = re.compile(r"\s+\.$")


def _doubles_the_junction(above: str, part: str) -> bool:
    """Whether a line of agency words opens with the word the name above ends with ("... ứng
    dụng và" / "và Công địa phương liên"): an agency's wrapped words ("Sở Khoa học" / "và
    Công" / "nghệ"), not the name's, which never repeats its last word across a line break."""
    words, ends = part.split(), above.split()
    if not words or not ends or fold(words[0]).strip(".,;:") != fold(ends[-1]).strip(".,;:"):
        return False
    return _agency_words_only(words)


# A word closing a sentence or a bracket ("(PPP).", "số."); a mark standing alone is debris.
_WORD_ENDS_SENTENCE = re.compile(r"\w[.)…]+\W*$")


def _foreign(token: str) -> bool:
    """Whether a token reads as no prose word of a name: an agency, output or deadline word,
    a word the restorer's model has never seen (OCR garble), digits or marks.

    Marks at the token's edges are left out, square brackets as round ones: OCR reads a
    word's edge letter "I" or "l" as "[" ("[oT" for "IoT", "[UU" for "IUU"), and the word is
    judged by its letters, not taken for marks."""
    word = fold(token).strip(".,;:()[]'\"")
    if not word.isalpha():
        return True
    return word in _column_words() or word not in _model_words()


@lru_cache(maxsize=1)
def _model_words() -> frozenset[str]:
    from theodoi.ingest.restore import default_restorer

    return frozenset(fold(w) for w in default_restorer().model.vocab)


_SENTENCE_END = re.compile(r"[.)…]\W*$")


@lru_cache(maxsize=1)
def _junction_scorer() -> Callable[[str, str], float] | None:
    """Log P(a line's first words | a text's last words), by the restorer's model.

    ``score(text, following, extra)`` scores ``extra`` + 2 of ``following``'s first words.
    """
    try:
        from theodoi.ingest.restore import default_restorer
        from theodoi.ingest.restore.model import NUM, UNSEEN, WORD

        restorer = default_restorer()
    except (ImportError, OSError, ValueError):
        return None
    vocab, trigram = restorer.model.vocab, restorer._trigram

    def ids(text: str) -> list[int]:
        return [NUM if core.isdigit() else vocab.get(core.lower(), UNSEEN) for core in WORD.findall(text)]

    def score(text: str, following: str, extra: int = 0) -> float:
        u, v = ([0, 0, *ids(text)])[-2:]
        total = 0.0
        for w in ids(following)[: 2 + extra]:
            total += trigram(u, v, w)
            u, v = v, w
        return total

    return score
