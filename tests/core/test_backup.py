"""``theodoi backup`` and ``theodoi restore-backup``: round trips on SQLite and PostgreSQL, refusals.

Each test runs theodoi in subprocesses on a database of its own (SQLite in a scratch data
folder, or a scratch PostgreSQL database created and dropped here), as an operator would.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.core.demo_data import SETUP, env_for, state, theodoi

PG = "postgres://postgres@127.0.0.1:5432"


def _pg_ready() -> bool:
    if not all(shutil.which(t) for t in ("pg_dump", "pg_restore", "psql")):
        return False
    probe = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", "select 1"], capture_output=True, check=False
    )
    return probe.returncode == 0


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def sqlite_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = env_for(None, tmp_path_factory.mktemp("sqlite-data"))
    theodoi("migrate", "--noinput", env=env)
    theodoi("shell", "-c", SETUP, env=env)
    media = Path(env["THEODOI_DATA_DIR"]) / "media" / "minh-chung"
    media.mkdir(parents=True)
    (media / "bao-cao.pdf").write_bytes(b"%PDF-1.4 minh chung")
    return env


@pytest.fixture(scope="module")
def pg_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    if not _pg_ready():
        pytest.skip("PostgreSQL tools (pg_dump, pg_restore, psql) or the server are not available")
    name = f"theodoi_backup_{uuid.uuid4().hex[:8]}"
    _psql(f"CREATE DATABASE {name}")
    env = env_for(f"{PG}/{name}", tmp_path_factory.mktemp("pg-data"))
    try:
        theodoi("migrate", "--noinput", env=env)
        theodoi("shell", "-c", SETUP, env=env)
        media = Path(env["THEODOI_DATA_DIR"]) / "media"
        media.mkdir(exist_ok=True)
        (media / "minh-chung.pdf").write_bytes(b"%PDF-1.4 minh chung")
        yield env
    finally:
        _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


WIPE = """
from theodoi.tracking.models import ProgressReport
from theodoi.plans.models import Plan
ProgressReport.objects.all().delete()
Plan.objects.all().delete()
"""


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_backup_wipe_restore_gives_back_every_row_and_file(
    engine: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    env = request.getfixturevalue("sqlite_env" if engine == "sqlite" else "pg_env")
    before = state(env)
    archive = tmp_path / "sao-luu.tar.gz"
    theodoi("backup", "--out", str(archive), env=env)
    media = Path(env["THEODOI_DATA_DIR"]) / "media"
    shutil.rmtree(media)
    theodoi("shell", "-c", WIPE, env=env)
    assert state(env)["rows"]["plans"] == []

    result = theodoi("restore-backup", str(archive), "--yes", env=env)

    after = state(env)
    assert "Đã khôi phục" in result.stdout
    assert after == before
    assert after["counts"]["plans.Task"] > 10
    assert after["rows"]["reports"][0][2] == "Tóm tắt quý"
    assert sorted(p.name for p in media.rglob("*.pdf")) == [
        "bao-cao.pdf" if engine == "sqlite" else "minh-chung.pdf"
    ]


def test_the_archive_carries_a_manifest(sqlite_env: dict[str, str], tmp_path: Path) -> None:
    archive = tmp_path / "b.tar.gz"
    theodoi("backup", "--out", str(archive), env=sqlite_env)

    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]

    assert manifest["format"] == 1
    assert manifest["engine"] == "sqlite"
    assert manifest["theodoi_version"]
    assert manifest["created_at"]
    assert "0001_initial" in manifest["migrations"]["plans"]


def _rewrite(archive: Path, out: Path, change: Any) -> None:
    """Copy ``archive`` to ``out``, passing each member's (info, bytes) through ``change``."""
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else b""  # type: ignore[union-attr]
            member, data = change(member, data)
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))


