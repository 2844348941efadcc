"""``theodoi worker``: run the background jobs (extraction of uploads, nightly retraining).

It is django-tasks-db's ``db_worker`` (same options: ``--batch``, ``--interval``,
``--queue-name`` ...) that first makes sure the nightly ``retrain_restorer`` job is waiting
(see ``theodoi.plans.tasks``). Run one or more next to the web server; ``theodoi demo`` starts one.
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from theodoi.plans.tasks import retrain_schedule


class Command(DbWorkerCommand):
    help = "Chạy các tác vụ nền: trích xuất tệp kế hoạch đã tải lên, huấn luyện lại mô hình khôi phục dấu hằng đêm."

    def handle(self, *args: Any, **options: Any) -> None:
        if retrain_schedule():
            self.stderr.write("Đã hẹn lịch huấn luyện lại mô hình khôi phục dấu đêm nay.")
        from theodoi.tracking.tasks import progress_schedule

        if progress_schedule():
            self.stderr.write("Đã hẹn lịch tính lại tiến độ nhiệm vụ đêm nay.")
        super().handle(*args, **options)
