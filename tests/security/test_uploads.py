"""Hostile uploads: too large (refused unread), zip bombs in .docx/.xlsx, path traversal in names."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from theodoi.plans.models import PlanDraft


def _bomb(kind: str) -> bytes:
    """Return a zip that declares a real Office part and a 300 MB member of zeros (about 300 KB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        part = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
        with z.open(part, "w", force_zip64=True) as f:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):
                f.write(chunk)
    return buffer.getvalue()


@pytest.fixture
def coordinator_client(coordinator_a: Any, settings: Any, tmp_path: Path) -> Client:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client = Client()
    client.force_login(coordinator_a)
    return client


@pytest.mark.django_db
def test_a_body_larger_than_the_limit_is_refused_before_it_is_read(
    coordinator_client: Client, settings: Any
) -> None:
    settings.THEODOI_UPLOAD_MAX_BYTES = 1024

    response = coordinator_client.post(
        reverse("web:review_upload"),
        data=b"x" * 10,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )

    assert response.status_code == 413
    assert "lớn hơn giới hạn" in response.content.decode()
    assert PlanDraft.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_zip_bomb_is_refused_with_a_message_and_nothing_stored(
    coordinator_client: Client, kind: str, settings: Any
) -> None:
    upload = SimpleUploadedFile(f"ke-hoach.{kind}", _bomb(kind))

    response = coordinator_client.post(reverse("web:review_upload"), {"tep": upload})

    assert response.status_code == 200
    assert "bom nén" in response.content.decode()
    assert PlanDraft.objects.count() == 0
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))


@pytest.mark.django_db
def test_a_path_in_the_file_name_is_dropped_and_the_file_stays_in_the_uploads_folder(
    coordinator_client: Client, settings: Any, tmp_path: Path
) -> None:
    upload = SimpleUploadedFile(
        "../../../../tmp/thoat.txt", "KẾ HOẠCH\nThực hiện Nghị quyết 57-NQ/TW\n".encode()
    )

    coordinator_client.post(reverse("web:review_upload"), {"tep": upload})

    draft = PlanDraft.objects.get()
    stored = Path(draft.file.path).resolve()
    assert "/" not in draft.file_name and ".." not in draft.file_name
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not (tmp_path.parent / "thoat.txt").exists()
