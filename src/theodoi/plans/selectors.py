"""Cross-table reads of plans, with their joins in one place.

Each list pins its query count in tests (N and 3N rows give the same count), so a template
walking the rows never triggers a query per row.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce

from theodoi.accounts.scope import draft_units_for
from theodoi.directory.models import AdministrativeUnit, Agency
from theodoi.ingest.text import fold
from theodoi.plans.models import (
    AgencyRole,
    Correction,
    DraftStatus,
    Indicator,
    IndicatorAgency,
    Plan,
    PlanDraft,
    PlanStatus,
    Task,
    TaskAgency,
)


class PlanLookupError(LookupError):
    """A plan reference that names no plan, or more than one; the message is for the user."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _count_of(model: type[Task] | type[Indicator]) -> Coalesce:
    """Count a plan's rows in a subquery: two joins would multiply tasks by indicators."""
    rows = (
        model.objects.filter(plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def plan_get_by_reference(reference: str) -> Plan:
    """Return the plan a user names by its number as printed ("37/KH-UBND") or by its id.

    A number is not unique across provinces (every province has a "37/KH-UBND"), so more than
    one match is refused with the candidates listed rather than one picked silently.
    """
    text = reference.strip()
    if text.isdigit() and len(text) <= 18:  # beyond a bigint it cannot be an id
        plan = Plan.objects.select_related("unit").filter(pk=int(text)).first()
        if plan is None:
            raise PlanLookupError("not_found", f"Không có kế hoạch mã {text}.")
        return plan
    matches = list(
        Plan.objects.select_related("unit").filter(number="".join(text.split())).order_by("id")[:10]
    )
    if not matches:
        raise PlanLookupError("not_found", f"Không tìm thấy kế hoạch số “{text}”.")
    if len(matches) > 1:
        options = "; ".join(f"mã {p.pk}: {p.unit.name}, {p.get_status_display().lower()}" for p in matches)
        raise PlanLookupError(
            "ambiguous",
            f"Có {len(matches)} kế hoạch số “{text}” ({options}). Hãy ghi mã (id) của kế hoạch cần dùng.",
        )
    return matches[0]


def plan_list(
    *, unit: AdministrativeUnit | None = None, status: str | None = None, search: str = ""
) -> QuerySet[Plan]:
    """Return plans, newest first, with their unit and task and indicator counts.

    ``unit`` also matches plans of the units merged into it: a Gia Lai list shows Bình Định's
    plans still in force.
    """
    rows = Plan.objects.select_related("unit", "unit__successor").annotate(
        task_count=_count_of(Task), indicator_count=_count_of(Indicator)
    )
    if unit is not None:
        rows = rows.filter(Q(unit=unit) | Q(unit__successor=unit))
    if status:
        rows = rows.filter(status=status)
    if search:
        key = fold(search)
        matching_tasks = Task.objects.filter(search_key__contains=key).values("plan_id")
        rows = rows.filter(
            Q(number__icontains=search.strip())
            | Q(title__icontains=search.strip())
            | Q(pk__in=matching_tasks)
        )
    return rows.order_by("-date", "number", "id")


def plan_tasks(*, plan: Plan) -> QuerySet[Task]:
    """Return a plan's tasks in document order with their section and agency mentions."""
    return (
        Task.objects.filter(plan=plan)
        .select_related("section", "parent")
        .prefetch_related(Prefetch("assignments", queryset=TaskAgency.objects.select_related("agency")))
        .order_by("position", "id")
    )


def plan_indicators(*, plan: Plan) -> QuerySet[Indicator]:
    """Return a plan's indicators in document order with their monitoring agencies."""
    return (
        Indicator.objects.filter(plan=plan)
        .prefetch_related(Prefetch("assignments", queryset=IndicatorAgency.objects.select_related("agency")))
        .order_by("position", "id")
    )


def task_list_for_agency(
    *, agency: Agency, role: str | None = None, plan_status: str | None = None
) -> QuerySet[Task]:
    """Return the tasks that name ``agency`` (as lead or partner, or ``role`` only), by plan.

    A task naming the agency twice (printed two ways) is listed once.
    """
    mentions = TaskAgency.objects.filter(agency=agency)
    if role:
        mentions = mentions.filter(role=role)
    rows = Task.objects.filter(pk__in=mentions.values("task_id"))
    if plan_status:
        rows = rows.filter(plan__status=plan_status)
    return (
        rows.select_related("plan", "plan__unit", "section")
        .prefetch_related(Prefetch("assignments", queryset=TaskAgency.objects.select_related("agency")))
        .order_by("plan__date", "plan_id", "position", "id")
    )


def task_list_led_by(*, agency: Agency) -> QuerySet[Task]:
    """Return the tasks ``agency`` leads (chủ trì): what its reporter must report on."""
    return task_list_for_agency(agency=agency, role=AgencyRole.LEAD)


def agency_list_for_review(*, unit: AdministrativeUnit | None = None) -> QuerySet[Agency]:
    """Return agencies imports created and nobody has checked yet, with their aliases."""
    rows = Agency.objects.filter(needs_review=True).select_related("unit").prefetch_related("aliases")
    if unit is not None:
        rows = rows.filter(unit=unit)
    return rows.order_by("unit__name", "name")


# --- drafts under review (issue 5) ----------------------------------------------------------


def draft_list_for_user(*, user: Any, include_closed: bool = False) -> QuerySet[PlanDraft]:
    """Return the drafts ``user`` may see, newest first: all for administrators, those of its
    province (and the provinces merged into it) for a coordinator, none for anyone else.

    Rows carry ``plan_number`` and ``plan_title`` (from the draft's document) and their users,
    unit and plans; the big JSON fields are deferred, so a list costs one query whatever its
    length. Published and discarded drafts only with ``include_closed``.
    """
    rows = PlanDraft.objects.all()
    units = draft_units_for(user)
    if units is not None:
        rows = rows.filter(unit_id__in=units)
    if not include_closed:
        rows = rows.exclude(status__in=[DraftStatus.PUBLISHED, DraftStatus.DISCARDED])
    return (
        rows.select_related(
            "unit", "created_by", "updated_by", "target_plan", "supersedes_plan", "published_plan"
        )
        .defer("extracted", "document", "source_lines")
        .annotate(plan_number=KT("document__document__number"), plan_title=KT("document__document__title"))
        .order_by("-created_at", "-id")
    )


def draft_corrections(*, draft: PlanDraft) -> QuerySet[Correction]:
    """Return a draft's corrections, oldest first, with who made them."""
    return Correction.objects.filter(draft=draft).select_related("actor").order_by("at", "id")


def draft_supersede_candidates(*, draft: PlanDraft) -> QuerySet[Plan]:
    """Return the plans the draft may replace: active plans of its province family, newest first."""
    from theodoi.plans.services import _unit_family

    rows = Plan.objects.filter(unit_id__in=_unit_family(draft.unit), status=PlanStatus.ACTIVE)
    if draft.target_plan_id:
        rows = rows.exclude(pk=draft.target_plan_id)
    return rows.select_related("unit").order_by("-date", "number", "id")


def agency_suggest(*, unit: AdministrativeUnit, q: str, limit: int = 10) -> list[Agency]:
    """Return agencies whose names match ``q`` for type-ahead, best first.

    Diacritics and case do not matter ("so khoa hoc", "Sở KH&CN" both find "Sở Khoa học và
    Công nghệ"): ``q`` is keyed like the alias table (``agency_key``) and must start a word
    of an alias. Agencies of the province, the provinces merged into it and the country
    (ministries) are searched. Reviewed agencies come before those imports created and nobody
    checked (often OCR debris), then names starting with ``q``, then the most named on tasks.
    """
    from theodoi.directory.models import AgencyAlias
    from theodoi.directory.names import agency_key
    from theodoi.directory.services import unit_country
    from theodoi.plans.services import _unit_family

    keys = {k for k in (agency_key(q, unit_name=unit.name), fold(q).strip(" ,;.")) if k}
    if not keys:
        return []
    words = Q()
    starts = Q()
    for key in keys:
        words |= Q(key__startswith=key) | Q(key__contains=f" {key}")
        starts |= Q(key__startswith=key)
    family = {*_unit_family(unit), unit_country().pk}
    aliases = AgencyAlias.objects.filter(words, unit_id__in=family)
    leading = AgencyAlias.objects.filter(starts, unit_id__in=family, agency_id=OuterRef("pk"))
    uses = (
        TaskAgency.objects.filter(agency_id=OuterRef("pk"))
        .order_by()
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        Agency.objects.filter(pk__in=aliases.values("agency_id"), is_active=True)
        .select_related("unit")
        .annotate(
            leading=Exists(leading), uses=Coalesce(Subquery(uses, output_field=IntegerField()), Value(0))
        )
        .order_by("needs_review", "-leading", "-uses", "name", "id")[:limit]
    )
