"""Benchmark the national-scale pages, API lists and report submissions on PostgreSQL (issue 8).

usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/theodoi_bench \
       .venv/bin/python bench/national.py [--runs 20] [--submissions 600] [--clients 8] \
       [--threads 8] [--seconds 60] [--skip-pages] [--skip-submit] [--explain]

Reads a database made by ``bench/generate.py``. Runs with THEODOI_DEBUG=0 (production
settings) but plain static storage (see ``setup_django``).

1. Pages, in-process with Django's test Client (the whole request: middleware, session,
   templates), ``--runs`` times each after one warm-up, p50/p95 in ms and the query count,
   and the medians of the time in statements (sql), of this process's CPU (cpu: Python,
   templates, drivers) and of the database backend's CPU (db cpu; same machine only):
   the national view (central viewer), the busiest province's dashboard, scorecard and task
   list (its coordinator), an agency's report form (a reporter of Sở KH&CN, this week's
   draft on the province plan), and the main API lists. A page whose address does not
   resolve is printed as "not built". A page slower than the time budget is run fewer times.
2. The consolidated province report: ``theodoi report <province plan> --period <last quarter>``
   in-process, timed.
3. Submissions: waitress serving theodoi.wsgi on 127.0.0.1 with ``--threads`` threads in a
   subprocess; ``--clients`` client processes each take this week's draft reports in turn
   and send ``PUT /api/v1/reports/<id>/draft`` (a status for every task it leads) then
   ``POST /api/v1/reports/<id>/submit`` with the agency's API token, until ``--submissions``
   reports are sent or ``--seconds`` have passed. Prints submissions/s and the latency
   percentiles of each request. The reports used are put back to an empty draft first
   (a direct UPDATE/DELETE: a benchmark fixture reset, not an application write), so the
   benchmark can be re-run on the same database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing as mp
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

DATA_DIR = Path(tempfile.gettempdir()) / "theodoi-bench-national"
BENCH_ENV = {
    "THEODOI_DEBUG": "0",
    "THEODOI_SECRET_KEY": "bench-national-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    "THEODOI_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "THEODOI_SSL_REDIRECT": "0",
    "THEODOI_DATA_DIR": str(DATA_DIR),
    "THEODOI_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "THEODOI_LOG_LEVEL": "WARNING",
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("DATABASE_URL must name the PostgreSQL database bench/generate.py made")
    os.environ.update(BENCH_ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    DATA_DIR.mkdir(exist_ok=True)
    import django
    from django.conf import settings

    django.setup()
    # Plain static storage: ``collectstatic`` with the manifest storage fails on this tree
    # (chart.umd.min.js names a .map file that is not shipped), and pages only need the URLs.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # migrations added since the data set was made


# --- the cast -----------------------------------------------------------------------------


def cast() -> dict:
    """Return the users, the busiest province and its plan, and this week's draft report."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from theodoi.accounts.models import Profile, Role
    from theodoi.directory.models import Agency
    from theodoi.plans.models import Plan
    from theodoi.tracking.models import ProgressReport, ReportStatus

    plan = (
        Plan.objects.filter(level="province")
        .annotate(n=Count("tasks"))
        .order_by("-n", "id")
        .select_related("unit")
        .first()
    )
    province = plan.unit
    lead = Agency.objects.get(unit=province, short_name="Sở KH&CN")
    users = {}
    for username, role, scope in (
        ("bench-central", Role.CENTRAL, {}),
        ("bench-coordinator", Role.COORDINATOR, {"unit": province}),
        ("bench-reporter", Role.REPORTER, {"agency": lead}),
    ):
        user, _ = get_user_model().objects.get_or_create(username=username)
        Profile.objects.update_or_create(user=user, defaults={"role": role, **scope})
        users[role] = user
    draft = (
        ProgressReport.objects.filter(plan=plan, agency=lead, cadence="weekly")
        .order_by("-period_end")
        .first()
    )
    if draft.status != ReportStatus.DRAFT:
        ProgressReport.objects.filter(pk=draft.pk).update(status=ReportStatus.DRAFT)
    return {"plan": plan, "province": province, "lead": lead, "users": users, "draft": draft}


# --- pages --------------------------------------------------------------------------------


class QueryLog:
    """Record every statement run (SQL, parameters, ms) while installed as an execute wrapper."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, object, float]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.rows.append((sql, params, (time.perf_counter() - started) * 1000))

    def __len__(self) -> int:
        return len(self.rows)


def process_cpu_ms() -> float:
    """Return this process's CPU time (user + system) in ms: the request's Python side."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return (usage.ru_utime + usage.ru_stime) * 1000


