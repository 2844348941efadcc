"""Demo-like data for the backup and fault tests: a gold plan imported, a report drafted and sent.

``SETUP`` runs inside ``theodoi shell -c`` (any database the environment names); ``COUNTS``
prints the row counts and a few rows as JSON so two states can be compared.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold" / "000_e412e5038f44b581.json"
THEODOI = [sys.executable, "-m", "theodoi"]

SETUP = f"""
import json
from django.contrib.auth import get_user_model
from django.utils import timezone
from theodoi.accounts.models import Profile, Role
from theodoi.ingest import plan as fmt
from theodoi.plans.models import AgencyRole, PlanStatus
from theodoi.plans.services import plan_import
from theodoi.tracking import calendar as cal, rules, services
from theodoi.tracking.services.report_scope import _report_scope

document = fmt.Plan.from_dict(json.loads(open({str(GOLD)!r}, encoding="utf-8").read()))
plan = plan_import(plan=document, status=PlanStatus.ACTIVE)
lead = plan.tasks.filter(assignments__role=AgencyRole.LEAD).first().assignments.filter(role=AgencyRole.LEAD).first().agency
user = get_user_model().objects.create_user(username="baocao", password="mat-khau-thu-nghiem-57")
Profile.objects.create(user=user, role=Role.REPORTER, agency=lead)
cadence = "quarterly"
period = rules.period_containing(cadence, timezone.localdate())[0]
report = services.report_get_or_create_draft(actor=user, agency=lead, plan=plan, cadence=cadence, period=period)
tasks, _ = _report_scope(report)
rows = {{pk: {{"status": "in_progress", "work_done": "Đã triển khai <b>bước 1</b>"}} for pk in tasks}}
report = services.report_save_draft(report=report, actor=user, version=report.version, data={{"summary": "Tóm tắt quý", "tasks": rows}})
report.refresh_from_db()
"""

COUNTS = """
import json
from django.apps import apps
counts = {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in {"plans", "tracking", "directory", "accounts", "core", "auth"}}
from theodoi.plans.models import Plan, Task
from theodoi.tracking.models import ProgressReport
rows = {
    "plans": list(Plan.objects.order_by("pk").values_list("pk", "number", "status", "title")),
    "tasks": list(Task.objects.order_by("pk").values_list("pk", "code", "name")[:5]),
    "reports": list(ProgressReport.objects.order_by("pk").values_list("pk", "status", "summary", "version")),
}
print(json.dumps({"counts": counts, "rows": rows}, ensure_ascii=False, default=str))
"""


def env_for(database_url: str | None, data_dir: Path, **extra: str) -> dict[str, str]:
    """Return the environment of a theodoi subprocess on ``database_url`` (None: SQLite in data_dir)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["THEODOI_DATA_DIR"] = str(data_dir)
    env["THEODOI_LOG_LEVEL"] = "WARNING"
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(extra)
    return env


def theodoi(
    *args: str, env: dict[str, str], stdin: str = "", check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run ``theodoi ARGS`` and return the finished process (raise on failure when ``check``)."""
    result = subprocess.run(
        [*THEODOI, *args], env=env, input=stdin, capture_output=True, text=True, timeout=300, check=False
    )
    if check and result.returncode != 0:
        raise AssertionError(f"theodoi {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def state(env: dict[str, str]) -> dict[str, Any]:
    """Return the counts and a few rows of the database ``env`` names."""
    out = theodoi("shell", "-c", COUNTS, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])
