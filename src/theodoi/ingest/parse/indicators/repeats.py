"""Repairs from repeated indicators: a plan that sets targets per horizon prints the same
indicator in several blocks ("Đến năm 2025", "Đến năm 2030" ...), and a scan damages each copy
differently.

A word of a name the scan garbled ("rihle;nổ}", "nglilen", "klAen") is replaced by the word
most other copies print at the same place, when their word is clean; a unit lost in one copy,
or an agency cell the scan smudged, is taken from the copies that agree on it. Copies are
found by the similarity of their names in other blocks; words both copies print are never
touched, and clean words or numbers that differ ("5G" / "6G", "≥ 1,5%" / "≥ 2%", "mỗi năm"
added from 2030 on) stay as each copy printed them. Every repaired field is marked unsure.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY
from theodoi.ingest.parse.indicators.scan import is_damaged
from theodoi.ingest.plan import Indicator
from theodoi.ingest.text import fold, ratio, shared_letters, similarity_at_least

# Copies of one indicator read alike even when damaged; two indicators of a block rarely do.
_SAME_INDICATOR = 0.7
# For a unit, the names must be as alike as repaired copies are.
_SAME_NAME = 0.9


@lru_cache(maxsize=4096)
def _folded(name: str) -> tuple[str, frozenset[str]]:
    key = fold(name)
    return key, frozenset(w.strip(",.;:()") for w in key.split())


# (name, name) -> (the lowest cutoff weighed, similarity_at_least there; 0.0 for a pair that
# shares too few words, at any cutoff)
_WEIGHED: dict[tuple[str, str], tuple[float, float]] = {}


def _alike(a: str, b: str, cutoff: float) -> bool:
    """True when the folded names match at ``cutoff`` or better.

    Cheap bounds first: copies of one indicator share a good part of their words even when
    damaged, and most pairs of a table share few. A pair is weighed once for both cutoffs
    (``_SAME_INDICATOR``, ``_SAME_NAME``): its ratio, once known, answers any cutoff, and a pair
    whose bounds fall below one cutoff is below any higher one too (the ratio is at most the
    bounds).
    """
    known = _WEIGHED.get((a, b))
    if known is not None and (known[1] or known[0] <= cutoff):
        return known[1] >= cutoff
    (key_a, words_a), (key_b, words_b) = _folded(a), _folded(b)
    if len(words_a & words_b) < 0.3 * min(len(words_a), len(words_b)):
        score, cutoff_weighed = 0.0, 0.0
    else:
        score = similarity_at_least(key_a, key_b, cutoff, common=shared_letters(key_a, key_b))
        cutoff_weighed = cutoff
    if len(_WEIGHED) >= 65536:
        _WEIGHED.clear()
    _WEIGHED[(a, b)] = (cutoff_weighed, score)
    return score >= cutoff


def _similarity(a: str, b: str) -> float:
    known = _WEIGHED.get((a, b))
    if known is not None and known[1]:
        return known[1]  # the ratio of the folded names (bounds passed): the same float
    return ratio(_folded(a)[0], _folded(b)[0])


_NUMBER = re.compile(r"\W*\d+(?:[.,]\d+)*\W*")


def _proposals(mine: list[str], theirs: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """The spans of ``mine`` another copy ``theirs`` would repair: ``(start, end, words)``.

    A span is repaired when two thirds of its words or more are damaged and the other copy's words
    there are clean and as many, give or take one; a span of damaged words the other copy
    does not print at all is dropped. Numbers are never replaced: they differ between horizons.
    """
    a = [fold(t).strip(",.;:") for t in mine]
    b = [fold(t).strip(",.;:") for t in theirs]
    out: list[tuple[int, int, tuple[str, ...]]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        ours, yours = mine[i1:i2], theirs[j1:j2]
        numbers = any(_NUMBER.fullmatch(t) for t in yours) or any(
            _NUMBER.fullmatch(t) and not is_damaged(t) for t in ours
        )
        if op in ("equal", "insert") or numbers:
            continue
        damaged = sum(is_damaged(t) for t in ours)
        if op == "delete":
            if damaged == len(ours):
                out.append((i1, i2, ()))
        elif (
            damaged * 3 >= len(ours) * 2
            and abs(len(ours) - len(yours)) <= 1
            and not any(is_damaged(t) for t in yours)
        ):
            out.append((i1, i2, tuple(yours)))
        elif damaged * 3 >= len(ours) * 2 and len(ours) == len(yours):
            out += _word_for_word(i1, ours, yours)
    return out


def _word_for_word(start: int, ours: list[str], yours: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Single-word repairs inside a span both copies print with as many words, where the
    other copy is damaged too: each damaged word of ours takes the word the other prints at its
    place when that one is clean. A scan damages each copy in its own places, so two copies
    garbled around the same words ("hộ(_),Cố., đô,hút" / "hộ(_)'cố., phát") still repair each
    other word by word; the span as a whole is left alone since neither copy is clean there.
    """
    return [
        (start + k, start + k + 1, (theirs,))
        for k, (mine, theirs) in enumerate(zip(ours, yours, strict=True))
        if is_damaged(mine) and not is_damaged(theirs)
    ]


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text))


