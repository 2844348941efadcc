"""Benchmark the evaluation pages on a province-sized data set in a temporary SQLite database.

usage: .venv/bin/python bench/web.py [--runs 30] [--keep DIR]

The data set (built with bulk_create, about a minute):

- one province in force ("Tỉnh Thử nghiệm") with a province merged into it in 2025, and six
  more provinces with a smaller plan each (for the national view);
- 200 agencies in the province; one active plan dated five years before today, reporting
  weekly (before 10:00 Thursday) and quarterly; 8 sections; 600 tasks, each agency leading 3
  (deadlines by month spread over the five years and two ahead, one in ten "Thường xuyên");
- 60 indicators (horizon 2030, "≥ N" %), each monitored by one agency;
- 5 years of weekly reports: one per agency per week (about 52,000), 4 % never sent, 10 % sent
  late, all accepted, each with a row for each of the agency's 3 tasks (about 156,000 task
  updates) and a value for each indicator it monitors (about 15,600 values).

Then renders, with Django's test Client (the whole request: middleware, session, templates),
the province dashboard (coordinator), a scorecard (coordinator), the national view (central
viewer) and the public page ``--runs`` times each after a warm-up, and prints p50/p95 in ms of
wall time and of this process's CPU time (SQLite runs in the process: on a busy machine the
CPU time is what the page costs, the wall time what it got).
The target (issue 7): dashboard and scorecard under 300 ms at p95.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

AGENCIES = 200
TASKS_PER_AGENCY = 3
INDICATORS = 60
YEARS = 5
OTHER_PROVINCES = 6


def build(today: dt.date) -> dict[str, object]:
    """Create the data set; return the users and the province code."""
    from django.contrib.auth import get_user_model

    from theodoi.accounts.models import Profile, Role
    from theodoi.directory.models import AdministrativeUnit, Agency, UnitLevel
    from theodoi.ingest.normalise.deadlines import parse_deadline
    from theodoi.plans.models import (
        AgencyRole,
        Indicator,
        IndicatorAgency,
        Plan,
        PlanStatus,
        ReportingDuty,
        Section,
        Task,
        TaskAgency,
    )
    from theodoi.tracking import rules
    from theodoi.tracking.models import IndicatorValue, ProgressReport, ReportStatus, TaskUpdate, WorkStatus

    rng = random.Random(57)
    country = AdministrativeUnit.objects.filter(
        level=UnitLevel.COUNTRY
    ).first() or AdministrativeUnit.objects.create(name="Việt Nam", level=UnitLevel.COUNTRY, code="bench-vn")
    province = AdministrativeUnit.objects.create(
        name="Thử nghiệm", level=UnitLevel.PROVINCE, code="thu-nghiem", parent=country
    )
    AdministrativeUnit.objects.create(
        name="Thử nghiệm Cũ",
        level=UnitLevel.PROVINCE,
        code="thu-nghiem-cu",
        parent=country,
        successor=province,
        valid_until=dt.date(2025, 6, 30),
    )
    agencies = Agency.objects.bulk_create(
        Agency(unit=province, name=f"Sở thử nghiệm số {n:03d}", short_name=f"Sở {n:03d}")
        for n in range(AGENCIES)
    )
    start = today - dt.timedelta(days=365 * YEARS)
    plan = Plan.objects.create(
        number="57/KH-UBND", unit=province, date=start, status=PlanStatus.ACTIVE, title="Kế hoạch thử nghiệm"
    )
    ReportingDuty.objects.bulk_create(
        [
            ReportingDuty(plan=plan, cadence="weekly", due_text="trước 10h00 thứ năm hằng tuần", position=0),
            ReportingDuty(
                plan=plan, cadence="quarterly", due_text="trước ngày 15 tháng cuối quý", position=1
            ),
        ]
    )
    sections = Section.objects.bulk_create(
        Section(plan=plan, code=code, title=f"Nhóm nhiệm vụ {code}", position=n)
        for n, code in enumerate(["I", "II", "III", "IV", "V", "VI", "VII", "VIII"])
    )
    months = [(start.year + m // 12, m % 12 + 1) for m in range((YEARS + 2) * 12)]
    tasks = []
    for n in range(AGENCIES * TASKS_PER_AGENCY):
        if n % 10 == 9:
            deadline = "Thường xuyên"
        else:
            year, month = months[rng.randrange(len(months))]
            deadline = f"{month:02d}/{year}"
        parsed = parse_deadline(deadline)
        tasks.append(
            Task(
                plan=plan,
                section=sections[n % len(sections)],
                code=str(n + 1),
                name=f"Nhiệm vụ thử nghiệm số {n + 1} về chuyển đổi số",
                deadline_text=deadline,
                deadline_kind=parsed["kind"],
                deadline_due=rules.deadline_due(parsed),
                deadline_parsed=parsed,
                position=n,
            )
        )
    tasks = Task.objects.bulk_create(tasks)
    TaskAgency.objects.bulk_create(
        TaskAgency(
            task=t,
            agency=agencies[n // TASKS_PER_AGENCY],
            role=AgencyRole.LEAD,
            printed_name=agencies[n // TASKS_PER_AGENCY].name,
        )
        for n, t in enumerate(tasks)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            plan=plan,
            horizon=2030,
            code=str(n + 1),
            name=f"Tỷ lệ thử nghiệm số {n + 1}",
            unit="%",
            target_text="≥ 80",
            op=">=",
            value=80,
            position=n,
        )
        for n in range(INDICATORS)
    )
    IndicatorAgency.objects.bulk_create(
        IndicatorAgency(indicator=i, agency=agencies[n], printed_name=agencies[n].name)
        for n, i in enumerate(indicators)
    )

    weeks = rules.periods_for("weekly", "trước 10h00 thứ năm", start=start, end=today - dt.timedelta(days=7))
    done_at: dict[int, dt.date] = {}
    for t in tasks:
        due = t.deadline_due
        if due is not None and due < today and rng.random() < 0.8:
            done_at[t.pk] = due + dt.timedelta(days=rng.choice([-40, -10, -3, 5, 20]))
    owner_tasks = [tasks[a * TASKS_PER_AGENCY : (a + 1) * TASKS_PER_AGENCY] for a in range(AGENCIES)]
    for w, week in enumerate(weeks):
        reports, owners = [], []
        for a, agency in enumerate(agencies):
            if rng.random() < 0.04:
                continue
            owners.append(a)
            sent = week.due_at + dt.timedelta(hours=rng.choice([-30, -5, -1]) if rng.random() > 0.1 else 30)
            reports.append(
                ProgressReport(
                    agency=agency,
                    plan=plan,
                    cadence="weekly",
                    period=week.key,
                    period_start=week.start,
                    period_end=week.end,
                    due_at=week.due_at,
                    status=ReportStatus.ACCEPTED,
                    submitted_at=sent,
                    last_submitted_at=sent,
                )
            )
        reports = ProgressReport.objects.bulk_create(reports)
        updates, values = [], []
        for a, report in zip(owners, reports, strict=True):
            for t in owner_tasks[a]:
                finished = done_at.get(t.pk)
                if finished is not None and finished <= week.end:
                    updates.append(
                        TaskUpdate(
                            report=report, task=t, status=WorkStatus.DONE, percent=100, done_on=finished
                        )
                    )
                else:
                    percent = min(95, w // 3)
                    status = WorkStatus.IN_PROGRESS if percent else WorkStatus.NOT_STARTED
                    updates.append(TaskUpdate(report=report, task=t, status=status, percent=percent))
            if a < INDICATORS:
                values.append(
                    IndicatorValue(report=report, indicator=indicators[a], number=20 + w * 0.2 + a % 7)
                )
        TaskUpdate.objects.bulk_create(updates, batch_size=2000)
        IndicatorValue.objects.bulk_create(values, batch_size=2000)

    for p in range(OTHER_PROVINCES):
        other = AdministrativeUnit.objects.create(
            name=f"Tỉnh khác {p + 1}", level=UnitLevel.PROVINCE, code=f"bench-khac-{p + 1}", parent=country
        )
        lead = Agency.objects.create(unit=other, name="Sở Khoa học và Công nghệ")
        other_plan = Plan.objects.create(
            number=f"{p + 1}/KH-UBND", unit=other, date=start, status=PlanStatus.ACTIVE
        )
        other_tasks = Task.objects.bulk_create(
            Task(
                plan=other_plan,
                code=str(n + 1),
                name=f"Nhiệm vụ {n + 1}",
                deadline_text="12/2026",
                position=n,
            )
            for n in range(50)
        )
        TaskAgency.objects.bulk_create(
            TaskAgency(task=t, agency=lead, role=AgencyRole.LEAD, printed_name=lead.name) for t in other_tasks
        )
        Indicator.objects.create(
            plan=other_plan,
            horizon=2030,
            name="Quy mô kinh tế số",
            unit="% GRDP",
            target_text="≥ 30",
            op=">=",
            value=30,
        )

    users = get_user_model()
    coordinator = users.objects.create_user(username="dieuphoi")
    Profile.objects.create(user=coordinator, role=Role.COORDINATOR, unit=province)
    central = users.objects.create_user(username="trunguong")
    Profile.objects.create(user=central, role=Role.CENTRAL)
    return {
        "coordinator": coordinator,
        "central": central,
        "province": province.code,
        "reports": ProgressReport.objects.count(),
        "updates": TaskUpdate.objects.count(),
        "values": IndicatorValue.objects.count(),
    }


def percentile(times: list[float], p: float) -> float:
    ordered = sorted(times)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="keep the database in this folder")
    args = parser.parse_args()

    folder = Path(args.keep or tempfile.mkdtemp(prefix="theodoi-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["THEODOI_DATA_DIR"] = str(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    import django

    django.setup()
    logging.disable(logging.INFO)  # sign-in records (django-axes) and request logs are not figures
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    setup_test_environment()
    fresh = not (folder / "bench.sqlite3").exists() or args.keep is None
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    t0 = time.perf_counter()
    from django.contrib.auth import get_user_model

    if fresh or not get_user_model().objects.filter(username="dieuphoi").exists():
        facts = build(today)
        from theodoi.tracking.obligations import obligations_rebuild
        from theodoi.tracking.progress import task_progress_rebuild
        from theodoi.tracking.standings import indicator_progress_rebuild

        filled = time.perf_counter()
        rows = (
            task_progress_rebuild()
        )  # bulk_create wrote no derived rows: the first fill, as the nightly job
        indicators = indicator_progress_rebuild()
        owed = obligations_rebuild()
        print(
            f"task progress: {rows:,} rows, indicator standings: {indicators:,}, this quarter's obligations:"
            f" {owed:,}, in {time.perf_counter() - filled:.1f} s"
        )
        print(
            f"data set: {AGENCIES} agencies, {AGENCIES * TASKS_PER_AGENCY} tasks, {INDICATORS} indicators, "
            f"{facts['reports']:,} weekly reports, {facts['updates']:,} task updates, "
            f"{facts['values']:,} indicator values; built in {time.perf_counter() - t0:.0f} s ({folder})"
        )
    users = get_user_model().objects
    coordinator, central = users.get(username="dieuphoi"), users.get(username="trunguong")

    pages = [
        ("tong-quan (dashboard)", coordinator, "/tong-quan/"),
        ("tong-quan, one agency", coordinator, "/tong-quan/?co-quan=5"),
        ("bang-diem (scorecard)", coordinator, "/tong-quan/bang-diem/"),
        ("nhiem-vu?trang-thai=qua-han", coordinator, "/nhiem-vu/?trang-thai=qua-han"),
        ("toan-quoc (national)", central, "/toan-quoc/"),
        ("cong-khai (public)", None, "/cong-khai/thu-nghiem/"),
    ]
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8} {'CPU p95':>8}  (runs: {args.runs})")
    for name, user, url in pages:
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        times, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        print(
            f"{name:32} {statistics.median(times):8.0f} {percentile(times, 95):8.0f}"
            f" {statistics.median(cpu):8.0f} {percentile(cpu, 95):8.0f}"
        )


if __name__ == "__main__":
    main()
