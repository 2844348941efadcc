"""The first column's cut: its usual width, where a line's name part ends, and when it is done.

Each interleaved line holds the task name's words first; the cut falls at a gap mark or,
failing those, near the first column's usual width (estimated from where gap marks fall),
weighed by the other columns' vocabulary. A short name line ends the name's paragraph, and a
short line of agency words below a finished name belongs to an agency cell.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence

from theodoi.ingest.layout.interleaved.row_lines import _is_alone, _text_after_code
from theodoi.ingest.layout.interleaved.words import (
    _GAP,
    _OPENERS,
    _agency_words_only,
    _column_words,
    _is_other_column,
    fold,
)
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.layout.table import RowStart


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


def ends_paragraph(head: str, width: float, *, first: bool, after_open: bool = False) -> bool:
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
    below; a line as wide as the column is still read (``_AFTER_END_SHARE``). A part ending
    with a comma read right after a name left open ("... phù hợp với" / "ban hành,") ends
    nothing: it is another column's words, and the name's last words come below.
    """
    if after_open and head.rstrip().endswith(","):
        return False
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
