"""htmx requests get only the page's swappable region; a history restore gets the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("web:plan_list", {"trang_thai": "active"}),
        ("web:search", {"q": "chuyen doi so"}),
        ("web:agency_list", {"q": "so"}),
    ],
)
def test_htmx_request_gets_only_the_results_region(
    client: Any, coordinator_a: Any, plan_a: Any, name: str, params: dict[str, str]
) -> None:
    client.force_login(coordinator_a)
    response = client.get(reverse(name), params, **HTMX)
    html = response.content.decode().strip()
    assert html.startswith('<section id="ket-qua"')
    assert html.endswith("</section>")
    assert "<html" not in html
    assert "site-header" not in html
    assert "HX-Request" in response["Vary"]


def test_plan_list_region_holds_the_filtered_rows(client: Any, coordinator_a: Any, plan_a: Any) -> None:
    client.force_login(coordinator_a)
    assert (
        "37/KH-UBND"
        in client.get(reverse("web:plan_list"), {"trang_thai": "active"}, **HTMX).content.decode()
    )
    assert (
        "37/KH-UBND"
        not in client.get(reverse("web:plan_list"), {"trang_thai": "draft"}, **HTMX).content.decode()
    )


def test_history_restore_gets_the_whole_page(client: Any, coordinator_a: Any, plan_a: Any) -> None:
    client.force_login(coordinator_a)
    response = client.get(
        reverse("web:search"), {"q": "so"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def test_plain_request_gets_the_whole_page(client: Any, coordinator_a: Any, plan_a: Any) -> None:
    client.force_login(coordinator_a)
    assert "<html" in client.get(reverse("web:plan_list")).content.decode()
