"""Back up and restore theodoi's data: the database and the uploaded files, in one .tar.gz.

An archive holds ``manifest.json`` (format version, created at, theodoi version, engine,
applied migrations, the database dump's SHA-256), the database dump and ``media/``:

- SQLite: ``database.sqlite3``, a consistent copy taken online with the SQLite backup API
  (``sqlite3.Connection.backup``) while the app may keep writing;
- PostgreSQL: ``database.pgdump``, ``pg_dump --format=custom`` (restored with ``pg_restore
  --clean --if-exists`` in one transaction).

Restoring verifies the whole archive first (gzip checksums, manifest, dump checksum, file
names, engine, migration state) and touches nothing when any check fails.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; ``message`` is Vietnamese, for the operator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Manifest:
    format: int
    created_at: str
    theodoi_version: str
    engine: str
    migrations: dict[str, list[str]]
    database_file: str
    database_sha256: str
    media_files: int

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def engine() -> str:
    """Return ``sqlite`` or ``postgresql``: the configured database's engine."""
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại “{vendor}”.")
    return vendor


def _theodoi_version() -> str:
    try:
        return importlib.metadata.version("theodoi")
    except importlib.metadata.PackageNotFoundError:
        return "0"


def applied_migrations() -> dict[str, list[str]]:
    """Return the migrations applied to the configured database, by app."""
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, var in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")]:
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"Không tìm thấy chương trình “{name}” của PostgreSQL. Hãy cài gói postgresql-client "
            f"(cùng phiên bản với máy chủ cơ sở dữ liệu) rồi chạy lại."
        )
    return path


def _run(args: list[str]) -> None:
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"Lệnh {Path(args[0]).name} thất bại: {result.stderr.strip()[:2000]}")


def _dump_database(kind: str, target: Path) -> None:
    if kind == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)])


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def backup_create(*, out: Path | None = None) -> Path:
    """Write a backup archive of the database and the media folder; return its path."""
    kind = engine()
    if kind == "postgresql":
        _pg_tool("pg_dump")  # before anything else, so a missing client is named plainly
    now = timezone.now()
    if out is None:
        out = Path(settings.DATA_DIR) / "backups" / f"theodoi-{now:%Y%m%d-%H%M%S}.tar.gz"
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    media = _media_root()
    with tempfile.TemporaryDirectory(prefix="theodoi-backup-", dir=out.parent) as tmp:
        dump = Path(tmp) / DUMPS[kind]
        migrations = applied_migrations()
        _dump_database(kind, dump)
        media_files = sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
        manifest = Manifest(
            format=FORMAT_VERSION,
            created_at=now.isoformat(),
            theodoi_version=_theodoi_version(),
            engine=kind,
            migrations=migrations,
            database_file=DUMPS[kind],
            database_sha256=_sha256(dump),
            media_files=len(media_files),
        )
        manifest_path = Path(tmp) / MANIFEST
        manifest_path.write_text(json.dumps(manifest.as_dict(), ensure_ascii=False, indent=2), "utf-8")
        partial = out.with_name(out.name + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_path, arcname=MANIFEST)
            tar.add(dump, arcname=DUMPS[kind])
            for path in media_files:
                tar.add(path, arcname=f"{MEDIA}/{path.relative_to(media).as_posix()}")
        partial.replace(out)  # a crash mid-write leaves a .part file, never a truncated archive
    logger.info("Backup written to %s (%s, %d media files)", out, kind, len(media_files))
    return out


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name not in ("", ".")


