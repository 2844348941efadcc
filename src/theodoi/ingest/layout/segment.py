"""Cut one OCR'd table line into column spans by dynamic programming.

An interleaved OCR line (see ``interleaved``) holds the first column's words, then fragments
of the columns to its right in column order, some absent, with debris between. Instead of
cutting at one place and then at opener words, every token gets a label — a column, or
"dropped" (debris) — such that the columns never go backwards along the line, and the
labelling with the best total score wins (a Viterbi pass over tokens × columns; a line has
at most a few dozen tokens and five columns, so this is cheap).

The score adds, per token, how well the word fits the column's vocabulary (``ColumnKind``:
task prose, agency names, output kinds, deadlines) and where it sits on the line (the first
column fills about ``width`` characters); per span, whether a gap mark ("|") or an opener
word (a capitalised agency head, an output kind, a deadline word) begins it and whether it
carries on the same column's unfinished text from the line above (``Carry``). The weights
are a handful of global numbers (``Weights``); nothing is learnt from any plan's cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from theodoi.ingest.layout.kind_phrases import listed_outside_kind_phrase
from theodoi.ingest.layout.named_kind_words import named_outside_kind_phrase
from theodoi.ingest.layout.output_lists import (
    COLLECTIVE_WORDS,
    LIST_WORDS,
    TAKES_COLLECTIVE,
    carries_list,
    names_agencies,
)
from theodoi.ingest.text import fold as _plain_fold

fold = lru_cache(maxsize=1 << 16)(_plain_fold)

DROP = -1

PROSE, AGENCY, OUTPUT, DEADLINE = "prose", "agency", "output", "deadline"


@dataclass(frozen=True)
class Weights:
    """The global weights of the segmentation score (flat over a range on the samples)."""

    vocabulary: float = 1.0  # a word in (out of) a closed column's vocabulary
    cut: float = 0.6  # opening a new span
    gap: float = 1.5  # a gap mark right before a span opens (and against running over one)
    opener: float = 1.0  # a span opens with its column's opener word
    carry: float = 1.2  # a line's first span of a column carries on its unfinished cell
    position: float = 1.0  # the first column past its width, another column inside it
    drop: float = 0.8  # dropping a word that is no debris
    split: float = 0.6  # cutting between two words an agency name holds in a row ("viễn | thông")
    unpaired: float = 1.0  # an agency span going on with a lowercase word no name follows its last with
    whole: float = 2.0  # dropping a word OCR read whole once the row's output cell is open (flat 1.6..3)
    fluent: float = (
        2.5  # a line's word completing the output's last word above (flat 2.5..3 on 002; 2 one row less)
    )
    reads_on: float = (
        1.0  # a word reading the open output's phrase on, apart (flat 0.6..1.5; 2 loses 002 a row)
    )


DEFAULT_WEIGHTS = Weights()


@dataclass
class Carry:
    """What the lines above left per column: the text so far (for continuation)."""

    texts: dict[int, str] = field(default_factory=dict)
    name_closed: bool = False


# Output kinds (kết quả) and the generic words that follow them.
_OUTPUT_OPENERS = (
    "van ban",
    "ke hoach",
    "quyet dinh",
    "bao cao",
    "de an",
    "chuong trinh",
    "nghi quyet",
    "huong dan",
    "co so du lieu",
    "nen tang",
    "he thong",
    "tai lieu",
    "chi thi",
    "danh muc",
    "san pham",
    "hoi nghi",
    "ty le",
    "du an",
    "hoat dong",
)
# Outputs stated as a result ("Hoàn thành kết nối", "Triển khai thu phí ...") and further
# document kinds: they open an output span, but their words are everyday ones ("thành" of
# "thành phố", "Phát thanh") and weigh for no column; "hoàn" alone is the output's. Right of
# the name a capitalised task verb opens an output: agency names do not open with one, and
# one going on with it ("Sở Nông nghiệp và Phát triển nông thôn") keeps it by its word pairs.
_RESULT_OPENERS = (
    "hoan thanh",
    "thoa thuan",
    "quy che",
    "quy dinh",
    "quy trinh",
    "chinh sach",
    "thong tu",
    "nghi dinh",
    "cong van",
    "to trinh",
    "danh sach",
    "hoi thao",
    "mo hinh",
    "trien khai",
    "phat trien",
    "hinh thanh",
    "danh gia",
    "phat hien",
)
_OUTPUT_WORDS = frozenset(
    [
        *" ".join(_OUTPUT_OPENERS).split(),
        "trien",
        "khai",
        "cua",
        "cac",
        "tinh",
        "ubnd",
        "chu",
        "tich",
        "cong",
        "tac",
        "thuc",
        "hien",
        "phe",
        "duyet",
        "ban",
        "hanh",
        "noi",
        "dung",
        "tuyen",
        "truyen",
        "so",
        "nganh",
        "dia",
        "phuong",
        "duoc",
        "dua",
        "vao",
        "van",
        "hanh",
        "cap",
        "nhat",
        "ket",
        "qua",
        "moi",
    ]
)
_DEADLINE_WORDS = frozenset(
    [
        "thang",
        "quy",
        "nam",
        "hang",
        "thuong",
        "xuyen",
        "nhiem",
        "vu",
        "va",
        "nhung",
        "tiep",
        "theo",
        "giai",
        "doan",
        "truoc",
        "trong",
        "sau",
        "khi",
        "ngay",
    ]
)
_DEADLINE_TOKEN = re.compile(r"^(?:\d{1,2}/)?(?:\d{1,2}/)?20\d\d(?:-20\d\d)?[.;,]?$|^[ivx1-4]+/20\d\d$")
# A capitalised word opening an agency (folded, two words at most).
_AGENCY_OPENERS = (
    "so ",
    "cac so",
    "cac co quan",
    "cac don vi",
    "cac doanh",
    "ubnd",
    "uy ban",
    "ban ",
    "van phong",
    "cong an",
    "dai ",
    "bao ",
    "bo chi huy",
    "bo ",
    "tinh doan",
    "hoi ",
    "lien minh",
    "ngan hang",
    "thanh tra",
    "truong ",
    "vien ",
    "trung tam",
)
_DEADLINE_OPENERS = ("thang", "quy", "nam 20", "hang", "thuong xuyen", "nhiem vu thuong", "20")
_EDGE = ".,;:()\"'“”‘’-–—"
_KIND_SPAN = max(len(p.split()) for p in _OUTPUT_OPENERS) - 1  # words above a phrase may open with


_OUTPUT_KIND_WORDS = frozenset(" ".join(_OUTPUT_OPENERS).split()) | {"hoan"}
_KIND_PHRASES = tuple(tuple(p.split()) for p in _OUTPUT_OPENERS)


@lru_cache(maxsize=1)
def _shared_kind_words() -> frozenset[str]:
    """The output kinds' words a collective's list prints alone between commas ("ban", "so"; not
    "co", whose "cơ" lists only as "cơ quan" and which folds like the verb "có"): see
    ``kind_phrases``."""
    return _OUTPUT_KIND_WORDS & COLLECTIVE_WORDS


@lru_cache(maxsize=1)
def _generic_agency_words() -> frozenset[str]:
    from theodoi.ingest.normalise.agencies import agency_vocabulary

    return agency_vocabulary()


@lru_cache(maxsize=1)
def _agency_words() -> frozenset[str]:
    from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY, agency_vocabulary

    words: set[str] = set(agency_vocabulary())
    for name in AGENCY_DIRECTORY:
        words.update(re.findall(r"[a-z]+", fold(name)))
    return frozenset(words)


@lru_cache(maxsize=1)
def _agency_pairs() -> frozenset[tuple[str, str]]:
    """Two words that follow one another in an agency directory name (folded)."""
    from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY

    pairs: set[tuple[str, str]] = set()
    for name in AGENCY_DIRECTORY:
        words = re.findall(r"[a-z]+", fold(name))
        pairs.update(pairwise(words))
    return frozenset(pairs)


_PROVINCE_EMISSION = 1.0  # a province name after an agency word fits it as a generic agency word does


def _named_province(tokens: Sequence[str], above: Sequence[str] = ()) -> list[bool]:
    """Mark the words of a province name that goes on an agency name ("Báo | Bình Định").

    A province is no directory word, so without this the cut falls inside "UBND tỉnh Bình
    Định" or "Báo Bình Định": the name must follow an agency word ("tỉnh", "Báo"), on the
    line or, at its start, ending an agency cell above (``above``: those cells' last words)."""
    from theodoi.ingest.normalise.provinces import province_after_agency

    return province_after_agency([_word(t) for t in tokens], _agency_words(), above)


def _agency_pair(left: str, right: str) -> bool:
    return (_word(left), _word(right)) in _agency_pairs()


def _unpaired(left: str, right: str) -> bool:
    """Whether ``right`` cannot go on an agency name after ``left`` ("Công nghệ | trúc, đơn").

    An agency cell is a directory name or a list of them: after a word without a comma, a
    lowercase word carries the name on only when some name holds the two in a row ("Khoa
    học", "Đào tạo" even when OCR reads "báo tạo"); otherwise it is the next column's
    wrapped words (an output's, which sits right of the agency cells and wraps over many
    short lines). Not judged: a generic agency word ("ngành", "phương", "vị": the lists'),
    a word after "và" (a new name's start OCR lowercased), or after debris. Between two
    words of a line it is asked always, the output's opening words too ("Giáo dục và" |
    "lĩnh vực tư": an output opening in lower case before its cell is open); against the
    last word of a cell above only while the row's output cell is open (a name's wrapped
    words are the only other lowercase words a line opens with).
    """
    return (
        right[:1].islower()
        and not left.endswith((",", ";"))
        and _is_word(_word(right))
        and _is_word(_word(left))
        and _word(left) != "va"
        and _word(right) not in _generic_agency_words()
        and not _near_agency_pair(_word(left), _word(right))
    )


@lru_cache(maxsize=1 << 15)
def _near_agency_pair(left: str, right: str) -> bool:
    """Whether some agency name holds ``right`` after a word ``left`` spells with at most one
    letter wrong (OCR reads "Đào tạo" as "báo tạo")."""
    return any(
        len(x) == len(left) and sum(a != b for a, b in zip(x, left, strict=True)) <= 1
        for x in _words_before().get(right, ())
    )


@lru_cache(maxsize=1)
def _words_before() -> dict[str, frozenset[str]]:
    before: dict[str, set[str]] = {}
    for left, right in _agency_pairs():
        before.setdefault(right, set()).add(left)
    return {right: frozenset(lefts) for right, lefts in before.items()}


@lru_cache(maxsize=1 << 15)
def _word(token: str) -> str:
    return fold(token).strip(_EDGE)


def _is_word(word: str) -> bool:
    return len(word) >= 2 and word.isalpha()


@lru_cache(maxsize=1 << 15)
def _emission(token: str, kind: str) -> float:
    """How well one token fits a column kind, before weights (about -1..+1)."""
    word = _word(token)
    if not word:
        return 0.0  # punctuation belongs wherever its neighbours go
    if kind == DEADLINE:
        if _DEADLINE_TOKEN.match(fold(token)) or word in _DEADLINE_WORDS:
            return 1.0
        return -1.5
    if not _is_word(word):
        return -0.5 if kind == AGENCY else 0.0
    agency = word in _agency_words()
    if kind == AGENCY:
        if word in _generic_agency_words():
            return 1.0
        return 0.3 if agency else -1.0
    if kind == OUTPUT:
        if word in _OUTPUT_KIND_WORDS:
            return 1.0
        return 0.4 if word in _OUTPUT_WORDS else -0.3
    # prose: open vocabulary; a word only the other columns use leans away from it
    return 0.5 if not agency and word not in _OUTPUT_WORDS else 0.0


def _plain_output_emission(token: str) -> float:
    """An output's weight for a word outside its kind phrase (``kind_phrases``)."""
    return 0.4 if _word(token) in _OUTPUT_WORDS else -0.3


def opener(tokens: Sequence[str], k: int, kind: str) -> float:
    """Whether tokens[k] opens a span of the given kind (0..1)."""
    return _opener(tuple(tokens[k : k + 3]), kind)


@lru_cache(maxsize=1 << 15)  # ``segment_line`` asks for every token and column of every line
def _opener(tokens: tuple[str, ...], kind: str) -> float:
    """``opener`` of the first of (at most) three tokens: it looks no further."""
    token = tokens[0]
    key = fold(" ".join(tokens))
    if kind == AGENCY:
        if key.startswith(_OUTPUT_OPENERS):  # "Báo cáo" is an output, "Báo Bình Định" an agency
            return 0.0
        if key.startswith(("cac so", "cac co quan", "cac don vi")):
            return 1.0
        return 1.0 if token[:1].isupper() and key.startswith(_AGENCY_OPENERS) else 0.0
    if kind == OUTPUT:
        if not token[:1].isupper():
            return 0.0
        kind_opens = key.startswith((*_OUTPUT_OPENERS, *_RESULT_OPENERS))
        return 1.0 if kind_opens or _opens_listed_output(tokens, 0, key) or _states_having(tokens, 0) else 0.0
    if kind == DEADLINE:
        return 1.0 if key.startswith(_DEADLINE_OPENERS) or _DEADLINE_TOKEN.match(fold(token)) else 0.0
    return 0.0


def _opens_listed_output(tokens: Sequence[str], k: int, key: str) -> bool:
    """Whether a folded "các ..." lists outputs ("Các quy trình nội bộ", "Các bài toán"):
    "các" before a noun no agency collective has ("các sở, ngành" is the partners')."""
    from theodoi.ingest.normalise.agencies import may_name_collective

    if len(tokens) < k + 2 or not tokens[k + 1][:1].islower():
        return False
    head, _, rest = key.partition(" ")
    noun = _word(rest.split(" ", 1)[0])
    return head == "cac" and _is_word(noun) and not may_name_collective(noun)


def _states_having(tokens: Sequence[str], k: int) -> bool:
    """Whether tokens[k] opens a result stated as having ("Có tỷ lệ ...", "Có ít nhất 03 ...").

    Matched on the accented word: folded, "có" is also "cơ" of "Cơ quan" (an agency)."""
    return tokens[k].strip(_EDGE) == "Có" and k + 1 < len(tokens) and tokens[k + 1][:1].islower()


def _continues(kind: str, cell: str, tokens: Sequence[str], k: int) -> float:
    """How well tokens[k:] carry on a cell begun above (0..1)."""
    if not cell:
        return 0.0
    token = tokens[k]
    ends_open, closed = _cell_end(cell)
    if kind == AGENCY:
        from theodoi.ingest.normalise.agencies import agency_continuation

        score = agency_continuation(cell, " ".join(tokens[k : k + 2]))
        if score >= 0.9:
            return 1.0
        if closed:
            return 0.0
        return 0.5 if ends_open or token[:1].islower() else 0.0
    if kind == PROSE:
        return 0.0
    if closed:
        return 0.0
    if kind == OUTPUT and _word(token) in LIST_WORDS and carries_list(cell, token, _agency_pairs()):
        return 1.0  # "Kế hoạch của các" | "Sở, ngành, địa phương"
    if kind == OUTPUT and _ends_document_kind(cell):
        return 0.6  # "... trong Kế hoạch" | "Chuyển đổi số": the document's own name
    return 0.6 if token[:1].islower() or ends_open else 0.0


# A document kind that a plan names by its title ("Kế hoạch Chuyển đổi số", "Chương trình
# Mục tiêu quốc gia"): an output cell ending with one is carried on by the capitalised title.
_ENDS_DOCUMENT_KIND = re.compile(r"\b(?:ke hoach|chuong trinh|de an|du an|nghi quyet|chi thi)\s*$")


@lru_cache(maxsize=1 << 12)
def _ends_document_kind(cell: str) -> bool:
    return bool(_ENDS_DOCUMENT_KIND.search(fold(cell)))


_ENDS_OPEN = re.compile(r"(?:,|\bvà|\bva|\bcủa|-|—)\s*$")
_ENDS_CLOSED = re.compile(r"[;.]\s*$")


@lru_cache(maxsize=1 << 12)  # ``segment_line`` asks for every token of a line and every column
def _cell_end(cell: str) -> tuple[bool, bool]:
    """Whether a cell so far ends open (a comma, "và", "của", a dash) and whether it ends
    closed (";" or ".")."""
    return bool(_ENDS_OPEN.search(cell)), bool(_ENDS_CLOSED.search(cell))


def column_kind(fits, *, first: bool) -> str:
    """Tell a column's kind from its fit function (probed on typical cells)."""
    if first:
        return PROSE
    if fits("12/2025") >= 0.5 and fits("Thường xuyên") >= 0.5:
        return DEADLINE
    if fits("Sở Tài chính") >= 0.8:
        return AGENCY
    return OUTPUT


def segment_line(
    tokens: Sequence[str],
    kinds: Sequence[str],
    *,
    width: float | None,
    carry: Carry,
    debris: Sequence[bool] | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    whole: Sequence[bool] | None = None,
    fluent: bool = False,
) -> list[int]:
    """Label each token with a column index (non-decreasing) or ``DROP``.

    ``tokens`` are the line's words ("|" for a gap mark); ``kinds`` the column kinds left to
    right, the first being the task name's prose; ``debris`` marks tokens the raw OCR shows
    as stray marks; ``whole`` the words OCR read whole (``interleaved.debris.whole_words``).
    Gap marks are always dropped; every other token lands in exactly one column or is
    dropped, so the spans never lose nor duplicate a word.

    With ``fluent``, a word the restorer's language model all but expects after the output
    cell's last words above opens the output's span (``_completions``, ``weights.fluent``).

    Once the row's output cell is open, dropping a word read whole costs ``weights.whole``:
    such a word is no debris but some cell's, most often the output's wrapped words, which
    run over many short lines right of the agency cells. At the plain drop cost, the pass
    would drop one to reach a column that fits the next word better ("kiện toàn | tổ",
    "cán | bộ": a generic agency word carrying on the partners' open cell).
    """
    n, m = len(tokens), len(kinds)
    if n == 0:
        return []
    offsets = []
    pos = 0
    for token in tokens:
        offsets.append(pos)
        pos += len(token) + 1
    openers = [{j: opener(tokens, k, kinds[j]) for j in range(m)} for k in range(n)]
    lasts = [carry.texts.get(j, "").split()[-1:] for j in range(m) if kinds[j] == AGENCY]
    named = _named_province(tokens, [_word(w) for last in lasts for w in last])
    inside_name = [k > 0 and (named[k] or _agency_pair(tokens[k - 1], tokens[k])) for k in range(n)]
    _open_titles(tokens, kinds, carry, openers, inside_name)
    # a capitalised output kind ("Văn bản", "Các quy trình") is no agency's word unless an
    # agency name goes on with it ("Sở | Kế hoạch và Đầu tư")
    opens_output = [
        0.0 if inside_name[k] else max((openers[k][j] for j in range(m) if kinds[j] == OUTPUT), default=0.0)
        for k in range(n)
    ]
    # an output naming agencies ("Kế hoạch của các") goes on with them as an agency cell would
    listing = [kinds[j] == OUTPUT and names_agencies(carry.texts.get(j, "")) for j in range(m)]
    # once the row's output cell is open, its wrapped words come right of the agency cells
    wraps_output = any(carry.texts.get(j, "").strip() for j in range(m) if kinds[j] == OUTPUT)
    # a word an agency name goes on from with the next word ("hành chính") stays judged as one
    paired_on = [k + 1 < n and (named[k + 1] or _agency_pair(tokens[k], tokens[k + 1])) for k in range(n)]
    unpaired = [k > 0 and not paired_on[k] and _unpaired(tokens[k - 1], tokens[k]) for k in range(n)]
    cells = [
        (cell, cell.split()[-1] if cell.split() else "")
        for cell in (carry.texts.get(c, "") for c in range(m))
    ]
    # a word completing the output's last word above (a wrapped compound: "được" / "ban hành")
    completes = (
        _completions(
            tokens,
            [cell if kind != PROSE else "" for (cell, _), kind in zip(cells, kinds, strict=True)],
            kinds,
            weights,
        )
        if fluent
        else [[0.0] * m] * n
    )
    above = [
        _word(w) for j in range(m) if kinds[j] == OUTPUT for w in carry.texts.get(j, "").split()[-_KIND_SPAN:]
    ]
    words = [_word(t) for t in tokens]
    loose = listed_outside_kind_phrase(
        tokens, words, above, _KIND_PHRASES, _shared_kind_words(), TAKES_COLLECTIVE
    )
    loose = named_outside_kind_phrase(words, above, inside_name, loose, _OUTPUT_KIND_WORDS, _KIND_PHRASES)
    neg = float("-inf")
    # best[c]: best score with the last kept token in column c; c == m: nothing kept yet
    best = [neg] * m + [0.0]
    back: list[list[tuple[int, int]]] = []
    gap_before = False
    for k, token in enumerate(tokens):
        new = [neg] * (m + 1)
        choice: list[tuple[int, int]] = [(-2, -2)] * (m + 1)
        if token == "|":
            back.append([(c, DROP) for c in range(m + 1)])
            gap_before = True
            continue
        stray = bool(debris and debris[k])
        drop_score = 0.3 if stray else -weights.drop
        if whole and whole[k] and wraps_output and not stray:
            drop_score = -weights.whole
        for c in range(m + 1):
            if best[c] == neg:
                continue
            if best[c] + drop_score > new[c]:
                new[c], choice[c] = best[c] + drop_score, (c, DROP)
        for c in range(m):
            kind = kinds[c]
            emit = weights.vocabulary * (
                _PROVINCE_EMISSION if kind == AGENCY and named[k] else _emission(token, kind)
            )
            if kind == OUTPUT and loose[k]:
                emit = weights.vocabulary * _plain_output_emission(token)
            if listing[c] and _word(token) in LIST_WORDS:
                emit = weights.vocabulary * _emission(token, AGENCY)
            if stray:
                emit -= 0.5
            if width is None:
                pass
            elif c == 0:
                emit -= weights.position * max(0.0, (offsets[k] + len(token) - 1.1 * width) / (0.1 * width))
            else:
                emit -= weights.position * max(0.0, (0.9 * width - offsets[k]) / (0.1 * width))
            if c == 0 and carry.name_closed:
                emit -= 0.5 * weights.position
            if kind == AGENCY:
                emit -= weights.opener * opens_output[k]
            # stay in column c: against a gap mark, or an opener of a column to the right
            if best[c] != neg:
                later = max((openers[k][j] for j in range(c + 1, m) if kinds[j] != kind), default=0.0)
                score = best[c] + emit - (weights.gap if gap_before else 0.0) - weights.opener * later
                if kind == AGENCY and unpaired[k]:
                    score -= weights.unpaired
                if score > new[c]:
                    new[c], choice[c] = score, (c, c)
            # open column c after an earlier one (or at the line start)
            opening = weights.opener * openers[k][c] + (weights.gap if gap_before else 0.0) + completes[k][c]
            cell, last = cells[c]
            if not (kind == AGENCY and wraps_output and last and not paired_on[k] and _unpaired(last, token)):
                opening += weights.carry * _continues(kind, cell, tokens, k)
            for p in [*range(c), m]:
                if best[p] == neg:
                    continue
                score = best[p] + emit + opening - (weights.cut if p != m else 0.0)
                if inside_name[k] and p != m and kinds[p] == AGENCY:
                    score -= weights.split
                if score > new[c]:
                    new[c], choice[c] = score, (p, c)
        back.append(choice)
        best = new
        gap_before = False
    # trace back
    c = max(range(m + 1), key=lambda i: best[i])
    labels = [DROP] * n
    for k in range(n - 1, -1, -1):
        prev, label = back[k][c]
        labels[k] = label
        c = prev
    return labels


def _open_titles(
    tokens: Sequence[str],
    kinds: Sequence[str],
    carry: Carry,
    openers: list[dict[int, float]],
    inside_name: Sequence[bool],
) -> None:
    """Make a document's title open the output span whose cell above ends with its kind
    ("... trong Kế hoạch" / "Chuyển đổi số"; see ``document_titles``), in place."""
    from theodoi.ingest.layout.document_titles import title_opens

    agency_cells = [carry.texts.get(j, "") for j in range(len(kinds)) if kinds[j] == AGENCY]
    for j, kind in enumerate(kinds):
        if kind != OUTPUT or not _ends_document_kind(carry.texts.get(j, "")):
            continue
        opens = title_opens(
            tokens,
            True,
            agency_cells,
            opens_agency=lambda k: opener(tokens, k, AGENCY) > 0,
            inner=[
                inside or bool(_words_before().get(_word(t)))
                for t, inside in zip(tokens, inside_name, strict=True)
            ],
        )
        for k, title in enumerate(opens):
            if title:
                openers[k][j] = 1.0


def _completions(
    tokens: Sequence[str], cells: Sequence[str], kinds: Sequence[str], weights: Weights
) -> list[list[float]]:
    """Per token and column, the bonus for opening an output column's span on this line with
    a word that completes that column's cell above (``fluency.completing_cells``), rather than
    another cell or the line's own words before it (back to a gap mark).

    The output cell alone takes it: it has no directory to be read against, and its wrapped
    words are everyday ones that the agency vocabulary claims ("ban", "bố", "công"). An agency
    cell's next word is carried by the directory already (``_continues``); the bonus there
    only tipped the ties between the two agency cells (measured on 000: lead and partners
    lost rows).

    A word that only reads the open output's phrase on (``fluency.reading_on_cells``: a
    phrase's next word, apart from every other cell's and the line's words: "được đánh giá," /
    "lựa chọn") takes the smaller ``weights.reads_on`` when it is no agency word: an agency
    word's place is the directory's and the columns' vocabularies' to tell ("thực hiện" /
    "phương" reads on as "phương án", but is the partners' "địa" / "phương").
    """
    from theodoi.ingest.layout.fluency import completing_cells, reading_on_cells

    before, run = [], []
    for token in tokens:
        before.append(" ".join(run[-2:]))
        run = [] if token == "|" else [*run, token]
    words = [t if t != "|" else "" for t in tokens]
    done = completing_cells(cells, words, before)
    opened = [
        kind == OUTPUT and bool(cell.strip()) and not _cell_end(cell)[1]
        for cell, kind in zip(cells, kinds, strict=True)
    ]
    on = reading_on_cells(cells, words, before) if any(opened) else [None] * len(tokens)
    return [
        [
            weights.fluent
            if c == d and kinds[c] == OUTPUT
            else weights.reads_on
            if c == r and d is None and opened[c] and _word(token) not in _agency_words()
            else 0.0
            for c in range(len(cells))
        ]
        for token, d, r in zip(tokens, done, on, strict=True)
    ]


def spans(tokens: Sequence[str], labels: Sequence[int]) -> dict[int, str]:
    """Join the tokens of each column (in order) into its text on this line."""
    out: dict[int, list[str]] = {}
    for token, label in zip(tokens, labels, strict=True):
        if label != DROP:
            out.setdefault(label, []).append(token)
    return {c: " ".join(words) for c, words in out.items()}
