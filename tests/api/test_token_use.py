"""A token request reads its token, service user, profile and agency in one statement, and its
uses are written to the minute, in batches (``token_use``): at most one write a minute per
token, and one UPDATE for the tokens used meanwhile."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient
from tests.api.conftest import authed

from theodoi.accounts.models import Role
from theodoi.api import token_cache, token_use
from theodoi.api.models import ApiToken
from theodoi.api.services import CreatedToken
from theodoi.directory.models import Agency


def _last_used(created: CreatedToken) -> dt.datetime | None:
    return ApiToken.objects.get(pk=created.token.pk).last_used_at


def test_a_cold_token_request_makes_one_statement_for_token_and_scope(
    client_api: APIClient, token_a: CreatedToken, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):  # the token with its user, profile and agency; the report list
        assert authed(client_api, token_a).get("/api/v1/reports/").status_code == 200


def test_the_scope_follows_the_profile_as_read_at_the_next_look_up(
    client_api: APIClient, token_a: CreatedToken, open_report: dict[str, Any]
) -> None:
    client = authed(client_api, token_a)
    assert client.get(f"/api/v1/reports/{open_report['id']}/").status_code == 200
    profile = token_a.token.user.profile
    profile.role, profile.agency = Role.CENTRAL, None  # no longer a reporter of the agency
    profile.save()

    kept = client.get(f"/api/v1/reports/{open_report['id']}/").status_code
    token_cache.clear()  # the cache's seconds pass
    later = client.get(f"/api/v1/reports/{open_report['id']}/")

    assert kept == 200
    assert later.status_code == 404


def test_a_use_is_written_with_the_next_look_up_once_a_minute_has_passed(
    client_api: APIClient, token_a: CreatedToken, token_b: CreatedToken, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert authed(client_api, token_a).get("/api/v1/reports/").status_code == 200
    assert _last_used(token_a) is None  # noted, not yet written
    now = token_use.time.monotonic()
    monkeypatch.setattr(token_use.time, "monotonic", lambda: now + token_use.EVERY.total_seconds() + 1)

    assert authed(client_api, token_b).get("/api/v1/reports/").status_code == 200

    assert _last_used(token_a) is not None
    assert _last_used(token_b) is not None


def test_the_pending_uses_are_written_in_one_statement(
    client_api: APIClient,
    token_a: CreatedToken,
    token_b: CreatedToken,
    token_finance_a: CreatedToken,
    django_assert_num_queries: Any,
) -> None:
    for created in (token_a, token_b, token_finance_a):
        assert authed(client_api, created).get("/api/v1/reports/").status_code == 200

    with django_assert_num_queries(1, exact=False) as captured:
        assert token_use.write() == 3

    assert sum(q["sql"].startswith("UPDATE") for q in captured.captured_queries) == 1
    assert None not in {_last_used(c) for c in (token_a, token_b, token_finance_a)}


def test_a_token_used_again_within_a_minute_is_not_written_again(
    client_api: APIClient, token_a: CreatedToken
) -> None:
    recorded = timezone.now() - token_use.EVERY + dt.timedelta(seconds=5)
    ApiToken.objects.filter(pk=token_a.token.pk).update(last_used_at=recorded)

    assert authed(client_api, token_a).get("/api/v1/reports/").status_code == 200

    assert token_use.write() == 0
    assert _last_used(token_a) == recorded


def test_a_token_used_a_minute_after_its_recorded_use_is_written_again(
    client_api: APIClient, token_a: CreatedToken
) -> None:
    recorded = timezone.now() - token_use.EVERY - dt.timedelta(seconds=5)
    ApiToken.objects.filter(pk=token_a.token.pk).update(last_used_at=recorded)

    assert authed(client_api, token_a).get("/api/v1/reports/").status_code == 200

    assert token_use.write() == 1
    assert _last_used(token_a) > recorded


def test_a_token_of_an_agency_deactivated_is_refused_at_the_next_look_up(
    client_api: APIClient, token_a: CreatedToken
) -> None:
    client = authed(client_api, token_a)
    assert client.get("/api/v1/reports/").status_code == 200
    Agency.objects.filter(pk=token_a.token.agency_id).update(is_active=False)

    kept = client.get("/api/v1/reports/").status_code
    token_cache.clear()  # the cache's seconds pass
    later = client.get("/api/v1/reports/")

    assert kept == 200
    assert later.status_code == 401
    assert later.json() == {
        "code": "token_agency_inactive",
        "detail": "Cơ quan của mã truy cập không còn hoạt động.",
    }
