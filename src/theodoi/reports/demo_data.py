"""Demo progress reports (dữ liệu minh hoạ) so that a fresh ``theodoi demo`` has pages to look at.

``demo_reports_record`` has every agency that owes reports on the active sample plans write,
submit and (mostly) get accepted a few periods of reports, through the tracking services as
a reporter of that agency and a coordinator of the plan's province. What they say is drawn
with a seed fixed per plan, task and period, so two machines show the same demo.

Everything is marked: ``ProgressReport`` has no flag for demo rows (tracking's model, not
changed here), so every text the demo writes starts with ``DEMO_MARK`` ("[Dữ liệu minh
hoạ]"), the report's summary says it was made by ``theodoi demo``, and the accounts made to
write them are inactive, named ``minhhoa_...`` with the mark as first name.

Idempotent: a report that exists for (agency, plan, cadence, period) is left alone, so a
second run adds nothing. The services stamp submissions and reviews with the present moment;
the demo then moves those stamps back to moments around each period's due date (most on
time, some late), otherwise every past report would count as late in the compliance figures.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from theodoi.accounts.models import Profile, Role
from theodoi.accounts.scope import province_of
from theodoi.directory.models import AdministrativeUnit, Agency
from theodoi.plans.models import AgencyRole, IndicatorAgency, Plan, PlanStatus, TaskAgency
from theodoi.tracking import calendar as cal
from theodoi.tracking import rules
from theodoi.tracking import services as tracking
from theodoi.tracking.models import ProgressReport, WorkStatus

logger = logging.getLogger(__name__)

DEMO_MARK = "[Dữ liệu minh hoạ]"
DEMO_USER_PREFIX = "minhhoa_"
DEMO_CADENCES = (rules.MONTHLY, rules.QUARTERLY, rules.SEMIANNUAL, rules.ANNUAL)  # weekly: too many rows

DIFFICULTIES = (
    "Nguồn kinh phí bố trí cho nhiệm vụ chưa kịp thời, phải chờ phân bổ bổ sung",
    "Thiếu nhân lực chuyên trách về chuyển đổi số, cán bộ kiêm nhiệm nhiều việc",
    "Hướng dẫn của bộ, ngành trung ương chưa ban hành nên chưa triển khai được các bước tiếp theo",
    "Hạ tầng mạng và thiết bị tại một số xã, phường chưa đáp ứng yêu cầu",
    "Việc sắp xếp tổ chức bộ máy sau hợp nhất tỉnh làm chậm tiến độ thẩm định hồ sơ",
    "Cơ sở dữ liệu chuyên ngành chưa được kết nối, chia sẻ với hệ thống của tỉnh",
)
PROPOSALS = (
    "Đề nghị Sở Tài chính tham mưu bố trí kinh phí thực hiện nhiệm vụ trong dự toán năm sau",
    "Đề nghị Sở Nội vụ bổ sung biên chế chuyên trách chuyển đổi số cho cơ quan",
    "Đề nghị Sở Khoa học và Công nghệ tổ chức tập huấn về quản lý nhiệm vụ khoa học và công nghệ",
    "Đề nghị cho phép điều chỉnh thời hạn hoàn thành nhiệm vụ sang quý sau",
    "Đề nghị UBND tỉnh chỉ đạo các đơn vị cung cấp dữ liệu đúng hạn để tích hợp lên nền tảng chung",
)
EVIDENCE_KINDS = ("QĐ-UBND", "KH-UBND", "BC-SKHCN", "TB-UBND", "CV-UBND")


@dataclass
class DemoReportsResult:
    created: int = 0
    skipped: int = 0  # existed already (an earlier run)


def demo_periods(*, on: dt.date) -> list[str]:
    """Return the periods the demo fills by default: the last four months, two quarters and one year ended before ``on``."""
    keys: list[str] = []
    for cadence, count in ((rules.MONTHLY, 4), (rules.QUARTERLY, 2), (rules.ANNUAL, 1)):
        day = on
        found = 0
        while found < count:
            key, start, end = rules.period_containing(cadence, day)
            if end < on:
                keys.append(key)
                found += 1
            day = start - dt.timedelta(days=1)
    return keys


def demo_reports_record(
    *, plans: Iterable[Plan], periods: Sequence[str] | None = None, on: dt.date | None = None
) -> DemoReportsResult:
    """Record plausible demo reports on the active ``plans`` for ``periods`` (default ``demo_periods``).

    Only cadences a plan reports on, periods ended before ``on`` (today) and not before the
    plan's date, and agencies that owe reports (the tracking calendar) are filled. About one
    agency in eight sends nothing for a period, so the compliance figures have gaps to show.
    """
    on = on or timezone.localdate()
    keys = list(periods) if periods is not None else demo_periods(on=on)
    result = DemoReportsResult()
    for plan in plans:
        if plan.status != PlanStatus.ACTIVE:
            continue
        plan = Plan.objects.select_related("unit__parent", "unit__successor").get(pk=plan.pk)
        cadences = cal.duty_rules(plan.reporting_duties.all())
        coordinator = _coordinator_for(plan)
        latest_of: dict[str, str] = {}
        for key in keys:
            cadence = rules.period_bounds(key)[0]
            latest_of[cadence] = max(latest_of.get(cadence, key), key)
        for key in keys:
            cadence = rules.period_bounds(key)[0]
            if cadence not in cadences or cadence not in DEMO_CADENCES:
                continue
            period = cal.plan_period(plan=plan, cadence=cadence, period_key=key)
            if period.end >= on or (plan.date and period.end < plan.date):
                continue
            owed = sorted(
                {
                    o.agency_id
                    for o in cal.obligations(
                        start=period.start, end=period.end, plans=Plan.objects.filter(pk=plan.pk)
                    )
                    if o.period.key == key
                }
            )
            existing = set(
                ProgressReport.objects.filter(plan=plan, cadence=cadence, period=key).values_list(
                    "agency_id", flat=True
                )
            )
            for agency in Agency.objects.filter(pk__in=owed).select_related("unit").order_by("pk"):
                if agency.pk in existing:
                    result.skipped += 1
                    continue
                rng = random.Random(f"theodoi-demo|{plan.pk}|{agency.pk}|{key}")
                if rng.random() < 0.12:
                    continue  # this agency did not report for this period
                _record_one(
                    plan=plan,
                    agency=agency,
                    period=period,
                    coordinator=coordinator,
                    rng=rng,
                    latest=key == latest_of[cadence],
                    on=on,
                )
                result.created += 1
    logger.info("demo reports: %s created, %s already there", result.created, result.skipped)
    return result


def _record_one(
    *,
    plan: Plan,
    agency: Agency,
    period: rules.Period,
    coordinator: Any,
    rng: random.Random,
    latest: bool,
    on: dt.date,
) -> None:
    reporter = _reporter_for(agency)
    report = tracking.report_get_or_create_draft(
        actor=reporter, agency=agency, plan=plan, cadence=period.cadence, period=period.key
    )
    task_ids = list(
        TaskAgency.objects.filter(task__plan=plan, agency=agency, role=AgencyRole.LEAD)
        .values_list("task_id", flat=True)
        .distinct()
    )
    tasks = {t.pk: t for t in plan.tasks.filter(pk__in=task_ids)}
    indicators = list(
        plan.indicators.filter(
            pk__in=IndicatorAgency.objects.filter(agency=agency).values("indicator_id")
        ).order_by("position", "id")
    )
    data = {
        "summary": f"{DEMO_MARK} Báo cáo minh hoạ do lệnh theodoi demo tạo, không phải số liệu thật của {agency.name}.",
        "tasks": {
            pk: _task_row(task, plan=plan, period=period, rng=rng, on=on) for pk, task in tasks.items()
        },
        "indicators": {ind.pk: _indicator_row(ind, plan=plan, period=period, rng=rng) for ind in indicators},
    }
    report = tracking.report_save_draft(report=report, actor=reporter, version=report.version, data=data)
    report = tracking.report_submit(report=report, actor=reporter, version=report.version)
    fate = rng.random()
    if fate < (0.05 if not latest else 0.08):
        report = tracking.report_return(
            report=report,
            actor=coordinator,
            comment=f"{DEMO_MARK} Đề nghị bổ sung số, ngày văn bản minh chứng cho các nhiệm vụ đã hoàn thành.",
        )
    elif not latest or fate > 0.4:
        report = tracking.report_accept(report=report, actor=coordinator)
    # Back to plausible moments: most reports a few days before the due moment, some after it.
    late = rng.random() < 0.15
    sent = period.due_at + dt.timedelta(
        days=rng.randint(1, 12) if late else -rng.randint(0, 9), hours=-rng.randint(1, 8)
    )
    now = timezone.now()
    sent = min(sent, now)
    stamps: dict[str, Any] = {"submitted_at": sent, "last_submitted_at": sent}
    if report.reviewed_at is not None:
        stamps["reviewed_at"] = min(sent + dt.timedelta(days=rng.randint(1, 5)), now)
    ProgressReport.objects.filter(pk=report.pk).update(**stamps)


def _task_row(
    task: Any, *, plan: Plan, period: rules.Period, rng: random.Random, on: dt.date
) -> dict[str, Any]:
    """Return a plausible row for ``task`` at the end of ``period``: the same trajectory every period."""
    own = random.Random(f"theodoi-demo-task|{task.pk}")
    started = plan.date or period.start
    speed = own.uniform(12, 60) if own.random() > 0.12 else 0.0  # percent per 90 days; some never start
    elapsed = max((period.end - started).days, 0)
    percent = min(100, int(speed * elapsed / 90))
    row: dict[str, Any] = {"percent": percent}
    if percent >= 100:
        done_on = started + dt.timedelta(days=int(90 * 100 / speed))
        done_on = min(done_on, period.end, on)
        number = f"{own.randint(12, 980)}/{own.choice(EVIDENCE_KINDS)}"
        row.update(
            status=WorkStatus.DONE,
            done_on=done_on.strftime("%d/%m/%Y"),
            done_text=f"{DEMO_MARK} Đã hoàn thành: {(task.output or 'sản phẩm theo kế hoạch').strip()}.",
            evidence_number=number,
            evidence_date=done_on.strftime("%d/%m/%Y"),
        )
    elif percent > 0:
        row.update(
            status=WorkStatus.IN_PROGRESS,
            done_text=f"{DEMO_MARK} Đang triển khai, ước đạt {percent}% khối lượng công việc.",
        )
    else:
        row.update(status=WorkStatus.NOT_STARTED, done_text=f"{DEMO_MARK} Chưa triển khai.")
    if percent < 100 and rng.random() < 0.25:
        row["difficulties"] = f"{DEMO_MARK} {rng.choice(DIFFICULTIES)}."
    if percent < 100 and rng.random() < 0.18:
        row["proposals"] = f"{DEMO_MARK} {rng.choice(PROPOSALS)}."
    return row


def _indicator_row(indicator: Any, *, plan: Plan, period: rules.Period, rng: random.Random) -> dict[str, Any]:
    expects = tracking.indicator_expects(indicator)
    source = f"{DEMO_MARK} Số liệu tự báo cáo của cơ quan"
    if expects == "boolean":
        own = random.Random(f"theodoi-demo-indicator|{indicator.pk}")
        yes = (period.end - (plan.date or period.start)).days > own.randint(60, 500)
        return {"value": "Có" if yes else "Không", "source": source}
    if expects == "text":
        return {"value": f"{DEMO_MARK} Đang theo dõi, chưa có số liệu chính thức.", "source": source}
    op, target, target_max = tracking.indicator_target(indicator)
    own = random.Random(f"theodoi-demo-indicator|{indicator.pk}")
    elapsed = max((period.end - (plan.date or period.start)).days, 0)
    ratio = min(1.25, own.uniform(0.45, 0.8) + elapsed / own.uniform(700, 1400)) + rng.uniform(-0.03, 0.03)
    base = target if target else own.uniform(5, 80)
    if op in ("<=", "<"):
        value = base * (2.0 - ratio)
    elif op == "range" and target_max is not None:
        value = target + (target_max - target) * min(ratio, 1.0)
    else:
        value = base * ratio
    if (indicator.unit or "").strip().startswith("%") and op not in ("<=", "<"):
        value = min(value, 100.0)
    if (
        target
        and float(target).is_integer()
        and target >= 2
        and not (indicator.unit or "").strip().startswith("%")
    ):
        return {"value": str(max(round(value), 1)), "source": source}  # ranks and counts are whole numbers
    return {"value": f"{value:.1f}".replace(".", ","), "source": source}


def _reporter_for(agency: Agency) -> Any:
    """Return a reporter of ``agency``: its own demo account if it has one, else an inactive demo one."""
    profile = (
        Profile.objects.filter(role=Role.REPORTER, agency=agency, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    if profile is not None:
        return profile.user
    return _demo_user(
        f"{DEMO_USER_PREFIX}bc_{agency.pk}",
        agency.short_name or agency.name,
        role=Role.REPORTER,
        agency=agency,
    )


def _coordinator_for(plan: Plan) -> Any:
    """Return a coordinator of the plan's province: the demo's ``dieuphoi`` in Gia Lai, else an inactive demo one."""
    province = AdministrativeUnit.objects.get(pk=province_of(plan.unit))
    for profile in Profile.objects.filter(role=Role.COORDINATOR, user__is_active=True).select_related(
        "unit__parent", "user"
    ):
        if profile.unit is not None and province_of(profile.unit) == province.pk:
            return profile.user
    return _demo_user(
        f"{DEMO_USER_PREFIX}dp_{province.code}"[:150], province.name, role=Role.COORDINATOR, unit=province
    )


def _demo_user(username: str, label: str, *, role: str, **scope: Any) -> Any:
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": DEMO_MARK, "last_name": label[:150], "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Profile.objects.update_or_create(user=user, defaults={"role": role, **scope})
    return user
