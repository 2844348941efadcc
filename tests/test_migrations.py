"""Migrations from the first release's schema: rows written then survive every later migration.

The first release's schema is every theodoi app at its ``0001_initial`` (with whatever those
need, e.g. the seeded units). The test goes back there on the test database, writes rows the
way that schema allowed, migrates forward to the latest and reads them back.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

APPS = ("core", "directory", "accounts", "plans", "tracking", "api")


def _first_release(executor: MigrationExecutor) -> list[tuple[str, str]]:
    """Return per app the latest migration the union of the apps' 0001_initial needs."""
    graph = executor.loader.graph
    needed = {node for app in APPS for node in graph.forwards_plan((app, "0001_initial"))}
    targets: list[tuple[str, str]] = []
    for app in APPS:
        mine = [n for n in needed if n[0] == app]
        targets.append(max(mine, key=lambda n: len(graph.forwards_plan(n))))
    return targets


def _latest(executor: MigrationExecutor) -> list[tuple[str, str]]:
    return [n for n in executor.loader.graph.leaf_nodes() if n[0] in APPS]


@pytest.mark.django_db(transaction=True)
def test_rows_of_the_first_release_survive_migration_to_the_latest() -> None:
    executor = MigrationExecutor(connection)
    first = _first_release(executor)
    executor.migrate(first)
    old = executor.loader.project_state(first).apps
    Unit = old.get_model("directory", "AdministrativeUnit")
    Agency = old.get_model("directory", "Agency")
    Plan = old.get_model("plans", "Plan")
    Task = old.get_model("plans", "Task")
    User = old.get_model("auth", "User")
    Profile = old.get_model("accounts", "Profile")
    unit = Unit.objects.create(name="Tỉnh Thử Nghiệm", level="province", code="test-thu-nghiem")
    agency = Agency.objects.create(unit=unit, name="Sở Khoa học và Công nghệ")
    plan = Plan.objects.create(
        number="1/KH-UBND",
        unit=unit,
        date=dt.date(2025, 2, 1),
        title="Kế hoạch phát hành đầu",
        status="active",
    )
    task = Task.objects.create(plan=plan, code="1", name="Chuyển đổi số", position=0)
    user = User.objects.create(username="baocao_cu")
    Profile.objects.create(user=user, role="reporter", agency=agency)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(_latest(executor))

    from theodoi.accounts.models import Profile as NewProfile
    from theodoi.plans.models import Plan as NewPlan

    stored = NewPlan.objects.get(pk=plan.pk)
    assert (stored.number, stored.title, stored.status) == ("1/KH-UBND", "Kế hoạch phát hành đầu", "active")
    assert list(stored.tasks.values_list("pk", "name")) == [(task.pk, "Chuyển đổi số")]
    assert NewProfile.objects.get(user_id=user.pk).agency_id == agency.pk


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration() -> None:
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
