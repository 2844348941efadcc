"""Layout, OCR'd: a long unit cell wrapped over the whole height of its row.

A unit of several words ("Chỉ số phát triển con người (HDI)") in a narrow unit column wraps
over as many lines as the name: its first words sit at the end of the numbered line, the
next ones at the end of each line below (or right after a bar that closes the name), its last
one after the target line. ``wraps.wrapped_unit`` reads units over three lines around the
line that holds the target; this reads the taller ones, where the numbered line holds no cell
of the row and the target sits up to three lines below it: the fragments at the right end of
each line, read together, must spell a unit of the vocabulary of three words or more.
"""

from __future__ import annotations

import itertools

from theodoi.ingest.parse.indicators.rows import Row
from theodoi.ingest.parse.indicators.scan import is_junk
from theodoi.ingest.parse.indicators.units import squeezed_unit
from theodoi.ingest.text import collapse_spaces

_MIN_WORDS = 3  # a shorter unit fits the column, or wraps over the lines wrapped_unit reads
_MIN_SCORE = 0.85


def tall_unit(row: Row) -> None:
    """Rebuild a unit wrapped from the numbered line down to the line below the target."""
    head_at = next((k for k, p in enumerate(row.parts) if p.code), None)
    if head_at is None:
        return
    head = row.parts[head_at]
    if head.unit or head.target:
        return
    target_at = next((k for k in range(head_at + 1, len(row.parts)) if row.parts[k].target), None)
    if target_at is None or not 2 <= target_at - head_at <= 3:
        return  # one line below: wrapped_unit reads it
    if len(row.parts[target_at].unit.split()) >= _MIN_WORDS:
        return
    below_at = target_at + 1
    below = row.parts[below_at] if below_at < len(row.parts) else None
    if below is not None and (below.code or below.target or below.unit):
        below = None
    # Each line's candidate fragments, as (text, how the line gives it up).
    options: list[list[tuple[str, int]]] = [_tail_options(head.name, 1)]
    for k in range(head_at + 1, target_at):
        options.append(_middle_options(row, k))
    here = row.parts[target_at]
    options.append(
        [(collapse_spaces(f"{tail} {here.unit}"), size) for tail, size in _tail_options(here.name, 0)]
    )
    options.append(_tail_options(below.name, 0, most=1) if below is not None else [("", 0)])
    best: tuple[float, int, tuple[tuple[str, int], ...], str] | None = None
    for choice in itertools.product(*options):
        text = collapse_spaces(" ".join(t for t, _ in choice))
        if len(text.split()) < _MIN_WORDS:
            continue
        match = squeezed_unit(text)
        if match is None or match[1] < _MIN_SCORE or len(match[0].split()) < _MIN_WORDS:
            continue
        used = sum(size for _, size in choice)
        if best is None or (round(match[1], 9), -used) > (round(best[0], 9), -best[1]):
            best = (match[1], used, choice, match[0])
    if best is None:
        return
    _score, _used, choice, unit = best
    here.unit = unit
    head.name = _drop_tail(head.name, choice[0][1])
    here.name = _drop_tail(here.name, choice[-2][1])
    if below is not None:
        below.name = _drop_tail(below.name, choice[-1][1])


def _tail_options(name: str, least: int, most: int = 3) -> list[tuple[str, int]]:
    tokens = name.split()
    return [
        (" ".join(tokens[len(tokens) - n :]) if n else "", n)
        for n in range(least, min(most, len(tokens)) + 1)
    ]


def _middle_options(row: Row, k: int) -> list[tuple[str, int]]:
    """A middle line gives the words right after a bar that closes its name (the name part
    leaves them out), or else the last words of its name."""
    text = row.lines[k].text
    if "|" in text:
        after = [t for t in text.rsplit("|", 1)[1].split() if not is_junk(t)]
        return [(" ".join(after[:n]), 0) for n in range(min(2, len(after)) + 1)]
    return _tail_options(row.parts[k].name, 0, most=2)


def _drop_tail(name: str, size: int) -> str:
    return " ".join(name.split()[: len(name.split()) - size]) if size else name
