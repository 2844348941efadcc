"""Who may read and write what in progress reporting, object by object.

- a reporter (báo cáo viên) reads and writes its own agency's reports only, adds contributions
  to tasks its agency partners on, proposes amendments to tasks its agency leads;
- a coordinator (điều phối, Sở KH&CN) reads, accepts and returns the reports of its province's
  plans, chases agencies up and decides amendments there;
- a leader (lãnh đạo) reads its province; a central viewer (trung ương) reads everything;
- an administrator or superuser may do what a coordinator may, everywhere;
- anybody else reads nothing.

Province checks use ``theodoi.accounts.scope`` so that a plan issued by Bình Định before the
merger counts under Gia Lai. The functions need ``report.plan.unit`` (and its parent) loaded:
selectors load them, so the checks make no query of their own beyond the user's scope.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from theodoi.accounts.models import Role
from theodoi.accounts.scope import Scope, province_of, scope_for
from theodoi.plans.models import Plan

DENIED = "Bạn không có quyền thực hiện thao tác này."


def _role(scope: Scope) -> str | None:
    return scope.profile.role if scope.profile is not None else None


def is_admin(user: Any) -> bool:
    scope = scope_for(user)
    return bool(getattr(user, "is_superuser", False)) or _role(scope) == Role.ADMIN


def user_agency_id(user: Any) -> int | None:
    """Return the agency a reporter reports for, None for other roles."""
    scope = scope_for(user)
    if _role(scope) != Role.REPORTER or scope.profile is None:
        return None
    return scope.profile.agency_id


def plan_in_province(user: Any, plan: Plan) -> bool:
    """Tell whether ``plan`` belongs to the province the user works for."""
    scope = scope_for(user)
    return scope.province_id is not None and province_of(plan.unit) == scope.province_id


def can_read_plan_reports(user: Any, plan: Plan) -> bool:
    """Tell whether the user may read every agency's reports on ``plan``."""
    scope = scope_for(user)
    if scope.everything:
        return True
    return _role(scope) in (Role.COORDINATOR, Role.LEADER) and plan_in_province(user, plan)


def can_coordinate(user: Any, plan: Plan) -> bool:
    """Tell whether the user may review reports, chase up and decide amendments on ``plan``."""
    if is_admin(user):
        return True
    return _role(scope_for(user)) == Role.COORDINATOR and plan_in_province(user, plan)


def can_read_report(user: Any, report: Any) -> bool:
    return report.agency_id == user_agency_id(user) or can_read_plan_reports(user, report.plan)


def can_write_report(user: Any, report: Any) -> bool:
    """Only the agency's own reporters write its report: not even a coordinator does."""
    agency_id = user_agency_id(user)
    return agency_id is not None and report.agency_id == agency_id


def require(allowed: bool) -> None:
    """Raise PermissionDenied (Vietnamese message) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(DENIED)
