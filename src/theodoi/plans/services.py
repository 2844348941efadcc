"""Writes for plans: import a nq57-plan/1 document, export it back.

``plan_import`` is the one way a plan enters the database, from the ``import`` command, the
demo and (later) the upload screen. Re-importing the same document updates the plan in
place: tasks and indicators keep their ids (progress reports will hang off them), rows the
document no longer has are removed, and agencies resolve through the alias table, so nothing
is duplicated. Each agency mention keeps its printed form, and every field the format has is
stored as printed, so ``plan_export`` gives back what was imported.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch

from theodoi.accounts.models import Role
from theodoi.core.audit import audit_record
from theodoi.directory.models import AdministrativeUnit, Agency, UnitLevel
from theodoi.directory.services import agency_find, agency_resolve, unit_country, unit_find_province
from theodoi.ingest import plan as fmt
from theodoi.ingest.normalise.deadlines import parse_deadline
from theodoi.ingest.plan import PlanFormatError
from theodoi.ingest.text import fold
from theodoi.plans.models import (
    AgencyRole,
    DeadlineKind,
    Indicator,
    IndicatorAgency,
    Plan,
    PlanLevel,
    PlanReference,
    PlanStatus,
    ReferenceRelation,
    ReportingDuty,
    Section,
    Task,
    TaskAgency,
)

logger = logging.getLogger(__name__)

_SPACES = re.compile(r"\s+")
_NUMBER_PREFIX = re.compile(r"^\s*[\w.]*?\d+\s*[/-]\s*")


@dataclass
class _Counts:
    """What an import did to one kind of row, for the audit summary."""

    created: int = 0
    updated: int = 0
    deleted: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "deleted": self.deleted}


@dataclass
class _Agencies:
    """Resolve printed agency names once per import: a plan names the same body hundreds of times."""

    unit: AdministrativeUnit
    actor: Any | None
    cache: dict[str, Agency] = field(default_factory=dict)

    def get(self, printed: str) -> Agency:
        if printed not in self.cache:
            self.cache[printed] = agency_resolve(unit=self.unit, printed_name=printed, actor=self.actor)
        return self.cache[printed]


def plan_import(
    *,
    plan: fmt.Plan,
    actor: Any | None = None,
    unit: AdministrativeUnit | None = None,
    source_hash: str = "",
    source_text: str = "",
    status: str | None = None,
) -> Plan:
    """Store a nq57-plan/1 document as a plan, or update the plan it already is.

    The plan is found by (unit, number), else by ``source_hash``. ``unit`` defaults to the
    province the document names (a pre-merger name gives the old province) or the country
    when it names none. ``status`` None keeps an existing plan's status and makes a new one a
    draft: re-importing a corrected file must not demote an active plan. When an active plan
    supersedes a plan in the database, that plan becomes superseded.

    ``actor`` None is the operator at the command line; a user must be an administrator, or
    a coordinator of the plan's province (or the province it merged into).

    Raises PlanFormatError (Vietnamese message naming the field and row) before writing
    anything, PermissionDenied for a user who may not import; the whole import is one
    transaction.
    """
    if status is not None and status not in PlanStatus.values:
        raise PlanFormatError("status", "status", f"Trạng thái “{status}” không hợp lệ.")
    _validate(plan)
    with transaction.atomic():
        unit = unit or _unit_for(plan.document)
        _check_may_import(actor=actor, unit=unit)
        row = _plan_find(unit=unit, number=plan.document.number or "", source_hash=source_hash)
        before = _plan_snapshot(row) if row is not None else None
        row = _plan_write_header(
            row=row, plan=plan, unit=unit, source_hash=source_hash, source_text=source_text, status=status
        )
        agencies = _Agencies(unit=unit, actor=actor)
        sections = _sections_sync(row=row, sections=plan.sections)
        counts = {
            "sections": sections,
            "tasks": _tasks_sync(row=row, tasks=plan.tasks, agencies=agencies),
            "indicators": _indicators_sync(row=row, indicators=plan.indicators, agencies=agencies),
        }
        _duties_replace(row=row, duties=plan.document.reporting)
        _references_replace(row=row, document=plan.document)
        superseded_by = _references_link_back(row=row)
        superseded = _supersede_targets(row=row, actor=actor)
        row.refresh_from_db(fields=["status"])
        from theodoi.tracking.progress import task_progress_for_plan  # tracking builds on plans

        task_progress_for_plan(plan=row)  # the tasks' current progress, in this transaction
        after = _plan_snapshot(row)
        verb = "Cập nhật" if before else "Nhập"
        audit_record(
            actor=actor,
            action="plan.import",
            obj=row,
            summary=(
                f"{verb} kế hoạch {row.number or row.pk} ({unit.name}): "
                f"{len(plan.sections)} mục, {len(plan.tasks)} nhiệm vụ "
                f"({_counts_text(counts['tasks'])}), {len(plan.indicators)} chỉ tiêu "
                f"({_counts_text(counts['indicators'])})"
                + (f"; thay thế {', '.join(superseded)}" if superseded else "")
                + (f"; đã được thay thế bởi {', '.join(superseded_by)}" if superseded_by else "")
                + "."
            ),
            before=before,
            after={**after, "changes": {name: c.as_dict() for name, c in counts.items()}},
        )
    logger.info("Imported plan %s (%s) id=%s", row.number, unit.code, row.pk)
    return row


def plan_export(*, plan: Plan) -> fmt.Plan:
    """Return the plan as a nq57-plan/1 document: what was imported, as printed, in order."""
    plan = (
        Plan.objects.filter(pk=plan.pk)
        .prefetch_related(
            "sections",
            Prefetch("references", queryset=PlanReference.objects.order_by("relation", "position")),
            "reporting_duties",
            Prefetch("tasks", queryset=Task.objects.prefetch_related("assignments")),
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("assignments")),
        )
        .get()
    )
    extraction = plan.extraction or {}
    refs = list(plan.references.all())
    document = fmt.DocumentHeader(
        number=plan.number or None,
        issuer=plan.issuer or None,
        province=plan.province_text or None,
        date=plan.date,
        title=plan.title or None,
        signer=plan.signer or None,
        implements=[r.number for r in refs if r.relation == ReferenceRelation.IMPLEMENTS],
        supersedes=[r.number for r in refs if r.relation == ReferenceRelation.SUPERSEDES],
        reporting=[
            fmt.ReportingDuty(
                cadence=d.cadence,
                due=d.due_text or None,
                to=d.recipient_text or None,
                provenance=fmt.Provenance(source_lines=list(d.source_lines), confidence=dict(d.confidence)),
            )
            for d in plan.reporting_duties.all()
        ],
        provenance=_provenance(extraction.get("provenance") or {}),
    )
    return fmt.Plan(
        source=plan.source_file or None,
        document=document,
        sections=[fmt.Section(code=s.code, title=s.title) for s in plan.sections.all()],
        indicators=[_indicator_export(i) for i in plan.indicators.all()],
        tasks=[_task_export(t) for t in plan.tasks.all()],
        warnings=list(extraction.get("warnings") or []),
    )


# --- import: checks ------------------------------------------------------------------------


def _fit(value: str | None, path: str, limit: int) -> str:
    """Return ``value`` or "", refusing text longer than its column with the field's path."""
    text = value or ""
    if len(text) > limit:
        raise PlanFormatError("too_long", path, f"Trường “{path}” dài {len(text)} ký tự, tối đa {limit}.")
    return text


