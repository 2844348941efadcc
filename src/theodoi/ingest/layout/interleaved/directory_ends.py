"""A short line that finishes a directory name begun at the end of the line above's other columns.

An agency cell's long directory name wraps over narrow lines ("các doanh nghiệp viễn
thông, internet, công" / "nghệ thông tin"); its last line often stands alone below the
name's last line, with no gap mark, so the first column's cut gives it to the name when the
name's last words are unfinished ("... hướng dẫn của"). When the line above's other-column
words end with a directory name's start and this line's words are exactly that name's
end ("công" + "nghệ thông tin"), the line is the other columns': unless the name's own
last word is that same start (the name's own "công" / "nghệ thông tin").
"""

from __future__ import annotations

import re
from functools import lru_cache

from theodoi.ingest.layout.interleaved.words import fold
from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY

_WORD = re.compile(r"[0-9a-z]+")
_MAX_WORDS = 4  # a wrapped name's last line in a narrow cell
_ABOVE = 2  # the directory name's words sought at the end of the line above


@lru_cache(maxsize=1)
def _name_ends() -> frozenset[str]:
    """Every run of a directory name's last words, folded (\"cong nghe thong tin\", \"thong tin\")."""
    ends: set[str] = set()
    for name in AGENCY_DIRECTORY:
        words = _WORD.findall(fold(name))
        ends.update(" ".join(words[k:]) for k in range(1, len(words)))
    return frozenset(ends)


def finishes_directory_name(above_rest: str, line: str, name: str) -> bool:
    """Whether ``line`` (a row's whole line) ends the directory name the line above's
    other-column words ``above_rest`` began, and is not the name's (``name``: so far)."""
    if not line or line[:1].isupper() or not above_rest:
        return False
    words = _WORD.findall(fold(line))
    if not words or len(words) > _MAX_WORDS or len(words) != len(line.split()):
        return False
    above = _WORD.findall(fold(above_rest))[-_ABOVE:]
    named = _WORD.findall(fold(name))
    if named and above and named[-1] == above[-1]:
        return False
    ends = _name_ends()
    return any(" ".join([*above[k:], *words]) in ends for k in range(len(above)))


def runs_into_directory_name(name: str, line: str) -> bool:
    """Whether the name's last words (``name``: so far) and ``line``'s words make a directory
    name's end ("... internet, công" + "nghệ thông tin"): the name has taken an agency's
    wrapped words and the line finishes them, whatever the name's own words before."""
    words = _WORD.findall(fold(line))
    if not words or len(words) > _MAX_WORDS:
        return False
    named = _WORD.findall(fold(name))[-_ABOVE:]
    ends = _name_ends()
    return any(" ".join([*named[k:], *words]) in ends for k in range(len(named)))
