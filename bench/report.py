"""Benchmark the consolidated report on a big data set: 200 agencies, 5 years of weekly reports.

usage: .venv/bin/python bench/report.py [--agencies 200] [--years 5] [--keep DIR]

Builds, in a temporary SQLite database (bulk_create, no services: this is volume, not
behaviour), one active plan of 7 sections with two tasks led by each agency and one partner
each, 40 indicators, weekly and quarterly reporting duties, and for every agency one accepted
weekly report per week and one quarterly report per quarter over the years, each holding a
row per task it leads (and a value per indicator it monitors). Then runs ``theodoi report PLAN
--period <last quarter>`` as a user would (a new process, Django start included) and the
build alone in this process, and prints both times. Bar (issue 7): under 5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=200)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="Keep the data folder here instead of a temporary one.")
    args = parser.parse_args()
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="theodoi-bench-report-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["THEODOI_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    plan, last_quarter, counts = build(agencies=args.agencies, years=args.years)
    print(f"data set: {counts} (built in {time.perf_counter() - started:.1f} s, {data_dir})")

    from theodoi.reports.render import report_files

    started = time.perf_counter()
    files = report_files(plan=plan, period=last_quarter)
    build_s = time.perf_counter() - started
    print(
        f"build in process ({last_quarter}): {build_s:.2f} s, docx {len(files.docx)} B, xlsx {len(files.xlsx)} B"
    )

    out = data_dir / "out"
    command = [
        str(Path(sys.executable).parent / "theodoi"),
        "report",
        str(plan.pk),
        "--period",
        last_quarter,
        "--out",
        str(out),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=os.environ.copy())
    command_s = time.perf_counter() - started
    print(done.stdout.strip())
    if done.returncode:
        print(done.stderr, file=sys.stderr)
        return done.returncode
    verdict = "OK" if command_s < 5 else "TOO SLOW"
    print(f"`theodoi report` end to end: {command_s:.2f} s (bar: < 5 s) {verdict}")
    return 0 if command_s < 5 else 1


def build(*, agencies: int, years: int):
    from theodoi.directory.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel
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
    from theodoi.tracking.models import IndicatorValue, ProgressReport, TaskUpdate

    rng = random.Random(57)
    country, _ = AdministrativeUnit.objects.get_or_create(
        code="bench-vn", defaults={"name": "Việt Nam", "level": UnitLevel.COUNTRY}
    )
    province, _ = AdministrativeUnit.objects.get_or_create(
        code="bench-gl", defaults={"name": "Gia Lai", "level": UnitLevel.PROVINCE, "parent": country}
    )
    first_year = 2021
    last_year = first_year + years - 1
    plan = Plan.objects.create(
        number=f"{rng.randint(100, 999)}/KH-UBND",
        kind="KH-UBND",
        issuer="UBND tỉnh Gia Lai",
        unit=province,
        date=dt.date(first_year, 1, 1),
        title="Kế hoạch thử tải báo cáo tổng hợp",
        status=PlanStatus.ACTIVE,
    )
    ReportingDuty.objects.bulk_create(
        [
            ReportingDuty(plan=plan, cadence="weekly", due_text="trước 10h00 thứ năm trong tuần", position=0),
            ReportingDuty(
                plan=plan, cadence="quarterly", due_text="trước ngày 15 tháng cuối quý", position=1
            ),
        ]
    )
    sections = Section.objects.bulk_create(
        [
            Section(plan=plan, code=code, title=f"Nhóm nhiệm vụ thử {code}", position=n)
            for n, code in enumerate(["I", "II", "III", "IV", "V", "VI", "VII"])
        ]
    )
    rows = Agency.objects.bulk_create(
        [
            Agency(unit=province, name=f"Cơ quan thử số {n:03d}", kind=AgencyKind.DEPARTMENT)
            for n in range(agencies)
        ]
    )
    deadlines = ["12/2025", "Quý II/2026", "Thường xuyên", "06/2024", "2027", "Hằng năm"]
    tasks = Task.objects.bulk_create(
        [
            Task(
                plan=plan,
                section=sections[n % len(sections)],
                section_code=sections[n % len(sections)].code,
                code=str(n + 1),
                name=f"Nhiệm vụ thử số {n + 1} về chuyển đổi số",
                output="Báo cáo",
                deadline_text=deadlines[n % len(deadlines)],
                position=n,
            )
            for n in range(2 * agencies)
        ]
    )
    TaskAgency.objects.bulk_create(
        [
            TaskAgency(task=t, agency=rows[n // 2], role=AgencyRole.LEAD, printed_name=rows[n // 2].name)
            for n, t in enumerate(tasks)
        ]
        + [
            TaskAgency(
                task=t,
                agency=rows[(n // 2 + 1) % agencies],
                role=AgencyRole.PARTNER,
                printed_name=rows[(n // 2 + 1) % agencies].name,
            )
            for n, t in enumerate(tasks)
        ]
    )
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                plan=plan,
                horizon=2030,
                code=str(n + 1),
                name=f"Chỉ tiêu thử {n + 1}",
                unit="%",
                target_text="≥ 80",
                op=">=",
                value=80,
                position=n,
            )
            for n in range(40)
        ]
    )
    IndicatorAgency.objects.bulk_create(
        [
            IndicatorAgency(indicator=ind, agency=rows[n % agencies], printed_name=rows[n % agencies].name)
            for n, ind in enumerate(indicators)
        ]
    )
    led = {a.pk: [t for n, t in enumerate(tasks) if n // 2 == i] for i, a in enumerate(rows)}
    monitored = {
        a.pk: [ind for n, ind in enumerate(indicators) if n % agencies == i] for i, a in enumerate(rows)
    }

    periods = []
    for cadence, text in (
        ("weekly", "trước 10h00 thứ năm trong tuần"),
        ("quarterly", "trước ngày 15 tháng cuối quý"),
    ):
        periods += rules.periods_for(
            cadence, text, start=dt.date(first_year, 1, 4), end=dt.date(last_year, 12, 31)
        )
    counts = {
        "agencies": agencies,
        "tasks": len(tasks),
        "reports": 0,
        "task updates": 0,
        "indicator values": 0,
    }
    batch: list[ProgressReport] = []

    def flush() -> None:
        made = ProgressReport.objects.bulk_create(batch, batch_size=2000)
        updates, values = [], []
        for report in made:
            elapsed = (report.period_end - dt.date(first_year, 1, 1)).days
            for task in led[report.agency_id]:
                percent = min(100, elapsed * (task.pk % 7 + 1) // 60)
                updates.append(
                    TaskUpdate(
                        report=report,
                        task=task,
                        status="done" if percent == 100 else ("in_progress" if percent else "not_started"),
                        percent=percent,
                        done_on=report.period_end if percent == 100 else None,
                        done_text="Đã thực hiện" if percent == 100 else "",
                        difficulties="Thiếu kinh phí" if (task.pk + elapsed) % 9 == 0 else "",
                        evidence_number="12/QĐ-UBND" if percent == 100 else "",
                    )
                )
            for ind in monitored[report.agency_id]:
                values.append(IndicatorValue(report=report, indicator=ind, number=50 + elapsed % 40))
        TaskUpdate.objects.bulk_create(updates, batch_size=5000)
        IndicatorValue.objects.bulk_create(values, batch_size=5000)
        counts["reports"] += len(made)
        counts["task updates"] += len(updates)
        counts["indicator values"] += len(values)
        batch.clear()

    for period in periods:
        for agency in rows:
            sent = period.due_at - dt.timedelta(hours=rng.randint(1, 72))
            batch.append(
                ProgressReport(
                    agency=agency,
                    plan=plan,
                    cadence=period.cadence,
                    period=period.key,
                    period_start=period.start,
                    period_end=period.end,
                    due_at=period.due_at,
                    status="accepted",
                    submitted_at=sent,
                    last_submitted_at=sent,
                    reviewed_at=sent + dt.timedelta(days=1),
                )
            )
        if len(batch) >= 4000:
            flush()
    flush()
    return plan, f"{last_year}-Q4", counts


if __name__ == "__main__":
    raise SystemExit(main())
