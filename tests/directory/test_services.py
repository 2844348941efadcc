"""Units and agencies: the 2025 mergers, and one agency per body however it is printed."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from theodoi.core.models import AuditEvent
from theodoi.directory.models import AdministrativeUnit, Agency, AgencyAlias, AgencyKind, UnitLevel
from theodoi.directory.names import agency_key
from theodoi.directory.services import agency_kind_guess, agency_resolve, unit_find_province, units_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def gia_lai() -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code="gia-lai")


@pytest.fixture
def quang_tri() -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code="quang-tri")


def test_seeded_units_are_the_34_provinces_in_force_and_the_29_merged_into_them() -> None:
    provinces = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)

    assert provinces.filter(successor__isnull=True, valid_until__isnull=True).count() == 34
    assert provinces.filter(successor__isnull=False).count() == 29
    assert AdministrativeUnit.objects.get(level=UnitLevel.COUNTRY).name == "Việt Nam"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Bình Định", "Gia Lai"),
        ("Tiền Giang", "Đồng Tháp"),
        ("Quảng Bình", "Quảng Trị"),
        ("Quảng Nam", "Đà Nẵng"),
    ],
)
def test_merged_province_points_at_its_successor_from_1_july_2025(old: str, new: str) -> None:
    unit = AdministrativeUnit.objects.get(name=old)

    assert unit.successor.name == new
    assert unit.valid_until.isoformat() == "2025-06-30"
    assert unit.current_unit().name == new


def test_seeding_again_changes_nothing() -> None:
    before = AdministrativeUnit.objects.count()

    counts = units_seed()

    assert counts == {"created": 0, "updated": 0}
    assert AdministrativeUnit.objects.count() == before


def test_seed_units_command_restores_a_damaged_unit() -> None:
    AdministrativeUnit.objects.filter(code="binh-dinh").update(successor=None, valid_until=None)

    call_command("seed_units", verbosity=0)

    assert AdministrativeUnit.objects.get(code="binh-dinh").successor.code == "gia-lai"


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("Bình Định", "binh-dinh"),
        ("tỉnh Gia Lai", "gia-lai"),
        ("Thừa Thiên Huế", "hue"),
        ("TP.HCM", "ho-chi-minh"),
    ],
)
def test_province_is_found_by_the_name_documents_print(printed: str, code: str) -> None:
    assert unit_find_province(name=printed).code == code


def test_unknown_province_is_not_found() -> None:
    assert unit_find_province(name="Xứ Sở Thần Tiên") is None


def test_three_spellings_resolve_to_one_agency(gia_lai: AdministrativeUnit) -> None:
    found = {
        agency_resolve(unit=gia_lai, printed_name=name).pk
        for name in ("Sở KH&CN", "Sở Khoa học và Công nghệ", "Sở Khoa học và Công Nghệ")
    }

    assert len(found) == 1
    assert Agency.objects.filter(unit=gia_lai).count() == 1


def test_unknown_agency_is_created_once_flagged_for_review_with_an_alias(gia_lai: AdministrativeUnit) -> None:
    first = agency_resolve(unit=gia_lai, printed_name="Sở Tài chính")
    again = agency_resolve(unit=gia_lai, printed_name="Sở Tài Chính")

    assert again == first
    assert first.needs_review
    assert first.kind == AgencyKind.DEPARTMENT
    assert list(first.aliases.values_list("alias", "key")) == [("Sở Tài chính", "so tai chinh")]
    assert AuditEvent.objects.filter(action="agency.create", object_id=str(first.pk)).count() == 1


def test_collective_entry_stays_one_agency(gia_lai: AdministrativeUnit) -> None:
    agency = agency_resolve(unit=gia_lai, printed_name="Các sở, ban, ngành, địa phương")

    assert agency.name == "Các sở, ban, ngành, địa phương"
    assert agency.kind == AgencyKind.COLLECTIVE
    assert agency_resolve(unit=gia_lai, printed_name="Các sở,ban, ngành, địa phương") == agency
    assert Agency.objects.count() == 1


def test_central_body_is_one_agency_on_the_country_unit(
    gia_lai: AdministrativeUnit, quang_tri: AdministrativeUnit
) -> None:
    from_gia_lai = agency_resolve(unit=gia_lai, printed_name="Bộ Khoa học và Công nghệ")
    from_quang_tri = agency_resolve(unit=quang_tri, printed_name="Bộ KH&CN")

    assert from_gia_lai == from_quang_tri
    assert from_gia_lai.unit.level == UnitLevel.COUNTRY


def test_same_department_in_two_provinces_is_two_agencies(
    gia_lai: AdministrativeUnit, quang_tri: AdministrativeUnit
) -> None:
    assert agency_resolve(unit=gia_lai, printed_name="Sở Nội vụ") != agency_resolve(
        unit=quang_tri, printed_name="Sở Nội vụ"
    )


def test_alias_added_by_an_operator_resolves(gia_lai: AdministrativeUnit) -> None:
    agency = agency_resolve(unit=gia_lai, printed_name="Sở Khoa học và Công nghệ")
    AgencyAlias.objects.create(
        agency=agency, unit=gia_lai, alias="Sở KHCN&ĐMST", key=agency_key("Sở KHCN&ĐMST", unit_name="Gia Lai")
    )

    assert agency_resolve(unit=gia_lai, printed_name="Sở KHCN & ĐMST") == agency


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Sở Tài chính", AgencyKind.DEPARTMENT),
        ("UBND tỉnh", AgencyKind.PEOPLES_COMMITTEE),
        ("UBND các xã, phường, đặc khu", AgencyKind.COLLECTIVE),
        ("Các sở, ban, ngành", AgencyKind.COLLECTIVE),
        ("Sở, ban, ngành có liên quan", AgencyKind.COLLECTIVE),
        ("Ban Quản lý Khu kinh tế", AgencyKind.BOARD),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy", AgencyKind.PARTY),
        ("Công an tỉnh", AgencyKind.SECTOR),
        ("Đài Phát thanh và Truyền hình tỉnh", AgencyKind.ENTERPRISE),
        ("HĐND tỉnh", AgencyKind.OTHER),
    ],
)
def test_kind_is_guessed_from_the_name(name: str, kind: str) -> None:
    assert agency_kind_guess(agency_key(name)) == kind


def test_agency_met_first_by_its_abbreviation_is_named_in_full(gia_lai: AdministrativeUnit) -> None:
    agency = agency_resolve(unit=gia_lai, printed_name="Sở KH&CN")

    assert (agency.name, agency.short_name) == ("Sở Khoa học và Công nghệ", "Sở KH&CN")
    assert agency_resolve(unit=gia_lai, printed_name="Sở Khoa học và Công nghệ") == agency
