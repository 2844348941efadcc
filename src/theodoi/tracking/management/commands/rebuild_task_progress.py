"""``theodoi rebuild-task-progress``: recompute the task progress, indicator standings and this quarter's obligations.

After an upgrade, run it once: until this quarter's obligations are built the pages count
reporting compliance from the calendar (exact, slower).

For the first fill after an upgrade on a database loaded another way, and for repair; the
nightly job (``tracking.tasks.rebuild_task_progress``) runs the same service.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from theodoi.tracking.obligations import obligations_rebuild
from theodoi.tracking.progress import (
    REBUILD_BATCH,
    analyze_derived,
    task_progress_rebuild,
    task_progress_rejudge,
)
from theodoi.tracking.standings import indicator_progress_rebuild


class Command(BaseCommand):
    help = "Tính lại tiến độ hiện tại của mọi nhiệm vụ và tình hình mọi chỉ tiêu từ các báo cáo đã gửi (sửa chữa, lần nạp đầu)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", type=int, default=REBUILD_BATCH, help="số nhiệm vụ mỗi lượt (mỗi lượt một giao dịch)"
        )
        parser.add_argument(
            "--status-only",
            action="store_true",
            help="với nhiệm vụ, chỉ đánh giá lại tình trạng đã lưu theo ngày hôm nay (sau khi nạp hàng loạt);"
            " chỉ tiêu và báo cáo phải gửi vẫn được tính lại",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        verbose = options["verbosity"] > 1

        def report(done: int, total: int) -> None:
            if verbose:
                self.stderr.write(f"  {done:,}/{total:,} nhiệm vụ ({time.monotonic() - started:.0f} giây)")

        if options["status_only"]:
            tasks = f"đánh giá lại {task_progress_rejudge():,} nhiệm vụ"
        else:
            written = task_progress_rebuild(batch=max(1, options["batch"]), report=report)
            tasks = f"tính lại tiến độ của {written:,} nhiệm vụ"
        indicators = indicator_progress_rebuild()
        owed = obligations_rebuild()
        analyze_derived()
        self.stdout.write(
            f"Đã {tasks}, tình hình của {indicators:,} chỉ tiêu và {owed:,} báo cáo phải gửi trong quý này"
            f" trong {time.monotonic() - started:.1f} giây.".replace(",", ".")
        )
