"""``theodoi report PLAN --period 2025-Q3 [--out DIR]``: the consolidated report and its appendix.

Writes ``bao-cao-tong-hop-<plan>-<period>.docx`` (the report in the Decree 30 layout) and
``phu-luc-<plan>-<period>.xlsx`` (tasks and indicators with statuses) into DIR (the current
folder by default) and prints their paths and how long building took.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any, ClassVar

from django.core.management.base import BaseCommand, CommandError, CommandParser

from theodoi.plans.selectors import PlanLookupError, plan_get_by_reference
from theodoi.reports.build import PERIOD_FORMS, PeriodError
from theodoi.reports.render import report_files


class Command(BaseCommand):
    # The report reads the database and writes two files: the system checks (URLs, templates,
    # admin) add a second to every run and guard nothing it uses.
    requires_system_checks: ClassVar[list[str]] = []
    help = "Lập báo cáo tổng hợp định kỳ của Sở KH&CN (.docx) và phụ lục nhiệm vụ, chỉ tiêu (.xlsx)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", help="Số kế hoạch như in (37/KH-UBND) hoặc mã (id) của kế hoạch.")
        parser.add_argument("--period", required=True, help=f"Kỳ báo cáo: {PERIOD_FORMS}.")
        parser.add_argument(
            "--out", type=Path, default=Path("."), help="Thư mục ghi tệp (mặc định: thư mục hiện tại)."
        )
        parser.add_argument("--date", help="Ngày báo cáo, dạng dd/mm/yyyy (mặc định: hôm nay).")
        parser.add_argument("--signer", default="", help="Họ tên người ký (Phó Giám đốc).")
        parser.add_argument("--number", default="", help="Số báo cáo, nếu đã được cấp.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan = plan_get_by_reference(options["plan"])
        except PlanLookupError as e:
            raise CommandError(e.message) from e
        issued_on = None
        if options["date"]:
            try:
                issued_on = dt.datetime.strptime(options["date"], "%d/%m/%Y").date()
            except ValueError as e:
                raise CommandError(f"Ngày báo cáo “{options['date']}” không đúng dạng dd/mm/yyyy.") from e
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        try:
            files = report_files(
                plan=plan,
                period=options["period"],
                issued_on=issued_on,
                signer=options["signer"],
                number=options["number"],
            )
        except PeriodError as e:
            raise CommandError(e.message) from e
        elapsed = time.perf_counter() - started
        for name, data in ((files.docx_name, files.docx), (files.xlsx_name, files.xlsx)):
            path = out / name
            path.write_bytes(data)
            self.stdout.write(str(path))
        seconds = f"{elapsed:.2f}".replace(".", ",")
        self.stdout.write(f"Đã lập báo cáo {files.period_label} trong {seconds} giây.")
