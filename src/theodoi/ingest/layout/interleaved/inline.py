"""One interleaved row rebuilt from its lines: the first column's cut, then the rest to the
other columns.

Walks the row's lines top to bottom, cutting each into the name's part and the rest, applying
the name-end repairs (recut, tails, continuations, bled ends, deadline continuations) and
aligning the rest's fragments to the columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from theodoi.ingest.layout.interleaved.agency_lines import (
    _after_first_agency,
    agency_line_fragment,
    splice_opened_agency,
)
from theodoi.ingest.layout.interleaved.agency_tails import (
    give_collective_head_to_rest,
    is_agency_cells_part,
    split_agency_continuation,
    split_agency_tail,
    split_conjoined_agency,
)
from theodoi.ingest.layout.interleaved.bled_ends import (
    drop_bled_last_line,
    drop_bled_line_ends,
    drop_bled_lines,
    drop_detached_stops,
)
from theodoi.ingest.layout.interleaved.closed_sentences import split_after_closing_stop
from theodoi.ingest.layout.interleaved.deadlines import (
    _join_wrapped_month,
    opens_next_event,
    opens_unfinished_event,
    second_deadline_tail,
    split_deadline_tail,
    split_event_continuation,
)
from theodoi.ingest.layout.interleaved.debris import (
    blank_name_after_code,
    cut_at_lone_letter,
    drop_debris_words,
    drop_lone_consonants,
)
from theodoi.ingest.layout.interleaved.directory_chains import cut_directory_chains, directory_chain_cuts
from theodoi.ingest.layout.interleaved.directory_ends import finishes_directory_name
from theodoi.ingest.layout.interleaved.event_openings import mend_event_words
from theodoi.ingest.layout.interleaved.first_column import (
    _AFTER_END_SHARE,
    _PARAGRAPH_END_SHARE,
    _cut_first_column,
    agency_words_line,
    ends_paragraph,
)
from theodoi.ingest.layout.interleaved.fragments import _assign_fragments, _fragments
from theodoi.ingest.layout.interleaved.headers import header_lines, page_notes
from theodoi.ingest.layout.interleaved.item_lists import continues_item_list
from theodoi.ingest.layout.interleaved.list_item_ends import take_listed_item_line
from theodoi.ingest.layout.interleaved.openings import drop_lines_above_opening, opening_cell_lines
from theodoi.ingest.layout.interleaved.output_gaps import output_after_gap
from theodoi.ingest.layout.interleaved.reading_on import name_words_read_on
from theodoi.ingest.layout.interleaved.recut import (
    drop_trailing_letters,
    ends_open_phrase,
    give_conjunction_to_rest,
    give_digit_so_to_rest,
    recut_name_end,
    split_directory_tail,
)
from theodoi.ingest.layout.interleaved.row_lines import _text_after_code
from theodoi.ingest.layout.interleaved.segmented import _partner_opening, partner_column
from theodoi.ingest.layout.interleaved.stray_nghe import split_stray_nghe
from theodoi.ingest.layout.interleaved.words import _carries_agency, fold
from theodoi.ingest.layout.interleaved.yearless_months import join_yearless_months
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.layout.segment import DEADLINE, PROSE, Carry, column_kind
from theodoi.ingest.layout.table import Cell, ColumnSpec, Row, RowStart


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
    next_event: list[tuple[str, int]] | None = None,
    lone: dict[int, frozenset[str]] | None = None,
    mended: Callable[[int, list[str]], Mapping[str, str]] | None = None,
) -> Row:
    """Rebuild one interleaved row from lines[lo:hi]; ``spilled`` lines hold other cells only.

    ``rests`` gathers each line's text right of the first column's cut; ``opening`` the
    spilled lines whose words go to the partners' column whole (``_partner_opening``): the
    partners' cell opens there, unless the row has no other agency cell (then the lead's).
    ``next_event`` carries an event deadline's opening read on this row's lines after its own
    deadline is finished (``opens_next_event``) to the next row, whose deadline it opens.
    """
    row = Row("row", start.code, {}, [])
    partner = partner_column(others)
    forced: set[int] = set()  # spilled lines that open the partners' cell (``_partner_opening``)
    name = Cell("", [], 0.7)
    deadline = Cell("", [], 0.7)
    if next_event:
        for words, number in next_event:
            deadline.add(words, number)
        next_event.clear()
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
        texts = join_yearless_months(_join_wrapped_month(texts))
    heading = header_lines(lines, lo, hi) - {start.index}
    heading |= page_notes(lines, lo, hi, width) - {start.index}
    name_start = next((i for i in range(lo, hi) if i not in spilled), hi)
    held: tuple[int, str] | None = None  # a spilled line opening an agency, kept for the line below
    above_line = -1  # the row's line read last, for the deadline cut (its text in ``texts``)

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
        previous, above_line = above_line, i
        opens_above = i < name_start and not any(lines[j].key for j in range(i + 1, name_start))
        text = texts[i]
        if takes_deadline:
            text, due = split_deadline_tail(text, texts.get(previous, ""))
            if due and (
                (deadline.text and opens_next_event(due, deadline.text))
                or (
                    i == max(texts) and i != start.index and not deadline.text and opens_unfinished_event(due)
                )
            ):
                if next_event is not None:
                    next_event.append((due, line.number))
                due = ""
            if deadline.text:
                text, due = second_deadline_tail(text, due, deadline.text)
            if due:
                deadline.add(due, line.number)
            elif (event := deadline if deadline.text else streams.get(others[-1].name)) is not None:
                text, more = split_event_continuation(text, event.text)
                if more:
                    event.add(more, line.number)
        if not text.strip(" |"):
            continue
        cell, output = output_after_gap(text) if partner is not None and i in spilled else (text, "")
        if (
            partner is not None
            and i in spilled
            and (words := _partner_opening(lines, i, start.index, cell, bool(forced)))
        ):
            text = " ".join(words)
            streams.setdefault(others[partner].name, Cell("", [], 0.6)).add(text, line.number)
            row.fragments.append((line.number, [text, output] if output else [text]))
            if rests is not None:
                rests.append((line.number, f"{text} | {output}" if output else text))
            forced.add(line.number)
            continue
        agency_line = (
            name_done
            and agency_words_line(text, width)
            and not _carries_agency(name.text, " ".join(text.split()[:2]))  # "... Sở Tài" / "chính"
        )
        # a name cut inside a word pair read on by the line ("... địa giới hành" / "chính")
        read_on = name_words_read_on(name.text, text, carries_on) if agency_line else 0
        blank_name = i == start.index and blank_name_after_code(lines[i])
        if name_started and _finishes_name_above(row, lines, previous, text, name.text):
            agency_line, read_on = True, 0  # a wrapped directory name's last line: no name words
        next_item = continues_item_list(name.text, text)  # "(1) ...;" / "(2) ..." of the name's list
        if read_on:
            words = text.split()
            head, rest = " ".join(words[:read_on]), " ".join(words[read_on:])
        elif (
            agency_line
            or blank_name
            or i in spilled
            or (name_ended and not next_item and len(text) < _AFTER_END_SHARE * width)
        ):
            head, rest = "", text
        else:
            head, rest = _cut_first_column(
                text,
                width,
                name_started=name_started,
                name_closed=name_closed and not next_item,
                carries_on=carries_on,
                completes=completes,
            )
        if head and lone and lone.get(line.number):
            head = drop_lone_consonants(head, lone[line.number], name.text)
        if head and lone and lone.get(line.number) and i >= start.index:
            head, rest = cut_at_lone_letter(head, rest, lone[line.number])
        if head:
            head, rest = split_stray_nghe(head, rest, name.text)
        if head and is_agency_cells_part(head, name.text):
            head, rest = "", f"{head} {rest}".strip()
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
            head, rest = give_collective_head_to_rest(head, rest)
        if head and rest:
            head, rest = give_conjunction_to_rest(head, rest, carries_on)
        if head:
            head, rest = split_conjoined_agency(head, rest, name.text)
        if head:
            head = drop_trailing_letters(head)
        if head and debris and debris.get(line.number):
            dropped = debris[line.number]
            damaged = [word for word in head.split() if word in dropped]
            fixes = mended(line.number, damaged) if mended is not None and damaged else None
            head, rest = drop_debris_words(head, rest, dropped, fixes)
        if head:
            open_cells = [streams[c.name].text for c in others if c.continues and c.name in streams]
            head, moved, carried = split_agency_continuation(head, [*open_cells, *continued], name.text)
            if moved:
                rest = f"{moved} {rest}".strip()
                continued.append(carried)
            else:
                head, moved = split_after_closing_stop(head, [*open_cells, *continued])
                rest = f"{moved} {rest}".strip()
        inside = ""  # a directory name's inside taken off the name: the agency cells' words
        if head:
            head, inside = split_directory_tail(head)
        if head:
            # the name so far ends on an open word ("... phù hợp với"), not on a comma
            was_open = (
                name_started and not name.text.rstrip().endswith(",") and ends_open_phrase(fold(name.text))
            )
            name.add(head, line.number)
            name_parts.append((line.number, head))
            last_head = head
            name_started = True
            name_closed = bool(re.search(r"[.;]\s*$", head)) and len(head) < 0.8 * width
            name_ended = i >= start.index and ends_paragraph(
                head, width, first=name.text == head, after_open=was_open
            )
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
        cuts = directory_chain_cuts(name_parts, row.fragments)
        opened = drop_lines_above_opening(name_parts, lines[start.index].number, width)
        above_opening = opening_cell_lines(name_parts[: len(name_parts) - len(opened)], width)
        name_parts = opened
        kept = drop_bled_lines(name_parts, width)
        left = [*above_opening, *(part for part in name_parts if part not in kept)]
        ended = drop_bled_line_ends(kept)
        taken = _taken_ends(kept, ended)
        list_above = " ".join(p for n, pieces in row.fragments if ended and n < ended[-1][0] for p in pieces)
        ended, listed = take_listed_item_line(ended, list_above, width)
        name_parts, bled = drop_bled_last_line(ended, width)
        name_parts, chained = cut_directory_chains(name_parts, cuts)
        for number, part in drop_detached_stops(name_parts):
            name.add(part, number)
        if bled is not None:
            _give_to_fragments(row, *bled)
            left.append(bled)
        _give_lines_to_fragments(row, [part for part in left if part != bled])
        for number, words in taken:
            _give_to_fragments(row, number, words)
        left.extend(taken)
        for number, pieces in chained:
            _place_fragments(row, number, pieces)
            left.append((number, " | ".join(pieces)))
        if listed is not None:  # the item given last: it goes left of the line's other words
            number, pieces = listed
            for words in reversed(pieces):
                _give_to_fragments(row, number, words)
                left.append((number, words))
        if rests is not None:
            _give_to_rests(rests, left)
    if name.text:
        row.cells[first.name] = name
    last = others[-1].name if others else None
    if deadline.text and last is not None:
        deadline.text = mend_event_words(deadline.text)
        streams[last] = deadline
    for col in others:
        if col.name in streams:
            row.cells[col.name] = streams[col.name]
    return row


def _finishes_name_above(row: Row, lines: Sequence[Line], previous: int, text: str, name: str) -> bool:
    """Whether ``text`` ends a directory name the row's line above (``previous``) began in
    its other columns (``finishes_directory_name``)."""
    if previous < 0 or not row.fragments or row.fragments[-1][0] != lines[previous].number:
        return False
    if not row.fragments[-1][1]:
        return False
    return finishes_directory_name(row.fragments[-1][1][-1], text, name)


def _taken_ends(parts: Sequence[tuple[int, str]], kept: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """The words ``drop_bled_line_ends`` took off the end of each name line (``parts`` before,
    ``kept`` after): a wrapped agency cell's words OCR ran on after the name's ("... bảo đảm
    sở, ban, ngành,"), which belong to the row's other columns, not to nothing."""
    after = dict(kept)
    out = []
    for number, part in parts:
        tokens, left = part.split(), after.get(number, "").split()
        if len(left) < len(tokens):
            out.append((number, " ".join(tokens[len(left) :])))
    return out


def _give_to_fragments(row: Row, number: int, words: str) -> None:
    """Put words taken off the name's end on their line's fragments, left of the line's rest.

    They are the other columns' words; the parse step's repairs read the fragments (an output
    "Quyết định của chủ" finished by "tịch UBND tỉnh" below, "tịch" read at a name's end).
    """
    _place_fragments(row, number, [words])


def _give_lines_to_fragments(row: Row, parts: Sequence[tuple[int, str]]) -> None:
    """Put the other columns' lines taken off the name on the row's fragments, in line order.

    A line the first column's cut gave the name whole ("Công nghệ; các | trình đầu tư",
    "sở, ban, ngành, | tướng Chính") and the name's repairs took off again holds only the
    other columns' words: the parse step's agency repairs read the fragments line by line
    (a partner's listed collective, "Công nghệ; các" / "sở, ban, ngành," / "địa phương"),
    so the line takes its place among them, cut at its gap marks.
    """
    for number, words in parts:
        if pieces := _fragments(words):
            _place_fragments(row, number, pieces)


def _place_fragments(row: Row, number: int, pieces: list[str]) -> None:
    """Put ``pieces`` left of line ``number``'s fragments, or as that line's own among the
    row's in line order: the repairs read a cell's wrapped words line after line (a name's
    bled last line "internet, công" goes above the "nghệ thông tin" below it, not after)."""
    k = next((k for k, (n, _p) in enumerate(row.fragments) if n >= number), len(row.fragments))
    if k < len(row.fragments) and row.fragments[k][0] == number:
        row.fragments[k] = (number, [*pieces, *row.fragments[k][1]])
    else:
        row.fragments.insert(k, (number, pieces))


def _give_to_rests(rests: list[tuple[int, str]], parts: Sequence[tuple[int, str]]) -> None:
    """Put the other columns' lines and words taken off the name on the rests the per-line
    segmentation reads, left of their line's rest: an output's or partners' wrapped line
    the first column's cut gave the name ("sở, ban, ngành, | tướng Chính") stays in its cell."""
    for number, words in parts:
        k = next((k for k, (n, _rest) in enumerate(rests) if n >= number), len(rests))
        if k < len(rests) and rests[k][0] == number:
            rests[k] = (number, f"{words} {rests[k][1]}")
        else:
            rests.insert(k, (number, words))


def _segment_kinds(others: Sequence[ColumnSpec]) -> list[str]:
    """The segmentation's column kinds: the name's prose, then the other columns but a deadline."""
    kinds = [column_kind(c.fits, first=False) for c in others]
    return [PROSE, *[k for k in kinds if k != DEADLINE]]


def _carry(streams: dict[str, Cell], others: Sequence[ColumnSpec]) -> Carry:
    """The other columns' cells so far, indexed as ``_segment_kinds`` lists them."""
    cols = [c for c in others if column_kind(c.fits, first=False) != DEADLINE]
    return Carry({j + 1: streams[c.name].text for j, c in enumerate(cols) if c.name in streams})