@pytest.fixture(scope="module")
def good_archive(sqlite_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("archives") / "good.tar.gz"
    theodoi("backup", "--out", str(archive), env=sqlite_env)
    return archive


def _manifest_change(**fields: Any) -> Any:
    def change(member: tarfile.TarInfo, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
        if member.name == "manifest.json":
            manifest = json.loads(data)
            for key, value in fields.items():
                if key == "extra_migration":
                    manifest["migrations"]["plans"].append(value)
                else:
                    manifest[key] = value
            data = json.dumps(manifest).encode()
        return member, data

    return change


def _refused(env: dict[str, str], archive: Path) -> str:
    before = state(env)
    result = theodoi("restore-backup", str(archive), "--yes", env=env, check=False)
    assert result.returncode != 0
    assert state(env) == before
    return result.stderr


def test_a_truncated_archive_is_refused_and_nothing_changes(
    sqlite_env: dict[str, str], good_archive: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "cut.tar.gz"
    broken.write_bytes(good_archive.read_bytes()[: good_archive.stat().st_size // 2])

    assert "Tệp sao lưu hỏng" in _refused(sqlite_env, broken)


def test_an_altered_database_copy_is_refused(
    sqlite_env: dict[str, str], good_archive: Path, tmp_path: Path
) -> None:
    altered = tmp_path / "altered.tar.gz"
    _rewrite(good_archive, altered, lambda m, d: (m, d[:-1] + b"\x01" if m.name == "database.sqlite3" else d))

    assert "không khớp mã kiểm tra" in _refused(sqlite_env, altered)


def test_a_backup_of_another_engine_is_refused(
    sqlite_env: dict[str, str], good_archive: Path, tmp_path: Path
) -> None:
    other = tmp_path / "pg.tar.gz"
    _rewrite(good_archive, other, _manifest_change(engine="postgresql", database_file="database.sqlite3"))

    assert "Tệp sao lưu hỏng" in _refused(sqlite_env, other)


def test_a_backup_from_a_newer_theodoi_is_refused(
    sqlite_env: dict[str, str], good_archive: Path, tmp_path: Path
) -> None:
    newer = tmp_path / "newer.tar.gz"

    def change(member: tarfile.TarInfo, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
        return _manifest_change(extra_migration="0099_future")(member, data)

    _rewrite(good_archive, newer, change)

    assert "phiên bản theodoi mới hơn" in _refused(sqlite_env, newer)


def test_a_path_outside_the_archive_is_refused(
    sqlite_env: dict[str, str], good_archive: Path, tmp_path: Path
) -> None:
    evil = tmp_path / "evil.tar.gz"

    def change(member: tarfile.TarInfo, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
        if member.name.startswith("media/"):
            member.name = "media/../../thoat.txt"
        return member, data

    _rewrite(good_archive, evil, change)

    assert "đường dẫn không hợp lệ" in _refused(sqlite_env, evil)
    assert not (tmp_path.parent / "thoat.txt").exists()


def test_restore_asks_first_and_no_keeps_everything(sqlite_env: dict[str, str], good_archive: Path) -> None:
    before = state(sqlite_env)

    result = theodoi("restore-backup", str(good_archive), env=sqlite_env, stdin="khong\n", check=False)

    assert "XOÁ và thay toàn bộ dữ liệu" in result.stdout
    assert "Đã huỷ" in result.stderr
    assert state(sqlite_env) == before


def test_a_missing_pg_dump_is_named_in_vietnamese(tmp_path: Path) -> None:
    env = env_for(f"{PG}/postgres", tmp_path, PATH=str(tmp_path))

    result = theodoi("backup", "--out", str(tmp_path / "x.tar.gz"), env=env, check=False)

    assert result.returncode != 0
    assert "Không tìm thấy chương trình “pg_dump”" in result.stderr


def test_gzip_of_garbage_is_refused(sqlite_env: dict[str, str], tmp_path: Path) -> None:
    garbage = tmp_path / "rac.tar.gz"
    garbage.write_bytes(gzip.compress(b"khong phai tar" * 100))

    assert "Tệp sao lưu hỏng" in _refused(sqlite_env, garbage)
