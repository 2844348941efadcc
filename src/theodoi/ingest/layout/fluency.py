"""Which cell above a line's word completes, by the restorer's word trigram model.

An OCR'd table line holds fragments of several cells side by side; each cell's text is a phrase
wrapped over many short lines, and Vietnamese writes a word as several syllables, so a wrap
often falls inside a word: "Các bài toán được công" / "bố trên", "Chương trình được" / "ban
hành", "Các hoạt động nghiên" / "cứu". The column vocabularies cannot place such a syllable
("bố", "ban", "công" are agency words too); the language model the restorer decodes with can:
the syllable is likely after one cell's last words and unlikely after the others'.
``layout.segment`` lets the output's span open with it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

# How likely (0..1, see ``_reading``) a word must read after a cell's last words to complete
# them: 0.8 is a cost of 1.6 nats (a chance of about one in five), where a compound's second
# syllable lies ("được công" / "bố" 1.4, "Chương trình được" / "ban" 0.1, "nghiên" / "cứu" 0.0);
# a phrase's next word costs 2 to 6, another column's 8 to 15 (measured on the dev plans: at 0.7
# and 0.75 words that merely read on open the output too, and 000 loses outputs; 0.85 misses
# "được công" / "bố", "xử" / "lý", "quy" / "trình").
COMPLETES = 0.8
# By how much the word must read better after that cell than after any other: two cells it
# completes alike leave it undecided (flat 0.2..0.3 on the dev plans; 0.5 loses a partner).
MARGIN = 0.3
# A word costing this (natural log) or more after its context reads on from it no better than
# a word picked at random (the model's unseen words).
NO_READING = 8.0


@lru_cache(maxsize=1)
def _model() -> tuple[Callable[[str], tuple[int, ...]], Callable[[int, int, int], float]] | None:
    try:
        from theodoi.ingest.restore import default_restorer
        from theodoi.ingest.restore.model import NUM, UNSEEN, WORD

        restorer = default_restorer()
    except (ImportError, OSError, ValueError):
        return None
    vocab = restorer.model.vocab

    @lru_cache(maxsize=1 << 15)
    def ids(text: str) -> tuple[int, ...]:
        return tuple(
            NUM if core.isdigit() else vocab.get(core.lower(), UNSEEN) for core in WORD.findall(text)
        )

    return ids, lru_cache(maxsize=1 << 16)(restorer._trigram)


def _contexts(texts: Sequence[str]) -> list[tuple[int, int] | None]:
    """Each text's last two words' ids, None for a text holding no word (or without the model)."""
    model = _model()
    out: list[tuple[int, int] | None] = []
    for text in texts:
        # the last few tokens: OCR's stray marks ('"', "<") hold no word and the model skips them
        context = model[0](" ".join(text.split()[-4:])) if model and text else ()
        out.append(tuple(([0, *context])[-2:]) if context else None)
    return out


def _reading(context: tuple[int, int] | None, word: str) -> float:
    """0..1: how well ``word`` reads on after ``context``: 1 for a word the model is sure of
    there, falling linearly with its cost to 0 at ``NO_READING`` or worse; 0 without context
    or for a token holding no word."""
    model = _model()
    if model is None or context is None:
        return 0.0
    after = model[0](word)
    if not after:
        return 0.0
    return max(0.0, 1.0 + model[1](*context, after[0]) / NO_READING)


def completing_cells(
    cells: Sequence[str], words: Sequence[str], before: Sequence[str] = ()
) -> list[int | None]:
    """Per word, the index of the cell (texts so far, "" for none) whose last words it completes.

    The word must read at least ``COMPLETES`` after that cell's last words and ``MARGIN`` better
    than after any other cell's, and than after ``before`` (per word, the line's words before it
    back to a gap mark: "Sở Xây" / "dựng" completes the line's own word, not a cell's "được
    xây"); None when no cell or more than one would take it.
    """
    contexts = _contexts(cells)
    out: list[int | None] = []
    if not any(contexts):
        return [None] * len(words)
    lines = _contexts(before) if before else [None] * len(words)
    for word, line in zip(words, lines, strict=True):
        reading = [_reading(context, word) for context in contexts]
        rivals = [*reading, _reading(line, word)]
        out.append(
            next(
                (
                    c
                    for c, r in enumerate(reading)
                    if r >= COMPLETES and all(r - x >= MARGIN for j, x in enumerate(rivals) if j != c)
                ),
                None,
            )
        )
    return out


def reading_after(texts: Sequence[str], word: str) -> list[float]:
    """How well (0..1, see ``_reading``) ``word`` reads on after each of ``texts``' last words."""
    return [_reading(context, word) for context in _contexts(texts)]


# How well (0..1) a word must read after a cell's last words to read the cell's phrase on when
# it completes no compound: a phrase's next word costs 2 to 6 nats, 0.3 is 5.6 ("được đánh
# giá," / "lựa" 0.56, "chính sách" / "ưu" 0.63, "triển khai" / "định" 0.38 on the dev plans).
READS_ON = 0.3
# ... and at most this well after every other cell's last words and the line's words before it
# (0.2 is 6.4 nats, more than any phrase's next word costs): the word breaks from all of them.
BREAKS = 0.2


def reading_on_cells(cells: Sequence[str], words: Sequence[str], before: Sequence[str]) -> list[int | None]:
    """Per word, the index of the one cell (texts so far, "" for none) whose phrase it reads on
    as a next word (at least ``READS_ON``) while breaking from every other cell's last words
    and from the line's words before it (``before``, as in ``completing_cells``: at most
    ``BREAKS``); None when no cell or more than one reads on to it.

    A cell's wrapped phrase goes on across its wrap with its next word ("Các sản phẩm, giải
    pháp được đánh giá," / "lựa chọn, công bố"), where the other cells' words stand apart from
    it ("địa phương liên" / "lựa").
    """
    contexts = _contexts(cells)
    if not any(contexts):
        return [None] * len(words)
    lines = _contexts(before)
    out: list[int | None] = []
    for word, line in zip(words, lines, strict=True):
        reading = [_reading(context, word) for context in contexts]
        on = [c for c, r in enumerate(reading) if r >= READS_ON]
        rivals = [r for c, r in enumerate(reading) if c not in on] + [_reading(line, word)]
        out.append(on[0] if len(on) == 1 and all(r <= BREAKS for r in rivals) else None)
    return out