def _repaired(name: str, copies: list[str]) -> str:
    """``name`` with its damaged spans replaced by what most copies print there."""
    mine = name.split()
    votes: dict[tuple[int, int], dict[tuple[str, ...], int]] = {}
    for other in copies:
        for i1, i2, words in _proposals(mine, other.split()):
            key = tuple(fold(w).strip(",.;:") for w in words)
            options = votes.setdefault((i1, i2), {})
            if key not in options:
                options[key] = 0
                options.setdefault(("__words__", *key), words)  # type: ignore[arg-type]
            options[key] += 1
    chosen: list[tuple[int, int, int, tuple[str, ...]]] = []
    for (i1, i2), options in votes.items():
        counts = {k: v for k, v in options.items() if not (k and k[0] == "__words__")}
        # the copy that prints the same letters (only signs differ) wins, else the most copies;
        # at a tie the first copy (the cleanest)
        letters = _letters(" ".join(mine[i1:i2]))
        best = max(counts, key=lambda k: (_letters(" ".join(k)) == letters, counts[k]))
        chosen.append((counts[best], i1, i2, options[("__words__", *best)]))  # type: ignore[arg-type]
    taken: dict[int, str | None] = {}  # position -> the folded word an edit put there
    edits: list[tuple[int, int, tuple[str, ...]]] = []
    for _n, i1, i2, words in sorted(chosen, key=lambda c: (-c[0], c[1])):
        edits += _fitting_edits(i1, i2, words, taken)
    for i1, i2, words in sorted(edits, reverse=True):
        mine[i1:i2] = list(words)
    return " ".join(mine)


def _fitting_edits(
    i1: int, i2: int, words: tuple[str, ...], taken: dict[int, str | None]
) -> list[tuple[int, int, tuple[str, ...]]]:
    """The part of an edit still to make once the edits more copies voted for are taken.

    An edit that overlaps none is made whole. One that overlaps only words it agrees with
    (a copy repairs "doar,lh Ilghlip" as "doanh nghiệp", three others only "Ilghlip" as
    "nghiệp") adds its other words; one that disagrees is dropped.
    """
    span = range(i1, i2)
    word_wise = len(words) == len(span)
    overlap = [p for p in span if p in taken]
    if overlap and not (word_wise and all(taken[p] == fold(words[p - i1]) for p in overlap)):
        return []
    for p in span:
        taken[p] = fold(words[p - i1]) if word_wise else None
    if not overlap:
        return [(i1, i2, words)]
    return [(p, p + 1, (words[p - i1],)) for p in span if p not in overlap]


def _opening(mine: list[str], theirs: list[str]) -> tuple[int, tuple[str, ...]] | None:
    """The words another copy prints before the first words both copies print, and how many
    of ours they stand for; None when the copies open alike or the other's opening is damaged."""
    a = [fold(t).strip(",.;:") for t in mine]
    b = [fold(t).strip(",.;:") for t in theirs]
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    if not opcodes:
        return None
    op, _i1, i2, j1, j2 = opcodes[0]
    yours = theirs[j1:j2]
    if op != "replace" or not yours or any(is_damaged(t) or _NUMBER.fullmatch(t) for t in yours):
        return None
    return i2, tuple(yours)


def _opening_from_copies(name: str, copies: list[str]) -> str:
    """``name`` with a damaged opening replaced by the one every other copy prints.

    A scan garbles the first line of a cell worst, where the words around a damaged one read
    as other words ("quyết: định nổ,học‘độ sử dụng ..." for "Tỷ lệ doanh nghiệp sử dụng ..."):
    too few of them read as damaged for a span repair. The opening is replaced only when it
    holds a damaged word, at least two copies print it, all alike, and as many words, give or
    take one.
    """
    mine = name.split()
    found = [_opening(mine, other.split()) for other in copies]
    openings = {(end, tuple(fold(w) for w in words)) for end, words in (f for f in found if f)}
    if len(copies) < 2 or None in found or len(openings) != 1:
        return name
    end, words = next(f for f in found if f)
    if not any(is_damaged(t) for t in mine[:end]) or abs(end - len(words)) > 1:
        return name
    return " ".join([*words, *mine[end:]])


def _damage(name: str) -> int:
    return sum(is_damaged(t) for t in name.split())