def backend_cpu_ms(pid: int | None) -> float | None:
    """Return the CPU time in ms of the PostgreSQL backend serving this connection (same machine,
    Linux ``/proc``; 10 ms steps), or None when it cannot be read. Parallel workers not counted."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def backend_pid() -> int | None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        return cur.fetchone()[0]


def time_page(client, path: str, runs: int, budget: float, headers: dict | None = None) -> dict:
    """Time a page: wall ms, and per request the statements' ms, this process's CPU ms and the
    database backend's CPU ms (medians), which a shared, loaded machine disturbs less than the wall."""
    from django.db import connection
    from django.urls import Resolver404, resolve

    try:
        resolve(path.split("?")[0])
    except Resolver404:
        return {"path": path, "state": "not built"}
    started = time.perf_counter()
    queries = QueryLog()
    with connection.execute_wrapper(queries):
        response = client.get(path, **(headers or {}))
    first = time.perf_counter() - started
    if response.status_code != 200:
        return {"path": path, "state": f"HTTP {response.status_code}"}
    # A page slower than the budget is timed once more (its first, cold run is printed too).
    runs = max(1, min(runs, int(budget / max(first, 1e-3))))
    times, sql, cpu, db_cpu = [], [], [], []
    pid = backend_pid()
    for _ in range(runs):
        log = QueryLog()
        db_before, cpu_before = backend_cpu_ms(pid), process_cpu_ms()
        started = time.perf_counter()
        with connection.execute_wrapper(log):
            client.get(path, **(headers or {}))
        times.append((time.perf_counter() - started) * 1000)
        cpu.append(process_cpu_ms() - cpu_before)
        sql.append(sum(ms for _s, _p, ms in log.rows))
        db_after = backend_cpu_ms(pid)
        if db_before is not None and db_after is not None:
            db_cpu.append(db_after - db_before)
    return {
        "sql": percentile(sql, 0.5),
        "cpu": percentile(cpu, 0.5),
        "db_cpu": percentile(db_cpu, 0.5) if db_cpu else None,
        "path": path,
        "state": "ok",
        "runs": runs,
        "p50": percentile(times, 0.5),
        "p95": percentile(times, 0.95),
        "max": max(times),
        "queries": len(queries),
        "first": first * 1000,
    }


def bench_pages(
    c: dict, runs: int, budget: float, only: list[str], skip: list[str]
) -> list[tuple[str, dict]]:
    from django.test import Client

    from theodoi.accounts.models import Role
    from theodoi.api.services import api_token_create

    clients = {}
    for role, user in c["users"].items():
        clients[role] = Client()
        clients[role].force_login(user)
    anonymous = Client()
    plan, draft = c["plan"], c["draft"]
    token = api_token_create(agency=c["lead"], name="bench pages").secret
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    pages = [
        ("national view (central)", clients[Role.CENTRAL], "/toan-quoc/", None),
        ("province dashboard (coordinator)", clients[Role.COORDINATOR], "/tong-quan/", None),
        ("scorecard (coordinator)", clients[Role.COORDINATOR], "/tong-quan/bang-diem/", None),
        (
            "task list, overdue (coordinator)",
            clients[Role.COORDINATOR],
            "/nhiem-vu/?trang-thai=qua-han",
            None,
        ),
        ("report form (reporter)", clients[Role.REPORTER], f"/bao-cao/{draft.pk}/", None),
        ("reports inbox (coordinator)", clients[Role.COORDINATOR], "/hop-thu/", None),
        ("API plans", anonymous, "/api/v1/plans/", None),
        ("API plan tasks", anonymous, f"/api/v1/plans/{plan.pk}/tasks/", None),
        ("API plan indicator values", anonymous, f"/api/v1/plans/{plan.pk}/indicator-values/", None),
        ("API agencies", anonymous, "/api/v1/agencies/", None),
        ("API provinces", anonymous, "/api/v1/provinces/", None),
        ("API reports (token)", anonymous, "/api/v1/reports/", auth),
    ]
    out = []
    for label, client, path, headers in pages:
        if (only and not any(word in label for word in only)) or any(word in label for word in skip):
            continue
        result = time_page(client, path, runs, budget, headers)
        out.append((label, result))
        print_page(label, result)
    return out


