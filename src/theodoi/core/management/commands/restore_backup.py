"""``theodoi restore-backup FILE [--yes]``: put a backup back into the configured database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from theodoi.core.backup import BackupError, Manifest, backup_restore, created_label


class Command(BaseCommand):
    help = (
        "Khôi phục một tệp sao lưu của theodoi vào cơ sở dữ liệu đang cấu hình (ghi đè toàn bộ dữ liệu); "
        "tệp được kiểm tra trước, tệp hỏng không làm thay đổi gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="tệp sao lưu (.tar.gz) do `theodoi backup` tạo")
        parser.add_argument("--yes", action="store_true", help="không hỏi lại trước khi ghi đè")

    def handle(self, *args: Any, **options: Any) -> None:
        def confirm(manifest: Manifest) -> bool:
            if options["yes"]:
                return True
            self.stdout.write(
                f"Tệp sao lưu hợp lệ: tạo lúc {created_label(manifest)}, theodoi {manifest.theodoi_version}, "
                f"{manifest.engine}, {manifest.media_files} tệp tải lên.\n"
                "Khôi phục sẽ XOÁ và thay toàn bộ dữ liệu hiện có bằng dữ liệu trong tệp sao lưu."
            )
            answer = input("Gõ “co” để tiếp tục: ").strip().lower()
            return answer in {"co", "có", "yes", "y"}

        try:
            manifest, pending = backup_restore(archive=options["archive"], confirm=confirm)
        except BackupError as e:
            raise CommandError(e.message) from e
        self.stdout.write(f"Đã khôi phục bản sao lưu tạo lúc {created_label(manifest)}.")
        if pending:
            self.stdout.write(
                f"Bản sao lưu cũ hơn phiên bản này ({len(pending)} bước chuyển đổi chưa chạy): "
                "hãy chạy `theodoi migrate`."
            )
