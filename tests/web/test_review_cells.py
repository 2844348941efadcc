"""The review screen: cells edited in place (htmx), the version check, the review queue, rows.

Every write answers with the draft's new version out of band (``#phien-ban``) so the next
edit names it; a stale version keeps the user's text and says who changed the draft.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from theodoi.directory.models import AgencyAlias
from theodoi.directory.names import agency_key
from theodoi.plans.models import Correction, CorrectionKind, PlanDraft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("review_media")]

HTMX = {"HTTP_HX_REQUEST": "true"}


def cell_url(draft: PlanDraft) -> str:
    return reverse("web:review_cell", args=[draft.pk])


def row_url(draft: PlanDraft) -> str:
    return reverse("web:review_row", args=[draft.pk])


def version_in(html: str) -> int:
    return int(re.search(r'id="phien-ban" value="(\d+)"', html).group(1))  # type: ignore[union-attr]


@pytest.fixture
def signed_in(client: Any, coordinator_a: Any) -> Any:
    client.force_login(coordinator_a)
    return client


# --- the screen --------------------------------------------------------------------------------------


def test_review_screen_shows_tables_beside_the_numbered_source(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    html = signed_in.get(reverse("web:review_draft", args=[draft.pk]), {"bang": "nhiem-vu"}).content.decode()
    assert 'id="o-tasks-0-name"' in html and 'data-lines="10,11"' in html
    assert '<li id="dong-10" value="10" title="Bản quét: dong 10">dòng 10</li>' in html
    assert 'aria-current="page">Nhiệm vụ' in html


def test_low_confidence_cells_are_marked_in_words_not_colour_alone(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    html = signed_in.get(reverse("web:review_draft", args=[draft.pk]), {"bang": "nhiem-vu"}).content.decode()
    doubtful = html[html.index('id="o-tasks-1-name"') :][:900]
    assert '<td id="o-tasks-1-name" class="cell cell--check' in html
    assert '<td id="o-tasks-0-name" class="cell main-cell"' in html
    assert "cần kiểm tra" in doubtful
    sure = html[html.index('id="o-tasks-0-name"') :][:600]
    assert "cần kiểm tra" not in sure.split("</td>")[0]


def test_deadline_and_target_show_the_printed_text_and_its_reading(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    url = reverse("web:review_draft", args=[draft.pk])
    tasks = signed_in.get(url, {"bang": "nhiem-vu"}).content.decode()
    assert re.search(r"Quý I/2026</span>\s*<span class=\"reading\">.*hạn 31/03/2026", tasks)
    assert "định kỳ hằng tháng" in tasks
    indicators = signed_in.get(url, {"bang": "chi-tieu"}).content.decode()
    assert "≥ 80" in indicators and "ít nhất 80 %" in indicators


# --- cells ------------------------------------------------------------------------------------------


def test_clicking_a_cell_gets_its_editor_with_the_source_lines(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    html = signed_in.get(cell_url(draft), {"o": "tasks[1].name"}, **HTMX).content.decode().strip()
    assert html.startswith('<td id="o-tasks-1-name" class="cell cell--editing')
    assert '<textarea id="o-tasks-1-name-gia-tri" name="value"' in html
    assert "Văn bản gốc, dòng 12–13" in html
    assert f'name="version" value="{draft.version}"' in html


def test_saving_a_cell_returns_the_cell_and_the_next_version(
    signed_in: Any, make_draft: Any, coordinator_a: Any
) -> None:
    draft = make_draft()
    response = signed_in.post(
        cell_url(draft),
        {"o": "tasks[1].name", "version": draft.version, "value": "Tuyên truyền về chuyển đổi số"},
        **HTMX,
    )
    html = response.content.decode()
    assert html.strip().startswith('<td id="o-tasks-1-name" class="cell main-cell"')
    assert "Tuyên truyền về chuyển đổi số" in html
    assert 'id="thanh-cong-cu" class="review-toolbar" hx-swap-oob="true"' in html
    draft.refresh_from_db()
    assert version_in(html) == draft.version
    assert draft.document["tasks"][1]["name"] == "Tuyên truyền về chuyển đổi số"
    correction = Correction.objects.get(draft=draft)
    assert (correction.actor, correction.kind, correction.path) == (
        coordinator_a,
        CorrectionKind.EDIT,
        "tasks[1].name",
    )
    assert (correction.before, correction.after) == (
        "Tuyen truyen ve chuyen doi so",
        "Tuyên truyền về chuyển đổi số",
    )


def test_cancel_gives_the_cell_back_unchanged(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    html = signed_in.get(cell_url(draft), {"o": "tasks[0].output", "xem": "1"}, **HTMX).content.decode()
    assert html.strip().startswith('<td id="o-tasks-0-output" class="cell ')
    assert "cell--editing" not in html


def test_a_deadline_and_its_reading_change_together(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    html = signed_in.post(
        cell_url(draft), {"o": "tasks[0].deadline", "version": draft.version, "value": "Quý 2/2026"}, **HTMX
    ).content.decode()
    assert "Quý 2/2026" in html and "hạn 30/06/2026" in html
    draft.refresh_from_db()
    assert draft.document["tasks"][0]["deadline_parsed"]["due"] == "2026-06-30"


def test_an_agency_cell_saves_the_list_picked(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    html = signed_in.post(
        cell_url(draft),
        {"o": "tasks[0].lead", "version": draft.version, "value": ["Sở Tài chính", "Sở Nội vụ"], "q": ""},
        **HTMX,
    ).content.decode()
    assert "<li>Sở Tài chính</li><li>Sở Nội vụ</li>" in html
    draft.refresh_from_db()
    assert draft.document["tasks"][0]["lead"] == ["Sở Tài chính", "Sở Nội vụ"]


def test_a_header_date_is_typed_dd_mm_yyyy(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    html = signed_in.post(
        cell_url(draft), {"o": "document.date", "version": draft.version, "value": "5/9/2025"}, **HTMX
    ).content.decode()
    assert html.strip().startswith('<dd id="o-document-date"')
    assert "05/09/2025" in html
    draft.refresh_from_db()
    assert draft.document["document"]["date"] == "2025-09-05"


def test_a_bad_value_is_refused_beside_the_cell_with_the_text_kept(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    html = signed_in.post(
        cell_url(draft), {"o": "document.date", "version": draft.version, "value": "31/02/2025"}, **HTMX
    ).content.decode()
    assert 'role="alert"' in html and "không hợp lệ" in html
    assert 'value="31/02/2025"' in html
    draft.refresh_from_db()
    assert draft.document["document"]["date"] == "2025-08-01"


def test_a_stale_version_shows_who_changed_the_draft_and_keeps_the_typed_text(
    signed_in: Any, make_draft: Any, coordinator_a: Any, django_user_model: Any, units: dict[str, Any]
) -> None:
    from theodoi.accounts.models import Profile, Role

    draft = make_draft()
    stale = draft.version
    other = django_user_model.objects.create_user(
        "dieuphoi_a2", password="x", first_name="Lê Văn", last_name="Nam"
    )
    Profile.objects.create(user=other, role=Role.COORDINATOR, unit=units["a"])
    from theodoi.plans.drafts import draft_cell_update

    draft_cell_update(
        draft=draft, actor=other, version=stale, path="tasks[1].name", value="Bản của người kia"
    )

    response = signed_in.post(
        cell_url(draft), {"o": "tasks[1].name", "version": stale, "value": "Bản tôi vừa gõ"}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200  # htmx swaps it in place
    assert "cell--editing" in html
    assert "Bản tôi vừa gõ</textarea>" in html
    assert "đã được Lê Văn Nam sửa lúc" in html
    assert "Tải lại bản mới nhất (giữ nội dung bạn gõ)" in html
    assert "hx-swap-oob" not in html  # the page keeps its stale version: saving again is refused again
    draft.refresh_from_db()
    assert draft.document["tasks"][1]["name"] == "Bản của người kia"

    # The reload link opens the cell again with the latest value named and the typed text kept.
    link = re.search(r'href="([^"]+giu=[^"]+)"', html).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    page = signed_in.get(link).content.decode()
    assert "Bản tôi vừa gõ</textarea>" in page
    assert "Giá trị hiện lưu: <strong>Bản của người kia</strong>" in page


# --- the review queue -------------------------------------------------------------------------------


def test_next_to_check_opens_the_first_doubtful_cell(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    url = reverse("web:review_draft", args=[draft.pk])
    page = signed_in.get(url).content.decode()
    assert "<strong>1</strong> ô" in page
    assert f'href="{url}?o=tasks%5B1%5D.name"' in page
    region = signed_in.get(url, {"o": "tasks[1].name"}, **HTMX).content.decode()
    assert region.strip().startswith('<section id="bang"')
    assert 'id="o-tasks-1-name" class="cell cell--editing' in region
    assert 'aria-current="page">Nhiệm vụ' in region


def test_after_the_last_doubtful_cell_is_fixed_the_queue_says_so(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    html = signed_in.post(
        cell_url(draft), {"o": "tasks[1].name", "version": draft.version, "value": "Tuyên truyền"}, **HTMX
    ).content.decode()
    assert "Đã kiểm tra hết các ô" in html
    assert "Ô tiếp theo" not in html


def test_next_to_check_walks_on_least_confident_first(signed_in: Any, make_draft: Any) -> None:
    from .review_fixtures import small_document

    doc = small_document()
    doc["tasks"][2]["confidence"]["deadline"] = 0.3
    doc["tasks"][0]["confidence"]["output"] = 0.6
    draft = make_draft(doc)
    url = reverse("web:review_draft", args=[draft.pk])

    first = signed_in.get(url).content.decode()
    second = signed_in.get(url, {"o": "tasks[2].deadline"}).content.decode()
    third = signed_in.get(url, {"o": "tasks[1].name"}).content.decode()

    assert f'href="{url}?o=tasks%5B2%5D.deadline"' in first
    assert f'href="{url}?o=tasks%5B1%5D.name"' in second
    assert f'href="{url}?o=tasks%5B0%5D.output"' in third


def test_a_checked_cell_is_followed_by_the_most_doubtful_one_left(signed_in: Any, make_draft: Any) -> None:
    from .review_fixtures import small_document

    doc = small_document()
    doc["tasks"][2]["confidence"]["deadline"] = 0.3
    draft = make_draft(doc)

    html = signed_in.post(
        cell_url(draft), {"o": "tasks[2].deadline", "version": draft.version, "value": "12/2025"}, **HTMX
    ).content.decode()

    assert "?o=tasks%5B1%5D.name" in html


# --- rows -------------------------------------------------------------------------------------------


def _row(signed_in: Any, draft: PlanDraft, action: str, index: int, **extra: Any) -> str:
    data = {"bang": "tasks", "dong": index, "thao_tac": action, "version": draft.version, **extra}
    response = signed_in.post(row_url(draft), data, **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def test_merge_joins_a_row_with_the_one_below(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    html = _row(signed_in, draft, "gop", 0)
    assert html.strip().startswith('<section id="bang"')
    assert html.count('class="review-row') == 2
    draft.refresh_from_db()
    assert draft.document["tasks"][0]["name"] == "Nhiệm vụ chuyển đổi số thứ 1 Tuyen truyen ve chuyen doi so"
    assert version_in(html) == draft.version


def test_delete_add_and_move_rows(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    _row(signed_in, draft, "xoa", 2)
    draft.refresh_from_db()
    _row(signed_in, draft, "them", 0)
    draft.refresh_from_db()
    assert [t["name"] for t in draft.document["tasks"]][1] == "Nhiệm vụ mới"
    _row(signed_in, draft, "xuong", 0)
    draft.refresh_from_db()
    names = [t["name"] for t in draft.document["tasks"]]
    assert names == ["Nhiệm vụ mới", "Nhiệm vụ chuyển đổi số thứ 1", "Tuyen truyen ve chuyen doi so"]
    kinds = list(Correction.objects.filter(draft=draft).values_list("kind", flat=True))
    assert kinds == [CorrectionKind.DELETE, CorrectionKind.ADD, CorrectionKind.MOVE]


def test_split_cuts_a_row_where_the_cursor_was(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    form = signed_in.get(
        row_url(draft), {"bang": "tasks", "dong": 0, "thao_tac": "tach"}, **HTMX
    ).content.decode()
    assert form.strip().startswith('<tr class="split-row"')
    _row(signed_in, draft, "tach", 0, truong="name", vi_tri=len("Nhiệm vụ "))
    draft.refresh_from_db()
    assert [t["name"] for t in draft.document["tasks"][:2]] == ["Nhiệm vụ", "chuyển đổi số thứ 1"]


def test_a_stale_row_action_is_refused_with_the_message(signed_in: Any, make_draft: Any) -> None:
    draft = make_draft()
    html = signed_in.post(
        row_url(draft), {"bang": "tasks", "dong": 0, "thao_tac": "xoa", "version": draft.version + 5}, **HTMX
    ).content.decode()
    assert "hãy tải lại" in html and 'role="alert"' in html
    draft.refresh_from_db()
    assert len(draft.document["tasks"]) == 3


# --- agencies -------------------------------------------------------------------------------------


def test_agency_type_ahead_ignores_diacritics_and_offers_a_new_one(
    signed_in: Any, make_draft: Any, agencies: dict[str, Any]
) -> None:
    science = agencies["science_a"]
    AgencyAlias.objects.create(
        agency=science,
        unit=science.unit,
        alias=science.name,
        key=agency_key(science.name, unit_name="Gia Lai"),
    )
    draft = make_draft()
    url = reverse("web:review_agencies", args=[draft.pk])
    found = signed_in.get(url, {"q": "so khoa hoc"}, **HTMX).content.decode()
    assert 'data-add-chip="Sở Khoa học và Công nghệ"' in found
    assert "Thêm cơ quan mới «so khoa hoc»" in found
    nothing = signed_in.get(url, {"q": "Ban Quản lý khu kinh tế"}, **HTMX).content.decode()
    assert "Thêm cơ quan mới «Ban Quản lý khu kinh tế»" in nothing
    assert "Sở Khoa học" not in nothing


# --- query counts ---------------------------------------------------------------------------------


N = 3


@pytest.mark.parametrize("count", [N, 3 * N])
def test_drafts_list_query_count(
    client: Any, coordinator_a: Any, make_draft: Any, django_assert_num_queries: Any, count: int
) -> None:
    for _ in range(count):
        make_draft()
    client.force_login(coordinator_a)
    client.get(reverse("web:review_upload"))  # warm the session
    # session, user, profile, its unit and merged units, the drafts, the scope: never per row
    with django_assert_num_queries(7):
        response = client.get(reverse("web:review_upload"))
    assert response.content.decode().count('class="main-cell"><a class="strong"') == count
