"""Sign-in attacks: brute force (django-axes lockout), session fixation, CSRF on the sign-in form."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

LOCKED = "Tài khoản tạm khoá 15 phút do nhập sai mật khẩu nhiều lần."


def _sign_in(client: Client, username: str, password: str) -> Any:
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="203.0.113.7"
    )


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_and_the_right_one_is_refused(
    reporter_a: Any, password: str
) -> None:
    client = Client()
    for _ in range(5):
        _sign_in(client, reporter_a.username, "sai-mat-khau")

    response = _sign_in(client, reporter_a.username, password)

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_four_wrong_passwords_still_let_the_right_one_in(reporter_a: Any, password: str) -> None:
    client = Client()
    for _ in range(4):
        _sign_in(client, reporter_a.username, "sai-mat-khau")

    response = _sign_in(client, reporter_a.username, password)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(reporter_a.pk)


@pytest.mark.django_db
def test_the_lockout_is_per_username_and_address(reporter_a: Any, coordinator_a: Any, password: str) -> None:
    attacker = Client()
    for _ in range(5):
        _sign_in(attacker, reporter_a.username, "sai-mat-khau")

    response = _sign_in(Client(), coordinator_a.username, password)

    assert response.status_code == 302


@pytest.mark.django_db
def test_the_session_key_changes_at_sign_in(reporter_a: Any, password: str) -> None:
    client = Client()
    client.get(reverse("login"))
    session = client.session
    session["planted"] = "by-attacker"
    session.save()
    fixed_key = session.session_key
    client.cookies["sessionid"] = fixed_key

    _sign_in(client, reporter_a.username, password)

    assert client.cookies["sessionid"].value != fixed_key
    assert client.session["_auth_user_id"] == str(reporter_a.pk)


@pytest.mark.django_db
def test_sign_in_without_the_csrf_token_is_refused(reporter_a: Any, password: str) -> None:
    client = Client(enforce_csrf_checks=True)

    response = _sign_in(client, reporter_a.username, password)

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
