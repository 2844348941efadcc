"""Filter and search forms (GET): they only read and clean what the address bar carries."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from theodoi.plans.models import PlanLevel, PlanStatus

_ALL = [("", "Tất cả")]


class PlanFilterForm(forms.Form):
    """Filters of the plan list; province choices are the provinces the user may see."""

    tinh = forms.TypedChoiceField(label="Tỉnh, thành phố", required=False, coerce=int, empty_value=None)
    cap = forms.ChoiceField(label="Cấp ban hành", required=False, choices=_ALL + list(PlanLevel.choices))
    trang_thai = forms.ChoiceField(
        label="Trạng thái", required=False, choices=_ALL + list(PlanStatus.choices)
    )

    def __init__(self, *args: object, provinces: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if len(provinces) < 2:  # one province to choose from is no choice: do not show the field
            del self.fields["tinh"]
        else:
            self.fields["tinh"].choices = _ALL + [(str(pk), name) for pk, name in provinces]

    def filters(self) -> dict[str, object]:
        """Return the keyword arguments of ``plan_list`` (empty when the form is invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"province_id": data.get("tinh"), "level": data["cap"], "status": data["trang_thai"]}


class SearchForm(forms.Form):
    q = forms.CharField(label="Từ khóa", required=False, max_length=200)
    loai = forms.ChoiceField(
        label="Loại", required=False, choices=[("nhiem-vu", "Nhiệm vụ"), ("chi-tieu", "Chỉ tiêu")]
    )

    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""

    def kind(self) -> str:
        return (self.cleaned_data.get("loai") if self.is_valid() else "") or "nhiem-vu"


class AgencyFilterForm(forms.Form):
    q = forms.CharField(label="Tên cơ quan", required=False, max_length=200)

    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class LoginForm(AuthenticationForm):
    """Django's sign-in form with the labels and messages in plain Vietnamese."""

    error_messages = {  # noqa: RUF012 - overrides the parent's class attribute
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Xin kiểm tra lại (chú ý chữ hoa, chữ thường).",
        "inactive": "Tài khoản này đã bị khóa. Xin liên hệ quản trị hệ thống.",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