def print_page(label: str, r: dict) -> None:
    if r["state"] != "ok":
        print(f"  {label:38} {r['state']:>10}   {r['path']}", flush=True)
        return
    db_cpu = f"{r['db_cpu']:5.0f}" if r["db_cpu"] is not None else "    -"
    print(
        f"  {label:38} p50 {r['p50']:8.1f} ms  p95 {r['p95']:8.1f} ms  max {r['max']:8.1f}  "
        f"n={r['runs']:<3} q={r['queries']:<4} first {r['first']:7.0f} ms  "
        f"sql {r['sql']:6.1f}  cpu {r['cpu']:5.1f}  db cpu {db_cpu}  {r['path']}",
        flush=True,
    )


def bench_report(c: dict) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from theodoi.tracking import rules

    today = dt.date.today()
    key, start, _ = rules.period_containing(rules.QUARTERLY, today)
    key, _, _ = rules.period_containing(rules.QUARTERLY, start - dt.timedelta(days=1))
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        try:
            call_command("report", str(c["plan"].pk), period=key, out=Path(out), verbosity=0)
        except CommandError as e:
            print(f"  consolidated report: failed ({e})")
            return
        except KeyError:
            print("  consolidated report: not built")
            return
        took = time.perf_counter() - started
    tasks = c["plan"].tasks.count()
    print(f"  consolidated report {c['plan']} ({tasks} tasks), period {key}: {took:.2f} s", flush=True)


def explain(c: dict) -> None:
    """Print the slowest statements of the national view and the dashboard with EXPLAIN ANALYZE."""
    from django.db import connection
    from django.test import Client

    from theodoi.accounts.models import Role

    plan = c["plan"].pk
    for role, path in (
        (Role.CENTRAL, "/toan-quoc/"),
        (Role.COORDINATOR, "/tong-quan/"),
        (Role.COORDINATOR, "/hop-thu/"),
        (Role.REPORTER, f"/bao-cao/{c['draft'].pk}/"),
        (None, f"/api/v1/plans/{plan}/tasks/"),
    ):
        client = Client()
        if role:
            client.force_login(c["users"][role])
        client.get(path)
        queries = QueryLog()
        with connection.execute_wrapper(queries):
            client.get(path)
        total = sum(ms for _s, _p, ms in queries.rows)
        print(f"\n===== {path}: {len(queries)} queries, {total:.0f} ms in the database")
        for sql, params, ms in sorted(queries.rows, key=lambda q: -q[2])[:3]:
            print(f"\n--- {ms:.0f} ms: {sql[:400]}")
            with connection.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                print("\n".join(row[0] for row in cur.fetchall()[:45]))


# --- submissions ------------------------------------------------------------------------------


def submission_work(count: int) -> list[dict]:
    """Return this week's draft reports, reset to empty drafts, with tokens and task ids."""
    from django.db import connection, transaction
    from django.db.models import Max

    from theodoi.api.services import api_token_create
    from theodoi.directory.models import Agency
    from theodoi.plans.models import AgencyRole, TaskAgency
    from theodoi.tracking.models import ProgressReport

    newest = ProgressReport.objects.filter(cadence="weekly").aggregate(Max("period_end"))["period_end__max"]
    reports = list(
        ProgressReport.objects.filter(cadence="weekly", period_end=newest)
        .exclude(agency__short_name="Sở KH&CN", plan__level="province")
        .order_by("id")[:count]
    )
    ids = [r.pk for r in reports]
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM tracking_taskupdate WHERE report_id = ANY(%s)", [ids])
        cur.execute("DELETE FROM tracking_indicatorvalue WHERE report_id = ANY(%s)", [ids])
        cur.execute(
            "UPDATE tracking_progressreport SET status = 'draft', version = 1, submitted_at = NULL,"
            " last_submitted_at = NULL WHERE id = ANY(%s)",
            [ids],
        )
    tokens = {}
    for agency in Agency.objects.filter(pk__in={r.agency_id for r in reports}):
        tokens[agency.pk] = api_token_create(agency=agency, name="bench submissions").secret
    tasks: dict[tuple[int, int], list[int]] = {}
    for task_id, plan_id, agency_id in TaskAgency.objects.filter(
        role=AgencyRole.LEAD, task__plan_id__in={r.plan_id for r in reports}
    ).values_list("task_id", "task__plan_id", "agency_id"):
        tasks.setdefault((plan_id, agency_id), []).append(task_id)
    return [
        {"id": r.pk, "token": tokens[r.agency_id], "tasks": tasks.get((r.plan_id, r.agency_id), [])}
        for r in reports
    ]


