"""``/suc-khoe/``: the health check load balancers poll."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_health_answers_ok_when_the_database_answers(client: Any) -> None:
    response = client.get("/suc-khoe/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_health_answers_503_when_the_database_does_not(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise DatabaseError("server closed the connection")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)

    response = client.get("/suc-khoe/")

    assert response.status_code == 503
