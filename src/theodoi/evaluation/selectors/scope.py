"""Read what an evaluation covers: a province's plans in force, each plan's province in SQL, the
provinces in force, the agencies that lead tasks.
"""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from theodoi.accounts.scope import province_q
from theodoi.directory.models import AdministrativeUnit, Agency, UnitLevel
from theodoi.plans.models import (
    AgencyRole,
    Plan,
    PlanStatus,
    TaskAgency,
)


def province_plans(*, province_id: int) -> QuerySet[Plan]:
    """Return the plans in force in a province: its own, its communes', and those of the units
    merged into it in 2025 (Bình Định's plans under Gia Lai) until a new plan replaces them."""
    return Plan.objects.filter(province_q("unit", province_id), status=PlanStatus.ACTIVE)


def province_in_sql(prefix: str) -> Case:
    """Return ``accounts.scope.province_of`` of the unit at ``prefix`` as an SQL expression.

    So that a national read learns each plan's province without loading 3,500 plans with
    their units and parents; ``tests/evaluation/test_selectors.py`` compares the two on every unit.
    """
    local = Q(
        **{
            f"{prefix}__level__in": [UnitLevel.COMMUNE, UnitLevel.DISTRICT],
            f"{prefix}__parent__isnull": False,
        }
    )
    return Case(
        When(local & Q(**{f"{prefix}__parent__level": UnitLevel.COUNTRY}), then=Value(None)),
        When(local, then=Coalesce(F(f"{prefix}__parent__successor"), F(f"{prefix}__parent"))),
        When(Q(**{f"{prefix}__level": UnitLevel.COUNTRY}), then=Value(None)),
        default=Coalesce(F(f"{prefix}__successor"), F(f"{prefix}__id")),
        output_field=IntegerField(),
    )


def current_provinces() -> QuerySet[AdministrativeUnit]:
    """Return the provinces in force today (not merged away), by name."""
    return AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, successor__isnull=True).order_by(
        "name"
    )


def lead_agencies(*, plans: QuerySet[Plan]) -> list[Agency]:
    """Return the agencies that lead a task of ``plans``, by name (one query)."""
    return list(
        Agency.objects.filter(
            pk__in=TaskAgency.objects.filter(task__plan__in=plans, role=AgencyRole.LEAD).values("agency_id")
        ).order_by("name")
    )
