"""Layout, OCR'd: cells wrapped over the lines of an interleaved row, put back together.

A unit, a text target or an agency name wraps onto the lines around the numbered line, where
its fragments sit at the end of each line's name part.
"""

from __future__ import annotations

import re

from theodoi.ingest.parse.indicators.leads import (
    agency_complete,
    directory_score,
    directory_words,
    last_agency,
    starts_agency,
)
from theodoi.ingest.parse.indicators.rows import Parts, Row
from theodoi.ingest.parse.indicators.scan import is_meaningful
from theodoi.ingest.parse.indicators.units import squeezed_unit
from theodoi.ingest.text import collapse_spaces, fold


def wrapped_unit(i: int, parts_of: dict[int, Parts], rows: set[int]) -> None:
    """Rebuild a unit cell wrapped over the lines around a numbered line.

    "Số doanh" / "... công nghệ số nghiệp/1000 1 Sở ..." / "dân" is the unit "Số doanh
    nghiệp/1000 dân": the unit column's fragments sit at the right end of each line's name part
    (on the line below, before the end of a wrapped agency: "ở tâm Công nghệ"). The numbered
    line may hold none of it ("Vườn, Trung" / "... 01" / "tâm").
    """
    here = parts_of.get(i)
    if here is None or here.unit or not here.target:
        return
    above = parts_of.get(i - 1) if i - 1 not in rows else None
    below = parts_of.get(i + 1) if i + 1 not in rows else None
    mid = here.name.split()
    a_tokens = above.name.split() if above and above.name else []
    c_all = below.name.split() if below and below.name else []
    c_end = _before_agency_tail(c_all)
    c_tokens = c_all[:c_end]
    found: list[tuple[float, int, int, int, str]] = []  # (score, a, m, c, unit)
    for m in range(min(3, len(mid) - 1) + 1):
        for a in range(min(2, len(a_tokens)) + 1):
            for c in range(min(2, len(c_tokens)) + 1):
                if not m and not (a and c):
                    continue  # a unit the numbered line holds none of wraps on both sides
                tail = c_tokens[len(c_tokens) - c :] if c else []
                text = " ".join([*a_tokens[len(a_tokens) - a :], *(mid[-m:] if m else []), *tail])
                if a and not (text[:1].isupper() or text[:1] == "%"):
                    continue  # a unit cell opens with a capital: "trung tâm" above is name text
                match = _unit_reading(text)
                if match and match[1] >= 0.8:
                    found.append((match[1], a, m, c, match[0]))
    if not found:
        return
    # the best match; at an equal score, or where a unit ending in the best one still matches
    # well ("Vụ’Ở’nã, Trung" "tâm": "Vườn, Trung tâm", not "Trung tâm"), the one using more
    # fragments, the fuller unit
    best = max(found, key=lambda f: (round(f[0], 9), f[1] + f[2] + f[3]))
    fuller = [
        f
        for f in found
        if f[0] >= 0.85
        and f[1] + f[2] + f[3] > best[1] + best[2] + best[3]
        and f[4] != best[4]
        and fold(f[4]).endswith(" " + fold(best[4]))
    ]
    if fuller:  # the fewest fragments that spell it: "số 50 doanh" keeps "số" in the name
        best = min(fuller, key=lambda f: (f[1] + f[2] + f[3], -f[0]))
    _score, a, m, c, unit = best
    here.unit = unit
    here.name = " ".join(mid[: len(mid) - m])
    if a and above is not None:
        above.name = " ".join(a_tokens[: len(a_tokens) - a])
    if c and below is not None:
        below.name = " ".join([*c_tokens[: len(c_tokens) - c], *c_all[c_end:]])


