"""The evaluation pages: who may read them, what they show, their downloads and query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from tests.cast import _user
from tests.evaluation.known import AT

from theodoi.accounts.models import Role
from theodoi.plans.models import Plan, PlanStatus, ReportingDuty
from theodoi.tracking.models import ProgressReport, ReportStatus, TaskUpdate, WorkStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read every page on 05/12/2025, the day the known data set is judged on."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: AT)


def _get(client: Any, user: Any, name: str, **params: Any) -> Any:
    if user is not None:
        client.force_login(user)
    return client.get(reverse(name), params)


# Who may read what


@pytest.mark.parametrize("name", ["web:dashboard", "web:scorecard", "web:task_list", "web:national"])
def test_pages_require_login(client: Any, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["coordinator_a", "leader_a"])
def test_province_readers_see_their_dashboard(
    client: Any, request: Any, who: str, known: dict[str, Any]
) -> None:
    response = _get(client, request.getfixturevalue(who), "web:dashboard", ky="2025-Q4")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tổng quan tình hình thực hiện" in html
    assert "Tỉnh Gia Lai" in html
    assert "05/12/2025" in html


def test_reporters_and_outsiders_are_refused(
    client: Any, reporter_a: Any, outsider: Any, known: dict[str, Any]
) -> None:
    for user in (reporter_a, outsider):
        for name in ("web:dashboard", "web:scorecard", "web:task_list", "web:national"):
            assert _get(client, user, name).status_code == 403


def test_the_national_view_is_for_central_viewers(
    client: Any, coordinator_a: Any, central: Any, known: dict[str, Any]
) -> None:
    assert _get(client, coordinator_a, "web:national").status_code == 403
    response = _get(client, central, "web:national")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gia Lai" in html


def test_the_national_view_counts_a_provinces_plans_and_links_to_their_list(
    client: Any, central: Any, known: dict[str, Any]
) -> None:
    """A count per province, not one link per plan (3,480 of them nationally); the list it opens
    holds the plans of the units merged into the province too."""
    html = _get(client, central, "web:national").content.decode()
    plans_link = reverse("web:plan_list") + f"?tinh={known['plan'].unit.successor_id}&amp;trang_thai=active"
    assert f'<a href="{plans_link}">1 kế hoạch</a>' in html
    assert reverse("web:plan_detail", args=[known["plan"].pk]) not in html.split('id="so-sanh"')[0]

    listed = client.get(plans_link.replace("&amp;", "&")).content.decode()
    assert known["plan"].number in listed
    assert 'Bình Định <span class="muted small">(nay thuộc Gia Lai)</span>' in listed


def test_a_central_viewer_picks_a_province_for_the_dashboard(
    client: Any, central: Any, units: dict[str, Any], known: dict[str, Any]
) -> None:
    assert _get(client, central, "web:dashboard")["Location"] == reverse("web:national")
    response = _get(client, central, "web:dashboard", tinh=units["a"].code)
    assert response.status_code == 200
    assert "Tỉnh Gia Lai" in response.content.decode()
    assert _get(client, central, "web:dashboard", tinh=units["a_old"].code).status_code == 404  # merged away


def test_a_coordinator_cannot_read_another_province(
    client: Any, coordinator_b: Any, known: dict[str, Any]
) -> None:
    response = _get(client, coordinator_b, "web:dashboard", **{"ke-hoach": known["plan"].pk})
    assert response.status_code == 200
    assert response.context["d"].total == 0  # the plan of province A is not province B's: ignored


# What they show


def test_every_dashboard_number_links_to_its_rows(
    client: Any, coordinator_a: Any, known: dict[str, Any]
) -> None:
    html = _get(client, coordinator_a, "web:dashboard", ky="2025-Q4").content.decode()
    assert "=&amp;" not in html  # no empty filters in the links
    assert 'href="/nhiem-vu/?ky=2025-Q4&amp;trang-thai=qua-han"' in html
    overdue = _get(client, coordinator_a, "web:task_list", ky="2025-Q4", **{"trang-thai": "qua-han"})
    assert [r.task for r, _, _ in overdue.context["rows"]] == [known["tasks"][2]]
    assert "Bố trí kinh phí chuyển đổi số" in overdue.content.decode()


def test_the_task_list_filters_by_agency_and_deadline(
    client: Any, coordinator_a: Any, known: dict[str, Any]
) -> None:
    mine = _get(client, coordinator_a, "web:task_list", **{"co-quan": known["science"].pk})
    assert {r.task for r, _, _ in mine.context["rows"]} == {known["tasks"][0], known["tasks"][3]}
    soon = _get(client, coordinator_a, "web:task_list", han="sap-den")
    assert [r.task for r, _, _ in soon.context["rows"]] == [known["tasks"][1], known["tasks"][3]]
    assert "Hoàn thành đúng hạn" in mine.content.decode()


def test_the_scorecard_ranks_and_sorts(client: Any, leader_a: Any, known: dict[str, Any]) -> None:
    response = _get(client, leader_a, "web:scorecard", ky="2025-Q3")
    assert [r.agency for r, *_ in response.context["rows"]] == [
        known["science"],
        known["finance"],
        known["radio"],
    ]
    html = response.content.decode()
    assert "100%" in html
    sorted_ = _get(client, leader_a, "web:scorecard", ky="2025-Q3", **{"sap-xep": "qua-han"})
    assert next(r.agency for r, *_ in sorted_.context["rows"]) == known["finance"]
    assert 'aria-sort="descending"' in sorted_.content.decode()


def test_numbers_and_dates_are_written_the_vietnamese_way(
    client: Any, coordinator_a: Any, known: dict[str, Any]
) -> None:
    html = _get(client, coordinator_a, "web:dashboard", ky="2025-Q2").content.decode()
    assert "66,7%" in html  # reports on time in Q2
    assert "20/06/2025" not in html or "2025-06-20" not in html
    assert "0,8" in html  # the spending indicator's latest value


def test_htmx_gets_the_region_only(client: Any, coordinator_a: Any, known: dict[str, Any]) -> None:
    client.force_login(coordinator_a)
    html = client.get(reverse("web:dashboard"), {"ky": "2025-Q3"}, HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="tong-quan"')
    assert "<html" not in html


# The public page


def test_public_page_needs_no_login_and_shows_no_drafts(
    client: Any, units: dict[str, Any], known: dict[str, Any]
) -> None:
    Plan.objects.create(
        number="77/KH-UBND", unit=units["a"], status=PlanStatus.DRAFT, title="Dự thảo kế hoạch"
    )
    response = client.get(reverse("web:public_province", args=[units["a"].code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "37/KH-UBND" in html
    assert "77/KH-UBND" not in html and "Dự thảo kế hoạch" not in html
    assert f"/api/v1/open-data/plans/{known['plan'].pk}/tasks.csv" in html
    assert "Phạm Anh Tuấn" not in html  # no names of people
    assert "Đăng xuất" not in html


def test_public_page_of_a_merged_province_goes_to_the_new_one(client: Any, units: dict[str, Any]) -> None:
    response = client.get(reverse("web:public_province", args=[units["a_old"].code]))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:public_province", args=[units["a"].code])
    assert client.get(reverse("web:public_province", args=["khong-co"])).status_code == 404


# Downloads


def _xlsx_rows(response: Any, sheet: int = 0) -> list[tuple[Any, ...]]:
    book = load_workbook(io.BytesIO(response.content))
    return list(book.worksheets[sheet].iter_rows(values_only=True))


def _csv_rows(response: Any) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_scorecard_exports_parse_back(client: Any, coordinator_a: Any, known: dict[str, Any]) -> None:
    xlsx = _get(client, coordinator_a, "web:scorecard", ky="2025-Q3", xuat="xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _xlsx_rows(xlsx)
    header = rows.index(next(r for r in rows if r and r[0] == "Hạng"))
    assert rows[header + 1][:2] == (1, "Sở Khoa học và Công nghệ")
    assert rows[header + 1][6] == 100.0
    data = _csv_rows(_get(client, coordinator_a, "web:scorecard", ky="2025-Q3", xuat="csv"))
    assert data[0][:2] == ["Hạng", "Cơ quan"]
    assert [r[1] for r in data[1:]] == [
        "Sở Khoa học và Công nghệ",
        "Sở Tài chính",
        "Đài Phát thanh và Truyền hình tỉnh",
    ]


def test_dashboard_exports_every_table(client: Any, coordinator_a: Any, known: dict[str, Any]) -> None:
    xlsx = _get(client, coordinator_a, "web:dashboard", ky="2025-Q4", xuat="xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames[0] == "Nhiệm vụ theo tình trạng"
    assert "Chỉ tiêu" in book.sheetnames
    overdue = _csv_rows(
        _get(client, coordinator_a, "web:dashboard", ky="2025-Q4", xuat="csv", bang="nhiem-vu-qua-han")
    )
    assert overdue[1][2] == "Bố trí kinh phí chuyển đổi số"
    assert overdue[1][5] == "31/03/2025"


def test_task_list_and_national_exports(
    client: Any, coordinator_a: Any, central: Any, known: dict[str, Any]
) -> None:
    rows = _xlsx_rows(_get(client, coordinator_a, "web:task_list", xuat="xlsx"))
    assert len(rows) == 1 + 4
    assert isinstance(rows[1][5], dt.datetime)  # deadlines are dates in Excel
    national = _csv_rows(_get(client, central, "web:national", xuat="csv"))
    assert national[0][0] == "Tỉnh, thành phố"
    assert any(r[0] == "Gia Lai" and r[1] == "1" for r in national[1:])


# Query counts: the same for N and 3N agencies, tasks and reports


N = 3


def _more(plan: Plan, count: int, units: dict[str, Any], make_task: Any, make_indicator: Any) -> None:
    from theodoi.directory.models import Agency

    for n in range(count):
        agency = Agency.objects.create(unit=units["a"], name=f"Sở thử nghiệm {n}")
        task = make_task(plan, f"Nhiệm vụ thử nghiệm {n}", lead=[agency], deadline="09/2025")
        make_indicator(plan, f"Chỉ tiêu thử nghiệm {n}", monitor=[agency])
        report = ProgressReport.objects.create(
            agency=agency,
            plan=plan,
            cadence="quarterly",
            period="2025-Q3",
            period_start=dt.date(2025, 7, 1),
            period_end=dt.date(2025, 9, 30),
            due_at=AT - dt.timedelta(days=80),
            status=ReportStatus.SUBMITTED,
            submitted_at=AT - dt.timedelta(days=85),
            last_submitted_at=AT - dt.timedelta(days=85),
        )
        TaskUpdate.objects.create(report=report, task=task, status=WorkStatus.IN_PROGRESS, percent=n)


@pytest.fixture
def grown(plan_a: Plan) -> Plan:
    ReportingDuty.objects.create(plan=plan_a, cadence="quarterly", due_text="trước ngày 15 tháng cuối quý")
    return plan_a


@pytest.mark.parametrize("rows", [N, 3 * N])
@pytest.mark.parametrize(
    ("name", "params", "queries"),
    [
        # session, user, profile, province, plans; tasks (4: tasks, leads, recent updates, older
        # updates of tasks with no recent one), indicators (4: indicators, monitors, recent
        # values, older values), owed (6: whether the quarter's obligations are built, then the
        # calendar's 5), sections, agencies; the agency choices (the plan and section choices
        # are the dashboard's plans and sections)
        ("web:dashboard", {"ky": "2025-Q3"}, 22),
        # session, user, profile, province; tasks (4), indicators (4), owed (6), agencies
        ("web:scorecard", {"ky": "2025-Q3"}, 19),
        # session, user, profile, province; tasks (7: progress rows' check (tasks and rows
        # counted), the tasks made here without a row, theirs written (tasks, newest updates,
        # upsert), rows, leads), plans, agencies
        ("web:task_list", {}, 13),
    ],
)
def test_province_pages_query_count(
    client: Any,
    django_assert_num_queries: Any,
    coordinator_a: Any,
    grown: Plan,
    units: dict[str, Any],
    make_task: Any,
    make_indicator: Any,
    rows: int,
    name: str,
    params: dict[str, str],
    queries: int,
) -> None:
    _more(grown, rows, units, make_task, make_indicator)
    client.force_login(coordinator_a)
    with django_assert_num_queries(queries):
        assert client.get(reverse(name), params).status_code == 200


@pytest.mark.parametrize("rows", [N, 3 * N])
def test_national_and_public_query_count(
    client: Any,
    django_assert_num_queries: Any,
    grown: Plan,
    units: dict[str, Any],
    make_task: Any,
    make_indicator: Any,
    rows: int,
) -> None:
    _more(grown, rows, units, make_task, make_indicator)
    client.force_login(_user("trunguong_2", role=Role.CENTRAL))
    # session, user, profile; provinces, plans, tasks (7: GROUP BY plan, the tasks counted
    # (fewer than the rows grouped), the tasks without a row, theirs written (tasks, newest
    # updates, upsert), GROUP BY plan again), indicators (9: rows' check, the missing rows
    # written (the plans locked — inside the test's transaction —, plans, indicators, monitors,
    # recent and older values, upsert), GROUP BY province), owed (7: the quarter not built,
    # the calendar's 5, the plans' provinces); comparison: distinct names, the indicators of
    # the names that match, plans' provinces, chosen indicators, siblings, values
    with django_assert_num_queries(30):
        assert client.get(reverse("web:national")).status_code == 200
    client.logout()
    # province, plans, tasks (2: progress rows' check, GROUP BY plan), indicators (2: rows'
    # check, rows), predecessors
    with django_assert_num_queries(7):
        assert client.get(reverse("web:public_province", args=[units["a"].code])).status_code == 200


def test_the_dashboard_shows_the_first_sections_and_indicators_and_links_to_all(
    client: Any,
    coordinator_a: Any,
    known: dict[str, Any],
    make_task: Any,
    make_indicator: Any,
    agencies: dict[str, Any],
    monkeypatch: Any,
) -> None:
    """A province with a hundred plans has some 500 sections and 350 indicators: the page shows
    DASHBOARD_ROWS of each with the total and a link that shows them all."""
    from theodoi.plans.models import Section
    from theodoi.web import views_evaluation

    monkeypatch.setattr(views_evaluation, "DASHBOARD_ROWS", 2)
    for n in range(3):
        section = Section.objects.create(
            plan=known["plan"], code=f"S{n}", title=f"Nhóm thử {n}", position=50 + n
        )
        make_task(known["plan"], f"Nhiệm vụ nhóm {n}", lead=[agencies["science_a"]], section=section)
        make_indicator(known["plan"], f"Chỉ tiêu thêm {n}", monitor=[agencies["science_a"]])

    response = _get(client, coordinator_a, "web:dashboard")

    sections, indicators = len(response.context["d"].by_section), len(response.context["d"].indicators)
    assert sections > 2 and indicators > 2
    html = response.content.decode()
    assert len(response.context["section_rows"]) == 2 and html.count('class="indicator-card ') == 2
    assert f"Xem tất cả ({sections})" in html and f"Xem tất cả ({indicators})" in html
    everything = client.get(reverse("web:dashboard"), {"tat-ca": ["nhom", "chi-tieu"]})
    assert len(everything.context["section_rows"]) == sections
    assert everything.content.decode().count('class="indicator-card ') == indicators
    assert response.context["all_sections_link"] == "?tat-ca=nhom#h-nhom"


def test_the_filter_choices_are_the_provinces_whatever_the_filter(
    client: Any, coordinator_a: Any, known: dict[str, Any], agencies: dict[str, Any]
) -> None:
    """The plan, section and agency choices come from the dashboard's own figures when nothing
    is filtered; they are the same lists as with a filter, where they are read on their own."""
    plain = _get(client, coordinator_a, "web:dashboard").context
    filtered = client.get(reverse("web:dashboard"), {"co-quan": agencies["science_a"].pk}).context
    assert plain["agency_choices"] and plain["section_choices"]
    assert [a.pk for a in plain["agency_choices"]] == [a.pk for a in filtered["agency_choices"]]
    assert plain["section_choices"] == filtered["section_choices"]
    assert [p.pk for p in plain["all_plans"]] == [p.pk for p in filtered["all_plans"]]
