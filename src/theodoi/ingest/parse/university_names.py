"""A university read as its bare head ("Đại học"), its head word and proper name on other lines.

A narrow cell prints "Trường" / "Đại học" / "Quảng Trị" on three lines, or "Trường" and
"Đại học" side by side where the column cut parts them; the agency is then read as the bare
"Đại học", which names no one. The name is mended from the row's lines: "Trường" standing
right before "Đại học" (the piece before it on its line) opens it, and the first run of
capitalised words on the next line ("Quảng Trị", a place name) ends it.
"""

from __future__ import annotations

from collections.abc import Sequence

from theodoi.ingest.text import fold

# How many capitalised words a university's proper name runs on for.
_PROPER_WORDS = 3


def _proper_run(text: str) -> str | None:
    """The first run of capitalised words in ``text`` (a place or person's name)."""
    words = [t.strip(".,;:()") for t in text.split()]
    start = next((i for i, w in enumerate(words) if w[:1].isupper() and w.isalpha()), None)
    if start is None:
        return None
    run = []
    for w in words[start : start + _PROPER_WORDS]:
        if not (w[:1].isupper() and w.isalpha()):
            break
        run.append(w)
    return " ".join(run)


def mend_university(name: str, fragments: Sequence[tuple[int, list[str]]]) -> str:
    """The university ``name`` (a bare "Đại học" or "Trường Đại học") is, read from the row."""
    if fold(name) not in ("dai hoc", "truong dai hoc"):
        return name
    for k, (_n, pieces) in enumerate(fragments):
        for j, piece in enumerate(pieces):
            if not fold(piece).startswith("dai hoc"):
                continue
            head = (
                "Trường " if fold(name) == "truong dai hoc" or (j and fold(pieces[j - 1]) == "truong") else ""
            )
            # words after "Đại học" on its line may be the next column's ("Đại học Hoạt động")
            rest = _proper_run(" ".join(fragments[k + 1][1])) if k + 1 < len(fragments) else None
            if rest is not None:
                return f"{head}Đại học {rest}"
            return name
    return name
