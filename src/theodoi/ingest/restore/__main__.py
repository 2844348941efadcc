"""``python -m theodoi.ingest.restore [--model DIR]``: restore standard input, line by line.

What the benchmark runs (``theodoi restore`` does the same with the default model).
"""

from __future__ import annotations

import argparse
import sys

from theodoi.ingest.restore import default_restorer, load_restorer


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m theodoi.ingest.restore")
    parser.add_argument("--model", help="model folder (default: the trained or shipped model)")
    args = parser.parse_args()
    restorer = load_restorer(args.model) if args.model else default_restorer()
    restore = restorer.restore_line
    out = sys.stdout
    for line in sys.stdin:
        out.write(restore(line[:-1] if line.endswith("\n") else line))
        out.write("\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
