"""Benchmark the OCR restorer: word accuracy and speed on every dev pair file.

For each pair file the model is trained leave-one-document-out (no text of the scored
documents in the language or confusion model), written to a temporary folder, and scored by
``../shared/bin/score-restore`` running ``python -m theodoi.ingest.restore --model DIR``. In
the same run the OCR text as it is (identity) and pyvi's ``ViUtils.add_accents`` (on input with
the remaining marks stripped, errors caught) are scored on the same pairs. Prints a Markdown
table.

With ``--errors`` it prints instead, per pair file, the clean words the restorer still gets
wrong, sorted by kind (see ``error_kind``), each with the OCR line it came from.

usage: .venv/bin/python bench/restore.py [--pyvi | --errors]   (--pyvi: act as the pyvi filter)
"""

from __future__ import annotations

import difflib
import json
import re
import resource
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from theodoi.ingest.restore import SHIPPED_MODEL_DIR as SHIPPED  # noqa: E402
from theodoi.ingest.restore import train  # noqa: E402
from theodoi.ingest.restore.corpus import shipped_corpus, shipped_lexicon  # noqa: E402
from theodoi.ingest.restore.model import toneless  # noqa: E402

SCORE = ROOT.parent / "shared" / "bin" / "score-restore"
# (name, pairs file, documents left out of training)
DEV = [
    ("002 body (Quảng Trị)", ROOT.parent / "shared" / "restore" / "002-body.jsonl", {"002"}),
    ("000 lines aligned to 003 (Bình Định)", ROOT / "bench" / "data" / "000-003.jsonl", {"000", "003"}),
]


