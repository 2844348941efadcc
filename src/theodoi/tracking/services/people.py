"""Find the users a write records and tells: the actor (None when not signed in), an agency's
reporters, the coordinators of a plan's province.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model

from theodoi.accounts.models import Profile, Role
from theodoi.accounts.scope import province_of, province_q
from theodoi.plans.models import Plan


def _user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _reporters_of(agency_ids: Iterable[int]) -> list[Any]:
    return list(
        get_user_model()
        .objects.filter(is_active=True, profile__role=Role.REPORTER, profile__agency_id__in=list(agency_ids))
        .select_related("profile")
        .order_by("pk")
    )


def _coordinators_of(plan: Plan) -> list[Any]:
    province = province_of(plan.unit)
    profiles = Profile.objects.filter(role=Role.COORDINATOR, user__is_active=True).select_related(
        "unit__parent", "user"
    )
    if province is not None:  # only the province's coordinators, not the country's, on every submit
        profiles = profiles.filter(province_q("unit", province))
    return [p.user for p in profiles if p.unit is not None and province_of(p.unit) == province]
