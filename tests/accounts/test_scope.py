"""Who sees which plans: province, merged provinces, communes, national plans."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from theodoi.accounts.models import Profile, Role
from theodoi.accounts.scope import plans_visible_to, scope_for
from theodoi.directory.models import AdministrativeUnit, UnitLevel
from theodoi.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_plan(units: dict[str, Any]) -> Plan:
    return Plan.objects.create(
        number="03/NQ-CP", unit=units["country"], level="central", date=dt.date(2025, 1, 9)
    )


@pytest.fixture
def commune_plan(units: dict[str, Any]) -> Plan:
    commune = AdministrativeUnit.objects.create(
        name="Phường Quy Nhơn", level=UnitLevel.COMMUNE, parent=units["a"], code="test-phuong-quy-nhon"
    )
    return Plan.objects.create(number="05/KH-UBND", unit=commune, level="commune")


def _numbers(user: Any) -> set[str]:
    return set(plans_visible_to(user).values_list("number", flat=True))


def test_coordinator_sees_province_merged_province_communes_and_national_plans(
    coordinator_a: Any, plan_a: Plan, plan_b: Plan, national_plan: Plan, commune_plan: Plan
) -> None:
    assert _numbers(coordinator_a) == {"37/KH-UBND", "05/KH-UBND", "03/NQ-CP"}


def test_reporter_sees_the_province_of_their_agency(reporter_a: Any, plan_a: Plan, plan_b: Plan) -> None:
    assert _numbers(reporter_a) == {"37/KH-UBND"}


def test_reporter_at_a_national_body_sees_national_plans_only(
    agencies: dict[str, Any], plan_a: Plan, plan_b: Plan, national_plan: Plan
) -> None:
    user = get_user_model().objects.create_user("bo_khcn")
    Profile.objects.create(user=user, role=Role.REPORTER, agency=agencies["ministry"])
    assert _numbers(user) == {"03/NQ-CP"}


def test_central_viewer_sees_every_plan(
    central: Any, plan_a: Plan, plan_b: Plan, national_plan: Plan
) -> None:
    assert _numbers(central) == {"37/KH-UBND", "12/KH-UBND", "03/NQ-CP"}


def test_user_without_a_profile_sees_nothing(outsider: Any, plan_a: Plan, national_plan: Plan) -> None:
    assert _numbers(outsider) == set()
    assert scope_for(outsider).is_empty


def test_plan_list_filter_on_the_country_means_national_plans(
    client: Any, central: Any, units: dict[str, Any], plan_a: Plan, national_plan: Plan
) -> None:
    client.force_login(central)
    response = client.get("/ke-hoach/", {"tinh": str(units["country"].pk)})
    assert [p.number for p in response.context["page"].object_list] == ["03/NQ-CP"]
    assert "Trung ương" in response.content.decode()