def _limit(model: type, name: str) -> int:
    return model._meta.get_field(name).max_length  # type: ignore[attr-defined, no-any-return]


def _validate(plan: fmt.Plan) -> None:
    """Check what the database would refuse, naming the field and row, before any write."""
    doc = plan.document
    _fit(doc.number, "document.number", _limit(Plan, "number"))
    _fit(doc.issuer, "document.issuer", _limit(Plan, "issuer"))
    _fit(doc.province, "document.province", _limit(Plan, "province_text"))
    _fit(doc.signer, "document.signer", _limit(Plan, "signer"))
    _fit(plan.source, "source", _limit(Plan, "source_file"))
    for n, ref in enumerate(doc.implements):
        _fit(ref, f"document.implements[{n}]", _limit(PlanReference, "number"))
    for n, ref in enumerate(doc.supersedes):
        _fit(ref, f"document.supersedes[{n}]", _limit(PlanReference, "number"))
    for n, duty in enumerate(doc.reporting):
        _fit(duty.due, f"document.reporting[{n}].due", _limit(ReportingDuty, "due_text"))
        _fit(duty.to, f"document.reporting[{n}].to", _limit(ReportingDuty, "recipient_text"))
    seen: set[str] = set()
    for n, section in enumerate(plan.sections):
        _fit(section.code, f"sections[{n}].code", _limit(Section, "code"))
        if section.code in seen:
            raise PlanFormatError(
                "duplicate_section", f"sections[{n}].code", f"Mục “{section.code}” xuất hiện hai lần."
            )
        seen.add(section.code)
    agency_limit = _limit(TaskAgency, "printed_name")
    for n, task in enumerate(plan.tasks):
        path = f"tasks[{n}]"
        _fit(task.section, f"{path}.section", _limit(Task, "section_code"))
        _fit(task.code, f"{path}.code", _limit(Task, "code"))
        _fit(task.deadline, f"{path}.deadline", _limit(Task, "deadline_text"))
        for role in ("lead", "support"):
            for m, name in enumerate(getattr(task, role)):
                _fit(name, f"{path}.{role}[{m}]", agency_limit)
        _deadline_due(task.deadline_parsed, path)
    for n, ind in enumerate(plan.indicators):
        path = f"indicators[{n}]"
        _fit(ind.code, f"{path}.code", _limit(Indicator, "code"))
        _fit(ind.group, f"{path}.group", _limit(Indicator, "group"))
        _fit(ind.unit, f"{path}.unit", _limit(Indicator, "unit"))
        for m, name in enumerate(ind.lead):
            _fit(name, f"{path}.lead[{m}]", agency_limit)
        if (
            ind.op == "range"
            and ind.value is not None
            and ind.value_max is not None
            and ind.value > ind.value_max
        ):
            raise PlanFormatError(
                "range_order",
                f"{path}.value_max",
                f"Chỉ tiêu dòng {n + 1}: giá trị trên ({ind.value_max}) nhỏ hơn giá trị dưới ({ind.value}).",
            )


