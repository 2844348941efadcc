"""Selectors: plan look-up by what users type, and lists whose query count does not grow."""

from __future__ import annotations

from typing import Any

import pytest

from theodoi.directory.models import AdministrativeUnit, Agency
from theodoi.ingest.plan import Plan as PlanDocument
from theodoi.plans.models import AgencyRole, PlanStatus
from theodoi.plans.selectors import (
    PlanLookupError,
    agency_list_for_review,
    plan_get_by_reference,
    plan_indicators,
    plan_list,
    plan_tasks,
    task_list_for_agency,
)
from theodoi.plans.services import plan_import

from .conftest import small_plan

pytestmark = pytest.mark.django_db


def load(doc: dict[str, Any], **kwargs: Any):
    return plan_import(plan=PlanDocument.from_dict(doc), **kwargs)


def load_plans(n: int, *, tasks: int = 2) -> None:
    for i in range(n):
        load(small_plan(number=f"{100 + i}/KH-UBND", tasks=tasks), status=PlanStatus.ACTIVE)


def test_plan_is_found_by_its_number_as_printed() -> None:
    plan = load(small_plan(number="37/KH-UBND"))

    assert plan_get_by_reference("37/KH-UBND") == plan
    assert plan_get_by_reference(" 37/KH-UBND ") == plan


def test_plan_is_found_by_its_id() -> None:
    plan = load(small_plan())

    assert plan_get_by_reference(str(plan.pk)) == plan


def test_missing_plan_is_named_in_the_message() -> None:
    with pytest.raises(PlanLookupError, match="Không tìm thấy kế hoạch số “99/KH-UBND”"):
        plan_get_by_reference("99/KH-UBND")


def test_number_shared_by_two_provinces_is_refused_with_the_ids_to_choose_from() -> None:
    one = load(small_plan(number="37/KH-UBND", province="Gia Lai"))
    two = load(small_plan(number="37/KH-UBND", province="Quảng Trị"))

    with pytest.raises(PlanLookupError) as e:
        plan_get_by_reference("37/KH-UBND")

    assert e.value.code == "ambiguous"
    assert f"mã {one.pk}: Gia Lai" in e.value.message
    assert f"mã {two.pk}: Quảng Trị" in e.value.message


def test_plan_list_of_a_province_includes_the_provinces_merged_into_it() -> None:
    old = load(small_plan(number="1/KH-UBND", province="Bình Định"))
    new = load(small_plan(number="2/KH-UBND", province="Gia Lai"))
    load(small_plan(number="3/KH-UBND", province="Quảng Trị"))

    rows = plan_list(unit=AdministrativeUnit.objects.get(code="gia-lai"))

    assert set(rows) == {old, new}


def test_plan_list_counts_tasks_and_indicators() -> None:
    load(small_plan(tasks=4))

    (row,) = plan_list()

    assert (row.task_count, row.indicator_count) == (4, 4)


def test_plan_list_finds_a_plan_by_a_task_word_without_diacritics() -> None:
    plan = load(small_plan(tasks=1))

    assert list(plan_list(search="nhiem vu so 1")) == [plan]


def test_task_list_for_agency_lists_a_task_once_even_when_named_twice() -> None:
    doc = small_plan(tasks=1)
    doc["tasks"][0]["support"] = ["Sở KH&CN"]  # also its lead, printed another way
    plan = load(doc)
    agency = Agency.objects.get(name="Sở Khoa học và Công nghệ", unit=plan.unit)

    assert task_list_for_agency(agency=agency).count() == 1
    assert task_list_for_agency(agency=agency, role=AgencyRole.PARTNER).count() == 1


def test_agencies_created_by_imports_wait_for_review() -> None:
    load(small_plan())

    names = {a.name for a in agency_list_for_review()}

    assert names == {"Sở Khoa học và Công nghệ", "Các sở, ban, ngành, địa phương", "Sở Tài chính"}


# --- query counts: N rows and 3N rows cost the same ---------------------------------------


def _walk_plans() -> None:
    for plan in plan_list():
        _ = (plan.unit.name, plan.unit.successor, plan.task_count, plan.indicator_count)


def _walk_agency_tasks(agency: Agency) -> None:
    for task in task_list_for_agency(agency=agency):
        _ = (
            task.plan.number,
            task.plan.unit.name,
            task.section,
            [a.agency.name for a in task.assignments.all()],
        )


@pytest.mark.parametrize("n", [2, 6])
def test_plan_list_query_count_is_flat(n: int, django_assert_num_queries: Any) -> None:
    load_plans(n)

    with django_assert_num_queries(1):
        _walk_plans()


@pytest.mark.parametrize("n", [2, 6])
def test_task_list_for_agency_query_count_is_flat(n: int, django_assert_num_queries: Any) -> None:
    load_plans(n)
    agency = Agency.objects.get(name="Sở Tài chính")

    with django_assert_num_queries(2):
        _walk_agency_tasks(agency)


@pytest.mark.parametrize("tasks", [3, 9])
def test_plan_tasks_and_indicators_query_count_is_flat(tasks: int, django_assert_num_queries: Any) -> None:
    plan = load(small_plan(tasks=tasks))

    with django_assert_num_queries(4):
        for task in plan_tasks(plan=plan):
            _ = (task.section, task.parent, [a.agency.name for a in task.assignments.all()])
        for indicator in plan_indicators(plan=plan):
            _ = [a.agency.name for a in indicator.assignments.all()]
