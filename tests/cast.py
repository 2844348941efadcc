"""The named cast every test may use: two provinces, their agencies and plans, and one user per role.

Province A is Gia Lai, into which Bình Định was merged; its plan 37/KH-UBND was issued by
Bình Định before the merger. Province B is Đồng Tháp. Rows are made with the ORM so the
pages can be tested apart from the import service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from theodoi.accounts.models import Profile, Role
from theodoi.directory.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel
from theodoi.ingest.text import fold
from theodoi.plans.models import (
    AgencyRole,
    Indicator,
    IndicatorAgency,
    Plan,
    PlanStatus,
    Section,
    Task,
    TaskAgency,
)

PASSWORD = "mat-khau-thu-nghiem-57"


def _unit(
    name: str,
    level: str,
    parent: AdministrativeUnit | None = None,
    successor: AdministrativeUnit | None = None,
) -> AdministrativeUnit:
    unit = AdministrativeUnit.objects.filter(name=name, level=level).first()
    if unit is None:
        unit = AdministrativeUnit.objects.create(
            name=name, level=level, parent=parent, code=f"test-{fold(name).replace(' ', '-')}"
        )
    if successor is not None and unit.successor_id != successor.pk:
        unit.successor = successor
        unit.valid_until = dt.date(2025, 6, 30)
        unit.save()
    return unit


@pytest.fixture
def units(db: Any) -> dict[str, AdministrativeUnit]:
    country = _unit("Việt Nam", UnitLevel.COUNTRY)
    gia_lai = _unit("Gia Lai", UnitLevel.PROVINCE, country)
    binh_dinh = _unit("Bình Định", UnitLevel.PROVINCE, country, successor=gia_lai)
    dong_thap = _unit("Đồng Tháp", UnitLevel.PROVINCE, country)
    return {"country": country, "a": gia_lai, "a_old": binh_dinh, "b": dong_thap}


def _agency(
    unit: AdministrativeUnit, name: str, short: str = "", kind: str = AgencyKind.DEPARTMENT, **kw: Any
) -> Agency:
    return Agency.objects.create(unit=unit, name=name, short_name=short, kind=kind, **kw)


@pytest.fixture
def agencies(units: dict[str, AdministrativeUnit]) -> dict[str, Agency]:
    return {
        "science_a": _agency(units["a_old"], "Sở Khoa học và Công nghệ", "Sở KH&CN"),
        "finance_a": _agency(units["a_old"], "Sở Tài chính"),
        "radio_a": _agency(
            units["a_old"],
            "Đài Phát thanh và Truyền hình tỉnh",
            kind=AgencyKind.ENTERPRISE,
            needs_review=True,
        ),
        "science_b": _agency(units["b"], "Sở Khoa học và Công nghệ", "Sở KH&CN"),
        "ministry": _agency(units["country"], "Bộ Khoa học và Công nghệ", kind=AgencyKind.SECTOR),
    }


@pytest.fixture
def make_task() -> Callable[..., Task]:
    """Return a factory of tasks with their agency mentions and search key."""

    def make(
        plan: Plan,
        name: str,
        *,
        lead: list[Agency],
        partners: list[Agency] = (),  # type: ignore[assignment]
        section: Section | None = None,
        output: str = "Báo cáo",
        deadline: str = "12/2025",
        code: str = "",
    ) -> Task:
        position = plan.tasks.count()
        task = Task.objects.create(
            plan=plan,
            section=section,
            code=code or str(position + 1),
            name=name,
            output=output,
            deadline_text=deadline,
            position=position,
            search_key=fold(" ".join([name, output, *(a.name for a in [*lead, *partners])])),
        )
        for n, agency in enumerate(lead):
            TaskAgency.objects.create(
                task=task, agency=agency, role=AgencyRole.LEAD, printed_name=agency.name, position=n
            )
        for n, agency in enumerate(partners):
            TaskAgency.objects.create(
                task=task, agency=agency, role=AgencyRole.PARTNER, printed_name=agency.name, position=n
            )
        return task

    return make


@pytest.fixture
def make_indicator() -> Callable[..., Indicator]:
    def make(
        plan: Plan,
        name: str,
        *,
        monitor: list[Agency],
        horizon: int = 2030,
        target: str = "≥ 80",
        unit: str = "%",
    ) -> Indicator:
        position = plan.indicators.count()
        indicator = Indicator.objects.create(
            plan=plan,
            horizon=horizon,
            code=str(position + 1),
            name=name,
            unit=unit,
            target_text=target,
            position=position,
            search_key=fold(" ".join([name, *(a.name for a in monitor)])),
        )
        for n, agency in enumerate(monitor):
            IndicatorAgency.objects.create(
                indicator=indicator, agency=agency, printed_name=agency.name, position=n
            )
        return indicator

    return make


@pytest.fixture
def plan_a(
    units: dict[str, AdministrativeUnit],
    agencies: dict[str, Agency],
    make_task: Callable[..., Task],
    make_indicator: Callable[..., Indicator],
) -> Plan:
    plan = Plan.objects.create(
        number="37/KH-UBND",
        kind="KH-UBND",
        issuer="UBND tỉnh Bình Định",
        unit=units["a_old"],
        date=dt.date(2025, 2, 26),
        title="Thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ",
        signer="Phạm Anh Tuấn",
        status=PlanStatus.ACTIVE,
    )
    section = Section.objects.create(plan=plan, code="I", title="Nâng cao nhận thức", position=0)
    make_task(
        plan,
        "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước",
        lead=[agencies["science_a"]],
        partners=[agencies["finance_a"], agencies["ministry"]],
        section=section,
        output="Kế hoạch",
        deadline="06/2025",
    )
    make_task(
        plan,
        "Xây dựng chương trình truyền hình về đổi mới sáng tạo",
        lead=[agencies["radio_a"]],
        partners=[agencies["science_a"]],
        section=section,
    )
    make_indicator(
        plan, "Tỷ lệ dịch vụ công trực tuyến toàn trình", monitor=[agencies["science_a"]], target="≥ 80"
    )
    make_indicator(
        plan,
        "Chi cho khoa học và công nghệ",
        monitor=[agencies["finance_a"]],
        horizon=2025,
        target="> 0,75",
        unit="% GRDP",
    )
    return plan


@pytest.fixture
def plan_b(
    units: dict[str, AdministrativeUnit], agencies: dict[str, Agency], make_task: Callable[..., Task]
) -> Plan:
    plan = Plan.objects.create(
        number="12/KH-UBND",
        issuer="UBND tỉnh Đồng Tháp",
        unit=units["b"],
        date=dt.date(2025, 3, 10),
        title="Kế hoạch chuyển đổi số tỉnh Đồng Tháp",
        status=PlanStatus.ACTIVE,
    )
    make_task(plan, "Chuyển đổi số nông nghiệp Đồng Tháp", lead=[agencies["science_b"]])
    return plan


def _user(username: str, *, role: str | None = None, **profile: Any) -> Any:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, first_name=username)
    if role is not None:
        Profile.objects.create(user=user, role=role, **profile)
    return user


@pytest.fixture
def coordinator_a(units: dict[str, AdministrativeUnit]) -> Any:
    return _user("dieuphoi_a", role=Role.COORDINATOR, unit=units["a"])


@pytest.fixture
def leader_a(units: dict[str, AdministrativeUnit]) -> Any:
    return _user("lanhdao_a", role=Role.LEADER, unit=units["a"])


@pytest.fixture
def reporter_a(agencies: dict[str, Agency]) -> Any:
    return _user("baocao_a", role=Role.REPORTER, agency=agencies["science_a"])


@pytest.fixture
def coordinator_b(units: dict[str, AdministrativeUnit]) -> Any:
    return _user("dieuphoi_b", role=Role.COORDINATOR, unit=units["b"])


@pytest.fixture
def central(db: Any) -> Any:
    return _user("trunguong", role=Role.CENTRAL)


@pytest.fixture
def outsider(db: Any) -> Any:
    """A user with an account but no role or scope yet."""
    return _user("chuaphanquyen")


@pytest.fixture
def password() -> str:
    return PASSWORD
