"""Agency cells -> single agencies (cơ quan chủ trì / phối hợp), with a small directory.

The format's rules (docs/nq57-plan-1.md): split on ";" and on "," where the comma separates
two agencies; keep a collective entry whole ("Các sở, ban, ngành, địa phương" is ONE entry);
write names as printed. So a comma starts a new agency only when what follows reads as an
agency on its own: a head word (Sở, UBND, Ban, Công an, Đài, Báo ...) with a qualifier after
it ("Sở Tài chính", not the bare "ban" of "các sở, ban, ngành"), an abbreviation (FPT), or a
new collective ("các doanh nghiệp"). "và" splits the same way, but only between two complete
agencies ("Ban quản lý Khu kinh tế tỉnh và Sở Công thương"), never inside a name ("Sở Khoa
học và Công nghệ"). Text in parentheses is never split.

The directory (``AGENCY_DIRECTORY``) lists common provincial agencies by their printed name;
``resolve_agency`` repairs OCR slips and spacing against it ("Sở Khoa hoc va Cong nghe" ->
"Sở Khoa học và Công nghệ") and ``is_agency_text`` tells the layout step whether a line reads
like an agency cell. Matching is on ``fold`` so it works on unrestored text too.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from theodoi.ingest.text import (
    LetterCounts,
    close_matches,
    collapse_spaces,
    digits_as_letters,
    fold,
    similarity_at_least,
)

# Words that open an agency name (folded, longest first when matching).
_HEADS = (
    "uy ban nhan dan",
    "uy ban",  # Ủy ban Mặt trận Tổ quốc, Ủy ban Kiểm tra
    "dang uy",  # Đảng ủy UBND tỉnh, Đảng ủy các cơ quan Đảng
    "doan",  # Đoàn Thanh niên, Đoàn đại biểu Quốc hội (a bare "đoàn thể" is generic)
    "ubnd",
    "hdnd",
    "hoi dong nhan dan",
    "so",
    "ban",
    "van phong",
    "cong an",
    "bo chi huy",
    "bo doi bien phong",
    "bo doi",
    "bo",
    "dai phat thanh",
    "dai",
    "bao hiem",
    "bao",
    "dai hoc",
    "truong",
    "toa an",
    "vien kiem sat",
    "vien",
    "chi cuc",
    "cuc",
    "lien minh",
    "lien doan",
    "hoi",
    "ngan hang",
    "trung tam",
    "cong thong tin",
    "cong ttdt",
    "to",
    "mat tran",
    "tinh uy",
    "tinh doan",
    "thanh tra",
    "kho bac",
    "quy",
    "tap doan",
    "tong cong ty",
    "cong ty",
    "vien thong",
    "buu dien",
    "thue",
    "hai quan",
    "cac",
    "co quan",
    "doanh nghiep",
    "to chuc",
    "don vi",
)

# Words that, alone or together, make only a generic (collective) noun phrase: a comma
# before them continues the entry ("Các sở, ban, ngành, địa phương").
_GENERIC = frozenset(
    [
        "ban",
        "bo",
        "cac",
        "cao",
        "cap",
        "chuc",
        "chuyen",
        "co",
        "dac",
        "dai",
        "dan",
        "dang",
        "dia",
        "doan",
        "doanh",
        "don",
        "hoc",
        "hoi",
        "huu",
        "huyen",
        "khac",
        "khu",
        "lien",
        "mot",
        "nganh",
        "nghe",
        "nghiep",
        "nha",
        "nhan",
        "nuoc",
        "pho",
        "phuong",
        "quan",
        "so",
        "thanh",
        "the",
        "thi",
        "thuoc",
        "tinh",
        "to",
        "tren",
        "trong",
        "truong",
        "ubnd",
        "uy",
        "va",
        "vi",
        "vien",
        "xa",
    ]
)

# Heads that are also plain nouns of collective entries ("các sở, ban, ngành"): after a comma
# they start a new agency only with a proper qualifier ("Sở Tài chính", not "ban").
_GENERIC_HEADS = frozenset(
    {"so", "ban", "truong", "hoi", "vien", "to", "bo", "dai", "thue", "quy", "dai hoc", "doan"}
)

# Names common to provincial plans (as printed in clean documents). Used to repair OCR slips,
# never to rename: a name is only replaced by a directory entry it nearly equals.
AGENCY_DIRECTORY: tuple[str, ...] = (
    "Sở Khoa học và Công nghệ",
    "Sở Tài chính",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Giáo dục và Đào tạo",
    "Sở Nông nghiệp và Môi trường",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Dân tộc và Tôn giáo",
    "Sở Ngoại vụ",
    "Sở Kế hoạch và Đầu tư",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Giao thông vận tải",
    "Sở Tài nguyên và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Văn phòng UBND tỉnh",
    "Văn phòng Tỉnh ủy",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Bộ đội Biên phòng tỉnh",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ban Quản lý Khu kinh tế",
    "Ban Quản lý Khu kinh tế tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Tòa án nhân dân tỉnh",
    "Viện Kiểm sát nhân dân tỉnh",
    "Chi cục Thuế tỉnh",
    "Thuế tỉnh",
    "Kho bạc Nhà nước tỉnh",
    "Ngân hàng Nhà nước",
    "Ngân hàng Chính sách xã hội",
    "Liên minh Hợp tác xã tỉnh",
    "Liên đoàn Lao động tỉnh",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Thanh tra tỉnh",
    "Cổng Thông tin điện tử tỉnh",
    "Trung tâm Phục vụ hành chính công tỉnh",
    "Các sở, ban, ngành, địa phương",
    "Các sở, ngành, địa phương",
    "Các sở, ban, ngành",
    "Các sở, ngành",
    "Các địa phương",
    "UBND các huyện, thị xã, thành phố",
    "UBND các xã, phường, đặc khu",
    "UBND các xã, phường",
    "Các doanh nghiệp viễn thông, công nghệ thông tin",
    "Các doanh nghiệp viễn thông, internet, công nghệ thông tin",
    "Các cơ quan, đơn vị liên quan",
    "Các cơ quan, đơn vị, địa phương liên quan",
)

# Common abbreviations and their printed long forms (recognition only; names stay as printed).
AGENCY_ABBREVIATIONS: dict[str, str] = {
    "so khcn": "Sở Khoa học và Công nghệ",
    "so kh&cn": "Sở Khoa học và Công nghệ",
    "skhcn": "Sở Khoa học và Công nghệ",
    "so gd&dt": "Sở Giáo dục và Đào tạo",
    "so gddt": "Sở Giáo dục và Đào tạo",
    "so nn&mt": "Sở Nông nghiệp và Môi trường",
    "so nnmt": "Sở Nông nghiệp và Môi trường",
    "so vhttdl": "Sở Văn hóa, Thể thao và Du lịch",
    "so tttt": "Sở Thông tin và Truyền thông",
    "so tt&tt": "Sở Thông tin và Truyền thông",
    "vp ubnd tinh": "Văn phòng UBND tỉnh",
    "bhxh tinh": "Bảo hiểm xã hội tỉnh",
    "bchqs tinh": "Bộ Chỉ huy Quân sự tỉnh",
}

_PAREN = re.compile(r"\([^()]*\)")
_ABBREV = re.compile(r"^[A-ZĐ][A-ZĐ0-9&]{1,}\b")
_WORD = re.compile(r"[0-9a-z&]+")
_EDGE = " \t.;,:-–—•*+"


def split_agencies(text: str) -> list[str]:
    """Split an agency cell into single agencies, keeping collective entries whole.

    >>> split_agencies("Sở Nội vụ, Sở Khoa học và Công nghệ; các sở, ban, ngành, địa phương")
    ['Sở Nội vụ', 'Sở Khoa học và Công nghệ', 'các sở, ban, ngành, địa phương']
    """
    return list(_split_agencies(collapse_spaces(text or "")))


@lru_cache(maxsize=1 << 15)  # OCR'd rows split the same cell again for every fragment weighed
def _split_agencies(text: str) -> tuple[str, ...]:
    if not text:
        return ()
    masked, spans = _mask_parentheses(text)
    out: list[str] = []
    for part in re.split(r";|\n", masked):
        for piece in _split_commas(part):
            for item in _split_and(piece):
                name = _unmask(item, spans).strip(_EDGE)
                name = re.sub(r"\s+([,.;:)])", r"\1", collapse_spaces(name))
                if name and fold(name):
                    out.append(name)
    return tuple(out)


def _mask_parentheses(text: str) -> tuple[str, list[str]]:
    spans: list[str] = []

    def keep(m: re.Match[str]) -> str:
        spans.append(m.group(0))
        return f"\x00{len(spans) - 1}\x00"

    previous = None
    while previous != text:
        previous = text
        text = _PAREN.sub(keep, text)
    return text, spans


def _unmask(text: str, spans: list[str]) -> str:
    while "\x00" in text:
        new = re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], text)
        if new == text:
            break
        text = new
    return text


@lru_cache(maxsize=1 << 15)
def head_of(key: str) -> str | None:
    """The words that open the folded agency name ``key`` ("van phong", "so"), or None."""
    for head in _HEADS:
        if key == head or key.startswith(head + " "):
            return head
    return None


def _starts_agency(segment: str) -> bool:
    """Return True when ``segment`` (after a comma) reads as a new agency of its own."""
    seg = segment.strip(_EDGE)
    if not seg:
        return False
    if _ABBREV.match(seg):
        return True
    key = fold(seg)
    if key.startswith(("cac ", "nhung ")):
        return True
    head = head_of(key)
    if head is None or head in {"cac", "co quan", "doanh nghiep", "to chuc", "don vi"}:
        return False
    if head not in _GENERIC_HEADS:
        return True
    rest = [w for w in _WORD.findall(key[len(head) :]) if w not in _GENERIC]
    return bool(rest)


def _is_complete(segment: str) -> bool:
    """Return True when ``segment`` is an agency with a qualifier (not a bare head word)."""
    key = fold(segment.strip(_EDGE))
    head = head_of(key)
    if head is None:
        return False
    return len(key.split()) > len(head.split())


def _split_commas(part: str) -> list[str]:
    pieces = part.split(",")
    out: list[str] = []
    for piece in pieces:
        if out and not _starts_agency(piece):
            out[-1] = out[-1] + "," + piece
        else:
            out.append(piece)
    return out


def _split_and(piece: str) -> list[str]:
    words = piece.split(" ")
    for i, w in enumerate(words):
        if fold(w) != "va" or i == 0:
            continue
        left, right = " ".join(words[:i]), " ".join(words[i + 1 :])
        if "," in left and fold(left).startswith("cac"):
            continue
        right_key = fold(right)
        strong_right = right_key.startswith("cac ") or (
            head_of(right_key)
            not in (None, "cac", "co quan", "doanh nghiep", "to chuc", "don vi", "to", "cong")
            and _starts_agency(right)
        )
        if strong_right and _is_complete(left) and head_of(fold(left)) not in (None, "cac"):
            return [left, *_split_and(right)]
    return [piece]


def is_agency_text(text: str) -> bool:
    """Return True when ``text`` reads like (the start of) an agency cell."""
    key = fold(text).strip(_EDGE)
    if not key:
        return False
    if _ABBREV.match(text.strip(_EDGE)) and len(text.split()) <= 4:
        return True
    head = head_of(key)
    return head is not None


@lru_cache(maxsize=1)
def _directory_keys() -> dict[str, str]:
    return {fold(name): name for name in AGENCY_DIRECTORY}


@lru_cache(maxsize=8192)
def _closest_directory_key(key: str, cutoff: float) -> list[str]:
    return close_matches(key, list(_directory_keys()), n=1, cutoff=cutoff)


def _letter_slips_only(printed: str, entry: str) -> bool:
    """Return True when two names differ only by OCR slips inside words, not by wording.

    "Sở Khoa hoc va Cong nghe" vs the directory's name is a slip; "Ban Tuyên giáo - Dân vận"
    vs "Ban Tuyên giáo và Dân vận" is another printed wording and must be kept.
    """
    a, b = printed.split(), entry.split()
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x != y and ({x, y} & {"va", "-", "&", "–", ","} or not (x[:1] == y[:1] or len(x) > 3)):
            return False
    return True


def resolve_agency(name: str, *, cutoff: float = 0.88) -> tuple[str, float]:
    """Return ``name`` repaired against the directory and a confidence 0..1.

    A name that nearly equals a directory entry on folded text, but differs in marks or small
    OCR slips, takes the entry's printed form (keeping the printed case of its first letter);
    a name that matches exactly keeps its own spelling. Unknown names come back unchanged with
    a confidence reflecting how agency-like they look.
    """
    clean = collapse_spaces(name).strip(_EDGE)
    key = fold(clean)
    keys = _directory_keys()
    if key in keys:
        entry = keys[key]
        if clean.lower() == entry.lower():
            return clean, 1.0
        # same letters, marks lost or garbled by OCR: the directory's marks
        return (entry[:1].lower() + entry[1:] if clean[:1].islower() else entry), 0.95
    if key in AGENCY_ABBREVIATIONS:
        return clean, 0.95
    best = _closest_directory_key(key, cutoff)
    if best and _letter_slips_only(key, best[0]):
        entry = keys[best[0]]
        ratio = difflib.SequenceMatcher(None, key, best[0]).ratio()
        if clean[:1].islower():
            entry = entry[:1].lower() + entry[1:]
        return entry, round(min(0.95, ratio), 3)
    return clean, 0.8 if is_agency_text(clean) else 0.5


# Nouns that make "các ..." a collective of agencies ("các sở, ngành"), not an output
# ("các quy trình nội bộ").
_COLLECTIVE_NOUNS = (
    "so",
    "ban",
    "nganh",
    "bo",
    "dia phuong",
    "co quan",
    "don vi",
    "doanh nghiep",
    "to chuc",
    "truong",
    "hoi",
    "huyen",
    "xa",
    "phuong",
    "vien",
    "trung tam",
    "dai hoc",
    "cap",
    "chi cuc",
    "ngan hang",
    "hiep hoi",
    "tap doan",
    "nha khoa hoc",
)


def may_name_collective(word: str) -> bool:
    """Whether a folded word after "các" can open a collective of agencies ("doanh" of
    "doanh nghiệp" when the name wraps after it)."""
    return word in _COLLECTIVE_HEADS


_COLLECTIVE_HEADS = frozenset(noun.split()[0] for noun in _COLLECTIVE_NOUNS)


def collective_noun_words() -> frozenset[str]:
    """The folded words of the nouns a collective lists after "các" ("sở", "ngành", "địa", "phương")."""
    return _COLLECTIVE_WORDS


_COLLECTIVE_WORDS = frozenset(" ".join(_COLLECTIVE_NOUNS).split())


def collective_nouns() -> tuple[str, ...]:
    """The folded nouns a collective lists after "các" ("sở", "ngành", "địa phương")."""
    return _COLLECTIVE_NOUNS


@lru_cache(maxsize=1)
def agency_vocabulary() -> frozenset[str]:
    """The folded words of the generic agency grammar: heads, collective nouns, generic words."""
    words: set[str] = set(_GENERIC)
    for phrase in (*_HEADS, *_COLLECTIVE_NOUNS):
        words.update(phrase.split())
    return frozenset(words)


@lru_cache(maxsize=1 << 15)
def agency_score(text: str) -> float:
    """Return 0..1: how much ``text`` reads like an agency cell (for column assignment)."""
    raw = collapse_spaces(text or "").strip(_EDGE)
    key = fold(raw)
    if not key:
        return 0.0
    if key in AGENCY_ABBREVIATIONS or key in _directory_keys():
        return 1.0
    if _ABBREV.match(raw) and len(raw.split()) <= 3:
        return 0.8
    head = head_of(key)
    if head is None:
        return 0.05
    if head in ("cac", "nhung"):
        rest = key.split(" ", 1)[1] if " " in key else ""
        return 0.95 if rest.startswith(_COLLECTIVE_NOUNS) else 0.15
    if head in (
        "to",
        "to chuc",
        "bo",
        "quy",
        "vien",
        "truong",
        "hoi",
        "thue",
        "doanh nghiep",
        "don vi",
        "co quan",
    ):
        return 0.6
    if head == "so" and not re.match(r"^so\s+(\d|[a-z]{1,2}\d)", key):
        return 0.95
    return 0.85


@lru_cache(maxsize=1)
def _prefix_keys() -> tuple[str, ...]:
    keys = {fold(name) for name in AGENCY_DIRECTORY}
    keys.update(fold(v) for v in AGENCY_ABBREVIATIONS.values())
    keys.update(
        (
            "cac so, ban, nganh, dia phuong",
            "cac so, nganh, dia phuong",
            "cac so, ban, nganh, dia phuong lien quan",
            "cac so, nganh, dia phuong lien quan",
            "cac so, ban, nganh co lien quan",
            "cac so, nganh co lien quan",
            "cac co quan, don vi, dia phuong lien quan",
            "ubnd cac huyen, thi xa, thanh pho",
            "ubnd cac xa, phuong, dac khu",
            "cac doanh nghiep vien thong, internet, cong nghe thong tin",
            "bao va dai phat thanh - truyen hinh",
        )
    )
    return tuple(sorted(keys))


@lru_cache(maxsize=1)
def _prefix_keys_by_initial() -> dict[str, tuple[str, ...]]:
    """``_prefix_keys`` filed by their first letter (in their order): a name is only ever
    compared with keys that open with its own letter."""
    by_initial: dict[str, list[str]] = {}
    for key in _prefix_keys():
        by_initial.setdefault(key[:1], []).append(key)
    return {initial: tuple(keys) for initial, keys in by_initial.items()}


@lru_cache(maxsize=1)
def _prefix_letters() -> LetterCounts:
    return LetterCounts(_prefix_keys())


@lru_cache(maxsize=1 << 16)  # OCR'd rows ask it over 12,000 times a plan
def _continues_a_name(joined: str) -> bool:
    """Return True when ``joined`` (folded) nearly equals the start of a directory name."""
    starts = _name_starts(joined[:1], len(joined))
    if not starts:
        return False
    mask = _prefix_letters().mask(joined)
    for start, start_mask in starts:
        common = (mask & start_mask).bit_count()
        if 2.0 * common / (len(joined) + len(start)) < 0.82:
            continue  # ``similarity_at_least``'s own bound, before the call: most names fail it
        if similarity_at_least(joined, start, 0.82, common=common) >= 0.82:
            return True
    return False


@lru_cache(maxsize=1 << 10)
def _name_starts(initial: str, length: int) -> tuple[tuple[str, int], ...]:
    """The starts ``_continues_a_name`` compares a text of ``length`` letters with: each
    directory name's first ``length`` + 1 letters, for the names of that initial no more than
    two letters shorter, once each (the "sở ..." and "các sở, ..." names share their starts),
    with their letter masks (``LetterCounts``). Why: asked for every fragment of a row."""
    letters = _prefix_letters()
    starts: dict[str, int] = {}
    for key in _prefix_keys_by_initial().get(initial, ()):
        if length <= len(key) + 2:
            starts.setdefault(key[: length + 1], letters.prefixes[key][min(length + 1, len(key))])
    return tuple(starts.items())


@lru_cache(maxsize=1 << 14)
def carried_on_by(cell_text: str, words: str) -> bool:
    """Whether ``words`` are what a directory name has right after the name ``cell_text`` opens.

    Stricter than ``agency_continuation``, which compares the joined text as a whole: there
    a long start hides a short wrong ending ("Sở Khoa học và" + "ban,"). Here the start
    must nearly equal a directory name's start, and the words what that name goes on with.
    """
    names = split_agencies(cell_text)
    start = fold(names[-1]) if names else ""
    tail = fold(collapse_spaces(words))
    if len(start) < 4 or len(tail) < 3:
        return False
    for key in _prefix_keys_by_initial().get(start[:1], ()):
        if len(key) < len(start) + len(tail):
            continue
        if similarity_at_least(start, key[: len(start)], 0.85) < 0.85:
            continue
        after = key[len(start) :].lstrip()[: len(tail)]
        if similarity_at_least(tail, after, 0.8) >= 0.8:
            return True
    return False


@lru_cache(maxsize=1 << 15)
def agency_continuation(cell_text: str, fragment: str) -> float:
    """Return 0..1: how well ``fragment`` carries on an agency cell begun as ``cell_text``.

    Used to rebuild OCR'd agency cells whose lines interleave with other columns: "Sở Khoa
    học và" is carried on by "Công nghệ" (a directory name continues), a new "Sở Tài chính"
    may follow a finished name, and a fragment that completes nothing scores low.
    """
    frag = collapse_spaces(fragment)
    if not frag:
        return 0.0
    _, last, complete, ends_joining = _cell_end(cell_text)
    starts_new = frag[:1].isupper() and _starts_agency(frag)
    if starts_new:
        return 0.85 if complete or not last else 0.35
    # The last name and the fragment folded as one, from their folds (each met again and
    # again, the pair seldom): folding works letter by letter and gathers spaces.
    joined = f"{last} {fold(frag)}".strip()
    if len(joined) >= 6 and _continues_a_name(joined):
        return 0.95
    if complete and not frag[:1].islower():
        return 0.2
    return 0.5 if frag[:1].islower() or ends_joining else 0.25


_ENDS_LIST = re.compile(r"[;,]\s*$")
_ENDS_JOINING = re.compile(r"(?:\bva|,)\s*$")


@lru_cache(maxsize=1 << 13)  # a cell is weighed against every fragment and prefix of its row
def _cell_end(cell_text: str) -> tuple[str, str, bool, bool]:
    """What ``agency_continuation`` reads of a cell so far, whatever the fragment: its last
    name, that name folded, whether the cell is complete (a directory name or a list's
    separator last) and whether it ends with "va" or a comma."""
    names = split_agencies(cell_text)
    last = fold(names[-1]) if names else ""
    complete = last in _directory_keys() or bool(_ENDS_LIST.search(cell_text))
    return (names[-1] if names else ""), last, complete, bool(_ENDS_JOINING.search(cell_text))


@lru_cache(maxsize=1 << 15)
def _ratio_at_least(a: str, b: str, floor: float) -> float:
    """Return the similarity of two keys, or 0 as soon as cheap bounds show it is below ``floor``."""
    return similarity_at_least(a, b, floor)


@lru_cache(maxsize=1 << 14)
def trim_to_known_agency(name: str) -> tuple[str, float] | None:
    """Return the directory name that ``name`` starts with, when OCR debris follows it.

    For OCR'd tables whose cells pick up fragments of the next column: "Sở Khoa học và Công
    nghệ phuong tỉnh" -> "Sở Khoa học và Công nghệ". None when no directory name opens it.
    """
    words = collapse_spaces(name).split()
    best: tuple[int, float] | None = None
    for k in range(1, len(words)):
        head = fold(" ".join(words[:k])).strip(_EDGE)
        for key in _prefix_keys_by_initial().get(head[:1], ()):
            if abs(len(key) - len(head)) > 3:
                continue
            ratio = _ratio_at_least(head, key, 0.88)
            if ratio >= 0.88 and (best is None or ratio >= best[1]):
                best = (k, ratio)
    if best is None:
        return None
    return " ".join(words[: best[0]]).strip(_EDGE), round(min(0.8, best[1]), 3)


@lru_cache(maxsize=1 << 14)
def complete_agency(name: str, *, min_share: float = 0.6) -> tuple[str, float] | None:
    """Return the one directory name that ``name`` is the (OCR-damaged) start of.

    An OCR'd cell may lose its last line to a neighbour column ("Sở Khoa học và Công");
    when the words read so far open exactly one directory name and cover most of it, the
    name is completed. None when no single name fits.
    """
    key = fold(collapse_spaces(name)).strip(_EDGE)
    if len(key) < 8 or key in _directory_keys():
        return None
    fits = []
    for entry_key, entry in _directory_keys().items():
        if len(key) > len(entry_key) or len(key) < min_share * len(entry_key):
            continue
        ratio = _ratio_at_least(key, entry_key[: len(key)], 0.85)
        if ratio >= 0.85:
            fits.append((ratio, entry))
    if len(fits) != 1:
        return None
    ratio, entry = fits[0]
    if name[:1].islower():
        entry = entry[:1].lower() + entry[1:]
    return entry, round(min(0.7, ratio * 0.75), 3)


def known_agency(name: str) -> str | None:
    """Return the directory's printed name when ``name`` is one (same letters), else None."""
    return _directory_keys().get(fold(collapse_spaces(name)).strip(_EDGE))


