"""A province's newspaper or newsroom among a row's agencies ("Báo Bình Định").

Every province has its newspaper ("Báo <tỉnh>") and, since the 2025 mergers, often one
newsroom for paper, radio and television ("Báo và Phát thanh - Truyền hình <tỉnh>"); plans
name them as partners or leads of the communication tasks. The directory cannot hold them
(the name ends on the province), and in a narrow OCR'd cell the name wraps over a few lines
among the other columns' words ("Báo và tỉnh" / "Phát thanh -" / "Truyền hình" / "Quảng
Trị"). A capitalised "Báo" names the newspaper when a province's name follows it right
after, on its line or opening the next; it names the newsroom when "và" follows it and the
broadcaster's words stand in order after (three of "phát thanh truyền hình" at least, a
neighbour's words between), the province's name opening a piece of a line or following
their last word. The name is printed from the words found, the province as the list of
provinces spells it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.normalise.agencies import known_agency, names_within
from theodoi.ingest.normalise.provinces import PROVINCES
from theodoi.ingest.parse.faint_words import fragment_words, piece_starts, words_in_order
from theodoi.ingest.text import fold

_BROADCASTER = ("phat", "thanh", "truyen", "hinh")
_FOUND = 3  # of the broadcaster's words, found in order, to name the newsroom
_PROVINCES = tuple((tuple(re.findall(r"[a-z]+", fold(p))), p) for p in PROVINCES)


def _province_at(words: Sequence[str], at: int) -> str | None:
    """The province whose name's words open ``words`` at ``at`` (the longest), or None."""
    found = [(len(key), name) for key, name in _PROVINCES if tuple(words[at : at + len(key)]) == key]
    return max(found)[1] if found else None


def press_names(fragments: Sequence[tuple[int, list[str]]]) -> list[str]:
    """The newspapers and newsrooms a row's fragments name (see the module)."""
    raw = [" ".join(pieces).split() for _n, pieces in fragments]
    lines = fragment_words(fragments)
    tokens = [t for line in lines for t in line]
    token_lines = [k for k, line in enumerate(lines) for _t in line]
    offsets = [sum(len(line) for line in raw[:k]) for k in range(len(raw))]
    starts = {offsets[k] + s for k, (_n, pieces) in enumerate(fragments) for s in piece_starts(pieces)}
    out: list[str] = []
    for i, token in enumerate(tokens):
        li = token_lines[i]
        if token != "bao" or not raw[li][i - token_lines.index(li)][:1].isupper():
            continue
        if (province := _province_at(tokens, i + 1)) is not None:
            out.append(f"Báo {province}")
        elif tokens[i + 1 : i + 2] == ["va"]:
            hits = words_in_order(tokens[i + 2 :], _BROADCASTER, token_lines[i + 2 :])
            found = [h + i + 2 for h in hits if h is not None]
            if len(found) < _FOUND:
                continue
            after = next(
                (
                    p
                    for k in range(found[-1] + 1, len(tokens))
                    if (k == found[-1] + 1 or k in starts) and (p := _province_at(tokens, k)) is not None
                ),
                None,
            )
            if after is not None:
                out.append(f"Báo và Phát thanh - Truyền hình {after}")
    return out


def with_press_names(
    lead: list[str], support: list[str], fragments: Sequence[tuple[int, list[str]]]
) -> tuple[list[str], list[str]]:
    """The row's cells with the press names it holds (``press_names``): one takes the place of
    a name either cell read from its garbled words ("Báo và bài Độ}"), else closes the
    partners (the lead when the row has none), unless a cell reads it already."""
    for name in press_names(fragments):
        if any(names_within(name, x) or names_within(x, name) for x in (*lead, *support)):
            continue
        lead = [name if _misread(x) else x for x in lead]
        support = [name if _misread(x) else x for x in support]
        if name not in lead and name not in support:
            lead, support = (lead, [*support, name]) if lead else ([name], support)
    return lead, support


def _misread(name: str) -> bool:
    """A name read from a press name's garbled words: "Báo" and no known name."""
    return fold(name).split()[:1] == ["bao"] and known_agency(name) is None
