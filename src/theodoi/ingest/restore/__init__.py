"""Restore OCR'd Vietnamese: give back the diacritics and letters a scan lost.

``default_restorer().restore_line(text)`` is what extraction calls for every text field.
(First version: the interface only; the noisy-channel decoder lands behind it.)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Change:
    """One span the restorer changed: where, what it was, what it became and why."""

    start: int
    end: int
    before: str
    after: str
    reason: str


class Restorer:
    """Turn OCR'd Vietnamese lines into proper Vietnamese, one line at a time."""

    def restore_line(self, text: str) -> str:
        return text

    def restore_lines(self, lines: list[str]) -> list[str]:
        return [self.restore_line(line) for line in lines]

    def explain_line(self, text: str) -> list[Change]:
        return []

    def with_reference(self, texts: list[str]) -> Restorer:
        return self


@lru_cache(maxsize=1)
def default_restorer() -> Restorer:
    """Return the shared restorer, loading its model once."""
    return Restorer()
