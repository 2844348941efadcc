"""A partner read as an agency's head word and at most one other word is debris ("Số tin").

OCR'd rows scatter the agency heads ("Sở", "UBND", "Ban") of wrapped cells across the lines;
a head left alone, or with one stray word of another column after it ("Số" + "tin"), reads as
an agency to the loose agency check, though no directory name is it. A real agency printed
so short is a known name ("Sở Y tế", "UBND tỉnh", "Công an tỉnh"); a short name of no
directory that opens with a directory name's head word is that head's debris, and goes
(unless it is a known abbreviation: "Sở KHCN").
"""

from __future__ import annotations

import re
from functools import lru_cache

from theodoi.ingest.normalise.agencies import AGENCY_ABBREVIATIONS, is_collective, known_agency
from theodoi.ingest.parse.faint_words import directory_entries
from theodoi.ingest.text import fold

_SHORT = 2  # words: a head and one stray word at most


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    """The first words of the directory's named agencies ("so", "ubnd", "ban")."""
    return frozenset(key.split()[0] for key, name in directory_entries() if not is_collective(name))


def without_head_debris(support: list[str]) -> list[str]:
    """``support`` without the partners that are a lone head's debris (see the module)."""
    out = []
    for name in support:
        if _debris(name, re.findall(r"\w+", fold(name))):
            continue
        out.append(name)
    return out


def _debris(name: str, words: list[str]) -> bool:
    if not 0 < len(words) <= _SHORT or words[0] not in _heads() or is_collective(name):
        return False
    return not known_agency(name) and " ".join(words) not in AGENCY_ABBREVIATIONS  # "Sở KHCN"
