"""What ``theodoi demo`` sets up: the sample plans, as extracted, and one account per role.

The samples go through the real extraction (``theodoi.ingest.pipeline.extract``) and nothing
else: a demo that loaded the hand-made gold files would show extraction results that do not
exist. If extraction is not installed the demo stops and says so.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from theodoi.accounts.models import Profile, Role
from theodoi.core.audit import audit_record
from theodoi.directory.models import AdministrativeUnit
from theodoi.directory.services import agency_resolve
from theodoi.ingest.errors import IngestError
from theodoi.ingest.plan import PlanFormatError
from theodoi.plans.models import Plan, PlanStatus
from theodoi.plans.services import plan_import

logger = logging.getLogger(__name__)

SAMPLES_DIR = Path(__file__).resolve().parents[3] / "samples" / "plans"
DEMO_PASSWORD = "theodoi-demo-2025"
DEMO_PROVINCE = "gia-lai"  # Bình Định's plans (000, 003) are under Gia Lai since 01/07/2025
DEMO_OLD_PROVINCE = "binh-dinh"


class ExtractorMissing(RuntimeError):
    """Extraction is not installed; the demo refuses to stand in hand-made data for it."""


def load_extractor() -> Callable[[Path], Any]:
    """Return ``theodoi.ingest.pipeline.extract`` or raise ExtractorMissing."""
    try:
        from theodoi.ingest.pipeline import extract
    except ImportError as e:
        raise ExtractorMissing(
            "Chưa có bộ trích xuất kế hoạch (theodoi.ingest.pipeline.extract), nên bản chạy thử không nạp "
            "được các kế hoạch mẫu. Bản chạy thử không dùng dữ liệu nhập tay thay cho kết quả trích xuất."
        ) from e
    return extract


@dataclass
class SampleResult:
    """One sample document: the plan it became, or why it could not be loaded."""

    path: Path
    plan: Plan | None = None
    error: str = ""


def demo_samples_load(
    *, samples_dir: Path, extract: Callable[[Path], Any], actor: Any | None = None
) -> list[SampleResult]:
    """Extract every sample and import it as an active plan; each sample is its own transaction.

    A sample that extraction or import refuses is reported and skipped, so one bad document
    does not hide the others. Re-running updates the same plans in place.
    """
    results = []
    for path in sorted(p for p in samples_dir.iterdir() if p.is_file() and not p.name.startswith(".")):
        try:
            extraction = extract(path)
            plan = plan_import(
                plan=extraction.plan,
                actor=actor,
                source_hash=hashlib.sha256(path.read_bytes()).hexdigest(),
                source_text="\n".join(line.text for line in extraction.lines),
                status=PlanStatus.ACTIVE,
            )
        except PlanFormatError as e:
            results.append(SampleResult(path=path, error=f"{e.path}: {e.message}"))
        except IngestError as e:
            results.append(SampleResult(path=path, error=str(e)))
        else:
            results.append(SampleResult(path=path, plan=plan))
    for result in results:
        if result.plan is not None:
            result.plan.refresh_from_db()  # a later sample may have superseded it
    return results


@dataclass
class DemoLogin:
    username: str
    role: str
    scope: str


@transaction.atomic
def demo_accounts_ensure(*, password: str = DEMO_PASSWORD) -> list[DemoLogin]:
    """Create (or reset) one account per role, scoped to Gia Lai and Bình Định's Sở KH&CN."""
    province = AdministrativeUnit.objects.get(code=DEMO_PROVINCE)
    old_province = AdministrativeUnit.objects.get(code=DEMO_OLD_PROVINCE)
    department = agency_resolve(unit=old_province, printed_name="Sở Khoa học và Công nghệ")
    cast = [
        ("admin", "Quản trị", Role.ADMIN, None, None, "toàn hệ thống"),
        (
            "dieuphoi",
            "Điều phối",
            Role.COORDINATOR,
            province,
            None,
            f"tỉnh {province.name} (gồm {old_province.name} cũ)",
        ),
        (
            "baocao",
            "Báo cáo viên",
            Role.REPORTER,
            old_province,
            department,
            f"{department.name} ({old_province.name})",
        ),
        ("lanhdao", "Lãnh đạo", Role.LEADER, province, None, f"tỉnh {province.name}"),
        ("trunguong", "Trung ương", Role.CENTRAL, None, None, "toàn quốc (chỉ xem)"),
    ]
    user_model = get_user_model()
    logins = []
    for username, first_name, role, unit, agency, scope in cast:
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": first_name}
        )
        user.is_staff = user.is_superuser = role == Role.ADMIN
        user.is_active = True
        user.set_password(password)
        user.save()
        Profile.objects.update_or_create(user=user, defaults={"role": role, "unit": unit, "agency": agency})
        if created:
            audit_record(
                actor=None,
                action="user.demo_create",
                obj=user,
                summary=f"Tạo tài khoản chạy thử “{username}” ({Role(role).label}).",
                after={
                    "role": role,
                    "unit": unit.code if unit else None,
                    "agency": agency.pk if agency else None,
                },
            )
        logins.append(DemoLogin(username=username, role=Role(role).label, scope=scope))
    return logins