def score(pairs: Path, command: list[str]) -> tuple[float, float] | None:
    run = subprocess.run([sys.executable, str(SCORE), str(pairs), *command], capture_output=True, text=True)
    if run.returncode != 0:
        print(f"  score-restore failed: {run.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    accuracy = float(re.search(r"accuracy ([\d.]+)", run.stdout).group(1))
    speed = re.search(r"words/s (\d+)", run.stdout)
    return accuracy, float(speed.group(1)) if speed else float("nan")


def compile_restorer() -> None:
    """Write the bytecode of the modules ``python -m theodoi.ingest.restore`` imports.

    An installed package has it; a checkout run with PYTHONDONTWRITEBYTECODE set (or after an
    edit) would otherwise compile them again in every timed run, some 13 ms of a 4,000-word
    file that no deployment pays.
    """
    code = (
        "import compileall, os, theodoi, theodoi.ingest, theodoi.ingest.restore as r\n"
        "for m in (theodoi, theodoi.ingest): compileall.compile_dir(os.path.dirname(m.__file__), maxlevels=0, quiet=1)\n"
        "compileall.compile_dir(os.path.dirname(r.__file__), quiet=1)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def cpu_speed(pairs: Path, command: list[str], runs: int = 3) -> float:
    """Return words per CPU second of ``command`` on the OCR side (start-up and model load included).

    Wall-clock words/s (what score-restore prints) depends on what else the machine runs;
    CPU time is what "on one core" means. The best of ``runs`` runs is kept, as contention
    only ever adds time. The restorer's bytecode is written first (``compile_restorer``).
    """
    compile_restorer()
    ocr = [
        json.loads(line)["ocr"].replace("\n", " ") for line in pairs.open(encoding="utf-8") if line.strip()
    ]
    n_words = sum(len(re.findall(r"\w+", line)) for line in ocr)
    best = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, input="\n".join(ocr) + "\n", capture_output=True, text=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return n_words / best if best > 0 else float("nan")


def pyvi_filter() -> int:
    """Read OCR lines, write pyvi's restoration (stripped input; the line as it is on error)."""
    from pyvi import ViUtils

    from theodoi.ingest.text import strip_marks

    for line in sys.stdin:
        line = line.rstrip("\n")
        try:
            out = ViUtils.add_accents(strip_marks(line))
        except Exception:  # pyvi raises anything on odd input; the benchmark scores the line as it is
            out = line
        sys.stdout.write(out.replace("\n", " ") + "\n")
    return 0


def have_pyvi() -> bool:
    return subprocess.run([sys.executable, "-c", "import pyvi"], capture_output=True).returncode == 0


def main() -> int:
    with_pyvi = have_pyvi()
    rows = []
    for name, pairs, leave_out in DEV:
        if not pairs.exists():
            print(f"missing {pairs}; skipped", file=sys.stderr)
            continue
        texts, train_pairs = shipped_corpus(exclude=leave_out)
        with tempfile.TemporaryDirectory() as tmp:
            train(texts, train_pairs, shipped_lexicon()).save(tmp)
            command = [sys.executable, "-m", "theodoi.ingest.restore", "--model", tmp]
            ours = score(pairs, ["--", *command])
            ours_cpu = cpu_speed(pairs, command)
        identity = score(pairs, ["--identity"])
        pyvi_command = [sys.executable, str(Path(__file__).resolve()), "--pyvi"]
        pyvi = score(pairs, ["--", *pyvi_command]) if with_pyvi else None
        pyvi_cpu = cpu_speed(pairs, pyvi_command) if with_pyvi else float("nan")
        n_pairs = sum(1 for line in pairs.open(encoding="utf-8") if line.strip())
        rows.append((name, n_pairs, ours, ours_cpu, pyvi, pyvi_cpu, identity))

    def cell(result: tuple[float, float] | None, cpu: float | None = None) -> str:
        if result is None:
            return "n/a"
        if cpu is None:
            return f"{result[0]:.1%}"
        return f"{result[0]:.1%} ({result[1]:,.0f} w/s wall, {cpu:,.0f} w/s CPU)"

    print("| pairs | lines | theodoi | pyvi add_accents | OCR as is |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, n_pairs, ours, ours_cpu, pyvi, pyvi_cpu, identity in rows:
        print(f"| {name} | {n_pairs} | {cell(ours, ours_cpu)} | {cell(pyvi, pyvi_cpu)} | {cell(identity)} |")
    print("\nword accuracy by ../shared/bin/score-restore; words/s wall as it prints (start-up and model")
    print("load included), words/s CPU from the process's user+system time on the same input (best of 3,")
    print("bytecode compiled beforehand)")
    if not with_pyvi:
        print("\n(pyvi is not installed: `pip install pyvi` to fill its column)")
    print(
        f"\nthroughput on the four OCR'd samples (shipped model): {sample_throughput():,.0f} words per CPU second"
    )
    return 0


def sample_throughput() -> float:
    """Return words per CPU second of ``theodoi restore`` over the OCR'd samples, start-up included."""
    samples = sorted((ROOT / "samples" / "plans").glob("*.txt"))
    text = "".join(p.read_text(encoding="utf-8") for p in samples if not p.name.startswith("003"))
    n_words = len(re.findall(r"\w+", text))
    command = [sys.executable, "-m", "theodoi.ingest.restore", "--model", str(SHIPPED)]
    compile_restorer()
    best = float("inf")
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, input=text, capture_output=True, text=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return n_words / best


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text.lower()))  # as score-restore counts


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFD", word.replace("đ", "d"))
    return "".join(c for c in word if unicodedata.category(c) != "Mn")


KINDS = {
    "tone": "right letters, wrong tone (tại/tài): a language-model choice",
    "vowel": "right letters, wrong vowel mark or đ (đặt/đạt, quân/quan)",
    "kept": "left as the scan read it (no candidate the restorer believed)",
    "letters": "restored to another word (a damaged scan read as the wrong syllable)",
    "count": "dropped, added or split words",
}


def error_kind(clean: str, got: str, ocr_words: set[str]) -> str:
    """Name what went wrong with one clean word (``got`` is "" when nothing stands for it)."""
    if not got:
        return "count"
    if _fold(clean) == _fold(got):
        return "tone" if toneless(clean) == toneless(got) else "vowel"
    return "kept" if got in ocr_words else "letters"


def line_errors(clean: str, got: str, ocr: str) -> list[tuple[str, str, str]]:
    """Return (kind, clean word, what the output has) for each clean word scored wrong.

    Aligns the words as ``score-restore`` does (on their mark-less form); a replaced run of the
    same length pairs word for word, any other unmatched clean word counts as dropped.
    """
    c, g = _words(clean), _words(got)
    ocr_words = set(_words(ocr))
    out = []
    matcher = difflib.SequenceMatcher(None, [_fold(w) for w in c], [_fold(w) for w in g], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(
                (error_kind(a, b, ocr_words), a, b) for a, b in zip(c[i1:i2], g[j1:j2], strict=True) if a != b
            )
        elif tag == "replace" and i2 - i1 == j2 - j1:
            out.extend((error_kind(a, b, ocr_words), a, b) for a, b in zip(c[i1:i2], g[j1:j2], strict=True))
        else:
            out.extend(("count", a, "") for a in c[i1:i2])
    return out


def errors() -> int:
    """Print the words each leave-one-out model still gets wrong, by kind."""
    for name, pairs_path, leave_out in DEV:
        if not pairs_path.exists():
            print(f"missing {pairs_path}; skipped", file=sys.stderr)
            continue
        pairs = [json.loads(line) for line in pairs_path.open(encoding="utf-8") if line.strip()]
        ocr = [pair["ocr"].replace("\n", " ") for pair in pairs]
        texts, train_pairs = shipped_corpus(exclude=leave_out)
        with tempfile.TemporaryDirectory() as tmp:
            train(texts, train_pairs, shipped_lexicon()).save(tmp)
            command = [sys.executable, "-m", "theodoi.ingest.restore", "--model", tmp]
            run = subprocess.run(
                command, input="\n".join(ocr) + "\n", capture_output=True, text=True, check=True
            )
        got = run.stdout.split("\n")[: len(ocr)]
        by_kind: dict[str, list[str]] = defaultdict(list)
        total = 0
        for pair, line, restored in zip(pairs, ocr, got, strict=True):
            total += len(_words(pair["clean"]))
            for kind, right, wrong in line_errors(pair["clean"], restored, line):
                by_kind[kind].append(f"{right} → {wrong or '∅'}    | {line.strip()[:90]}")
        n_wrong = sum(len(v) for v in by_kind.values())
        print(f"## {name}: {n_wrong} wrong of {total} words")
        for kind, meaning in KINDS.items():
            found = by_kind.get(kind, [])
            print(f"\n### {kind}: {len(found)} ({meaning})")
            pairs_count = Counter(entry.split("    |")[0] for entry in found)
            print(
                "  " + ", ".join(f"{pair} ×{n}" if n > 1 else pair for pair, n in pairs_count.most_common())
            )
            for entry in found:
                print(f"    {entry}")
        print()
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--pyvi"]:
        sys.exit(pyvi_filter())
    sys.exit(errors() if sys.argv[1:] == ["--errors"] else main())
