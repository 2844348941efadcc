"""Calibrate the review queue ("next to check"): which confidence threshold flags the wrong cells.

usage: .venv/bin/python bench/review_queue.py [--samples DIR] [--gold DIR] [--scorer PATH]

Extracts samples 000 and 002 in-process and builds, for each threshold 0.30, 0.35 ... 0.90,
the queue the review screen shows (``draft_review_queue`` on an unsaved draft, each entry
mapped to the cell it opens as ``theodoi.web.review.queue_path`` does: the parsed parts of
a target open the target cell, which takes the lowest of their confidences). Each cell is
judged right or wrong against the dev gold with the field comparisons of
``../shared/bin/score-plan`` (loaded and called as is):

- tasks matched on (section, code): name similar >= 0.9, output >= 0.85, deadline equal
  (folded), lead and support right when their agency-set F1 is 1; section and code right
  (they are what matched);
- indicators matched on (horizon, code), else on the most similar name in the horizon:
  name >= 0.9, unit equal, target right when the direction and both values are, lead as
  above; horizon and code right;
- an extracted task or indicator the gold has no row for: every cell of it wrong (the
  reviewer should delete or renumber it);
- header: number, date, province, implements, supersedes as score-plan compares them;
  a reporting duty's cadence right when the gold has that cadence.

Cells score-plan has no comparison for (issuer, title, signer, indicator group, a duty's due
and recipient, sections) are counted in "flagged" — the reviewer sees them — but not in
precision or recall. A gold row extraction missed has no cell to flag and is not counted.

Prints per threshold and plan: cells flagged, flagged cells with a verdict, wrong cells, how
many of the wrong are flagged (recall) and of the judged flagged are wrong (precision); the
share of wrong cells at each confidence; then how many wrong cells the first 20 and 50 queue
entries hold in reading order and worst confidence first. Needs Django settings (no database is touched).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")

import django  # noqa: E402

django.setup()

from extract import load_scorer  # noqa: E402
from theodoi.ingest.pipeline import extract  # noqa: E402
from theodoi.plans.drafts import draft_review_queue  # noqa: E402
from theodoi.plans.models import PlanDraft  # noqa: E402
from theodoi.web.review import queue_path  # noqa: E402

SAMPLES = ("000_e412e5038f44b581", "002_a739a90603f09329")
THRESHOLDS = [round(0.30 + 0.05 * n, 2) for n in range(13)]
TOP = (20, 50)
EVERYTHING = 1.01  # above any confidence: the queue lists every cell that has one


@dataclass(frozen=True)
class Cell:
    path: str
    confidence: float
    order: int  # place in the queue's reading order


def queue_cells(document: dict[str, Any], threshold: float) -> list[Cell]:
    """Return the cells the review screen lists below ``threshold``, in its reading order."""
    draft = PlanDraft(document=document, source_lines=[])
    cells: dict[str, Cell] = {}
    for ref in draft_review_queue(draft=draft, threshold=threshold):
        path = queue_path(ref.path)
        seen = cells.get(path)
        if seen is None:
            cells[path] = Cell(path, ref.confidence, len(cells))
        elif ref.confidence < seen.confidence:
            cells[path] = Cell(path, ref.confidence, seen.order)
    return sorted(cells.values(), key=lambda c: c.order)


def task_verdicts(sp: Any, gold: list[dict], pred: list[dict]) -> dict[str, bool]:
    """Return path -> right? for the extracted task cells score-plan compares."""
    index: dict[tuple[str, str], list[int]] = {}
    for i, row in enumerate(pred):
        index.setdefault((sp.code_key(row.get("section")), sp.code_key(row.get("code"))), []).append(i)
    out: dict[str, bool] = {}
    matched: set[int] = set()
    for row in gold:
        waiting = index.get((sp.code_key(row.get("section")), sp.code_key(row.get("code"))))
        if not waiting:
            continue
        i = waiting.pop(0)
        matched.add(i)
        got = pred[i]
        deadline = sp.fold(row.get("deadline")).replace(" ", "") == sp.fold(got.get("deadline")).replace(
            " ", ""
        )
        verdicts = {
            "section": True,
            "code": True,
            "name": sp.similar(row.get("name"), got.get("name")) >= 0.9,
            "lead": sp.set_f1(row.get("lead"), got.get("lead")) == 1.0,
            "support": sp.set_f1(row.get("support"), got.get("support")) == 1.0,
            "output": sp.similar(row.get("output"), got.get("output")) >= 0.85,
            "deadline": deadline,
        }
        out.update({f"tasks[{i}].{k}": v for k, v in verdicts.items()})
    for i in set(range(len(pred))) - matched:
        out.update({f"tasks[{i}].{k}": False for k in pred[i].get("confidence") or {}})
    return out


def indicator_verdicts(sp: Any, gold: list[dict], pred: list[dict]) -> dict[str, bool]:
    """Return path -> right? for the extracted indicator cells, matched as score-plan matches them."""
    by_code: dict[tuple[str, str], int] = {}
    by_horizon: dict[str, list[int]] = {}
    for i, row in enumerate(pred):
        if row.get("code"):
            by_code.setdefault((str(row.get("horizon")), sp.code_key(row.get("code"))), i)
        by_horizon.setdefault(str(row.get("horizon")), []).append(i)
    used: set[int] = set()
    out: dict[str, bool] = {}
    for row in gold:
        i = by_code.get((str(row.get("horizon")), sp.code_key(row.get("code")))) if row.get("code") else None
        if i is None or i in used:
            pool = [j for j in by_horizon.get(str(row.get("horizon")), []) if j not in used]
            i = max(pool, key=lambda j: sp.similar(row.get("name"), pred[j].get("name")), default=None)
            if i is not None and sp.similar(row.get("name"), pred[i].get("name")) < 0.6:
                i = None
        if i is None:
            continue
        used.add(i)
        got = pred[i]
        target = sp.direction(row.get("op")) == sp.direction(got.get("op")) and (
            sp.number_equal(row.get("value"), got.get("value"))
            and sp.number_equal(row.get("value_max"), got.get("value_max"))
        )
        unit = sp.fold(row.get("unit")).replace(" ", "") == sp.fold(got.get("unit")).replace(" ", "")
        verdicts = {
            "horizon": True,
            "code": True,
            "name": sp.similar(row.get("name"), got.get("name")) >= 0.9,
            "unit": unit,
            "target": target,
            "lead": sp.set_f1(row.get("lead"), got.get("lead")) == 1.0,
        }
        out.update({f"indicators[{i}].{k}": v for k, v in verdicts.items()})
    for i in set(range(len(pred))) - used:
        fields = {queue_path(f"indicators[{i}].{k}") for k in pred[i].get("confidence") or {}}
        out.update(dict.fromkeys(fields, False))
    return out


def header_verdicts(sp: Any, gold: dict, pred: dict) -> dict[str, bool]:
    """Return path -> right? for the header cells and the reporting duties' cadences."""
    scored = sp.score_document(gold, pred)
    out = {
        f"document.{k}": scored[k] == 1.0 for k in ("number", "date", "province", "implements", "supersedes")
    }
    cadences = {r.get("cadence") for r in gold.get("reporting") or []}
    for i, duty in enumerate(pred.get("reporting") or []):
        out[f"document.reporting[{i}].cadence"] = duty.get("cadence") in cadences
    return out


