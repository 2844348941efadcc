"""A partner collective printed without its "Các" ("Sở, ban, ngành có liên quan").

A plan sometimes prints a collective bare ("Sở, ban, ngành có liên quan", "Sở, ngành, địa
phương"): no directory name, no "các" to open it, its head a generic "Sở" with no qualifier,
so the OCR'd partners' cell reading it is dropped as debris. An item of the partners' cell
that is a directory collective less its "Các" is that collective, printed bare. Its
qualifier ("có liên quan", "liên quan") wraps onto the next line, where it opens a piece of
the line or follows the last word of a lead's name (the lead's column ends there, the
partners' begins: "Công nghệ có liên quan").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import is_collective, names_within, split_agencies
from theodoi.ingest.parse.faint_words import directory_words, fragment_words, piece_starts
from theodoi.ingest.text import fold

_QUALIFIERS = (("co", "lien", "quan"), ("lien", "quan"))  # longest first
_PRINTED = {("co", "lien", "quan"): "có liên quan", ("lien", "quan"): "liên quan"}
_LINES = 2  # source lines below the collective's last word its qualifier may stand on


def bare_collective(item: str) -> str | None:
    """The directory collective ``item`` spells less its "Các", printed bare ("Sở, ban,
    ngành"), or None."""
    words = tuple(re.findall(r"\w+", fold(item)))
    for key, name in directory_words():
        if key[:1] == ("cac",) and key[1:] == words and len(words) > 1:
            rest = name.split(" ", 1)[1]
            return rest[:1].upper() + rest[1:]
    return None


def _qualifier(name: str, lead: Sequence[str], fragments: Sequence[tuple[int, list[str]]]) -> str | None:
    """The qualifier wrapped below collective ``name``'s last word (see the module), or None."""
    words = re.findall(r"\w+", fold(name))
    spelled = [re.findall(r"\w+", fold(" ".join(pieces))) for _n, pieces in fragments]
    li = next(
        (j for j, line in enumerate(spelled) for k in range(len(line)) if line[k : k + len(words)] == words),
        None,
    )
    if li is None:
        return None
    lines = fragment_words(fragments)
    ends = {re.findall(r"\w+", fold(x))[-1] for x in lead if re.findall(r"\w+", fold(x))}
    for lj in range(li + 1, len(lines)):
        if fragments[lj][0] - fragments[li][0] > _LINES:
            break
        starts = piece_starts(fragments[lj][1])
        line = lines[lj]
        for k in range(len(line)):
            if k not in starts and line[k - 1] not in ends:
                continue
            for qualifier in _QUALIFIERS:
                if tuple(line[k : k + len(qualifier)]) == qualifier:
                    return _PRINTED[qualifier]
    return None


def with_bare_collective(
    support: list[str], lead: list[str], cell: str | None, fragments: Sequence[tuple[int, list[str]]]
) -> list[str]:
    """The partners with the bare collective their cell prints (``bare_collective``) and its
    wrapped qualifier, when they hold no collective and no cell reads it in part."""
    if any(is_collective(x) for x in (*support, *lead)):
        return support
    for item in split_agencies(cell or ""):
        if (name := bare_collective(item)) is None:
            continue
        if any(names_within(name, x) or names_within(x, name) for x in (*support, *lead)):
            continue
        qualifier = _qualifier(name, lead, fragments)
        return [*support, f"{name} {qualifier}" if qualifier else name]
    return support
