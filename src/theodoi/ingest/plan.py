"""The structured plan that ingestion returns: the nq57-plan/1 interchange format.

Every stage of ingestion ends here and the web side starts here, so this module is the
contract between them. It holds plain dataclasses, the JSON (de)serialisation, and the
validation that refuses a malformed file with a message naming the field and the row.

The format is documented in ``docs/nq57-plan-1.md`` (a copy of shared/gold/FORMAT.md).
Producers may add fields; ``to_dict`` writes ours (``confidence``, ``source_lines``,
``deadline_parsed``) beside the standard ones, and ``from_dict`` keeps them when present.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

FORMAT = "nq57-plan/1"

CADENCES = ("weekly", "monthly", "quarterly", "semiannual", "annual", "ad_hoc")
OPS = (">=", "<=", ">", "<", "=", "range", "text")


class PlanFormatError(ValueError):
    """A nq57-plan/1 document that cannot be read, with a Vietnamese message for the user.

    ``code`` is stable (for tests and the API), ``path`` names the field and row, e.g.
    ``tasks[12].lead``.
    """

    def __init__(self, code: str, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.code = code
        self.path = path
        self.message = message


# Confidence of a field the row's own cell did not give (taken from another cell, found among
# the row's words, or moved there by a repair or by the plan's habit): below the review screen's
# line (0.75), so it is checked first.
GUESSED_CONFIDENCE = 0.4


@dataclass
class Provenance:
    """Where an extracted row came from and how sure extraction is of each field.

    ``source_lines`` are 1-based line numbers of the source text (after reading);
    ``confidence`` maps a field name to 0..1. Both are empty for hand-made rows.
    """

    source_lines: list[int] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)


@dataclass
class ReportingDuty:
    """A reporting duty from the organisation section (chế độ báo cáo)."""

    cadence: str  # weekly | monthly | quarterly | semiannual | annual | ad_hoc
    due: str | None = None  # due rule as printed, e.g. "trước ngày 15 của tháng"
    to: str | None = None  # recipient, e.g. "Sở Khoa học và Công nghệ"
    provenance: Provenance = field(default_factory=Provenance)


@dataclass
class DocumentHeader:
    """The plan's header block and organisation facts."""

    number: str | None = None  # "103/KH-UBND"
    issuer: str | None = None  # cơ quan ban hành, "UBND tỉnh Bình Định"
    province: str | None = None
    date: dt.date | None = None  # ngày ký
    title: str | None = None
    signer: str | None = None  # người ký
    implements: list[str] = field(default_factory=list)  # văn bản thực hiện
    supersedes: list[str] = field(default_factory=list)  # văn bản thay thế
    reporting: list[ReportingDuty] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)


@dataclass
class Section:
    """A group of the task table (I, II, ...)."""

    code: str
    title: str


@dataclass
class Indicator:
    """A target the plan sets (chỉ tiêu)."""

    horizon: int | None
    name: str
    code: str | None = None
    group: str | None = None
    unit: str | None = None
    target: str | None = None  # as printed
    op: str = "text"  # >= <= > < = range text
    value: float | None = None
    value_max: float | None = None
    lead: list[str] = field(default_factory=list)  # cơ quan chủ trì theo dõi, đánh giá
    provenance: Provenance = field(default_factory=Provenance)


@dataclass
class Task:
    """A task of the plan (nhiệm vụ)."""

    section: str | None
    code: str | None
    name: str
    lead: list[str] = field(default_factory=list)  # cơ quan chủ trì
    support: list[str] = field(default_factory=list)  # cơ quan phối hợp
    output: str | None = None  # kết quả / sản phẩm
    deadline: str | None = None  # thời gian hoàn thành, as printed
    deadline_parsed: dict[str, Any] | None = None
    provenance: Provenance = field(default_factory=Provenance)


