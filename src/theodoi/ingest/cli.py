"""``theodoi restore`` and ``theodoi extract``: ingestion from the command line, no Django.

This is the only ingestion module that prints; the stages themselves return values.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from theodoi.ingest.errors import IngestError


def main(argv: list[str]) -> int:
    """Dispatch ``restore`` or ``extract``; return the exit status."""
    command, rest = argv[0], argv[1:]
    if command == "restore":
        return _restore(rest)
    return _extract(rest)


def _restore(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="theodoi restore",
        description="Khôi phục dấu tiếng Việt cho văn bản OCR, từng dòng (số dòng ra bằng số dòng vào).",
    )
    parser.add_argument("file", nargs="?", help="tệp văn bản; bỏ trống để đọc từ đầu vào chuẩn")
    args = parser.parse_args(argv)
    from theodoi.ingest.restore import default_restorer

    restorer = default_restorer()
    out = sys.stdout

    def restore(source: io.TextIOBase) -> None:
        for line in source:
            body = line[:-1] if line.endswith("\n") else line
            out.write(restorer.restore_line(body))
            out.write("\n")

    # Lines end at "\n" only (newline="\n"): a stray "\r" in OCR text must not split a line,
    # or more lines would come out than went in; a "\r\n" ending is kept as it was.
    if args.file:
        with open(args.file, encoding="utf-8", errors="replace", newline="\n") as source:
            restore(source)
    else:
        restore(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n"))
    out.flush()
    return 0


def _extract(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="theodoi extract",
        description="Trích xuất kế hoạch (nhiệm vụ, chỉ tiêu, chế độ báo cáo) từ văn bản sang nq57-plan/1.",
    )
    parser.add_argument("paths", nargs="+", help="tệp .txt/.docx/.pdf/.xlsx/ảnh, hoặc thư mục")
    parser.add_argument("--json", dest="json_out", help="với một tệp: ghi kết quả JSON vào tệp này")
    parser.add_argument(
        "--out-dir", help="với nhiều tệp: thư mục ghi các tệp JSON (mặc định: thư mục hiện tại)"
    )
    args = parser.parse_args(argv)
    from theodoi.ingest.pipeline import SUPPORTED_SUFFIXES, extract

    files: list[Path] = []
    for raw in args.paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            files.append(path)
    if args.json_out and len(files) != 1:
        parser.error("--json chỉ dùng với đúng một tệp; với nhiều tệp hãy dùng --out-dir")

    if len(files) == 1:
        try:
            result = extract(files[0])
        except IngestError as e:
            print(f"Lỗi: {files[0]}: {e.message}", file=sys.stderr)
            return 1
        text = json.dumps(result.plan.to_dict(), ensure_ascii=False, indent=1)
        if args.json_out:
            Path(args.json_out).write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
        return 0

    from tqdm import tqdm

    out_dir = Path(args.out_dir or ".")
    out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in tqdm(files, desc="Trích xuất", unit="tệp"):
        try:
            result = extract(path)
        except IngestError as e:
            failed += 1
            tqdm.write(f"Lỗi: {path}: {e.message}", file=sys.stderr)
            continue
        target = out_dir / (path.name + ".json")
        target.write_text(
            json.dumps(result.plan.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return 1 if failed else 0
