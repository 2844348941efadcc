"""Crashes in the middle of a report submission and of a plan publish leave nothing half done.

Three faults, each at the last write inside the service's transaction (the audit event):
- the code raises there (in process);
- the app server dies there: a ``theodoi shell -c`` process is killed with SIGKILL while it
  sleeps at that point;
- on PostgreSQL, the database drops the connection there (``pg_terminate_backend`` from
  another connection).
Afterwards the report is still the agency's editable draft with its answers, the draft plan
is still ready with its document, no plan was added and no audit event was written.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.core.demo_data import GOLD, SETUP, THEODOI, env_for, theodoi
from tests.core.test_backup import PG, _pg_ready, _psql

from theodoi.plans.models import DraftStatus, Plan, PlanDraft
from theodoi.tracking import services
from theodoi.tracking.models import ProgressReport, ReportStatus
from theodoi.tracking.services import report_scope, submissions

DRAFT = f"""
import json
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from theodoi.plans.models import DraftStatus, PlanDraft
from theodoi.directory.models import AdministrativeUnit
document = json.loads(open({str(GOLD.with_name("002_a739a90603f09329.json"))!r}, encoding="utf-8").read())
admin = get_user_model().objects.create_superuser(username="quantri", password="mat-khau-thu-nghiem-57")
unit = AdministrativeUnit.objects.get(name="Gia Lai", level="province")
draft = PlanDraft(unit=unit, created_by=admin, file_name="ke-hoach.txt", file_sha256="1" * 64, extracted=document,
                  document=document, source_lines=[], status=DraftStatus.READY)
draft.file.save("ke-hoach.txt", ContentFile(b"ke hoach"), save=False)
draft.save()
"""

# Runs the operation; at its last write it touches MARK and sleeps until killed.
OPERATION = """
import os, pathlib, time
from django.contrib.auth import get_user_model
from theodoi.plans.drafts import publish as drafts
from theodoi.plans.models import PlanDraft
from theodoi.tracking import services
from theodoi.tracking.services import submissions
from theodoi.tracking.models import ProgressReport

def hang(original):
    def audit(**kw):
        row = original(**kw)
        if kw["action"] in {"report.submit", "plan_draft.publish"}:
            pathlib.Path(os.environ["FAULT_MARK"]).write_text("inside")
            time.sleep(120)
        return row
    return audit

submissions.audit_record = hang(submissions.audit_record)
drafts.audit_record = hang(drafts.audit_record)
if os.environ["FAULT_OPERATION"] == "submit":
    report = ProgressReport.objects.get()
    user = get_user_model().objects.get(username="baocao")
    services.report_submit(report=report, actor=user, version=report.version)
else:
    draft = PlanDraft.objects.get()
    drafts.draft_publish(draft=draft, actor=get_user_model().objects.get(username="quantri"), version=draft.version)
