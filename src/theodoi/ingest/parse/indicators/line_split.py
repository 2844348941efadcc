"""Layout, OCR'd: one physical line of an interleaved table split into its columns.

The line is split from the right by the vocabulary of the columns: an agency head opens the
agency cell, a comparison or number before it is the target, a unit word before that the
unit, and the rest is name.
"""

from __future__ import annotations

import re

from theodoi.ingest.parse.indicators.leads import agency_head, directory_words, split_glued_head, split_leads
from theodoi.ingest.parse.indicators.numbering import CODE
from theodoi.ingest.parse.indicators.rows import Parts
from theodoi.ingest.parse.indicators.scan import is_garbage, is_junk, is_meaningful
from theodoi.ingest.parse.indicators.target_cell import WORD_TARGETS
from theodoi.ingest.parse.indicators.units import squeezed_unit, unit_match
from theodoi.ingest.text import collapse_spaces, fold
from theodoi.ingest.token_pairs import paired_tokens

# Capitalised words that sit inside indicator names (so they do not open a text target).
_NAME_CAPITALS = {
    "viet", "nam", "trung", "chinh", "nha", "nhan", "internet", "big", "data", "de", "dang", "tinh",
    "nghi", "quyet", "ke", "hoach", "quoc", "hoi", "uy", "ban", "so", "thanh", "pho", "khu", "vuc",
}  # fmt: skip


