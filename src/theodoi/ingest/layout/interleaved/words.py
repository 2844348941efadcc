"""Word classes the column cuts of an OCR'd row rest on (folded, generic vocabularies).

The raw OCR lines keep no runs of spaces between columns, so where one column's words end and
the next's begin is told by gap marks OCR leaves (``_GAP``) and by which words open or carry
on a cell: a task name's verbs and openers, agency heads ("Sở", "Các", "UBND"), output kinds,
deadline words. Every other module of the package reads them from here, so that one class of
words is written once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from theodoi.ingest.text import fold as _plain_fold

fold = lru_cache(maxsize=1 << 16)(_plain_fold)  # folding the same cell texts again and again


# A gap OCR leaves between two columns: a bar, or two or more stray marks in a row.
_STRAY = r"(?:[^\w\s]{1,3}|[^\W\d_]|\d)"
_GAP = re.compile(rf"\s*\|\s*|(?:\s+{_STRAY}){{2,}}(?=\s|$)|\s+[.\\~£«»¢]+(?=\s)")
# Words that open a fragment of another column when capitalised (folded): agencies, outputs.
_OPENERS = (
    "so ",
    "cac so",
    "cac ",
    "ubnd",
    "uy ban",
    "ban ",
    "van phong",
    "cong an",
    "dai ",
    "bao ",
    "bo chi huy",
    "ke hoach",
    "van ban",
    "quyet dinh",
    "de an",
    "bao cao",
    "chuong trinh",
    "thuong xuyen",
    "hang nam",
    "hang thang",
    "nhiem vu thuong",
)


# Words a wrapped deadline cell carries on with ("Năm 2025 và" / "những năm" / "tiếp theo").
_DEADLINE_WORDS = frozenset({"va", "nhung", "nam", "tiep", "theo", "thuong", "xuyen", "hang", "thang"})


# Words a task name opens with (folded): the verbs of plan tasks.
TASK_VERBS = (
    "xay dung",
    "trien khai",
    "tham muu",
    "hoan thanh",
    "hoan thien",
    "phat trien",
    "ra soat",
    "to chuc",
    "day manh",
    "nang cao",
    "cap nhat",
    "cong bo",
    "bao dam",
    "dam bao",
    "phan dau",
    "cu the hoa",
    "tuyen truyen",
    "phat dong",
    "huong dan",
    "thu hut",
    "ho tro",
    "ung dung",
    "tang cuong",
    "tap trung",
    "thuc hien",
    "nghien cuu",
    "bo tri",
    "khuyen khich",
    "dao tao",
    "thuc day",
    "tiep tuc",
    "ban hanh",
    "kien toan",
    "sap xep",
    "chuyen doi",
    "so hoa",
    "thanh lap",
    "hinh thanh",
    "tham gia",
    "hop tac",
    "ket noi",
    "duy tri",
    "van hanh",
    "nang cap",
    "mo rong",
    "dau tu",
    "lap",
    "danh gia",
    "kiem tra",
    "co che",
    "chinh sach",
    "co so du lieu",
    "he thong",
    "nen tang",
)
# Words a phrase goes on after (folded): prepositions, conjunctions, "các".
_OPEN_WORDS = "cua|va|cac|ve|cho|trong|voi|de|tu|theo|tren|nhung|tai|la|duoc|hoac"
# A line ending mid-phrase (an open word, "số"/"sở", a comma): the text carries on.
_ENDS_OPEN = re.compile(rf"(?:\b(?:{_OPEN_WORDS}|so)|,)\s*$")
# A text ending with an open word only: a comma also ends an item of a list, and "số" a
# noun phrase ("chính quyền số").
_ENDS_OPEN_WORD = re.compile(rf"\b(?:{_OPEN_WORDS})\s*$")


def _agency_words_only(tokens: Sequence[str]) -> bool:
    """Whether every word is an agency name's word (the directory's and the generic grammar's).

    A province's name counts after an agency word ("Báo Bình Định", "UBND tỉnh Quảng Trị"):
    no directory lists it, yet it ends the agency's name."""
    from theodoi.ingest.normalise.provinces import province_after_agency

    vocabulary = _column_words()
    words = [fold(t).strip(".,;:()") for t in tokens]
    words = [w for w in words if w.isalpha()]
    named = province_after_agency(words, vocabulary)
    return bool(words) and all(w in vocabulary or named[k] for k, w in enumerate(words))


