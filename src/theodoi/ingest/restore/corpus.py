"""The shipped training corpus: clean texts and (OCR, clean) pairs, named by source document.

A file's name starts with the sample numbers it comes from ("002-gold.txt", "000-003.pairs.txt")
so that a benchmark can leave one document out of training. Files without a number
("written.txt": administrative Vietnamese written for the project) belong to no sample.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
_DOC = re.compile(r"\d{3}")


def documents_of(path: Path) -> set[str]:
    """Return the sample numbers a corpus file comes from ("000-003.pairs.txt" -> {"000", "003"})."""
    out = set()
    for part in path.name.split(".")[0].split("-"):
        if not _DOC.fullmatch(part):
            break
        out.add(part)
    return out


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """Read a pairs file: one {"ocr": ..., "clean": ...} object a line (JSON lines).

    The corpus names them ``*.pairs.txt`` so that the package data (``*.txt``) ships them.
    """
    pairs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                item = json.loads(line)
                pairs.append((item["ocr"], item["clean"]))
    return pairs


def shipped_corpus(
    exclude: Iterable[str] = (), directory: Path = CORPUS_DIR
) -> tuple[list[str], list[tuple[str, str]]]:
    """Return (clean texts, pairs) of the corpus, leaving out files from ``exclude`` documents."""
    excluded = set(exclude)
    texts = [
        path.read_text(encoding="utf-8")
        for path in sorted((directory / "texts").glob("*.txt"))
        if not documents_of(path) & excluded
    ]
    pairs: list[tuple[str, str]] = []
    for path in sorted((directory / "pairs").glob("*.pairs.txt")):
        if not documents_of(path) & excluded:
            pairs.extend(read_pairs(path))
    return texts, pairs


def shipped_lexicon(directory: Path = CORPUS_DIR) -> list[str]:
    """Return the dictionary words of the corpus (pyvi's word list, MIT licence, see lexicon/)."""
    words: list[str] = []
    for path in sorted((directory / "lexicon").glob("*words.txt")):
        words.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return words