def split_line(text: str, *, with_code: bool) -> Parts:
    """Split one physical line of an OCR'd indicator table into its columns."""
    parts = Parts()
    text = collapse_spaces(text.replace("|", " | ")).strip()
    if with_code:
        m = CODE.match(text)
        if m:
            parts.code = re.sub(r"\s", "", m.group(1)).replace(",", ".")
            text = text[m.end() :]
        else:
            m = re.match(r"^[^\s|]{1,3}\s*\|\s*(?=\S)", text)
            if m:
                parts.code = "?"  # a number cell the scan could not read ("vq |Tỷ lệ ...")
                text = text[m.end() :]
    numbered = parts.code is not None
    raw_tokens = split_glued_head(text.split())
    tokens = [t for t in raw_tokens if t != "|"]
    # A bar the scan kept at a column edge, after a target: what follows is the agency cell,
    # however garbled ("<20 các tỉnh, thành | g g o hoe va Cong nghé").
    barred = ""
    if numbered and "|" in raw_tokens:
        cut = len(raw_tokens) - 1 - raw_tokens[::-1].index("|")
        after, before = raw_tokens[cut + 1 :], [t for t in raw_tokens[:cut] if t != "|"]
        has_target = any(
            re.fullmatch(r"[≥≤<>=~]?\d+(?:[.,]\d+)*%?|[≥≤<>]\S{1,3}", t) for t in before[-4:]
        )  # a number, or a sign whose number the scan garbled (">gs")
        wordy = any(len(t) >= 3 and t.isalpha() for t in after)
        if has_target and wordy and (len(after) >= 2 or len(after[0]) >= 6):
            keys_after = [fold(t) for t in after]
            if not any(agency_head(after, keys_after, k) for k in range(len(after))):
                barred = " ".join(after)
                tokens = before
    # A bar right after a word closes the name cell ("... đổi mới| ở phẩm >0"): its position
    # among the tokens, the first bar (after the number's) only.
    name_end = None
    seen = 0
    for k, t in enumerate(raw_tokens):
        if t == "|":
            if seen >= 2 and k > 0 and raw_tokens[k - 1] != "|":
                name_end = seen
                break
            continue
        seen += 1
    while tokens and is_junk(tokens[-1]):
        tokens.pop()
    keys = [fold(t) for t in tokens]
    n = len(tokens)
    lead_at = n
    for i in range(n):
        if agency_head(tokens, keys, i):
            lead_at = i
            break
    parts.lead = " ".join(t for t in tokens[lead_at:] if not is_junk(t))
    if barred and not parts.lead:
        parts.lead = barred
    left = tokens[:lead_at]
    while left and is_junk(left[-1]) and left[-1] not in ("%",):
        left.pop()
    # Target: the rightmost number (with its sign) that only agency words or "Việt Nam"
    # follow; a capitalised word after it continues the agency cell ("> 60 Công nghệ").
    target_at, target_end = len(left), len(left)
    for i in range(len(left) - 1, max(-1, len(left) - 9), -1):
        tok = left[i]
        if not re.fullmatch(
            r"(?:≥|≤|>=|<=|>|<|=|~|-(?=\d))?\d+(?:[.,]\d+)*%?(?:[-–]\d+(?:[.,]\d+)*%?)?,?", tok
        ):
            continue
        before = fold(left[i - 1]).strip(",") if i > 0 else ""
        if before in ("vuc", "vung", "khu") and not parts.lead and i == len(left) - 1:
            # "... chi nhánh khu vực 10": the end of an agency cell, not a target
            words, j = directory_words() | {"khu", "vuc", "vung", "chi", "nhanh"}, i
            while j > 0 and i - j < 3 and fold(left[j - 1]).strip(",") in words:
                j -= 1
            parts.lead = " ".join(left[j:])
            left = left[:j]
            break
        if before in ("nam", "thang", "quy"):
            break  # "năm 2025": a number inside a name, not a target
        tail = left[i + 1 :]
        tail_key = fold(" ".join(tail))
        start_i = i
        if i > 1 and left[i - 1] in ("-", "–") and re.fullmatch(r"\d+(?:[.,]\d+)*", left[i - 2]):
            start_i = i - 2  # "16 - 18"
        elif i > 0 and left[i - 1] in ("≥", "≤", ">", "<", "=", ">=", "<=", "2", "~", "=~", "~=", ">~", "-"):
            start_i = i - 1  # "2 600", "~ 30", ">~ 15", "- 12": a "≥" read as "2", "~" or "-"
        if len(tok) == 1 and i > 0 and re.fullmatch(r"[≥≤<>=~]?\d+(?:[.,]\d+)*%?(?:[-–]\d+)?", left[i - 1]):
            continue  # "80-90 1": a lone digit after the target is a speck
        if not tail or re.fullmatch(r"%|vi\S{0,2}t\s+nam", tail_key):
            target_at, target_end = start_i, len(left)
            break
        real = [t.lstrip("([") for t in tail if len(t.lstrip("([")) > 2 and not is_garbage(t.lstrip("(["))]
        if not real:
            target_at, target_end = start_i, i + 1  # only specks after the number
            smudged = [t for t in tail if len(t) > 3 and t[:1].isupper()]
            if numbered and smudged and not parts.lead:
                parts.lead = " ".join(smudged)  # an agency the scan smudged: kept for the table pass
            break
        opens_agency = len(real[0]) >= 3 and real[0][:1].isupper()
        continues = fold(real[0]) in ("cong", "cone", "nghe", "khoa") and len(real) <= 6
        if opens_agency and (len(real) <= 3 or continues) and fold(real[0]) not in ("viet",):
            if not numbered:
                break  # on a continuation line a number is part of the name ("01 Gb/s")
            target_at, target_end = start_i, i + 1
            parts.lead = collapse_spaces(" ".join(real) + " " + parts.lead)
            break
        break
    if target_at == len(left):
        for i in range(max(1, len(left) - 3), len(left)):
            if fold(" ".join(left[i:])) in WORD_TARGETS:
                target_at = target_end = i
                target_end = len(left)
                break
    if target_at == len(left) and left and re.match(r"^[≥≤><]\S", left[-1]) and len(left[-1]) <= 5:
        target_at = target_end = len(left) - 1  # ">gỡ": the sign survived, the number did not
        target_end = len(left)
    # "≥ 3% và tăng dần theo yêu cầu phát triển": a sign and a number opening a sentence.
    if target_at == len(left):
        for i in range(1, len(left)):
            sign = re.match(r"^(?:≥|≤|>=|<=|>|<)\s*\d", left[i])
            spaced = left[i] in ("≥", "≤", ">", "<") and i + 1 < len(left) and left[i + 1][:1].isdigit()
            if sign or spaced:
                target_at, target_end = i, len(left)
                break
    left = left[:target_end]
    target_tokens = left[target_at:]
    left = left[:target_at]
    while left and (is_junk(left[-1]) or left[-1] in ("-", "–")) and left[-1] != "%":
        left.pop()
    # Unit: the longest run of tokens right before the target that spells a unit.
    unit_at = len(left)
    for size in (4, 3, 2, 1):
        if len(left) - size < 1 and not (len(left) == size and not numbered):
            continue
        found = unit_match(left[len(left) - size :])
        # on a line without its own number, a unit word closing the name part is name text
        # ("... người dân và doanh nghiệp") unless a target or an agency follows it
        beside = bool(target_tokens or parts.lead)
        if found and (beside or (numbered and size > 1) or len(left) == size):
            unit_at = len(left) - size
            parts.unit = found[0]
            break
    if (
        numbered
        and not parts.unit
        and target_tokens
        and name_end is not None
        and 1 <= len(left) - name_end <= 3
    ):
        # The cell between the bar that closes the name and the target is the unit cell: a
        # smudge there ("ở phẩm") is not name text. One that may be the start of a unit
        # wrapped over lines ("Sáng chế, giải", "đảm/Không") stays for the wraps to rebuild.
        cell = left[name_end:]
        if not unit_match(cell) and not squeezed_unit(" ".join(cell)) and not any("/" in t for t in cell):
            unit_at = name_end
    if unit_at == len(left) and not target_tokens and len(left) > 3:
        # A text target after a rank unit: "... Thứ bậc Đạt mức trên trung bình".
        for i in range(2, len(left) - 1):
            found = unit_match(left[i : i + 2])
            if found and found[0] == "Thứ bậc":
                parts.unit = found[0]
                target_tokens = left[i + 2 :]
                unit_at = i
                break
    if not parts.unit and not target_tokens and len(left) > 2:
        # A two-way unit ("Có/Không", "Bảo đảm/Không bảo đảm") in the middle of the line:
        # what follows is the target, or the start of the agency cell.
        for i in range(2, len(left)):
            found = unit_match(left[i : i + 1]) if "/" in left[i] else None
            if found and "/" in found[0] and found[1] >= 0.85:
                parts.unit = found[0]
                rest = [t for t in left[i + 1 :] if not is_junk(t)]
                word = [t for t in rest[:2] if fold(t) in WORD_TARGETS]
                rest = [t for t in rest if len(t) >= 3 and t not in word]
                if rest and rest[0][:1].isupper():
                    parts.lead = collapse_spaces(" ".join(rest) + " " + parts.lead)
                target_tokens = word[:1]
                unit_at = i
                break
    if numbered and parts.lead and not parts.unit and not target_tokens and len(left) > 3:
        # A text target with no unit: it opens with a capital ("Hạ tầng số Tiên tiến, ...").
        for i in range(2, len(left)):
            tok = left[i]
            if tok[:1].isupper() and tok[1:].islower() and fold(tok) not in _NAME_CAPITALS:
                target_tokens = left[i:]
                unit_at = i
                break
    parts.target = " ".join(
        t for t in target_tokens if not is_junk(t) or t in ("≥", "≤", ">", "<", "~", "=~", "=", ">~")
    )
    name_tokens = [t for t in left[: _name_cell_end(unit_at, name_end, target_tokens)] if not is_junk(t)]
    parts.name = " ".join(name_tokens) if is_meaningful(name_tokens) else ""
    return parts


