"""Per-field error report of the task table: gold vs extracted fields, grouped by failure.

usage: .venv/bin/python bench/task_errors.py SAMPLE [--gold DIR] [--field NAME] [--layout KIND] [--all]

SAMPLE is a sample plan's path or the start of its file name ("000"). Every gold task is
matched to the extracted one on (section, code), as ../shared/bin/score-plan does, and each
field is scored the scorer's way. Rows are tagged with the shape the OCR gave them: "block"
(the row number alone on its line, cells in blank-separated blocks), "inline" (the number on
a line with text: columns interleaved line by line) or "cells"/"cell_per_line". Prints, per
field, the failed rows (gold | extracted), then a table of failures by field and shape.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from theodoi.ingest.layout.classify import row_code  # noqa: E402
from theodoi.ingest.pipeline import extract  # noqa: E402

FIELDS = ("name", "lead", "support", "output", "deadline")


def load_scorer(path: Path):
    loader = importlib.machinery.SourceFileLoader("score_plan", str(path))
    spec = importlib.util.spec_from_loader("score_plan", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def field_scores(scorer, gold: dict, got: dict) -> dict[str, float]:
    """Score one matched row's fields exactly as the scorer does."""
    return {
        "name": float(scorer.similar(gold.get("name"), got.get("name")) >= 0.9),
        "lead": scorer.set_f1(gold.get("lead"), got.get("lead")),
        "support": scorer.set_f1(gold.get("support"), got.get("support")),
        "output": float(scorer.similar(gold.get("output"), got.get("output")) >= 0.85),
        "deadline": float(
            scorer.fold(gold.get("deadline")).replace(" ", "")
            == scorer.fold(got.get("deadline")).replace(" ", "")
        ),
    }


def agency_cause(scorer, gold: dict, got: dict, field: str) -> str:
    """Why an agency cell failed: the classes issue 4 names, judged from gold and extracted.

    empty (nothing extracted), spurious (gold empty), swap (the names belong to the other
    agency cell), truncated (a gold name starts with an extracted one: "Các sở, ngành" for
    "Các sở, ngành, địa phương"), partial (some names right), wrong (none right).
    """
    other = "support" if field == "lead" else "lead"
    want, have = gold.get(field) or [], got.get(field) or []
    if not have:
        return "empty"
    if not want:
        return "spurious"
    if scorer.set_f1(want, have) > 0:
        return "partial"
    if scorer.set_f1(gold.get(other), have) > 0 or scorer.set_f1(want, got.get(other)) > 0:
        return "swap"
    folded = [scorer.fold(x) for x in have]
    if any(scorer.fold(g).startswith(h) and len(h) >= 5 for g in want for h in folded):
        return "truncated"
    return "wrong"


def text_cause(scorer, gold: str | None, got: str | None, directory: frozenset[str]) -> str:
    """Why a name or output failed: empty, cut (the extracted text is most of the gold's
    start), bleed (other columns' words: the extra words are mostly agency/deadline words),
    garbled (the rest: OCR or restoration damage, or a mixed cut)."""
    if not got:
        return "empty"
    g, p = scorer.fold(gold), scorer.fold(got)
    gw, pw = g.split(), p.split()
    extra = [w for w in pw if w not in set(gw)]
    if not extra and len(pw) < len(gw):
        return "cut"
    if extra and sum(w.strip(".,;:") in directory for w in extra) >= 0.6 * len(extra):
        return "bleed"
    return "garbled"


def shape_of(task, lines_by_number, layout: str | None) -> str:
    if layout != "interleaved":
        return layout or "?"
    for number in task.provenance.source_lines:
        line = lines_by_number.get(number)
        found = row_code(line) if line is not None else None
        if found and found[0] == task.code:
            return "block" if not found[1].strip(" .|") else "inline"
    return "inline"


def show(value) -> str:
    if isinstance(value, list):
        return " ; ".join(value)
    return "" if value is None else str(value)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample")
    parser.add_argument("--gold", default=str(ROOT / "tests" / "data" / "gold"))
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "bin" / "score-plan"))
    parser.add_argument("--field", choices=FIELDS, help="only this field's failures")
    parser.add_argument("--layout", help="only rows of this shape (block, inline ...)")
    parser.add_argument("--all", action="store_true", help="print every row, failed or not")
    args = parser.parse_args(argv)
    path = Path(args.sample)
    if not path.exists():
        path = next((ROOT / "samples" / "plans").glob(args.sample + "*"))
    scorer = load_scorer(Path(args.scorer))
    gold = json.loads((Path(args.gold) / (path.stem + ".json")).read_text(encoding="utf-8"))
    result = extract(path)
    from theodoi.ingest.parse.tasks import parse_tasks

    layout = parse_tasks(result.lines).layout
    lines_by_number = {line.number: line for line in result.lines}
    index: dict[tuple[str, str], list] = {}
    for task in result.plan.tasks:
        key = (scorer.code_key(task.section), scorer.code_key(task.code))
        index.setdefault(key, []).append(task)
    from theodoi.ingest.layout.interleaved.words import _column_words

    directory = _column_words()
    causes: Counter[tuple[str, str]] = Counter()
    failures: Counter[tuple[str, str]] = Counter()
    shapes: Counter[str] = Counter()
    missing = []
    report: dict[str, list[str]] = {f: [] for f in FIELDS}
    for row in gold["tasks"]:
        queue = index.get((scorer.code_key(row.get("section")), scorer.code_key(row.get("code"))))
        if not queue:
            missing.append(f"{row.get('section')}/{row.get('code')}")
            continue
        task = queue.pop(0)
        got = task.to_dict() if hasattr(task, "to_dict") else task.__dict__
        shape = shape_of(task, lines_by_number, layout)
        if args.layout and shape != args.layout:
            continue
        shapes[shape] += 1
        scores = field_scores(scorer, row, got)
        for name in FIELDS:
            if scores[name] < 1.0:
                failures[(name, shape)] += 1
                if name in ("lead", "support"):
                    causes[(name, agency_cause(scorer, row, got, name))] += 1
                elif name in ("name", "output"):
                    causes[(name, text_cause(scorer, row.get(name), got.get(name), directory))] += 1
            if (scores[name] < 1.0 or args.all) and (args.field in (None, name)):
                lines = task.provenance.source_lines
                report[name].append(
                    f"  {row.get('section')}/{row.get('code')} [{shape}] {scores[name]:.2f} "
                    f"lines {min(lines) if lines else '-'}-{max(lines) if lines else '-'}\n"
                    f"     gold: {show(row.get(name))}\n     got : {show(got.get(name))}"
                )
    for name in FIELDS:
        if report[name]:
            print(f"\n=== {name}: {len(report[name])} rows")
            print("\n".join(report[name]))
    if missing:
        print(f"\nmissing rows ({len(missing)}): {', '.join(missing)}")
    print("\nfailures by field and shape (rows of that shape in brackets)")
    print("field     " + "".join(f"{s:>12}" for s in sorted(shapes)))
    for name in FIELDS:
        print(f"{name:<10}" + "".join(f"{failures[(name, s)]:>8}/{shapes[s]:<3}" for s in sorted(shapes)))
    print("\nfailures by cause (see agency_cause, text_cause)")
    for name in ("name", "lead", "support", "output"):
        row_causes = sorted(((c, n) for (f, c), n in causes.items() if f == name), key=lambda x: -x[1])
        print(f"{name:<10}" + "  ".join(f"{c} {n}" for c, n in row_causes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
