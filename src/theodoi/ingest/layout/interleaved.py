"""Rows of an OCR'd table: cells in blank-separated blocks, or columns interleaved per line.

OCR of a table page gives one of two shapes, often both in one document (page by page):

- blocks: the row number alone on a line, then each cell as a block of lines separated by
  blank lines (name, lead, partners, output, deadline). Blocks are aligned to columns like
  the one-cell-per-line layout.
- interleaved: each physical line holds the first column's text followed by fragments of the
  other columns ("... trong toàn xã hội về | Sở Khoa học | Các sở, ngành, | Kế hoạch 9/2025"),
  and the row number sits on a middle line of the row. The rows are cut between consecutive
  row numbers where a new first-column text starts (a capitalised line after a finished one,
  balanced around the numbers); each line is cut into the first column's part and the rest
  at gap marks OCR leaves between columns ("|", runs of stray marks) or, failing those, near
  the first column's usual width; the rest is cut into fragments at agency, output and
  deadline words and aligned to the remaining columns.

Before that, runs of stray OCR tokens (floating accents, table rules read as lone letters)
are found on the raw line and replaced by one gap mark in the restored line (the restorer
turns lone letters into words, so the raw line is where they show; its tokens match the
restored ones one to one). A name line's end that is a short agency name (or a directory
name OCR glued together) goes to the other columns, and a deadline cell wrapped over the
row's line ends is carried on ("Năm 2025 và" / "những năm" / "tiếp theo").

The raw OCR lines keep no runs of spaces between columns (checked on the samples), so the
column cuts rest on gap marks, vocabularies and the first column's usual width.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise

from theodoi.ingest.layout.debris import debris_mask
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.layout.segment import (
    AGENCY,
    DEADLINE,
    DROP,
    OUTPUT,
    PROSE,
    Carry,
    column_kind,
    opener,
    segment_line,
)
from theodoi.ingest.layout.table import Cell, ColumnSpec, Row, RowStart, align, next_codes
from theodoi.ingest.text import fold as _plain_fold
from theodoi.ingest.text import is_so_lookalike

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
    r"|(?:0[1-9]|1[0-2])20\d\d"  # month and year with the slash lost: "122025"
    r"|20\d\d20\d\d"  # a period with its dash lost: "20252026"
    r"|quy"
    r")(?:\s+va)?\s*[.;,]?$"
)
_GLUED_MONTH = re.compile(r"^(0[1-9]|1[0-2])(20\d\d)\b")
_GLUED_PERIOD = re.compile(r"^(20\d\d)(20\d\d)\b")
_GARBLED_HANG = re.compile(r"h(?!ang\b)[aeiou]n[ge]?\s+nam\b")
_NOT_DEADLINE_BEFORE = re.compile(r"(?:cong|so cong|bo cong)\s*$")


def split_deadline_tail(text: str) -> tuple[str, str]:
    """Split a trailing deadline fragment off a line: (rest, deadline fragment).

    A month and year OCR read without their slash ("122025") come back as "12/2025", a
    period without its dash ("20252026") as "2025-2026".
    """
    text = _repair_garbled_year(text)
    key = fold(text)
    if len(key) != len(text):
        return text, ""
    m = _DEADLINE_END.search(key)
    if not m:
        return text, ""
    if key[m.start() :].rstrip(" .;,") == "quy" and not text[m.start()].isupper():
        return text, ""  # "... số hóa quy" / "trình": a name's "quy trình", not a cell's "Quý"
    if _NOT_DEADLINE_BEFORE.search(key[: m.start()]) and key[m.start() :].startswith("thuong"):
        return text, ""
    if _GARBLED_HANG.match(key[m.start() :]) and not text[m.start()].isupper():
        return text, ""  # "... hơn năm" in a name's text, not a deadline cell's opening
    due = _GLUED_PERIOD.sub(r"\1-\2", _GLUED_MONTH.sub(r"\1/\2", text[m.start() :].strip()))
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


def _is_stray(token: str) -> bool:
    """A raw OCR token made of a table rule or a lone accent: one letter or digit, or marks."""
    core = re.sub(r"[\W_]", "", token)
    if not core:
        return True
    if len(core) == 1:
        return True
    if len(core) != 2:
        return False
    # two letters: marks glued to them, mixed case ("oA") or no vowel ("kh") is no syllable
    return bool(
        re.search(r"[^\w.,;:]", token)
        or (core[0].islower() and core[1].isupper())
        or not re.search(r"[aeiouy\d]", fold(core))
    )


def drop_debris_runs(line: Line, *, run: int = 3) -> Line:
    """Replace runs of stray tokens by a column gap mark "|".

    OCR reads the accents floating over a table line, and the rules between columns, as lone
    letters and marks ("h‘ h h-,\\ h A R A 5"). The restorer, which works line by line
    before the layout step, turns such letters into words ("hô", "hố"), so the runs are
    found on the raw line, whose tokens match the restored line's one to one, and the
    restored tokens at those places are replaced by one bar: the text loses the debris and
    the layout keeps the gap it marks. The row number opening a line is kept, and so is a
    lone capital opening a capitalised word ("S Nông nghiệp": a head letter cut off), or
    "Sở" read with a mark for its vowel ("S& Giáo dục", restored "Sở": an agency's head).
    """
    raw, text = line.raw.split(), line.text.split()
    if len(raw) != len(text) or len(raw) < run:
        return line
    stray = [_is_stray(t) for t in raw]
    if row_code_like(raw[0]):
        stray[0] = False
    for i in range(len(raw) - 1):
        opens_word = raw[i + 1][:1].isupper() and len(re.sub(r"\W", "", raw[i + 1])) >= 3
        head = (raw[i].isalpha() and raw[i].isupper()) or is_so_lookalike(text[i])
        if stray[i] and head and opens_word:
            stray[i] = False
    out: list[str] = []
    i = 0
    changed = False
    while i < len(raw):
        j = i
        while j < len(raw) and stray[j]:
            j += 1
        if j - i >= run:
            out.append("|")
            changed = True
            i = j
            continue
        out.extend(text[i : max(j, i + 1)])
        i = max(j, i + 1)
    if not changed:
        return line
    new = " ".join(out)
    return replace(line, text=new, key=fold(new))


# How many stray tokens right after a row number leave the name column blank on its line.
_BLANK_NAME_RUN = 3


def blank_name_after_code(line: Line) -> bool:
    """Whether a row's number line holds no name text: a debris run follows the number.

    A row's number sits on a middle line of its row; where the name's paragraph has a short
    line or none at that height, OCR reads the floating accents and the table's rules there
    as a run of stray tokens ("30 . Y R £ PRI ngành, địa A A triển khai"), and the words
    after them are the other columns' ("ngành, địa" of a partner, "triển khai" of an
    output). A name's own text opens right after the number or after one bar ("4 | công
    nghệ, đổi mới").
    """
    raw = line.raw.split()
    if not raw or not row_code_like(raw[0]):
        return False
    run = 0
    for token in raw[1:]:
        if not _is_stray(token):
            break
        run += 1
    return run >= _BLANK_NAME_RUN and run < len(raw) - 1


def row_code_like(token: str) -> bool:
    return bool(re.fullmatch(r"\d{1,4}(?:[.,]\d{1,2}){0,2}[.)|]?", token))


# Words a wrapped deadline cell carries on with ("Năm 2025 và" / "những năm" / "tiếp theo").
_DEADLINE_WORDS = frozenset({"va", "nhung", "nam", "tiep", "theo", "thuong", "xuyen", "hang", "thang"})
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


# Longer phrases a dated deadline goes on with after "và", wrapped word by word like the rest.
_JOINED_PHRASES = (("va", "nang", "cap", "mo", "rong", "thuong", "xuyen"),)


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
        if all(taken) and said[0] == "va" and any(p[: len(said)] == said for p in _JOINED_PHRASES):
            return k
    return len(tokens)


# An event deadline begun ("Sau khi Bộ", "Ngay khi Bộ Công an ban") and not yet finished.
_EVENT_OPEN = re.compile(r"^(?:sau khi|ngay khi|ngay sau khi|khi|theo ke hoach|theo chi dao)\b")
_EVENT_DONE = re.compile(r"(?:ban hanh|phe duyet|thong qua|co hieu luc|[.;])\s*$")
# The event's last word, after which an agency's name (or "hành" of "ban hành") follows.
_EVENT_WANTS_NAME = re.compile(r"\b(?:bo|cua|khi|cap|so|chinh phu|trung uong)\s*$")


def split_event_continuation(text: str, deadline: str) -> tuple[str, str]:
    """Split off a line's end that carries on an unfinished event deadline cell.

    An event deadline ("Ngay khi Bộ Công an ban hành") wraps over the row's lines like any
    cell of the last column, so its pieces end the lines below its first: the words after
    the line's last gap mark (up to four), or the lone "hành" finishing "ban hành". A piece
    that opens with an agency's name is taken only where the deadline waits for one ("... Bộ").
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
        return text, ""
    head, _bar, piece = text.rpartition("|")
    words = piece.split()
    if not words or len(words) > 4 or not all(re.fullmatch(r"[^\W\d_]+[.,]?", w) for w in words):
        return text, ""
    if words[0][:1].isupper() and not _EVENT_WANTS_NAME.search(key):
        return text, ""
    return head.rstrip(" |"), " ".join(words)


