"""Score the header, reporting duties and indicators alone against the dev gold.

Builds a plan from ``parse_header``, ``parse_reporting`` and ``parse_indicators`` over the
sample's lines (restored when ``--restore`` is given and a restorer is available), takes the
gold's tasks and sections so that only these parts vary, and runs ``../shared/bin/score-plan``.

usage: .venv/bin/python bench/extract_parts.py [--restore] [--keep DIR] [--cache DIR]

``--cache DIR`` keeps the restored lines between runs (restoration is the slow part).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from theodoi.ingest.layout.lines import make_lines
from theodoi.ingest.parse.header import parse_header
from theodoi.ingest.parse.indicators import parse_indicators
from theodoi.ingest.parse.reporting import parse_reporting
from theodoi.ingest.plan import Plan
from theodoi.ingest.read.text import read_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "plans"
GOLD = ROOT / "tests" / "data" / "gold"
SCORER = ROOT.parent / "shared" / "bin" / "score-plan"


def lines_for(path: Path, restore: bool, cache: Path | None = None):
    doc = read_text(path.read_bytes(), name=path.name)
    restored = None
    if restore:
        cached = cache / (path.stem + ".restored.json") if cache else None
        if cached and cached.exists():
            restored = json.loads(cached.read_text())
        else:
            from theodoi.ingest.restore import default_restorer

            restored = list(default_restorer().restore_lines([s.text for s in doc.lines]))
            if cached:
                cached.write_text(json.dumps(restored, ensure_ascii=False))
    return make_lines(doc.lines, restored)


def main(argv: list[str]) -> int:
    restore = "--restore" in argv
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else Path(tempfile.mkdtemp())
    keep.mkdir(parents=True, exist_ok=True)
    cache = Path(argv[argv.index("--cache") + 1]) if "--cache" in argv else None
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
    for path in sorted(SAMPLES.glob("*.txt")):
        lines = lines_for(path, restore, cache)
        t0 = time.perf_counter()
        header = parse_header(lines)
        header.reporting = parse_reporting(lines)
        indicators = parse_indicators(lines)
        elapsed = time.perf_counter() - t0
        gold_path = GOLD / (path.stem + ".json")
        plan = Plan(source=path.name, document=header, indicators=indicators)
        out = plan.to_dict()
        print(f"== {path.stem}: {len(indicators)} indicators, {len(header.reporting)} duties, {elapsed:.2f}s")
        if not gold_path.exists():
            (keep / (path.stem + ".json")).write_text(json.dumps(out, ensure_ascii=False, indent=1))
            continue
        gold = json.loads(gold_path.read_text())
        out["tasks"] = gold["tasks"]
        out["sections"] = gold["sections"]
        pred_path = keep / (path.stem + ".json")
        pred_path.write_text(json.dumps(out, ensure_ascii=False, indent=1))
        res = subprocess.run(
            [sys.executable, str(SCORER), str(gold_path), str(pred_path)], capture_output=True, text=True
        )
        print(res.stdout.strip())
    print(f"predictions in {keep}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
