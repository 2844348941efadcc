"""Every list page runs the same number of queries for N and 3N rows (no query per row)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from theodoi.directory.models import Agency
from theodoi.plans.models import Plan, PlanStatus, Section

pytestmark = pytest.mark.django_db

N = 4


def _plans(
    units: dict[str, Any], count: int, make_task: Any, make_indicator: Any, agency: Agency
) -> list[Plan]:
    plans = []
    for n in range(count):
        plan = Plan.objects.create(
            number=f"{n + 100}/KH-UBND",
            unit=units["a_old"],
            date=dt.date(2025, 1, 1 + n),
            status=PlanStatus.ACTIVE,
        )
        make_task(plan, f"Chuyển đổi số nhiệm vụ {n}", lead=[agency])
        make_indicator(plan, f"Chỉ tiêu số {n}", monitor=[agency])
        plans.append(plan)
    return plans


def _tasks(plan: Plan, count: int, make_task: Any, make_indicator: Any, agencies: dict[str, Any]) -> None:
    section = Section.objects.create(plan=plan, code="II", title="Hạ tầng", position=1)
    for n in range(count):
        make_task(
            plan,
            f"Chuyển đổi số hạ tầng {n}",
            lead=[agencies["science_a"]],
            partners=[agencies["finance_a"], agencies["radio_a"]],
            section=section,
        )
        make_indicator(plan, f"Chỉ tiêu hạ tầng {n}", monitor=[agencies["science_a"], agencies["finance_a"]])


@pytest.mark.parametrize("rows", [N, 3 * N])
def test_plan_list_query_count(
    client: Any,
    django_assert_num_queries: Any,
    coordinator_a: Any,
    units: dict[str, Any],
    agencies: dict[str, Any],
    make_task: Any,
    make_indicator: Any,
    rows: int,
) -> None:
    _plans(units, rows, make_task, make_indicator, agencies["science_a"])
    client.force_login(coordinator_a)
    # session, user, profile, province choices (2), count, page
    with django_assert_num_queries(7):
        response = client.get(reverse("web:plan_list"))
    assert len(response.context["page"].object_list) == rows


@pytest.mark.parametrize("rows", [N, 3 * N])
def test_plan_page_query_count(
    client: Any,
    django_assert_num_queries: Any,
    coordinator_a: Any,
    plan_a: Any,
    agencies: dict[str, Any],
    make_task: Any,
    make_indicator: Any,
    rows: int,
) -> None:
    _tasks(plan_a, rows, make_task, make_indicator, agencies)
    client.force_login(coordinator_a)
    # session, user, profile, plan, references, superseded-by, sections, tasks, task agencies,
    # indicators, indicator agencies, duties; task statuses (tasks, their leads, the ids of tasks
    # without a TaskProgress row, then for those: the tasks, their updates, one bulk INSERT; then
    # the TaskProgress rows with their updates) and indicator progress (indicators, stated
    # values), all in bulk (theodoi.tracking.selectors, tracking.progress.task_progress_fill_missing)
    with django_assert_num_queries(21):
        response = client.get(reverse("web:plan_detail", args=[plan_a.pk]))
    assert response.context["d"].task_count == rows + 2


@pytest.mark.parametrize("rows", [N, 3 * N])
def test_agency_page_query_count(
    client: Any,
    django_assert_num_queries: Any,
    coordinator_a: Any,
    plan_a: Any,
    agencies: dict[str, Any],
    make_task: Any,
    make_indicator: Any,
    rows: int,
) -> None:
    _tasks(plan_a, rows, make_task, make_indicator, agencies)
    client.force_login(coordinator_a)
    # session, user, profile, agency, tasks, task agencies, indicators, indicator agencies
    with django_assert_num_queries(8):
        response = client.get(reverse("web:agency_detail", args=[agencies["finance_a"].pk]))
    assert response.context["work"].partner_count == rows + 1


@pytest.mark.parametrize("rows", [N, 3 * N])
def test_agency_directory_query_count(
    client: Any,
    django_assert_num_queries: Any,
    coordinator_a: Any,
    plan_a: Any,
    units: dict[str, Any],
    rows: int,
) -> None:
    for n in range(rows):
        Agency.objects.create(unit=units["a"], name=f"UBND xã số {n}", needs_review=n % 2 == 0)
    client.force_login(coordinator_a)
    # session, user, profile, count, page
    with django_assert_num_queries(5):
        response = client.get(reverse("web:agency_list"))
    assert (
        len(response.context["page"].object_list) == rows + 4
    )  # the cast: three Bình Định agencies and the ministry its plan names
    # with a filter: + folded names and aliases
    with django_assert_num_queries(7):
        response = client.get(reverse("web:agency_list"), {"q": "ubnd xa"})
    assert len(response.context["page"].object_list) == rows


@pytest.mark.parametrize("rows", [N, 3 * N])
def test_search_query_count(
    client: Any,
    django_assert_num_queries: Any,
    coordinator_a: Any,
    plan_a: Any,
    agencies: dict[str, Any],
    make_task: Any,
    make_indicator: Any,
    rows: int,
) -> None:
    _tasks(plan_a, rows, make_task, make_indicator, agencies)
    client.force_login(coordinator_a)
    # session, user, profile, task count, task page, task agencies, indicator count
    with django_assert_num_queries(7):
        response = client.get(reverse("web:search"), {"q": "ha tang"})
    assert len(response.context["rows"]) == rows
    # session, user, profile, indicator count, indicator page, indicator agencies, task count
    with django_assert_num_queries(7):
        response = client.get(reverse("web:search"), {"q": "ha tang", "loai": "chi-tieu"})
    assert len(response.context["page"].object_list) == rows
