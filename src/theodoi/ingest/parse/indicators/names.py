"""The name column (chỉ tiêu): whether a fragment opens a name, and the specks and damaged
openings ("Tỷ lệ", "Số lượng") a scan leaves in one.
"""

from __future__ import annotations

import re

from theodoi.ingest.parse.indicators.scan import drop_inserted_capital
from theodoi.ingest.text import collapse_spaces, fold

_SO_LUONG = re.compile(r"^[\dSs][\dO0oó6?)]{0,2}\s+(?=l\S{0,3}[o0]\S{0,3}ng\b)")


def name_starts_sentence(name: str) -> bool:
    """True when ``name`` opens with a capital letter, as an indicator name does.

    "56 lượng" is "Số lượng" misread; a short all-capital token ("SR") is a speck, not a word.
    """
    name = name.strip().lstrip("[|{ ")  # a table rule the scan kept before the cell's text
    if _SO_LUONG.match(name) or re.match(r"^[s\d]\S{0,2}\s+(l\S{0,4}ng\b|lu\S{0,6}(\s|$))", fold(name)):
        return True
    name = re.sub(r"^\d{1,3}\s+", "", name)
    if not name or not (name[0].isalpha() and name[0].isupper()):
        return False
    first = re.split(r"[\s,;:]", name, maxsplit=1)[0]
    if 2 <= len(first) <= 3 and first.isupper() and first.isalpha():
        return fold(first) in {"so", "ty", "ti", "to", "co", "cac", "chi", "quy", "ha", "ung", "tu"}
    return True


def clean_name(text: str) -> str:
    """Drop the specks a scan leaves in a name: table rules ("[", "|"), stray capitals ("A",
    "Á", "X."), lone signs ("<", "~", "-"), a capital "A" printed inside a word ("NAguon");
    words are left as they are."""
    kept = []
    for token in collapse_spaces(text).split():
        token = token.lstrip("[|{").rstrip("]|}")
        if not token:
            continue
        token = drop_inserted_capital(token)
        bare = token.strip(".,;:")
        if len(bare) <= 1 and not (bare.isalpha() and bare.islower()) and not bare.isdigit():
            continue
        kept.append(token)
    return _repair_opening(" ".join(kept).strip(" |:;-–"))


_NOT_TY = {"tu", "tai", "tinh", "tong", "to", "tri", "toan", "thu", "tren", "theo"}


_NOT_LE = {"la", "lam", "lap", "lien", "loai", "luat"}


def _repair_opening(name: str) -> str:
    """Rebuild the two words most indicator names open with, which scans mangle most.

    "Tỷ lệ" (a rate) comes back as "Ty 1€", "Tổ}/ lệ", "TX 1&", "I 1&"; "Số lượng" (a count)
    as "S9 lugng", "56 lượng", "Sf) luong". Only the opening pair is touched, and only when
    the second word is still recognisable.
    """
    tokens = name.split()
    if len(tokens) < 3:
        return name
    if tokens[0] in ("Tỷ", "Tỉ", "Số") and tokens[1] in ("lệ", "lượng"):
        return name  # printed right: keep its spelling
    if re.fullmatch(r"t\S{0,2}[.,‘’'`]\S?[l1i]\S{0,5}", fold(tokens[0])):
        return " ".join(["Tỷ lệ", *tokens[1:]])  # "T.lAlf;", "Tổ‘1Al¢": both words in one smudge
    first, second = fold(tokens[0]), fold(tokens[1])
    damaged = bool(re.search(r"[^a-zA-Z\u00C0-\u1EF9]", tokens[0] + tokens[1]))
    second_damaged = bool(re.search(r"[^a-zA-Z\u00C0-\u1EF9]", tokens[1]))
    rate = (
        (
            re.fullmatch(r"(t\S{0,4}|i)", first)
            or (re.fullmatch(r"\d{1,2}", first) and (second_damaged or second.rstrip(",.") == "le"))
        )
        and re.fullmatch(r"[1li|]\S{0,2}", second)
        and second not in _NOT_LE
        and (damaged or first.rstrip(",.") not in _NOT_TY)
    )
    if rate:
        return " ".join(["Tỷ lệ", *tokens[2:]])
    count = (
        re.fullmatch(r"(s\S{0,3}|\d{2}|[>$]\S{0,2})", first)
        and re.match(r"l\S{0,4}ng|lu", second)
        and "luong" not in first
    )
    if count:
        return " ".join(["Số lượng", *tokens[2:]])
    return name