def _deadline_due(parsed: dict[str, Any] | None, path: str) -> dt.date | None:
    raw = (parsed or {}).get("due")
    if raw in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError as e:
        raise PlanFormatError(
            "deadline_due", f"{path}.deadline_parsed.due", f"Hạn “{raw}” không hợp lệ (cần dạng YYYY-MM-DD)."
        ) from e


# --- import: the plan row ------------------------------------------------------------------


def _unit_for(document: fmt.DocumentHeader) -> AdministrativeUnit:
    """Return the unit a document belongs to: the province it names, else the country."""
    if not document.province:
        return unit_country()
    unit = unit_find_province(name=document.province)
    if unit is None:
        raise PlanFormatError(
            "province",
            "document.province",
            f"Không tìm thấy tỉnh, thành phố “{document.province}” trong danh mục đơn vị hành chính "
            "(chạy “theodoi seed-units” nếu danh mục còn trống).",
        )
    return unit


def _check_may_import(*, actor: Any | None, unit: AdministrativeUnit) -> None:
    """Refuse a user who is neither an administrator nor the coordinator of ``unit``'s province."""
    if actor is None or getattr(actor, "is_superuser", False):
        return
    profile = getattr(actor, "profile", None)
    role = getattr(profile, "role", None)
    if role == Role.ADMIN:
        return
    if role == Role.COORDINATOR and profile.unit_id in _unit_family(unit):
        return
    raise PermissionDenied(f"Bạn không có quyền nhập kế hoạch của {unit.full_name}.")


