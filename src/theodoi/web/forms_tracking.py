"""Forms of the progress-report pages: read what the browser posts, map errors back to fields.

The report form has one row per task and per indicator, so it is not a Django ``Form``: the
posted names are ``t-<task id>-<field>`` and ``i-<indicator id>-<field>``, read here into the
``data`` mapping ``report_save_draft`` takes. The service validates; its errors, keyed
``tasks.<id>.<field>``, come back to the input they belong to. What the user typed is shown
again as typed (``FieldState.value``), so an error never costs them their text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import QueryDict

from theodoi.accounts.scope import Scope
from theodoi.tracking.models import IndicatorValue, NotificationKind, TaskUpdate, WorkStatus
from theodoi.tracking.selectors import IndicatorRow, ReportForm, TaskRow

TASK_FIELDS = (
    "status",
    "percent",
    "done_on",
    "done_text",
    "difficulties",
    "proposals",
    "evidence_number",
    "evidence_date",
    "evidence_link",
)
INDICATOR_FIELDS = ("value", "note", "source")
STATUS_CHOICES = WorkStatus.choices


def task_input(task_id: int, name: str) -> str:
    return f"t-{task_id}-{name}"


def indicator_input(indicator_id: int, name: str) -> str:
    return f"i-{indicator_id}-{name}"


def error_key_to_input(key: str) -> str:
    """Turn a service error key ("tasks.12.percent") into the input's name ("t-12-percent")."""
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "tasks":
        return task_input(int(parts[1]), parts[2]) if parts[1].isdigit() else key
    if len(parts) == 3 and parts[0] == "indicators":
        return indicator_input(int(parts[1]), parts[2]) if parts[1].isdigit() else key
    if len(parts) == 2 and parts[0] == "tasks" and parts[1].isdigit():  # a row that is not the agency's
        return task_input(int(parts[1]), "status")
    return key


def report_data(post: QueryDict, form: ReportForm) -> dict[str, Any]:
    """Return ``report_save_draft``'s data from the posted form: only the inputs that were sent."""
    data: dict[str, Any] = {}
    if "summary" in post:
        data["summary"] = post["summary"]
    tasks: dict[int, dict[str, Any]] = {}
    for row in form.tasks:
        values = {
            f: post[task_input(row.task.pk, f)] for f in TASK_FIELDS if task_input(row.task.pk, f) in post
        }
        if values:
            tasks[row.task.pk] = values
    indicators: dict[int, dict[str, Any]] = {}
    for ind in form.indicators:
        values = {
            f: post[indicator_input(ind.indicator.pk, f)]
            for f in INDICATOR_FIELDS
            if indicator_input(ind.indicator.pk, f) in post
        }
        if values:
            indicators[ind.indicator.pk] = values
    if tasks:
        data["tasks"] = tasks
    if indicators:
        data["indicators"] = indicators
    return data


def without_errors(data: Mapping[str, Any], errors: Mapping[str, list[str]]) -> dict[str, Any]:
    """Return ``data`` less the fields that have errors: what an autosave can still keep."""
    out: dict[str, Any] = {k: v for k, v in data.items() if k not in ("tasks", "indicators")}
    for group in ("tasks", "indicators"):
        rows = {}
        for row_id, values in (data.get(group) or {}).items():
            if f"{group}.{row_id}" in errors:
                continue
            kept = {f: v for f, v in values.items() if f"{group}.{row_id}.{f}" not in errors}
            if kept:
                rows[row_id] = kept
        if rows:
            out[group] = rows
    return out


def parse_version(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- what the template shows -------------------------------------------------------------------


@dataclass
class FieldState:
    """One input: its name, what it shows (typed or stored) and the messages beside it."""

    name: str
    value: str
    errors: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"f-{self.name}"


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",") if abs(value) < 1e15 else str(value)


def _stored_task(update: TaskUpdate | None) -> dict[str, str]:
    if update is None:
        return dict.fromkeys(TASK_FIELDS, "") | {"status": WorkStatus.NOT_STARTED, "percent": "0"}
    return {
        "status": update.status,
        "percent": str(update.percent),
        "done_on": _date(update.done_on),
        "done_text": update.done_text,
        "difficulties": update.difficulties,
        "proposals": update.proposals,
        "evidence_number": update.evidence_number,
        "evidence_date": _date(update.evidence_date),
        "evidence_link": update.evidence_link,
    }


def _stored_indicator(value: IndicatorValue | None) -> dict[str, str]:
    if value is None:
        return dict.fromkeys(INDICATOR_FIELDS, "")
    if value.number is not None:
        shown = _number(value.number)
    elif value.boolean is not None:
        shown = "co" if value.boolean else "khong"
    else:
        shown = value.text
    return {"value": shown, "note": value.note, "source": value.source}


@dataclass
class TaskFields:
    row: TaskRow
    fields: dict[str, FieldState]

    def __getattr__(self, name: str) -> FieldState:
        try:
            return self.__dict__["fields"][name]
        except KeyError as e:
            raise AttributeError(name) from e


@dataclass
class IndicatorFields:
    row: IndicatorRow
    fields: dict[str, FieldState]
    previous_shown: str

    def __getattr__(self, name: str) -> FieldState:
        try:
            return self.__dict__["fields"][name]
        except KeyError as e:
            raise AttributeError(name) from e