def _member_bytes(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    source = tar.extractfile(member)
    if source is None:
        raise BackupError(f"Tệp sao lưu chứa mục không phải tệp: “{member.name}”.")
    return source.read()


def _read_manifest(raw: bytes) -> Manifest:
    try:
        data = json.loads(raw.decode("utf-8"))
        manifest = Manifest(**data)
    except (UnicodeDecodeError, ValueError, TypeError) as e:
        raise BackupError("Tệp sao lưu hỏng: không đọc được manifest.json.") from e
    if manifest.format != FORMAT_VERSION:
        raise BackupError(
            f"Tệp sao lưu theo định dạng {manifest.format}, phiên bản theodoi này chỉ đọc định dạng {FORMAT_VERSION}."
        )
    if manifest.engine not in DUMPS or manifest.database_file != DUMPS[manifest.engine]:
        raise BackupError("Tệp sao lưu hỏng: manifest.json không hợp lệ.")
    return manifest


def backup_verify(*, archive: Path, into: Path) -> Manifest:
    """Check and unpack ``archive`` into the folder ``into``; raise BackupError, touching nothing else.

    Reading every member checks the gzip CRC, so a truncated or altered archive is refused;
    the dump is checked against the manifest's SHA-256; member names must stay inside.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu “{archive}”.")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            for member in members:
                if not _safe_member(member.name) or not (member.isfile() or member.isdir()):
                    raise BackupError(f"Tệp sao lưu chứa đường dẫn không hợp lệ: “{member.name}”.")
            names = {m.name for m in members}
            if MANIFEST not in names:
                raise BackupError("Tệp sao lưu hỏng: thiếu manifest.json.")
            manifest = _read_manifest(_member_bytes(tar, tar.getmember(MANIFEST)))
            if manifest.database_file not in names:
                raise BackupError(f"Tệp sao lưu hỏng: thiếu {manifest.database_file}.")
            for member in members:
                target = into / member.name
                if member.isdir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(_member_bytes(tar, member))
    except (tarfile.TarError, EOFError, OSError, UnicodeDecodeError) as e:
        raise BackupError(f"Tệp sao lưu hỏng hoặc không đầy đủ ({e}).") from e
    if _sha256(into / manifest.database_file) != manifest.database_sha256:
        raise BackupError("Tệp sao lưu hỏng: bản sao cơ sở dữ liệu không khớp mã kiểm tra.")
    return manifest


def restore_check(manifest: Manifest) -> list[str]:
    """Refuse a backup of another engine or from a newer theodoi; return the migrations to run after."""
    kind = engine()
    if manifest.engine != kind:
        raise BackupError(
            f"Tệp sao lưu là của cơ sở dữ liệu {manifest.engine}, còn theodoi đang dùng {kind}: "
            f"không khôi phục được sang loại khác."
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    backed_up = {(app, name) for app, names in manifest.migrations.items() for name in names}
    newer = sorted(f"{app}.{name}" for app, name in backed_up - known if app in {a for a, _ in known})
    if newer:
        raise BackupError(
            f"Tệp sao lưu được tạo bởi phiên bản theodoi mới hơn (theodoi {manifest.theodoi_version}; "
            f"có các bước chuyển đổi dữ liệu chưa biết: {', '.join(newer[:5])}). Hãy nâng cấp theodoi rồi khôi phục."
        )
    return sorted(f"{app}.{name}" for app, name in known - backed_up)


def _restore_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("Không khôi phục được trong khi đang có giao dịch cơ sở dữ liệu mở.")
    with sqlite3.connect(dump) as source:
        source.backup(connection.connection)
    source.close()


def _restore_postgresql(dump: Path) -> None:
    tool = _pg_tool("pg_restore")
    _run([tool, "--list", str(dump)])  # the dump reads back before anything is dropped
    connection.close()
    _run([tool, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--dbname", str(settings.DATABASES["default"]["NAME"]), str(dump)])  # fmt: skip


def _restore_media(unpacked: Path) -> None:
    media = _media_root()
    media.parent.mkdir(parents=True, exist_ok=True)
    incoming = unpacked / MEDIA
    if not incoming.is_dir():
        incoming.mkdir()
    staged = media.with_name(media.name + ".restoring")
    old = media.with_name(media.name + ".before-restore")
    for leftover in (staged, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.copytree(incoming, staged)
    if media.exists():
        media.replace(old)
    staged.replace(media)
    if old.exists():
        shutil.rmtree(old)


def backup_restore(*, archive: Path, confirm: Any = None) -> tuple[Manifest, list[str]]:
    """Restore ``archive`` into the configured database and media folder.

    Everything is verified first; ``confirm(manifest)`` (when given) is asked after the checks
    and before any write, and returning False stops with nothing changed. Returns the manifest
    and the migrations the code has that the backup lacks (run ``theodoi migrate`` then).
    """
    archive = Path(archive)
    with tempfile.TemporaryDirectory(prefix="theodoi-restore-") as tmp:
        unpacked = Path(tmp)
        manifest = backup_verify(archive=archive, into=unpacked)
        pending = restore_check(manifest)
        if confirm is not None and not confirm(manifest):
            raise BackupError("Đã huỷ: dữ liệu hiện có không bị thay đổi.")
        dump = unpacked / manifest.database_file
        if manifest.engine == "sqlite":
            _restore_sqlite(dump)
        else:
            _restore_postgresql(dump)
        _restore_media(unpacked)
    logger.info("Backup %s restored (%s, created %s)", archive, manifest.engine, manifest.created_at)
    return manifest, pending


def created_label(manifest: Manifest) -> str:
    """Return the backup's creation time as dd/mm/yyyy HH:MM, local time."""
    when = dt.datetime.fromisoformat(manifest.created_at)
    return timezone.localtime(when).strftime("%d/%m/%Y %H:%M")
