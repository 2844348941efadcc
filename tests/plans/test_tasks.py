"""Background jobs: extraction of an upload, the nightly retraining, and ``theodoi worker``."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from theodoi.ingest.restore import default_restorer
from theodoi.plans.drafts import draft_upload
from theodoi.plans.models import DraftStatus, PlanDraft
from theodoi.plans.tasks import extract_draft, next_retrain_at, retrain_restorer, retrain_schedule

from .test_drafts import small_file

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("THEODOI_DATA_DIR", str(tmp_path))
    default_restorer.cache_clear()
    yield tmp_path
    default_restorer.cache_clear()


def queued_draft(coordinator: Any) -> PlanDraft:
    """Upload without running the commit hooks: the draft waits for its job."""
    return draft_upload(actor=coordinator, name="ke-hoach.txt", data=small_file())


def test_extract_draft_job_makes_the_draft_ready(settings: Any, coordinator_a: Any) -> None:
    settings.TASKS = IMMEDIATE
    draft = queued_draft(coordinator_a)

    result = extract_draft.enqueue(draft.pk)

    draft.refresh_from_db()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert (draft.status, draft.progress, draft.progress_text) == (
        DraftStatus.READY,
        100,
        "Đã trích xuất xong",
    )


def test_extract_draft_job_run_twice_extracts_once(settings: Any, coordinator_a: Any) -> None:
    settings.TASKS = IMMEDIATE
    draft = queued_draft(coordinator_a)
    extract_draft.enqueue(draft.pk)
    draft.refresh_from_db()
    version = draft.version

    extract_draft.enqueue(draft.pk)

    draft.refresh_from_db()
    assert draft.version == version


def test_upload_enqueues_its_extraction_for_the_worker_on_commit(
    settings: Any, coordinator_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = DATABASE
    with django_capture_on_commit_callbacks(execute=True):
        draft = queued_draft(coordinator_a)

    draft.refresh_from_db()
    job = DBTaskResult.objects.get(pk=draft.task_result_id)
    assert job.task_path == "theodoi.plans.tasks.extract_draft"
    assert job.args_kwargs == {"args": [draft.pk], "kwargs": {}}
    assert draft.status == DraftStatus.QUEUED


# The worker checks its connection between jobs as in production, which needs autocommit:
# this test runs outside the usual test transaction (and puts the seeded units back after).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_runs_the_queued_extraction_and_schedules_the_nightly_retraining(
    settings: Any, coordinator_a: Any
) -> None:
    settings.TASKS = DATABASE
    draft = queued_draft(coordinator_a)  # committed: its extraction job is queued

    call_command(
        "worker",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        "0",
        verbosity=0,
        stderr=io.StringIO(),
    )

    draft.refresh_from_db()
    assert draft.status == DraftStatus.READY
    waiting = DBTaskResult.objects.get(task_path="theodoi.plans.tasks.retrain_restorer")
    assert waiting.status == TaskResultStatus.READY
    assert waiting.run_after.astimezone(HANOI).hour == 2


def test_nightly_retraining_is_queued_once(settings: Any) -> None:
    settings.TASKS = DATABASE

    assert retrain_schedule() is True
    assert retrain_schedule() is False
    assert DBTaskResult.objects.filter(task_path="theodoi.plans.tasks.retrain_restorer").count() == 1


def test_next_retraining_is_the_coming_night_at_two() -> None:
    evening = dt.datetime(2025, 8, 1, 22, 30, tzinfo=HANOI)
    small_hours = dt.datetime(2025, 8, 2, 1, 0, tzinfo=HANOI)

    assert next_retrain_at(now=evening) == dt.datetime(2025, 8, 2, 2, 0, tzinfo=HANOI)
    assert next_retrain_at(now=small_hours) == dt.datetime(2025, 8, 2, 2, 0, tzinfo=HANOI)


@pytest.mark.slow
def test_retrain_job_writes_the_trained_model(settings: Any, data_dir: Path) -> None:
    settings.TASKS = IMMEDIATE

    result = retrain_restorer.enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["pairs"] == 0
    assert (data_dir / "restore-model").is_dir()