def client_process(port: int, jobs: list[dict], deadline: float, results: mp.Queue) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    put_ms, submit_ms, ok, failed = [], [], 0, []
    for job in jobs:
        if time.time() > deadline:
            break
        headers = {"Authorization": f"Token {job['token']}", "Content-Type": "application/json"}
        body = {
            "version": 1,
            "summary": "Đơn vị đã triển khai các nhiệm vụ theo kế hoạch.",
            "tasks": [
                {"task": t, "status": "in_progress", "percent": 40 + t % 50, "done_text": "Đang triển khai"}
                for t in job["tasks"]
            ],
        }
        started = time.perf_counter()
        conn.request("PUT", f"/api/v1/reports/{job['id']}/draft", json.dumps(body), headers)
        response = conn.getresponse()
        payload = response.read()
        put_ms.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            failed.append(f"PUT {response.status} {payload[:200]!r}")
            continue
        version = json.loads(payload)["version"]
        started = time.perf_counter()
        conn.request("POST", f"/api/v1/reports/{job['id']}/submit", json.dumps({"version": version}), headers)
        response = conn.getresponse()
        payload = response.read()
        submit_ms.append((time.perf_counter() - started) * 1000)
        if response.status == 200:
            ok += 1
        else:
            failed.append(f"POST {response.status} {payload[:200]!r}")
    results.put({"put": put_ms, "submit": submit_ms, "ok": ok, "failed": failed})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, timeout: float = 30) -> None:
    until = time.time() + timeout
    while time.time() < until:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("waitress did not start")


def bench_submissions(count: int, clients: int, threads: int, seconds: float) -> None:
    jobs = submission_work(count)
    from django.db import connections

    connections.close_all()
    port = free_port()
    env = dict(os.environ)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/waitress-serve"),
            f"--threads={threads}",
            f"--listen=127.0.0.1:{port}",
            "--connection-limit=200",
            "theodoi.wsgi:application",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(port)
        results: mp.Queue = mp.Queue()
        shares = [jobs[i::clients] for i in range(clients)]
        deadline = time.time() + seconds
        started = time.perf_counter()
        procs = [mp.Process(target=client_process, args=(port, share, deadline, results)) for share in shares]
        for p in procs:
            p.start()
        collected = [results.get() for _ in procs]
        for p in procs:
            p.join()
        took = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    put = [x for r in collected for x in r["put"]]
    submit = [x for r in collected for x in r["submit"]]
    ok = sum(r["ok"] for r in collected)
    failed = [f for r in collected for f in r["failed"]]
    rows = sum(len(j["tasks"]) for j in jobs) / max(1, len(jobs))
    print(
        f"  {ok} reports sent ({len(put) + len(submit)} requests, {rows:.0f} task rows per report on average) "
        f"by {clients} clients to waitress with {threads} threads in {took:.1f} s"
    )
    print(
        f"  submissions (PUT draft + POST submit) per second: {ok / took:.1f}; requests per second: "
        f"{(len(put) + len(submit)) / took:.1f}"
    )
    for label, values in (("PUT draft", put), ("POST submit", submit)):
        if values:
            print(
                f"  {label:12} p50 {percentile(values, 0.5):7.1f} ms  p95 {percentile(values, 0.95):7.1f} ms  "
                f"max {max(values):7.1f} ms"
            )
    if failed:
        print(f"  {len(failed)} failed, first: {failed[0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--budget", type=float, default=40.0, help="seconds per page at most (about)")
    parser.add_argument("--submissions", type=int, default=600)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument(
        "--only", action="append", default=[], help="time only pages whose label has this word"
    )
    parser.add_argument(
        "--skip", action="append", default=[], help="leave out pages whose label has this word"
    )
    parser.add_argument("--skip-report", action="store_true")
    parser.add_argument("--skip-submit", action="store_true")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT current_database(), version(), (SELECT count(*) FROM tracking_taskupdate),"
            " (SELECT count(*) FROM plans_task), (SELECT count(*) FROM plans_plan)"
        )
        name, version, updates, tasks, plans = cur.fetchone()
    print(
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, database {name}: {plans:,} plans, {tasks:,} tasks, "
        f"{updates:,} task updates; {version.split(',')[0]}; {os.cpu_count()} CPUs"
    )
    c = cast()
    print(f"province {c['province']} (plan {c['plan']}), report form {c['draft'].pk}")
    if args.explain:
        explain(c)
        return
    if not args.skip_pages:
        print("pages (in-process, Django test Client):")
        bench_pages(c, args.runs, args.budget, args.only, args.skip)
    if not args.skip_report:
        print("consolidated report:")
        bench_report(c)
    if not args.skip_submit:
        print("submissions:")
        bench_submissions(args.submissions, args.clients, args.threads, args.seconds)


if __name__ == "__main__":
    main()