def _unit_reading(text: str) -> tuple[str, float] | None:
    """The unit ``text`` spells, reading an opening "50" / "56" as "Số" the way scans print it
    ("công nghệ số 50 doanh" / "nghiệp/1000 dân": the unit is "Số doanh nghiệp/1000 dân" and
    "số" stays the name's last word)."""
    match = squeezed_unit(text)
    head, _, rest = text.partition(" ")
    if rest and re.fullmatch(r"5[06o]|3[056]", head):
        as_so = squeezed_unit(f"Số {rest}")
        if as_so and (match is None or as_so[1] > match[1]):
            return as_so
    return match


def _before_agency_tail(tokens: list[str]) -> int:
    """Where the capitalised end of a wrapped agency name ("... Công nghệ") begins, if any."""
    words = directory_words()
    start = len(tokens)
    while start > 0 and fold(tokens[start - 1]).strip(",.;") in words:
        start -= 1
    capital = next((k for k in range(start, len(tokens)) if tokens[k][:1].isupper()), None)
    return len(tokens) if capital is None else capital


def repeated_unit_tail(row: Row) -> None:
    """A unit cell that opens on the line above ("Trung tâm") and ends on the numbered line
    right before the target, where it repeats the end of the name ("Hình thành Trung tâm dữ
    liệu tỉnh dữ liệu tỉnh"): the repeated words are the unit's end, not the name's.

    Only a repeat of two words or more at the end of the numbered line's name part counts, and
    it goes to the unit only when another line of the row holds the unit's start.
    """
    head = next((p for p in row.parts if p.code), None)
    if head is None or head.unit or not head.target:
        return
    tokens = head.name.split()
    keys = [fold(t).strip(",.;") for t in tokens]
    for size in range(min(4, len(tokens) // 2), 1, -1):
        if keys[-size:] == keys[-2 * size : -size]:
            wrapped = " ".join(tokens[-size:])
            head.name = " ".join(tokens[:-size])
            above = [p for p in row.parts if p.unit and p is not head]
            if above:
                above[-1].unit = collapse_spaces(f"{above[-1].unit} {wrapped}")
            return


_OPEN_NAME_END = {
    "cua", "va", "cho", "tren", "trong", "cac", "voi", "ve", "tai", "tu", "den", "duoc", "co", "la",
    "nhung", "theo", "hoac", "ty", "ti", "le", "muc", "nha", "dat",
}  # fmt: skip


def unit_words_in_name(row: Row) -> None:
    """A line that is only a unit word ("doanh nghiệp") continues the name when the numbered
    line already has the row's unit."""
    if not any(p.code and p.unit for p in row.parts):
        return
    for line, p in zip(row.lines, row.parts, strict=True):
        if not p.code and p.unit and not (p.name or p.target or p.lead):
            p.name, p.unit = line.text.strip(), ""


def text_target_continuation(row: Row) -> None:
    """A row whose numbered line holds a text target: the lines below continue that target.

    The name usually fits on the numbered line; when it ends mid-phrase ("... của") the lines
    below continue the name instead.
    """
    code_parts = [p for p in row.parts if p.code]
    if not code_parts:
        return
    head = code_parts[0]
    if len(head.target) <= 12 or re.match(r"^\s*(?:≥|≤|>=|<=|>|<|=)?\s*\d", head.target):
        return
    last = fold(head.name).split()[-1:] if head.name else []
    if not last or last[0].strip(",") in _OPEN_NAME_END or head.name.rstrip().endswith(","):
        return
    below = False
    for p in row.parts:
        if p is head:
            below = True
            continue
        if below and p.name and not p.code:
            p.target = collapse_spaces(f"{p.name} {p.target}")
            p.name = ""


def merge_lead_continuations(row: Row) -> None:
    """Move fragments that continue the agency cell out of the name, line by line.

    An agency cell wraps ("Sở Khoa học và" / "Công nghệ"); its continuation sits at the right
    end of the next line, after the name's fragment. A tail of that line moves to the agency
    cell when it completes the last agency into a known one.
    """
    running = ""
    parts = row.parts[:15]  # a real row spans a few lines; a runaway one is not worth the search
    for k, p in enumerate(parts):
        if running and p.name and len(running) < 120 and not agency_complete(running):
            tokens = p.name.split()
            clean = re.sub(r"(?:\s+\S)+$", "", running)  # specks after the agency ("..., y")
            fresh = clean.rstrip().endswith((",", ";"))  # the next agency opens on this line
            last = "" if fresh else last_agency(clean)
            ends_on_next = bool(last) and k + 1 < len(parts) and _completes(last, parts[k + 1])
            continues = bool(p.lead) and (
                not starts_agency(p.lead) or directory_score(f"{last} {p.lead}".strip()) >= 0.9
            )  # "Văn phòng" / "UBND tỉnh": one agency over two lines
            own = f" {p.lead}" if continues else ""
            base = directory_score(f"{last}{own}".strip()) if (last or own) else 0.0
            best: tuple[float, int, str] = (base, 0, "")
            words = directory_words()
            for size in range(1, min(6 if fresh else 4, len(tokens)) + 1):
                head = tokens[-size]
                if not (head[:1].isupper() or fold(head).strip(",.;") in words or fresh):
                    continue  # an agency's continuation is made of agency words
                tail = " ".join(tokens[-size:])
                options = [tail]
                if fresh and size > 1 and len(head) <= 3:
                    options.append("Sở " + " ".join(tokens[-size + 1 :]))  # "t Khoa học": a Sở smudged
                for option in options:
                    score = directory_score(f"{last} {option}{own}".strip())
                    if score < 0.95 and not (head[:1].isupper() or fresh) and ends_on_next:
                        continue  # "được công nhận mỗi": name text, the agency ends below
                    if score > best[0] + 0.02 and score >= 0.8:
                        best = (score, size, option)
            if best[1]:
                size = best[1]
                p.lead = collapse_spaces(f"{best[2]} {p.lead}")
                rest = tokens[:-size]
                p.name = " ".join(rest) if is_meaningful(rest) else ""
        if p.lead:
            running = collapse_spaces(f"{running} {p.lead}")


def _completes(last: str, below: Parts) -> bool:
    """True when the capitalised words opening ``below`` finish the agency ``last`` exactly
    ("Sở Khoa học và" / "< Công nghệ", "N Công nghệ" with a speck before it): then a
    lower-case run on the line above is name text."""
    words = [t for t in (below.lead or below.name).split() if re.search(r"[^\W\d_]", t)][:4]
    if len(words) > 1 and len(words[0]) <= 2:
        words = words[1:]  # a speck the scan left at the column edge
    if not words or not words[0][:1].isupper():
        return False
    return any(
        directory_score(f"{last} {' '.join(words[:size])}") >= 0.95 for size in range(len(words), 0, -1)
    )


# The end of "Sở Khoa học và Công nghệ" as scans leave it at the end of a line's name part.
_LEFTOVER_TITLE = {"cong", "cone", "cene", "ceng", "nghe"}


_LEFTOVER_ANY = {"nehe", "nehd", "nehs", "nefs", "nohe", "nehes", "ngh"}


def drop_agency_leftovers(row: Row) -> None:
    """Strip what is left of a wrapped agency name at the end of a name fragment.

    Only when the row's agency cell holds one ("... và Công nghệ"), and only a capitalised
    "Công" / "Nghệ" or a garbled "nehe": a name's own "công nghệ" is lower case.
    """
    lead = fold(row.column("lead"))
    if "nghe" not in lead and "cong" not in lead and "khoa" not in lead:
        return
    for p in row.parts:
        tokens = p.name.split()
        changed = False
        while tokens:
            last = tokens[-1]
            key = fold(last).strip(",.;")
            if (
                (key in _LEFTOVER_TITLE and last[:1].isupper())
                or key in _LEFTOVER_ANY
                or (changed and len(key) <= 1)
            ):
                tokens.pop()
                changed = True
                continue
            break
        if changed:
            p.name = " ".join(tokens)
