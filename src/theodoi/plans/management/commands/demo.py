"""``theodoi demo``: a working theodoi on this machine with the sample plans, in one command.

Migrates the database (SQLite in the data folder unless DATABASE_URL says otherwise), loads
the administrative units, extracts and imports the five sample plans, creates one account per
role and serves the web app with waitress, with a ``theodoi worker`` beside it for uploads.
Running it again updates everything in place.

The worker is a child process rather than a thread: extraction is CPU-bound pure Python that
would hold the GIL and stall the pages, db_worker installs signal handlers (main thread only),
and a worker that dies on a bad document must not take the web server with it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from theodoi.directory.services import units_seed
from theodoi.plans.demo import (
    DEMO_PASSWORD,
    SAMPLES_DIR,
    ExtractorMissing,
    demo_accounts_ensure,
    demo_samples_load,
    load_extractor,
)
from theodoi.plans.models import Plan, PlanStatus
from theodoi.reports.demo_data import DEMO_MARK, demo_reports_record


class Command(BaseCommand):
    help = "Chạy thử theodoi: tạo cơ sở dữ liệu, nạp 5 kế hoạch mẫu, tạo tài khoản mẫu và mở trang web."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-serve", action="store_true", help="Chỉ chuẩn bị dữ liệu, không mở máy chủ web."
        )
        parser.add_argument("--samples", type=Path, default=SAMPLES_DIR, help="Thư mục kế hoạch mẫu.")
        parser.add_argument("--password", default=DEMO_PASSWORD, help="Mật khẩu cho các tài khoản mẫu.")
        parser.add_argument(
            "--no-worker", action="store_true", help="Không chạy tác vụ nền (trích xuất tệp tải lên)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            extract = load_extractor()
        except ExtractorMissing as e:
            raise CommandError(str(e)) from e
        samples: Path = options["samples"]
        if not samples.is_dir():
            raise CommandError(
                f"Không thấy thư mục kế hoạch mẫu {samples} (dùng --samples để chỉ đường dẫn)."
            )

        db = connection.settings_dict
        self.stdout.write(f"Thư mục dữ liệu: {settings.DATA_DIR}")
        self.stdout.write(f"Cơ sở dữ liệu: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}")
        call_command("migrate", interactive=False, verbosity=0)
        units_seed()

        self.stdout.write("Đang trích xuất và nạp các kế hoạch mẫu...")
        for result in demo_samples_load(samples_dir=samples, extract=extract):
            if result.plan is None:
                self.stderr.write(f"  {result.path.name}: không nạp được: {result.error}")
                continue
            plan = result.plan
            warnings = len(plan.extraction.get("warnings", []))
            self.stdout.write(
                f"  {result.path.name}: {plan.number or '(chưa rõ số)'} ({plan.unit.name}), "
                f"{plan.tasks.count()} nhiệm vụ, {plan.indicators.count()} chỉ tiêu, {plan.get_status_display().lower()}"
                + (f", {warnings} cảnh báo cần rà soát" if warnings else "")
            )

        logins = demo_accounts_ensure(password=options["password"])
        self.stdout.write("Đang ghi báo cáo tiến độ minh hoạ của các cơ quan...")
        recorded = demo_reports_record(plans=Plan.objects.filter(status=PlanStatus.ACTIVE))
        self.stdout.write(
            f"  {recorded.created} báo cáo mới, {recorded.skipped} báo cáo đã có từ lần chạy trước "
            f"(mọi nội dung đều ghi “{DEMO_MARK}”)."
        )
        self.stdout.write("")
        self.stdout.write(f"Tài khoản chạy thử (mật khẩu chung: {options['password']}):")
        for login in logins:
            self.stdout.write(f"  {login.username:<10} {login.role} — {login.scope}")

        if options["no_serve"]:
            return
        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write("")
        self.stdout.write(f"Mở {url} trong trình duyệt (quản trị: {url}admin/). Nhấn Ctrl+C để dừng.")
        worker = None if options["no_worker"] else self._start_worker()
        # SIGTERM ends the demo like Ctrl+C, so that the worker is stopped with it.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            self._serve(host=options["host"], port=options["port"])
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)

    def _start_worker(self) -> subprocess.Popen[bytes]:
        """Start ``theodoi worker`` in a child process with this process's environment."""
        command = [sys.executable, "-m", "theodoi", "worker", "--no-reload", "--interval", "1"]
        self.stdout.write("Tác vụ nền (trích xuất tệp tải lên) đang chạy cùng máy chủ web.")
        return subprocess.Popen(command, env=os.environ.copy())

    def _serve(self, *, host: str, port: int) -> None:
        import waitress

        from theodoi.wsgi import application

        waitress.serve(application, host=host, port=port, threads=8)
