"""What a user may see (phạm vi xem): the one place every page scopes its reads.

- superusers, admins (quản trị) and central viewers (trung ương) see everything;
- coordinators and leaders see their province: plans whose unit is the province, a unit
  merged into it on 1 July 2025 (``unit.successor``), or a commune of either;
- reporters see the province of their agency, the same way;
- a user without a profile sees nothing (the page says why);
- everyone with a scope also sees national plans (unit = the country, e.g. 03/NQ-CP), since
  those are what every province carries out.

Agencies are visible when they sit in the user's province or are named in a plan the user
may see (a ministry partnering on a provincial task). Lookups by id go through
``plan_for_user_or_404`` / ``agency_for_user_or_404`` so that an id from the address bar is
never trusted alone.

Plan drafts under review (issue 5) are narrower: only administrators (all) and coordinators
(their province, with the provinces merged into it or the one it merged into) see them;
``draft_get_for_user`` is the lookup by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from theodoi.accounts.models import Profile, Role
from theodoi.directory.models import AdministrativeUnit, Agency, UnitLevel
from theodoi.plans.models import IndicatorAgency, Plan, PlanDraft, TaskAgency

_EVERYTHING_ROLES = {Role.ADMIN, Role.CENTRAL}
_PROVINCE_ROLES = {Role.COORDINATOR, Role.LEADER}


@dataclass(frozen=True)
class Scope:
    """The province a user is confined to; ``everything`` lifts the confinement."""

    everything: bool = False
    province_id: int | None = None  # the province in force today (after mergers)
    national: bool = False  # national plans only: a reporter at a ministry, say
    profile: Profile | None = None

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.national and self.province_id is None

    def unit_q(self, prefix: str) -> Q:
        """Return a filter on ``<prefix>`` (a unit relation) for units in this scope."""
        if self.everything:
            return Q()
        if self.province_id is None:
            return Q(pk__in=[])
        return province_q(prefix, self.province_id)

    def plans(self) -> QuerySet[Plan]:
        if self.everything:
            return Plan.objects.all()
        if self.is_empty:
            return Plan.objects.none()
        # The national programme (unit = the country) is what every province carries out.
        national = Q(unit__level=UnitLevel.COUNTRY)
        return Plan.objects.filter(national if self.province_id is None else self.unit_q("unit") | national)

    def agencies(self) -> QuerySet[Agency]:
        if self.everything:
            return Agency.objects.all()
        plans = self.plans()
        named_on_task = TaskAgency.objects.filter(agency=OuterRef("pk"), task__plan__in=plans)
        named_on_indicator = IndicatorAgency.objects.filter(agency=OuterRef("pk"), indicator__plan__in=plans)
        return Agency.objects.filter(self.unit_q("unit") | Exists(named_on_task) | Exists(named_on_indicator))


def province_q(prefix: str, province_id: int) -> Q:
    """Return a filter on ``<prefix>`` for a province, the units merged into it and their communes.

    Given the country's id it means national units only, not every province under it.
    """
    p = province_id
    local = {
        f"{prefix}__level__in": [UnitLevel.COMMUNE, UnitLevel.DISTRICT]
    }  # the country's children are provinces
    return (
        Q(**{prefix: p})
        | Q(**{f"{prefix}__successor": p})
        | Q(**{f"{prefix}__parent": p}, **local)
        | Q(**{f"{prefix}__parent__successor": p}, **local)
    )


def province_of(unit: AdministrativeUnit) -> int | None:
    """Return the id of the province in force today that ``unit`` belongs to (no query).

    The 2025 mergers are one step deep (Bình Định -> Gia Lai), so ``successor_id`` on the
    province row is enough; communes and districts count under their parent province. The
    country belongs to no province (None): its plans are national.
    """
    province = unit.parent if unit.level in (UnitLevel.COMMUNE, UnitLevel.DISTRICT) and unit.parent else unit
    if province.level == UnitLevel.COUNTRY:
        return None
    return province.successor_id or province.pk


def scope_for(user: AbstractBaseUser | AnonymousUser) -> Scope:
    """Return the scope of ``user`` (one query for the profile, cached on the user)."""
    cached = getattr(user, "_theodoi_scope", None)
    if cached is not None:
        return cached
    scope = _compute_scope(user)
    user._theodoi_scope = scope  # type: ignore[union-attr]
    return scope


def scope_from_profile(user: AbstractBaseUser, profile: Profile | None) -> Scope:
    """Cache on ``user`` the scope of ``profile``, already read with its unit or agency (and
    their units' parents) loaded; return it.

    For callers that read the profile in a query of their own: the API token look-up reads
    token, service user, profile and agency in one statement, so a token request makes no
    query for its scope. The scope is what ``scope_for`` would compute from the same row.
    """
    scope = _scope_of(user, profile)
    user._theodoi_scope = scope  # type: ignore[attr-defined]
    return scope


def _compute_scope(user: AbstractBaseUser | AnonymousUser) -> Scope:
    if not user.is_authenticated:
        return Scope()
    profile = (
        Profile.objects.select_related("unit__parent", "agency__unit__parent").filter(user_id=user.pk).first()
    )
    return _scope_of(user, profile)


def _scope_of(user: AbstractBaseUser | AnonymousUser, profile: Profile | None) -> Scope:
    if user.is_superuser:
        return Scope(everything=True, profile=profile)
    if profile is None:
        return Scope()
    if profile.role in _EVERYTHING_ROLES:
        return Scope(everything=True, profile=profile)
    unit = None
    if profile.role in _PROVINCE_ROLES:
        unit = profile.unit
    elif profile.role == Role.REPORTER and profile.agency is not None:
        unit = profile.agency.unit
    if unit is None:
        return Scope(profile=profile)
    province_id = province_of(unit)
    return Scope(province_id=province_id, national=province_id is None, profile=profile)


def plans_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Plan]:
    """Return the plans ``user`` may see."""
    return scope_for(user).plans()


def agencies_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Agency]:
    """Return the agencies ``user`` may see."""
    return scope_for(user).agencies()


def plan_for_user_or_404(user: AbstractBaseUser | AnonymousUser, pk: int) -> Plan:
    """Return plan ``pk`` if ``user`` may see it, else raise Http404 (no hint it exists)."""
    plan = plans_visible_to(user).select_related("unit__successor").filter(pk=pk).first()
    if plan is None:
        raise Http404("Không tìm thấy kế hoạch.")
    return plan


def agency_for_user_or_404(user: AbstractBaseUser | AnonymousUser, pk: int) -> Agency:
    """Return agency ``pk`` if ``user`` may see it, else raise Http404."""
    agency = agencies_visible_to(user).select_related("unit").filter(pk=pk).first()
    if agency is None:
        raise Http404("Không tìm thấy cơ quan.")
    return agency


# --- plan drafts under review (issue 5) ---------------------------------------------------------


def draft_units_for(user: Any) -> set[int] | None:
    """Return the unit ids whose drafts ``user`` may see; None for all (administrators)."""
    from theodoi.plans.services import _unit_family  # plans.services imports the apps this module serves

    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    if getattr(user, "is_superuser", False):
        return None
    profile = getattr(user, "profile", None)
    role = getattr(profile, "role", None)
    if role == Role.ADMIN:
        return None
    if role == Role.COORDINATOR and profile.unit is not None:
        return _unit_family(profile.unit)
    return set()


def draft_get_for_user(*, user: Any, draft_id: int) -> PlanDraft:
    """Return draft ``draft_id`` if ``user`` may see it; raise PlanDraft.DoesNotExist otherwise
    (the view answers 404: a draft of another province does not exist for this user)."""
    rows = PlanDraft.objects.select_related(
        "unit", "created_by", "updated_by", "target_plan", "supersedes_plan", "published_plan"
    )
    units = draft_units_for(user)
    if units is not None:
        rows = rows.filter(unit_id__in=units)
    return rows.get(pk=draft_id)