def _split_cadence_basis(tokens: Sequence[str]) -> tuple[str, str]:
    """Split off a line's last words "theo ..." (two to four words) that a bare "Định kỳ" waits for.

    "Định kỳ" (periodically) is printed with what sets the period: "Định kỳ" / "theo Đề án".
    The deadline is the last column, so "theo Đề án" ends a line below its first word's.
    """
    for k in range(max(0, len(tokens) - 4), len(tokens) - 1):
        if fold(tokens[k]) == "theo" and all(re.search(r"\w", t) for t in tokens[k + 1 :]):
            return " ".join(tokens[:k]), " ".join(tokens[k:])
    return " ".join(tokens), ""


def rows_interleaved(
    lines: Sequence[Line], starts: list[RowStart], columns: Sequence[ColumnSpec]
) -> list[Row]:
    """Rebuild rows from OCR'd table lines; ``starts`` are the accepted row numbers."""
    if not starts:
        return []
    debris = {line.number: debris_words(line) for line in lines}
    output_debris = {line.number: debris[line.number] | lone_letter_words(line) for line in lines}
    lines = [drop_debris_runs(line) for line in lines]
    first = next((c for c in columns if c.first), columns[0])
    others = [c for c in columns if c is not first]
    starts = with_unnumbered_block_rows(lines, starts)
    spilled: set[int] = set()
    spans = _row_spans(lines, starts, spilled)
    width = _first_column_width(lines, starts, spans)
    rows: list[Row] = []
    for start, (lo, hi) in zip(starts, spans, strict=True):
        if start.kind == "section":
            rows.append(_section(lines, start, lo, hi))
            continue
        conf = 0.6 if start.repaired else 0.85
        if _is_block_row(lines, start, hi):
            row = _block_row(lines, start, hi, first, others)
        else:
            rests: list[tuple[int, str]] = []
            opening: set[int] = set()
            row = _inline_row(lines, start, lo, hi, first, others, width, rests, debris, spilled, opening)
            if any(c.name in SEGMENTED_COLUMNS for c in others):
                segmented = segmented_rest(rests, others, output_debris, partner_lines=opening)
                _use_segmented_cells(row, segmented, SEGMENTED_COLUMNS)
        row.confidence = conf
        for cell in row.cells.values():
            cell.confidence = round(min(cell.confidence, conf), 3)
        rows.append(row)
    outputs = [c.name for c in others if column_kind(c.fits, first=False) == OUTPUT]
    _carry_output_heads(rows, outputs)
    _carry_output_openings(rows, outputs)
    numbered = frozenset(lines[start.index].number for start in starts)
    _carry_deadline_heads(
        rows, [c.name for c in others if column_kind(c.fits, first=False) == DEADLINE], numbered
    )
    return rows


# A dated term ending a deadline cell after a finished phrase: "thường xuyên 2025-2027".
_SECOND_DATED_TERM = re.compile(
    r"^(?P<done>.*\bxuyen)\W*(?P<term>(?:(?:thang|nam)\s+)?(?:\d{1,2}\s*/\s*)?20\d\d(?:\s*-\s*20\d\d)?)\W*$"
)


def _carry_deadline_heads(
    rows: list[Row], names: Sequence[str], numbered: frozenset[int] = frozenset()
) -> None:
    """Give a dated term ending a row's finished deadline cell to the next row, undated.

    The next row's deadline, centred on its short name, can open a line above that name, on a
    line the row cut gives to this row: this row's cell then reads "thường xuyên 2025-2027"
    and the next one only "thường xuyên". A row holds one deadline, so the dated term after a
    finished phrase moves on when the next row's cell names no year. A whole deadline cell
    read from the row's last line only, below its number's line (``numbered``: the lines
    row numbers stand on), is the next row's when that row has none (a group row heading
    its sub-rows prints no deadline of its own).
    """
    for a, b in pairwise(rows):
        if a.kind != "row" or b.kind != "row":
            continue
        for name in names:
            head, tail = a.cells.get(name), b.cells.get(name)
            if head is None or not head.text or (tail is not None and re.search(r"20\d\d", tail.text)):
                continue
            if (
                (tail is None or not tail.text)
                and len(a.lines) > 1
                and head.lines == a.lines[-1:]
                and head.lines[0] not in numbered
            ):
                b.cells[name] = Cell(head.text, head.lines, head.confidence)
                del a.cells[name]
                continue
            key = fold(head.text)
            m = _SECOND_DATED_TERM.match(key)
            if m is None or len(key) != len(head.text):
                continue
            term = head.text[m.start("term") : m.end("term")]
            head.text = head.text[: m.end("done")].rstrip(" |,;")
            if tail is None:
                b.cells[name] = Cell(term, [], head.confidence)
            else:
                tail.text = f"{term} {tail.text}".strip()


# Output kinds of two words (folded): their first word left alone at a row's end is the next
# row's output opening one line above that row's name.
_TWO_WORD_KINDS = frozenset(
    {
        "ke hoach",
        "van ban",
        "quyet dinh",
        "nghi quyet",
        "de an",
        "du an",
        "bao cao",
        "chuong trinh",
        "hoat dong",
    }
)
_EDGE_MARKS = ",;.:'’‘\""


def _carry_output_heads(rows: list[Row], names: Sequence[str]) -> None:
    """Give an output kind's first word ending a row's output cell to the next row.

    A row's cells are centred on its name, so the next row's output can open a line above the
    next name starts, on a line the row cut gives to this row: "... triển khai Chương" |
    "trình, kế hoạch ...". When this row's output ends with a capitalised word and the next
    row's opens with the lowercase word that makes an output kind with it, the word moves on.
    """
    for a, b in pairwise(rows):
        if a.kind != "row" or b.kind != "row":
            continue
        for name in names:
            head, tail = a.cells.get(name), b.cells.get(name)
            if head is None or tail is None or not head.text or not tail.text:
                continue
            *kept, last = head.text.split()
            opening = tail.text.split()
            if len(opening) > 1 and len(fold(opening[0]).strip(_EDGE_MARKS)) == 1:
                opening = opening[1:]  # a lone letter before it: debris ("Ở trình")
            first = opening[0]
            pair = f"{fold(last).strip(_EDGE_MARKS)} {fold(first).strip(_EDGE_MARKS)}"
            if kept and last[:1].isupper() and first[:1].islower() and pair in _TWO_WORD_KINDS:
                head.text = " ".join(kept)
                tail.text = " ".join([last, *opening])


# Words after which an output kind is the cell's own object, not the next row's opening
# ("triển khai Đề án", "tích hợp trong Kế hoạch", "Đưa Hệ thống", "của", "các").
_TAKES_KIND = frozenset(
    {
        "khai",
        "hien",
        "trong",
        "dua",
        "thanh",
        "duyet",
        "noi",
        "cac",
        "cua",
        "va",
        "voi",
        "cho",
        "theo",
        "ve",
        "tai",
    }
)


def _carry_output_openings(rows: list[Row], names: Sequence[str]) -> None:
    """Give the next row an output that opens inside this row's output cell.

    Like ``_carry_output_heads``, for a whole opening: the next row's output, centred on its
    name, starts on this row's last lines ("Văn bản ... hướng dẫn Quyết định, có thẩm" |
    "quyền về ..."). A capitalised output kind inside a cell that opened with its own kind
    starts the next row's cell unless a word before it takes it as an object ("triển khai
    Đề án", "trong Kế hoạch") or a list goes on ("Kế hoạch, Đề án"); it moves on only when
    the next row's output opens with no kind of its own.
    """
    for a, b in pairwise(rows):
        if a.kind != "row" or b.kind != "row":
            continue
        for name in names:
            head, tail = a.cells.get(name), b.cells.get(name)
            if head is None or not _opens_output(head.text.split(), 0):
                continue
            if tail is not None and _opens_output(tail.text.split(), 0):
                continue
            tokens = head.text.split()
            k = next((k for k in range(2, len(tokens)) if _next_opening(tokens, k)), None)
            if k is None:
                continue
            head.text = " ".join(tokens[:k])
            moved = " ".join(tokens[k:])
            if tail is None:
                b.cells[name] = Cell(moved, head.lines[-1:], head.confidence)
            else:
                tail.text = f"{moved} {tail.text}".strip()


def _opens_output(tokens: Sequence[str], k: int) -> bool:
    return k < len(tokens) and opener(tokens, k, OUTPUT) > 0


def _next_opening(tokens: Sequence[str], k: int) -> bool:
    """Whether tokens[k] opens another output kind than the cell's, not its object or list."""
    before = tokens[k - 1]
    return (
        _opens_output(tokens, k)
        and not before.endswith((",", ";"))
        and fold(before).strip(_EDGE_MARKS) not in _TAKES_KIND
    )


def debris_words(line: Line) -> frozenset[str]:
    """The restored words of ``line`` whose raw OCR tokens are debris (``debris.debris_mask``).

    They are dropped from the task name only, after the row is cut: the row and column cuts
    read the line as before (taking tokens out shifts the character positions they weigh), and
    the other cells keep them (an agency's garbled word still helps find its directory name).
    A row number opening the line is kept.
    """
    raw, text = line.raw.split(), line.text.split()
    if len(raw) != len(text) or not raw:
        return frozenset()
    mask = debris_mask(raw, text, keep_first=row_code_like(raw[0]))
    return frozenset(word for word, drop in zip(text, mask, strict=True) if drop)