@dataclass
class FormState:
    """The report form as the template draws it: each row's inputs with value and errors."""

    tasks: list[TaskFields]
    indicators: list[IndicatorFields]
    summary: FieldState
    other_errors: list[str]

    @property
    def first_error_id(self) -> str:
        """Return the id of the first input with a message beside it ('' when none)."""
        for row in [*self.tasks, *self.indicators]:
            for state in row.fields.values():
                if state.errors:
                    return state.id
        return self.summary.id if self.summary.errors else ""

    @property
    def error_count(self) -> int:
        return (
            sum(len(f.errors) for t in self.tasks for f in t.fields.values())
            + sum(len(f.errors) for i in self.indicators for f in i.fields.values())
            + len(self.summary.errors)
            + len(self.other_errors)
        )


def form_state(
    form: ReportForm, *, posted: QueryDict | None = None, errors: Mapping[str, list[str]] | None = None
) -> FormState:
    """Return the inputs of ``form``: the posted values where given (after an error), else the stored ones."""
    errors = dict(errors or {})
    shown_keys: set[str] = set()

    def state(name: str, stored: str) -> FieldState:
        value = posted[name] if posted is not None and name in posted else stored
        shown_keys.add(name)
        return FieldState(name=name, value=value, errors=list(errors.get(name, [])))

    tasks = []
    for row in form.tasks:
        stored = _stored_task(row.update)
        tasks.append(
            TaskFields(row=row, fields={f: state(task_input(row.task.pk, f), stored[f]) for f in TASK_FIELDS})
        )
    indicators = []
    for ind in form.indicators:
        stored = _stored_indicator(ind.value)
        indicators.append(
            IndicatorFields(
                row=ind,
                fields={f: state(indicator_input(ind.indicator.pk, f), stored[f]) for f in INDICATOR_FIELDS},
                previous_shown=ind.previous.value_display if ind.previous is not None else "",
            )
        )
    summary = state("summary", form.report.summary)
    other = [m for key, messages in errors.items() if key not in shown_keys for m in messages]
    return FormState(tasks=tasks, indicators=indicators, summary=summary, other_errors=other)


def errors_by_input(message_dict: Mapping[str, list[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, messages in message_dict.items():
        out.setdefault(error_key_to_input(key), []).extend(messages)
    return out


# --- the smaller forms -----------------------------------------------------------------------


class ReviewForm(forms.Form):
    """The coordinator's decision on a submitted report."""

    action = forms.ChoiceField(choices=[("accept", "Tiếp nhận"), ("return", "Trả lại")])
    comment = forms.CharField(label="Lý do trả lại (bắt buộc khi trả lại)", required=False, max_length=4000)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", "Hãy ghi lý do trả lại để cơ quan biết cần sửa gì.")
        return data


class ChaseUpForm(forms.Form):
    plan = forms.IntegerField(widget=forms.HiddenInput)
    cadence = forms.CharField(max_length=16, widget=forms.HiddenInput)
    period = forms.CharField(max_length=16, widget=forms.HiddenInput)
    agencies = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=[])
    message = forms.CharField(label="Lời nhắn (không bắt buộc)", required=False, max_length=2000)
    all_late = forms.BooleanField(required=False)

    def __init__(self, *args: Any, agency_choices: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].choices = [(str(pk), str(pk)) for pk in agency_choices or []]


class ContributionForm(forms.Form):
    text = forms.CharField(label="Nội dung đã phối hợp thực hiện", max_length=10000, required=False)
    evidence_number = forms.CharField(label="Số văn bản", required=False, max_length=200)
    evidence_date = forms.CharField(label="Ngày văn bản", required=False, max_length=20)
    evidence_link = forms.CharField(label="Đường dẫn", required=False, max_length=500)
    period = forms.CharField(widget=forms.HiddenInput, max_length=16)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AmendmentForm(forms.Form):
    """A reporter's proposal to change one of its agency's tasks; blank fields are not changed."""

    deadline_text = forms.CharField(label="Thời hạn mới", required=False, max_length=200)
    output = forms.CharField(label="Sản phẩm (kết quả) mới", required=False, max_length=2000)
    lead_agency_id = forms.TypedChoiceField(
        label="Cơ quan chủ trì mới", required=False, coerce=int, empty_value=None, choices=[]
    )
    reason = forms.CharField(label="Lý do đề xuất", required=False, max_length=4000, widget=forms.Textarea)

    def __init__(self, *args: Any, agencies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_agency_id"].choices = [("", "— Giữ nguyên —")] + [(str(k), v) for k, v in agencies]

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        out: dict[str, Any] = {}
        if (data.get("deadline_text") or "").strip():
            out["deadline_text"] = data["deadline_text"]
        if (data.get("output") or "").strip():
            out["output"] = data["output"]
        if data.get("lead_agency_id"):
            out["lead_agency_id"] = data["lead_agency_id"]
        return out


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", "Phê duyệt"), ("reject", "Không phê duyệt")])
    comment = forms.CharField(label="Ý kiến", required=False, max_length=4000)


def preferences_from_post(post: QueryDict) -> dict[str, dict[str, bool]]:
    """Read the preference checkboxes (``<kind>-email``, ``<kind>-in_app``): unticked means no."""
    return {
        kind: {"email": f"{kind}-email" in post, "in_app": f"{kind}-in_app" in post}
        for kind in NotificationKind.values
    }


def is_reporter(scope: Scope) -> bool:
    return scope.profile is not None and scope.profile.role == "reporter"
