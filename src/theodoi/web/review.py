"""What the review screen shows of a draft: its tables as rows of cells, and how to read them.

Pure presentation over the draft's nq57-plan/1 JSON (no queries, no writes): which columns
each table has and how each cell is edited, the cell's source lines and whether it is to be
checked, and the plain-words reading of a printed deadline or target ("Quý I/2026" -> "hạn
31/03/2026", "≥ 80" -> "ít nhất 80"). The writes are ``theodoi.plans.drafts``' services.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from theodoi.plans.models import Cadence

# Tabs of the review screen: address word, title, tables shown.
TABS: tuple[tuple[str, str], ...] = (
    ("thong-tin", "Thông tin chung"),
    ("nhom", "Nhóm nhiệm vụ"),
    ("nhiem-vu", "Nhiệm vụ"),
    ("chi-tieu", "Chỉ tiêu"),
)
TAB_OF_TABLE = {
    "document": "thong-tin",
    "reporting": "thong-tin",
    "sections": "nhom",
    "tasks": "nhiem-vu",
    "indicators": "chi-tieu",
}
TABLE_OF_TAB = {"nhom": "sections", "nhiem-vu": "tasks", "chi-tieu": "indicators"}
LOW_CONFIDENCE = 0.75  # the services' REVIEW_THRESHOLD: below it a cell is "to check"


@dataclass(frozen=True)
class Column:
    """A column of a review table: the JSON field, its heading and how it is edited.

    ``kind``: text (one line), long (a paragraph), agencies (a list picked from the
    directory), codes (a list of document numbers), date, cadence, section, year, deadline,
    target.
    """

    field: str
    label: str
    kind: str = "text"
    css: str = ""


COLUMNS: dict[str, tuple[Column, ...]] = {
    "document": (
        Column("number", "Số, ký hiệu", "text"),
        Column("date", "Ngày ký", "date"),
        Column("issuer", "Cơ quan ban hành", "text"),
        Column("province", "Tỉnh, thành phố", "text"),
        Column("title", "Trích yếu", "long"),
        Column("signer", "Người ký", "text"),
        Column("implements", "Văn bản thực hiện", "codes"),
        Column("supersedes", "Thay thế văn bản", "codes"),
    ),
    "reporting": (
        Column("cadence", "Kỳ báo cáo", "cadence", "col-deadline"),
        Column("due", "Thời hạn báo cáo", "text"),
        Column("to", "Gửi đến", "text", "col-agency"),
    ),
    "sections": (
        Column("code", "Mục", "text", "tt"),
        Column("title", "Tên nhóm nhiệm vụ", "long", "main-cell"),
    ),
    "tasks": (
        Column("section", "Mục", "section", "tt"),
        Column("code", "TT", "text", "tt"),
        Column("name", "Nhiệm vụ", "long", "main-cell"),
        Column("lead", "Chủ trì", "agencies", "col-agency"),
        Column("support", "Phối hợp", "agencies", "col-agency"),
        Column("output", "Kết quả", "long", "col-output"),
        Column("deadline", "Thời hạn", "deadline", "col-deadline"),
    ),
    "indicators": (
        Column("horizon", "Năm", "year", "tt"),
        Column("code", "TT", "text", "tt"),
        Column("group", "Nhóm", "text", "col-unit"),
        Column("name", "Chỉ tiêu", "long", "main-cell"),
        Column("unit", "Đơn vị", "text", "col-unit"),
        Column("target", "Mục tiêu", "target", "col-target"),
        Column("lead", "Cơ quan theo dõi", "agencies", "col-agency"),
    ),
}
# Parsed parts of a target are read from the target cell: a queue entry on them opens it.
_SAME_CELL = {"op": "target", "value": "target", "value_max": "target"}
CADENCE_LABELS = dict(Cadence.choices)
ROW_TITLES = {
    "tasks": "nhiệm vụ",
    "indicators": "chỉ tiêu",
    "sections": "nhóm",
    "reporting": "chế độ báo cáo",
}

_PATH = re.compile(
    r"^(?:(?P<table>tasks|indicators|sections|document\.reporting)\[(?P<index>\d+)\]|document)\.(?P<field>\w+)$"
)


@dataclass(frozen=True)
class CellPath:
    """Where a cell is: "tasks[3].name", "document.number", "document.reporting[0].due"."""

    table: str
    index: int | None
    field: str

    @classmethod
    def parse(cls, path: str) -> CellPath | None:
        m = _PATH.match((path or "").strip())
        if m is None:
            return None
        table = m.group("table")
        if table is None:
            return cls("document", None, m.group("field"))
        return cls(
            "reporting" if table == "document.reporting" else table, int(m.group("index")), m.group("field")
        )

    @property
    def row_path(self) -> str:
        if self.table == "document":
            return "document"
        prefix = "document.reporting" if self.table == "reporting" else self.table
        return f"{prefix}[{self.index}]"

    def __str__(self) -> str:
        return f"{self.row_path}.{self.field}"

    @property
    def dom_id(self) -> str:
        return dom_id(str(self))

    @property
    def tab(self) -> str:
        return TAB_OF_TABLE[self.table]


def dom_id(path: str) -> str:
    """Return the element id of a cell: "tasks[3].name" -> "o-tasks-3-name"."""
    return "o-" + re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


@dataclass
class Cell:
    """One cell as the review screen shows it."""

    path: str
    column: Column
    value: Any
    lines: list[int]
    confidence: float | None
    check: bool
    reading: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return dom_id(self.path)

    @property
    def kind(self) -> str:
        return self.column.kind

    @property
    def label(self) -> str:
        return self.column.label

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    @property
    def text(self) -> str:
        """Return the value as shown (a list joined with "; ", a date as dd/mm/yyyy)."""
        value = self.value
        if value is None or value == "" or value == []:
            return ""
        if isinstance(value, list):
            return "; ".join(str(v) for v in value)
        if self.kind == "date":
            return date_text(value)
        if self.kind == "cadence":
            return CADENCE_LABELS.get(value, str(value))
        return str(value)

    @property
    def edit_text(self) -> str:
        """Return the value as put in the editor (a list one name per line is for agencies only)."""
        if self.kind == "codes":
            return "; ".join(self.value or [])
        return "" if self.value is None else self.text if self.kind in ("date",) else str(self.value)

    @property
    def lines_attr(self) -> str:
        return ",".join(str(n) for n in self.lines)

    @property
    def tag(self) -> str:
        """Return the element the cell is: a definition in the header list, else a table cell."""
        return "dd" if self.path.startswith("document.") and "reporting[" not in self.path else "td"

    @property
    def list_value(self) -> list[str]:
        return list(self.value) if isinstance(self.value, list) else []


@dataclass
class Row:
    table: str
    index: int
    cells: list[Cell]
    lines: list[int]
    is_first: bool
    is_last: bool
    check_count: int

    @property
    def path(self) -> str:
        return CellPath(self.table, self.index, "x").row_path

    @property
    def id(self) -> str:
        return dom_id(self.path)

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def title(self) -> str:
        """Return what the row is called in confirmations: "nhiệm vụ 3 (TT 2.1)"."""
        code = next((c.text for c in self.cells if c.column.field == "code" and c.text), "")
        return f"{ROW_TITLES[self.table]} ở dòng {self.number}" + (f" (TT {code})" if code else "")


def rows_of(document: dict[str, Any], table: str) -> list[dict[str, Any]]:
    if table == "reporting":
        return list((document.get("document") or {}).get("reporting") or [])
    return list(document.get(table) or [])


def _row_data(document: dict[str, Any], table: str, index: int | None) -> dict[str, Any] | None:
    if table == "document":
        return document.get("document") or {}
    rows = rows_of(document, table)
    if index is None or not 0 <= index < len(rows):
        return None
    return rows[index]


def _cell(
    document: dict[str, Any],
    table: str,
    index: int | None,
    row: dict[str, Any],
    column: Column,
    checks: set[str],
) -> Cell:
    path = str(CellPath(table, index, column.field))
    confidence = (row.get("confidence") or {}).get(column.field)
    value = row.get(column.field)
    reading = ""
    if column.kind == "deadline":
        reading = deadline_reading(row.get("deadline_parsed"), value)
    elif column.kind == "target":
        reading = target_reading(
            row.get("op"), row.get("value"), row.get("value_max"), row.get("unit"), value
        )
    options: list[tuple[str, str]] = []
    if column.kind == "section":
        options = [("", "(không thuộc mục nào)")] + [
            (s.get("code") or "", f"{s.get('code')}. {(s.get('title') or '')[:60]}")
            for s in document.get("sections") or []
        ]
    elif column.kind == "cadence":
        options = list(Cadence.choices)
    return Cell(
        path=path,
        column=column,
        value=value,
        lines=list(row.get("source_lines") or []),
        confidence=confidence,
        check=path in checks,
        reading=reading,
        options=options,
    )


def cell_at(document: dict[str, Any], path: str, checks: Iterable[str] = ()) -> Cell | None:
    """Return the cell at ``path``, or None when the draft has no such cell (any more)."""
    where = CellPath.parse(path)
    if where is None:
        return None
    column = next((c for c in COLUMNS[where.table] if c.field == where.field), None)
    row = _row_data(document, where.table, where.index)
    if column is None or row is None:
        return None
    return _cell(document, where.table, where.index, row, column, set(checks))


def header_cells(document: dict[str, Any], checks: Iterable[str]) -> list[Cell]:
    wanted = set(checks)
    row = document.get("document") or {}
    return [_cell(document, "document", None, row, column, wanted) for column in COLUMNS["document"]]


def table_rows(document: dict[str, Any], table: str, checks: Iterable[str]) -> list[Row]:
    wanted = set(checks)
    data = rows_of(document, table)
    out = []
    for n, row in enumerate(data):
        cells = [_cell(document, table, n, row, column, wanted) for column in COLUMNS[table]]
        out.append(
            Row(
                table=table,
                index=n,
                cells=cells,
                lines=list(row.get("source_lines") or []),
                is_first=n == 0,
                is_last=n == len(data) - 1,
                check_count=sum(1 for c in cells if c.check),
            )
        )
    return out


def queue_path(path: str) -> str:
    """Return the cell a queue entry opens: the parsed parts of a target open the target cell."""
    where = CellPath.parse(path)
    if where is None or where.field not in _SAME_CELL:
        return path
    return str(CellPath(where.table, where.index, _SAME_CELL[where.field]))


def next_to_check(paths: Sequence[str], after: str | None) -> str | None:
    """Return the cell to check after ``after`` in the queue's order, wrapping to the first.

    The queue comes least confident first (``draft_review_queue``); a cell no longer in it
    (just checked) is followed by the first, the most doubtful one left.
    """
    ordered = list(dict.fromkeys(paths))
    if not ordered:
        return None
    if after in ordered:
        return ordered[(ordered.index(after) + 1) % len(ordered)]
    return ordered[0]


# --- readings ------------------------------------------------------------------------------------

_CADENCE_READING = {
    "weekly": "định kỳ hằng tuần",
    "monthly": "định kỳ hằng tháng",
    "quarterly": "định kỳ hằng quý",
    "semiannual": "định kỳ 6 tháng",
    "annual": "định kỳ hằng năm",
    "periodic": "định kỳ (theo văn bản)",
}
_THEN_READING = {"continuous": ", sau đó thường xuyên", "recurring": ", sau đó định kỳ"}


def date_text(value: Any) -> str:
    """Return an ISO date as dd/mm/yyyy; anything else as given."""
    try:
        return dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def deadline_reading(parsed: dict[str, Any] | None, printed: str | None) -> str:
    """Return how the printed deadline was understood, in plain words.

    "Hằng tháng" -> "định kỳ hằng tháng"; "Quý I/2026" -> "hạn 31/03/2026"; an empty cell ->
    "không ghi thời hạn"; text nobody could read -> "chưa hiểu được, giữ nguyên như in".
    """
    if not printed:
        return "không ghi thời hạn"
    if not parsed:
        from theodoi.ingest.normalise.deadlines import parse_deadline

        parsed = parse_deadline(printed)
    kind = (parsed or {}).get("kind", "unknown")
    if kind in ("date", "month", "quarter", "year", "range") and parsed and parsed.get("due"):
        text = f"hạn {date_text(parsed['due'])}"
        if kind == "range" and parsed.get("start"):
            text = f"giai đoạn {parsed['start']}–{parsed.get('end')}, {text}"
        return text + _THEN_READING.get(parsed.get("then", ""), "")
    if kind == "recurring":
        return _CADENCE_READING.get((parsed or {}).get("cadence", ""), "định kỳ")
    if kind == "continuous":
        return "thường xuyên, không có hạn cuối"
    if kind == "event":
        return "theo sự kiện, không có ngày cụ thể"
    return "chưa hiểu được, giữ nguyên như in"


def number_text(value: float | int | None) -> str:
    """Return a number with a decimal comma: 0.75 -> "0,75", 80.0 -> "80"."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value}".replace(".", ",")


