"""Writes and look-ups for administrative units and agencies.

``agency_resolve`` is how every agency a document names becomes a row: found through its
aliases by ``agency_key`` (fold plus abbreviations), created once and flagged for review when
unknown, never duplicated. ``units_seed`` loads the 34 provinces in force from 01/07/2025 and
the 29 merged into them.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import IntegrityError, transaction

from theodoi.core.audit import audit_record
from theodoi.directory import units as unit_data
from theodoi.directory.models import AdministrativeUnit, Agency, AgencyAlias, AgencyKind, UnitLevel
from theodoi.directory.names import agency_full_name, agency_key, place_key, unit_code

logger = logging.getLogger(__name__)

# Folded names of central bodies: a plan of any province that names them means the one
# national body, so they live on the country unit.
_CENTRAL_NAMES = frozenset(
    {
        "chinh phu",
        "thu tuong chinh phu",
        "van phong chinh phu",
        "quoc hoi",
        "bo chinh tri",
        "ban bi thu",
        "ban chap hanh trung uong",
    }
)
_NOT_MINISTRIES = ("bo chi huy", "bo doi")
_SHORT_NAME_MAX = Agency._meta.get_field("short_name").max_length

_PARTY_MARKS = ("tinh uy", "thanh uy", "dang uy", "huyen uy")
_PARTY_HEADS = (
    "mat tran to quoc",
    "uy ban mat tran",
    "tinh doan",
    "thanh doan",
    "hoi ",
    "lien doan lao dong",
)
_SECTOR_HEADS = (
    "bo ",
    "cong an",
    "bo chi huy",
    "bo doi bien phong",
    "cuc ",
    "chi cuc",
    "kho bac",
    "ngan hang nha nuoc",
    "thanh tra",
    "bao hiem xa hoi",
    "vien kiem sat",
    "toa an",
    "thue ",
    "hai quan",
)
_ENTERPRISE_HEADS = (
    "cong ty",
    "tong cong ty",
    "tap doan",
    "vien thong",
    "buu dien",
    "truong ",
    "dai hoc",
    "vien ",
    "trung tam",
    "dai phat thanh",
    "bao ",
    "doanh nghiep",
    "quy ",
)


def agency_kind_guess(key: str) -> str:
    """Guess an agency's kind from its matching key; the reviewer corrects it when wrong.

    A collective ("Các sở, ban, ngành", "UBND các xã, phường") is checked first: it names many
    bodies and must never be mistaken for one department.
    """
    if key.startswith(("cac ", "uy ban nhan dan cac ", "hoi dong nhan dan cac ")):
        return AgencyKind.COLLECTIVE
    if key.startswith(("so, ", "so nganh", "ban, nganh", "nganh, ")) or key == "dia phuong":
        return AgencyKind.COLLECTIVE
    if key.startswith("hoi dong nhan dan"):
        return AgencyKind.OTHER
    if key.startswith("uy ban nhan dan"):
        return AgencyKind.PEOPLES_COMMITTEE
    if key.startswith("so "):
        return AgencyKind.DEPARTMENT
    if any(mark in key for mark in _PARTY_MARKS) or key.startswith(_PARTY_HEADS):
        return AgencyKind.PARTY
    if key.startswith("ban "):
        return AgencyKind.BOARD
    if key.startswith(_SECTOR_HEADS):
        return AgencyKind.SECTOR
    if key.startswith(_ENTERPRISE_HEADS):
        return AgencyKind.ENTERPRISE
    return AgencyKind.OTHER


def is_central_body(key: str) -> bool:
    """Tell whether a name means a national body (a ministry, the Government ...)."""
    if key in _CENTRAL_NAMES or key.endswith((" trung uong", " chinh phu")):
        return True
    return key.startswith("bo ") and not key.startswith(_NOT_MINISTRIES)


def unit_country() -> AdministrativeUnit:
    """Return the country unit, creating it if the database has not been seeded."""
    unit, _ = AdministrativeUnit.objects.get_or_create(
        code=unit_data.COUNTRY_CODE, defaults={"name": unit_data.COUNTRY, "level": UnitLevel.COUNTRY}
    )
    return unit


def unit_find_province(*, name: str) -> AdministrativeUnit | None:
    """Return the province a document names, current or merged away; None if unknown.

    A pre-merger name ("Bình Định") gives the old unit, whose ``successor`` is the province
    it went into: a plan keeps the province that issued it.
    """
    wanted = place_key(name)
    if not wanted:
        return None
    other_names = {place_key(o): place_key(n) for n, others in unit_data.OTHER_NAMES.items() for o in others}
    wanted = other_names.get(wanted, wanted)
    for unit in AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE):
        if place_key(unit.name) == wanted:
            return unit
    return None


@transaction.atomic
def units_seed() -> dict[str, int]:
    """Create or update the country and the 63 provinces (34 current, 29 merged away).

    Idempotent: rows are found by their code and brought in line with the data; nothing is
    deleted. Returns counts of created and updated rows.
    """
    return units_seed_into(AdministrativeUnit)


def units_seed_into(model: Any) -> dict[str, int]:
    """Seed units through ``model``, which is either the real model or a migration's historical one."""
    counts = {"created": 0, "updated": 0}

    def put(code: str, **fields: Any) -> Any:
        unit, created = model.objects.get_or_create(code=code, defaults=fields)
        if created:
            counts["created"] += 1
            return unit
        changed = [name for name, value in fields.items() if getattr(unit, name) != value]
        if changed:
            for name in changed:
                setattr(unit, name, fields[name])
            unit.save(update_fields=changed)
            counts["updated"] += 1
        return unit

    country = put(
        unit_data.COUNTRY_CODE, name=unit_data.COUNTRY, level=UnitLevel.COUNTRY, parent=None, is_city=False
    )
    for name, is_city, merged in unit_data.CURRENT:
        current = put(
            unit_code(name),
            name=name,
            level=UnitLevel.PROVINCE,
            parent=country,
            is_city=is_city,
            successor=None,
            valid_until=None,
        )
        for old in merged:
            put(
                unit_code(old),
                name=old,
                level=UnitLevel.PROVINCE,
                parent=country,
                is_city=False,
                successor=current,
                valid_until=unit_data.MERGER_EVE,
            )
    return counts


