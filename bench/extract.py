"""Benchmark extraction: run it on every sample plan and score it against the dev gold.

usage: .venv/bin/python bench/extract.py [--samples DIR] [--gold DIR] [--scorer PATH] [--out DIR]

For each sample, extraction runs in-process (timed), the plan is written as JSON and scored
with ../shared/bin/score-plan (the project's scorer, run as is) where a gold file exists.
Prints a table per plan (tasks and indicators: precision, recall, score, field scores; the
document fields; diacritics; overall), then the total extraction time for all samples.
Bars (issue 4): overall >= 0.95, task and indicator recall >= 0.98 per dev plan, diacritics
>= 0.98, all five samples in under 10 s.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from theodoi.ingest.errors import IngestError  # noqa: E402
from theodoi.ingest.pipeline import extract  # noqa: E402


def load_scorer(path: Path):
    loader = importlib.machinery.SourceFileLoader("score_plan", str(path))
    spec = importlib.util.spec_from_loader("score_plan", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def fmt(value) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", default=str(ROOT / "samples" / "plans"))
    parser.add_argument("--gold", default=str(ROOT / "tests" / "data" / "gold"))
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "bin" / "score-plan"))
    parser.add_argument("--out", default=None, help="folder for the extracted JSON (default: a temp folder)")
    args = parser.parse_args(argv)
    scorer = load_scorer(Path(args.scorer))
    out_dir = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="theodoi-extract-"))
    out_dir.mkdir(parents=True, exist_ok=True)

    samples = sorted(p for p in Path(args.samples).iterdir() if p.is_file())
    total = 0.0
    summary = []
    for path in samples:
        start = time.perf_counter()
        try:
            result = extract(path)
        except IngestError as e:
            elapsed = time.perf_counter() - start
            total += elapsed
            print(f"\n== {path.name}  ERROR {e.code}: {e.message}  ({elapsed:.2f} s)")
            continue
        elapsed = time.perf_counter() - start
        total += elapsed
        pred = result.plan.to_dict()
        (out_dir / (path.stem + ".json")).write_text(
            json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        gold_path = Path(args.gold) / (path.stem + ".json")
        print(
            f"\n== {path.name}  ({elapsed:.2f} s)  tasks={len(pred['tasks'])} sections={len(pred['sections'])} "
            f"indicators={len(pred['indicators'])} warnings={len(pred.get('warnings', []))}"
        )
        if not gold_path.exists():
            print("   (no gold: not scored)")
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        score = scorer.score(gold, pred)
        for table in ("tasks", "indicators"):
            r = score.get(table)
            if not r:
                continue
            fields = " ".join(f"{k}={v:.3f}" for k, v in r["fields"].items())
            print(
                f"   {table:<10} gold={r['gold']:>3} pred={r['pred']:>3} matched={r['matched']:>3} "
                f"P={fmt(r['precision'])} R={fmt(r['recall'])} score={fmt(r['score'])} | {fields}"
            )
        print("   document   " + " ".join(f"{k}={v:.2f}" for k, v in score["document"].items()))
        print(f"   diacritics {fmt(score['diacritics'])}   overall {score['overall']:.4f}")
        summary.append((path.stem, score))
    print(f"\nplans written to {out_dir}")
    if summary:
        print("\nplan                      tasks R  tasks S  ind R   ind S   diacr   overall")
        for stem, s in summary:
            t, i = s.get("tasks") or {}, s.get("indicators") or {}
            print(
                f"{stem:<25} {fmt(t.get('recall'))}   {fmt(t.get('score'))}   {fmt(i.get('recall'))}   "
                f"{fmt(i.get('score'))}   {fmt(s['diacritics'])}   {s['overall']:.4f}"
            )
    print(f"\ntotal extraction time for {len(samples)} samples: {total:.2f} s (bar: < 10 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
