"""Agency names at the end of a first-column line: short tails and wrapped continuations.

A short agency name (or a directory name OCR glued together) ending a name line goes to the
other columns, and so does a wrapped agency cell's lower-case continuation ("ngành, địa")
found on a name line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.layout.interleaved.words import (
    _ENDS_OPEN,
    _ENDS_OPEN_WORD,
    _GOVERNS,
    _HEAD_PAIRS,
    _HEAD_TOKENS,
    _agency_words_only,
    fold,
)
from theodoi.ingest.text import holds_run

# How many words a wrapped agency cell's continuation on a name line may have ("ngành, địa").
_CONTINUATION_WORDS = 4


def split_agency_continuation(head: str, open_cells: Sequence[str], before: str = "") -> tuple[str, str, str]:
    """Take a wrapped agency cell's lower-case continuation out of a name line's part.

    An agency cell wraps over the row's lines ("Các sở, ban," / "ngành, địa" / "phương") and,
    without a gap mark, OCR runs its lower-case lines into the name's ("... đội ngũ lãnh đạo
    từng ngành, địa", "phương cứu, ứng dụng ..."). A run of at most ``_CONTINUATION_WORDS``
    lower-case agency words at the part's start or end leaves the name only when an agency
    cell begun above (``open_cells``, not yet a whole directory name) carried on by it spells
    a directory name or the start of exactly one ("Các sở, ban," + "ngành, địa"), and the name does
    itself hold the phrase there (the word before the run repeats its first, "... từng ngành,
    ngành, địa"; the name so far, ``before``, ends mid-phrase for a run at the start, or
    ends with the word the cell ends with: "... khoa học, công" / "nghệ, đổi mới" beside an
    open "Sở Khoa học và Công" finishes the name's own pair, the cell wraps on elsewhere). The
    longest such run is taken. The moved words must be the directory name's next words, their
    marks too where they are lower-case ("bàn đồ" is not "ban"; a capitalised word mid-name
    is an agency's even with a slipped mark: "và Mới trường"). Returns (name part, words
    moved to the rest, the agency name
    as carried on by them — an open cell for the next lines).
    """
    from theodoi.ingest.normalise.agencies import agency_continuation, complete_agency, known_agency

    starts = [s for cell in open_cells for s in _agency_starts(cell) if known_agency(s) is None]
    starts.sort(key=len, reverse=True)  # the cell's longest start is what it says so far
    tokens = head.split()
    if not starts or not tokens:
        return head, "", ""

    def carried(words: Sequence[str], pair_end: str = "") -> str:
        if not words[0][:1].islower() or tuple(_plain_words(" ".join(words))) not in _directory_runs():
            return ""
        text = " ".join(words)
        for start in starts:
            if pair_end and _plain_words(start)[-1:] == [pair_end]:
                continue  # the name ends with the cell's last word: the run finishes the name's pair
            joined = f"{start} {text}"
            if agency_continuation(start, text) < 0.95:
                continue
            entry = known_agency(joined) or (complete_agency(joined) or ("",))[0]
            said, spelt = _plain_words(joined), _plain_words(entry)
            printed = re.findall(r"\w+", entry)[len(said) - len(words) : len(said)]
            if not entry or said[-len(words) :] != spelt[len(said) - len(words) : len(said)]:
                continue
            if all(
                m == p or m[:1].isupper() for m, p in zip(re.findall(r"\w+", text), printed, strict=False)
            ):
                return joined  # the moved words are the entry's next words, letter for letter
        return ""

    most = min(_CONTINUATION_WORDS, len(tokens))
    for k in range(most, 0, -1):  # at the end: "... lãnh đạo từng ngành, địa"
        words, kept = tokens[len(tokens) - k :], tokens[: len(tokens) - k]
        repeated = kept and fold(kept[-1]).strip(".,;:") == fold(words[0]).strip(".,;:")
        if not repeated and (name := carried(words)):
            return " ".join(kept), " ".join(words), name
    if _ENDS_OPEN.search(fold(before)):
        return head, "", ""  # the name above ends mid-phrase: this line's first words carry it on
    pair_end = (_plain_words(before) or [""])[-1]
    for k in range(most, 0, -1):  # at the start: "ngành, địa của cấp có ..."
        words, kept = tokens[:k], tokens[k:]
        if name := carried(words, pair_end):
            return " ".join(kept), " ".join(words), name
    return head, "", ""


def _plain_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


@lru_cache(maxsize=1)
def _directory_runs() -> frozenset[tuple[str, ...]]:
    """Every run of up to ``_CONTINUATION_WORDS`` consecutive words of a directory name (folded)."""
    from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY

    runs: set[tuple[str, ...]] = set()
    for entry in AGENCY_DIRECTORY:
        words = _plain_words(entry)
        for i in range(len(words)):
            runs.update(tuple(words[i:j]) for j in range(i + 1, min(len(words), i + _CONTINUATION_WORDS) + 1))
    return frozenset(runs)


@lru_cache(maxsize=1 << 12)
def _agency_starts(cell: str) -> tuple[str, ...]:
    """The agency names begun in a cell: from each capitalised agency head, the stretches of two
    words or more that still spell a directory name's start ("Các sở,", "Các sở, ban,", "Các
    sở, ban, có" of "Các sở, ban, có chuyên").

    A cell rebuilt from OCR'd lines may hold other columns' words after an agency's start (OCR
    slips make "có" pass for a start); a continuation is tested against each stretch.
    """
    from theodoi.ingest.normalise.agencies import agency_continuation

    tokens = cell.split()
    out: list[str] = []
    for j, token in enumerate(tokens):
        if not (token[:1].isupper() and fold(token).strip(".,;:") in _HEAD_TOKENS):
            continue
        m = j + 1
        while m < len(tokens) and agency_continuation(token, " ".join(tokens[j + 1 : m + 1])) >= 0.95:
            m += 1
        out.extend(" ".join(tokens[j:end]) for end in range(j + 2, m + 1))
    return tuple(out)


def split_agency_tail(text: str) -> tuple[str, str]:
    """Split a short agency fragment off the end of a first-column line: (name, fragment).

    OCR without column gaps runs the lead/partner cell on after the name's last words
    ("Cơ sở dữ liệu kết cấu hạ tầng đường bộ Sở Xây dựng"). The end of the line is taken as
    another column's when it opens with a capitalised agency head, is a short agency name
    (or its start) and the name before it does not end mid-phrase ("... của Sở Tài chính",
    "... cho các sở, ban, ngành" stay whole). A collective's opening is sought first
    (``split_collective_opening``), then its body without the opening
    (``split_bare_collective``).
    """
    head, tail = split_collective_opening(text)
    if not tail:
        head, tail = split_bare_collective(text)
    if tail:
        return head, tail
    tokens = text.split()
    for k in range(4, len(tokens)):
        token = tokens[k]
        if not token[:1].isupper():
            continue
        tail = " ".join(tokens[k:])
        if fold(token).strip(".,;:") not in _HEAD_TOKENS or not fold(tail).startswith(_HEAD_PAIRS):
            continue
        if len(tokens) - k > 5:
            return text, ""
        head = " ".join(tokens[:k])
        if _ENDS_OPEN.search(fold(head)) or _GOVERNS.search(fold(head)):
            return text, ""
        if _agency_score(tail) >= 0.9:
            return head, tail
        return text, ""
    return _split_glued_agency_tail(text)


# The most words a collective's opening may carry off a name line (other columns' words after it).
_COLLECTIVE_TAIL_WORDS = 8


def split_collective_opening(text: str) -> tuple[str, str]:
    """Split a collective agency's opening off a first-column line: (name, the rest).

    A task name says "các" in lower case mid-sentence; a capitalised "Các" after the line's
    first word, not opening a sentence (after "."), and followed by a collective's words
    ("Các sở, ban,", "Các doanh") or by a list OCR garbled ("Các‘ 59, bơn,": two words ending
    with commas) opens the lead's or partners' cell that OCR ran on after the name's words
    ("... phát triển chính quyền số Các‘ 59, bơn,"). It goes to the other columns with the
    words after it, unless the name before ends mid-phrase ("... giao cho Các sở").
    """
    from theodoi.ingest.normalise.agencies import may_name_collective

    tokens = text.split()
    for k in range(1, len(tokens)):
        token = tokens[k]
        if not token[:1].isupper() or re.sub(r"[^a-z]", "", fold(token)) != "cac":
            continue
        if len(tokens) - k > _COLLECTIVE_TAIL_WORDS or tokens[k - 1].endswith("."):
            return text, ""
        after = [fold(t).strip(".,;:") for t in tokens[k + 1 : k + 3]]
        listed = len(after) == 2 and all(t.endswith(",") for t in tokens[k + 1 : k + 3])
        if not after or (not may_name_collective(after[0]) and not listed):
            continue
        head = " ".join(tokens[:k])
        if _ENDS_OPEN_WORD.search(fold(head)) or _GOVERNS.search(fold(head)):
            return text, ""
        return head, " ".join(tokens[k:])
    return text, ""


# Words a name may say a bare collective after ("các sở, ngành", "của sở, ngành", "thủ
# trưởng sở, ban, ngành"); after any other word the collective is another column's (folded).
_BARE_COLLECTIVE_AFTER = frozenset({"cac", "nhung", "moi", "cua", "voi", "cho", "giao", "truong", "dao"})


def split_bare_collective(text: str) -> tuple[str, str]:
    """Split a collective's body whose "Các" OCR left on the line above off a name line.

    A lead's or partners' collective wraps as "...; các" / "sở, ban, ngành," / "địa phương",
    and OCR runs its middle line on after the name's words with no gap mark ("... giai đoạn
    tiếp theo sở, ban, ngành,"). A task name says the collective after "các" (or a word
    governing it: "của", "với", "thủ trưởng"), so a "sở, ngành" or "sở, ban, ngành" after
    any other word, with the name's words before it on the line, opens the other columns'
    words: it goes to the rest with the words after it. The restorer may read "sở" as "số"
    ("chuyển đổi số, ngành ..." is prose), so a "số" counts only before "ban, ngành".
    """
    tokens = text.split()
    words = [fold(t).strip(".,;:") for t in tokens]
    for k in range(1, len(tokens) - 1):
        if words[k] != "so" or not tokens[k].endswith(","):
            continue
        sure = tokens[k].lower().startswith("sở")
        body = words[k + 1 : k + 3]
        if not (body[:2] == ["ban", "nganh"] or (sure and body[:1] == ["nganh"])):
            continue
        if len(tokens) - k > _COLLECTIVE_TAIL_WORDS or words[k - 1] in _BARE_COLLECTIVE_AFTER:
            return text, ""
        return " ".join(tokens[:k]), " ".join(tokens[k:])
    return text, ""


def split_conjoined_agency(head: str, rest: str, before: str = "") -> tuple[str, str]:
    """Move a directory name's "và"-joined second half off a name line's part to the rest.

    A department named with "và" ("Sở Khoa học và Công nghệ", "Sở Dân tộc và Tôn giáo")
    wraps in its narrow column as "Sở Khoa học" / "và Công" / "nghệ", and without a gap mark
    OCR runs "và Công" into the name's words ("... khu công nghiệp và Công Kinh tế;"), or the
    cut leaves "và" at the name's end and "Công" in the rest. A name says these words in lower
    case unless it names the department itself: then the word before "và" is the
    department's ("... với Sở Khoa học và Công nghệ"), or its first half stands among the
    name's last words (other columns' words OCR ran in may sit between). So a "và" followed
    by a capitalised word that follows "và" in a directory name, in any other place, goes to
    the rest with the words after it. ``before`` is the name so far.
    """
    tokens = head.split()
    words = rest.split()
    halves = _conjoined_halves()
    for k, token in enumerate(tokens):
        after = tokens[k + 1] if k + 1 < len(tokens) else (words[0] if words else "")
        if fold(token) != "va" or not after[:1].isupper():
            continue
        firsts = halves.get(fold(after).strip(".,;:"))
        if not firsts:
            continue
        said = _plain_words(f"{before} {' '.join(tokens[:k])}")[-_NAMED_WITHIN:]
        if said and any(said[-1] == first[-1] or holds_run(said, first) for first in firsts):
            continue
        return " ".join(tokens[:k]), " ".join([*tokens[k:], *words])
    return head, rest


# How many of the name's last words may hold a department's first half it names whole.
_NAMED_WITHIN = 8


@lru_cache(maxsize=1)
def _conjoined_halves() -> dict[str, frozenset[tuple[str, ...]]]:
    """The directory's first words after "và" (folded), each with the first halves before it
    ("cong": "so khoa hoc" of "Sở Khoa học và Công nghệ")."""
    from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY

    halves: dict[str, set[tuple[str, ...]]] = {}
    for entry in AGENCY_DIRECTORY:
        words = _plain_words(entry)
        for j in range(1, len(words) - 1):
            if words[j] == "va":
                halves.setdefault(words[j + 1], set()).add(tuple(words[:j]))
    return {second: frozenset(firsts) for second, firsts in halves.items()}


def give_collective_head_to_rest(head: str, rest: str) -> tuple[str, str]:
    """Move a name part's last word, a capitalised "Các", to the rest when the rest opens with
    a collective's word ("... phong trào học tập số thường Các" | "Sở Sở Khoa học và").

    The lead's collective ("Các Sở, ngành, địa phương") opened right after the name's words on
    the line and the column cut fell after its "Các"; a name says "các" in lower case.
    """
    from theodoi.ingest.normalise.agencies import may_name_collective

    tokens, words = head.split(), rest.split()
    if len(tokens) < 2 or not words or tokens[-1] != "Các" or tokens[-2].endswith("."):
        return head, rest
    if not may_name_collective(fold(words[0]).strip(".,;:")):
        return head, rest
    return " ".join(tokens[:-1]), f"Các {rest}"


def is_agency_cells_part(head: str, before: str) -> bool:
    """Whether a name line's whole part is the agency cells' words ("Sở Dân tộc Các số, ngành,").

    On a line where the name column is blank (the name's paragraph wraps fewer lines than
    the row's tall agency cells, or stands lower), the line opens with the lead's or the
    partners' words and the first column's cut, finding no name words, gives them to the
    name. A part that opens with a capitalised agency head and holds agency words only is
    the agency cells' when the name above (``before``) is begun and does not end
    mid-phrase or mid-sentence ("... phối hợp với" / "Sở Tài chính" stays; a new sentence
    may open with "Các cơ quan").
    """
    tokens = head.split()
    if not tokens or not before or not tokens[0][:1].isupper():
        return False
    if fold(tokens[0]).strip(".,;:") not in _HEAD_TOKENS or not fold(head).startswith(_HEAD_PAIRS):
        return False
    end = fold(before).rstrip()
    if _ENDS_OPEN.search(end) or _GOVERNS.search(end) or end.endswith((".", ";", ":")):
        return False
    return _agency_words_only(tokens) and _agency_score(head) >= 0.9


def _split_glued_agency_tail(text: str) -> tuple[str, str]:
    """Split off a directory name OCR glued together at the end of a line ("... y tế S6Y tế")."""
    from theodoi.ingest.normalise.agencies import compact_directory_match

    tokens = text.split()
    for k in range(max(4, len(tokens) - 4), len(tokens)):
        tail = " ".join(tokens[k:])
        if not tail[:1].isupper() or _ENDS_OPEN.search(fold(" ".join(tokens[:k]))):
            continue
        if compact_directory_match(tail) is not None:
            return " ".join(tokens[:k]), tail
    return text, ""


def _agency_score(text: str) -> float:
    from theodoi.ingest.normalise.agencies import agency_score

    return agency_score(text)
