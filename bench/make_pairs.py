"""Build dev pairs from an OCR'd sample and a clean sample with the same wording.

Bình Định's 103/KH-UBND (sample 000, OCR'd) repeats most sentences of its 37/KH-UBND
(sample 003, clean). This aligns the two on folded words and writes, for every OCR line whose
words all line up with a run of clean words, one {"ocr", "clean"} pair: the input of
``../shared/bin/score-restore``.

usage: .venv/bin/python bench/make_pairs.py [--corpus | OCR.txt CLEAN.txt OUT.jsonl]
(--corpus also refreshes the clean texts and pairs the restorer ships in its corpus folder)
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "plans"
OUT = ROOT / "bench" / "data" / "000-003.jsonl"
CORPUS_COPY = ROOT / "src" / "theodoi" / "ingest" / "restore" / "corpus" / "pairs" / "000-003.pairs.txt"
WORD = re.compile(r"[\w&¢€£¥§@]+")
ROUGH = str.maketrans("0136&¢€@", "oleooeeu")


def fold(word: str) -> str:
    word = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in word if not unicodedata.combining(c)).translate(ROUGH)


def similar(a: str, b: str) -> bool:
    """Two aligned words plausibly the same word under OCR noise (numbers must match exactly)."""
    if a.isdigit() or b.isdigit():
        return a == b
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio() >= 0.5


def make_pairs(ocr_text: str, clean_text: str, source: str) -> list[dict]:
    """Return aligned pairs: OCR lines whose every word lines up with the clean text."""
    ocr_words = []  # (line index, word)
    lines = ocr_text.splitlines()
    for n, line in enumerate(lines):
        ocr_words.extend((n, m.group()) for m in WORD.finditer(line))
    clean_words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(clean_text)]
    matcher = difflib.SequenceMatcher(
        None, [fold(w) for _, w in ocr_words], [fold(w) for _, _, w in clean_words], autojunk=False
    )
    aligned: dict[int, int] = {}  # ocr word index -> clean word index
    exact: set[int] = set()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                aligned[i1 + k] = j1 + k
                if tag == "equal":
                    exact.add(i1 + k)
    by_line: dict[int, list[int]] = {}
    for i, (n, _) in enumerate(ocr_words):
        by_line.setdefault(n, []).append(i)
    pairs = []
    for n, indices in sorted(by_line.items()):
        if len(indices) < 3 or any(i not in aligned for i in indices):
            continue
        targets = [aligned[i] for i in indices]
        if targets != list(range(targets[0], targets[0] + len(targets))):
            continue
        if sum(i in exact for i in indices) < 0.5 * len(indices):
            continue
        if not all(similar(ocr_words[i][1], clean_words[aligned[i]][2]) for i in indices):
            continue
        start, end = clean_words[targets[0]][0], clean_words[targets[-1]][1]
        clean = clean_text[start:end].replace("\n", " ")
        ocr = lines[n].strip()
        # keep the line's own leading and trailing punctuation on the clean side
        spans = [m.span() for m in WORD.finditer(ocr)]
        head, tail = ocr[: spans[0][0]], ocr[spans[-1][1] :]
        pairs.append({"source": source, "line": n + 1, "ocr": ocr, "clean": head + clean + tail})
    return pairs


def gold_text(path: Path) -> str:
    """Return every text value of a gold nq57-plan JSON file, one a line."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            if not value.isascii():  # Vietnamese text, not format codes such as "monthly"
                out.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(path.read_text(encoding="utf-8")))
    return "\n".join(out) + "\n"


def refresh_corpus() -> None:
    """Copy the repo's clean texts into the restorer's corpus, named by source document."""
    corpus = CORPUS_COPY.parent.parent
    shutil.copyfile(next(SAMPLES.glob("003_*.txt")), corpus / "texts" / "003-plan.txt")
    for gold in sorted((ROOT / "tests" / "data" / "gold").glob("*.json")):
        (corpus / "texts" / f"{gold.name[:3]}-gold.txt").write_text(gold_text(gold), encoding="utf-8")
    shared = ROOT.parent / "shared" / "restore" / "002-body.jsonl"
    if shared.exists():
        shutil.copyfile(shared, corpus / "pairs" / "002-body.pairs.txt")


def main(argv: list[str]) -> int:
    if argv == ["--corpus"]:
        refresh_corpus()
        argv = []
    if argv:
        ocr_path, clean_path, out = Path(argv[0]), Path(argv[1]), Path(argv[2])
    else:
        ocr_path = next(SAMPLES.glob("000_*.txt"))
        clean_path = next(SAMPLES.glob("003_*.txt"))
        out = OUT
    pairs = make_pairs(
        ocr_path.read_text(encoding="utf-8"), clean_path.read_text(encoding="utf-8"), ocr_path.name
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for pair in pairs:
            f.write(json.dumps(pair, ensure_ascii=False) + "\n")
    if not argv:
        shutil.copyfile(out, CORPUS_COPY)
    words = sum(len(WORD.findall(p["clean"])) for p in pairs)
    print(f"{len(pairs)} pairs, {words} clean words -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