@lru_cache(maxsize=1)
def _compact_directory() -> tuple[tuple[str, str], ...]:
    return tuple((re.sub(r"[\W_]", "", fold(name)), name) for name in AGENCY_DIRECTORY)


@lru_cache(maxsize=1 << 14)
def compact_directory_match(text: str, *, floor: float = 0.85) -> str | None:
    """Return the directory name ``text`` spells with its spaces lost or misplaced, or None.

    OCR glues short words ("S6Y tế", "SoY té" for "Sở Y tế") and reads digits or marks for
    letters; compared without spaces and punctuation, such a name still matches its entry.
    """
    key = re.sub(r"[\W_]", "", digits_as_letters(fold(text)))
    if len(key) < 4:
        return None
    best: tuple[float, str] | None = None
    for entry_key, entry in _compact_directory():
        if abs(len(entry_key) - len(key)) > max(2, len(entry_key) // 5):
            continue
        ratio = _ratio_at_least(key, entry_key, floor)
        if ratio >= floor and (best is None or ratio > best[0]):
            best = (ratio, entry)
    return best[1] if best else None


def is_collective(name: str) -> bool:
    """Whether a read agency name is a collective ("Các sở, ban, ngành", "UBND các xã") rather
    than one named agency: the lead-or-partner rules weigh the two kinds against each other."""
    return fold(name).startswith(("cac ", "ubnd cac "))


def names_a_collective(cell: str | None) -> bool:
    """Whether an OCR'd agency cell holds a collective's capitalised head ("Các‘ 59, bơn,").

    In an agency cell a capitalised "Các" opens a collective name ("Các sở, ban, ngành, địa
    phương") however OCR garbled the words after it; when no directory name was read from
    the cell, the collective's other words are what to seek in the row for it.
    """
    return any(t[:1] == "C" and re.sub(r"[^a-z]", "", fold(t)) == "cac" for t in (cell or "").split())


def names_within(short: str, long: str) -> bool:
    """Whether ``short``'s words are ``long``'s, in order, some left out ("Các sở, ngành" in
    "Các sở, ban, ngành")."""
    words = iter(re.findall(r"\w+", fold(long)))
    return all(w in words for w in re.findall(r"\w+", fold(short)))


def one_collective_reading(names: list[str]) -> list[str]:
    """Keep one reading of a wrapped collective cell: "Các sở, ngành, địa phương" is dropped
    beside "Các sở, ban, ngành, địa phương" (its words, one left out), read twice from the
    same OCR'd cell."""
    collective = [n for n in names if fold(n).startswith("cac ")]
    return [
        n
        for n in names
        if n not in collective
        or not any(m != n and len(m) > len(n) and names_within(n, m) for m in collective)
    ]