@lru_cache(maxsize=1)
def _column_words() -> frozenset[str]:
    """The folded words agency, output and deadline cells are made of (generic vocabularies)."""
    from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY, agency_vocabulary

    words: set[str] = set(agency_vocabulary())
    for name in AGENCY_DIRECTORY:
        words.update(re.findall(r"[a-z]+", fold(name)))
    for phrase in (*_OPENERS, *_DEADLINE_WORDS):
        words.update(phrase.split())
    return frozenset(words)


# Words after which a capitalised agency name belongs to the sentence (its object).
_GOVERNS = re.compile(
    r"\b(?:tai|giua|den|dien tu|trinh|tham muu|phoi hop|chu tri|giao|gui|thuoc|truc thuoc|nhu)\s*$"
)


def _is_other_column(text: str) -> bool:
    from theodoi.ingest.normalise.agencies import agency_score
    from theodoi.ingest.normalise.deadlines import is_deadline_text

    key = fold(text)
    # an agency's own head opens it capitalised ("Bảo hiểm", "Ban"): a lower-case one opens prose
    # ("bảo thân thiện, dễ hiểu"); a collective's wrapped "các sở" / "sở, ban" stays an agency's
    return (
        agency_score(text) >= (0.8 if text[:1].isupper() else 0.95)
        or is_deadline_text(text)
        or (text[:1].isupper() and key.startswith(_OPENERS) and not _deadline_word_opens_prose(key))
    )


# Deadline words among the openers: a deadline cell is the narrowest column, so "Thường
# xuyên" / "Hằng năm" with a clause after them ("Thường xuyên rà soát, xây dựng danh mục")
# open a task name, as they often do ("Hằng năm tổ chức ..."), not the deadline cell.
_DEADLINE_OPENING = re.compile(r"(?:thuong xuyen|hang nam|hang thang|nhiem vu thuong)\b")
_WORD = re.compile(r"[^\W\d_]+")


def _deadline_word_opens_prose(key: str) -> bool:
    """Whether a folded line opening with a deadline word goes on with three words or more."""
    found = _DEADLINE_OPENING.match(key)
    return found is not None and len(_WORD.findall(key, found.end())) >= 3


_HEAD_TOKENS = {
    "so",
    "cac",
    "ubnd",
    "ban",
    "van",
    "cong",
    "dai",
    "bao",
    "bo",
    "ke",
    "quyet",
    "de",
    "chuong",
    "uy",
}
_HEAD_PAIRS = (
    "so ",
    "cac ",
    "ubnd",
    "uy ban",
    "ban ",
    "van phong",
    "cong an",
    "dai ",
    "bao ",
    "bo chi",
    "ke hoach",
    "van ban",
    "quyet dinh",
    "de an",
    "bao cao",
    "chuong trinh",
)


def _opens_agency(tokens: Sequence[str], k: int) -> bool:
    """Whether tokens[k] opens an agency or an output: a capitalised head word and its pair."""
    token = tokens[k]
    tail = fold(" ".join(tokens[k : k + 2]))
    return token[:1].isupper() and fold(token).strip(".,;:") in _HEAD_TOKENS and tail.startswith(_HEAD_PAIRS)


def _carries_agency(current: str, token: str) -> bool:
    from theodoi.ingest.normalise.agencies import agency_continuation

    return agency_continuation(current, token) >= 0.9
