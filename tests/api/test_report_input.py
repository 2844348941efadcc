"""A report write's body is validated to exactly what ``ReportDraftInput`` gives, and refused with its messages.

``report_input`` checks plain bodies quickly and hands anything else to the serializer; for
every body here both must agree: the same validated data (values, types and key order) or
the same error, in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from rest_framework.exceptions import ValidationError

from theodoi.api.report_input import report_rows_validated
from theodoi.api.serializers import ReportDraftInput

ROW = {"task": 7, "status": "in_progress", "percent": 60, "done_text": "  Đã ban hành kế hoạch  "}

ACCEPTED: list[Any] = [
    {"version": 1},
    {"version": 3, "summary": "  Tóm tắt  ", "tasks": [ROW]},
    {"version": 1, "tasks": [], "indicators": []},
    {"version": 1, "summary": "   ", "tasks": [{"task": 1}]},
    {"version": 2, "tasks": [{**ROW, "unknown": [1, 2]}], "extra": {"x": 1}},  # unknown keys are dropped
    {
        "version": 1,
        "tasks": [
            {
                "evidence_link": "",
                "task": 9,
                "status": "done",
                "percent": 100,
                "done_on": "2025-07-15",
                "difficulties": "",
                "proposals": "Đề xuất",
                "evidence_number": "12/QĐ-UBND",
                "evidence_date": None,
                "done_text": "Hoàn thành",
            },
            {"task": 10, "done_on": None, "percent": 0, "status": "not_started"},
        ],
    },
    {"version": 1, "tasks": [{"task": 3, "evidence_link": "https://so.gov.vn/vb/1"}]},  # handed on
    {"version": 1, "tasks": [{"task": "4", "percent": "50"}]},  # numbers as text: handed on
    {"version": 1, "indicators": [{"indicator": 2, "value": "12,5", "note": "ước tính"}]},
    {"version": 1, "tasks": [{"task": 5, "done_text": 12}]},  # a number as text: handed on
]

REFUSED: list[Any] = [
    [],
    "báo cáo",
    {},
    {"version": 0},
    {"version": True},
    {"version": None},
    {"version": 1, "summary": None},
    {"version": 1, "tasks": None},
    {"version": 1, "tasks": {"task": 1}},
    {"version": 1, "tasks": ["dòng"]},
    {"version": 1, "tasks": [{"status": "done"}]},
    {"version": 1, "tasks": [{"task": 0}]},
    {"version": 1, "tasks": [{"task": True}]},
    {"version": 1, "tasks": [{"task": 1, "status": "xong"}]},
    {"version": 1, "tasks": [{"task": 1, "status": ""}]},
    {"version": 1, "tasks": [{"task": 1, "percent": 101}]},
    {"version": 1, "tasks": [{"task": 1, "percent": -1}]},
    {"version": 1, "tasks": [{"task": 1, "percent": 50.5}]},
    {"version": 1, "tasks": [{"task": 1, "done_on": "15/07/2025"}]},
    {"version": 1, "tasks": [{"task": 1, "done_on": "2025-07-15T10:00:00"}]},
    {"version": 1, "tasks": [{"task": 1, "done_text": None}]},
    {"version": 1, "tasks": [{"task": 1, "done_text": ["a"]}]},
    {"version": 1, "tasks": [{"task": 1, "done_text": "a\x00b"}]},
    {"version": 1, "tasks": [{"task": 1, "proposals": "a\ud800b"}]},
    {"version": 1, "tasks": [{"task": 1, "evidence_number": "x" * 101}]},
    {"version": 1, "tasks": [{"task": 1, "evidence_link": "so.gov.vn vb 1"}]},
    {"version": 1, "tasks": [ROW, {"task": 2, "percent": 200}]},
    {"version": 1, "indicators": None},
    {"version": 1, "indicators": [{"indicator": 1, "value": {"a": 1}}]},
]


def _by_serializer(body: Any) -> dict[str, Any]:
    data = ReportDraftInput(data=body)
    data.is_valid(raise_exception=True)
    return data.validated_data


def _shape(value: Any) -> Any:
    """The value with its types and key order, so that 1 and "1", or a date and its text, differ."""
    if isinstance(value, dict):
        return [(k, _shape(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return (type(value).__name__, value)


@pytest.mark.parametrize("body", ACCEPTED)
def test_an_accepted_body_validates_to_what_the_serializer_gives(body: Any) -> None:
    assert _shape(report_rows_validated(body)) == _shape(_by_serializer(body))


def test_a_plain_row_is_stripped_and_typed() -> None:
    data = report_rows_validated(ACCEPTED[5])
    assert data["tasks"][0]["done_on"] == dt.date(2025, 7, 15)
    assert list(data["tasks"][0]) == [
        "task",
        "status",
        "percent",
        "done_on",
        "done_text",
        "difficulties",
        "proposals",
        "evidence_number",
        "evidence_date",
        "evidence_link",
    ]
    assert report_rows_validated(ACCEPTED[1])["tasks"][0]["done_text"] == "Đã ban hành kế hoạch"


@pytest.mark.parametrize("body", REFUSED)
def test_a_refused_body_gets_the_serializers_vietnamese_errors(body: Any) -> None:
    with pytest.raises(ValidationError) as expected:
        _by_serializer(body)
    with pytest.raises(ValidationError) as got:
        report_rows_validated(body)
    assert got.value.detail == expected.value.detail
    said = json.dumps(got.value.detail, ensure_ascii=False)
    assert not re.search(r"\b(valid|Ensure|Expected|This field)\b", said), said  # DRF's English


def test_the_quick_path_knows_every_field_the_serializers_have() -> None:
    """A field added to ``TaskRowInput`` or ``ReportDraftInput`` must be added to the quick path
    too, or plain bodies would lose it silently: the two lists are held equal, in order."""
    from theodoi.api import report_input
    from theodoi.api.serializers import TaskRowInput

    assert [name for name, _check in report_input._TASK_ROW] == list(TaskRowInput().fields)
    assert list(ReportDraftInput().fields) == ["version", "summary", "tasks", "indicators"]
