"""Fuzz the layout and parse steps (atheris) on arbitrary text, for crashes and hangs.

    .venv/bin/python bench/fuzz_layout.py [-max_total_time=180] [-timeout=30]

The input is decoded as UTF-8 text and run through ``extract_document`` without restoration
(restoration is a model, not a parser); ``NotAPlan`` and other IngestErrors are expected
answers, anything else is a crash. Seeds: slices of the five sample plans.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from theodoi.ingest.errors import IngestError
    from theodoi.ingest.pipeline import ExtractConfig, extract_document, source_document_from_text

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ExtractConfig(restore=False, max_lines=3000)


def one_input(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    with contextlib.suppress(IngestError):  # "not a plan" and friends: answers, not crashes
        extract_document(source_document_from_text(text, name="fuzz.txt"), config=CONFIG)


def main() -> None:
    corpus = Path(tempfile.mkdtemp(prefix="fuzz-layout-"))
    for n, path in enumerate(sorted((ROOT / "samples" / "plans").glob("*.txt"))):
        text = path.read_bytes()
        (corpus / f"seed{n}").write_bytes(text[:6000])
        (corpus / f"seed{n}-tail").write_bytes(text[-6000:])
    args = [sys.argv[0], str(corpus), *sys.argv[1:]]
    if not any(a.startswith("-max_total_time") for a in args):
        args.append("-max_total_time=180")
    if not any(a.startswith("-timeout") for a in args):
        args.append("-timeout=30")
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