def _plan_find(*, unit: AdministrativeUnit, number: str, source_hash: str) -> Plan | None:
    rows = Plan.objects.select_for_update()
    found = rows.filter(unit=unit, number=number).first() if number else None
    if found is None and source_hash:
        found = rows.filter(source_hash=source_hash).order_by("id").first()
    return found


def _plan_kind(number: str) -> str:
    """Return the document kind from its number: "103/KH-UBND" -> "KH-UBND", "195-KH/TU" -> "KH/TU"."""
    return _NUMBER_PREFIX.sub("", number)[: _limit(Plan, "kind")] if number else ""


def _plan_level(unit: AdministrativeUnit, issuer: str | None) -> str:
    if unit.level == UnitLevel.COUNTRY:
        return PlanLevel.CENTRAL
    if unit.level == UnitLevel.COMMUNE:
        return PlanLevel.COMMUNE
    if fold(issuer).startswith(("so ", "ban ")):
        return PlanLevel.AGENCY
    return PlanLevel.PROVINCE


def _plan_write_header(
    *,
    row: Plan | None,
    plan: fmt.Plan,
    unit: AdministrativeUnit,
    source_hash: str,
    source_text: str,
    status: str | None,
) -> Plan:
    doc = plan.document
    provenance = _provenance_dict(doc.provenance)
    fields: dict[str, Any] = {
        "number": doc.number or "",
        "kind": _plan_kind(doc.number or ""),
        "issuer": doc.issuer or "",
        "unit": unit,
        "province_text": doc.province or "",
        "level": _plan_level(unit, doc.issuer),
        "date": doc.date,
        "title": doc.title or "",
        "signer": doc.signer or "",
        "source_file": plan.source or "",
        "extraction": {
            **({"warnings": list(plan.warnings)} if plan.warnings else {}),
            **({"provenance": provenance} if provenance else {}),
        },
    }
    if source_hash:
        fields["source_hash"] = source_hash
    if source_text:
        fields["source_text"] = source_text
    if row is None:
        return Plan.objects.create(**fields, status=status or PlanStatus.DRAFT)
    for name, value in fields.items():
        setattr(row, name, value)
    if status is not None and row.status != PlanStatus.SUPERSEDED:
        row.status = status
    row.save()
    return row


def _plan_snapshot(row: Plan) -> dict[str, Any]:
    return {
        "number": row.number,
        "unit": row.unit.code,
        "status": row.status,
        "tasks": row.tasks.count(),
        "indicators": row.indicators.count(),
    }


def _counts_text(c: _Counts) -> str:
    return f"{c.created} mới, {c.updated} cập nhật, {c.deleted} xóa"


# --- import: rows ----------------------------------------------------------------------------


def _match_keys(
    items: Sequence[Any], key: Callable[[Any], tuple[Hashable, ...] | None]
) -> list[tuple[Hashable, ...]]:
    """Return one stable key per row: its printed code with an occurrence count, else its position.

    Documents repeat codes (two rows numbered "5.8"); counting occurrences keeps each its own
    row across re-imports instead of merging them.
    """
    seen: Counter[tuple[Hashable, ...]] = Counter()
    out: list[tuple[Hashable, ...]] = []
    for position, item in enumerate(items):
        k = key(item)
        if k is None:
            out.append(("position", position))
        else:
            seen[k] += 1
            out.append((*k, seen[k]))
    return out