def verdicts(sp: Any, gold: dict, pred: dict) -> dict[str, bool]:
    return {
        **header_verdicts(sp, gold.get("document") or {}, pred.get("document") or {}),
        **task_verdicts(sp, gold.get("tasks") or [], pred.get("tasks") or []),
        **indicator_verdicts(sp, gold.get("indicators") or [], pred.get("indicators") or []),
    }


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def wrong_in_first(cells: list[Cell], judged: dict[str, bool], n: int, key: Callable[[Cell], Any]) -> str:
    first = sorted(cells, key=key)[:n]
    return f"{sum(1 for c in first if judged.get(c.path) is False)}/{len(first)}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", default=str(ROOT / "samples" / "plans"))
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold"))
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "bin" / "score-plan"))
    args = parser.parse_args(argv)
    sp = load_scorer(Path(args.scorer))
    plans = {}
    for stem in SAMPLES:
        pred = extract(Path(args.samples) / f"{stem}.txt").plan.to_dict()
        gold = json.loads((Path(args.gold) / f"{stem}.json").read_text(encoding="utf-8"))
        judged = verdicts(sp, gold, pred)
        every = {c.path for c in queue_cells(pred, EVERYTHING)}
        wrong = {p for p, right in judged.items() if not right}
        print(
            f"{stem[:3]}: {len(pred['tasks'])} tasks, {len(pred['indicators'])} indicators; "
            f"{len(every)} cells with a confidence, {len(judged)} with a verdict, {len(wrong)} wrong"
        )
        plans[stem[:3]] = (pred, judged, wrong)

    print()
    print("threshold | plan | flagged | judged | wrong flagged / wrong | recall | precision")
    for threshold in THRESHOLDS:
        totals = [0, 0, 0, 0]
        for name, (pred, judged, wrong) in plans.items():
            cells = queue_cells(pred, threshold)
            flagged_judged = [c for c in cells if c.path in judged]
            hit = sum(1 for c in flagged_judged if c.path in wrong)
            row = [len(cells), len(flagged_judged), hit, len(wrong)]
            totals = [a + b for a, b in zip(totals, row, strict=True)]
            print(
                f"  {threshold:.2f}    | {name}  | {row[0]:7d} | {row[1]:6d} | {hit:5d} / {len(wrong):<5d}"
                f"         | {pct(hit, len(wrong))} | {pct(hit, row[1])}"
            )
        print(
            f"  {threshold:.2f}    | all  | {totals[0]:7d} | {totals[1]:6d} | {totals[2]:5d} / {totals[3]:<5d}"
            f"         | {pct(totals[2], totals[3])} | {pct(totals[2], totals[1])}"
        )

    print()
    print("by confidence: cells whose confidence falls in [low, low + 0.05), both plans")
    print("  low  | cells | judged | wrong | wrong share")
    buckets: dict[float, list[int]] = {}
    for pred, judged, wrong in plans.values():
        for cell in queue_cells(pred, EVERYTHING):
            low = min(THRESHOLDS[-1], max(0.0, (cell.confidence + 1e-9) // 0.05 * 0.05))
            counts = buckets.setdefault(round(low, 2), [0, 0, 0])
            counts[0] += 1
            counts[1] += cell.path in judged
            counts[2] += cell.path in wrong
    for low, (n, j, w) in sorted(buckets.items()):
        print(f"  {low:.2f} | {n:5d} | {j:6d} | {w:5d} | {pct(w, j)}")

    print()
    print("ordering at the current threshold (THEODOI_REVIEW_CONFIDENCE): wrong cells among the first N")
    from theodoi.plans.drafts.review_queue import _threshold

    current = _threshold()
    for name, (pred, judged, _wrong) in plans.items():
        cells = queue_cells(pred, current)
        for n in TOP:
            reading = wrong_in_first(cells, judged, n, key=lambda c: c.order)
            worst = wrong_in_first(cells, judged, n, key=lambda c: (c.confidence, c.order))
            print(
                f"  {name} threshold {current:.2f}: first {n}: reading order {reading}, worst first {worst}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
