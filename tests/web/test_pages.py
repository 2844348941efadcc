"""Each page renders for the roles that may see it and is a 404 outside their scope."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _get(client: Any, user: Any, name: str, *args: Any, **params: str) -> Any:
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


# Sign-in


def test_home_sends_a_coordinator_to_the_province_dashboard(client: Any, coordinator_a: Any) -> None:
    response = _get(client, coordinator_a, "web:home")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:dashboard")


def test_home_sends_a_reporter_to_the_plan_list(client: Any, reporter_a: Any) -> None:
    response = _get(client, reporter_a, "web:home")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:plan_list")


@pytest.mark.parametrize("name", ["web:home", "web:plan_list", "web:search", "web:agency_list"])
def test_pages_require_login(client: Any, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_plan_and_agency_pages_require_login(client: Any, plan_a: Any, agencies: dict[str, Any]) -> None:
    for url in (
        reverse("web:plan_detail", args=[plan_a.pk]),
        reverse("web:agency_detail", args=[agencies["science_a"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_login_page_is_in_vietnamese(client: Any) -> None:
    html = client.get(reverse("login")).content.decode()
    assert 'lang="vi"' in html
    assert "Tên đăng nhập" in html
    assert "Mật khẩu" in html


def test_wrong_password_is_refused_with_a_vietnamese_message(client: Any, coordinator_a: Any) -> None:
    response = client.post(reverse("login"), {"username": "dieuphoi_a", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_login_leads_a_coordinator_to_the_dashboard(client: Any, coordinator_a: Any, password: str) -> None:
    response = client.post(reverse("login"), {"username": "dieuphoi_a", "password": password}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:dashboard")
    assert "Tổng quan" in response.content.decode()


def test_logout_returns_to_the_login_page(client: Any, coordinator_a: Any) -> None:
    client.force_login(coordinator_a)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


# Plan list


def test_coordinator_sees_the_plans_of_a_province_merged_into_theirs(
    client: Any, coordinator_a: Any, plan_a: Any, plan_b: Any
) -> None:
    html = _get(client, coordinator_a, "web:plan_list").content.decode()
    assert "37/KH-UBND" in html
    assert "nay thuộc Gia Lai" in html
    assert "12/KH-UBND" not in html


def test_plan_list_shows_counts_and_dates_the_vietnamese_way(
    client: Any, coordinator_a: Any, plan_a: Any
) -> None:
    response = _get(client, coordinator_a, "web:plan_list")
    row = response.context["page"].object_list[0]
    assert (row.task_count, row.indicator_count) == (2, 2)
    assert "26/02/2025" in response.content.decode()


def test_central_viewer_sees_every_province(client: Any, central: Any, plan_a: Any, plan_b: Any) -> None:
    html = _get(client, central, "web:plan_list").content.decode()
    assert "37/KH-UBND" in html
    assert "12/KH-UBND" in html


def test_plan_list_filters_by_province_including_merged_ones(
    client: Any, central: Any, units: dict[str, Any], plan_a: Any, plan_b: Any
) -> None:
    html = _get(client, central, "web:plan_list", tinh=str(units["a"].pk)).content.decode()
    assert "37/KH-UBND" in html
    assert "12/KH-UBND" not in html


def test_plan_list_filters_by_status(client: Any, central: Any, plan_a: Any) -> None:
    assert "37/KH-UBND" in _get(client, central, "web:plan_list", trang_thai="active").content.decode()
    assert "37/KH-UBND" not in _get(client, central, "web:plan_list", trang_thai="draft").content.decode()


def test_plan_list_filters_by_level(client: Any, central: Any, plan_a: Any) -> None:
    assert "37/KH-UBND" in _get(client, central, "web:plan_list", cap="province").content.decode()
    assert "37/KH-UBND" not in _get(client, central, "web:plan_list", cap="commune").content.decode()


def test_user_without_a_profile_sees_no_plan_and_is_told_why(client: Any, outsider: Any, plan_a: Any) -> None:
    response = _get(client, outsider, "web:plan_list")
    assert response.status_code == 200
    assert "37/KH-UBND" not in response.content.decode()
    assert "chưa được phân vai trò" in response.content.decode()


def test_superuser_without_a_profile_sees_everything(
    client: Any, django_user_model: Any, plan_a: Any, plan_b: Any
) -> None:
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    html = _get(client, admin, "web:plan_list").content.decode()
    assert "37/KH-UBND" in html
    assert "12/KH-UBND" in html


# Plan page


@pytest.mark.parametrize("who", ["coordinator_a", "leader_a", "reporter_a", "central"])
def test_plan_page_renders_for_the_roles_that_may_see_it(
    client: Any, request: Any, who: str, plan_a: Any
) -> None:
    response = _get(client, request.getfixturevalue(who), "web:plan_detail", plan_a.pk)
    assert response.status_code == 200


def test_coordinator_of_another_province_gets_404_for_the_plan(
    client: Any, coordinator_b: Any, plan_a: Any
) -> None:
    assert _get(client, coordinator_b, "web:plan_detail", plan_a.pk).status_code == 404


def test_user_without_a_profile_gets_404_for_the_plan(client: Any, outsider: Any, plan_a: Any) -> None:
    assert _get(client, outsider, "web:plan_detail", plan_a.pk).status_code == 404


def test_plan_page_shows_header_sections_tasks_and_indicators_by_horizon(
    client: Any, coordinator_a: Any, plan_a: Any, agencies: dict[str, Any]
) -> None:
    html = _get(client, coordinator_a, "web:plan_detail", plan_a.pk).content.decode()
    for text in (
        "Kế hoạch số 37/KH-UBND",
        "UBND tỉnh Bình Định",
        "26/02/2025",
        "Phạm Anh Tuấn",
        "I. Nâng cao nhận thức",
        "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước",
        "Đến năm 2030",
        "Đến năm 2025",
        "&gt; 0,75",
        reverse("web:agency_detail", args=[agencies["science_a"].pk]),
    ):
        assert text in html, text
    assert html.index("Đến năm 2025") < html.index("Đến năm 2030")


def test_plan_page_links_the_plans_it_supersedes_when_visible(
    client: Any, coordinator_a: Any, plan_a: Any, units: dict[str, Any]
) -> None:
    from theodoi.plans.models import Plan, PlanReference, ReferenceRelation

    newer = Plan.objects.create(number="103/KH-UBND", unit=units["a_old"], status="active")
    PlanReference.objects.create(
        plan=newer, relation=ReferenceRelation.SUPERSEDES, number="37/KH-UBND", target=plan_a
    )
    PlanReference.objects.create(plan=newer, relation=ReferenceRelation.IMPLEMENTS, number="57-NQ/TW")
    html = _get(client, coordinator_a, "web:plan_detail", newer.pk).content.decode()
    assert f'href="{reverse("web:plan_detail", args=[plan_a.pk])}">37/KH-UBND' in html
    assert "57-NQ/TW" in html
    older = _get(client, coordinator_a, "web:plan_detail", plan_a.pk).content.decode()
    assert "Được thay thế bởi" in older


# Agency pages


def test_agency_page_lists_tasks_it_leads_and_partners_on(
    client: Any, coordinator_a: Any, plan_a: Any, agencies: dict[str, Any]
) -> None:
    response = _get(client, coordinator_a, "web:agency_detail", agencies["science_a"].pk)
    work = response.context["work"]
    assert (work.lead_count, work.partner_count, work.indicator_count) == (1, 1, 1)
    html = response.content.decode()
    assert "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước" in html
    assert "Xây dựng chương trình truyền hình" in html


def test_agency_of_another_province_is_404(
    client: Any, coordinator_b: Any, plan_a: Any, plan_b: Any, agencies: dict[str, Any]
) -> None:
    assert _get(client, coordinator_b, "web:agency_detail", agencies["science_a"].pk).status_code == 404


def test_central_agency_named_in_a_visible_plan_opens_with_only_visible_tasks(
    client: Any, coordinator_b: Any, plan_a: Any, plan_b: Any, agencies: dict[str, Any], make_task: Any
) -> None:
    make_task(
        plan_b,
        "Nhiệm vụ Đồng Tháp có Bộ phối hợp",
        lead=[agencies["science_b"]],
        partners=[agencies["ministry"]],
    )
    response = _get(client, coordinator_b, "web:agency_detail", agencies["ministry"].pk)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nhiệm vụ Đồng Tháp có Bộ phối hợp" in html
    assert "Đẩy mạnh chuyển đổi số" not in html


def test_agency_directory_filter_ignores_diacritics(
    client: Any, coordinator_a: Any, plan_a: Any, agencies: dict[str, Any]
) -> None:
    response = _get(client, coordinator_a, "web:agency_list", q="so tai chinh")
    names = [a.name for a in response.context["page"].object_list]
    assert names == ["Sở Tài chính"]


def test_agency_directory_marks_agencies_that_need_review(
    client: Any, coordinator_a: Any, plan_a: Any
) -> None:
    html = _get(client, coordinator_a, "web:agency_list").content.decode()
    assert "Cần rà soát" in html


def test_agency_directory_is_scoped_to_the_province(
    client: Any, coordinator_b: Any, plan_a: Any, plan_b: Any, agencies: dict[str, Any]
) -> None:
    response = _get(client, coordinator_b, "web:agency_list")
    ids = {a.pk for a in response.context["page"].object_list}
    assert agencies["science_b"].pk in ids
    assert agencies["science_a"].pk not in ids


# Navigation


def test_staff_see_the_admin_link_and_others_do_not(client: Any, coordinator_a: Any, plan_a: Any) -> None:
    assert "/admin/" not in _get(client, coordinator_a, "web:plan_list").content.decode()
    coordinator_a.is_staff = True
    coordinator_a.save()
    assert "/admin/" in _get(client, coordinator_a, "web:plan_list").content.decode()


def test_header_shows_the_users_role(client: Any, coordinator_a: Any) -> None:
    assert "Điều phối (Sở KH&amp;CN)" in _get(client, coordinator_a, "web:plan_list").content.decode()


def test_not_found_page_is_in_vietnamese(client: Any, coordinator_b: Any, plan_a: Any, settings: Any) -> None:
    settings.DEBUG = False
    response = _get(client, coordinator_b, "web:plan_detail", plan_a.pk)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_province_filter_is_hidden_when_there_is_one_province(
    client: Any, coordinator_a: Any, plan_a: Any
) -> None:
    html = _get(client, coordinator_a, "web:plan_list").content.decode()
    assert 'name="tinh"' not in html
    assert 'name="trang_thai"' in html


def test_agency_directory_matches_word_starts(client: Any, coordinator_a: Any, plan_a: Any) -> None:
    assert _get(client, coordinator_a, "web:agency_list", q="oa hoc").context["page"].paginator.count == 0
    names = {
        a.name
        for a in _get(client, coordinator_a, "web:agency_list", q="khoa hoc").context["page"].object_list
    }
    assert names == {"Sở Khoa học và Công nghệ", "Bộ Khoa học và Công nghệ"}