def _sections_sync(*, row: Plan, sections: list[fmt.Section]) -> _Counts:
    counts = _Counts()
    existing = {s.code: s for s in row.sections.all()}
    wanted = {s.code for s in sections}
    gone = [s.pk for code, s in existing.items() if code not in wanted]
    if gone:
        counts.deleted = Section.objects.filter(pk__in=gone).delete()[1].get("plans.Section", 0)
    changed, new = [], []
    for position, section in enumerate(sections):
        current = existing.get(section.code)
        if current is None:
            new.append(Section(plan=row, code=section.code, title=section.title, position=position))
        elif (current.title, current.position) != (section.title, position):
            current.title, current.position = section.title, position
            changed.append(current)
    Section.objects.bulk_create(new)
    Section.objects.bulk_update(changed, ["title", "position"])
    counts.created, counts.updated = len(new), len(changed)
    return counts


def _task_fields(task: fmt.Task, position: int, section: Section | None) -> dict[str, Any]:
    # Kind and due date come from the producer's parse when it gave one, else from ours, so
    # that hand-made files get due dates too; only the producer's parse is kept for export.
    parsed = task.deadline_parsed or parse_deadline(task.deadline)
    kind = (parsed or {}).get("kind")
    names = [*task.lead, *task.support]
    return {
        "section": section,
        "section_code": task.section or "",
        "code": task.code or "",
        "name": task.name,
        "output": task.output or "",
        "deadline_text": task.deadline or "",
        "deadline_kind": kind if kind in DeadlineKind.values else DeadlineKind.UNKNOWN,
        "deadline_due": _deadline_due(parsed, "task"),
        "deadline_parsed": task.deadline_parsed,
        "position": position,
        "search_key": fold(" ".join([task.name, task.output or "", *names])),
        "source_lines": list(task.provenance.source_lines),
        "confidence": dict(task.provenance.confidence),
    }


_TASK_FIELDS = [
    "section",
    "section_code",
    "code",
    "name",
    "output",
    "deadline_text",
    "deadline_kind",
    "deadline_due",
    "deadline_parsed",
    "position",
    "search_key",
    "source_lines",
    "confidence",
    "parent",
]


