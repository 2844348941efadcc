"""The task table (danh mục nhiệm vụ): sections and every task with its fields.

Finds the appendix table whose header names the task columns (TT, Tên nhiệm vụ, Cơ quan chủ
trì, Cơ quan phối hợp, Kết quả, Thời gian hoàn thành), rebuilds its rows with the layout step
and turns each numbered row into a ``Task``: agencies split into single agencies and repaired
against the directory, the deadline kept as printed and parsed. Plans that number their tasks
in prose instead of a table are read by ``parse_prose_tasks``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import pairwise

from theodoi.ingest.layout.classify import roman_value
from theodoi.ingest.layout.debris import is_syllable
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.layout.output_lists import COLLECTIVE_WORDS, TAKES_COLLECTIVE
from theodoi.ingest.layout.table import ColumnSpec, Row, find_table, rebuild_rows
from theodoi.ingest.normalise.agencies import (
    AGENCY_DIRECTORY,
    agency_continuation,
    agency_score,
    compact_directory_match,
    complete_agency,
    known_agency,
    names_a_collective,
    names_within,
    one_collective_reading,
    resolve_agency,
    split_agencies,
    trim_to_known_agency,
)
from theodoi.ingest.normalise.deadlines import (
    is_deadline_text,
    parse_deadline,
    tidy_deadline,
)
from theodoi.ingest.normalise.month_years import repair_table_years
from theodoi.ingest.parse.association_names import with_associations
from theodoi.ingest.parse.bare_collectives import with_bare_collective
from theodoi.ingest.parse.beside_collective_lead import partners_beside_collective
from theodoi.ingest.parse.collective_lead import collective_lead
from theodoi.ingest.parse.faint_words import WORD_EDGE as _WORD_EDGE
from theodoi.ingest.parse.faint_words import (
    another_word,
    directory_entries,
    directory_words,
    word_like,
    words_found,
)
from theodoi.ingest.parse.faint_words import fragment_words as _fragment_words
from theodoi.ingest.parse.faint_words import word_places as _word_places
from theodoi.ingest.parse.fuller_matches import fuller_read
from theodoi.ingest.parse.fuller_readings import fuller_reading
from theodoi.ingest.parse.garbled_middle import name_by_head_and_end
from theodoi.ingest.parse.garbled_names import with_told_names
from theodoi.ingest.parse.head_debris import without_head_debris
from theodoi.ingest.parse.head_rest_below import lead_with_rest_below
from theodoi.ingest.parse.headless_name import headless_name, with_listed_tails
from theodoi.ingest.parse.heads_above import with_heads_above
from theodoi.ingest.parse.kind_objects import kind_is_object
from theodoi.ingest.parse.lead_end_above import lead_from_end_above
from theodoi.ingest.parse.lead_habit import lead_by_habit
from theodoi.ingest.parse.lead_list import with_listed_head, with_listed_leads
from theodoi.ingest.parse.lead_list_collective import with_listed_collective_lead
from theodoi.ingest.parse.left_lead import place_found_names
from theodoi.ingest.parse.list_head_partner import lead_heading_partners
from theodoi.ingest.parse.listed_collectives import with_listed_collective
from theodoi.ingest.parse.listed_lead import lead_after_listed_partners, listed_after
from theodoi.ingest.parse.listed_tail_lead import lead_of_listed_tail
from theodoi.ingest.parse.lost_collective import with_lost_collectives
from theodoi.ingest.parse.name_lead_tail import lead_tail_in_name
from theodoi.ingest.parse.named_lead import lead_left_of_collective, named_lead
from theodoi.ingest.parse.open_collectives import with_open_collectives
from theodoi.ingest.parse.parallel_items import stop_between_items
from theodoi.ingest.parse.partner_word_lead import lead_of_partner_words
from theodoi.ingest.parse.possessed_names import without_possessed
from theodoi.ingest.parse.press_names import with_press_names
from theodoi.ingest.parse.related_tails import related_tail
from theodoi.ingest.parse.sections import recover_sections, sections_from_rows
from theodoi.ingest.parse.short_collectives import short_collective
from theodoi.ingest.parse.sibling_names import with_plan_siblings
from theodoi.ingest.parse.tail_collectives import with_tail_collective
from theodoi.ingest.parse.tail_partners import with_tail_partner
from theodoi.ingest.parse.twin_collectives import with_twin_collectives
from theodoi.ingest.parse.twin_lead import lead_beside_twin
from theodoi.ingest.parse.university_names import mend_university
from theodoi.ingest.parse.university_places import finish_university_places
from theodoi.ingest.parse.unread_collectives import with_unread_collectives
from theodoi.ingest.parse.unread_partner import with_unread_partner
from theodoi.ingest.parse.usual_lead import with_usual_lead
from theodoi.ingest.parse.wrapped_heads import with_wrapped_head_names
from theodoi.ingest.plan import GUESSED_CONFIDENCE, Provenance, Section, Task
from theodoi.ingest.text import collapse_spaces, holds_run
from theodoi.ingest.text import fold as _plain_fold

fold = lru_cache(maxsize=1 << 16)(_plain_fold)  # folding the same cell texts again and again


# Kinds of expected output (kết quả / sản phẩm) that open an output cell.
OUTPUT_WORDS = (
    "ke hoach",
    "quyet dinh",
    "de an",
    "bao cao",
    "van ban",
    "chuong trinh",
    "hoat dong",
    "chi thi",
    "nghi quyet",
    "nghi dinh",
    "he thong",
    "nen tang",
    "co so du lieu",
    "tai lieu",
    "huong dan",
    "thong tu",
    "cong van",
    "to trinh",
    "danh sach",
    "mang luoi",
    "san pham",
    "hoi nghi",
    "hoi thao",
    "thoa thuan",
    "du an",
    "chinh sach",
    "quy che",
    "quy dinh",
    "quy trinh",
    "cac quy trinh",
    "ung dung",
    "dich vu",
    "ty le",
    "ti le",
    "dat ",
    "duoc ",
    "hoan thanh",
    "trien khai",
    "tham muu",
    "co che",
    "bo chi so",
    "ket qua",
    "phong trao",
    "mo hinh",
    "khoa dao tao",
    "lop",
    "cuoc thi",
    "giai thuong",
)

TASK_HEADER = (
    ("nhiem v", "noi dung"),
    (
        "chu tri",
        "phoi hop",
        "thoi gian",
        "thoi han",
        "hoan thanh",
        "ket qua",
        "co quan thuc hien",
        "don vi thuc hien",
        "tien do",
        "san pham",
    ),
)


def _name_fit(text: str) -> float:
    return 0.7


def _agency_fit(text: str) -> float:
    if is_deadline_text(text):
        return 0.0
    return agency_score(text)


def _output_fit(text: str) -> float:
    key = fold(text)
    if is_deadline_text(text):
        return 0.05
    if key.startswith(OUTPUT_WORDS):
        return 0.95
    score = agency_score(text)
    return 0.6 if score < 0.5 else 0.3


def _deadline_fit(text: str) -> float:
    if is_deadline_text(text):
        return 1.0
    parsed = parse_deadline(text)
    if parsed and parsed["kind"] not in ("unknown",) and len(fold(text).split()) <= 16:
        return 0.7
    return 0.0


def _lead_continues(cell: str, fragment: str) -> float:
    """Like ``agency_continuation``, but a lead cell rarely takes a second agency."""
    score = agency_continuation(cell, fragment)
    if fragment[:1].isupper() and agency_score(fragment) >= 0.8 and score < 0.9:
        return min(score, 0.45)
    return score


def _output_continues(cell: str, fragment: str) -> float:
    if is_deadline_text(fragment) or agency_score(fragment) >= 0.8:
        return 0.1
    if re.search(r"[.;]\s*$", cell):
        return 0.3
    return 0.7 if fragment[:1].islower() else 0.55


TASK_COLUMNS = (
    ColumnSpec("name", _name_fit, header=("ten nhiem", "nhiem vu", "noi dung"), first=True),
    ColumnSpec(
        "lead",
        _agency_fit,
        header=("chu tri", "don vi thuc hien", "co quan thuc hien"),  # one agency column, no partners
        continues=_lead_continues,
    ),
    ColumnSpec("support", _agency_fit, header=("phoi hop",), continues=agency_continuation),
    ColumnSpec("output", _output_fit, header=("ket qua", "san pham"), continues=_output_continues),
    ColumnSpec(
        "deadline", _deadline_fit, header=("thoi gian", "thoi han", "hoan thanh", "tien do", "lo trinh")
    ),
)


@dataclass
class TaskTable:
    """What the task parser found: sections, tasks, warnings (Vietnamese), the layout."""

    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    layout: str | None = None
    rows: list[Row] = field(default_factory=list)


def parse_tasks(lines: Sequence[Line]) -> TaskTable:
    """Find the task table in ``lines`` and return its sections and tasks."""
    region = find_table(lines, header_terms=TASK_HEADER, stop_terms=("chi tieu", "don vi"))
    if region is None:
        prose = parse_prose_tasks(lines)
        if prose.tasks:
            return prose
        return TaskTable(warnings=["Không tìm thấy bảng danh mục nhiệm vụ (phụ lục nhiệm vụ) trong văn bản."])
    table = lines[region.start : region.end]
    rows = rebuild_rows(table, TASK_COLUMNS, skip=region.header)
    if rows and rows[0].layout == "interleaved":
        rows = recover_sections(rows, lines[: region.start], table)
    result = TaskTable(layout=rows[0].layout if rows else None, rows=rows)
    if result.layout == "interleaved":
        result.warnings.append(
            "Bảng nhiệm vụ được dựng lại từ văn bản quét (OCR), các cột bị xen lẫn: tên nhiệm vụ, "
            "cơ quan chủ trì, phối hợp, kết quả và thời hạn có độ tin cậy thấp, cần đối chiếu bản gốc."
        )
    result.sections = sections_from_rows(rows)
    section: str | None = None
    task_rows: list[Row] = []
    for row in rows:
        if row.kind == "section":
            section = row.code
            continue
        task = task_from_row(row, section)
        if task is not None:
            result.tasks.append(task)
            task_rows.append(row)
    if result.layout == "interleaved":
        _repair_deadline_years(result.tasks)
        with_lost_collectives(result.tasks, [r.text("lead") for r in task_rows])
        with_unread_collectives(result.tasks, [r.fragments for r in task_rows])
        with_unread_partner(result.tasks, [r.fragments for r in task_rows])
        with_twin_collectives(result.tasks, [r.fragments for r in task_rows])
        lead_by_habit(result.tasks, [r.fragments for r in task_rows])
        with_plan_siblings(result.tasks, [r.fragments for r in task_rows])
        with_usual_lead(result.tasks, [r.fragments for r in task_rows])
        finish_university_places(result.tasks, task_rows)
    if not result.tasks:
        result.warnings.append("Đã thấy bảng nhiệm vụ nhưng không đọc được dòng nhiệm vụ nào; cần nhập tay.")
    result.warnings.extend(_sequence_warnings(result.tasks))
    return result


def _repair_deadline_years(tasks: list[Task]) -> None:
    """OCR'd deadline years lost or in a past decade, read from the table's (see repair_table_years)."""
    for task, deadline in zip(tasks, repair_table_years([t.deadline for t in tasks]), strict=True):
        if deadline != task.deadline:
            task.deadline, task.deadline_parsed = deadline, parse_deadline(deadline)


def task_from_row(row: Row, section: str | None) -> Task | None:
    """Turn a rebuilt row into a Task; None when the row has no name."""
    ocr = row.layout == "interleaved"
    name = clean_text(strip_ocr_debris(row.text("name")) if ocr else row.text("name"))
    if ocr:
        name = drop_tail_after_sentence(stop_between_items(name))
    if not name:
        return None
    confidence: dict[str, float] = {"name": row.cells["name"].confidence}
    lead, lead_conf = agencies(row.text("lead"), trim=ocr)
    if ocr and not all(known_agency(name) for name in lead) and (rebuilt := _lead_from_line_starts(row)):
        lead, lead_conf = [rebuilt], 0.5
    support, support_conf = agencies(row.text("support"), trim=ocr)
    if ocr:
        lead, lead_conf = repair_ocr_agencies(lead, lead_conf, row.fragments)
        support, support_conf = repair_ocr_agencies(support, support_conf, row.fragments)
        lead_as_read = {fold(n) for n in lead}
        lead = lengthen_first_agency(lead, row.text("lead"))
        support = lengthen_first_agency(support, row.text("support"))
        lead, support, lead_conf, support_conf = _with_row_agencies(
            row, lead, support, lead_conf, support_conf
        )
        collective = names_a_collective(row.text("lead"))  # the lead cell read "Các" but no name
        if not lead and (
            faint := faint_directory_name(row.fragments, exclude=support, collectives=collective)
        ):
            lead, lead_conf = [faint], 0.3
        if not lead and (found := agencies_in_fragments(row.fragments)):
            lead, lead_conf = found[:1], 0.3  # the row names no other agency than its partners
        if not lead and not support and (headless := headless_name(row.fragments)):
            lead, lead_conf = [headless], 0.3
        lead = _distinct([wrapped_collective(n, row.fragments, name) for n in lead])
        support = _distinct([wrapped_collective(n, row.fragments, name) for n in support])
        if not support and (faint := faint_directory_name(row.fragments, exclude=lead, collectives=True)):
            support, support_conf = [faint], 0.3
        lead, support = narrow_ocr_lead(lead, support, row.fragments)
        support = one_collective_reading(support)
        lead, support = order_lead_and_partner(lead, support, row.fragments)
        found, lines = agencies_in_fragments(row.fragments), _fragment_words(row.fragments)
        lead, support = place_found_names(lead, support, found, lines, _word_places, _stands_left_of)
        lead, support = lead_after_listed_partners(lead, support, row.fragments, found)
        support = with_tail_partner(with_listed_collective(support, lead, row.fragments), lead, row.fragments)
        support = with_open_collectives(
            with_tail_collective(support, lead, row.fragments), lead, row.fragments
        )
        lead, support = with_press_names(lead, support, row.fragments)
        support = with_bare_collective(
            without_possessed(support, row.fragments), lead, row.text("support"), row.fragments
        )
        support = with_associations(support, lead, row.text("support"))
        lead, support, lead_conf = lead_of_partners_only(lead, support, lead_conf, support_conf)
        lead, support = with_wrapped_head_names(lead, support, row.fragments)
        faint = partial(faint_directory_name, row.fragments, exclude=lead, collectives=True)
        lead, support = collective_lead(lead, support, row.fragments, faint)
        lead = with_told_names(lead_with_rest_below(lead, row.fragments))
        lead, support = named_lead(lead, support, row.fragments)
        lead, support = lead_left_of_collective(lead, support, row.fragments)
        lead, support = with_heads_above(lead, support, row.fragments)
        lead, support = with_listed_leads(lead, support, row.fragments, found)
        lead = with_listed_head(lead, row.fragments)
        lead, support = lead_of_listed_tail(lead, support, row.fragments, found)
        lead = [mend_university(n, row.fragments) for n in with_listed_tails(lead, support, row.text("lead"))]
        support = partners_beside_collective(lead, support, found, row.fragments)
        lead, support = _distinct(lead), _distinct(support)  # the repairs above may name one twice
        lead, support = lead_beside_twin(lead, support, row.text("lead"))
        lead, support = lead_heading_partners(lead, support, row.fragments, name)
        lead = lead_from_end_above(lead, row.fragments)
        lead, support = with_listed_collective_lead(lead, support, row.text("lead"))
        lead, support = lead_of_partner_words(lead, support, row.fragments)
        name, lead = lead_tail_in_name(name, lead, support, row.text("lead") or "", row.fragments)
        support = without_head_debris(
            [
                fuller_reading(related_tail(n, row.fragments, row.text("support")), row.fragments)
                for n in support
            ]
        )
        if lead and {fold(n) for n in lead} != lead_as_read:  # moved in by the repairs: a guess
            lead_conf = min(lead_conf, GUESSED_CONFIDENCE)
    for key, values, conf in (("lead", lead, lead_conf), ("support", support, support_conf)):
        cell = row.cells.get(key)
        guessed = 0.5 if not values else GUESSED_CONFIDENCE  # no cell: empty, or names found elsewhere
        confidence[key] = round(min(conf, cell.confidence if cell else guessed), 3)
    output = clean_text(strip_ocr_debris(row.text("output")) if ocr else row.text("output")) or None
    if ocr and output:
        output = accent_output_phrases(_from_output_word(drop_collective_bleed(drop_date_debris(output))))
        output = restore_output_head(drop_garbled_words(output))
        output, taken = finish_output_issuer(output, row)
        if not taken:  # an issuer cut short and followed by debris: "Quyết định của chủ ở"
            output, taken = finish_output_issuer(drop_open_end(output), row)
        if not taken:
            output, taken = finish_inner_issuer(output, row)
        output = end_at_issuer(output)
        lead = [n for n in lead if fold(n) not in taken]
        support = [n for n in support if fold(n) not in taken] or support_after_issuer(support, lead, row)
    deadline = clean_text(row.text("deadline")) or None
    if ocr and deadline:
        deadline = tidy_deadline(deadline)
    confidence["output"] = row.cells["output"].confidence if "output" in row.cells else 0.5
    confidence["deadline"] = row.cells["deadline"].confidence if "deadline" in row.cells else 0.5
    parsed = parse_deadline(deadline)
    if parsed and parsed["kind"] == "unknown":
        confidence["deadline"] = min(confidence["deadline"], 0.4)
    confidence["code"] = row.confidence
    return Task(
        section=section,
        code=row.code,
        name=name,
        lead=lead,
        support=support,
        output=output,
        deadline=deadline,
        deadline_parsed=parsed,
        provenance=Provenance(source_lines=sorted(row.lines), confidence=confidence),
    )


def drop_tail_after_sentence(name: str, *, max_words: int = 8) -> str:
    """Drop a few words left after an OCR'd task name's closing full stop.

    A name printed as a sentence ends with "."; the row's lines below it hold only the other
    columns, whose words an OCR'd row may add to the name ("... các ngành STEM. xã hội
    nghệ, Sở Tài"). A short tail after the last full stop is dropped; a long one is a second
    sentence of the name ("... của tỉnh. Trong đó bố trí ít nhất 3% ngân sách ..."). An
    ellipsis closing a list ("... giao thông, y tế,... phương nghệ thông tin") ends it too.
    """
    stops = list(re.finditer(r"(?<!\d)\.(?=\s)", name))
    if not stops:
        return name
    tail = name[stops[-1].end() :].split()
    head = name[: stops[-1].end()]
    if not tail or len(tail) > max_words or len(tail) > 0.5 * len(head.split()):
        return name
    if tail[0][:1].isupper() and len(tail) >= 4 and fold(tail[0]) not in _AGENCY_HEADS:
        return name  # a second sentence opening
    return head


def agencies(text: str | None, *, trim: bool = False) -> tuple[list[str], float]:
    """Split an agency cell and repair each name; return the names and the lowest confidence.

    ``trim`` (OCR'd tables): a name that opens with a directory name followed by debris from
    another column is cut back to the directory name.
    """
    names: list[str] = []
    worst = 1.0
    for part in split_agencies(text or ""):
        if trim and known_agency(part) is not None:
            pass  # a whole directory name ("Các sở, ngành, địa phương") is not cut to its start
        elif trim and (trimmed := trim_to_known_agency(part)) is not None:
            part, conf = trimmed
            worst = min(worst, conf)
        elif trim and (completed := complete_agency(part)) is not None:
            part, conf = completed
            worst = min(worst, conf)
        name, conf = resolve_agency(part)
        names.append(name)
        worst = min(worst, conf)
    return names, round(worst, 3)


def repair_ocr_agencies(
    names: list[str], confidence: float, fragments: Sequence[tuple[int, list[str]]] = ()
) -> tuple[list[str], float]:
    """Repair the agency names of an OCR'd cell against the directory, drop debris.

    A name that is not in the directory is replaced by the directory name it opens with
    (``directory_name_in``: neighbouring columns' words interleave with it, its end may be
    lost); a leftover that does not read as an agency at all is debris from another column
    and is dropped. A collective the row prints short stays short (``short_collective``).
    """
    out: list[str] = []
    worst = confidence
    for name in names:
        if known_agency(name):
            found: str | None = name
        elif (found := short_collective(name, fragments)) is not None:
            pass
        elif (
            found := directory_name_in(name) or compact_directory_match(name) or name_by_head_and_end(name)
        ) is not None:
            worst = min(worst, 0.5)
        elif agency_score(name) >= 0.8 and name[:1].isupper():
            found = name
        else:
            worst = min(worst, 0.5)
            continue
        if all(fold(found) != fold(x) for x in out):
            out.append(found)
    return out, round(worst, 3)


def lengthen_first_agency(names: list[str], cell: str | None) -> list[str]:
    """Give an OCR'd cell's first agency the longer directory name its cell spells out.

    A wrapped collective cell ("Các sở, ban," / "ngành, địa" / "phương") reaches the cell with
    other columns' words between its lines' words, so the cell is split and trimmed to the
    first whole name it opens with ("Các sở, ban, ngành"). When a longer directory name
    beginning the same way is the one name the cell's words spell (``directory_name_in``,
    a few other words apart at most; its last words may be lost to a neighbour, as
    ``directory_name_in`` allows) and at least its next word follows in order, that name is
    the one printed.
    """
    if not names or not cell:
        return names
    longer = directory_name_in(cell, opening=2, gap=8)
    first = fold(names[0])
    if longer is None or len(fold(longer)) <= len(first) or not fold(longer).startswith(first):
        return names
    words = iter(re.findall(r"\w+", fold(cell)))
    wanted = re.findall(r"\w+", fold(longer))[: len(re.findall(r"\w+", first)) + 1]
    if not all(word in words for word in wanted):
        return names  # not even the longer name's next word follows (an in-order scan)
    return [longer, *(n for n in names[1:] if fold(n) != fold(longer))]


# Folded words that open a directory name when capitalised.
_AGENCY_HEADS = frozenset({fold(name).split()[0] for name in AGENCY_DIRECTORY})


def agencies_in_fragments(fragments: Sequence[tuple[int, list[str]]]) -> list[str]:
    """Return the directory names found in an OCR'd row's other-column text, in reading order.

    The row's fragments right of the name are read line after line; a capitalised agency
    head opens a search for the directory name it starts (``directory_name_in`` allows the
    other columns' words that interleave with a wrapped cell).
    """
    tokens = " ".join(piece for _number, pieces in fragments for piece in pieces).split()
    found: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token[:1].isupper() and fold(token).strip(_WORD_EDGE) in _AGENCY_HEADS:
            name = directory_name_in(" ".join(tokens[i : i + 16]), opening=2, gap=6)
            if name is not None:
                if all(fold(name) != fold(x) for x in found):
                    found.append(name)
                i += _opening_words(name, tokens[i:])
                continue
        i += 1
    return found


def _opening_words(name: str, tokens: Sequence[str]) -> int:
    """How many of ``tokens`` spell ``name``'s words one after another from the first (one at least).

    A wrapped name's words stand apart ("Sở Khoa học" + "Các sở, ngành," + ... + "và Công"):
    the search goes on right after the words read together, not a name's length further.
    """
    words = re.findall(r"\w+", fold(name))
    k = 0
    while k < min(len(words), len(tokens)) and word_like(fold(tokens[k]).strip(_WORD_EDGE), words[k]):
        k += 1
    return max(k, 1)


def _with_row_agencies(
    row: Row, lead: list[str], support: list[str], lead_conf: float, support_conf: float
) -> tuple[list[str], list[str], float, float]:
    """Complete OCR'd lead and partner cells with the directory names found in the row.

    Column assignment of OCR fragments fails often; the directory names the row's other
    columns hold are a second reading: a partner name is lengthened to a longer directory
    name found ("Các sở, ban, ngành" to "Các sở, ban, ngành, địa phương" when the wrapped
    words are there), and an empty lead or partner cell takes the names found that the
    other agency cell does not hold (nor a shorter reading of one: "Các sở, ngành" found
    beside the partners' "Các sở, ngành, địa phương" is that cell's own name).
    """
    found = agencies_in_fragments(row.fragments)
    if not found:
        return lead, support, lead_conf, support_conf

    def longer(name: str) -> str:
        key = fold(name)
        ext = [f for f in found if fold(f).startswith(key) and len(fold(f)) > len(key)]
        return max(ext, key=len) if ext else name

    support = [longer(name) for name in support]
    lead = [longer(name) for name in lead]
    if not lead:  # a partner's name is the lead only when the row names no other (``task_from_row``)
        lead = [f for f in found if not any(names_within(f, x) or names_within(x, f) for x in support)][:1]
        lead_conf = 0.4 if lead else lead_conf
    if not support:
        taken = {fold(x) for x in lead}
        support = [
            f for f in found if fold(f) not in taken and not any(fold(x).startswith(fold(f)) for x in lead)
        ]
        support_conf = 0.4 if support else support_conf
    return lead, support, lead_conf, support_conf


def _distinct(names: list[str]) -> list[str]:
    """The names in order, each once (two cut names may be lengthened to the same one)."""
    seen: set[str] = set()
    return [n for n in names if not (fold(n) in seen or seen.add(fold(n)))]


def _stands_left_of(left: str, right: str, lines: Sequence[Sequence[str]]) -> bool:
    """Whether, on a line that holds words of both names, a word of ``left`` comes first.

    Only words the two names do not share, of three letters or more, count ("và", "sở" do
    not tell one name from the other).
    """
    a, b = _word_places(left, lines), _word_places(right, lines)
    shared = {w for _l, _t, w in a} & {w for _l, _t, w in b}
    a = [(li, ti) for li, ti, w in a if len(w) >= 3 and w not in shared]
    b = [(li, ti) for li, ti, w in b if len(w) >= 3 and w not in shared]
    return any(la == lb and ta < tb for la, ta in a for lb, tb in b)


def support_after_issuer(support: list[str], lead: list[str], row: Row) -> list[str]:
    """The partners left when the output took their one name as its issuer ("UBND tỉnh" of
    "Quyết định của chủ tịch UBND tỉnh"): the collective faintly read in the row, as for an
    empty partners' cell (``faint_directory_name``), else none."""
    faint = faint_directory_name(row.fragments, exclude=lead, collectives=True) if support else None
    return [faint] if faint else []


def faint_directory_name(
    fragments: Sequence[tuple[int, list[str]]], *, exclude: Sequence[str] = (), collectives: bool = False
) -> str | None:
    """The one directory name whose telling words an OCR'd row's other columns still hold.

    When OCR has garbled an agency's head ("Sở" read as ">0", "59") no name opens with it
    and the lead is left empty, though words of the name survive on the row's lines
    ("noã học" / "nghệ"). The words of three letters or more after the head, "tỉnh" aside,
    are sought in order in the fragments (``words_found``); a name
    counts when it has two such words or more and half of them are found, and when no other
    name is found as well. ``collectives``: seek only collectives ("Các ...", "UBND các xã,
    phường"; an empty partners' cell: three words found at least, "các" aside, so that
    "địa phương" alone does not make one) or only the other names (an empty lead: the
    collectives are the partners' cells more often than not). A name that is, or holds, or
    is held by, a name of ``exclude`` (the other agency cell) is not sought.
    """
    placed = [(li, w) for li, words in enumerate(_fragment_words(fragments)) for w in words if w]
    tokens, lines = [w for _li, w in placed], [li for li, _w in placed]
    if not tokens:
        return None
    best: list[tuple[float, int, str]] = []
    for key, entry in directory_entries():
        if ("cac" in key.split()) != collectives or any(
            names_within(x, entry) or names_within(entry, x) for x in exclude
        ):
            continue
        wanted = [w for w in key.split()[1:] if len(w) >= 3 and w not in ("tinh", "cac")]
        if len(wanted) < 2:
            continue
        found = words_found(tokens, wanted, lines)
        if found >= (3 if collectives else 2) and found / len(wanted) >= 0.5:
            best.append((found / len(wanted), found, entry))
    best.sort(reverse=True)
    if not best or (len(best) > 1 and best[1][:2] == best[0][:2]):
        return None
    return best[0][2]


# Who issues an output ("Quyết định của Chủ tịch UBND tỉnh"): the titles an output cell names
# after "của", besides the agency directory's names.
OUTPUT_ISSUERS = (
    "Chủ tịch UBND tỉnh",
    "Chủ tịch Ủy ban nhân dân tỉnh",
    "Thủ tướng Chính phủ",
    "cấp có thẩm quyền",
    "HĐND tỉnh",
    "Hội đồng nhân dân tỉnh",
    "Chính phủ",
)
# How many fragment lines below the output cell's last one may hold the issuer's rest.
_ISSUER_WRAP_LINES = 2


@lru_cache(maxsize=1)
def _issuer_keys() -> tuple[tuple[tuple[str, ...], str], ...]:
    names = (*OUTPUT_ISSUERS, *AGENCY_DIRECTORY)
    return tuple((tuple(re.findall(r"\w+", fold(n))), n) for n in names)


def finish_output_issuer(output: str, row: Row) -> tuple[str, set[str]]:
    """Finish an OCR'd output cell cut inside the issuer it names ("Quyết định của chủ").

    The output column wraps like the others: "Quyết định của chủ" ends one line and "tịch
    UBND tỉnh" opens the row's next line, where the column cut often gives it to the lead
    or partner cell ("UBND tỉnh" reads as an agency). When the cell ends with "của" and the
    start of an issuer's name (a title such as "Chủ tịch UBND tỉnh", or a directory name),
    and the issuer's missing words follow one another in the row's fragments on the next
    ``_ISSUER_WRAP_LINES`` lines, they finish the output. Returns the output and the folded
    agency names those words made (to take out of the agency cells).
    """
    m = re.search(r"\bcủa\s+((?:\S+\s*){1,3})$", output, flags=re.IGNORECASE)
    cell = row.cells.get("output")
    if m is None or cell is None or not cell.lines or not row.fragments:
        return output, set()
    said = tuple(re.findall(r"\w+", fold(m.group(1))))
    found = _issuer_rest(said, row, max(cell.lines))
    if found is None:
        return output, set()
    return " ".join([output, *found[0]]), found[1]


def finish_inner_issuer(output: str, row: Row) -> tuple[str, set[str]]:
    """Finish an issuer cut short inside an OCR'd output cell ("Quyết định của chủ Du lịch").

    Like ``finish_output_issuer``, but other words came after the issuer's start (a
    neighbour's wrapped words, a name's last line); the issuer's missing words are looked
    for below the fragment line that printed "của" and its start, and go in right after it.
    """
    tokens = output.split()
    keys = [fold(t).strip(_WORD_EDGE) for t in tokens]
    for j in range(len(keys) - 2, -1, -1):
        if keys[j] != "cua":
            continue
        n = 0  # how many words after "của" start an issuer's name
        while j + 1 + n < len(keys) and _issuer_start(tuple(keys[j + 1 : j + 2 + n])):
            n += 1
        said = tuple(keys[j + 1 : j + 1 + n])
        if not n or j + 1 + n == len(keys) or said in _issuer_names():
            continue  # no issuer, one at the cell's end (``finish_output_issuer``), or one printed whole
        line = next(
            (number for number, words in _fragment_lines(row) if holds_run(words, ("cua", *said))), None
        )
        found = _issuer_rest(said, row, line) if line is not None else None
        if found is not None:
            cut = j + 1 + n
            return " ".join([*tokens[:cut], *found[0], *tokens[cut:]]), found[1]
    return output, set()


# Words an output goes on with after its issuer ("Kế hoạch của UBND tỉnh được ban hành").
_AFTER_ISSUER = frozenset(
    {"duoc", "ve", "va", "theo", "tai", "trong", "cho", "nam", "giai", "ban", "phe", "de"}
)


def end_at_issuer(output: str) -> str:
    """End an OCR'd output cell at the issuer it names when stray words follow it.

    "Quyết định của chủ tịch UBND tỉnh bảo thân thiện, dễ hiểu": an output naming who issues
    it ("của" and a whole issuer) is done there unless a mark, a capitalised word (a second
    output: "..., Quyết định") or a word carrying the phrase on ("được ban hành", "về", "và")
    follows; lowercase words of any other kind are a neighbour's (the name's last line).
    """
    tokens = output.split()
    keys = [fold(t).strip(_WORD_EDGE) for t in tokens]
    longest = max(map(len, _issuer_names()))
    for j, key in enumerate(keys):
        if key != "cua":
            continue
        for n in range(min(longest, len(keys) - j - 2), 0, -1):
            end = j + 1 + n
            if tuple(keys[j + 1 : end]) not in _issuer_names():
                continue
            if (
                tokens[end - 1][-1:] not in ",;.:"
                and tokens[end][:1].islower()
                and keys[end] not in _AFTER_ISSUER
            ):
                return " ".join(tokens[:end])
            break  # the longest issuer said is followed by a mark or the phrase's own words
    return output


@lru_cache(maxsize=1)
def _issuer_names() -> frozenset[tuple[str, ...]]:
    return frozenset(key for key, _n in _issuer_keys())


def _issuer_start(words: tuple[str, ...]) -> bool:
    """Whether ``words`` start an issuer's name, or are one whole."""
    return words in _issuer_names() or bool(_issuer_wanted(words))


def _fragment_lines(row: Row) -> list[tuple[int, list[str]]]:
    return [
        (number, words)
        for (number, _p), words in zip(row.fragments, _fragment_words(row.fragments), strict=True)
    ]


def _issuer_wanted(said: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The missing words of each issuer whose name starts with the words ``said``."""
    return [
        key[len(said) :] for key, _n in _issuer_keys() if len(key) > len(said) and key[: len(said)] == said
    ]


def _issuer_rest(said: tuple[str, ...], row: Row, after: int) -> tuple[list[str], set[str]] | None:
    """The printed words that finish the issuer begun with ``said`` on the fragment lines
    below line ``after``, and the folded agency names they made; None when not there."""
    wanted = _issuer_wanted(said)
    if not wanted:
        return None
    below = [pieces for number, pieces in row.fragments if number > after][:_ISSUER_WRAP_LINES]
    printed = " ".join(p for pieces in below for p in pieces).split()
    words = [fold(t).strip(_WORD_EDGE) for t in printed]
    named = set(re.findall(r"\w+", fold(row.text("name") or "")))
    for rest in sorted(wanted, key=len, reverse=True):
        # the issuer's first missing word may have gone to the name ("... hóa : tịch")
        skip = 1 if len(rest) >= 3 and rest[0] in named else 0
        for i in range(len(words) - len(rest) + 1 + skip):
            if tuple(words[i : i + len(rest) - skip]) == rest[skip:]:
                found = printed[i : i + len(rest) - skip]
                taken = {fold(" ".join(found[k:])).strip(_WORD_EDGE) for k in range(len(found) - 1)}
                lost = _issuer_words(said + rest)[len(said) : len(said) + skip]
                return [*lost, *found], taken
    return None


def _issuer_words(key: tuple[str, ...]) -> list[str]:
    """The printed words of the issuer whose folded words are ``key``."""
    name = next(n for k, n in _issuer_keys() if k == key)
    return re.findall(r"\w+", name)


def narrow_ocr_lead(
    lead: list[str], support: list[str], fragments: Sequence[tuple[int, list[str]]]
) -> tuple[list[str], list[str]]:
    """Drop from an OCR'd lead of several names what other columns' words made of it.

    A lead cell holds one agency most often; the OCR'd cell gathers partners' and outputs'
    words besides. Of a lead of several names: a name that is no directory name when
    another is (words of other columns), a name that is also a partner, and a name whose
    words are another lead name's (a second reading of the same wrapped cell) are dropped;
    a name the first lead name stands left of on a line (and never right of) is a partner,
    unless it is the next name of the first one's list (``listed_after``).
    """
    if len(lead) < 2:
        return lead, support
    known = [n for n in lead if known_agency(n)]
    out = [n for n in lead if known_agency(n)] if known else list(lead)
    if len(out) > 1:
        partners = {fold(n) for n in support}
        out = [n for n in out if fold(n) not in partners] or out[:1]
    out = [n for n in out if not any(m != n and len(m) > len(n) and names_within(n, m) for m in out)]
    if len(out) > 1 and fragments:
        lines = _fragment_words(fragments)
        moved = [
            n
            for n in out[1:]
            if _stands_left_of(out[0], n, lines)
            and not _stands_left_of(n, out[0], lines)
            and not listed_after(out[0], n, fragments)
        ]
        if moved:
            out = [n for n in out if n not in moved]
            support = [*moved, *(x for x in support if x not in moved)]
    return out, support


def lead_of_partners_only(
    lead: list[str], support: list[str], lead_conf: float = 1.0, support_conf: float = 1.0
) -> tuple[list[str], list[str], float]:
    """Give an empty OCR'd lead the first partner's name: a task always has a lead agency.

    The lead column ("Cơ quan chủ trì") is never left blank in a plan's task table, while the
    partners' one often is; an OCR'd row whose agencies were all read into the partners'
    column (a single agency cell standing right of where the lead's words usually fall) had
    its one cell given to the wrong column. The lead so taken is a guess: its confidence is
    the partner's at most and never above ``GUESSED_CONFIDENCE``, so the review screen lists it.
    """
    if lead or not support:
        return lead, support, lead_conf
    return support[:1], support[1:], min(support_conf, GUESSED_CONFIDENCE)


def order_lead_and_partner(
    lead: list[str], support: list[str], fragments: Sequence[tuple[int, list[str]]]
) -> tuple[list[str], list[str]]:
    """Swap a one-name lead with a partner the row's lines print left of it.

    The lead column stands left of the partners' column, so on a line holding words of both
    cells the lead's come first. A short lead cell is printed half-way down its row while a
    longer partner cell opens on the row's first line ("Các sở, ngành," / "Công an tỉnh địa
    phương"); the fragments are then given to the columns in the wrong order. When the lead
    is one name and a partner's words come before the lead's on some line, and never the
    other way round, the two change places.
    """
    if len(lead) != 1 or not support or not fragments:
        return lead, support
    lines = _fragment_words(fragments)
    for partner in support:
        if _stands_left_of(partner, lead[0], lines) and not _stands_left_of(lead[0], partner, lines):
            return [partner], [lead[0], *(x for x in support if x != partner)]
    return lead, support


# How many of a row's fragment lines after the one a collective name ends on may hold its rest.
_COLLECTIVE_WRAP_LINES = 2


_GOVERNED_BY = frozenset({"cac", "cua", "tai", "o", "va", "cho", "moi", "tung", "voi", "nhung", "tren"})


def _bled_pairs(text: str, extras: Sequence[Sequence[str]]) -> set[str]:
    """The words of a longer name's next pair ("địa phương") standing ungoverned in ``text``."""
    tokens = [fold(t).strip(_WORD_EDGE) for t in text.split()]
    out: set[str] = set()
    for extra in extras:
        if len(extra) < 2:
            continue
        pair = list(extra[:2])
        for i in range(1, len(tokens) - 1):
            if tokens[i : i + 2] == pair and tokens[i - 1] not in _GOVERNED_BY:
                out.update(pair)
    return out


def wrapped_collective(name: str, fragments: Sequence[tuple[int, list[str]]], task_name: str = "") -> str:
    """Lengthen a collective name whose wrapped last words OCR garbled or gave to a neighbour.

    A collective cell wraps over the row's lines ("Các sở, ngành," / "địa phương"); its last
    line is often misread ("ohuon") or its words are cut into another column's fragment
    ("địa I,luận Chiến lược"), so the cell reads as the shorter directory name it opens
    ("Các sở, ngành"). When one of a longer directory name's further words (three letters or
    more: "địa", "phương", "liên", "quan") stands as a word of the row's other-column
    fragments after the name's last word (its first on the line), on its line or the next
    ``_COLLECTIVE_WRAP_LINES`` lines, the longer name is the one printed: the one with the
    most such words found, the shortest on a tie. Names other than collectives ("Các ...")
    and names with no longer entry are returned unchanged. OCR without gap marks also runs
    the wrapped words into the task's name (``task_name``): there they count as a pair of
    the longer name's next words ("địa phương") that the name does not govern itself
    ("... các địa phương", "của địa phương", "tại địa phương" are the name's own).
    """
    key = fold(name)
    if not key.startswith("cac ") or not fragments or short_collective(name, fragments):
        return name
    words = re.findall(r"\w+", key)
    longer = [
        (entry_key.split()[len(words) :], entry)
        for entry_key, entry in directory_entries()
        if entry_key.split()[: len(words)] == words and len(entry_key.split()) > len(words)
    ]
    if not longer:
        return name
    lines = _fragment_words(fragments)
    after: list[str] = []
    for k, tokens in enumerate(lines):
        if words[-1] in tokens:
            at = tokens.index(words[-1])
            after = tokens[at + 1 :] + [
                t for line in lines[k + 1 : k + 1 + _COLLECTIVE_WRAP_LINES] for t in line
            ]
            break
    present = set(after)
    present |= _bled_pairs(task_name, [extra for extra, _e in longer])
    if not present:
        return name
    best, best_found = name, 0
    for extra, entry in sorted(longer, key=lambda item: len(item[0])):
        found = sum(1 for w in extra if len(w) >= 3 and w in present)
        if found > best_found:
            best, best_found = entry, found
    return best


@lru_cache(maxsize=1 << 14)
def directory_name_in(text: str, *, opening: int = 1, gap: int = 4) -> str | None:
    """Return the directory name an OCR'd agency cell opens with, or None.

    The cell must open with the directory name's first word; its other words must then follow
    in order, possibly with other columns' words between them (line-by-line interleaving) or
    one lost ("Số tế" for "Sở Y tế"). A name is accepted when three quarters of its words are
    found, or most of them and no other name does as well, or when the cell's first three
    words open exactly one directory name (the rest lost to a neighbour column).
    ``opening``: how many of the name's first words must open the text unbroken; ``gap``:
    how far apart (in words) two of its words may be found.
    """
    words = [w for w in (fold(t).strip(_WORD_EDGE) for t in text.split()) if w]
    if len(words) < 2:
        return None
    scored: list[tuple[float, int, str]] = []
    openers: dict[int, list[str]] = {}
    hits: dict[str, list[str]] = {}  # a name the text opens with -> its words found, in order
    opens: dict[str, bool] = {}  # a directory name's first word -> whether words[0] is like it
    for target, entry in directory_words():
        if len(target) < 2:
            continue
        if target[0] not in opens:
            opens[target[0]] = word_like(words[0], target[0])
        if not opens[target[0]]:
            continue
        found, j, hit = 1, 1, [target[0]]
        for word in target[1:]:
            at = next(
                (
                    i
                    for i in range(j, min(len(words), j + gap))
                    if word_like(words[i], word) and not another_word(words[i], word)
                ),
                None,
            )
            if at is None:
                continue
            found += 1
            hit.append(word)
            j = at + 1
        prefix = next(
            (k for k in range(min(len(target), len(words))) if not word_like(words[k], target[k])),
            min(len(target), len(words)),
        )
        if prefix < opening:
            continue
        openers.setdefault(prefix, []).append(entry)
        hits[entry] = hit
        if found >= 2 and (prefix >= 2 or found / len(target) >= 0.6):
            scored.append((found / len(target), found, entry))
    longest = max(openers, default=0)
    if longest >= 3:  # the words open one name only, or several: the shortest loses least,
        # unless a longer one's every word is found further on ("..., ngành" + "địa phương")
        sizes = sorted((len(fold(e).split()), e) for e in openers[longest])
        if len(sizes) == 1 or sizes[0][0] < sizes[1][0]:
            shortest = fold(sizes[0][1])
            whole = [e for share, _n, e in scored if share == 1.0 and fold(e).startswith(shortest)]
            return max(whole, key=len) if whole else sizes[0][1]
    scored.sort(reverse=True)
    scored = fuller_read(scored, hits, words)
    if scored:
        share, found, entry = scored[0]
        if share >= 0.75 or (share >= 0.6 and (len(scored) == 1 or scored[1][:2] < (share, found))):
            return entry
    return None


_DEBRIS_CHARS = re.compile(r"[{}\[\]~\\£«»¢|_<>^@%$#*=+]")
_ONE_LETTER_WORDS = {"ở", "ô", "à", "ạ", "ờ", "y", "và"}


def _lead_from_line_starts(row: Row) -> str | None:
    """Rebuild an OCR'd lead cell from the first fragment of consecutive lines.

    The lead column is the first right of the task name, so where it has text on a line its
    fragment comes first. From the first line whose first fragment opens an agency, the next
    lines' first fragments are added while they carry the name on; the result counts only if
    it is a whole directory name. Lines above the name's first line are left out: an agency
    cell opening there is taller than the name, the partners' list more often than not.
    """
    name = row.cells.get("name")
    top = min(name.lines) if name is not None and name.lines else 0
    firsts = [(number, pieces[0]) for number, pieces in row.fragments if pieces and number >= top]
    for k, (_number, first) in enumerate(firsts):
        if agency_score(first) < 0.8:
            continue
        text = first
        for _n, nxt in firsts[k + 1 : k + 4]:
            if known_agency(text):
                break
            words = nxt.split()
            cut = max(
                (
                    j
                    for j in range(1, len(words) + 1)
                    if agency_continuation(text, " ".join(words[:j])) >= 0.95
                ),
                default=0,
            )
            if not cut:
                break
            text = f"{text} {' '.join(words[:cut])}"
        name = known_agency(text) or (complete_agency(text) or (None,))[0]
        if name:
            return name
        return None
    return None


# A token of a date's digits as OCR garbles it ("212025", "/202g5", "2"): digits, slashes and
# at most one letter among them.
_DATE_DEBRIS = re.compile(r"[\d/.]*\d[\d/.]*[a-z]?[\d/.]*")


def drop_date_debris(text: str) -> str:
    """Drop a garbled date an OCR'd output cell ends with ("Kế hoạch của UBND 212025").

    The deadline column sits right of the output's, so a date its line carried that the
    deadline's reading missed ends the output: up to three trailing tokens of date debris,
    one of them a garbled year. A cell that would be left empty keeps them, and so does one
    ending with a whole date or period ("giai đoạn 2025-2030", "Báo cáo 6/2025").
    """
    tokens = text.split()
    k = len(tokens)
    while k > 0 and len(tokens) - k < 3 and _DATE_DEBRIS.fullmatch(tokens[k - 1]):
        k -= 1
    tail = tokens[k:]
    if not tail or k == 0 or not any(_garbled_year(t) for t in tail):
        return text
    if any(re.fullmatch(r"\d{1,2}/20\d\d|20\d\d(?:-20\d\d)?", t) for t in tail):
        return text  # a whole date or year ("Đề án 2025-2030") is the phrase's own
    return " ".join(tokens[:k])


def drop_collective_bleed(text: str) -> str:
    """Drop a partner cell's list words run into an OCR'd output ("Văn bản, số, ban, hoạt động").

    The partner column sits left of the output's, and its wrapped "sở, ban, ngành," lines
    often land inside the output cell. A run of two or more of those words, each but the
    last ending with a comma, goes unless a word that takes them as its object comes right
    before it ("Kế hoạch của sở, ban, ngành, địa phương").
    """
    tokens = text.split()
    keys = [fold(t).strip(_WORD_EDGE) for t in tokens]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and keys[j] in COLLECTIVE_WORDS and (j == i or _listed_on(tokens, keys, j)):
            j += 1
        before = keys[i - 1] if i else ""
        after = keys[j] if j < len(keys) else ""
        if j - i >= 2 and f"{before} {keys[i]}" in _PHRASE_ACCENTS:  # "Văn bản, sở, ban,"
            out.append(tokens[i])
            i += 1
            continue
        if j - i < 2 or before in TAKES_COLLECTIVE or f"{keys[j - 1]} {after}" in _PHRASE_ACCENTS:
            out.extend(tokens[i : max(j, i + 1)])  # no run, the list named, or "sở, ban hành"
        i = max(j, i + 1)
    return " ".join(out)


def _listed_on(tokens: Sequence[str], keys: Sequence[str], j: int) -> bool:
    """Whether word ``j`` carries on the list before it ("sở, ban", "địa phương")."""
    return tokens[j - 1].endswith(",") or (keys[j - 1], keys[j]) == ("dia", "phuong")


def _garbled_year(token: str) -> bool:
    """A token holding a year glued to its month or with a letter for a digit ("212025",
    "/202g5"); a document number ("1552") holds none."""
    return bool(re.search(r"20\d[\da-z]", token)) and (sum(c.isdigit() for c in token) >= 5 or "/" in token)


def _from_output_word(text: str) -> str:
    """Start an OCR'd output cell at its output word when a neighbour's words precede it.

    "nghệ Văn bản hướng dẫn" -> "Văn bản hướng dẫn": the leading words carried over from an
    agency cell are dropped when a capitalised output kind follows within a few words.
    """
    tokens = text.split()
    for k in range(1, min(8, len(tokens))):
        rest = " ".join(tokens[k:])
        if rest[:1].isupper() and fold(rest).startswith(OUTPUT_WORDS):
            if fold(" ".join(tokens[:k])).startswith(OUTPUT_WORDS) or kind_is_object(tokens[:k]):
                return text
            return rest
    return text


# Words a cell's phrase never ends with (folded): a preposition, a conjunction, "các", or a
# lone letter word; at an OCR'd cell's end they are another column's or debris.
_OPEN_END_WORDS = frozenset({"o", "va", "cua", "cac", "cho", "voi", "y", "a", "tai", "theo", "hoac"})


def drop_open_end(text: str) -> str:
    """Drop the words an OCR'd cell cannot end with ("Kế hoạch được ban hành ở").

    A phrase of a plan's cell ends with a content word; an OCR'd cell gathering the
    neighbours' stray words or debris may end with a lone "ở", "và", "của". Those are taken
    off the end (up to two), never the cell's first words.
    """
    tokens = text.split()
    k = len(tokens)
    while k > 2 and len(tokens) - k < 2 and fold(tokens[k - 1]).strip(_WORD_EDGE + "<>") in _OPEN_END_WORDS:
        k -= 1
    return " ".join(tokens[:k]).rstrip(" ,;:")


# Two-word phrases of output cells whose accents never vary (output kinds and the verbs that
# follow them): the restorer reads a wrapped cell's words line by line, without the phrase's
# other half ("hoạt" ends one line, "dong" opens the next and reads as "đồng").
OUTPUT_PHRASES = (
    "Văn bản",
    "Kế hoạch",
    "Quyết định",
    "Nghị quyết",
    "Báo cáo",
    "Đề án",
    "Dự án",
    "Chương trình",
    "Hoạt động",
    "Triển khai",
    "Hướng dẫn",
    "Ban hành",
    "Thực hiện",
    "Hoàn thành",
    "Kết nối",
    "Dùng chung",
    "Hệ thống",
    "Nền tảng",
    "Xây dựng",
)
_PHRASE_ACCENTS = {fold(p): p.lower().split() for p in OUTPUT_PHRASES}


# Words of the deadline column only ("Thường xuyên" wrapped: "xuyên" alone on a line end).
_DEADLINE_ONLY_WORDS = frozenset({"xuyen", "xuyeen", "xuven"})
# Longer tokens are mostly two words OCR glued ("kétnéi", "trienkhai") or loan words.
_GARBLED_LENGTH = 5


def drop_garbled_words(text: str) -> str:
    """Drop the tokens of an OCR'd output that spell no Vietnamese word ("ohuon", "égo").

    The restorer leaves a token it cannot read as it is, or half read; in an output cell
    they are another column's garbled words ("ohuon" for "phương"). Abbreviations (two
    capitals or more: "CSDL", "IoT"), tokens with digits, and a word the deadline column
    owns ("xuyên" without its "thường") go too, but only when the cell keeps a word.
    """

    def garbled(token: str) -> bool:
        core = token.strip(_WORD_EDGE)
        if not core or sum(c.isupper() for c in core) >= 2 or any(c.isdigit() for c in core):
            return False
        key = fold(core)
        if key in _DEADLINE_ONLY_WORDS:
            return True
        return len(core) <= _GARBLED_LENGTH and not all(is_syllable(w) for w in re.split(r"[-/]", key) if w)

    tokens = text.split()
    kept = [
        t for k, t in enumerate(tokens) if not garbled(t) or (k and fold(tokens[k - 1]).startswith("thuong"))
    ]
    return " ".join(kept) if kept else text


# An output kind's second word that no other kind ends with, and the kind's first word.
_LOST_HEADS = {"hoach": "Kế", "trinh": "Chương", "cao": "Báo"}


def restore_output_head(text: str) -> str:
    """Give back the first word of the output kind an OCR'd output cell opens without.

    OCR reads "Kế" as a letter and a mark ("K¢", "g &"), which the debris step drops, and
    the cell opens with "hoạch triển khai"; a cell never opens with "hoạch", "trình" or
    "cáo" but as the second word of "Kế hoạch", "Chương trình", "Báo cáo".
    """
    first = fold(text.split()[0]).strip(_WORD_EDGE) if text.split() else ""
    head = _LOST_HEADS.get(first)
    if head is None or not text[:1].islower():
        return text
    return f"{head} {text}"


def accent_output_phrases(text: str) -> str:
    """Give an OCR'd output cell's known two-word phrases their accents ("hoạt đồng" ->
    "hoạt động"), keeping each word's case and edge marks."""
    tokens = text.split()
    for i in range(len(tokens) - 1):
        a, b = (t.strip(_WORD_EDGE) for t in tokens[i : i + 2])
        accented = _PHRASE_ACCENTS.get(f"{fold(a)} {fold(b)}") if a and b else None
        if accented is None:
            continue
        for k, (word, right) in enumerate(zip((a, b), accented, strict=True)):
            cased = right.capitalize() if word[:1].isupper() else right
            tokens[i + k] = tokens[i + k].replace(word, cased, 1)
    return " ".join(tokens)


def strip_ocr_debris(text: str | None) -> str:
    """Drop the tokens OCR makes of table rules and stray marks ("A", "\\", "£", "}ạt").

    For cells of OCR'd tables only: real words are kept; a lone letter, a cluster of marks
    or a token holding characters Vietnamese text does not use is dropped.
    """
    out: list[str] = []
    for token in (text or "").split():
        bare = token.strip(".,;:()\"'“”‘’")
        if not bare:
            if out and token in (",", ";", ".", ":") and not out[-1].endswith((",", ";", ".", ":")):
                out[-1] += token
            continue
        if _DEBRIS_CHARS.search(token) and not re.search(r"\d%|%$", token):
            continue
        if len(bare) == 1 and bare.lower() not in _ONE_LETTER_WORDS and not bare.isdigit():
            continue
        if re.fullmatch(r"[^\w]+", bare):
            continue
        out.append(token)
    return " ".join(out)


def clean_text(text: str | None) -> str:
    """Return a cell's text as the format wants it: spaces collapsed, stray bars dropped."""
    text = collapse_spaces((text or "").replace("|", " "))
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    return text.strip(" ;,:-–")


def _sequence_warnings(tasks: Sequence[Task]) -> list[str]:
    """Warn of row numbers the reviewer should check: inferred ones, and ones printed out of order.

    A number printed ahead of its turn ("72, 74, 73, 74") is kept as printed, so the same
    number may stand twice in a group: the plan's slip or an OCR misreading, to be looked at.
    """
    warnings = []
    repaired = [t.code for t in tasks if t.provenance.confidence.get("code", 1.0) < 0.8]
    if repaired:
        warnings.append(
            "Số thứ tự của các nhiệm vụ "
            + ", ".join(str(c) for c in repaired[:10])
            + " được suy ra từ thứ tự dòng; cần kiểm tra."
        )
    backwards = [
        b.code
        for a, b in pairwise(tasks)
        if a.code and b.code and a.section == b.section and _code_order(b.code) <= _code_order(a.code)
    ]
    if backwards:
        warnings.append(
            "Số thứ tự của các nhiệm vụ "
            + ", ".join(backwards[:10])
            + " in không theo thứ tự (giữ như bản in); cần kiểm tra."
        )
    return warnings


def _code_order(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", code))


_PROSE_PART = re.compile(r"^([ivxl1]{1,4})\s*[-.–)]\s*(?:cac\s+)?nhiem vu\b")
_PART_END = re.compile(r"^([ivxl]{1,4})\s*[-.–)]\s*\S")
_PROSE_GROUP = re.compile(r"^(\d{1,2})\s*[.)]\s+(\S.*)$")
_PROSE_ITEM = re.compile(r"^(\d{1,2})\s*\.\s*(\d{1,2})\s*[.,]?\s+(\S.*)$")  # "4.4," a dot read as comma


def parse_prose_tasks(lines: Sequence[Line]) -> TaskTable:
    """Read tasks a plan numbers in prose, under its "NHIỆM VỤ VÀ GIẢI PHÁP" part.

    Groups "1. Công tác lãnh đạo, chỉ đạo" become sections (code "1"), items "1.1. Kiện toàn
    ..." become tasks (code "1.1") whose name is the item's text up to the next item; agencies
    and deadlines are not printed there, so they stay empty with low confidence.
    """
    start = next((i for i, line in enumerate(lines) if _PROSE_PART.match(line.key)), None)
    if start is None:
        return TaskTable()
    result = TaskTable(layout="prose")
    section: str | None = None
    current: Task | None = None
    for line in lines[start + 1 :]:
        key = line.key
        if not key:
            continue
        if _PART_END.match(key) and not _PROSE_ITEM.match(key) and roman_value(key.split()[0].strip("-.–)")):
            break
        if m := _PROSE_ITEM.match(key):
            code = f"{int(m.group(1))}.{int(m.group(2))}"
            if section is None or m.group(1) != section:
                section = str(int(m.group(1)))
                if all(s.code != section for s in result.sections):
                    result.sections.append(Section(code=section, title=""))
            current = Task(
                section=section,
                code=code,
                name=_after_number(line.text),
                provenance=Provenance(
                    source_lines=[line.number],
                    confidence={
                        "name": 0.7,
                        "lead": 0.3,
                        "support": 0.3,
                        "output": 0.3,
                        "deadline": 0.3,
                        "code": 0.8,
                    },
                ),
            )
            result.tasks.append(current)
            continue
        if (m := _PROSE_GROUP.match(key)) and len(key) < 160:
            section = str(int(m.group(1)))
            result.sections.append(Section(code=section, title=_after_number(line.text).strip(" .:")))
            current = None
            continue
        if current is not None and not key.startswith(("- ", "+ ", "* ")):
            current.name = _join_prose(current.name, line.text)
            current.provenance.source_lines.append(line.number)
        elif current is not None:
            current = None  # bullets under an item detail it; the item's name is its first sentence
    seen: set[str] = set()
    result.sections = [s for s in result.sections if not (s.code in seen or seen.add(s.code))]
    _renumber_misread_items(result.tasks)
    if result.tasks:
        result.warnings.append(
            "Nhiệm vụ được đọc từ phần “Nhiệm vụ và giải pháp” viết dạng văn xuôi; "
            "cơ quan chủ trì, phối hợp và thời hạn cần nhập tay."
        )
    return result


def _renumber_misread_items(tasks: Sequence[Task]) -> None:
    """Give an item whose number OCR misread the number its neighbours leave for it.

    A digit is misread now and then ("5.7" for "5.1" before "5.2, 5.3"). An item numbered
    out of turn whose neighbours in its group are numbered in turn around the gap (the one
    before is n - 1 or the group opens there, the one after is n + 1) takes n, with a lower
    confidence in its code; anything else is kept as printed (an item OCR lost leaves a gap
    the next one must not fill).
    """
    for k, task in enumerate(tasks):
        group, _, number = task.code.partition(".")
        before = tasks[k - 1].code.partition(".") if k and tasks[k - 1].section == task.section else None
        after = (
            tasks[k + 1].code.partition(".")
            if k + 1 < len(tasks) and tasks[k + 1].section == task.section
            else None
        )
        expected = int(before[2]) + 1 if before else 1
        if int(number) == expected or after is None or int(after[2]) != expected + 1:
            continue  # in turn, or nothing after it to say the gap is one item wide
        task.code = f"{group}.{expected}"
        task.provenance.confidence["code"] = 0.5


def _after_number(text: str) -> str:
    return collapse_spaces(re.sub(r"^\s*\d{1,2}(?:\s*\.\s*\d{1,2})?\s*[.),]?\s*", "", text))


def _join_prose(left: str, right: str) -> str:
    right = collapse_spaces(right)
    if left.endswith("-") and right[:1].islower():
        return left[:-1] + right
    return f"{left} {right}".strip()
