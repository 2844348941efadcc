"""``theodoi serve``: gunicorn worker processes on Linux, waitress threads elsewhere or on request."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from theodoi.core.management.commands import serve


def test_auto_picks_gunicorn_on_linux_and_waitress_where_it_cannot_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert serve.pick_server("auto") == "gunicorn"  # this machine: Linux, gunicorn installed
    assert serve.pick_server("waitress") == "waitress"

    monkeypatch.setattr(serve.os, "name", "nt")
    assert serve.pick_server("auto") == "waitress"


def test_one_thread_means_sync_workers_more_means_gthread() -> None:
    sync = serve.gunicorn_options(bind="127.0.0.1:8001", workers=3, threads=1)
    threaded = serve.gunicorn_options(bind="127.0.0.1:8001", workers=2, threads=4)

    assert (sync["worker_class"], sync["workers"], sync["bind"]) == ("sync", 3, ["127.0.0.1:8001"])
    assert (threaded["worker_class"], threaded["threads"]) == ("gthread", 4)
    assert serve.default_workers() == (os.cpu_count() or 1)
    assert serve.DEFAULT_THREADS > 1  # by default gthread workers: keep-alive, measured cheaper than sync


def test_waitress_refuses_several_processes_with_a_vietnamese_message() -> None:
    with pytest.raises(CommandError, match="waitress chạy một tiến trình"):
        call_command("serve", "--server=waitress", "--workers=3")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("server", ["gunicorn", "waitress"])
def test_serve_answers_the_health_check(server: str, tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        THEODOI_DATA_DIR=str(tmp_path), THEODOI_LOG_LEVEL="ERROR", DJANGO_SETTINGS_MODULE="theodoi.settings"
    )
    subprocess.run(
        [sys.executable, "-m", "theodoi", "migrate"], env=env, check=True, capture_output=True, timeout=300
    )
    workers = ["--workers=2"] if server == "gunicorn" else []
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "theodoi",
            "serve",
            f"--bind=127.0.0.1:{port}",
            f"--server={server}",
            *workers,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    expected = 2 if server == "gunicorn" else 0  # gunicorn's two workers; waitress is one process
    try:
        body, children, until = None, [], time.time() + 60
        while (body is None or len(children) != expected) and time.time() < until:
            children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/suc-khoe/", timeout=5) as response:
                    body = json.loads(response.read())
            except OSError:
                time.sleep(0.3)
    finally:
        process.terminate()
        process.wait(timeout=30)

    assert body == {"status": "ok", "database": "ok"}
    assert len(children) == expected
