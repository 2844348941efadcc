"""Operators issue and revoke tokens in the admin; the secret shows once, after saving."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

from theodoi.api.models import ApiToken
from theodoi.api.services import token_hash
from theodoi.directory.models import Agency


def _operator(client: Client) -> Client:
    user = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "mat-khau-quan-tri-57")
    client.force_login(user)
    return client


def test_admin_creates_a_token_and_shows_its_secret_once(client: Client, agencies: dict[str, Agency]) -> None:
    response = _operator(client).post(
        "/admin/api/apitoken/add/",
        {"agency": agencies["science_a"].pk, "name": "Hệ thống trung ương"},
        follow=True,
    )

    token = ApiToken.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    secret = next(m for m in shown if "chỉ hiện một lần" in m).rsplit(" ", 1)[-1]
    assert token_hash(secret) == token.key_hash
    assert token.agency == agencies["science_a"]
    assert token.created_by.username == "quantri"


def test_admin_revokes_tokens(client: Client, token_a: Any) -> None:
    _operator(client).post(
        "/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token_a.token.pk]}, follow=True
    )

    assert ApiToken.objects.get(pk=token_a.token.pk).revoked_at is not None