@dataclass
class Plan:
    """A whole plan: header, sections, indicators and tasks, in document order."""

    source: str | None = None
    document: DocumentHeader = field(default_factory=DocumentHeader)
    sections: list[Section] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # Vietnamese, for the reviewer

    def to_dict(self) -> dict[str, Any]:
        """Return the nq57-plan/1 JSON object, extras included."""
        doc = self.document
        out: dict[str, Any] = {
            "format": FORMAT,
            "source": self.source,
            "document": {
                "number": doc.number,
                "issuer": doc.issuer,
                "province": doc.province,
                "date": doc.date.isoformat() if doc.date else None,
                "title": doc.title,
                "signer": doc.signer,
                "implements": list(doc.implements),
                "supersedes": list(doc.supersedes),
                "reporting": [
                    {"cadence": r.cadence, "due": r.due, "to": r.to, **_provenance_dict(r.provenance)}
                    for r in doc.reporting
                ],
                **_provenance_dict(doc.provenance),
            },
            "sections": [{"code": s.code, "title": s.title} for s in self.sections],
            "indicators": [
                {
                    "horizon": i.horizon,
                    "group": i.group,
                    "code": i.code,
                    "name": i.name,
                    "unit": i.unit,
                    "target": i.target,
                    "op": i.op,
                    "value": _plain_number(i.value),
                    "value_max": _plain_number(i.value_max),
                    "lead": list(i.lead),
                    **_provenance_dict(i.provenance),
                }
                for i in self.indicators
            ],
            "tasks": [
                {
                    "section": t.section,
                    "code": t.code,
                    "name": t.name,
                    "lead": list(t.lead),
                    "support": list(t.support),
                    "output": t.output,
                    "deadline": t.deadline,
                    **({"deadline_parsed": t.deadline_parsed} if t.deadline_parsed else {}),
                    **_provenance_dict(t.provenance),
                }
                for t in self.tasks
            ],
        }
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Plan:
        """Read a nq57-plan/1 object; raise PlanFormatError naming the field and row."""
        return _Reader().plan(data)


def _plain_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _provenance_dict(p: Provenance) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if p.source_lines:
        out["source_lines"] = list(p.source_lines)
    if p.confidence:
        out["confidence"] = dict(p.confidence)
    return out


