"""Reads the pages need, shaped for display, with their joins in one place.

Each function takes the already-scoped querysets (``plans``/``agencies`` from
``theodoi.accounts.scope``) so that scoping stays in one helper and these stay plain reads.
They build on ``theodoi.plans.selectors`` (plan_tasks, plan_indicators,
task_list_for_agency) and add what only the pages need: scoping by a given plan queryset,
grouping for display, the agency directory and search; they can move there unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from theodoi.accounts.scope import province_of, province_q
from theodoi.directory.models import AdministrativeUnit, Agency, UnitLevel
from theodoi.ingest.text import fold
from theodoi.plans.models import (
    AgencyRole,
    Indicator,
    IndicatorAgency,
    Plan,
    PlanReference,
    ReferenceRelation,
    ReportingDuty,
    Section,
    Task,
    TaskAgency,
)
from theodoi.plans.selectors import plan_indicators, plan_tasks, task_list_for_agency
from theodoi.web.highlight import starts_a_word


def _count_of(model: type[Task] | type[Indicator]) -> Coalesce:
    rows = (
        model.objects.filter(plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def plan_list(
    *, plans: QuerySet[Plan], province_id: int | None = None, level: str = "", status: str = ""
) -> QuerySet[Plan]:
    """Return ``plans`` filtered for the plan list, with task and indicator counts.

    ``province_id`` also finds plans of units merged into the province and of its communes.
    """
    rows = plans.select_related("unit__successor").annotate(
        task_count=_count_of(Task), indicator_count=_count_of(Indicator)
    )
    if province_id is not None:
        rows = rows.filter(province_q("unit", province_id))
    if level:
        rows = rows.filter(level=level)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-date", "number", "id")


def plan_province_choices(*, plans: QuerySet[Plan]) -> list[tuple[int, str]]:
    """Return the provinces (in force today) that the given plans belong to, by name."""
    units = AdministrativeUnit.objects.filter(plans__in=plans).select_related("parent").distinct()
    province_ids = {province_of(unit) or unit.pk for unit in units}  # the country stands for itself
    provinces = AdministrativeUnit.objects.filter(pk__in=province_ids).order_by("level", "name")
    return [(p.pk, "Trung ương" if p.level == UnitLevel.COUNTRY else p.name) for p in provinces]


@dataclass
class TaskRow:
    """A task with its lead and partner mentions split, as the task table shows them."""

    task: Task
    leads: list[TaskAgency] = field(default_factory=list)
    partners: list[TaskAgency] = field(default_factory=list)


@dataclass
class SectionBlock:
    section: Section | None  # None: tasks printed outside any section
    rows: list[TaskRow]


@dataclass
class HorizonBlock:
    horizon: int | None
    indicators: list[Indicator]


@dataclass
class ReferenceLink:
    reference: PlanReference
    visible: bool  # the target is in the database and the user may open it


@dataclass
class PlanDetail:
    plan: Plan
    implements: list[ReferenceLink]
    supersedes: list[ReferenceLink]
    superseded_by: list[Plan]
    duties: list[ReportingDuty]
    sections: list[SectionBlock]
    horizons: list[HorizonBlock]
    task_count: int
    indicator_count: int


def _task_rows(tasks: QuerySet[Task]) -> list[TaskRow]:
    """Split each task's prefetched ``assignments`` into leads and partners."""
    rows = []
    for task in tasks:
        row = TaskRow(task=task)
        for mention in task.assignments.all():
            (row.leads if mention.role == AgencyRole.LEAD else row.partners).append(mention)
        rows.append(row)
    return rows


