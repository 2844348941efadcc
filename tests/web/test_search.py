"""Search over tasks and indicators: diacritics ignored, every word required, scoped, marked."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _search(client: Any, user: Any, **params: str) -> Any:
    client.force_login(user)
    return client.get(reverse("web:search"), params)


def _task_names(response: Any) -> list[str]:
    return [row.task.name for row in response.context["rows"]]


def test_search_without_diacritics_finds_text_with_them(client: Any, coordinator_a: Any, plan_a: Any) -> None:
    response = _search(client, coordinator_a, q="chuyen doi so")
    assert _task_names(response) == ["Đẩy mạnh chuyển đổi số trong cơ quan nhà nước"]


def test_search_with_diacritics_and_capitals_finds_the_same(
    client: Any, coordinator_a: Any, plan_a: Any
) -> None:
    response = _search(client, coordinator_a, q="CHUYỂN ĐỔI SỐ")
    assert _task_names(response) == ["Đẩy mạnh chuyển đổi số trong cơ quan nhà nước"]


def test_search_requires_every_word(client: Any, coordinator_a: Any, plan_a: Any) -> None:
    assert _task_names(_search(client, coordinator_a, q="chuyen doi so truyen hinh")) == []
    assert _task_names(_search(client, coordinator_a, q="truyen hinh")) == [
        "Xây dựng chương trình truyền hình về đổi mới sáng tạo"
    ]


def test_search_matches_agency_names_and_outputs(client: Any, coordinator_a: Any, plan_a: Any) -> None:
    names = _task_names(_search(client, coordinator_a, q="so tai chinh"))
    assert names == ["Đẩy mạnh chuyển đổi số trong cơ quan nhà nước"]


def test_search_finds_indicators(client: Any, coordinator_a: Any, plan_a: Any) -> None:
    response = _search(client, coordinator_a, q="dich vu cong", loai="chi-tieu")
    assert [i.name for i in response.context["page"].object_list] == [
        "Tỷ lệ dịch vụ công trực tuyến toàn trình"
    ]
    assert response.context["task_total"] == 0
    assert response.context["indicator_total"] == 1


def test_search_is_scoped_to_what_the_user_may_see(
    client: Any, coordinator_a: Any, plan_a: Any, plan_b: Any
) -> None:
    names = _task_names(_search(client, coordinator_a, q="chuyen doi so"))
    assert "Chuyển đổi số nông nghiệp Đồng Tháp" not in names


def test_search_marks_the_matched_words_in_the_printed_text(
    client: Any, coordinator_a: Any, plan_a: Any
) -> None:
    html = _search(client, coordinator_a, q="chuyen doi").content.decode()
    assert "<mark>chuyển</mark> <mark>đổi</mark>" in html


def test_search_escapes_what_it_marks(
    client: Any, coordinator_a: Any, plan_a: Any, make_task: Any, agencies: dict[str, Any]
) -> None:
    make_task(plan_a, "Kiểm thử <script>alert(1)</script> an toàn", lead=[agencies["science_a"]])
    html = _search(client, coordinator_a, q="kiem thu").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_search_results_are_paginated(
    client: Any, coordinator_a: Any, plan_a: Any, make_task: Any, agencies: dict[str, Any]
) -> None:
    for n in range(25):
        make_task(plan_a, f"Số hóa hồ sơ đợt {n}", lead=[agencies["science_a"]])
    first = _search(client, coordinator_a, q="so hoa dot")
    second = _search(client, coordinator_a, q="so hoa dot", trang="2")
    assert len(first.context["rows"]) == 20
    assert len(second.context["rows"]) == 5
    assert "trang=2" in first.content.decode()


def test_empty_search_asks_for_words(client: Any, coordinator_a: Any, plan_a: Any) -> None:
    html = _search(client, coordinator_a, q="  ").content.decode()
    assert "Nhập từ khóa" in html


def test_user_without_a_profile_finds_nothing(client: Any, outsider: Any, plan_a: Any) -> None:
    assert _task_names(_search(client, outsider, q="chuyen doi so")) == []


def test_search_matches_word_starts_not_the_middle_of_words(
    client: Any, coordinator_a: Any, plan_a: Any
) -> None:
    assert _task_names(_search(client, coordinator_a, q="oa hoc")) == []
    assert len(_task_names(_search(client, coordinator_a, q="khoa hoc"))) == 2


def test_search_lists_the_words_together_as_typed_first(
    client: Any,
    coordinator_a: Any,
    plan_a: Any,
    units: dict[str, Any],
    agencies: dict[str, Any],
    make_task: Any,
) -> None:
    import datetime as dt

    from theodoi.plans.models import Plan

    newer = Plan.objects.create(number="103/KH-UBND", unit=units["a_old"], date=dt.date(2025, 6, 1))
    make_task(newer, "Đổi mới cách làm, chuyển giao số liệu", lead=[agencies["science_a"]])
    names = _task_names(_search(client, coordinator_a, q="chuyen doi so"))
    assert names == ["Đẩy mạnh chuyển đổi số trong cơ quan nhà nước", "Đổi mới cách làm, chuyển giao số liệu"]
