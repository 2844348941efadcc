"""Two syllables a scan ran together: where to split a token the channel cannot read as one word.

A tight line or a narrow table cell loses the gap between words when scanned, and OCR returns
one token for two syllables ("trienkhai" for "triển khai", "vienthong" for "viễn thông",
"Kétqua" for "Kết quả"). No syllable is near such a token, so the decoder kept it as scanned.
It is split where both halves read as syllables within the channel, and the two words are a
pair the language model has seen (a word pair of clean administrative text: the evidence that
the token is two words rather than a foreign word or a name, "camera", "Scopus", whose halves
read as syllables but never follow one another). Each half has three letters at least, so a
short token ("nano") is never split. The second half keeps the case it was scanned in, but
takes a capital after a capitalised first half when the corpus writes the pair as a name,
both words capitalised inside a sentence (the model's ``titled_pairs``: "Quangninh" ->
"Quảng Ninh", while "Taichinh" -> "Tài chính").
"""

from __future__ import annotations

from collections.abc import Callable

MIN_PART = 3  # letters in each half at least: a shorter half reads as a syllable too easily
MIN_LETTERS = 2 * MIN_PART
GOOD_READING = 3.0  # channel cost of a half's reading at most


def split_point(
    key: str,
    readings: Callable[[str], tuple[tuple[str, int, float], ...]],
    pair_logp: Callable[[int, int], float | None],
) -> int:
    """Return where to split a damaged token whose letters (digits and symbols read as letters)
    are ``key``, or 0 to leave it whole.

    ``readings(part)``: (syllable, word id, channel cost) of a part, best first; ``pair_logp(v,
    w)``: log P(w | v) when the model saw the pair, else None. The split whose halves' best seen
    pair costs least (channel costs less the pair's log probability) wins.
    """
    if len(key) < MIN_LETTERS or not key.isalpha():
        return 0
    best, where = float("inf"), 0
    for k in range(MIN_PART, len(key) - MIN_PART + 1):
        left = [(w, c) for _, w, c in readings(key[:k]) if c <= GOOD_READING]
        if not left:
            continue
        right = [(w, c) for _, w, c in readings(key[k:]) if c <= GOOD_READING]
        for v, cv in left:
            for w, cw in right:
                logp = pair_logp(v, w)
                if logp is not None and cv + cw - logp < best:
                    best, where = cv + cw - logp, k
    return where
