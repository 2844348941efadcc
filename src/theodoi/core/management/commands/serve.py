"""``theodoi serve``: run the web app in an app server fit for production.

On Linux and macOS it runs gunicorn with several worker processes: a Python process runs one
request at a time on one CPU (the GIL), so the CPU-bound work of a request (Django, DRF, the
templates) uses every core only with several processes, not with more threads. By default one
process per core with ``DEFAULT_THREADS`` threads each (gunicorn's gthread workers): the
threads keep a core busy while a request waits on PostgreSQL, and they keep connections
alive, which sync workers do not (each request a new TCP connection and accept): measured
on 2 cores (docs/DEPLOYMENT.md), a report submission cost 6.8 ms of server CPU with 2 × 4
threads against 9.1 ms with 3 sync workers. On Windows, where gunicorn does not run, or with
``--server waitress``, it runs waitress: one process, several threads, as before. Both serve ``theodoi.wsgi``; nginx in front serves the static
files and terminates TLS (docs/DEPLOYMENT.md).
"""

from __future__ import annotations

import importlib.util
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

DEFAULT_THREADS = 4  # per gunicorn worker (gthread); --threads 1 gives sync workers
GUNICORN_TIMEOUT = 120  # seconds a worker may spend on one request (a large upload) before it is replaced


def default_workers() -> int:
    """One worker per core: its threads keep the core busy while one waits on PostgreSQL."""
    return os.cpu_count() or 1


def pick_server(wanted: str) -> str:
    """Return the server to run: gunicorn where it can run (not Windows) and is installed."""
    if wanted != "auto":
        return wanted
    if os.name == "posix" and importlib.util.find_spec("gunicorn") is not None:
        return "gunicorn"
    return "waitress"


def gunicorn_options(*, bind: str, workers: int, threads: int) -> dict[str, Any]:
    """Return gunicorn's settings: sync workers, or gthread ones (keep-alive) when threads > 1."""
    return {
        "bind": [bind],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": GUNICORN_TIMEOUT,
        "preload_app": True,  # import Django once in the master; workers fork with it loaded
        "accesslog": None,
        "errorlog": "-",
    }


def run_gunicorn(options: dict[str, Any]) -> None:
    from django.core.wsgi import get_wsgi_application
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return get_wsgi_application()

    connections.close_all()  # no database connection may be shared by the forked workers
    Application().run()


def run_waitress(*, bind: str, threads: int) -> None:
    from django.core.wsgi import get_wsgi_application
    from waitress import serve

    serve(get_wsgi_application(), listen=bind, threads=threads, connection_limit=200)


class Command(BaseCommand):
    help = (
        "Chạy máy chủ ứng dụng: gunicorn nhiều tiến trình trên Linux, waitress một tiến trình "
        "nhiều luồng trên Windows hoặc khi chọn --server waitress."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="địa chỉ:cổng (mặc định 127.0.0.1:8000)")
        parser.add_argument("--server", choices=("auto", "gunicorn", "waitress"), default="auto")
        parser.add_argument(
            "--workers", type=int, default=0, help="số tiến trình gunicorn (mặc định số lõi CPU)"
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=0,
            help=f"số luồng mỗi tiến trình (mặc định {DEFAULT_THREADS}; 1 là tiến trình đồng bộ; waitress 8)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        server = pick_server(options["server"])
        workers, threads = options["workers"], options["threads"]
        if workers < 0 or threads < 0:
            raise CommandError("Số tiến trình và số luồng phải là số dương.")
        if server == "gunicorn":
            if os.name != "posix":
                raise CommandError("gunicorn chỉ chạy trên Linux hoặc macOS; hãy dùng --server waitress.")
            if importlib.util.find_spec("gunicorn") is None:
                raise CommandError("Chưa cài gunicorn; hãy cài lại theodoi hoặc dùng --server waitress.")
            run_gunicorn(
                gunicorn_options(
                    bind=options["bind"],
                    workers=workers or default_workers(),
                    threads=threads or DEFAULT_THREADS,
                )
            )
            return
        if workers > 1:
            raise CommandError(
                "waitress chạy một tiến trình; hãy chạy nhiều bản sau nginx hoặc dùng gunicorn."
            )
        run_waitress(bind=options["bind"], threads=threads or 8)
