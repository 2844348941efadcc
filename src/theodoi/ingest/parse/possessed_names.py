"""An agency read from an output's prose: its words stand only after "của" ("Kế hoạch của UBND tỉnh").

An OCR'd row's output column often names an agency as the owner of a document ("Kế hoạch
của UBND tỉnh", "Nghị quyết của HĐND tỉnh"); its line's words interleave with the partners'
cell, and the agency is read as a partner ("UBND"). A partner's own words follow its cell's
list or open the cell's line, never a possessive "của": a read name whose opening words
stand in the row's fragments only right after "của" is that prose, and is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import is_collective
from theodoi.ingest.parse.faint_words import fragment_words
from theodoi.ingest.text import fold

_OPENING = 2  # of a name's words, how many must stand in a row to place it


def possessed_only(name: str, fragments: Sequence[tuple[int, list[str]]]) -> bool:
    """Whether every place ``name``'s opening words stand in the fragments follows "của" (and
    there is one at least). A collective is passed over: its opening words ("các sở") are
    too common to place it ("của các Sở, ngành" / "Các Sở,ngành")."""
    opening = re.findall(r"\w+", fold(name))[:_OPENING]
    if not opening or is_collective(name):
        return False
    befores = [
        line[k - 1] if k else None
        for line in fragment_words(fragments)
        for k in range(len(line) - len(opening) + 1)
        if line[k : k + len(opening)] == opening
    ]
    return bool(befores) and all(b == "cua" for b in befores)


def without_possessed(names: list[str], fragments: Sequence[tuple[int, list[str]]]) -> list[str]:
    """``names`` less those read from an output's "của ..." prose (``possessed_only``)."""
    return [n for n in names if not possessed_only(n, fragments)]