_OP_READING = {">=": "ít nhất", "<=": "nhiều nhất", ">": "trên", "<": "dưới", "=": "bằng"}


def target_reading(
    op: str | None, value: float | None, value_max: float | None, unit: str | None, printed: str | None
) -> str:
    """Return how the printed target was understood: "≥ 80" -> "ít nhất 80 %"."""
    if not printed:
        return "không ghi mục tiêu"
    suffix = f" {unit}" if unit and unit.strip() not in ("Có/Không",) else ""
    if op == "range" and value is not None and value_max is not None:
        return f"từ {number_text(value)} đến {number_text(value_max)}{suffix}"
    if op in _OP_READING and value is not None:
        return f"{_OP_READING[op]} {number_text(value)}{suffix}"
    return "mục tiêu định tính (giữ nguyên như in)"


def line_ranges(numbers: Iterable[int]) -> str:
    """Return line numbers as ranges: [3, 4, 5, 9] -> "3–5, 9"."""
    out: list[str] = []
    run: list[int] = []
    for n in sorted(set(numbers)):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            out.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [n]
    if run:
        out.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(out)


def split_point(text: str) -> int:
    """Return a place to cut a glued row by default: the space nearest the middle."""
    middle = len(text) // 2
    spaces = [m.start() for m in re.finditer(r" ", text)]
    return min(spaces, key=lambda i: abs(i - middle)) + 1 if spaces else middle