def _name_cell_end(unit_at: int, name_end: int | None, target_tokens: list[str]) -> int:
    """Where the name cell ends: at the unit, or at a bar that closes the name before it.

    A bar the scan kept right after a word is the ruling between the name column and the next
    one ("... Tỉnh ủy thực| hoàn thành"): what follows it on the line is another column's text
    (a wrapped unit, a text target), never the name's. On a line with a target the words
    between the bar and the target are left to the unit rules above and the wrap rebuild,
    which read a unit wrapped over lines from the end of the name part.
    """
    if name_end is None or target_tokens or name_end >= unit_at:
        return unit_at
    return name_end


_RAW_PERCENT = re.compile(r"(?:^|\s)(?:%|/o|%o|%0|Yo|yo|Y0|o|Z|°o)[,.]?\s+[<>≥≤=~]?\s*\d")


def percent_from_raw(parts: Parts, raw: str) -> Parts:
    """Take a "%" the scan printed as "Yo", "/o" or "o" from the raw line when restoration
    turned it into a word ("Uỡ"): the unit must not depend on the restorer's guess."""
    if parts.unit or not parts.target or not _RAW_PERCENT.search(raw):
        return parts
    tokens = parts.name.split()
    if tokens and len(tokens[-1]) <= 3 and not tokens[-1].isdigit():
        tokens.pop()  # the restored form of the percent sign
    parts.name = " ".join(tokens)
    parts.unit = "%"
    return parts


def lead_from_raw(parts: Parts, text: str, raw: str, *, with_code: bool) -> Parts:
    """Take the agency cell from the raw line when restoration garbled its head.

    The restorer reads a scanned agency as words ("SoY té" becomes "Số tế"), which then opens
    no agency cell; the raw line still does. Only a cell that resolves to a known agency is
    taken, and only on a line that holds a row's other cells.
    """
    if parts.lead or raw == text:
        return parts
    if not (parts.target or parts.unit):
        return _cells_from_raw_tail(parts, text, raw, with_code=with_code)
    cell = split_line(raw, with_code=with_code).lead
    if not cell:
        return parts
    agencies, score = split_leads(cell)
    if not agencies or score < 0.88:
        return parts
    parts.lead = cell  # its restored words sat after the target, where they were dropped
    return parts


