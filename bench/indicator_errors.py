"""Per-field error report of the indicators: gold vs extracted fields, grouped by failure.

usage: .venv/bin/python bench/indicator_errors.py SAMPLE [--gold DIR] [--field NAME] [--all]

SAMPLE is a sample plan's path or the start of its file name ("000"). Every gold indicator is
matched to an extracted one as ../shared/bin/score-plan does: on (horizon, code), else on the
most similar name within the horizon; each field is scored the scorer's way. Prints, per field,
the failed rows (gold | extracted, with the source lines), the gold rows left unmatched and the
extracted rows nothing matched, then the failures per field. Without a gold file (001, 004) it
prints every extracted indicator, for reading by eye.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extract import ROOT, load_scorer
from theodoi.ingest.pipeline import extract

FIELDS = ("name", "unit", "op", "value", "lead")


def field_scores(scorer, gold: dict, got: dict) -> dict[str, float]:
    """Score one matched indicator's fields exactly as the scorer does."""
    return {
        "name": float(scorer.similar(gold.get("name"), got.get("name")) >= 0.9),
        "unit": float(
            scorer.fold(gold.get("unit")).replace(" ", "") == scorer.fold(got.get("unit")).replace(" ", "")
        ),
        "op": float(scorer.direction(gold.get("op")) == scorer.direction(got.get("op"))),
        "value": float(
            scorer.number_equal(gold.get("value"), got.get("value"))
            and scorer.number_equal(gold.get("value_max"), got.get("value_max"))
        ),
        "lead": scorer.set_f1(gold.get("lead"), got.get("lead")),
    }


def match(scorer, gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair each gold row with its extracted row, in the scorer's order and by its rules."""
    by_code: dict[tuple[str, str], dict] = {}
    by_horizon: dict[str, list[dict]] = {}
    for row in pred:
        if row.get("code"):
            by_code.setdefault((str(row.get("horizon")), scorer.code_key(row.get("code"))), row)
        by_horizon.setdefault(str(row.get("horizon")), []).append(row)
    used: set[int] = set()
    pairs = []
    for row in gold:
        got = None
        if row.get("code"):
            got = by_code.get((str(row.get("horizon")), scorer.code_key(row.get("code"))))
        if got is None or id(got) in used:
            pool = [r for r in by_horizon.get(str(row.get("horizon")), []) if id(r) not in used]
            best = max(pool, key=lambda r: scorer.similar(row.get("name"), r.get("name")), default=None)
            ok = best is not None and scorer.similar(row.get("name"), best.get("name")) >= 0.6
            got = best if ok else None
        if got is not None:
            used.add(id(got))
        pairs.append((row, got))
    return pairs


def show(row: dict, name: str) -> str:
    if name == "lead":
        return " ; ".join(row.get("lead") or [])
    if name in ("op", "value"):
        return f"{row.get('target')!r} op={row.get('op')} value={row.get('value')} max={row.get('value_max')}"
    value = row.get(name)
    return "" if value is None else str(value)


def label(row: dict) -> str:
    lines = row.get("source_lines") or []
    where = f"lines {min(lines)}-{max(lines)}" if lines else "lines -"
    return f"{row.get('horizon')}/{row.get('code')} {where}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample")
    parser.add_argument("--gold", default=str(ROOT / "tests" / "data" / "gold"))
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "bin" / "score-plan"))
    parser.add_argument("--field", choices=FIELDS, help="only this field's failures")
    parser.add_argument("--all", action="store_true", help="print every matched row, failed or not")
    args = parser.parse_args(argv)
    path = Path(args.sample)
    if not path.exists():
        path = next((ROOT / "samples" / "plans").glob(args.sample + "*"))
    pred = extract(path).plan.to_dict()["indicators"]
    gold_path = Path(args.gold) / (path.stem + ".json")
    if not gold_path.exists():
        for row in pred:
            print(
                f"{label(row)} [{row.get('group') or ''}]\n   {row.get('name')}\n"
                f"   unit={row.get('unit')!r} target={row.get('target')!r} op={row.get('op')} "
                f"value={row.get('value')} lead={row.get('lead')}"
            )
        print(f"\n{len(pred)} indicators (no gold: not scored)")
        return 0
    scorer = load_scorer(Path(args.scorer))
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["indicators"]
    pairs = match(scorer, gold, pred)
    report: dict[str, list[str]] = {f: [] for f in FIELDS}
    failures = dict.fromkeys(FIELDS, 0.0)
    for row, got in pairs:
        if got is None:
            continue
        scores = field_scores(scorer, row, got)
        for name in FIELDS:
            failures[name] += 1.0 - scores[name]
            if (scores[name] < 1.0 or args.all) and args.field in (None, name):
                report[name].append(
                    f"  {label(got)} {scores[name]:.2f}\n     gold: {show(row, name)}\n     got : {show(got, name)}"
                )
    for name in FIELDS:
        if report[name]:
            print(f"\n=== {name}: {len(report[name])} rows")
            print("\n".join(report[name]))
    missing = [row for row, got in pairs if got is None]
    matched = {id(got) for _row, got in pairs if got is not None}
    extra = [row for row in pred if id(row) not in matched]
    if missing:
        print(f"\n=== gold rows unmatched ({len(missing)})")
        print("\n".join(f"  {r.get('horizon')}/{r.get('code')} {r.get('name')}" for r in missing))
    if extra:
        print(f"\n=== extracted rows nothing matched ({len(extra)})")
        print("\n".join(f"  {label(r)} {r.get('name')}" for r in extra))
    print(f"\ngold={len(gold)} extracted={len(pred)} matched={len(pairs) - len(missing)}")
    print("field failures (lead counts 1 - F1): " + "  ".join(f"{k}={v:g}" for k, v in failures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
