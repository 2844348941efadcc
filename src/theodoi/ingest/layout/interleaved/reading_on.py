"""A name cut mid-word-pair read on by a line of agency-like words below it.

A row's last lines below a finished name often hold the other columns' wrapped words only
(``first_column.agency_words_line``: "phương, đơn vị", "Công nghệ"). But a name's own last
line can be made of the same words: a name wrapped inside a word pair ("... địa giới hành" /
"chính", "... người có" / "công", "... viên" / "chức và Nhân dân", "... Bệnh viện đa" /
"khoa tỉnh"). Vietnamese compounds are two syllables written apart, and the restorer's word
trigram model expects the second after the first far more than any other word: that is the
mark of a name cut mid-pair. A line opening in lower case carries on some cell; when it
carries on none of the other columns' open cells and its first word reads on the name as
the model expects, it is the name's.
"""

from __future__ import annotations

from collections.abc import Callable

from theodoi.ingest.layout.interleaved.directory_ends import runs_into_directory_name
from theodoi.ingest.layout.interleaved.words import fold

# How unlikely (natural log, the restorer's model) the line's first word may be after the name
# for the line to carry the name on: a compound's second syllable costs 0 to 1.5 ("hành" /
# "chính" 0.1, "nhà" / "nước" 1.5); an agency's wrapped words after a name's finished end cost
# 2.4 and more ("... của tỉnh" / "các cơ quan", "... xã hội số" / "địa phương" 3.6).
_READS_ON_COST = 2.0


def name_words_read_on(name: str, text: str, carries_cell: Callable[[str], bool]) -> int:
    """How many of the words of ``text`` (a line judged the other columns' agency words) carry
    the name above on: 0 when the line is not the name's.

    The line must open in lower case (an agency's own line opens with its capitalised head),
    carry on none of the other columns' open cells (``carries_cell``) and its first word must
    read on after the name for at most ``_READS_ON_COST``, and not finish a directory name the
    name's last words began (``runs_into_directory_name``: "... internet, công" / "nghệ thông
    tin", an agency's words the name took above). Its words then are the name's up to
    a word repeated right after itself ("khoa tỉnh" / "tỉnh, Công an tỉnh"): a name never
    doubles a word, so the second opens the other columns' wrapped words (a partner's last
    word, "Bảo hiểm Xã hội" / "tỉnh,", then the next partner).
    """
    from theodoi.ingest.layout.interleaved.bled_ends import _junction_scorer

    words = text.split()
    if not words or not name or not words[0][:1].islower() or carries_cell(text):
        return 0
    score = _junction_scorer()
    if score is None or -score(name, words[0], -1) > _READS_ON_COST:
        return 0
    if runs_into_directory_name(name, text):
        return 0
    for k in range(1, len(words)):
        if _bare(words[k]) and _bare(words[k]) == _bare(words[k - 1]):
            return k
    return len(words)


def _bare(word: str) -> str:
    return fold(word).strip(".,;:()")