"""

STATE = """
import json
from theodoi.core.models import AuditEvent
from theodoi.plans.models import Plan, PlanDraft
from theodoi.tracking.models import ProgressReport, TaskUpdate
report = ProgressReport.objects.get()
draft = PlanDraft.objects.get()
print(json.dumps({
    "report": [report.status, report.version, report.summary, report.submitted_at is None],
    "answers": TaskUpdate.objects.filter(report=report).count(),
    "draft": [draft.status, draft.version, draft.published_plan_id, len(draft.document["tasks"])],
    "plans": Plan.objects.count(),
    "events": sorted(AuditEvent.objects.filter(action__in=["report.submit", "plan_draft.publish", "plan.import"]).values_list("action", flat=True)),
}, default=str))
"""


def _state(env: dict[str, str]) -> dict[str, Any]:
    return json.loads(theodoi("shell", "-c", STATE, env=env).stdout.strip().splitlines()[-1])


def _start(env: dict[str, str], operation: str, mark: Path) -> subprocess.Popen[str]:
    run_env = {**env, "FAULT_OPERATION": operation, "FAULT_MARK": str(mark)}
    process = subprocess.Popen(
        [*THEODOI, "shell", "-c", OPERATION],
        env=run_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 90
    while not mark.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"the operation never reached its last write:\n{process.communicate()[1]}")
        time.sleep(0.05)
    return process


@pytest.fixture(scope="module")
def sqlite_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = env_for(None, tmp_path_factory.mktemp("fault-sqlite"))
    theodoi("migrate", "--noinput", env=env)
    theodoi("shell", "-c", SETUP + DRAFT, env=env)
    return env


@pytest.fixture(scope="module")
def pg_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    if not _pg_ready():
        pytest.skip("PostgreSQL (server and psql) is not available")
    name = f"theodoi_fault_{uuid.uuid4().hex[:8]}"
    _psql(f"CREATE DATABASE {name}")
    env = env_for(f"{PG}/{name}", tmp_path_factory.mktemp("fault-pg"), FAULT_DB=name)
    try:
        theodoi("migrate", "--noinput", env=env)
        theodoi("shell", "-c", SETUP + DRAFT, env=env)
        yield env
    finally:
        _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _assert_untouched(before: dict[str, Any], after: dict[str, Any]) -> None:
    assert after == before
    assert after["report"][0] == ReportStatus.DRAFT
    assert after["draft"][0] == DraftStatus.READY
    assert "report.submit" not in after["events"]
    assert "plan_draft.publish" not in after["events"]


@pytest.mark.parametrize("operation", ["submit", "publish"])
@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_killing_the_app_server_mid_transaction_leaves_nothing_half_done(
    engine: str, operation: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    env = request.getfixturevalue(f"{'sqlite' if engine == 'sqlite' else 'pg'}_env")
    before = _state(env)

    process = _start(env, operation, tmp_path / "mark")
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)

    _assert_untouched(before, _state(env))


@pytest.mark.parametrize("operation", ["submit", "publish"])
def test_the_database_dropping_the_connection_mid_transaction_leaves_nothing_half_done(
    operation: str, pg_env: dict[str, str], tmp_path: Path
) -> None:
    before = _state(pg_env)
    process = _start(pg_env, operation, tmp_path / "mark")

    _psql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{pg_env['FAULT_DB']}' AND state = 'idle in transaction'"
    )
    process.kill()  # it sleeps on; the connection it held is gone already
    process.communicate(timeout=30)

    _assert_untouched(before, _state(pg_env))


# --- in process: the last write raises ----------------------------------------------------------


class Crash(Exception):
    pass


def _crash_on(action: str) -> Any:
    def audit(**kw: Any) -> None:
        if kw["action"] == action:
            raise Crash(action)

    return audit


@pytest.mark.django_db
def test_a_crash_at_the_last_write_of_a_submission_keeps_the_draft(
    report_a: ProgressReport, reporter_a: Any, task_1: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.report_save_draft(
        report=report_a,
        actor=reporter_a,
        version=report_a.version,
        data={
            "summary": "Tóm tắt",
            "tasks": {
                t: {"status": "in_progress", "work_done": "Đã làm"}
                for t in report_scope._report_scope(report_a)[0]
            },
        },
    )
    report_a.refresh_from_db()
    version = report_a.version
    monkeypatch.setattr(submissions, "audit_record", _crash_on("report.submit"))

    with pytest.raises(Crash):
        services.report_submit(report=report_a, actor=reporter_a, version=version)

    report_a.refresh_from_db()
    assert (report_a.status, report_a.version, report_a.summary) == (ReportStatus.DRAFT, version, "Tóm tắt")
    assert report_a.submitted_at is None


@pytest.mark.django_db
def test_a_crash_at_the_last_write_of_a_publish_adds_no_plan(
    make_draft: Any, coordinator_a: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from theodoi.plans.drafts import publish as drafts

    draft = make_draft()
    plans = Plan.objects.count()
    monkeypatch.setattr(drafts, "audit_record", _crash_on("plan_draft.publish"))

    with pytest.raises(Crash):
        drafts.draft_publish(draft=draft, actor=coordinator_a, version=draft.version)

    stored = PlanDraft.objects.get(pk=draft.pk)
    assert (stored.status, stored.version, stored.published_plan_id) == (
        DraftStatus.READY,
        draft.version,
        None,
    )
    assert stored.document == draft.document
    assert Plan.objects.count() == plans
