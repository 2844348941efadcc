"""Forms of the plan import pages: they read and clean what the user sent, nothing more.

Checks of the content (formats, sizes, cell values, versions) belong to the services in
``theodoi.plans.drafts``; these forms only make sure the request carries what the view needs.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from theodoi.directory.models import AdministrativeUnit, UnitLevel
from theodoi.ingest.read.limits import DEFAULT_LIMITS
from theodoi.plans.models import Plan


def upload_limit() -> int:
    """Return the largest file accepted (the services' limit, THEODOI_UPLOAD_MAX_BYTES)."""
    return int(getattr(settings, "THEODOI_UPLOAD_MAX_BYTES", DEFAULT_LIMITS.max_bytes))


class UploadForm(forms.Form):
    """A plan document; an administrator also names the province (a coordinator has one)."""

    tep = forms.FileField(
        label="Tệp kế hoạch",
        error_messages={"required": "Hãy chọn tệp kế hoạch cần nhập.", "empty": "Tệp đã chọn rỗng."},
    )
    tinh = forms.ModelChoiceField(
        label="Tỉnh, thành phố",
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        empty_label="— Chọn tỉnh, thành phố —",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        profile = getattr(user, "profile", None)
        if profile is not None and getattr(profile, "unit_id", None):
            del self.fields["tinh"]
        else:
            self.fields["tinh"].required = True
            self.fields["tinh"].error_messages["required"] = "Hãy chọn tỉnh, thành phố mà kế hoạch thuộc về."
            self.fields["tinh"].queryset = AdministrativeUnit.objects.filter(
                level=UnitLevel.PROVINCE, successor__isnull=True
            ).order_by("name")


class CellForm(forms.Form):
    """One cell's new value and the draft version it was edited on."""

    o = forms.CharField(max_length=200)
    version = forms.IntegerField(min_value=1)
    value = forms.CharField(required=False, max_length=20_000, strip=False)

    def __init__(self, data: Any, *, kind: str) -> None:
        super().__init__(data)
        self.kind = kind
        self._values = data.getlist("value") if hasattr(data, "getlist") else []

    def cell_value(self) -> Any:
        """Return the value for the service: a list of names for an agency cell, else text."""
        if self.kind == "agencies":
            return [v for v in self._values if v.strip()]
        return self.cleaned_data.get("value", "")


ROW_ACTIONS = ("them", "xoa", "tach", "gop", "len", "xuong")


class RowForm(forms.Form):
    """A row action: which table, which row, what to do (and for a split, where)."""

    bang = forms.ChoiceField(choices=[(t, t) for t in ("tasks", "indicators", "sections", "reporting")])
    dong = forms.IntegerField(min_value=0)
    thao_tac = forms.ChoiceField(choices=[(a, a) for a in ROW_ACTIONS])
    version = forms.IntegerField(min_value=1, required=False)
    truong = forms.ChoiceField(choices=[("name", "name"), ("title", "title")], required=False)
    vi_tri = forms.IntegerField(min_value=0, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.data.get("_method_post") is None and self.data.get("version") in (None, "") and self.is_bound:
            data.setdefault("version", None)
        if data.get("thao_tac") == "tach":
            data["truong"] = data.get("truong") or "name"
            data["vi_tri"] = data.get("vi_tri") or 0
        return data


class SupersedesForm(forms.Form):
    """The plan the draft replaces, from the province's active plans (or none)."""

    thay_the = forms.ChoiceField(label="Kế hoạch được thay thế", required=False)
    version = forms.IntegerField(min_value=1, required=False)

    def __init__(self, *args: Any, candidates: list[Plan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = {str(p.pk): p for p in candidates}
        self.fields["thay_the"].choices = [("", "Không thay thế kế hoạch nào")] + [
            (str(p.pk), f"{p.number or 'Chưa có số'}{' – ' + p.title[:80] if p.title else ''}")
            for p in candidates
        ]

    def plan(self) -> Plan | None:
        return self.candidates.get(self.cleaned_data.get("thay_the") or "")