def agency_resolve(*, unit: AdministrativeUnit, printed_name: str, actor: Any | None = None) -> Agency:
    """Return the agency a document means by ``printed_name`` in ``unit``'s plans.

    Looked up by ``agency_key`` among the aliases of ``unit`` and of the country (central
    bodies such as "Bộ Khoa học và Công nghệ" are one row for the whole country). An unknown
    name creates the agency once, flagged ``needs_review`` with an audit event, and an alias
    for the printed form, so the next mention in any spelling that folds alike finds it.
    """
    key = agency_key(printed_name, unit_name=unit.name)
    if not key:
        raise ValueError("Tên cơ quan trống.")
    found = _agency_find(unit=unit, key=key)
    if found is not None:
        return found
    home = unit_country() if is_central_body(key) else unit
    return _agency_create(unit=home, printed_name=printed_name, key=key, actor=actor)


def agency_find(*, unit: AdministrativeUnit, printed_name: str) -> Agency | None:
    """Return the agency ``printed_name`` means in ``unit``, or None; never creates one.

    For names that are not agency mentions in their own right, such as the recipient of a
    report ("UBND tỉnh, Chủ tịch UBND tỉnh"), which should link when known and not add rows.
    """
    key = agency_key(printed_name, unit_name=unit.name)
    return _agency_find(unit=unit, key=key) if key else None


def _agency_find(*, unit: AdministrativeUnit, key: str) -> Agency | None:
    """Look ``key`` up among the aliases of ``unit``, then of the country."""
    country = unit if unit.level == UnitLevel.COUNTRY else unit_country()
    aliases = AgencyAlias.objects.filter(key=key, unit__in={unit.pk, country.pk}).select_related("agency")
    found = {alias.unit_id: alias.agency for alias in aliases}
    return found.get(unit.pk) or found.get(country.pk)


def _agency_create(*, unit: AdministrativeUnit, printed_name: str, key: str, actor: Any | None) -> Agency:
    """Create an agency met for the first time, with its first alias, for review.

    It is named in full ("Sở KH&CN" -> "Sở Khoa học và Công nghệ"), keeping an abbreviated
    printed form as its short name.
    """
    printed = " ".join(printed_name.split())
    name = agency_full_name(printed)
    short_name = printed if printed != name and len(printed) <= _SHORT_NAME_MAX else ""
    try:
        with transaction.atomic():
            agency, created = Agency.objects.get_or_create(
                unit=unit,
                name=name,
                defaults={"kind": agency_kind_guess(key), "needs_review": True, "short_name": short_name},
            )
            AgencyAlias.objects.create(agency=agency, unit=unit, alias=printed, key=key)
    except IntegrityError:
        # Another import created the same alias at the same moment: use theirs.
        return AgencyAlias.objects.select_related("agency").get(unit=unit, key=key).agency
    if created:
        logger.debug("New agency %r in %s, flagged for review", name, unit)
        audit_record(
            actor=actor,
            action="agency.create",
            obj=agency,
            summary=f"Tạo cơ quan mới “{name}” ({unit.name}) từ văn bản; cần rà soát.",
            after={"name": name, "unit": unit.code, "kind": agency.kind},
        )
    return agency


@transaction.atomic
def agency_alias_add(*, agency: Agency, alias: str, actor: Any | None = None) -> AgencyAlias:
    """Record another printed form of ``agency`` so imports resolve it to this agency."""
    key = agency_key(alias, unit_name=agency.unit.name)
    row = AgencyAlias.objects.create(agency=agency, unit=agency.unit, alias=alias.strip(), key=key)
    audit_record(
        actor=actor,
        action="agency.alias_add",
        obj=agency,
        summary=f"Thêm tên gọi khác “{alias}” cho {agency.name}.",
        after={"alias": alias, "key": key},
    )
    return row
