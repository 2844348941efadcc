"""Administrative units and agencies: who the plans name and where they sit.

Units form the two-tier structure in force since 1 July 2025 (province, commune) under the
country, and keep the units that were merged away (``successor``) so that plans issued
before the merger stay attached to their old province and show under the new one.
Agencies are resolved through aliases, keyed by ``fold`` of the printed name, so that
"Sở KH&CN", "Sở Khoa học và Công nghệ" and "Sở Khoa học và Công Nghệ" are one agency.
"""

from __future__ import annotations

import datetime as dt

from django.db import models


class UnitLevel(models.TextChoices):
    COUNTRY = "country", "Trung ương"
    PROVINCE = "province", "Tỉnh, thành phố"
    COMMUNE = "commune", "Xã, phường, đặc khu"
    DISTRICT = "district", "Huyện (trước 01/7/2025)"


class AdministrativeUnit(models.Model):
    """A country, province or commune (đơn vị hành chính), current or merged away."""

    name = models.CharField(max_length=200)  # "Bình Định", "Gia Lai"
    level = models.CharField(max_length=16, choices=UnitLevel.choices)
    code = models.CharField(max_length=32, unique=True)  # stable slug, e.g. "binh-dinh"
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="predecessors"
    )  # the unit it was merged into
    valid_until = models.DateField(null=True, blank=True)  # last day before the merger
    is_city = models.BooleanField(default=False)  # thành phố trực thuộc trung ương

    class Meta:
        ordering = ("level", "name")
        constraints = (
            models.UniqueConstraint(fields=["parent", "name", "level"], name="unit_unique_name_in_parent"),
            models.CheckConstraint(
                condition=~models.Q(successor=models.F("id")), name="unit_successor_not_self"
            ),
            models.CheckConstraint(
                condition=models.Q(successor__isnull=True) | models.Q(valid_until__isnull=False),
                name="unit_successor_has_valid_until",
            ),
        )
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        """Return the name with its kind, as documents print it: "tỉnh Gia Lai", "thành phố Huế"."""
        if self.level == UnitLevel.PROVINCE:
            return f"{'thành phố' if self.is_city else 'tỉnh'} {self.name}"
        return self.name

    def is_current(self, *, on: dt.date) -> bool:
        """Tell whether the unit still exists on ``on`` (it has not been merged away)."""
        return self.valid_until is None or on <= self.valid_until

    def current_unit(self) -> AdministrativeUnit:
        """Follow the merger chain to the unit in force today (itself if never merged)."""
        unit, seen = self, set()
        while unit.successor_id is not None and unit.pk not in seen:
            seen.add(unit.pk)
            unit = unit.successor  # type: ignore[assignment]
        return unit


class AgencyKind(models.TextChoices):
    DEPARTMENT = "department", "Sở"
    BOARD = "board", "Ban"
    SECTOR = "sector", "Ngành, cơ quan ngành dọc"
    PEOPLES_COMMITTEE = "peoples_committee", "UBND"
    PARTY = "party", "Cơ quan Đảng, đoàn thể"
    ENTERPRISE = "enterprise", "Doanh nghiệp, đơn vị sự nghiệp"
    COLLECTIVE = "collective", "Tập hợp cơ quan (các sở, ban, ngành...)"
    OTHER = "other", "Khác"


class Agency(models.Model):
    """A body that leads, partners on or monitors plan items (cơ quan, đơn vị)."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=500)  # canonical full name
    short_name = models.CharField(max_length=100, blank=True)  # "Sở KH&CN"
    kind = models.CharField(max_length=24, choices=AgencyKind.choices, default=AgencyKind.OTHER)
    needs_review = models.BooleanField(default=False)  # created by an import, not yet checked
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ("unit__name", "name")
        constraints = (models.UniqueConstraint(fields=["unit", "name"], name="agency_unique_name_in_unit"),)
        indexes = (models.Index(fields=["needs_review"], name="agency_needs_review_idx"),)
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"

    def __str__(self) -> str:
        return self.name

    @property
    def is_collective(self) -> bool:
        return self.kind == AgencyKind.COLLECTIVE


class AgencyAlias(models.Model):
    """A way a document prints an agency's name (tên gọi khác), keyed by its fold."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="+")
    alias = models.CharField(max_length=500)  # the first printed form seen for this key
    key = models.CharField(max_length=500)  # directory.names.agency_key(alias): fold + abbreviations

    class Meta:
        ordering = ("unit_id", "key")
        constraints = (models.UniqueConstraint(fields=["unit", "key"], name="alias_unique_key_in_unit"),)
        verbose_name = "tên gọi khác của cơ quan"
        verbose_name_plural = "tên gọi khác của cơ quan"

    def __str__(self) -> str:
        return self.alias
