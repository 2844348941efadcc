"""A named agency beside a departments' collective lead is a partner ("Các sở, ban, ngành" leads alone).

A lead cell naming the departments as a collective ("Các sở, ban, ngành, địa phương") names
every department already: no department or other agency leads beside it (in the plans seen,
a named lead shares its cell only with a narrower collective listed after it, "...; các địa
phương"). A named agency the row's other columns hold, read (most of its words in order)
but given to neither agency cell, is then a partner: its words ran into a neighbour's
fragment ("Liên minh hợp" / "tác xã tỉnh" below the lead's last line). A name opening with
the words of one a cell holds is that name read again, garbled, and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import is_collective, names_within
from theodoi.ingest.parse.faint_words import fragment_words, word_places
from theodoi.ingest.text import fold

_READ_SHARE = 0.6  # of a found name's words, how many must stand in order on the row's lines


def _words(name: str) -> list[str]:
    return re.findall(r"\w+", fold(name))


def _departments(name: str) -> bool:
    """Whether a collective names the departments ("Các sở, ...", "Các sở, ban, ngành")."""
    return is_collective(name) and "so" in _words(name)


def partners_beside_collective(
    lead: list[str], support: list[str], found: Sequence[str], fragments: Sequence[tuple[int, list[str]]]
) -> list[str]:
    """``support`` with the ``found`` named agencies no cell holds added, when the lead is one
    departments' collective alone (see the module)."""
    if len(lead) != 1 or not _departments(lead[0]):
        return support
    lines = fragment_words(fragments)
    held = [*lead, *support]
    out = list(support)
    for name in found:
        words = _words(name)
        if is_collective(name) or any(names_within(name, x) or names_within(x, name) for x in held):
            continue
        if any(_words(x)[:2] == words[:2] for x in held):
            continue  # a held name read again
        if len(word_places(name, lines)) < _READ_SHARE * len(words):
            continue
        out.append(name)
        held.append(name)
    return out