def lone_letter_words(line: Line) -> frozenset[str]:
    """The restored words of ``line`` that OCR read as one letter ("X" restored "Xồ", "o" "ở").

    A lone letter in a table line is mostly a rule or an accent read as a letter; the
    restorer makes it a word. They are taken out of the output cell only (an output names a
    document, never a one-letter word), but "y" before "tế" (health) stays, and so does a
    word the line also prints from a longer token.
    """
    raw, text = line.raw.split(), line.text.split()
    if len(raw) != len(text):
        return frozenset()
    lone = {
        k
        for k, token in enumerate(raw)
        if len(token) == 1
        and token.isalpha()
        and not (k + 1 < len(raw) and fold(raw[k + 1]).startswith("te"))
    }
    # a word the line also prints whole ("số" of "s6 hóa" beside "s" read "số") stays
    printed = {word for k, word in enumerate(text) if k not in lone}
    return frozenset(text[k] for k in lone) - printed


# ---------------------------------------------------------------------------------------
# Row spans


def _row_spans(
    lines: Sequence[Line], starts: list[RowStart], spilled: set[int] | None = None
) -> list[tuple[int, int]]:
    """Return [lo, hi) line ranges per row start, cutting between consecutive numbers.

    A row's tall cell that opens above its name's first line (``_tall_cell_start``) takes
    its lines along; their indices are added to ``spilled``: they hold no name text.
    """
    n = len(starts)
    heading = header_lines(lines, 0, len(lines))  # a heading read again counts for no row
    cuts = [starts[0].index if _is_alone(starts[0]) else _head_start(lines, -1, starts[0].index)]
    if not _is_alone(starts[0]):
        name_start, cuts[0] = cuts[0], _tall_cell_start(lines, -1, cuts[0], heading)
        if spilled is not None:
            spilled.update(range(cuts[0], name_start))
    for k in range(1, n):
        prev, cur = starts[k - 1], starts[k]
        if _is_alone(cur) and cur.kind == "row":
            cuts.append(cur.index)
            continue
        if _is_alone(prev) and prev.kind == "row" and cur.kind == "section":
            # a row whose number stands alone has its cells below it: the group heading
            # after it begins no higher than its title's first line above the numeral
            cuts.append(_head_start(lines, prev.index, cur.index))
            continue
        if _is_block_row(lines, prev, cur.index):
            # a block row's cells hang below its number; the next row opens after them
            last_block = _last_block_end(lines, prev.index, cur.index)
            cuts.append(_split_between(lines, last_block, cur.index, 0, heading))
            continue
        before = _nonblank(lines, cuts[-1], prev.index, heading)
        name_start = _split_between(lines, prev.index, cur.index, before, heading)
        cuts.append(_tall_cell_start(lines, prev.index, name_start, heading))
        if spilled is not None:
            spilled.update(range(cuts[-1], name_start))
    spans = []
    for k in range(n):
        lo = cuts[k]
        hi = cuts[k + 1] if k + 1 < n else _tail_end(lines, starts[k].index, len(lines))
        spans.append((min(lo, starts[k].index), max(hi, starts[k].index + 1)))
    return spans


def with_unnumbered_block_rows(lines: Sequence[Line], starts: list[RowStart]) -> list[RowStart]:
    """Add a block row whose number OCR lost where the numbering skips exactly that row.

    On a page read as blocks (each cell a blank-separated block, the number alone above
    them), a row number printed faint or small is dropped, and the row's blocks fall into
    the row above or the heading below ("8", then a name block, agency, output and deadline
    blocks, then "II." and "10"). Between two accepted numbers that skip one (a group heading
    may stand between), a blank line followed by a capitalised line opening with a task verb
    and at least three more blocks before the next start is that row: it gets the missing
    number (marked repaired) on the blank line, so it is read as a block row.
    """
    out: list[RowStart] = []
    rows = [k for k, start in enumerate(starts) if start.kind == "row"]
    after: dict[int, RowStart] = {k: starts[j] for k, j in pairwise(rows)}
    for k, start in enumerate(starts):
        out.append(start)
        following = after.get(k)
        if following is None or k + 1 >= len(starts):
            continue
        missing = next_codes(start.code)[0]
        if following.code != next_codes(missing)[0]:
            continue
        found = _unnumbered_block_start(lines, start.index, starts[k + 1].index)
        if found is not None:
            out.append(RowStart(found, "row", missing, "", repaired=True))
    return out


def _unnumbered_block_start(lines: Sequence[Line], a: int, b: int) -> int | None:
    """The blank line above a task name block that opens three more blocks before ``b``."""
    for i in range(a + 2, b):
        if lines[i - 1].key or not lines[i].key:
            continue
        if not (_name_like_start(lines[i].text) and fold(lines[i].text).startswith(TASK_VERBS)):
            continue
        blocks = _blocks(lines, i, b)
        if len(blocks) >= 4 and not any(opens_page for _, opens_page in blocks[1:]):
            return i - 1
    return None


def _last_block_end(lines: Sequence[Line], a: int, b: int) -> int:
    """The last line of the blocks below a block row's number at ``a``, before the row at ``b``.

    A block row prints its number alone and each cell as a blank-separated block below it;
    the next row's own lines (an interleaved row's head above its number) come after the
    last blank line or page break. Lines past that break (a name's carry-on onto the next
    page: "quyết 57-NQ/TW") still go to the block row unless a name opens there.
    """
    end = a
    for k in range(a + 1, b):
        if not lines[k].key or lines[k].number - lines[k - 1].number >= 3:
            end = max(end, k - 1)
    return end


def _is_alone(start: RowStart) -> bool:
    return not start.rest.strip(" .|")


def _nonblank(lines: Sequence[Line], lo: int, hi: int, skip: set[int] | frozenset[int] = frozenset()) -> int:
    return sum(1 for i in range(lo, hi) if lines[i].key and i not in skip)


def _head_start(lines: Sequence[Line], prev: int, code: int) -> int:
    """Where the first row begins: up to a few lines above its number."""
    lo = code
    taken = 0
    for i in range(code - 1, max(prev, code - 8), -1):
        if not lines[i].key:
            continue
        if _name_like_start(lines[i].text):
            lo = i
            break
        taken += 1
        if taken > 4:
            break
    return lo


def _tail_end(lines: Sequence[Line], code: int, end: int) -> int:
    """Where the last row ends: its number plus as many lines below as there are above, say."""
    return end


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
# A line ending mid-phrase (a preposition, a conjunction, a comma): the text carries on.
_ENDS_OPEN = re.compile(
    r"(?:\b(?:cua|va|cac|ve|cho|trong|voi|de|tu|theo|tren|nhung|so|tai|la|duoc|hoac)|,)\s*$"
)


