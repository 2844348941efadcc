"""The deadline column's words on a row's lines: a trailing deadline, a deadline carried on.

The deadline column is the last one, so its fragments end the lines; its cells wrap over the
row's line ends ("Năm 2025 và" / "những năm" / "tiếp theo", "Sau khi Bộ" / "ban hành"), and a
"Tháng" may end the line above its "12/2025". OCR garbles years ("Năm 2~O25") and glues a month
to its year; those are read back here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from theodoi.ingest.layout.interleaved.event_openings import EVENT_PHRASES, repair_event_opening
from theodoi.ingest.layout.interleaved.words import _DEADLINE_WORDS, fold
from theodoi.ingest.layout.segment import _agency_pairs

_DEADLINE_TAIL = re.compile(
    r"(?:(?:thang|quy\s+\w+|nam)\s*)?\d{1,2}\s*/\s*20\d\d(?:\s*va\s+thuong\s+xuyen)?\s*$"
    r"|(?:nam\s+)?20\d\d(?:\s*-\s*20\d\d)?(?:\s*va\s+thuong\s+xuyen)?\s*$"
    r"|(?:nhiem vu\s+)?thuong\s+xuyen\s*$|hang\s+(?:nam|thang|quy)\s*$"
)


# A deadline fragment at the end of a line (the deadline column is the last one); cells
# wrap, so "Thường" may end one line and "xuyên" the next.
_DEADLINE_END = re.compile(
    r"(?<![\w/])(?:"
    r"(?:nhiem vu\s+)?thuong?(?:\s+xuye?ng?)?"  # OCR drops or adds a final g: "Thuon", "Xuyéng"
    r"|xuye?ng?"
    r"|(?<=\|\s)nhiem vu"  # "| Nhiệm vụ" / "thường" / "xuyên": the cell opens after a gap mark
    r"|quy\s+(?:iv|i{1,3}|[1-4])\s+hang(?:\s+nam)?"  # "Quý I hằng" / "năm" wrapped below
    r"|hang\s+(?:nam|thang|quy|tuan)|hang"
    r"|h[aeiou]n[ge]?\s+nam"  # "Hằng năm" OCR'd "Hine năm", "Hing năm": capitalised only (below)
    r"|(?:thang\s+|quy\s+[ivx1-4]+\s*/\s*|nam\s+)?\d{1,2}\s*/\s*20\d\d(?:\s+va\s+thuong(?:\s+xuyen)?)?"
    r"|quy\s+[ivx1-4]+\s*/\s*20\d\d"
    r"|(?:nam\s+)?20\d\d(?:\s*-\s*20\d\d)?(?:\s+va\s+thuong(?:\s+xuyen)?)?"
    r"|20\d\s+va(?:\s+thuong(?:\s+xuyen)?)?"  # a year its decade digit lost: "205 và" (repair_past_years)
    r"|(?:0[1-9]|1[0-2])20\d\d"  # month and year with the slash lost: "122025"
    r"|[2-9]120\d\d(?:\s+val?)?"  # a one-digit month, its slash read as a 1: "212025" (2/2025)
    r"|20\d\d20\d\d"  # a period with its dash lost: "20252026"
    r"|thang\s+(?:0?[1-9]|1[0-2])/"  # a month its year unread, "Tháng" joined on (yearless_months)
    r"|quy"
    r")(?:\s+va)?\s*[.;,]?$"
)
# An event deadline's capitalised opening at a line's end ("... Kế hoạch Theo kế" / "hoạch
# của"): the deadline column is narrow, so the cell's first words end the line and the rest
# wrap below (``split_event_continuation``); a name's "theo kế hoạch" is lower-case.
_EVENT_TAIL = re.compile(
    r"(?<![\w/])(?:sau khi|ngay (?:sau )?khi|theo (?:ke|chi)(?: (?:hoach|dao))?(?: cua)?)(?: [^\W\d_]+)?\s*$"
)
_GLUED_MONTH = re.compile(r"^(0[1-9]|1[0-2])(20\d\d)\b")
_GLUED_PERIOD = re.compile(r"^(20\d\d)(20\d\d)\b")
# A one-digit month whose slash OCR read as a "1" ("212025"), then maybe "và" read "val".
_SLASH_AS_ONE = re.compile(r"^([2-9])1(20\d\d)(?: val?)?(?=\s*$)")
_GARBLED_HANG = re.compile(r"h(?!ang\b)[aeiou]n[ge]?\s+nam\b")
_NOT_DEADLINE_BEFORE = re.compile(r"(?:cong|so cong|bo cong)\s*$")


def split_deadline_tail(text: str, above: str = "") -> tuple[str, str]:
    """Split a trailing deadline fragment off a line: (rest, deadline fragment).

    A month and year OCR read without their slash ("122025") come back as "12/2025", a
    period without its dash ("20252026") as "2025-2026". A lone "Thương" (no "xuyên")
    ending a line whose line ``above`` ends with "Công" is "Sở Công" / "Thương" wrapped, an
    agency's name, not a deadline's "Thường" (as after "Công" on its own line).
    """
    text = repair_event_opening(_repair_garbled_period(_repair_garbled_year(text)))
    key = fold(text)
    if len(key) != len(text):
        return text, ""
    m = _DEADLINE_END.search(key)
    if not m:
        m = _EVENT_TAIL.search(key)
        if m is None or not text[m.start()].isupper():
            return text, ""
        return text[: m.start()].rstrip(" |"), text[m.start() :].strip()
    if key[m.start() :].rstrip(" .;,") == "quy" and not text[m.start()].isupper():
        return text, ""  # "... số hóa quy" / "trình": a name's "quy trình", not a cell's "Quý"
    if key[m.start() :].startswith("thuong") and (
        _NOT_DEADLINE_BEFORE.search(key[: m.start()])
        or (_NOT_DEADLINE_BEFORE.search(fold(above)) and key[m.start() :].rstrip(" .;,") == "thuong")
    ):
        return text, ""
    if _GARBLED_HANG.match(key[m.start() :]) and not text[m.start()].isupper():
        return text, ""  # "... hơn năm" in a name's text, not a deadline cell's opening
    due = _GLUED_PERIOD.sub(r"\1-\2", _GLUED_MONTH.sub(r"\1/\2", text[m.start() :].strip()))
    if slash := _SLASH_AS_ONE.match(fold(due)):
        due = f"{slash[1]}/{slash[2]}" + (" và" if " va" in slash[0] else "")
    return text[: m.start()].rstrip(" |"), due


# "Năm" then a year OCR read with a mark or a letter among its digits ("Năm 2~O25").
_GARBLED_YEAR = re.compile(r"(?<=\b[Nn]ăm )(2[\W_]?[0Oo][\W_]?[12lI][\W_]?\d)$")


def _repair_garbled_year(text: str) -> str:
    """ "Năm 2~O25" -> "Năm 2025": a line's last token after "năm" read as a year.

    A deadline cell "Năm 2025" ends the row's line; OCR may read a mark between the year's
    digits and a letter O for its 0 (l or I for a 1). Only such a token, after "năm", at
    the line's end, is read back, so a number in a name's text stays as it is.
    """
    m = _GARBLED_YEAR.search(text)
    if not m:
        return text
    year = re.sub(r"[\W_]", "", m.group(1)).translate(str.maketrans("OolI", "0011"))
    return text[: m.start()] + year


# A period ending a line, one year's decade digit OCR read as a mark ("20%5_2027"), its dash
# maybe read as "_" or "~"; the other year is whole.
_GARBLED_PERIOD = re.compile(r"(?<!\S)(20[^\w\s]\d|20\d\d)\s*[-_~–]\s*(20[^\w\s]\d|20\d\d)$")


def _repair_garbled_period(text: str) -> str:
    """ "20%5_2027" -> "2025-2027": a line's last token read as a period, one decade digit lost.

    A period's two years share their decade in the plans' tables ("2025-2027"); OCR may read
    one year's third digit as a mark. Only one garbled year is read back, with the other's
    decade digit, so two garbled years or a number in a name's text stay as they are.
    """
    m = _GARBLED_PERIOD.search(text)
    if not m:
        return text
    first, last = m.group(1), m.group(2)
    if first.isdigit() == last.isdigit():
        return text
    first = first if first.isdigit() else first[:2] + last[2] + first[3]
    last = last if last.isdigit() else last[:2] + first[2] + last[3]
    return f"{text[: m.start()]}{first}-{last}"


_DEADLINE_OPEN = re.compile(r"(?:\bva|\bnhung(?:\s+nam)?|\bnam\s+tiep|\btiep|\bthuong|\bhang)\s*$")


def _deadline_word(token: str) -> str:
    """The folded word, its vowel OCR doubled read once ("xuyeén" -> "xuyen")."""
    return re.sub(r"([aeiou])\1", r"\1", fold(token).strip(".,;"))


def split_deadline_continuation(text: str, deadline: str) -> tuple[str, str]:
    """Split off a line's last words when they carry on a deadline cell begun above.

    The deadline column is the last one, so its wrapped lines end the row's lines: "Năm 2025
    và" is carried on by "những năm", then "tiếp theo". Up to three words of the deadline
    phrases' vocabulary are taken, when the deadline so far is unfinished or the words open
    with "và" (a second period joined on).
    """
    tokens = text.split()
    k = len(tokens)
    while k > 0 and len(tokens) - k < 3 and _deadline_word(tokens[k - 1]) in _DEADLINE_WORDS:
        k -= 1
    if k == len(tokens):
        k = _joined_phrase_start(tokens, deadline)
        return (" ".join(tokens[:k]), " ".join(tokens[k:])) if k < len(tokens) else (text, "")
    tail = " ".join(tokens[k:])
    if not (_DEADLINE_OPEN.search(fold(deadline)) or fold(tail).startswith("va ")):
        return text, ""
    return " ".join(tokens[:k]), tail


_NAMES_YEAR = re.compile(r"(?:^|\s)den$")  # "tầm nhìn đến" / "2050": the name's year, not a deadline


def second_deadline_tail(text: str, due: str, deadline: str) -> tuple[str, str]:
    """(text, deadline piece) for a line whose end ``due`` was split off after the row's deadline was read.

    The line's end may carry the deadline on ("Năm 2025 và" / "những năm"): the carried words
    are taken by ``split_deadline_continuation``. Otherwise the piece stays the deadline's,
    out of the line's text (a wrapped "Thường" / "xuyên" read again into an output is debris),
    except a bare year after "đến" ("tầm nhìn đến 2050"), which is the name's.
    """
    if due and re.fullmatch(r"20\d\d", due) and _NAMES_YEAR.search(fold(text)):
        return f"{text} {due}", ""
    joined, more = split_deadline_continuation(f"{text} {due}".strip(), deadline)
    return (joined, more) if more else (text, due)


# Longer phrases a dated deadline goes on with after "và", wrapped word by word like the rest.
_JOINED_PHRASES = (("va", "nang", "cap", "mo", "rong", "thuong", "xuyen"),)


def _opens_phrase(said: Sequence[str], phrase: Sequence[str]) -> bool:
    """Whether ``said`` opens ``phrase``, a word OCR cut short allowed ("nan" for "nâng")."""
    return len(said) <= len(phrase) and all(
        w == p or (len(w) >= 3 and p.startswith(w)) for w, p in zip(said, phrase, strict=False)
    )


def _joined_phrase_start(tokens: Sequence[str], deadline: str) -> int:
    """Where a line's end carries on a dated deadline's longer joined phrase, len(tokens) if not.

    "2025-2026" / "và nâng" / "cấp, mở" / "rộng" / "thường" / "xuyên": the words are taken
    only while the deadline's part from its "và" and the line's last words (up to three) are
    the phrase's opening words, so an output's own "nâng cấp, mở rộng" stays where it is.
    """
    if not re.search(r"20\d\d", deadline):
        return len(tokens)
    words = re.findall(r"\w+", fold(deadline))
    opened = words[len(words) - 1 - words[::-1].index("va") :] if "va" in words else []
    for k in range(max(0, len(tokens) - 3), len(tokens)):
        taken = [re.findall(r"\w+", fold(t)) for t in tokens[k:]]
        said = (*opened, *(w for words in taken for w in words))
        if all(taken) and said[0] == "va" and any(_opens_phrase(said, p) for p in _JOINED_PHRASES):
            return k
    return len(tokens)


# An event deadline begun ("Sau khi Bộ", "Ngay khi Bộ Công an ban") and not yet finished.
_EVENT_OPEN = re.compile(r"^(?:sau khi|ngay khi|ngay sau khi|khi|theo ke|theo chi)\b")
_EVENT_DONE = re.compile(r"(?:ban hanh|phe duyet|thong qua|co hieu luc|[.;])\s*$")
# The event's last word, after which an agency's name (or "hành" of "ban hành") follows.
_EVENT_WANTS_NAME = re.compile(r"\b(?:bo|cua|khi|cap|so|duoc|chinh phu|trung uong)\s*$")


def opens_next_event(piece: str, deadline: str) -> bool:
    """Whether an event deadline's opening read on a row's line belongs to the next row.

    A row holds one deadline: an event's first words ("Theo kế", "Sau khi") after the row's
    cell is read already, and is no event begun ("Thường xuyên", "12/2025"), open the next
    row's cell, which is centred on that row's lines and so may begin a line above its name.
    """
    return bool(_EVENT_TAIL.fullmatch(fold(piece))) and not _EVENT_OPEN.match(fold(deadline))


def opens_unfinished_event(piece: str) -> bool:
    """Whether an event deadline's opening ("Sau khi có") on a row's last line is the next row's.

    The cell is unfinished, so it wraps on below that line, onto the next row's lines: it is
    that row's cell, centred on its lines, begun a line above its name. Read as the next row's
    from the start, its wrapped words are read on there (``split_event_continuation``).
    """
    return bool(_EVENT_TAIL.fullmatch(fold(piece))) and not _EVENT_DONE.search(fold(piece))


def split_event_continuation(text: str, deadline: str) -> tuple[str, str]:
    """Split off a line's end that carries on an unfinished event deadline cell.

    An event deadline ("Ngay khi Bộ Công an ban hành") wraps over the row's lines like any
    cell of the last column, so its pieces end the lines below its first: the words after
    the line's last gap mark (up to four), or the lone "hành" finishing "ban hành". A piece
    that opens with an agency's name is taken only where the deadline waits for one ("... Bộ"),
    and a piece's first word that does not carry the event on, where the next word does, stays.
    """
    key = fold(deadline)
    tokens = text.split()
    if key.strip(" .,;") == "dinh ky":
        return _split_cadence_basis(tokens)
    if not _EVENT_OPEN.match(key) or _EVENT_DONE.search(key) or len(key.split()) > 12:
        return text, ""
    if key.endswith(" ban") and tokens and fold(tokens[-1]).strip(".,;") == "hanh":
        return " ".join(tokens[:-1]), tokens[-1]
    if "|" not in text:
        return _split_event_words(tokens, key)
    head, _bar, piece = text.rpartition("|")
    words = piece.split()
    if not words or len(words) > 4 or not all(re.fullmatch(r"[^\W\d_]+[.,]?", w) for w in words):
        return text, ""
    if words[0][:1].isupper() and not _EVENT_WANTS_NAME.search(key):
        return text, ""
    last = key.split()[-1].strip(".,;:")
    pairs = _event_pairs()
    if len(words) > 1 and (last, fold(words[0])) not in pairs and (last, fold(words[1])) in pairs:
        # the piece's first word ends another column's cell wrapped to the gap ("thẩm" /
        # "quyền"); the event goes on with the word after it ("chính sách" | "được ban")
        return f"{head.rstrip(' |')} {words[0]}", " ".join(words[1:])
    return head.rstrip(" |"), " ".join(words)


# Event deadlines as plans word them: the word pairs an event cell carries on with.
_EVENT_PHRASES = (
    *(fold(phrase) for phrase in EVENT_PHRASES),
    # the central bodies an event waits for (the directory holds the province's agencies)
    "bo quoc phong",
    "bo cong an",
    "bo noi vu",
    "bo tai chinh",
    "bo tu phap",
    "bo khoa hoc va cong nghe",
    "bo giao duc va dao tao",
    "bo y te",
)
# A piece of an event cell wrapped at a line's end: a few short words (the column is narrow).
_EVENT_PIECE_WORDS = 3
_EVENT_PIECE_CHARS = 16


@lru_cache(maxsize=1)
def _event_pairs() -> frozenset[tuple[str, str]]:
    pairs = {pair for phrase in _EVENT_PHRASES for pair in pairwise(phrase.split())}
    return frozenset(pairs | _agency_pairs())


def _split_event_words(tokens: Sequence[str], key: str) -> tuple[str, str]:
    """Split off a line's last words that carry an unfinished event cell on without a gap mark.

    Without a bar between the columns, the piece is told by its words: the longest run of
    the line's last words (``_EVENT_PIECE_WORDS``, ``_EVENT_PIECE_CHARS`` at most) whose
    first word follows the cell's last word in an event phrase or an agency's name ("Theo kế"
    / "hoạch của" / "Bộ Quốc" / "phòng"), or opens a name where the cell waits for one.
    """
    last = key.split()[-1].strip(".,;:") if key.split() else ""
    wants_name = bool(_EVENT_WANTS_NAME.search(key))
    for k in range(max(0, len(tokens) - _EVENT_PIECE_WORDS), len(tokens)):
        words = tokens[k:]
        if len(" ".join(words)) > _EVENT_PIECE_CHARS:
            continue
        if not all(re.fullmatch(r"[^\W\d_]+[.,]?", w) for w in words):
            continue
        first = fold(words[0]).strip(".,")
        if (words[0][:1].isupper() and wants_name) or (last, first) in _event_pairs():
            return " ".join(tokens[:k]), " ".join(words)
        if _carries_event_alone(last, [fold(w).strip(".,") for w in words]):
            return " ".join(tokens[:k]), " ".join(words)
    return " ".join(tokens), ""


# The verbs an event cell ends with, after the body it waits for ("... Chính phủ" / "ban hành").
_EVENT_VERBS = frozenset({("ban", "hanh"), ("phe", "duyet"), ("thong", "qua")})


def _carries_event_alone(last: str, words: Sequence[str]) -> bool:
    """Whether a line's last words carry an open event cell on by themselves, not by its last word.

    The piece is the event's closing verb ("ban hành" after "... Chính phủ"), or, where the
    cell's last word is none of the event phrases' words (OCR garbled it: "Sau khi DS" for
    "Sau khi Đề án"), two words in a row of an event phrase ("án được").
    """
    pairs = {pair for phrase in _EVENT_PHRASES for pair in pairwise(phrase.split())}
    if tuple(words) in _EVENT_VERBS:  # not after a phrase's first word ("Trung" / "ương")
        return last not in {"ban", "da", "duoc"} and all(a != last for a, _b in pairs)
    known = {word for phrase in _EVENT_PHRASES for word in phrase.split()}
    return len(words) == 2 and last not in known and tuple(words) in pairs


def _split_cadence_basis(tokens: Sequence[str]) -> tuple[str, str]:
    """Split off a line's last words "theo ..." (two to four words) that a bare "Định kỳ" waits for.

    "Định kỳ" (periodically) is printed with what sets the period: "Định kỳ" / "theo Đề án".
    The deadline is the last column, so "theo Đề án" ends a line below its first word's.
    """
    for k in range(max(0, len(tokens) - 4), len(tokens) - 1):
        if fold(tokens[k]) == "theo" and all(re.search(r"\w", t) for t in tokens[k + 1 :]):
            return " ".join(tokens[:k]), " ".join(tokens[k:])
    return " ".join(tokens), ""


_BARE_MONTH = re.compile(r"(?<![\w/])\d{1,2}\s*/\s*20\d\d\s*[.;,]?$")
_MONTH_WORD = re.compile(r"^th[a-z]{1,2}ng[.,]?$")  # "Tháng" as OCR reads it: "Théang", "Thông"


def _join_wrapped_month(texts: dict[int, str]) -> dict[int, str]:
    """Carry a deadline's "Tháng" that ended the line above down onto its "12/2025".

    The deadline column is narrow: "Tháng 12/2025" often wraps, so "Tháng" ends one line of
    the row and the month ends the next. A capitalised month word (OCR slips allowed) ending
    the line right above a line that ends with a bare month/year is moved down to it.
    """
    keys = sorted(texts)
    out = dict(texts)
    for above, below in pairwise(keys):
        tokens = out[above].split()
        if len(tokens) < 2 or not tokens[-1][:1].isupper() or not _MONTH_WORD.match(fold(tokens[-1])):
            continue
        m = _BARE_MONTH.search(fold(out[below]))
        if m is None or len(fold(out[below])) != len(out[below]):
            continue
        out[above] = " ".join(tokens[:-1])
        out[below] = f"{out[below][: m.start()]}Tháng {out[below][m.start() :]}"
    return out