def plan_detail(*, plan: Plan, plans: QuerySet[Plan]) -> PlanDetail:
    """Return everything the plan page shows: header links, duties, sections, indicators.

    ``plans`` are the plans the reader may see: references link only to those.
    """
    references = list(plan.references.select_related("target").order_by("relation", "position"))
    target_ids = [r.target_id for r in references if r.target_id]
    visible = set(plans.filter(pk__in=target_ids).values_list("pk", flat=True)) if target_ids else set()
    links = [ReferenceLink(reference=r, visible=r.target_id in visible) for r in references]
    superseded_by = list(
        plans.filter(references__relation=ReferenceRelation.SUPERSEDES, references__target=plan).distinct()
    )

    sections = list(plan.sections.order_by("position", "id"))
    by_section: dict[int | None, list[TaskRow]] = defaultdict(list)
    for row in _task_rows(plan_tasks(plan=plan).select_related("carried_from__plan")):
        by_section[row.task.section_id].append(row)
    blocks = [SectionBlock(section=s, rows=by_section.pop(s.pk, [])) for s in sections]
    if by_section.get(None):
        blocks.insert(0, SectionBlock(section=None, rows=by_section.pop(None)))
    for rows in by_section.values():  # a section id not in this plan cannot happen; keep the rows anyway
        blocks.append(SectionBlock(section=None, rows=rows))

    indicators = list(plan_indicators(plan=plan))
    by_horizon: dict[int | None, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        by_horizon[indicator.horizon].append(indicator)
    horizons = [
        HorizonBlock(horizon=h, indicators=by_horizon[h])
        for h in sorted(by_horizon, key=lambda h: (h is None, h or 0))
    ]
    task_count = sum(len(b.rows) for b in blocks)
    return PlanDetail(
        plan=plan,
        implements=[link for link in links if link.reference.relation == ReferenceRelation.IMPLEMENTS],
        supersedes=[link for link in links if link.reference.relation == ReferenceRelation.SUPERSEDES],
        superseded_by=superseded_by,
        duties=list(plan.reporting_duties.select_related("recipient").order_by("position", "id")),
        sections=[b for b in blocks if b.rows or b.section is not None],
        horizons=horizons,
        task_count=task_count,
        indicator_count=len(indicators),
    )


@dataclass
class AgencyPlanGroup:
    """What one agency does in one plan."""

    plan: Plan
    lead: list[TaskRow] = field(default_factory=list)
    partner: list[TaskRow] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class AgencyWork:
    groups: list[AgencyPlanGroup]
    lead_count: int
    partner_count: int
    indicator_count: int


def agency_work(*, agency: Agency, plans: QuerySet[Plan]) -> AgencyWork:
    """Return the tasks ``agency`` leads or partners on and the indicators it monitors, by plan."""
    tasks = task_list_for_agency(agency=agency).filter(plan__in=plans)
    groups: dict[int, AgencyPlanGroup] = {}
    lead_count = partner_count = 0
    for row in _task_rows(tasks):
        group = groups.setdefault(row.task.plan_id, AgencyPlanGroup(plan=row.task.plan))
        if any(m.agency_id == agency.pk for m in row.leads):
            group.lead.append(row)
            lead_count += 1
        else:
            group.partner.append(row)
            partner_count += 1
    indicators = (
        Indicator.objects.filter(assignments__agency=agency, plan__in=plans)
        .select_related("plan")
        .prefetch_related(
            Prefetch(
                "assignments", queryset=IndicatorAgency.objects.select_related("agency").order_by("position")
            )
        )
        .distinct()
        .order_by("plan_id", "position", "id")
    )
    indicator_count = 0
    for indicator in indicators:
        groups.setdefault(indicator.plan_id, AgencyPlanGroup(plan=indicator.plan)).indicators.append(
            indicator
        )
        indicator_count += 1
    ordered = sorted(
        groups.values(),
        key=lambda g: (g.plan.date is None, -(g.plan.date.toordinal() if g.plan.date else 0), g.plan.pk),
    )
    return AgencyWork(
        groups=ordered, lead_count=lead_count, partner_count=partner_count, indicator_count=indicator_count
    )


def agency_directory(
    *, agencies: QuerySet[Agency], plans: QuerySet[Plan], query: str = ""
) -> QuerySet[Agency]:
    """Return ``agencies`` whose name, short name or a known alias has a word starting with each query word.

    Matching is on ``fold`` (no diacritics): names are folded here, aliases by their stored
    key. Agencies carry no folded key column yet, so the name match runs in Python over the
    scoped list (a province has a few hundred agencies); a ``search_key`` on Agency would
    move it into the database. Each row carries counts of tasks it leads and partners on.
    """
    rows = agencies.select_related("unit")
    words = fold(query).split()
    if words:
        names = {
            pk: fold(f"{name} {short}") for pk, name, short in rows.values_list("pk", "name", "short_name")
        }
        aliases: dict[int, list[str]] = defaultdict(list)
        for agency_id, key in rows.filter(aliases__isnull=False).values_list("pk", "aliases__key"):
            aliases[agency_id].append(key)
        matched = [
            pk
            for pk, key in names.items()
            if all(
                starts_a_word(key, w) or any(starts_a_word(a, w) for a in aliases.get(pk, ())) for w in words
            )
        ]
        rows = rows.filter(pk__in=matched)
    mentions = (
        TaskAgency.objects.filter(agency=OuterRef("pk"), task__plan__in=plans).order_by().values("agency")
    )
    return rows.annotate(
        lead_count=Coalesce(
            Subquery(
                mentions.filter(role=AgencyRole.LEAD).annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        partner_count=Coalesce(
            Subquery(
                mentions.filter(role=AgencyRole.PARTNER).annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
    ).order_by("unit__name", "name")


# What may stand before a word in a folded key: "(cds)", "“so hoa”", "kh/cn", "khcn-dmst".
_WORD_BREAKS = (" ", "(", "“", '"', "'", "/", "-", "[")


def word_start_q(field_name: str, word: str) -> Q:
    """Return a filter for ``field_name`` (a folded key) having a word that starts with ``word``.

    Prefixes, not substrings: "so" finds "số" and "sở" but "hoa" does not find "khoa".
    """
    q = Q(**{f"{field_name}__startswith": word})
    for mark in _WORD_BREAKS:
        q |= Q(**{f"{field_name}__contains": mark + word})
    return q


def _phrase_first(rows: QuerySet[Any], words: list[str]) -> QuerySet[Any]:
    """Annotate ``phrase_rank``: 0 when the words stand together as typed ("chuyen doi so"), else 1."""
    return rows.annotate(
        phrase_rank=Case(
            When(word_start_q("search_key", " ".join(words)), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )


def search_tasks(*, plans: QuerySet[Plan], words: list[str]) -> QuerySet[Task]:
    """Return tasks of ``plans`` whose ``search_key`` has a word starting with each query word."""
    rows = Task.objects.filter(plan__in=plans)
    for word in words:
        rows = rows.filter(word_start_q("search_key", word))
    return (
        _phrase_first(rows, words)
        .select_related("plan", "section")
        .order_by("phrase_rank", "-plan__date", "plan_id", "position", "id")
    )


def search_indicators(*, plans: QuerySet[Plan], words: list[str]) -> QuerySet[Indicator]:
    """Return indicators of ``plans`` whose ``search_key`` has a word starting with each query word."""
    rows = Indicator.objects.filter(plan__in=plans)
    for word in words:
        rows = rows.filter(word_start_q("search_key", word))
    return (
        _phrase_first(rows, words)
        .select_related("plan")
        .prefetch_related(
            Prefetch(
                "assignments", queryset=IndicatorAgency.objects.select_related("agency").order_by("position")
            )
        )
        .order_by("phrase_rank", "-plan__date", "plan_id", "position", "id")
    )


def task_rows(tasks: list[Task]) -> list[TaskRow]:
    """Return display rows (lead/partner split) for a page of tasks, in two queries."""
    if not tasks:
        return []
    by_id = {t.pk: TaskRow(task=t) for t in tasks}
    for mention in (
        TaskAgency.objects.filter(task_id__in=list(by_id))
        .select_related("agency")
        .order_by("task_id", "role", "position")
    ):
        row = by_id[mention.task_id]
        (row.leads if mention.role == AgencyRole.LEAD else row.partners).append(mention)
    return [by_id[t.pk] for t in tasks]
