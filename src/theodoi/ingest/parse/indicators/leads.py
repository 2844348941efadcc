"""The monitoring agency column (cơ quan chủ trì theo dõi, đánh giá): where an agency name
opens, how it resolves against the directory, and how a cell splits into agencies.

Scans print "Sở" as "S&", "56" or "36" and glue or split words, so the head of an agency is
recognised from its first two tokens and names resolve loosely (spaces and signs ignored).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY, resolve_agency, split_agencies
from theodoi.ingest.parse.indicators.scan import is_junk
from theodoi.ingest.text import close_matches, fold

_DEPT_WORDS = {
    "khoa", "tai", "noi", "y", "xay", "giao", "cong", "nong", "van", "tu", "ngoai", "dan", "lao",
    "ke", "thong", "du", "quy", "khcn", "tc", "nv", "gd", "gddt",
}  # fmt: skip


SO_FORMS = re.compile(r"(s\S{0,2}|\d[\do])")


# the forms that may open an agency cell in a line: digits only as "Sở" is usually misread
_SO_HEAD = re.compile(r"(s\S{0,2}|5[06o]|3[056]|\d[o6])")


def split_glued_head(tokens: list[str]) -> list[str]:
    """Split "Sở'Y" into "Sở" "Y": a scan glues a mark between "Sở" and the department."""
    out: list[str] = []
    for token in tokens:
        m = re.fullmatch(r"(S\S{0,2}?)['’‘`]([A-ZĐ]\S*)", token)
        if m and _SO_HEAD.fullmatch(fold(m.group(1))):
            out += [m.group(1), m.group(2)]
        else:
            out.append(token)
    return out


def agency_head(tokens: Sequence[str], keys: Sequence[str], i: int) -> bool:
    """True when an agency name opens at token ``i`` (OCR-tolerant, capitalised)."""
    t, k = tokens[i], keys[i].rstrip(",;")
    nxt = keys[i + 1].rstrip(",;") if i + 1 < len(keys) else ""
    nxt_tok = tokens[i + 1] if i + 1 < len(tokens) else ""
    if k == "cac" and nxt_tok[:1] == "S" and re.fullmatch(r"s\S{0,2}", nxt):
        return True  # "các Sở, ngành": a collective of agencies, lower case in the cell
    if re.fullmatch(r"v\S{0,2}np", k) and re.fullmatch(r"h\S{0,4}", nxt):
        return True  # "Vanp hf)ng", "vanp hgng": the space of "Văn phòng" moved, in any case
    if not t or not (t[0].isupper() or t[0].isdigit()):
        return False
    if _SO_HEAD.fullmatch(k) and nxt_tok[:1].isupper():
        # "Sở Khoa học", OCR'd "S&", "S¢", "56", "36"; digits only before a department word
        # or right after the target ("> 40 50 Khoa học": the target comes before the agency).
        prev = tokens[i - 1] if i else ""
        after_target = bool(re.fullmatch(r"(?:≥|≤|>=|<=|>|<|=)?\d+(?:[.,]\d+)*%?", prev))
        after_next = keys[i + 2].rstrip(",;") if i + 2 < len(keys) else ""
        if t[0].isdigit() and nxt == "cong" and not after_next.startswith("th"):
            return False  # "50 Công nghệ": a target, then the end of a wrapped "... và Công nghệ"
        if t[0].isdigit() and agency_head(tokens, keys, i + 1):
            return False  # "30 Văn phòng": a target before an agency that opens by itself
        return (
            nxt in _DEPT_WORDS
            or (t[0].isdigit() and (after_target or fold(nxt_tok).startswith("k")))
            or (not t[0].isdigit() and len(nxt) > 1 and k.startswith("s"))
        )
    if re.fullmatch(r"so[a-z]", k) and t[2:3].isupper():
        return True  # "SoY tế": the space was lost
    if re.fullmatch(r"v\S{0,2}n", k) and re.fullmatch(r"ph\S{0,3}(?:ng|n|g|ne)\W*", nxt):
        return True
    if (k == "cong" and nxt == "an") or k.startswith("congan"):
        return True
    if k == "ngan" and nxt == "hang":
        return True
    if k == "chi" and nxt.startswith("nhanh"):
        return True
    if re.fullmatch(r"b\S{0,2}o", k) and nxt.startswith("hi"):
        return True
    if k in ("ubnd", "ubnp", "hdnd"):
        return True
    if re.fullmatch(r"\S{0,2}y", k) and nxt == "ban" and t[0].isupper():
        return True
    if k in ("cac", "cdc") and re.fullmatch(r"s\S{0,2},?", nxt):
        return True
    return (k == "cuc" and len(nxt) > 1) or (k == "thanh" and nxt == "tra")


def starts_agency(text: str) -> bool:
    tokens = text.split()
    return bool(tokens) and agency_head(tokens, [fold(t) for t in tokens], 0)


def agency_like(text: str) -> bool:
    tokens = text.split()
    keys = [fold(t) for t in tokens]
    return agency_head(tokens, keys, 0) or resolve_cached(text)[1] >= 0.88


def last_agency(lead: str) -> str:
    piece = re.split(r"[,;]\s*(?=\S)", lead.strip())[-1]
    words = piece.split()
    if len(words) > 1 and SO_FORMS.fullmatch(fold(words[0])):
        words[0] = "Sở"
    return " ".join(words)


@lru_cache(maxsize=1)
def directory_words() -> frozenset[str]:
    return frozenset(w.strip(",.;()") for entry in AGENCY_DIRECTORY for w in fold(entry).split())


def directory_score(name: str) -> float:
    """How well ``name`` matches a directory agency (0 when it matches none)."""
    resolved, score = resolve_cached(name)
    if resolved != name.strip(" ,;.:") or score >= 0.95:
        return score  # the directory repaired it (an edge comma is no repair)
    loose = _loose_agency(name)
    return loose[1] if loose else 0.0


@lru_cache(maxsize=8192)
def resolve_cached(name: str, cutoff: float = 0.88) -> tuple[str, float]:
    return resolve_agency(name, cutoff=cutoff)


def resolve_loosely(name: str) -> tuple[str, float]:
    """``resolve_agency``, then a looser match for long names (OCR damages every other letter)."""
    resolved, score = resolve_cached(name)
    if score >= 0.88 or len(name) < 6 or _regional_branch(resolved):
        return resolved, score
    return _loose_agency(name) or (resolved, score)


def _regional_branch(name: str) -> bool:
    """True for a directory agency named with its regional branch, kept as printed.

    "Ngân hàng Nhà nước Khu vực 8" is the State Bank's regional branch, not the State Bank: a
    loose match must not cut the branch off.
    """
    key = fold(name)
    m = re.search(r"\s(?:chi nhanh\s+)?khu vuc\s+\d{1,2}$", key)
    return bool(m) and fold(key[: m.start()]) in _directory_keys()


@lru_cache(maxsize=1)
def _directory_keys() -> frozenset[str]:
    return frozenset(fold(entry) for entry in AGENCY_DIRECTORY)


@lru_cache(maxsize=1)
def _directory_squeezed() -> dict[str, str]:
    return {re.sub(r"[^a-z0-9]", "", fold(entry)): entry for entry in AGENCY_DIRECTORY}


@lru_cache(maxsize=8192)
def _loose_agency(name: str) -> tuple[str, float] | None:
    """Match a badly scanned agency name against the directory, spaces and signs ignored.

    "Sở KAhoa thAva Công nghệ" and "Sở Khoahocva Công nghệ" are "Sở Khoa học và Công nghệ".
    """
    words = name.split()
    if words and SO_FORMS.fullmatch(fold(words[0])):
        words[0] = "Sở"
    key = re.sub(r"[^a-z0-9]", "", fold(" ".join(words)))
    if len(key) < 5:
        return None
    table = _directory_squeezed()
    best = close_matches(key, list(table), n=1, cutoff=0.75 if len(key) >= 16 else 0.8)
    if not best or (len(key) < 10 and best[0][:3] != key[:3]):
        return None
    ratio = difflib.SequenceMatcher(None, key, best[0]).ratio()
    return table[best[0]], round(min(0.85, ratio), 3)


def agency_complete(lead: str) -> bool:
    last = last_agency(lead)
    if not last or lead_incomplete(last):
        return False
    return resolve_cached(last)[1] >= 0.95


_LEAD_OPEN_END = {
    "va",
    "chi",
    "cac",
    "khoa",
    "hoc",
    "nha",
    "nuoc",
    "ngan",
    "hang",
    "so",
    "ban",
    "uy",
    "cong",
    "xa",
    "thi",
}


def lead_incomplete(lead: str) -> bool:
    key = fold(lead).strip()
    return bool(key) and (key.endswith(",") or key.split()[-1] in _LEAD_OPEN_END)


def split_leads(text: str) -> tuple[list[str], float]:
    if not text:
        return [], 0.0
    # A semicolon between two letters is a smudge inside a word ("vanp hg;g"), not a separator.
    text = re.sub(r"(?<=[^\W\d_]);(?=[^\W\d_])", "", text)
    # Two agencies printed one after the other without a separator ("Văn phòng UBND tỉnh Sở ...").
    tokens = _normalise_so([t for t in text.split() if not is_junk(t) and t not in ("-", "–")])
    keys = [fold(t) for t in tokens]
    pieces: list[list[str]] = []
    cur: list[str] = []
    for i, t in enumerate(tokens):
        prev = keys[i - 1] if i else ""
        if (
            cur
            and agency_head(tokens, keys, i)
            and keys[i] not in ("ubnd", "ubnp", "hdnd")
            and prev not in ("va", "cac", "cua", "thuoc", "nhanh", "phong", "&", "-")
            and not prev.endswith(",")
        ):
            pieces.append(cur)
            cur = []
        cur.append(t)
    if cur:
        pieces.append(cur)
    out: list[str] = []
    scores: list[float] = []
    for piece in pieces:
        for name in split_agencies(" ".join(piece)):
            words = name.split()
            if len(words) > 1 and SO_FORMS.fullmatch(fold(words[0])) and words[1][:1].isupper():
                name = " ".join(["Sở", *words[1:]])  # "S&", "SỞ", "56" for "Sở"
            if len(name.split()) == 1 and len(name) <= 3 and not name.isupper():
                continue  # a speck read as "Sở"
            resolved, score = resolve_loosely(name)
            out.append(resolved)
            scores.append(score)
    return out, (min(scores) if scores else 0.0)


def _normalise_so(tokens: list[str]) -> list[str]:
    """Write "Sở" where the scan printed it as "S&", "56", "36", "SỞ" or glued it ("SoY tế")."""
    out: list[str] = []
    for i, t in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        opens = not out or out[-1].endswith((",", ";"))
        glued = re.fullmatch(r"S[oOơởỞ0]([A-ZĐ]\w*)", t)
        keys = [fold(x) for x in tokens]
        if (
            opens
            and SO_FORMS.fullmatch(fold(t))
            and i + 1 < len(tokens)
            and fold(nxt) not in _DEPT_WORDS
            and (agency_head(tokens, keys, i + 1))
        ):
            continue  # a speck read as "Sở" before another agency ("Sở Văn phòng UBND tỉnh")
        if glued and opens:
            out += ["Sở", glued.group(1)]
        elif opens and nxt[:1].isupper() and SO_FORMS.fullmatch(fold(t)) and t != "Sở":
            out.append("Sở")
        else:
            out.append(t)
    return out
