"""A name line's last words given back to the other columns: the name-end recut.

The per-line segmentation may leave agency words at the end of the name's part ("... Sở",
"... và", a directory name's inside, a lone capital letter OCR read from a rule). These
functions move such words to the rest of the line when they open or finish another column's
cell (lone letters are dropped), and leave a name's own ending (an open phrase, "... số"
meaning digital) alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from theodoi.ingest.layout.interleaved.words import (
    _ENDS_OPEN,
    _GOVERNS,
    _agency_words_only,
    _carries_agency,
    fold,
)
from theodoi.ingest.layout.segment import AGENCY, DROP, OUTPUT, Carry, opener, segment_line
from theodoi.ingest.text import is_so_lookalike

# How many of a name line's last words the segmentation may give to the other columns.
_RECUT_WINDOW = 6
# A name ending "... (chuyển đổi / kinh tế / công nghệ) số", "digital", which folds like "sở".
_DIGITAL_END = re.compile(r"(?<!\bcac )(?<!\bcua )\bso\s*$")
# Words after which a capitalised name is the sentence's object: "do Sở Nội vụ", "lên Trung tâm".
_TAKES_OBJECT = re.compile(r"\b(?:do|len|vao|boi|qua|cua|voi)\s*$")


def ends_open_phrase(key: str) -> bool:
    """Whether a name's folded text so far ends mid-phrase ("... của", "... và", "... các sở").

    A name ending in "số" (digital: "... xã hội số") is finished, though it folds like "sở"
    ("... các sở" / "ban, ngành" goes on).
    """
    return bool(_ENDS_OPEN.search(key)) and not _DIGITAL_END.search(key)


def recut_name_end(
    head: str, rest: str, kinds: Sequence[str], carry: Carry, above: Sequence[str] = ()
) -> tuple[str, str]:
    """Give a name line's last words to the other columns when they open or finish an agency.

    The first column's cut (``_cut_first_column``) rests on gap marks and the column's usual
    width; without a gap, an agency's words that OCR ran on after the name's stay in it
    ("... vi phạm hành chính Sở Văn hóa", "... tích hợp với tỉnh Công nghệ" finishing a
    "Sở Khoa học và" above). Only the name's last ``_RECUT_WINDOW`` words and the rest are
    segmented (``segment.segment_line``, the cells so far carried), so the cut moves a few
    words left at most, to the first capitalised word past the segmentation's cut. The words
    moved must all be agency words labelled an agency column's, and open an agency (a
    capitalised head: "Sở", "Ban", "UBND", also "Sở" read as "56") or carry on one begun
    above; never an output kind ("Kế hoạch"), nor after a word that takes them as its
    object ("... phối hợp với Sở Y tế", "... do Sở Nội vụ", "... lên Trung tâm dữ liệu"
    stay whole) or an open phrase, but for a name ending in "số" (digital), not "các sở".
    An agency's words the segmentation follows with output words ("... nghiệp vụ" | "Khoa
    học và" carrying on "Sở" | "của cấp có") move with them: the name ends where the agency
    begins; the output part must hold a word no agency name has ("Thể thao và Du": "Du" is
    the agency's own word read as output, the old rule judges it).
    The agency begun above is the other columns' cells so far (``carry``) or any fragment
    read on the row's lines above (``above``): the alignment may have run another column's
    words on after it in its cell ("Sở Khoa học và" + "địa phương; các" before "Công nghệ").
    Returns (name part, words moved to the rest).
    """
    tokens = head.split()  # "Sở" read as digits is read as "Sở" (``is_so_lookalike``)
    for k in range(1, len(tokens) - 1):
        if is_so_lookalike(tokens[k]) and tokens[k + 1][:1].isupper() and fold(tokens[k + 1]) != "so":
            tokens[k] = "Sở"
    lo = max(1, len(tokens) - _RECUT_WINDOW)
    opened = [*carry.texts.values(), *above]

    def may_move(cut: int) -> bool:
        """The tests of a cut the segmentation's labels play no part in."""
        moved, kept = tokens[cut:], fold(" ".join(tokens[:cut]))
        if opener(moved, 0, OUTPUT) > 0:
            return False
        if ends_open_phrase(kept) or _GOVERNS.search(kept) or _TAKES_OBJECT.search(kept):
            return False
        carried = any(_carries_agency(text, " ".join(moved[:2])) for text in opened if text)
        return carried or opener(moved, 0, AGENCY) > 0

    # The cut lands on a capitalised word of the window: with none that may move, the
    # segmentation (the costly part, asked for every name line) cannot move any.
    if not any(tokens[k][:1].isupper() and may_move(k) for k in range(lo, len(tokens))):
        return head, ""
    rtokens = re.findall(r"\||[^\s|]+", rest)
    window = [*tokens[lo:], "|", *rtokens] if rtokens else tokens[lo:]
    if not window:
        return head, ""
    labels = [0] * lo + segment_line(window, kinds, width=None, carry=carry)
    cut = next(k + 1 for k in range(len(tokens) - 1, -1, -1) if labels[k] == 0 or k < lo)
    cut = next((k for k in range(cut, len(tokens)) if tokens[k][:1].isupper()), len(tokens))
    if cut == len(tokens):
        return head, ""
    moved = tokens[cut:]
    kinds_moved = [kinds[label] if label != DROP else AGENCY for label in labels[cut : len(tokens)]]
    n_agency = next((k for k, kind in enumerate(kinds_moved) if kind != AGENCY), len(kinds_moved))
    if n_agency == 0 or any(kind not in (AGENCY, OUTPUT) for kind in kinds_moved[n_agency:]):
        return head, ""
    if n_agency < len(moved) and _agency_words_only(moved[n_agency:]):
        return head, ""
    if not _agency_words_only(moved[:n_agency]) or not may_move(cut):
        return head, ""
    return " ".join(head.split()[:cut]), " ".join(moved)


def give_digit_so_to_rest(head: str, rest: str) -> tuple[str, str]:
    """Move a name part's last token that is "Sở" read as digits to the rest it opens.

    "... giáo dục nghề nghệ 56" | "Giáo dục và": the agency's head word OCR read as "56" stays
    on the name's side of the cut while its other words went to the other columns; it goes
    back, read as "Sở", when "Sở" and the rest's first words spell a directory name's start.
    """
    from theodoi.ingest.normalise.agencies import complete_agency, known_agency

    tokens = head.split()
    words = rest.split()
    if len(tokens) < 2 or not words or not is_so_lookalike(tokens[-1]) or not words[0][:1].isupper():
        return head, rest
    for k in range(min(4, len(words)), 0, -1):
        opening = "Sở " + " ".join(words[:k])
        if known_agency(opening) or complete_agency(opening):
            return " ".join(tokens[:-1]), f"Sở {rest}"
    return head, rest


def give_conjunction_to_rest(head: str, rest: str, carries_on: Callable[[str], bool]) -> tuple[str, str]:
    """Move a name part's last "và" to the rest when with it the rest carries an agency on.

    "Sở Khoa học và Công nghệ" wraps in its narrow column as "Sở Khoa học" / "và Công" /
    "nghệ"; without a gap mark the cut falls before "Công" (a capitalised agency word), and
    the "và" stays at the name's end ("... xã hội số và"). It goes to the rest when "và"
    and the rest's first words carry on a cell of another column begun above.
    """
    tokens = head.split()
    words = rest.split()
    if len(tokens) < 2 or fold(tokens[-1]) != "va" or not words or not words[0][:1].isupper():
        return head, rest
    if not carries_on(" ".join([tokens[-1], *words[:2]])):
        return head, rest
    return " ".join(tokens[:-1]), f"{tokens[-1]} {rest}"


# Words a class letter follows in a name ("dự án nhóm A", "loại B"): the letter is the name's.
_CLASS_WORDS = ("nhom", "loai", "hang", "muc", "cap")


def drop_trailing_letters(head: str) -> str:
    """Drop lone capital letters ending a name line's part: a table rule or accent OCR read.

    Where the name column ends, OCR reads the cell's border or a floating accent as a lone
    letter ("... phát triển khoa học, công A", "... chính sách đặc thù A"); no name line
    ends so but for a roman numeral ("giai đoạn I") or a class letter ("dự án nhóm A").
    """
    tokens = head.split()
    while (
        len(tokens) > 2
        and len(tokens[-1]) == 1
        and tokens[-1].isupper()
        and tokens[-1] not in "IVX"
        and fold(tokens[-2]) not in _CLASS_WORDS
    ):
        tokens.pop()
    return " ".join(tokens)


# How many words of a directory name's inside a name line's end must spell to leave it.
_DIRECTORY_TAIL_WORDS = 3


def split_directory_tail(head: str) -> tuple[str, str]:
    """Take off a name line's end that is the inside of a directory name, as printed.

    A wrapped agency cell's middle line ("Thể thao và Du" of "Sở Văn hóa, / Thể thao và Du
    / lịch", "internet, công nghệ thông tin" of "Các doanh nghiệp viễn thông, / internet,
    công nghệ thông tin") lands after the name's words when OCR leaves no gap. The line's
    last words (``_DIRECTORY_TAIL_WORDS`` or more, the name keeping three) leave the name
    when they are consecutive words of one directory name, not its first, and printed as
    the name prints them: a word capitalised in the name ("Thể", "Du") or a comma where the
    name has one ("internet,"). Lower-case prose that happens to spell a name's inside
    ("... về khoa học và công nghệ") stays.
    """
    tokens = head.split()
    for k in range(3, len(tokens) - _DIRECTORY_TAIL_WORDS + 1):
        run = tokens[k:]
        words = [fold(t).strip(".,;:") for t in run]
        if not all(w.isalpha() for w in words) or not run[0][:1].isalpha():
            continue
        kept = fold(" ".join(tokens[:k]))
        if _ENDS_OPEN.search(kept) or _GOVERNS.search(kept) or _TAKES_OBJECT.search(kept):
            continue  # the name's own object: "... từ các sở, ngành, địa phương"
        for entry, plain in _directory_tokens():
            if words[0] not in plain:
                continue  # (the run's first word is none of the name's: the common case)
            for at in range(1, len(plain) - len(words) + 1):
                if plain[at : at + len(words)] != words:
                    continue
                if not (run[0][:1].isupper() or entry[at - 1].endswith(",")):
                    continue  # the run opens no item of the name: "(các cơ) quan, đơn vị"
                printed = entry[at : at + len(words)]
                capital = any(r[:1].isupper() and p[:1].isupper() for r, p in zip(run, printed, strict=True))
                comma = any(r.endswith(",") and p.endswith(",") for r, p in zip(run, printed, strict=True))
                if capital or comma:
                    return " ".join(tokens[:k]), " ".join(run)
    return head, ""


@lru_cache(maxsize=1)
def _directory_tokens() -> tuple[tuple[tuple[str, ...], list[str]], ...]:
    """Each directory name's words as printed, with their folded forms (edge marks off)."""
    from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY

    entries = [tuple(name.split()) for name in AGENCY_DIRECTORY]
    return tuple((entry, [fold(t).strip(".,;:") for t in entry]) for entry in entries)
