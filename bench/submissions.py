"""Report submissions per second over HTTP on loopback, on PostgreSQL (issue 8: target >= 200/s).

usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/theodoi_bench_small \
       .venv/bin/python bench/submissions.py [--mode combined|two-step] [--server gunicorn] \
       [--workers 3] [--threads 1] [--connections 16] [--count 3000] [--seconds 30] [--profile 0]

One **submission** is what an agency's system does to send a weekly report with a status row
for every task the agency leads (8.6 on average at scale 0.1, 13 at 1.0), with the agency's
API token. ``--mode combined`` (the default): one ``POST /api/v1/reports/<id>/save-and-submit``
with the rows; the progress rows, standings and notifications it changes are left to a
background job (``tracking.tasks.report_submitted``), which this benchmark does not run while
it measures. ``--mode two-step``: ``PUT /api/v1/reports/<id>/draft`` with the rows, then
``POST /api/v1/reports/<id>/submit`` with the version the PUT returned (the derived rows written
in that request). It counts when every request answered 200. Submissions/s = those counted
over the wall time from the first request to the last answer.

Reads a database made by ``bench/generate.py``. The reports used are the newest weekly
reports, put back to empty drafts first (a direct UPDATE/DELETE: a benchmark fixture reset,
not an application write), so it can be re-run. Each province gets one coordinator with an
e-mail address (made once), so that a submission notifies someone as in production.

The server is ``theodoi serve`` (gunicorn or waitress) in a subprocess with THEODOI_DEBUG=0.
The client is this process: one asyncio event loop with ``--connections`` keep-alive
connections speaking plain HTTP/1.1 over sockets (no HTTP library), so it takes little of the
CPU the server needs; its CPU time is printed beside the server's and the machine's.
The run stops after ``--count`` submissions or ``--seconds``, whichever comes first.

``--profile N`` instead sends N submissions in-process through Django's test Client and
prints, per request, the CPU time, the SQL statements and the top of a cProfile; then runs the
background jobs those submissions queued, in-process, with their CPU time and statements
(``--profile-sort tottime``, ``--profile-only theodoi`` choose what of the cProfile is shown).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time

from national import ROOT, QueryLog, free_port, percentile, setup_django, wait_for

SUMMARY = "Đơn vị đã triển khai các nhiệm vụ theo kế hoạch."


# --- the work ---------------------------------------------------------------------------------


def coordinators_ensure() -> int:
    """Give each province with plans one coordinator with an e-mail (once); return how many were made."""
    from django.contrib.auth import get_user_model

    from theodoi.accounts.models import Profile, Role
    from theodoi.plans.models import Plan

    made = 0
    for unit_id, code in (
        Plan.objects.filter(level="province").values_list("unit_id", "unit__code").distinct()
    ):
        user, created = get_user_model().objects.get_or_create(
            username=f"bench-dieuphoi-{code}", defaults={"email": f"dieuphoi-{code}@example.gov.vn"}
        )
        if created:
            Profile.objects.create(user=user, role=Role.COORDINATOR, unit_id=unit_id)
            made += 1
    return made


def submission_work(count: int) -> list[dict]:
    """Return up to ``count`` of the newest weekly reports, reset to empty drafts, with a token each."""
    from django.db import connection, transaction

    from theodoi.api.services import api_token_create
    from theodoi.directory.models import Agency
    from theodoi.plans.models import AgencyRole, TaskAgency
    from theodoi.tracking.models import ProgressReport

    reports = list(
        ProgressReport.objects.filter(cadence="weekly")
        .order_by("-period_end", "id")[:count]
        .only("id", "plan_id", "agency_id")
    )
    ids = [r.pk for r in reports]
    with transaction.atomic(), connection.cursor() as cur:
        if "tracking_taskprogress" in connection.introspection.table_names(cur):
            # a worker draining follow-up jobs meanwhile (another run) would point progress rows
            # at updates deleted below: it waits for the reset instead
            cur.execute("LOCK TABLE tracking_taskprogress IN SHARE ROW EXCLUSIVE MODE")
            cur.execute(  # what the deleted updates' tasks' progress rows point to
                "UPDATE tracking_taskprogress SET update_id = NULL WHERE update_id IN"
                " (SELECT id FROM tracking_taskupdate WHERE report_id = ANY(%s))",
                [ids],
            )
        cur.execute("DELETE FROM tracking_taskupdate WHERE report_id = ANY(%s)", [ids])
        if "django_tasks_database_dbtaskresult" in connection.introspection.table_names(cur):
            cur.execute(  # follow-up jobs of earlier runs the worker has not run (none runs here)
                "DELETE FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
                " AND task_path = 'theodoi.tracking.tasks.report_submitted'"
            )
        cur.execute("DELETE FROM tracking_indicatorvalue WHERE report_id = ANY(%s)", [ids])
        cur.execute(
            "UPDATE tracking_progressreport SET status = 'draft', version = 1, submitted_at = NULL,"
            " last_submitted_at = NULL, reviewed_at = NULL, return_comment = '' WHERE id = ANY(%s)",
            [ids],
        )
    tokens = {
        agency.pk: api_token_create(agency=agency, name="bench submissions").secret
        for agency in Agency.objects.filter(pk__in={r.agency_id for r in reports})
    }
    tasks: dict[tuple[int, int], list[int]] = {}
    for task_id, plan_id, agency_id in TaskAgency.objects.filter(
        role=AgencyRole.LEAD, task__plan_id__in={r.plan_id for r in reports}
    ).values_list("task_id", "task__plan_id", "agency_id"):
        tasks.setdefault((plan_id, agency_id), []).append(task_id)
    return [
        {"id": r.pk, "token": tokens[r.agency_id], "tasks": sorted(tasks.get((r.plan_id, r.agency_id), []))}
        for r in reports
    ]


def draft_body(job: dict) -> bytes:
    rows = [
        {"task": t, "status": "in_progress", "percent": 40 + t % 50, "done_text": "Đang triển khai"}
        for t in job["tasks"]
    ]
    return json.dumps({"version": 1, "summary": SUMMARY, "tasks": rows}).encode()


# --- in-process profile -----------------------------------------------------------------------


def steps(job: dict, mode: str) -> list[tuple[str, str, bytes | None]]:
    """Return the requests of one submission: (label, path, body; None = the version the last answer gave)."""
    if mode == "combined":
        return [("POST save-and-submit", f"/api/v1/reports/{job['id']}/save-and-submit", draft_body(job))]
    return [
        ("PUT draft", f"/api/v1/reports/{job['id']}/draft", draft_body(job)),
        ("POST submit", f"/api/v1/reports/{job['id']}/submit", None),
    ]


def profile(jobs: list[dict], mode: str, sort: str = "cumulative", only: str = "") -> None:
    """Send the jobs through the test Client: the first half timed (CPU ms and statements per
    request; the very first submission only warms up), the second half under cProfile (its top
    45 functions by ``sort``, those matching the regular expression ``only``); then run the
    background jobs the submissions queued, timed the same way."""
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    client = Client()
    started_at = timezone.now()
    cpu: dict[str, list[float]] = {}
    statements: dict[str, list[int]] = {}
    last: dict[str, QueryLog] = {}
    profiler = cProfile.Profile()
    half = len(jobs) // 2
    for n, job in enumerate(jobs):
        auth = {"HTTP_AUTHORIZATION": f"Token {job['token']}"}
        if n == half:
            profiler.enable()
        version = 1
        for label, path, body in steps(job, mode):
            method = label.split()[0]
            log = QueryLog()
            started = time.process_time()
            with connection.execute_wrapper(log):
                payload = body if body is not None else json.dumps({"version": version}).encode()
                call = client.put if method == "PUT" else client.post
                response = call(path, payload, "application/json", **auth)
            if response.status_code != 200:
                raise SystemExit(f"{label} {response.status_code}: {response.content[:300]!r}")
            version = response.json().get("version")
            if 0 < n < half:
                cpu.setdefault(label, []).append((time.process_time() - started) * 1000)
                statements.setdefault(label, []).append(len(log))
                last[label] = log
    profiler.disable()
    for label in cpu:
        print(
            f"  {label:22} CPU p50 {percentile(cpu[label], 0.5):6.1f} ms in this process (Django; "
            f"PostgreSQL's own CPU not counted), {percentile(statements[label], 0.5):.0f} SQL statements"
        )
    run_queued_jobs(started_at)
    for label, log in last.items():
        print(f"  statements of one {label}:")
        for sql, _, ms in log.rows:
            print(f"    {ms:6.2f} ms  {sql[:140]}")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(sort).print_stats(only, 45)
    print(out.getvalue())


def run_queued_jobs(since: dt.datetime) -> None:
    """Run, in this process, the follow-up jobs the submissions queued (what ``theodoi worker``
    does), timing each: CPU here and SQL statements."""
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from theodoi.tracking.tasks import report_submitted

    queued = list(
        DBTaskResult.objects.ready()
        .filter(task_path=report_submitted.module_path, enqueued_at__gte=since)
        .order_by("enqueued_at")
    )
    cpu, statements = [], []
    for row in queued:
        log = QueryLog()
        started = time.process_time()
        with connection.execute_wrapper(log):
            report_submitted.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        cpu.append((time.process_time() - started) * 1000)
        statements.append(len(log))
        row.delete()
    if queued:
        print(
            f"  background job report_submitted: {len(queued)} run in-process, CPU p50 "
            f"{percentile(cpu, 0.5):.1f} ms, {percentile(statements, 0.5):.0f} SQL statements each"
        )


# --- HTTP client ------------------------------------------------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection; reconnects when the server closes it (sync workers)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes, token: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode() + body)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("the server closed the connection")
        status = int(status_line.split()[1])
        headers = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            payload = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            payload = b""
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                payload += await self.reader.readexactly(size)
                await self.reader.readline()
            await self.reader.readline()
        else:
            payload = await self.reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            self.writer.close()
            self.reader = self.writer = None
        return status, payload


async def client_loop(port: int, jobs: list[dict], deadline: float, out: dict, mode: str) -> None:
    conn = Connection(port)
    while jobs and time.perf_counter() < deadline:
        job = jobs.pop()
        try:
            started = time.perf_counter()
            version, failed = 1, False
            for label, path, body in steps(job, mode):
                sent = time.perf_counter()
                payload = body if body is not None else json.dumps({"version": version}).encode()
                status, answer = await conn.request(label.split()[0], path, payload, job["token"])
                out["requests"].setdefault(label, []).append((time.perf_counter() - sent) * 1000)
                if status != 200:
                    out["failed"].append(f"{label} {status} {answer[:200]!r}")
                    failed = True
                    break
                version = json.loads(answer)["version"]
            if failed:
                continue
            ended = time.perf_counter()
            out["both"].append((ended - started) * 1000)
            out["last"] = ended
        except (ConnectionError, OSError, asyncio.IncompleteReadError, ValueError) as e:
            out["failed"].append(f"{type(e).__name__}: {e}")
            conn = Connection(port)


def cpu_busy() -> tuple[int, int]:
    """Return (busy, total) jiffies of the whole machine from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def process_cpu(pids: list[int]) -> float:
    """Return the CPU seconds (user + system) the processes have used so far; gone ones count 0."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def tree_pids(root: int) -> list[int]:
    """Return ``root`` and its children (gunicorn's master and workers)."""
    try:
        with open(f"/proc/{root}/task/{root}/children") as f:
            return [root, *(int(p) for p in f.read().split())]
    except OSError:
        return [root]


def application_backend_pids(application: str) -> list[int]:
    """Return the PostgreSQL backends of connections named ``application`` (PGAPPNAME): the
    server's own, not those of another engineer's worker on the same database."""
    from django.db import connections

    with connections["default"].cursor() as cur:
        cur.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s", [application])
        pids = [row[0] for row in cur.fetchall()]
    connections.close_all()
    return pids


def database_backend_pids(database: str) -> list[int]:
    """Return the PostgreSQL backends connected to ``database`` (their title names it)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                title = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        if title.startswith("postgres:") and f" {database} " in title:
            found.append(int(entry))
    return found


def serve_command(server: str, port: int, workers: int, threads: int) -> list[str]:
    command = [str(ROOT / ".venv/bin/theodoi"), "serve", f"--bind=127.0.0.1:{port}", f"--server={server}"]
    if workers:
        command.append(f"--workers={workers}")
    if threads:
        command.append(f"--threads={threads}")
    return command


def bench_http(jobs: list[dict], args: argparse.Namespace) -> int:
    """Serve, send the submissions, print the figures; return how many submissions counted."""
    from django.db import connections

    connections.close_all()
    port = free_port()
    command = serve_command(args.server, port, args.workers, args.threads)
    # The server's log goes to a file: a pipe nobody reads while the run lasts would fill up and
    # stall the server as soon as it logs more than a few pages.
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in the finally below, after the server stops)
    application = f"theodoi-bench-submissions-{port}"  # names the server's connections (libpq's PGAPPNAME)
    env = {**os.environ, "PGAPPNAME": application}
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
    out: dict = {"requests": {}, "both": [], "failed": [], "last": 0.0}
    try:
        wait_for(port)
        time.sleep(2)  # let every worker finish starting
        pending = list(reversed(jobs))
        servers = tree_pids(server.pid)
        server0 = process_cpu(servers)
        backends0 = {pid: process_cpu([pid]) for pid in application_backend_pids(application)}
        busy0, total0 = cpu_busy()
        own0 = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        deadline = started + args.seconds

        async def run() -> None:
            await asyncio.gather(
                *(client_loop(port, pending, deadline, out, args.mode) for _ in range(args.connections))
            )

        asyncio.run(run())
        took = (out["last"] or time.perf_counter()) - started
        own1 = resource.getrusage(resource.RUSAGE_SELF)
        busy1, total1 = cpu_busy()
        server_cpu = process_cpu(servers) - server0
        backends = application_backend_pids(application)  # the workers' connections, opened during the run
        database_cpu = sum(process_cpu([pid]) - backends0.get(pid, 0.0) for pid in backends)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.seek(0)
        errors = [line for line in log.read().decode("utf-8", "replace").splitlines() if " ERROR " in line]
        log.close()
        if errors:
            print(f"  server log: {len(errors)} ERROR lines, first: {errors[0][:300]}")
    client_cpu = (own1.ru_utime + own1.ru_stime) - (own0.ru_utime + own0.ru_stime)
    ok = len(out["both"])
    requests = sum(len(v) for v in out["requests"].values())
    rows = sum(len(j["tasks"]) for j in jobs) / max(1, len(jobs))
    print(f"  server: {' '.join(command[1:])}; mode {args.mode}")
    print(
        f"  {ok} submissions ({requests} requests, {rows:.1f} task rows per "
        f"report) over {args.connections} connections in {took:.1f} s"
    )
    print(
        f"  submissions ({' + '.join(out['requests'])}, all 200) per second: {ok / took:.1f}; "
        f"requests per second: {requests / took:.1f}"
    )
    for label, values in (*out["requests"].items(), ("submission", out["both"])):
        if values:
            print(
                f"  {label:22} p50 {percentile(values, 0.5):7.1f} ms  p95 {percentile(values, 0.95):7.1f} ms  "
                f"max {max(values):7.1f} ms"
            )
    per = 1000 / max(1, ok)
    print(
        f"  CPU during the run: server {server_cpu:.1f} s, PostgreSQL backends {database_cpu:.1f} s, "
        f"client {client_cpu:.1f} s; per submission {server_cpu * per:.1f} + {database_cpu * per:.1f} + "
        f"{client_cpu * per:.1f} ms; whole machine busy {100 * (busy1 - busy0) / max(1, total1 - total0):.0f} % "
        f"of {os.cpu_count()} CPUs (other users included), load average {os.getloadavg()[0]:.1f}"
    )
    print(f"  errors: {len(out['failed'])}" + (f", first: {out['failed'][0]}" if out["failed"] else ""))
    return ok


def drain_jobs(ok: int) -> None:
    """Run ``theodoi worker --batch`` until the follow-up jobs are done; print its CPU per job and
    PostgreSQL's: what a submission costs after its answer (not part of the throughput above)."""
    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    from theodoi.tracking.tasks import report_submitted

    waiting = DBTaskResult.objects.ready().filter(task_path=report_submitted.module_path).count()
    database = connections["default"].settings_dict["NAME"]
    connections.close_all()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    worker = subprocess.Popen(
        [str(ROOT / ".venv/bin/theodoi"), "worker", "--batch"],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen: dict[int, tuple[float, float]] = {}  # backend pid -> (CPU s when first seen, last seen)
    while worker.poll() is None:  # a backend's CPU is read while it lives (it goes with the worker)
        for pid in database_backend_pids(database):
            cpu = process_cpu([pid])
            seen[pid] = (seen.get(pid, (cpu, cpu))[0], cpu)
        time.sleep(0.5)
    database_cpu = sum(last - first for first, last in seen.values())
    took = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(
        f"  worker: {waiting} follow-up jobs ({ok} from this run) in {took:.1f} s: {waiting / took:.1f} jobs/s; "
        f"CPU per job {1000 * worker_cpu / max(1, waiting):.1f} ms in the worker + about "
        f"{1000 * database_cpu / max(1, waiting):.1f} ms in PostgreSQL; load average {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", choices=("auto", "gunicorn", "waitress"), default="gunicorn")
    parser.add_argument("--workers", type=int, default=0, help="0: theodoi serve's default")
    parser.add_argument("--threads", type=int, default=0, help="0: theodoi serve's default")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--count", type=int, default=3000, help="submissions at most")
    parser.add_argument("--seconds", type=float, default=30.0, help="seconds at most")
    parser.add_argument(
        "--mode",
        choices=("combined", "two-step"),
        default="combined",
        help="combined: one POST save-and-submit; two-step: PUT draft then POST submit",
    )
    parser.add_argument("--profile", type=int, default=0, help="N submissions in-process, profiled, instead")
    parser.add_argument(
        "--profile-sort", default="cumulative", help="cProfile order: cumulative, tottime, ..."
    )
    parser.add_argument("--profile-only", default="", help="a regular expression the functions shown match")
    parser.add_argument(
        "--drain", action="store_true", help="then run the follow-up jobs with theodoi worker and time them"
    )
    args = parser.parse_args()
    setup_django()
    made = coordinators_ensure()
    jobs = submission_work(args.profile or args.count)
    print(
        f"{len(jobs)} draft reports ready, {len({j['token'] for j in jobs})} agency tokens"
        + (f", {made} coordinators made" if made else "")
    )
    if args.profile:
        profile(jobs, args.mode, args.profile_sort, args.profile_only)
    else:
        ok = bench_http(jobs, args)
        if args.drain:
            drain_jobs(ok)


if __name__ == "__main__":
    sys.exit(main())