def _tasks_sync(*, row: Plan, tasks: list[fmt.Task], agencies: _Agencies) -> _Counts:
    """Update tasks matched by (section, code), create new ones, delete those gone.

    Only rows that changed are written, so re-importing an unchanged document costs a few
    reads; agency mentions of a task are replaced only when they changed.
    """
    counts = _Counts()
    sections = {s.code: s for s in row.sections.all()}
    existing = list(row.tasks.order_by("position", "id"))
    by_key = dict(zip(_match_keys(existing, _task_row_key), existing, strict=True))
    rows: list[Task] = []
    dirty: set[int] = set()  # indexes into rows of existing tasks that changed
    for position, (key, task) in enumerate(zip(_match_keys(tasks, _task_doc_key), tasks, strict=True)):
        fields = _task_fields(task, position, sections.get(task.section or ""))
        current = by_key.pop(key, None)
        if current is None:
            current = Task(plan=row, **fields)
            counts.created += 1
        elif any(getattr(current, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(current, name, value)
            dirty.add(position)
        rows.append(current)
    if by_key:
        counts.deleted = len(by_key)
        Task.objects.filter(pk__in=[t.pk for t in by_key.values()]).delete()
    new = [t for t in rows if t.pk is None]
    Task.objects.bulk_create(new)
    new_ids = {t.pk for t in new}
    parents_before = [t.parent_id for t in rows]
    _tasks_link_parents(rows)
    dirty |= {n for n, t in enumerate(rows) if t.parent_id != parents_before[n]}
    Task.objects.bulk_update([rows[n] for n in sorted(dirty)], _TASK_FIELDS, batch_size=200)

    mentions_before: dict[int, list[tuple[str, str, int]]] = {}
    for task_id, role, printed, agency_id in (
        TaskAgency.objects.filter(task__plan=row)
        .values_list("task_id", "role", "printed_name", "agency_id")
        .order_by("task_id", "role", "position")
    ):
        mentions_before.setdefault(task_id, []).append((role, printed, agency_id))
    replace: list[TaskAgency] = []
    replaced: set[int] = set()
    for n, (t, task) in enumerate(zip(rows, tasks, strict=True)):
        mentions = [
            TaskAgency(task=t, agency=agencies.get(name), role=role, printed_name=name, position=m)
            for role, names in ((AgencyRole.LEAD, task.lead), (AgencyRole.PARTNER, task.support))
            for m, name in enumerate(names)
        ]
        wanted = [
            (a.role, a.printed_name, a.agency.pk)
            for a in sorted(mentions, key=lambda a: (a.role, a.position))
        ]
        if mentions_before.get(t.pk, []) != wanted:
            replace.extend(mentions)
            replaced.add(t.pk)
            if t.pk not in new_ids:
                dirty.add(n)
    TaskAgency.objects.filter(task_id__in=replaced).delete()
    TaskAgency.objects.bulk_create(replace)
    counts.updated = len(dirty - {n for n, t in enumerate(rows) if t.pk in new_ids})
    return counts


def _task_doc_key(task: fmt.Task) -> tuple[Hashable, ...] | None:
    return ("code", task.section or "", task.code) if task.code else None


def _task_row_key(task: Task) -> tuple[Hashable, ...] | None:
    return ("code", task.section_code, task.code) if task.code else None


def _tasks_link_parents(rows: list[Task]) -> None:
    """Point a sub-numbered task ("39.12") at the task numbered "39" in the same section."""
    first: dict[tuple[str, str], Task] = {}
    for task in rows:
        first.setdefault((task.section_code, task.code), task)
    for task in rows:
        head, dot, _ = task.code.rpartition(".")
        task.parent = first.get((task.section_code, head)) if dot and head else None


_INDICATOR_FIELDS = [
    "horizon",
    "group",
    "code",
    "name",
    "unit",
    "target_text",
    "op",
    "value",
    "value_max",
    "position",
    "search_key",
    "source_lines",
    "confidence",
]


def _indicator_fields(ind: fmt.Indicator, position: int) -> dict[str, Any]:
    return {
        "horizon": ind.horizon,
        "group": ind.group or "",
        "code": ind.code or "",
        "name": ind.name,
        "unit": ind.unit or "",
        "target_text": ind.target or "",
        "op": ind.op,
        "value": ind.value,
        "value_max": ind.value_max,
        "position": position,
        "search_key": fold(" ".join([ind.name, ind.group or "", *ind.lead])),
        "source_lines": list(ind.provenance.source_lines),
        "confidence": dict(ind.provenance.confidence),
    }


def _indicator_key(indicator: Any) -> tuple[Hashable, ...] | None:
    return ("code", indicator.horizon, indicator.code) if indicator.code else None


def _indicators_sync(*, row: Plan, indicators: list[fmt.Indicator], agencies: _Agencies) -> _Counts:
    """Update indicators matched by (horizon, code), create new ones, delete those gone.

    As for tasks, only changed rows and changed agency lists are written.
    """
    counts = _Counts()
    existing = list(row.indicators.order_by("position", "id"))
    by_key = dict(zip(_match_keys(existing, _indicator_key), existing, strict=True))
    rows: list[Indicator] = []
    changed: list[Indicator] = []
    for position, (key, ind) in enumerate(
        zip(_match_keys(indicators, _indicator_key), indicators, strict=True)
    ):
        fields = _indicator_fields(ind, position)
        current = by_key.pop(key, None)
        if current is None:
            current = Indicator(plan=row, **fields)
            counts.created += 1
        elif any(getattr(current, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(current, name, value)
            changed.append(current)
        rows.append(current)
    if by_key:
        counts.deleted = len(by_key)
        Indicator.objects.filter(pk__in=[i.pk for i in by_key.values()]).delete()
    Indicator.objects.bulk_update(changed, _INDICATOR_FIELDS, batch_size=200)
    new = [i for i in rows if i.pk is None]
    Indicator.objects.bulk_create(new)
    new_ids = {i.pk for i in new}

    before: dict[int, list[tuple[str, int]]] = {}
    for indicator_id, printed, agency_id in (
        IndicatorAgency.objects.filter(indicator__plan=row)
        .values_list("indicator_id", "printed_name", "agency_id")
        .order_by("indicator_id", "position")
    ):
        before.setdefault(indicator_id, []).append((printed, agency_id))
    replace: list[IndicatorAgency] = []
    for i, ind in zip(rows, indicators, strict=True):
        wanted = [(name, agencies.get(name).pk) for name in ind.lead]
        if before.get(i.pk, []) != wanted:
            replace.extend(
                IndicatorAgency(indicator=i, agency=agencies.get(name), printed_name=name, position=n)
                for n, name in enumerate(ind.lead)
            )
            if i.pk not in new_ids:
                changed.append(i)
    IndicatorAgency.objects.filter(indicator_id__in={a.indicator_id for a in replace}).delete()
    IndicatorAgency.objects.bulk_create(replace)
    counts.updated = len({i.pk for i in changed})
    return counts


def _duties_replace(*, row: Plan, duties: list[fmt.ReportingDuty]) -> None:
    """Replace the reporting duties; nothing else points at them, so ids need not survive.

    The recipient links to a known agency but never creates one: it is often a phrase
    ("UBND tỉnh, Chủ tịch UBND tỉnh") rather than one body.
    """
    row.reporting_duties.all().delete()
    ReportingDuty.objects.bulk_create(
        [
            ReportingDuty(
                plan=row,
                cadence=d.cadence,
                due_text=d.due or "",
                recipient_text=d.to or "",
                recipient=agency_find(unit=row.unit, printed_name=d.to) if d.to else None,
                position=n,
                source_lines=list(d.provenance.source_lines),
                confidence=dict(d.provenance.confidence),
            )
            for n, d in enumerate(duties)
        ]
    )


# --- import: references between plans -------------------------------------------------------


def _number_key(number: str) -> str:
    return _SPACES.sub("", number)


def _unit_family(unit: AdministrativeUnit) -> set[int]:
    """Return the unit, the unit it merged into and the units merged into it."""
    family = {unit.pk, *unit.predecessors.values_list("pk", flat=True)}
    if unit.successor_id:
        family |= {
            unit.successor_id,
            *AdministrativeUnit.objects.filter(successor_id=unit.successor_id).values_list("pk", flat=True),
        }
    return family


def _plan_for_reference(*, number: str, family: set[int], exclude: int) -> Plan | None:
    """Return the plan a printed reference means: same province first, then a national one."""
    candidates = list(
        Plan.objects.filter(number=_number_key(number)).exclude(pk=exclude).select_related("unit")
    )
    for pool in (
        [p for p in candidates if p.unit_id in family],
        [p for p in candidates if p.unit.level == UnitLevel.COUNTRY],
    ):
        if len(pool) == 1:
            return pool[0]
    return None


def _references_replace(*, row: Plan, document: fmt.DocumentHeader) -> None:
    row.references.all().delete()
    family = _unit_family(row.unit)
    refs = []
    for relation, numbers in (
        (ReferenceRelation.IMPLEMENTS, document.implements),
        (ReferenceRelation.SUPERSEDES, document.supersedes),
    ):
        # The table keeps a number once per relation; documents never repeat one on purpose.
        for position, number in enumerate(dict.fromkeys(numbers)):
            target = _plan_for_reference(number=number, family=family, exclude=row.pk)
            refs.append(
                PlanReference(plan=row, relation=relation, number=number, target=target, position=position)
            )
    PlanReference.objects.bulk_create(refs)


def _references_link_back(*, row: Plan) -> list[str]:
    """Link earlier plans' references to this plan now that it is in the database.

    Returns the numbers of the active plans that name this one in their ``supersedes``; this
    plan is then marked superseded whatever status the import asked for.
    """
    if not row.number:
        return []
    family = _unit_family(row.unit)
    waiting = PlanReference.objects.filter(number=row.number, target__isnull=True).exclude(plan=row)
    if row.unit.level != UnitLevel.COUNTRY:
        waiting = waiting.filter(plan__unit__in=family)
    waiting.update(target=row)
    by = list(
        PlanReference.objects.filter(
            target=row, relation=ReferenceRelation.SUPERSEDES, plan__status=PlanStatus.ACTIVE
        ).values_list("plan__number", flat=True)
    )
    if by and row.status != PlanStatus.SUPERSEDED:
        Plan.objects.filter(pk=row.pk).update(status=PlanStatus.SUPERSEDED)
        return by
    return []


def _supersede_targets(*, row: Plan, actor: Any | None) -> list[str]:
    """Mark the plans an active plan replaces as superseded; return their numbers."""
    if row.status != PlanStatus.ACTIVE:
        return []
    targets = Plan.objects.filter(
        referenced_by__plan=row, referenced_by__relation=ReferenceRelation.SUPERSEDES
    ).exclude(status=PlanStatus.SUPERSEDED)
    done = []
    for target in targets:
        plan_mark_superseded(plan=target, by=row, actor=actor)
        done.append(target.number)
    return done


def plan_mark_superseded(*, plan: Plan, by: Plan, actor: Any | None) -> None:
    """Mark ``plan`` superseded by ``by`` (đã được thay thế), audited; nothing if it already is.

    The caller holds the transaction: a header that names the plan it replaces and a reviewer
    who picks it at publish both end here.
    """
    if plan.status == PlanStatus.SUPERSEDED:
        return
    before = plan.status
    plan.status = PlanStatus.SUPERSEDED
    plan.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="plan.supersede",
        obj=plan,
        summary=f"Kế hoạch {plan} được thay thế bởi kế hoạch {by}.",
        before={"status": before},
        after={"status": plan.status, "superseded_by": by.pk},
    )


# --- export ----------------------------------------------------------------------------------


def _provenance(raw: dict[str, Any]) -> fmt.Provenance:
    return fmt.Provenance(
        source_lines=list(raw.get("source_lines") or []), confidence=dict(raw.get("confidence") or {})
    )


def _provenance_dict(p: fmt.Provenance) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if p.source_lines:
        out["source_lines"] = list(p.source_lines)
    if p.confidence:
        out["confidence"] = dict(p.confidence)
    return out


def _task_export(task: Task) -> fmt.Task:
    assignments = sorted(task.assignments.all(), key=lambda a: a.position)
    return fmt.Task(
        section=task.section_code or None,
        code=task.code or None,
        name=task.name,
        lead=[a.printed_name for a in assignments if a.role == AgencyRole.LEAD],
        support=[a.printed_name for a in assignments if a.role == AgencyRole.PARTNER],
        output=task.output or None,
        deadline=task.deadline_text or None,
        deadline_parsed=task.deadline_parsed,
        provenance=fmt.Provenance(source_lines=list(task.source_lines), confidence=dict(task.confidence)),
    )


def _indicator_export(ind: Indicator) -> fmt.Indicator:
    return fmt.Indicator(
        horizon=ind.horizon,
        group=ind.group or None,
        code=ind.code or None,
        name=ind.name,
        unit=ind.unit or None,
        target=ind.target_text or None,
        op=ind.op,
        value=ind.value,
        value_max=ind.value_max,
        lead=[a.printed_name for a in sorted(ind.assignments.all(), key=lambda a: a.position)],
        provenance=fmt.Provenance(source_lines=list(ind.source_lines), confidence=dict(ind.confidence)),
    )
