"""Lines holding only an agency's words, between two rows: which row's cell they open or carry on.

A wrapped agency cell can put its first line ("Sở Khoa học và") above the row number of the row
it belongs to, or below the end of the row above. These predicates tell the row cut which side
such a line falls on, and put an agency opened on the line above back before its continuation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from theodoi.ingest.layout.interleaved.fragments import _fragments
from theodoi.ingest.layout.interleaved.output_gaps import output_after_gap
from theodoi.ingest.layout.interleaved.words import _HEAD_PAIRS, _HEAD_TOKENS, _opens_agency, fold


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
    below, after the cells left of it. None when no words of ``rest`` carry it on. An
    output's opening past a gap on the opened line ("Sở Khoa học và | Văn bản ban") is its
    own cell: it is left out of the agency and put after ``rest`` past a gap mark.
    """
    from theodoi.ingest.normalise.agencies import carried_on_by

    cell, output = output_after_gap(opened)  # an output opening past a gap is its own cell
    fragment = agency_line_fragment(cell)
    if fragment is None:
        return None
    tokens = rest.split()
    for p, token in enumerate(tokens):
        if token == "|" or _opens_agency(tokens, p) or not _ends_a_cell_part(tokens[:p]):
            continue
        words = [t for t in tokens[p : p + 3] if t != "|"]
        if any(carried_on_by(fragment, " ".join(words[:k])) for k in range(1, len(words) + 1)):
            return " ".join([*tokens[:p], fragment, *tokens[p:], *(["|", output] if output else [])])
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


_NON_WORD = re.compile(r"\W")
_ENDS_VA = re.compile(r"\bvà$")


def finishes_agency_above(above: str, line: str) -> bool:
    """Whether a line's first words, after stray marks, finish an agency a line above left open.

    "2. | Sở Khoa học và | Thường" over "Nô Công nghệ ; xồ xuyên": the lower line's
    "Công nghệ" is that agency cell's second line, so the line opens no task name, though
    OCR's stray mark before it ("Nô") reads as a capitalised word. The line above's pieces
    (split at gap marks) are tried as the open agency; a whole directory name is not open.
    A line opening with its own word (no stray mark) may be a name that carries an agency's
    words only after it, and is left alone.
    """
    from theodoi.ingest.normalise.agencies import agency_continuation, agency_score, known_agency

    tokens = line.replace("|", " ").split()
    k = next((j for j, t in enumerate(tokens) if len(_NON_WORD.sub("", t)) > 2), None)
    if not k or len(tokens) < k + 2 or not tokens[k][:1].isupper():
        return False
    words = " ".join(tokens[k : k + 2]).rstrip(" ,;")
    for piece in above.split("|"):
        piece = piece.strip()
        if not _ENDS_VA.search(piece) or agency_score(piece) < 0.8 or known_agency(piece):
            continue
        if agency_continuation(piece, words) >= 0.95:
            return True
    return False