class _Reader:
    """Validate and convert one JSON object; messages are Vietnamese (shown to users)."""

    def plan(self, data: Any) -> Plan:
        if not isinstance(data, dict):
            raise PlanFormatError("not_object", "$", "Tệp không phải là một đối tượng JSON kế hoạch.")
        fmt = data.get("format")
        if fmt != FORMAT:
            raise PlanFormatError("format", "format", f"Định dạng phải là “{FORMAT}”, tệp ghi “{fmt}”.")
        doc = self._obj(data.get("document"), "document")
        plan = Plan(
            source=self._str(data.get("source"), "source"),
            document=self.document(doc),
            sections=[
                self.section(s, f"sections[{n}]")
                for n, s in enumerate(self._list(data.get("sections"), "sections"))
            ],
            indicators=[
                self.indicator(i, f"indicators[{n}]")
                for n, i in enumerate(self._list(data.get("indicators"), "indicators"))
            ],
            tasks=[self.task(t, f"tasks[{n}]") for n, t in enumerate(self._list(data.get("tasks"), "tasks"))],
            warnings=[str(w) for w in self._list(data.get("warnings"), "warnings")],
        )
        codes = {s.code for s in plan.sections}
        for n, task in enumerate(plan.tasks):
            if task.section is not None and plan.sections and task.section not in codes:
                raise PlanFormatError(
                    "unknown_section",
                    f"tasks[{n}].section",
                    f"Nhiệm vụ dòng {n + 1} thuộc mục “{task.section}” nhưng mục này không có trong danh sách mục.",
                )
        return plan

    def document(self, d: dict[str, Any]) -> DocumentHeader:
        raw_date = d.get("date")
        date = None
        if raw_date not in (None, ""):
            try:
                date = dt.date.fromisoformat(str(raw_date))
            except ValueError as e:
                raise PlanFormatError(
                    "date", "document.date", f"Ngày “{raw_date}” không hợp lệ (cần dạng YYYY-MM-DD)."
                ) from e
        return DocumentHeader(
            number=self._str(d.get("number"), "document.number"),
            issuer=self._str(d.get("issuer"), "document.issuer"),
            province=self._str(d.get("province"), "document.province"),
            date=date,
            title=self._str(d.get("title"), "document.title"),
            signer=self._str(d.get("signer"), "document.signer"),
            implements=self._strings(d.get("implements"), "document.implements"),
            supersedes=self._strings(d.get("supersedes"), "document.supersedes"),
            reporting=[
                self.duty(r, f"document.reporting[{n}]")
                for n, r in enumerate(self._list(d.get("reporting"), "document.reporting"))
            ],
            provenance=self.provenance(d, "document"),
        )

    def duty(self, raw: Any, path: str) -> ReportingDuty:
        r = self._obj(raw, path)
        cadence = r.get("cadence")
        if cadence not in CADENCES:
            raise PlanFormatError(
                "cadence",
                f"{path}.cadence",
                f"Kỳ báo cáo “{cadence}” không hợp lệ; chọn một trong: {', '.join(CADENCES)}.",
            )
        return ReportingDuty(
            cadence=cadence,
            due=self._str(r.get("due"), f"{path}.due"),
            to=self._str(r.get("to"), f"{path}.to"),
            provenance=self.provenance(r, path),
        )

    def section(self, raw: Any, path: str) -> Section:
        s = self._obj(raw, path)
        return Section(
            code=self._required(s.get("code"), f"{path}.code"),
            title=self._str(s.get("title"), f"{path}.title") or "",
        )

    def indicator(self, raw: Any, path: str) -> Indicator:
        i = self._obj(raw, path)
        op = i.get("op") or "text"
        if op not in OPS:
            raise PlanFormatError(
                "op", f"{path}.op", f"Phép so sánh “{op}” không hợp lệ; chọn một trong: {' '.join(OPS)}."
            )
        horizon = i.get("horizon")
        if horizon is not None and (
            not isinstance(horizon, int) or isinstance(horizon, bool) or not 1900 <= horizon <= 2200
        ):
            raise PlanFormatError(
                "horizon", f"{path}.horizon", f"Năm mốc “{horizon}” không hợp lệ (cần một năm, ví dụ 2030)."
            )
        return Indicator(
            horizon=horizon,
            group=self._str(i.get("group"), f"{path}.group"),
            code=self._str(i.get("code"), f"{path}.code"),
            name=self._required(i.get("name"), f"{path}.name"),
            unit=self._str(i.get("unit"), f"{path}.unit"),
            target=self._str(i.get("target"), f"{path}.target"),
            op=op,
            value=self._number(i.get("value"), f"{path}.value"),
            value_max=self._number(i.get("value_max"), f"{path}.value_max"),
            lead=self._strings(i.get("lead"), f"{path}.lead"),
            provenance=self.provenance(i, path),
        )

    def task(self, raw: Any, path: str) -> Task:
        t = self._obj(raw, path)
        parsed = t.get("deadline_parsed")
        if parsed is not None and not isinstance(parsed, dict):
            raise PlanFormatError(
                "deadline_parsed", f"{path}.deadline_parsed", "Thời hạn đã phân tích phải là một đối tượng."
            )
        return Task(
            section=self._str(t.get("section"), f"{path}.section"),
            code=self._str(t.get("code"), f"{path}.code"),
            name=self._required(t.get("name"), f"{path}.name"),
            lead=self._strings(t.get("lead"), f"{path}.lead"),
            support=self._strings(t.get("support"), f"{path}.support"),
            output=self._str(t.get("output"), f"{path}.output"),
            deadline=self._str(t.get("deadline"), f"{path}.deadline"),
            deadline_parsed=parsed,
            provenance=self.provenance(t, path),
        )

    def provenance(self, raw: dict[str, Any], path: str) -> Provenance:
        lines = raw.get("source_lines") or []
        conf = raw.get("confidence") or {}
        if not isinstance(lines, list) or not all(
            isinstance(x, int) and not isinstance(x, bool) for x in lines
        ):
            raise PlanFormatError(
                "source_lines", f"{path}.source_lines", "Dòng nguồn phải là danh sách số nguyên."
            )
        if not isinstance(conf, dict) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in conf.values()
        ):
            raise PlanFormatError("confidence", f"{path}.confidence", "Độ tin cậy phải là các số từ 0 đến 1.")
        return Provenance(source_lines=list(lines), confidence={str(k): float(v) for k, v in conf.items()})

    @staticmethod
    def _obj(raw: Any, path: str) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise PlanFormatError(
                "missing", path, f"Thiếu mục “{path}” hoặc mục này không phải là một đối tượng."
            )
        return raw

    @staticmethod
    def _list(raw: Any, path: str) -> list[Any]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise PlanFormatError("not_list", path, f"Mục “{path}” phải là một danh sách.")
        return raw

    @staticmethod
    def _str(raw: Any, path: str) -> str | None:
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise PlanFormatError("not_text", path, f"Trường “{path}” phải là văn bản.")
        text = str(raw).strip()
        return text or None

    def _required(self, raw: Any, path: str) -> str:
        text = self._str(raw, path)
        if not text:
            raise PlanFormatError("required", path, f"Trường “{path}” không được để trống.")
        return text

    def _strings(self, raw: Any, path: str) -> list[str]:
        items = self._list(raw, path)
        out = []
        for n, item in enumerate(items):
            text = self._str(item, f"{path}[{n}]")
            if text:
                out.append(text)
        return out

    @staticmethod
    def _number(raw: Any, path: str) -> float | None:
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise PlanFormatError("not_number", path, f"Trường “{path}” phải là một số (ví dụ 80 hoặc 0.75).")
        return float(raw)
