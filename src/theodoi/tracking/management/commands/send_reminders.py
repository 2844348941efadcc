"""Send due and overdue reminders now, or hand them to the worker (run it from cron, hourly)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from theodoi.tracking import tasks


class Command(BaseCommand):
    help = "Gửi nhắc hạn báo cáo và nhắc quá hạn (chạy lại không gửi trùng)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--at", help="thời điểm coi là hiện tại, ISO 8601 có múi giờ (để thử)")
        parser.add_argument("--enqueue", action="store_true", help="giao cho tiến trình nền thay vì gửi ngay")

    def handle(self, *args: Any, **options: Any) -> None:
        at = options.get("at")
        if at:
            try:
                parsed = dt.datetime.fromisoformat(at)
            except ValueError as e:
                raise CommandError(f"--at không phải thời điểm ISO 8601: {at}") from e
            if parsed.tzinfo is None:
                raise CommandError("--at cần có múi giờ, ví dụ 2025-07-14T08:00:00+07:00")
        jobs = (tasks.send_due_reminders, tasks.send_overdue_reminders)
        if options["enqueue"]:
            for job in jobs:
                job.enqueue(at)
            self.stdout.write("Đã giao việc gửi nhắc cho tiến trình nền.")
            return
        sent = sum(job.call(at) for job in jobs)
        self.stdout.write(f"Đã gửi {sent} lời nhắc.")
