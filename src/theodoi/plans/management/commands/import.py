"""``theodoi import FILE.json [FILE.json ...]``: load nq57-plan/1 documents as plans."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from theodoi.ingest.plan import Plan as PlanDocument
from theodoi.ingest.plan import PlanFormatError
from theodoi.plans.models import PlanStatus
from theodoi.plans.services import plan_import


def read_plan_file(path: Path) -> PlanDocument:
    """Read and check one nq57-plan/1 file; raise CommandError with a Vietnamese message."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise CommandError(f"Không đọc được tệp {path}: {e.strerror}.") from e
    except UnicodeDecodeError as e:
        raise CommandError(f"Tệp {path} không phải văn bản UTF-8.") from e
    except json.JSONDecodeError as e:
        raise CommandError(
            f"Tệp {path} không phải JSON hợp lệ (dòng {e.lineno}, cột {e.colno}): {e.msg}."
        ) from e
    try:
        return PlanDocument.from_dict(data)
    except PlanFormatError as e:
        raise CommandError(f"Tệp {path} bị từ chối, không có gì được ghi. {e.path}: {e.message}") from e


class Command(BaseCommand):
    help = (
        "Nhập kế hoạch từ tệp nq57-plan/1 (JSON). Nhập lại cùng văn bản sẽ cập nhật kế hoạch đã có. "
        "Mọi tệp được kiểm tra trước; nếu một tệp lỗi thì không tệp nào được ghi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE.json")
        parser.add_argument(
            "--status",
            choices=PlanStatus.values,
            default=None,
            help="Trạng thái gán cho kế hoạch (mặc định: dự thảo với kế hoạch mới, giữ nguyên với kế hoạch đã có).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        documents = [(path, read_plan_file(path)) for path in options["files"]]
        try:
            with transaction.atomic():
                plans = [(path, plan_import(plan=doc, status=options["status"])) for path, doc in documents]
        except PlanFormatError as e:
            raise CommandError(f"Không nhập được, không có gì được ghi. {e.path}: {e.message}") from e
        for path, plan in plans:
            self.stdout.write(
                f"Đã nhập {plan.number or path.name} ({plan.unit.name}), mã {plan.pk}: "
                f"{plan.tasks.count()} nhiệm vụ, {plan.indicators.count()} chỉ tiêu, "
                f"trạng thái “{plan.get_status_display()}”."
            )
