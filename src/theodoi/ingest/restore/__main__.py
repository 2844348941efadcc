"""``python -m theodoi.ingest.restore [--model DIR]``: restore standard input, line by line.

What the benchmark runs (``theodoi restore`` does the same with the default model).
"""

from __future__ import annotations

import gc
import io
import os
import sys

from theodoi.ingest.restore import default_restorer, load_restorer


def main() -> int:
    args = sys.argv[1:]  # no argparse: start-up time counts in the benchmark
    if args and (len(args) != 2 or args[0] != "--model"):
        sys.stderr.write("usage: python -m theodoi.ingest.restore [--model DIR]\n")
        return 2
    # Decoding makes no reference cycles (a test checks it), so the cycle collector would only
    # walk the model and the search's short-lived tuples again and again: off, a twentieth of a
    # run; memory is still freed as each object's last reference goes.
    gc.disable()
    restorer = load_restorer(args[1]) if args else default_restorer()
    out = sys.stdout
    # "\n" alone ends a line: a stray "\r" must not add lines.
    source = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n")
    lines = (line[:-1] if line.endswith("\n") else line for line in source)
    for restored in restorer.restore_stream(lines):  # in order: a second "d)" is "đ)"
        out.write(restored)
        out.write("\n")
    out.flush()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Done: leave without freeing the model object by object (a few milliseconds of a run that
    # restores one file); the output is flushed and nothing else is held open.
    os._exit(code)