def _cells_from_raw_tail(parts: Parts, text: str, raw: str, *, with_code: bool) -> Parts:
    """Split a line whose restored form shows no cells at all by its raw agency head.

    Restoration may read a garbled agency head as words ("vanp hg;g Tinh" becomes "vạn hộ;ở
    Tỉnh"), and then the target before it reads as name text too. The line is split again
    with its restored words up to the raw agency head and the raw tokens from there; it is
    taken only when that gives a target and an agency cell after a meaningful name.
    """
    raw_tokens, tokens = paired_tokens(raw, text)
    if len(tokens) != len(raw_tokens) or len(tokens) < 4:
        return parts
    keys = [fold(t) for t in raw_tokens]
    for cut in range(len(raw_tokens) - 1, 1, -1):
        if not agency_head(raw_tokens, keys, cut):
            continue
        if fold(tokens[cut]) == keys[cut]:
            return parts  # restoration kept this head: the restored split already saw it
        split = split_line(" ".join(tokens[:cut] + raw_tokens[cut:]), with_code=with_code)
        if split.target and split.lead and split.name and split.code == parts.code:
            return split
        return parts
    return parts


_BARRED_CELLS = re.compile(
    r"\|\s*([^|\s][^|]*?)\s*\|\s*((?:≥|≤|>|<|=)?\s*\d+(?:[.,]\d+)*)\s+([A-Z]\S*(?:\s+\S+){0,3})\s*$"
)


def cells_from_bars(parts: Parts, text: str, raw: str) -> Parts:
    """Take a row's cells from the bars the scan printed between columns, on a line whose
    number was lost ("*! ... doanh| MREHM |33 Cong nghé").

    Without its number a line's number is read as name text ("01 Gb/s"); bars on both sides
    of a short cell, then a number and a capitalised agency end, are the unit, target and
    agency cells. The unit cell is left out when it spells no unit: a smudge, not name text.
    """
    if parts.code or parts.target or parts.unit or parts.lead:
        return parts
    m = _BARRED_CELLS.search(raw)
    if m is None or len(m.group(1).split()) > 3:
        return parts
    number, n_tail = m.group(2).replace(" ", ""), len(m.group(3).split())
    n_unit = len(m.group(1).split())
    tokens = collapse_spaces(text.replace("|", " ")).split()
    at = len(tokens) - n_tail - 1
    if at < n_unit + 2 or tokens[at].replace(" ", "") != number:
        return parts
    unit = unit_match(tokens[at - n_unit : at])
    name = tokens[: at - n_unit]
    if not is_meaningful(name):
        return parts
    return Parts(
        name=" ".join(name), unit=unit[0] if unit else "", target=number, lead=" ".join(tokens[at + 1 :])
    )


# What a wrapped "Công nghệ" leaves at the right edge of a line: "nehe", "nEhe", "nshe", "nghe".
_NGHE_DEBRIS = re.compile(r"n[a-z]{0,2}h[a-z]{0,2}")


def drop_raw_debris(text: str, raw: str) -> tuple[str, str]:
    """Drop the debris a wrapped agency cell leaves at the end of a line, judged on raw.

    "kinh doanh. & nehe", "mỗi năm g nghe", "kinh doanh. & NN": a one-character speck, then
    the garbled end of "Công nghệ" or a smudge of capitals. Restoration turns them into words
    ("ở nghệ", "ứng nhu"), so the judgement is on the raw line, token for token; a line whose
    restored form has another number of tokens is left alone.
    """
    raw_tokens, tokens = paired_tokens(raw, text)
    if len(raw_tokens) < 3 or len(raw_tokens) != len(tokens):
        return text, raw
    speck, last = raw_tokens[-2], raw_tokens[-1]
    smudge = last.isalpha() and last.isupper() and len(last) <= 2
    if len(speck) != 1 or speck.isdigit() or not (_NGHE_DEBRIS.fullmatch(fold(last)) or smudge):
        return text, raw
    return " ".join(tokens[:-2]), " ".join(raw_tokens[:-2])


def keep_raw_specks(text: str, raw: str) -> str:
    """Put back the lone capitals of the raw line that restoration made words of.

    A scan leaves a speck at a column edge as one capital letter (". X o Cong nghé"), which
    restoration reads as a word ("Xô"); as printed, the speck is dropped from the name and
    does not open a sentence. Only a line restored token for token is touched.
    """
    raw_tokens, tokens = paired_tokens(raw, text)
    if len(raw_tokens) != len(tokens):
        return text
    kept = [
        r if len(r) == 1 and r.isupper() and t != r else t for r, t in zip(raw_tokens, tokens, strict=True)
    ]
    return " ".join(kept) if kept != tokens else text


def split_scanned(text: str, raw: str, *, with_code: bool) -> Parts:
    """Split a line as restored, with the cells restoration may have garbled taken from raw."""
    text, raw = drop_raw_debris(text, raw)
    text = keep_raw_specks(text, raw)
    parts = percent_from_raw(split_line(text, with_code=with_code), raw)
    parts = cells_from_bars(parts, text, raw)
    return lead_from_raw(parts, text, raw, with_code=with_code)