def _split_between(
    lines: Sequence[Line],
    a: int,
    b: int,
    before_a: int,
    heading: set[int] | frozenset[int] = frozenset(),
) -> int:
    """Return the first line of the row numbered at ``b`` (lines a+1..b belong to a or b).

    Each capitalised line that can open a name is scored: the rows' lines balanced around
    the first number, a line above that finishes a sentence ('.'; less for ';', which also
    ends one item of a name that lists several: "... Tây Nguyên;" / "Xây dựng phòng thí
    nghiệm ..."), a task verb opening it. ``heading``: lines of a table heading read again,
    counted for neither row and never the line above.
    """
    candidates = [
        i
        for i in range(a + 1, b + 1)
        if lines[i].key and i not in heading and _name_like_start(_text_after_code(lines[i], i == b))
    ]
    gap = [i for i in range(a + 1, b) if lines[i].key and i not in heading]
    if candidates in ([], [b]) and gap and opens_agency_carried_on(lines[gap[-1]].text, lines[b].text):
        return gap[-1]
    if not candidates:
        return gap[len(gap) // 2] if len(gap) > 1 else b
    best, best_score = b, float("-inf")
    page = _page_break(lines, a, b)
    for i in candidates:
        # a row cut by a page break centres its number on the first page's part only
        after_a = _nonblank(lines, a + 1, page if page is not None and i >= page else i, heading)
        score = 1.0 - 0.25 * abs(after_a - before_a)
        # a page's first line has its line above on the page before: no phrase runs on across
        prev = _previous_nonblank(lines, a, i, heading) if i != page else None
        # a word's own full stop; a lone dot after a blank is a stray mark (". a nghệ . .")
        if prev is not None and re.search(r"(?<=[\w)])[.:)]\s*$", lines[prev].text):
            score += 0.6
        elif prev is not None and re.search(r";\s*$", lines[prev].text):
            score += 0.3  # a ';' also ends an item of a name that lists several
        if (
            prev is not None
            and _ENDS_OPEN.search(fold(lines[prev].text))
            and not _is_other_column(lines[prev].text)
        ):
            score -= 0.5  # the line before ends mid-phrase: the name carries on (not a list of agencies)
        if fold(_text_after_code(lines[i], i == b)).startswith(TASK_VERBS):
            score += 0.5
        if i == b:
            score -= 0.3
        if score > best_score:
            best, best_score = i, score
    prev = _previous_nonblank(lines, a, best, heading)
    if prev is not None and prev > a and agency_line_carried_on(lines[prev].text, lines[best].text):
        return prev  # the row's agency cell opens a line above its name
    return best


# A line holding a few words of other columns only: a narrow cell's line, no name text.
_FEW_WORDS = 6


def _tall_cell_start(
    lines: Sequence[Line], a: int, best: int, heading: set[int] | frozenset[int] = frozenset()
) -> int:
    """Move the cut between rows ``a`` and ``best`` up to where the lower row's tall cell opens.

    From the cut up, over the lines that hold a few other-column words only (no name text,
    not across a page break), the highest that opens an unfinished agency
    (opens_next_rows_cell) starts the lower row, unless the line above it ends its own
    agency list with "," or ";" (the row above's cell lists on).
    """
    cut = best
    for i in range(best - 1, a, -1):
        if i in heading or not lines[i].key:
            continue
        if lines[i + 1].number - lines[i].number >= 3:
            break
        text = lines[i].text
        if _name_like_start(text) or len(re.findall(r"\w{2,}", text)) > _FEW_WORDS:
            break
        if opens_next_rows_cell(text):
            above = _previous_nonblank(lines, max(a, 0), i, heading)
            if above is None or not re.search(r"[,;]\s*$", lines[above].text):
                cut = i
    return cut


def _page_break(lines: Sequence[Line], a: int, b: int) -> int | None:
    """The first line in lines[a+1..b] after a page's repeated heading, None if no page breaks.

    The table's lines come without the heading read again at each page's top (the table
    region lists it as header lines), so a page break shows as a jump of two source lines
    or more in the line numbers.
    """
    for k in range(a + 1, b + 1):
        if lines[k].number - lines[k - 1].number >= 3:
            return k
    return None


def agency_line_carried_on(line: str, below: str) -> bool:
    """Whether a line holding only an agency's start is carried on by the line below's.

    A row's lead or partner cell may open a line above the row's name ("Sở Khoa học" over
    "Triển khai thực hiện ... | và Công ..."): such a line, with nothing else than a few
    marks before the agency's unfinished name (two to four words), goes with the row below
    when the below line's first two words right of its gap mark carry the agency on to a
    directory name's start ("và Công").
    """
    from theodoi.ingest.normalise.agencies import agency_continuation, known_agency

    fragment = agency_line_fragment(line)
    if fragment is None or not 2 <= len(fragment.split()) <= 4:
        return False
    if known_agency(fragment) or "|" not in below:
        return False
    words = below.split("|", 1)[1].split()
    return (
        len(words) >= 2
        and words[0][:1].islower()
        and agency_continuation(fragment, " ".join(words[:2])) >= 0.95
    )


def agency_line_fragment(line: str) -> str | None:
    """The agency a line holds alone ("i Sở Khoa học và" -> "Sở Khoa học và"), else None.

    Only stray marks (tokens of two word characters at most: table rules, floating accents)
    may stand before the agency's capitalised head; the marks inside it are left out.
    """
    tokens = line.split()
    heads = [j for j, t in enumerate(tokens) if t[:1].isupper() and fold(t).strip(".,;:") in _HEAD_TOKENS]
    if not heads or any(len(re.sub(r"\W", "", t)) > 2 for t in tokens[: heads[0]]):
        return None
    fragment = " ".join(t for t in tokens[heads[0] :] if re.search(r"\w", t))
    return fragment if fold(fragment).startswith(_HEAD_PAIRS) else None


def opens_next_rows_cell(line: str) -> bool:
    """Whether a line holding only another column's words opens a cell left unfinished.

    "Sở Khoa học và", "Các sở, ban,": an agency's head with at most stray marks before it,
    its name cut at the line's end (not a whole directory name, or one ending in "," or ";"
    that lists more). Read below the row above's name, such a line is the first line of a
    cell taller than the row below's name: cells are centred vertically, so a tall cell
    opens lines above its row's first name line, while a cell of the row above that opened
    below that row's name would not be centred on it.
    """
    from theodoi.ingest.normalise.agencies import known_agency

    fragment = agency_line_fragment(line)
    if fragment is None or not 2 <= len(fragment.split()) <= 6:
        return False
    return not known_agency(fragment) or bool(re.search(r"[,;]$", fragment))


def splice_opened_agency(opened: str, rest: str) -> str | None:
    """Put an agency opened on the line above into ``rest`` before the words carrying it on.

    A tall cell opens above its row's name ("Sở Khoa học và" over "Tuyên truyền ... | Sở Văn
    hóa, Công nghệ; các Hoạt động"): read as a line of its own it would be taken for the
    first agency column, but the words that finish it stand where its column is on the line
    below, after the cells left of it. None when no words of ``rest`` carry it on.
    """
    from theodoi.ingest.normalise.agencies import carried_on_by

    fragment = agency_line_fragment(opened)
    if fragment is None:
        return None
    tokens = rest.split()
    for p, token in enumerate(tokens):
        if token == "|" or _opens_agency(tokens, p) or not _ends_a_cell_part(tokens[:p]):
            continue
        words = [t for t in tokens[p : p + 3] if t != "|"]
        if any(carried_on_by(fragment, " ".join(words[:k])) for k in range(1, len(words) + 1)):
            return " ".join([*tokens[:p], fragment, *tokens[p:]])
    return None


def _after_first_agency(opened: str, rest: str) -> str | None:
    """Put an agency opened above after the first agency cell of the line below, else None.

    When OCR garbled the words that carry the opened agency on, its column is not told by
    them; but when the row's first name line already opens an agency of its own, that one
    is the leftmost column's, so the cell opened above stands right of it (a cell taller
    than the row's name is a list of partners more often than the one lead agency).
    """
    from theodoi.ingest.normalise.agencies import agency_score

    fragment = agency_line_fragment(opened)
    pieces = _fragments(rest)
    if fragment is None or len(pieces) < 1 or agency_score(pieces[0]) < 0.8:
        return None
    return " | ".join([pieces[0], fragment, *pieces[1:]])


def _ends_a_cell_part(tokens: Sequence[str]) -> bool:
    """Whether the words so far end where another cell's words may begin: the line's start,
    a gap mark, a list item's "," or ";", or a whole directory name ("Sở Nội vụ")."""
    from theodoi.ingest.normalise.agencies import known_agency

    if not tokens or tokens[-1] == "|" or re.search(r"[,;]$", tokens[-1]):
        return True
    return any(known_agency(" ".join(tokens[-k:])) for k in range(2, min(6, len(tokens)) + 1))


def opens_agency_carried_on(line: str, below: str) -> bool:
    """Whether a line between two rows ends by opening an agency that ``below`` carries on.

    Between two short rows, a line holding only another column's words goes to the row
    above, unless its agency is unfinished and the numbered line below ends with the rest
    ("Sở Văn hóa," over "39.54 | Cơ sở dữ liệu Thành tích thể thao Thể thao và Du"): that
    agency is the row below's, wrapped above its number.
    """
    from theodoi.ingest.normalise.agencies import agency_continuation, known_agency

    tokens = line.split()
    heads = [j for j, t in enumerate(tokens) if t[:1].isupper() and fold(t).strip(".,;:") in _HEAD_TOKENS]
    if not heads:
        return False
    fragment = " ".join(tokens[heads[0] :])
    if known_agency(fragment) and not re.search(r"[,;]$", fragment):
        return False
    words = below.split()
    return any(
        words[-k][:1].isupper() and agency_continuation(fragment, " ".join(words[-k:])) >= 0.95
        for k in range(1, min(5, len(words)) + 1)
    )


def _previous_nonblank(
    lines: Sequence[Line], lo: int, i: int, skip: set[int] | frozenset[int] = frozenset()
) -> int | None:
    for j in range(i - 1, lo - 1, -1):
        if lines[j].key and j not in skip:
            return j
    return None


def _text_after_code(line: Line, is_code: bool) -> str:
    if not is_code:
        return line.text
    # a row number with a digit OCR read as a letter ("9y |") goes with its letter
    return re.sub(
        r"^\s*(?:\d{1,3}[a-z](?=[\s|])|[\dIVXl]{1,5}(?:\.\d{1,2})*)\s*[.)|]?\s*\|?\s*", "", line.text
    )


def _name_like_start(text: str) -> bool:
    """A line that can open a task name: capitalised, long enough, not an agency or output."""
    text = text.strip(" |")
    if len(text) < 18 or not text[:1].isupper():
        return False
    key = fold(text)
    if key.startswith(_OPENERS) and len(text) < 35:
        return False
    return bool(re.match(r"^[A-ZÀ-Ỹa-zà-ỹĐđ]{2,}", text))


# ---------------------------------------------------------------------------------------
# Block rows


def _is_block_row(lines: Sequence[Line], start: RowStart, hi: int) -> bool:
    if not _is_alone(start):
        return False
    blanks = sum(1 for line in lines[start.index + 1 : hi] if not line.key)
    return blanks >= 1


def _blocks(lines: Sequence[Line], lo: int, hi: int) -> list[tuple[list[Line], bool]]:
    """The row's blank-separated blocks, each with whether it opens a new page.

    The heading read again at a page's top is left out of the lines, so a page break shows
    as a jump in the source line numbers (``_page_break``); it ends a block even where OCR
    left no blank line ("Hằng năm" last on one page, the name's carry-on first on the next).
    """
    blocks: list[tuple[list[Line], bool]] = []
    current: list[Line] = []
    opens_page = after_break = False
    previous: Line | None = None
    for line in lines[lo:hi]:
        if previous is not None and line.number - previous.number >= 3:
            if current:
                blocks.append((current, opens_page))
                current = []
            after_break = True
        previous = line
        if line.key:
            if not current:
                opens_page, after_break = after_break, False
            current.append(line)
        elif current:
            blocks.append((current, opens_page))
            current = []
    if current:
        blocks.append((current, opens_page))
    return blocks


def _block_row(
    lines: Sequence[Line], start: RowStart, hi: int, first: ColumnSpec, others: Sequence[ColumnSpec]
) -> Row:
    """Align a block row's blocks to the columns, page by page.

    A row cut by a page break prints the rest of every cell on the next page, again from the
    first column: the blocks after the break are aligned on their own, the name's carry-on
    not forced first (the name may have ended on the page before).
    """
    row = Row("row", start.code, {}, [lines[start.index].number])
    blocks = _blocks(lines, start.index + 1, hi)
    pages: list[list[list[Line]]] = [[]]
    for block, new_page in blocks:
        if new_page and pages[-1]:
            pages.append([])
        pages[-1].append(block)
    columns = [first, *others]
    confidence: dict[str, float] = {}
    for k, page in enumerate(pages):
        texts = [" ".join(line.text for line in block) for block in page]
        assignment, page_confidence = align(
            texts, [first if k == 0 else replace(first, first=False), *others]
        )
        for name, value in page_confidence.items():
            confidence[name] = min(confidence.get(name, 1.0), value)
        for block, col in zip(page, assignment, strict=True):
            cell = row.cells.setdefault(columns[col].name, Cell("", [], 0.85))
            for line in block:
                cell.add(line.text, line.number)
                row.lines.append(line.number)
    for name, cell in row.cells.items():
        cell.confidence = min(cell.confidence, confidence.get(name, 0.8))
    return row


# ---------------------------------------------------------------------------------------
# Interleaved rows


def _first_column_width(lines: Sequence[Line], starts: list[RowStart], spans: list[tuple[int, int]]) -> float:
    """Estimate the first column's width in characters from where gap marks fall."""
    positions: list[int] = []
    lengths: list[int] = []
    for start, (lo, hi) in zip(starts, spans, strict=True):
        if start.kind != "row" or _is_alone(start):
            continue
        for i in range(lo, hi):
            text = _text_after_code(lines[i], i == start.index)
            if len(text) >= 20:
                lengths.append(len(text))
            m = _GAP.search(text)
            if m and m.start() >= 20:
                positions.append(m.start())
    if len(positions) >= 5:
        return float(statistics.median(positions))
    if lengths:
        return float(statistics.quantiles(lengths, n=4)[0]) if len(lengths) >= 4 else float(min(lengths))
    return 50.0


# The columns whose cells the per-line segmentation (``segment``) reads better than the
# opener-word cut, measured on both OCR'd dev plans (000, 002): partners and outputs. The
# first column's cut, the lead and the deadline stay with the heuristics, which scored
# better or equal there.
SEGMENTED_COLUMNS = ("support", "output")


def _use_segmented_cells(row: Row, segmented: Row, names: Sequence[str]) -> None:
    for key in names:
        if key in segmented.cells:
            row.cells[key] = segmented.cells[key]
        else:
            row.cells.pop(key, None)


def segmented_rest(
    rests: Sequence[tuple[int, str]],
    others: Sequence[ColumnSpec],
    debris: dict[int, frozenset[str]] | None = None,
    *,
    partner_lines: set[int] | frozenset[int] = frozenset(),
) -> Row:
    """Rebuild the columns right of the first from each line's rest, segmented line by line.

    ``rests`` are (line number, the line's text right of the first column's cut). A deadline
    column is left out (its tail is taken off the line before the cut); each line's labels
    carry the cells so far into the next line's segmentation. The lines of
    ``partner_lines`` go to the partners' column whole (``partner_column``).
    """
    from theodoi.ingest.layout.segment import DEADLINE, Carry, column_kind, segment_line, spans

    kinds = [column_kind(c.fits, first=False) for c in others]
    seg_cols = list(others[:-1]) if kinds[-1] == DEADLINE else list(others)
    seg_kinds = kinds[: len(seg_cols)]
    row = Row("row", "", {}, [])
    cells = [Cell("", [], 0.7) for _ in seg_cols]
    carry = Carry()
    partner = partner_column(seg_cols)
    for number, rest in rests:
        tokens = re.findall(r"\||[^\s|]+", rest)
        if number in partner_lines and partner is not None:
            labels = [DROP if t == "|" else partner for t in tokens]
        else:
            labels = segment_line(tokens, seg_kinds, width=None, carry=carry)
        parts = spans(tokens, labels)
        if debris and debris.get(number):
            parts = _without_output_debris(parts, seg_kinds, debris[number])
        for c, part in sorted(parts.items()):
            cells[c].add(part, number)
        row.fragments.append((number, [parts[c] for c in sorted(parts)]))
        carry = Carry({c: cells[c].text for c in range(len(seg_cols))})
    for col, cell in zip(seg_cols, cells, strict=True):
        if cell.text:
            row.cells[col.name] = cell
    return row


def partner_column(columns: Sequence[ColumnSpec]) -> int | None:
    """The index of the partners' column: the second of two agency columns, None without two."""
    agency = [k for k, c in enumerate(columns) if column_kind(c.fits, first=False) == AGENCY]
    return agency[1] if len(agency) >= 2 else None


# How many lines above a row's number a line of agency words alone must stand to open the
# partners' cell: a cell centred on the number and opening that high spans seven lines or more
# (measured on 000/002: two lines, a five-line cell, also takes leads that name two agencies).
_PARTNER_OPENING_LINES = 3
# Agency words of two letters or less, kept where the stray marks OCR leaves are set aside.
_SHORT_AGENCY_WORDS = frozenset({"so", "va", "bo", "y", "te"})


def _partner_opening(lines: Sequence[Line], i: int, number: int, text: str, opened: bool) -> list[str] | None:
    """The words of line ``i`` (``text``) when it opens the partners' cell above the row's name.

    Cells are centred in their row's height, so a line of agency words alone standing
    ``_PARTNER_OPENING_LINES`` lines or more above the row's number (at ``number``) opens a
    cell of seven lines or more: a list of agencies, which the partners' cell holds far more
    often than the lead's (one agency most often, one or two lines). Such a line goes to the
    partners' column; the lead's words come on the lines below. The first such line opens an
    agency with a capitalised head; the lines after it down to the number's (``opened``)
    may carry it on. OCR's stray marks (tokens of two letters or less: table rules, floating
    accents) are set aside but for the short agency words (``_SHORT_AGENCY_WORDS``).
    """
    if _nonblank(lines, i, number) < (1 if opened else _PARTNER_OPENING_LINES):
        return None
    words = [
        t
        for t in text.split()
        if len(re.sub(r"\W", "", t)) > 2 or fold(t).strip(".,;:") in _SHORT_AGENCY_WORDS
    ]
    if not words or len(words) > 6 or not _agency_words_only(words):
        return None
    if not opened and agency_line_fragment(" ".join(words)) is None:
        return None
    return words


def _without_output_debris(
    parts: dict[int, str], kinds: Sequence[str], debris: frozenset[str]
) -> dict[int, str]:
    """Take a line's debris words out of its output span (see ``debris_words``).

    The output cell has no directory to be read against, so a lone letter the restorer made
    a word of ("ở", "Xồ") would only stay as noise in it; the agency spans keep theirs.
    """
    out = {}
    for c, part in parts.items():
        kept = " ".join(w for w in part.split() if w not in debris) if kinds[c] == OUTPUT else part
        if kept:
            out[c] = kept
    return out


def _inline_row(
    lines: Sequence[Line],
    start: RowStart,
    lo: int,
    hi: int,
    first: ColumnSpec,
    others: Sequence[ColumnSpec],
    width: float,
    rests: list[tuple[int, str]] | None = None,
    debris: dict[int, frozenset[str]] | None = None,
    spilled: set[int] | frozenset[int] = frozenset(),
    opening: set[int] | None = None,
) -> Row:
    """Rebuild one interleaved row from lines[lo:hi]; ``spilled`` lines hold other cells only.

    ``rests`` gathers each line's text right of the first column's cut; ``opening`` the
    spilled lines whose words go to the partners' column whole (``_partner_opening``): the
    partners' cell opens there, unless the row has no other agency cell (then the lead's).
    """
    row = Row("row", start.code, {}, [])
    partner = partner_column(others)
    forced: set[int] = set()  # spilled lines that open the partners' cell (``_partner_opening``)
    name = Cell("", [], 0.7)
    deadline = Cell("", [], 0.7)
    takes_deadline = (
        bool(others) and others[-1].fits("12/2025") >= 0.5 and others[-1].fits("Thường xuyên") >= 0.5
    )
    streams: dict[str, Cell] = {}
    continued: list[str] = []  # agency names carried on by words taken out of the name
    name_closed = False
    last_head = ""  # the name's part of the last line that had one
    name_ended = False  # the name's last line read was short: its paragraph ended (``ends_paragraph``)
    name_started = False
    name_done = False  # the name's words so far, from the row's number line on, end no open phrase
    name_parts: list[tuple[int, str]] = []  # (line number, the name's part of it)

    def carries_on(words: str) -> bool:
        for col in others:
            cell = streams.get(col.name)
            if col.continues is None or cell is None or not cell.text:
                continue
            tokens = words.split()
            if any(col.continues(cell.text, " ".join(tokens[:k])) >= 0.95 for k in range(1, len(tokens) + 1)):
                return True
        return False

    def completes(words: str) -> bool:
        from theodoi.ingest.normalise.agencies import known_agency

        for col in others:
            cell = streams.get(col.name)
            if col.continues is None or cell is None or not cell.text or known_agency(cell.text):
                continue
            if col.continues(cell.text, words) >= 0.95:
                return True
        return False

    texts = {i: _text_after_code(lines[i], i == start.index) for i in range(lo, hi) if lines[i].key}
    recut_kinds = _segment_kinds(others)
    if takes_deadline:
        texts = _join_wrapped_month(texts)
    heading = header_lines(lines, lo, hi) - {start.index}
    name_start = next((i for i in range(lo, hi) if i not in spilled), hi)
    held: tuple[int, str] | None = None  # a spilled line opening an agency, kept for the line below

    def emit(number: int, rest: str, inside: str = "") -> None:
        if rest and rests is not None:
            rests.append((number, rest))
        rest = f"{inside} {rest}".strip()
        if rest:
            pieces = _fragments(rest)
            row.fragments.append((number, pieces))
            _assign_fragments(pieces, others, streams, number)

    for i in range(lo, hi):
        line = lines[i]
        if not line.key or i in heading:
            continue
        row.lines.append(line.number)
        opens_above = i < name_start and not any(lines[j].key for j in range(i + 1, name_start))
        text = texts[i]
        if takes_deadline:
            text, due = split_deadline_tail(text)
            if deadline.text:
                text, more = split_deadline_continuation(f"{text} {due}".strip(), deadline.text)
                due = more or due
            if due:
                deadline.add(due, line.number)
            elif (event := deadline if deadline.text else streams.get(others[-1].name)) is not None:
                text, more = split_event_continuation(text, event.text)
                if more:
                    event.add(more, line.number)
        if not text.strip(" |"):
            continue
        if (
            partner is not None
            and i in spilled
            and (words := _partner_opening(lines, i, start.index, text, bool(forced)))
        ):
            text = " ".join(words)
            streams.setdefault(others[partner].name, Cell("", [], 0.6)).add(text, line.number)
            row.fragments.append((line.number, [text]))
            if rests is not None:
                rests.append((line.number, text))
            forced.add(line.number)
            continue
        agency_line = (
            name_done
            and agency_words_line(text, width)
            and not _carries_agency(name.text, " ".join(text.split()[:2]))  # "... Sở Tài" / "chính"
        )
        blank_name = i == start.index and blank_name_after_code(lines[i])
        if agency_line or blank_name or i in spilled or (name_ended and len(text) < _AFTER_END_SHARE * width):
            head, rest = "", text
        else:
            head, rest = _cut_first_column(
                text,
                width,
                name_started=name_started,
                name_closed=name_closed,
                carries_on=carries_on,
                completes=completes,
            )
        if head:
            head, leaked = split_agency_tail(head)
            if leaked:
                rest = f"{leaked} {rest}".strip()
        if head:
            above = [piece for _number, pieces in row.fragments for piece in pieces]
            head, moved = recut_name_end(head, rest, recut_kinds, _carry(streams, others), above)
            if moved:
                rest = f"{moved} {rest}".strip()
        if head:
            head, rest = give_digit_so_to_rest(head, rest)
        if head and rest:
            head, rest = give_conjunction_to_rest(head, rest, carries_on)
        if head:
            head = drop_trailing_letters(head)
        if head and debris and debris.get(line.number):
            head = " ".join(w for w in head.split() if w not in debris[line.number])
        if head:
            open_cells = [streams[c.name].text for c in others if c.continues and c.name in streams]
            head, moved, carried = split_agency_continuation(head, [*open_cells, *continued], name.text)
            if moved:
                rest = f"{moved} {rest}".strip()
                continued.append(carried)
        inside = ""  # a directory name's inside taken off the name: the agency cells' words
        if head:
            head, inside = split_directory_tail(head)
        if head:
            name.add(head, line.number)
            name_parts.append((line.number, head))
            last_head = head
            name_started = True
            name_closed = bool(re.search(r"[.;]\s*$", head)) and len(head) < 0.8 * width
            name_ended = i >= start.index and ends_paragraph(head, width, first=name.text == head)
            name_done = i >= start.index and not ends_open_phrase(fold(name.text))
        elif name_started and not agency_line:
            # a line of the other columns only: the name ends here unless its last line ran
            # to the column's width (a wrapped paragraph goes on below the other columns')
            name_closed = len(last_head) < _PARAGRAPH_END_SHARE * width
            name_done = False
        if opens_above and rest and not inside and agency_line_fragment(rest) is not None:
            held = (line.number, rest)  # the row's tall cell opens just above: see the line below
            continue
        if held is not None:
            spliced = splice_opened_agency(held[1], rest) or _after_first_agency(held[1], rest)
            if spliced is None:
                emit(*held)
            rest = spliced or rest
            held = None
        emit(line.number, rest, inside)
    if held is not None:
        emit(*held)
    if forced and partner is not None and others[partner - 1].name not in streams:
        streams[others[partner - 1].name] = streams.pop(others[partner].name)  # the row's one agency cell
        forced.clear()
    if opening is not None:
        opening.update(forced)
    if len(name_parts) > 1:
        name = Cell("", [], name.confidence)
        for number, part in drop_bled_line_ends(name_parts):
            name.add(part, number)
    if name.text:
        row.cells[first.name] = name
    last = others[-1].name if others else None
    if deadline.text and last is not None:
        streams[last] = deadline
    for col in others:
        if col.name in streams:
            row.cells[col.name] = streams[col.name]
    return row


# How many words at a name line's end may be another column's (a wrapped agency's "ngành, địa").
_BLED_WORDS = 4
# How much less likely per word (natural log) the name reads across a line break with a line's
# last words than without them, for them to be another column's: a name's own words cost the
# language model about 3 to 5 each, other columns' words run into the name about 8 to 10.
_BLED_COST = 8.0
# The same for the name's last line, whose last words nothing reads on from: their own cost
# against the lines above (measured on 000/002: 6 and 6.5 read the same, 7 and 8 lower; 4 and
# 5 read one row more but take a name's own rarer ending, "... nhỏ và vừa trong tỉnh").
_BLED_END_COST = 6.5


def drop_bled_line_ends(parts: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop other columns' words left at the end of a name line, where the name reads on without them.

    A wrapped agency cell ("Các sở, ban," / "ngành, địa" / "phương") runs on after a name
    line's words when OCR left no gap mark between the columns ("... trong chương trình, kế
    hoạch ngành, địa" / "công tác hằng năm"). The name is a paragraph: its next line carries
    on its last words. The restorer's word trigram model tells which reads on: the next line's
    first words after the line's end as read, or after the line without its last few words.
    Those words go when they are agency or output words (``_column_words``) and the name reads
    on better without them by more than ``_BLED_COST`` a word ("trên địa" / "bàn tỉnh",
    "các ngành, địa" / "phương" stay). The name's last line is read against the lines above
    only: its last words (or all of it) go when they cost more than ``_BLED_END_COST`` a word
    ("... quản lý nhà nước phương", "internet, công"), unless the line ends a sentence or a
    bracket ("... (PPP).", "... đổi số."). The model reads each line after the line above.
    Without the model the parts are kept as they are.
    """
    score = _junction_scorer()
    if score is None:
        return list(parts)
    vocabulary = _column_words()
    out = [list(part) for part in parts]
    for i in range(len(out)):
        tokens = out[i][1].split()
        last = i == len(out) - 1
        if last and (i == 0 or _SENTENCE_END.search(out[i][1])):
            break
        following = "" if last else out[i + 1][1]
        above = out[i - 1][1] if i else ""
        best, best_gain = len(tokens), 0.0
        for k in range(max(0 if last else 1, len(tokens) - _BLED_WORDS), len(tokens)):
            tail = tokens[k:]
            if not all(fold(t).strip(".,;:()") in vocabulary for t in tail):
                continue
            before = " ".join([above, *tokens[:k]])
            gain = score(before, following) - score(before, f"{' '.join(tail)} {following}", len(tail))
            gain -= (_BLED_END_COST if last else _BLED_COST) * len(tail)
            if gain > best_gain:
                best, best_gain = k, gain
        if best < len(tokens):
            out[i][1] = " ".join(tokens[:best])
    return [(number, part) for number, part in out if part]


_SENTENCE_END = re.compile(r"[.)…]\W*$")


@lru_cache(maxsize=1)
def _junction_scorer() -> Callable[[str, str], float] | None:
    """Log P(a line's first words | a text's last words), by the restorer's model.

    ``score(text, following, extra)`` scores ``extra`` + 2 of ``following``'s first words.
    """
    try:
        from theodoi.ingest.restore import default_restorer
        from theodoi.ingest.restore.model import NUM, UNSEEN, WORD

        restorer = default_restorer()
    except (ImportError, OSError, ValueError):
        return None
    vocab, trigram = restorer.model.vocab, restorer._trigram

    def ids(text: str) -> list[int]:
        return [NUM if core.isdigit() else vocab.get(core.lower(), UNSEEN) for core in WORD.findall(text)]

    def score(text: str, following: str, extra: int = 0) -> float:
        u, v = ([0, 0, *ids(text)])[-2:]
        total = 0.0
        for w in ids(following)[: 2 + extra]:
            total += trigram(u, v, w)
            u, v = v, w
        return total

    return score


def _segment_kinds(others: Sequence[ColumnSpec]) -> list[str]:
    """The segmentation's column kinds: the name's prose, then the other columns but a deadline."""
    kinds = [column_kind(c.fits, first=False) for c in others]
    return [PROSE, *[k for k in kinds if k != DEADLINE]]


def _carry(streams: dict[str, Cell], others: Sequence[ColumnSpec]) -> Carry:
    """The other columns' cells so far, indexed as ``_segment_kinds`` lists them."""
    cols = [c for c in others if column_kind(c.fits, first=False) != DEADLINE]
    return Carry({j + 1: streams[c.name].text for j, c in enumerate(cols) if c.name in streams})


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
    rtokens = re.findall(r"\||[^\s|]+", rest)
    window = [*tokens[lo:], "|", *rtokens] if rtokens else tokens[lo:]
    if not window:
        return head, ""
    labels = [0] * lo + segment_line(window, kinds, width=None, carry=carry)
    cut = next(k + 1 for k in range(len(tokens) - 1, -1, -1) if labels[k] == 0 or k < lo)
    cut = next((k for k in range(cut, len(tokens)) if tokens[k][:1].isupper()), len(tokens))
    if cut == len(tokens):
        return head, ""
    moved, kept = tokens[cut:], fold(" ".join(tokens[:cut]))
    kinds_moved = [kinds[label] if label != DROP else AGENCY for label in labels[cut : len(tokens)]]
    n_agency = next((k for k, kind in enumerate(kinds_moved) if kind != AGENCY), len(kinds_moved))
    if n_agency == 0 or any(kind not in (AGENCY, OUTPUT) for kind in kinds_moved[n_agency:]):
        return head, ""
    if n_agency < len(moved) and _agency_words_only(moved[n_agency:]):
        return head, ""
    if not _agency_words_only(moved[:n_agency]) or opener(moved, 0, OUTPUT) > 0:
        return head, ""
    ends_open = ends_open_phrase(kept)
    if ends_open or _GOVERNS.search(kept) or _TAKES_OBJECT.search(kept):
        return head, ""
    opened = [*carry.texts.values(), *above]
    carried = any(_carries_agency(text, " ".join(moved[:2])) for text in opened if text)
    if not (carried or opener(moved, 0, AGENCY) > 0):
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
    ngành, địa"; the name so far, ``before``, ends mid-phrase for a run at the start). The
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

    def carried(words: Sequence[str]) -> str:
        if not words[0][:1].islower() or tuple(_plain_words(" ".join(words))) not in _directory_runs():
            return ""
        text = " ".join(words)
        for start in starts:
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
    for k in range(most, 0, -1):  # at the start: "ngành, địa của cấp có ..."
        words, kept = tokens[:k], tokens[k:]
        if name := carried(words):
            return " ".join(kept), " ".join(words), name
    return head, "", ""


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
        for entry in _directory_tokens():
            plain = [fold(t).strip(".,;:") for t in entry]
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
def _directory_tokens() -> tuple[tuple[str, ...], ...]:
    from theodoi.ingest.normalise.agencies import AGENCY_DIRECTORY

    return tuple(tuple(name.split()) for name in AGENCY_DIRECTORY)


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


def _agency_words_only(tokens: Sequence[str]) -> bool:
    """Whether every word is an agency name's word (the directory's and the generic grammar's)."""
    vocabulary = _column_words()
    words = [fold(t).strip(".,;:()") for t in tokens]
    words = [w for w in words if w.isalpha()]
    return bool(words) and all(w in vocabulary for w in words)


# The task table's column headings (folded), which OCR reads again at each page's top.
_HEADER_PHRASES = (
    "ten nhiem vu",
    "co quan",
    "chu tri",
    "phoi hop",
    "ket qua",
    "san pham",
    "thoi gian",
    "hoan thanh",
    "thoi han",
    "don vi",
)
_HEADER_WORDS = frozenset(" ".join(_HEADER_PHRASES).split()) | {"tt", "stt"}


def is_header_repeat(key: str) -> bool:
    """Whether a folded line is the table's heading read again after a page break.

    "Tổ Tên nhiệm vụ chủ trì phối hợp Kết quả hoàn thành", "Cơ quan Cơ quan Thời gian": two
    heading phrases or more, and (OCR debris aside) hardly a word that is not a heading word.
    """
    words = [w for w in re.findall(r"[a-z]+", key) if len(w) >= 2]
    if not words or sum(1 for p in _HEADER_PHRASES if p in key) < 2:
        return False
    return sum(w in _HEADER_WORDS for w in words) >= 0.75 * len(words)


def header_lines(lines: Sequence[Line], lo: int, hi: int) -> set[int]:
    """The indexes in lines[lo:hi] of a table heading read again (``is_header_repeat``).

    A heading may come one line a phrase ("TT" / "Tên nhiệm vụ" / "Cơ quan" / "chủ trì"):
    consecutive lines made only of heading words are judged together.
    """
    out: set[int] = set()
    run: list[int] = []
    for i in [*range(lo, hi), hi]:
        key = lines[i].key if i < hi else ""
        if i < hi and not key:
            continue
        if i < hi and is_header_repeat(key):
            out.add(i)
            continue
        words = re.findall(r"[a-z]+", key)
        if i < hi and words and all(w in _HEADER_WORDS for w in words):
            run.append(i)
            continue
        if run and is_header_repeat(" ".join(lines[j].key for j in run)):
            out.update(run)
        run = []
    return out


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


def _cut_first_column(
    text: str,
    width: float,
    *,
    name_started: bool,
    name_closed: bool,
    carries_on: Callable[[str], bool] | None = None,
    completes: Callable[[str], bool] | None = None,
) -> tuple[str, str]:
    """Split a line into the first column's part and the rest (other columns).

    ``carries_on(words)`` tells whether words carry on a cell of another column begun on an
    earlier line (then a cut just before them is likely).
    """
    text = text.strip()
    lead_gap = _GAP.match(" " + text)
    if lead_gap and lead_gap.end() > 1:  # the line opens with stray marks: no first-column text
        return "", text[lead_gap.end() - 1 :].strip()
    for m in _GAP.finditer(text):
        if m.start() >= 0.45 * width and m.start() <= 1.3 * width:
            return text[: m.start()].strip(), text[m.end() :].strip()
        if m.start() > 1.3 * width:
            break
    if len(text) <= 1.1 * width:
        other = _is_other_column(text)
        if name_closed or (other and len(text) < 0.7 * width) or (not name_started and other):
            return "", text
        if len(text) < 0.4 * width and completes is not None and completes(text):
            return "", text  # a wrapped agency cell's last words on a line of their own ("Tôn giáo")
        gap = _GAP.search(text)
        if gap and gap.start() >= 0.3 * width:
            return text[: gap.start()].strip(), text[gap.end() :].strip()
        if gap and not re.search(r"\w{3}", text[: gap.start()]) and re.search(r"\w{3}", text[gap.end() :]):
            return "", text[gap.end() :].strip()  # marks before the gap: no name words on the line
        return text, ""
    # long line without a gap mark: cut at the word boundary nearest the width, preferring
    # one where an agency, output or deadline word opens
    best, best_score = None, float("-inf")
    for m in re.finditer(r"\s+", text):
        pos = m.start()
        if pos < 0.6 * width or pos > 1.35 * width:
            continue
        after = text[m.end() :]
        score = -abs(pos - width) / max(width, 1.0)
        if after[:1].isupper():
            score += 0.15
            if fold(after).startswith(_OPENERS):
                score += 0.2
        if re.search(r"[,;.:)]$", text[:pos]):
            score += 0.1
        if carries_on is not None and carries_on(" ".join(after.split()[:3])):
            score += 0.3
        score += 0.08 * _column_vocabulary_balance(after)
        if score > best_score:
            best, best_score = m, score
    if best is None:
        return text, ""
    return text[: best.start()].strip(), text[best.end() :].strip()


# A name line shorter than this share of the first column's width ends the name's paragraph;
# a longer one wraps on, past lines of the other columns only
# (measured on 000/002: 0.75 to 0.85 read about the same, 0.65 and 0.7 lower; 0.9 and
# above take lines as wide as the column for last lines and read 000 lower or mixed).
_PARAGRAPH_END_SHARE = 0.8
# Below an ended name, a line shorter than this share holds only the other columns' words; a
# longer one is read as before, the name's own (a short line of other columns' words read as
# the name's end must not cut the name off: 0.9 and 1.0 read the same, 0.6 to 0.75 and 1.1 lower).
_AFTER_END_SHARE = 0.9
# A word of prose as a name line holds it: letters only (two or more), a mark after it.
_PROSE_WORD = re.compile(r"[^\W\d_]{2,}[.,;:]?")


def ends_paragraph(head: str, width: float, *, first: bool) -> bool:
    """Whether a name line's part is short enough to be the name's last line.

    The first column is a wrapped paragraph: each line but the last runs to near the
    column's width (on the samples nearly every line the name carries on from reaches 0.85
    of it), so a line well short of it ends the name, and the row's short lines below it
    hold only the other columns' wrapped words ("liệu mở" / "được cập" of an output, "hợp
    cán bộ"). Only a part that reads as the name's own is trusted: prose words only (a
    row's stray marks or digits, "vô 1 mạng lưới", may be another column's garble, and so
    may a word in capitals, "kinh tế; các địa XÃ được ban"), and lower-case, carrying the
    name on, unless it is the name's first line (a capitalised line mid-name, "Công nghệ
    tác được ký kết", is another column's). A wrong end costs the name its short lines
    below; a line as wide as the column is still read (``_AFTER_END_SHARE``).
    """
    return (
        len(head) < _PARAGRAPH_END_SHARE * width
        and (first or head[:1].islower())
        and all(_PROSE_WORD.fullmatch(word) for word in head.split())
        and not any(word.strip(".,;:").isupper() for word in head.split())
    )


# A line shorter than this share of the first column's width can be an agency cell's last
# words (measured on 000/002: 0.6 to 0.8 read the same; 0.3 and 0.5 read 000 lower).
_AGENCY_LINE_SHARE = 0.6


def agency_words_line(text: str, width: float) -> bool:
    """Whether a short line below a finished name holds an agency cell's wrapped words only.

    On an OCR'd row's last lines the name column is often done while the lead and partner
    cells still wrap ("phương, đơn vị", "Công nghệ", "và Môi trường", "Tôn giáo"): a line
    short of the column's width whose words are all agency words then belongs to those
    cells. The caller asks only once the name has reached the row's number line and its
    words end no open phrase ("... của", "... và", a comma). A line ending a sentence
    ("... xã hội.", "... ngành.") is the name's own last line, and prose words keep a line
    in the name ("cho người dân"), as do numbers ("100% công dân": a target, no agency).
    """
    return (
        len(text) < _AGENCY_LINE_SHARE * width
        and not re.search(r"[.;]\W*$|\d", text)
        and _agency_words_only(text.split())
    )


def _column_vocabulary_balance(text: str) -> int:
    """Count the words of ``text`` in the other columns' vocabulary, less the words that are not.

    Right of the first column sit agency names, output kinds and deadlines, whose words come
    from a small vocabulary (the agency directory and grammar, output kinds, deadline words);
    the task name is open prose. A cut that leaves such words to the rest and prose to the
    name scores higher.
    """
    vocabulary = _column_words()
    balance = 0
    for token in text.split():
        word = fold(token).strip(".,;:()\"'“”‘’-")
        if len(word) < 2 or not word.isalpha():
            continue
        balance += 1 if word in vocabulary else -1
    return balance


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


def split_agency_tail(text: str) -> tuple[str, str]:
    """Split a short agency fragment off the end of a first-column line: (name, fragment).

    OCR without column gaps runs the lead/partner cell on after the name's last words
    ("Cơ sở dữ liệu kết cấu hạ tầng đường bộ Sở Xây dựng"). The end of the line is taken as
    another column's when it opens with a capitalised agency head, is a short agency name
    (or its start) and the name before it does not end mid-phrase ("... của Sở Tài chính",
    "... cho các sở, ban, ngành" stay whole).
    """
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


# Words after which a capitalised agency name belongs to the sentence (its object).
_GOVERNS = re.compile(
    r"\b(?:tai|giua|den|dien tu|trinh|tham muu|phoi hop|chu tri|giao|gui|thuoc|truc thuoc|nhu)\s*$"
)


def _agency_score(text: str) -> float:
    from theodoi.ingest.normalise.agencies import agency_score

    return agency_score(text)


def _is_other_column(text: str) -> bool:
    from theodoi.ingest.normalise.agencies import agency_score
    from theodoi.ingest.normalise.deadlines import is_deadline_text

    key = fold(text)
    return (
        agency_score(text) >= 0.8
        or is_deadline_text(text)
        or (text[:1].isupper() and key.startswith(_OPENERS))
    )


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


def _fragments(rest: str) -> list[str]:
    """Cut the non-first-column part of a line into column fragments.

    Cuts at gap marks, and before a capitalised word that opens an agency or an output
    ("Sở", "Các", "UBND", "Kế hoạch" ...), except right after "Các"/"và" (same name).
    """
    parts = [p.strip() for p in _GAP.split(rest) if p and p.strip(" |")]
    out: list[str] = []
    for part in parts:
        tokens = part.split()
        current: list[str] = []
        for k, token in enumerate(tokens):
            prev = fold(current[-1]).strip(".,;:") if current else ""
            opens = _opens_agency(tokens, k)
            if not opens and current and token[:1].isupper() and re.search(r"[,;]$", current[-1]):
                # "Các sở, ban, Triển khai": a capitalised word after a finished list item
                # opens the next column unless it carries on a known agency name
                opens = not _carries_agency(" ".join(current), token)
            bare_prev = not re.search(r"[,;]$", current[-1]) if current else True
            if opens and current and not (prev in ("cac", "cua") or (prev in ("ban", "so") and bare_prev)):
                out.append(" ".join(current))
                current = []
            current.append(token)
        if current:
            out.append(" ".join(current))
    return [o for o in out if re.search(r"\w{2,}", o)]


def _split_by_continuation(
    fragments: list[str], columns: Sequence[ColumnSpec], streams: dict[str, Cell]
) -> list[str]:
    """Cut a fragment after the words that finish a cell begun on an earlier line.

    "Công nghệ ngành, địa của UBND" after cells "Sở Khoa học và" and "Các sở, ban," becomes
    "Công nghệ" | "ngành, địa" | "của UBND": each cut is where a column's ``continues`` stops
    recognising the words as the rest of its cell.
    """
    out: list[str] = []
    used: set[str] = set()
    for fragment in fragments:
        pending = fragment
        while pending:
            tokens = pending.split()
            cut = None
            for col in columns:
                cell = streams.get(col.name)
                if col.continues is None or cell is None or not cell.text or col.name in used:
                    continue
                best = None
                for k in range(1, len(tokens) + 1):
                    if _splits_a_name(tokens, k):
                        continue
                    if col.continues(cell.text, " ".join(tokens[:k])) >= 0.95:
                        best = k
                if best is not None and (cut is None or best > cut[0]):
                    cut = (best, col.name)
            if cut is None or cut[0] == len(tokens):  # no cut, or the whole fragment carries a cell on
                out.append(pending)
                break
            used.add(cut[1])
            out.append(" ".join(tokens[: cut[0]]))
            pending = " ".join(tokens[cut[0] :])
    return out


def _splits_a_name(tokens: Sequence[str], k: int) -> bool:
    """Whether cutting before tokens[k] parts a directory name's capitalised words ("Sở | Nông").

    A cell left open ("Công nghệ; các") reads on with "sở" of "các sở, ban, ngành", but a
    capitalised word that a directory name puts right after the one before ("Sở Nông
    nghiệp") opens another agency there: the two stay together.
    """
    from theodoi.ingest.layout.segment import _agency_pair

    return 0 < k < len(tokens) and tokens[k][:1].isupper() and _agency_pair(tokens[k - 1], tokens[k])


def _assign_fragments(
    fragments: list[str], columns: Sequence[ColumnSpec], streams: dict[str, Cell], number: int
) -> None:
    """Align one line's fragments to the columns in order, preferring cells they continue."""
    if not fragments:
        return

    def fits_for(col: ColumnSpec):
        def fit(text: str) -> float:
            base = col.fits(text)
            open_cell = streams.get(col.name)
            if open_cell is None or not open_cell.text:
                return base
            if col.continues is not None:
                return col.continues(open_cell.text, text)
            if text[:1].islower() and not re.search(r"[.;]\s*$", open_cell.text):
                return base + 0.3
            return base

        return fit

    fragments = _split_by_continuation(fragments, columns, streams)
    specs = [ColumnSpec(c.name, fits_for(c), c.header, False) for c in columns]
    assignment, _conf = align(fragments, specs, stay=0.3)
    for text, col in zip(fragments, assignment, strict=True):
        cell = streams.setdefault(columns[col].name, Cell("", [], 0.6))
        cell.add(text, number)


def _section(lines: Sequence[Line], start: RowStart, lo: int, hi: int) -> Row:
    cell = Cell("", [], 0.8)
    for i in range(lo, hi):
        line = lines[i]
        if not line.key:
            continue
        text = line.text
        if i == start.index:
            text = start.rest if start.rest else ""
        cell.add(text.strip(" |"), line.number)
    cell.text = cell.text.strip(" .:-|")
    return Row(
        "section", start.code, {"title": cell}, [lines[i].number for i in range(lo, hi) if lines[i].key], 0.8
    )