def _lead_from_copies(ind: Indicator, indicators: list[Indicator]) -> None:
    """Take the agency cell the copies agree on where this copy's reads as no known agency:
    lost, smudged ("Solthoahocva") or only the end of a wrapped name ("Công nghệ")."""
    if ind.lead and all(name in AGENCY_DIRECTORY for name in ind.lead):
        return
    leads = {
        tuple(other.lead)
        for other in indicators
        if other.horizon != ind.horizon
        and other.lead
        and all(name in AGENCY_DIRECTORY for name in other.lead)
        and _alike(ind.name, other.name, _SAME_NAME)
    }
    if len(leads) != 1:
        return
    lead = list(next(iter(leads)))
    if ind.lead and not all(name in lead or not _known_words(name) for name in ind.lead):
        return  # an agency of its own this copy names
    ind.lead = lead
    ind.provenance.confidence["lead"] = 0.5


def _known_words(name: str) -> bool:
    """True when a cell that resolves to no agency still reads as words (not a smudge, not
    the end of a wrapped name): then it is an agency the directory lacks."""
    return not any(is_damaged(t) for t in name.split()) and not any(
        fold(entry).endswith(" " + fold(name)) for entry in AGENCY_DIRECTORY
    )


def repair_openings(indicators: list[Indicator]) -> None:
    """A sub-row whose opening words the scan damaged ("Z\" ;lồ lộ!}số hóa hồ sơ") takes the
    opening most of its siblings print ("Tỷ lệ"), keeping the clean end of the last damaged
    word ("số"). Only damaged words are replaced, and only where most siblings agree."""
    for ind in indicators:
        if not ind.code or "." not in ind.code:
            continue
        parent = ind.code.rsplit(".", 1)[0]
        siblings = [
            o.name.split()
            for o in indicators
            if o is not ind and o.horizon == ind.horizon and o.code and o.code.rsplit(".", 1)[0] == parent
        ]
        openings: dict[tuple[str, ...], list[list[str]]] = {}
        for words in siblings:
            if len(words) > 2 and not any(is_damaged(t) for t in words[:2]):
                openings.setdefault(tuple(fold(t) for t in words[:2]), []).append(words[:2])
        if not openings:
            continue
        opening = max(openings, key=lambda k: len(openings[k]))
        if len(openings[opening]) < 2 or len(openings[opening]) * 2 < len(siblings):
            continue
        tokens = ind.name.split()
        if tuple(fold(t) for t in tokens[:2]) == opening:
            continue
        k = 0
        while k < min(4, len(tokens) - 2) and _junk(tokens[k]):
            k += 1
        if k == 0:
            continue
        tail = re.split(r"[^\w]+", tokens[k - 1])[-1]
        kept = [tail] if len(tail) >= 2 and not is_damaged(tail) else []
        ind.name = " ".join([*openings[opening][0], *kept, *tokens[k:]])
        ind.provenance.confidence["name"] = min(ind.provenance.confidence.get("name", 0.6), 0.5)


def _junk(token: str) -> bool:
    """A damaged word, a word a smudge opens (";lồ") or a lone letter ("Z\"")."""
    core = token.strip("\"'“”‘’")
    return is_damaged(token) or bool(re.match(r"[^\w(]", token)) or (len(core) == 1 and core.isupper())


def repair_from_repeats(indicators: list[Indicator]) -> None:
    """Repair damaged names, then lost units, from the copies in other horizons."""
    for ind in indicators:
        if not _damage(ind.name):
            continue
        copies = [
            other
            for other in indicators
            if other.horizon != ind.horizon and _alike(ind.name, other.name, _SAME_INDICATOR)
        ]
        copies.sort(key=lambda o: (_damage(o.name), -_similarity(ind.name, o.name)))
        name = _repaired(ind.name, [o.name for o in copies])
        name = _opening_from_copies(name, [o.name for o in copies])
        if name != ind.name:
            ind.name = name
            ind.provenance.confidence["name"] = min(ind.provenance.confidence.get("name", 0.6), 0.6)
    for ind in indicators:
        _lead_from_copies(ind, indicators)
    for ind in indicators:
        units = dict.fromkeys(  # in the document's order: the first longest unit, whatever the hash seed
            other.unit
            for other in indicators
            if other.horizon != ind.horizon and other.unit and _alike(ind.name, other.name, _SAME_NAME)
        )
        unit = max(units, key=len, default="")
        if not unit or any(u != unit and not fold(unit).endswith(" " + fold(u)) for u in units):
            continue  # the copies disagree (other than one reading only the unit's end)
        if not ind.unit or (fold(unit).endswith(" " + fold(ind.unit)) and unit != ind.unit):
            ind.unit = unit  # lost, or only its last word read ("Trung tâm" of "Vườn, Trung tâm")
            ind.provenance.confidence["unit"] = 0.5
