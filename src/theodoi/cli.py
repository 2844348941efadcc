"""The ``theodoi`` console command.

Ingestion commands (``extract``, ``restore``) are pure Python and start without Django, so
they stay fast and usable on a machine with no database. Every other command is a Django
management command run with theodoi's settings (``theodoi migrate``, ``theodoi import``,
``theodoi demo`` ...).
"""

from __future__ import annotations

import os
import sys

PURE_COMMANDS = {"extract", "restore"}


def main(argv: list[str] | None = None) -> int:
    """Run one theodoi command and return its exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in PURE_COMMANDS:
        from theodoi.ingest import cli as ingest_cli

        return ingest_cli.main(args)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")  # `theodoi seed-units` runs the seed_units command
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["theodoi", *args])
    return 0
