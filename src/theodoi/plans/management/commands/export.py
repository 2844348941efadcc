"""``theodoi export PLAN [--json OUT]``: write a plan back out as nq57-plan/1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from theodoi.plans.selectors import PlanLookupError, plan_get_by_reference
from theodoi.plans.services import plan_export


class Command(BaseCommand):
    help = (
        "Xuất một kế hoạch ra tệp nq57-plan/1 (JSON). PLAN là số kế hoạch như in (37/KH-UBND) hoặc mã (id)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", metavar="PLAN")
        parser.add_argument("--json", type=Path, metavar="OUT", help="Tệp ghi ra (mặc định: in ra màn hình).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan = plan_get_by_reference(options["plan"])
        except PlanLookupError as e:
            raise CommandError(e.message) from e
        text = json.dumps(plan_export(plan=plan).to_dict(), ensure_ascii=False, indent=2) + "\n"
        out: Path | None = options["json"]
        if out is None:
            self.stdout.write(text, ending="")
            return
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as e:
            raise CommandError(f"Không ghi được tệp {out}: {e.strerror}.") from e
        self.stderr.write(f"Đã xuất kế hoạch {plan.number or plan.pk} ra {out}.")
