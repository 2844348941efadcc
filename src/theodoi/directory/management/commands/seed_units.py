"""``theodoi seed-units``: load or refresh the provinces and the 2025 mergers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from theodoi.directory.services import units_seed


class Command(BaseCommand):
    help = "Nạp danh sách 34 tỉnh, thành phố từ 01/7/2025 và các tỉnh đã sáp nhập (Nghị quyết 202/2025/QH15)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = units_seed()
        self.stdout.write(f"Đã nạp đơn vị hành chính: {counts['created']} mới, {counts['updated']} cập nhật.")
