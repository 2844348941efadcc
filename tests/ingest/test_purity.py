"""Ingestion is pure Python: importing every module of theodoi.ingest loads no Django and no app."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, pkgutil, importlib, sys
import theodoi.ingest as root
for info in pkgutil.walk_packages(root.__path__, "theodoi.ingest."):
    importlib.import_module(info.name)
apps = ("theodoi.core", "theodoi.directory", "theodoi.accounts", "theodoi.plans", "theodoi.web", "theodoi.settings")
print(json.dumps(sorted(m for m in sys.modules if m == "django" or m.startswith("django.") or m.startswith(apps))))
"""


def test_importing_all_of_ingest_loads_no_django_and_no_app():
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert json.loads(run.stdout.strip().splitlines()[-1]) == []
