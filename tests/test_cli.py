"""The ``theodoi`` command as a user runs it: every command honours THEODOI_DATA_DIR and DATABASE_URL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold" / "003_40dd3ed96488933f.json"


def theodoi(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "theodoi", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "THEODOI_DATA_DIR", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(THEODOI_LOG_LEVEL="WARNING", **extra)
    return env


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a migrated SQLite database and plan 37/KH-UBND imported."""
    folder = tmp_path_factory.mktemp("data")
    env = clean_env(THEODOI_DATA_DIR=str(folder))
    assert theodoi("migrate", "-v0", env=env).returncode == 0
    done = theodoi("import", str(GOLD), env=env)
    assert done.returncode == 0, done.stderr
    return folder


def test_commands_keep_their_database_in_the_data_folder(data_dir: Path) -> None:
    assert (data_dir / "theodoi.sqlite3").is_file()


def test_export_round_trips_through_the_command_line(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"

    done = theodoi("export", "37/KH-UBND", "--json", str(out), env=clean_env(THEODOI_DATA_DIR=str(data_dir)))

    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(GOLD.read_text(encoding="utf-8"))


def test_database_url_overrides_the_data_folder_database(data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    env = clean_env(THEODOI_DATA_DIR=str(data_dir), DATABASE_URL=f"sqlite:///{other}")

    assert theodoi("migrate", "-v0", env=env).returncode == 0
    done = theodoi("export", "37/KH-UBND", env=env)

    assert other.is_file()
    assert done.returncode != 0  # the plan lives in the data folder's database, not in this one
    assert "Không tìm thấy kế hoạch số “37/KH-UBND”" in done.stderr


def test_malformed_file_exits_non_zero_naming_the_field(data_dir: Path, tmp_path: Path) -> None:
    doc = json.loads(GOLD.read_text(encoding="utf-8"))
    doc["tasks"][12]["name"] = None
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    done = theodoi("import", str(bad), env=clean_env(THEODOI_DATA_DIR=str(data_dir)))

    assert done.returncode != 0
    assert "tasks[12].name" in done.stderr


def test_dashed_command_name_runs_the_command(data_dir: Path) -> None:
    done = theodoi("seed-units", env=clean_env(THEODOI_DATA_DIR=str(data_dir)))

    assert done.returncode == 0, done.stderr
    assert "Đã nạp đơn vị hành chính" in done.stdout
