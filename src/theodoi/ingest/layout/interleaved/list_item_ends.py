"""A collective's last list item read as the name's last line, given back to the other columns.

A collective agency name lists its members ("Các sở, ban, ngành, địa phương", "Các doanh
nghiệp viễn thông, internet, công nghệ thông tin") and wraps in its narrow column; its last
item ("địa phương") often stands alone on the row's line below the name's end. OCR leaves no
gap mark there, so the first column's cut gives that line to the name ("... các giai đoạn
tiếp theo" / "địa phương ban hành"), and the language model reads "theo địa phương" or
"tỉnh địa phương" as prose. The other columns' lines above tell it apart: they hold the
collective's list up to the item before ("sở, ban, ngành,"), still open with its comma.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.layout.interleaved.words import fold

# A name's last line shorter than this share of the first column's width may be another
# column's line (``bled_ends`` uses the same share for a name's bled last line).
_SHORT_LINE_SHARE = 0.6
# Words a name says a collective's item right after ("cho các địa phương", "của địa
# phương"): there the item is the name's own (folded).
_GOVERNING = frozenset({"cac", "nhung", "moi", "cua", "voi", "cho", "tai", "o", "giua"})


def take_listed_item_line(
    parts: Sequence[tuple[int, str]], above: str, width: float
) -> tuple[list[tuple[int, str]], tuple[int, list[str]] | None]:
    """Take the name's short last line off when it opens with a listed name's last item whose
    list the row's other columns hold open above.

    ``parts`` are the name's (line number, words); ``above`` the other columns' words on the
    row's lines above the last one, in reading order. The line goes when it opens (marks
    aside) with the words after a directory name's last comma ("địa phương" of "Các sở, ban,
    ngành, địa phương"), ``above`` holds the word before that comma with its comma ("ngành,")
    not followed by the item, and the name above does not end on a word that governs the
    item ("... hỗ trợ cho" / "địa phương" is the name's). The line's words after the item
    stand below the name's end too: the other cells' wrapped words ("ban hành" of an output,
    "tịch" of "chủ tịch"). Returns the parts and the line taken off (its number and its
    pieces: the item, then the words after it), None when kept.
    """
    if len(parts) < 2:
        return list(parts), None
    number, text = parts[-1]
    if len(text) >= _SHORT_LINE_SHARE * width:
        return list(parts), None
    tokens = text.split()
    marks = next((k for k, t in enumerate(tokens) if _word(t)), len(tokens))
    words = [_word(t) for t in tokens[marks:]]
    before_words = fold(parts[-2][1]).split()
    if not words or (before_words and before_words[-1].strip(".,;:") in _GOVERNING):
        return list(parts), None
    held = _plain(above)
    for before, item in _last_items():
        if tuple(words[: len(item)]) != item or not _opens_list_before(held, before, item):
            continue
        pieces = [" ".join(tokens[marks : marks + len(item)]), " ".join(tokens[marks + len(item) :])]
        return list(parts[:-1]), (number, [piece for piece in pieces if piece])
    return list(parts), None


def _word(token: str) -> str:
    """A token's folded letters and digits, marks at its edges left out ("" for a mark)."""
    return fold(token).strip(".,;:()'\"-–—")


def _plain(text: str) -> list[str]:
    """Folded words, a word followed by a comma keeping it ("ngành,")."""
    return re.findall(r"[a-z0-9]+,?", fold(text))


def _opens_list_before(held: Sequence[str], before: str, item: tuple[str, ...]) -> bool:
    """Whether ``before`` with its comma stands in ``held`` with no ``item`` right after it."""
    for k, word in enumerate(held):
        if word == f"{before}," and tuple(w.rstrip(",") for w in held[k + 1 : k + 1 + len(item)]) != item:
            return True
    return False


@lru_cache(maxsize=1)
def _last_items() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each directory collective's last list item (folded words) with the word before its comma
    ("nganh", ("dia", "phuong")); one-word items are left out ("phường" alone reads as prose)."""
    from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY

    out: set[tuple[str, tuple[str, ...]]] = set()
    for entry in AGENCY_DIRECTORY:
        head, comma, last = fold(entry).rpartition(",")
        item = tuple(re.findall(r"[a-z0-9]+", last))
        before = re.findall(r"[a-z0-9]+", head)
        if comma and len(item) >= 2 and before:
            out.add((before[-1], item))
    return tuple(sorted(out))
