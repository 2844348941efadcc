"""``theodoi backup [--out FILE]``: the database and the uploaded files in one .tar.gz."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from theodoi.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và tệp tải lên vào một tệp .tar.gz (mặc định trong thư mục dữ liệu/backups)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, help="tệp sao lưu cần ghi (.tar.gz)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = backup_create(out=options["out"])
        except BackupError as e:
            raise CommandError(e.message) from e
        self.stdout.write(f"Đã sao lưu vào {path}")
