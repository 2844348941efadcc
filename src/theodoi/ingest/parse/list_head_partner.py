"""A named lead that heads a partners' list ("Sở Khoa học và Công nghệ; các doanh nghiệp").

An OCR'd row interleaves its agency cells line by line, and a cell printed alone on the
row's first lines keeps no trace of its column. A partners' cell that lists a named agency
and then collectives joins them with a semicolon and a lowercase "các" ("Sở Khoa học và
Công nghệ; các doanh nghiệp viễn thông, ..."), while the lead cell beside it opens on its
own ("Các doanh nghiệp", "Ban Quản lý ..."). A one-name lead whose last words the row prints
right before "; các", when the lead holds no collective of its own and another agency was
read as a partner, heads that list: it becomes the first partner, and the lead is the
first partner collective the row prints opening with a capitalised "Các" (a cell's first
word; "; các" goes on with a list). A lead with no such collective beside it keeps its place
("Sở Dân tộc và Tôn giáo; các địa phương" is a lead list when the partners are named ones).

The list's mark may also be read into the task's name cell, the columns' words run
together there ("... kinh tế xã Ở Công nghệ; các hội"). The name's own prose says "công
nghệ; các" too, so there the lead's last two words count only spelled as the agency's name
prints them, the first capitalised ("Công nghệ; các", not "công nghệ; các"); a name whose
last words open lower case ("Công an tỉnh") is not sought there.
"""

from __future__ import annotations

import re

from theodoi.ingest.normalise.agencies import is_collective
from theodoi.ingest.parse.faint_words import Fragments
from theodoi.ingest.text import fold


def _heads_list(name: str, fragments: Fragments) -> bool:
    """Whether a piece of the row prints ``name``'s last two words right before "; các"
    (lowercase: a capitalised "Các" opens a cell of its own)."""
    last = re.findall(r"\w+", fold(name))[-2:]
    if len(last) < 2:
        return False
    listed = re.compile(rf"\b{last[0]}\s+{last[1]}\s*;\s*cac\b")
    return any(
        listed.search(fold(piece)) and re.search(r";\s*các\b", piece)
        for _line, pieces in fragments
        for piece in pieces
    )


def _heads_list_in_name(name: str, task_name: str) -> bool:
    """Whether the task's name cell prints ``name``'s last two words, the first capitalised
    as the agency's name prints it, right before a lowercase "; các"."""
    last = re.findall(r"\w+", name)[-2:]
    if len(last) < 2 or not last[0][0].isupper():
        return False
    tokens = re.findall(r"[^\s;]+|;", task_name)
    return any(
        tokens[i][:1].isupper()
        and [fold(t) for t in tokens[i : i + 2]] == [fold(w) for w in last]
        and tokens[i + 2 : i + 4] == [";", "các"]
        for i in range(len(tokens) - 3)
    )


def lead_heading_partners(
    lead: list[str], support: list[str], fragments: Fragments, task_name: str = ""
) -> tuple[list[str], list[str]]:
    """Move a one-name lead that heads a "; các" list to the partners, a cell-opening collective leading."""
    if len(lead) != 1 or is_collective(lead[0]):
        return lead, support
    if not _heads_list(lead[0], fragments) and not _heads_list_in_name(lead[0], task_name):
        return lead, support
    opened = opened_collectives(fragments)
    head = next((n for n in support if is_collective(n) and second_word(n) in opened), None)
    if head is None:
        return lead, support
    key = fold(lead[0])
    return [head], [lead[0], *(n for n in support if n != head and fold(n) != key)]


def second_word(name: str) -> str:
    words = re.findall(r"\w+", fold(name))
    return words[1] if len(words) > 1 else ""


def opened_collectives(fragments: Fragments) -> set[str]:
    """The folded words the row prints after a capitalised "Các": collectives opening a cell."""
    text = " ".join(piece for _line, pieces in fragments for piece in pieces)
    return {fold(m) for m in re.findall(r"(?<!\w)Các\s+(\w+)", text)}
