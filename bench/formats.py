"""Benchmark the readers at a whole plan's scale: a gold plan printed as .docx, .pdf, a scan and .xlsx.

usage: .venv/bin/python bench/formats.py [--plans 003,000,002] [--formats docx,pdf,scan,rough,xlsx]
                                         [--gold DIR] [--scorer PATH] [--keep DIR]

The sample plans are all .txt, so the other readers are only checked on small fixtures by the
tests. Here each dev gold plan (its tasks, indicators, sections and header, clean Vietnamese)
is written out as a coordinator's Word file would hold it — header block, body with the
reporting duties, appendix I the indicator table by horizon, appendix II the task table with
its section rows — then:

- docx: that Word file, read by python-docx (real tables, merged section rows);
- pdf:  the Word file printed to PDF by LibreOffice (text layer, ruled tables: pdfplumber);
- scan: the PDF's pages rendered at 300 dpi with pypdfium2 and put back together as a PDF of
  images with no text layer, as a scanner gives it (tesseract with the Vietnamese model);
- rough: the same pages as a worse scanner gives them: 200 dpi, each turned by up to half a
  degree, blurred, speckled with dust and saved as JPEG at quality 60;
- xlsx: the task list as an Excel sheet (header row TT, Tên nhiệm vụ, ...; section rows).

Each file goes through ``theodoi.ingest.pipeline.extract`` (restoration included) and is
scored with ../shared/bin/score-plan against the gold it was made from. The scan has no OCR
noise beyond what tesseract makes of a clean 300 dpi print, so it measures tesseract plus the
layout step on ruled tables, not a real scanner's damage. The header and reporting fields
are written in this script's own wording, so their scores say more about that wording than
about the reader; the task and indicator tables are the measure. The .xlsx holds tasks only.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import docx
import openpyxl
import pypdfium2
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt
from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))  # tests.office: the tests' LibreOffice printer

from tests.office import SOFFICE, print_to_pdf  # noqa: E402

from extract import fmt, load_scorer  # noqa: E402
from theodoi.ingest.errors import IngestError  # noqa: E402
from theodoi.ingest.pipeline import extract_document  # noqa: E402
from theodoi.ingest.read import read_document  # noqa: E402
from theodoi.ingest.read.limits import ReadLimits  # noqa: E402

TASK_HEADER = ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Thời gian hoàn thành"]
INDICATOR_HEADER = ["TT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Cơ quan chủ trì theo dõi, đánh giá"]
CADENCE_WORDS = {
    "weekly": "hằng tuần",
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "semiannual": "6 tháng",
    "annual": "hằng năm",
}
# 002 printed this way runs to 70 pages, over the 60 pages of OCR an upload may ask for
LIMITS = ReadLimits(max_ocr_pages=100, total_timeout=3600.0)
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _agencies(names: list[str] | None) -> str:
    return "; ".join(names or [])


def _date_words(iso: str | None) -> str:
    if not iso:  # signed but not dated, as plans are printed before the date is stamped
        return "ngày     tháng     năm"
    year, month, day = iso.split("-")
    return f"ngày {day} tháng {month} năm {year}"


def _header_paragraphs(gold: dict) -> list[str]:
    doc = gold["document"]
    province = doc.get("province") or ""
    lines = [
        (doc.get("issuer") or f"UBND tỉnh {province}").upper(),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Số: {doc.get('number') or ''}",
        f"{province}, {_date_words(doc.get('date'))}",
        "KẾ HOẠCH",
        doc.get("title") or "",
    ]
    implements = doc.get("implements") or []
    if implements:
        lines.append(
            "Căn cứ "
            + "; ".join(f"{'Nghị quyết' if 'NQ' in n.upper() else 'Văn bản'} số {n}" for n in implements)
            + f", UBND tỉnh {province} ban hành Kế hoạch thực hiện như sau:"
        )
    for number in doc.get("supersedes") or []:
        lines.append(f"Kế hoạch này thay thế Kế hoạch số {number} của UBND tỉnh.")
    lines += ["I. MỤC TIÊU", "(Có Phụ lục I danh mục các chỉ tiêu kèm theo)."]
    lines += ["II. NHIỆM VỤ VÀ GIẢI PHÁP", "(Có Phụ lục II danh mục các nhiệm vụ kèm theo)."]
    lines.append("III. TỔ CHỨC THỰC HIỆN")
    for n, duty in enumerate(doc.get("reporting") or [], start=1):
        to = duty.get("to") or "Sở Khoa học và Công nghệ"
        due = f" {duty['due']}" if duty.get("due") else ""
        if duty.get("cadence") in CADENCE_WORDS:
            lines.append(
                f"{n}. Các sở, ban, ngành, địa phương định kỳ {CADENCE_WORDS[duty['cadence']]} báo cáo "
                f"kết quả thực hiện Kế hoạch gửi {to}{due} để tổng hợp."
            )
        else:
            lines.append(f"{n}. Báo cáo đột xuất kết quả thực hiện khi có yêu cầu gửi {to}{due}.")
    lines += ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", doc.get("signer") or ""]
    return [line for line in lines if line]


def _add_table(
    document, header: list[str], rows: list[list[str] | tuple[str, str]], widths: list[float]
) -> None:
    """A ruled table; a (code, title) row is a section row, its title merged across the other columns."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    for c, text in enumerate(header):
        table.rows[0].cells[c].text = text
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, tuple):
            code, title = row
            cells[0].text = code
            merged = cells[1].merge(cells[-1])
            merged.text = title
            continue
        for c, text in enumerate(row):
            cells[c].text = text
    for row in table.rows:
        for c, width in enumerate(widths):
            row.cells[c].width = Cm(width)


def plan_docx(gold: dict) -> bytes:
    """The gold plan as a Word file: body, appendix I (indicators), appendix II (tasks)."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(1.5)
    document.styles["Normal"].font.size = Pt(11)
    for text in _header_paragraphs(gold):
        document.add_paragraph(text)

    number = gold["document"].get("number") or ""
    document.add_page_break()
    document.add_paragraph("PHỤ LỤC I")
    document.add_paragraph("DANH MỤC CÁC CHỈ TIÊU CỤ THỂ")
    document.add_paragraph(f"(Kèm theo Kế hoạch số {number} của UBND tỉnh)")
    rows: list = []
    horizon = group = None
    for indicator in gold["indicators"]:
        if indicator.get("horizon") != horizon:
            horizon, group = indicator.get("horizon"), None
            rows.append(
                (ROMAN[len([r for r in rows if isinstance(r, tuple) and r[0]])], f"Đến năm {horizon}")
            )
        if indicator.get("group") and indicator.get("group") != group:
            group = indicator["group"]
            rows.append(("", group))
        rows.append(
            [
                indicator.get("code") or "",
                indicator.get("name") or "",
                indicator.get("unit") or "",
                indicator.get("target") or "",
                _agencies(indicator.get("lead")),
            ]
        )
    _add_table(document, INDICATOR_HEADER, rows, [1.2, 9.0, 3.0, 6.0, 6.0])

    document.add_page_break()
    document.add_paragraph("PHỤ LỤC II")
    document.add_paragraph("DANH MỤC CÁC NHIỆM VỤ CỤ THỂ")
    document.add_paragraph(f"(Kèm theo Kế hoạch số {number} của UBND tỉnh)")
    _add_table(document, TASK_HEADER, _task_rows(gold), [1.2, 9.0, 4.0, 4.5, 4.5, 3.0])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _task_rows(gold: dict) -> list:
    titles = {s["code"]: s.get("title") or "" for s in gold.get("sections") or []}
    rows: list = []
    section = None
    for task in gold["tasks"]:
        if task.get("section") != section:
            section = task.get("section")
            rows.append((section or "", titles.get(section, "")))
        rows.append(
            [
                task.get("code") or "",
                task.get("name") or "",
                _agencies(task.get("lead")),
                _agencies(task.get("support")),
                task.get("output") or "",
                task.get("deadline") or "",
            ]
        )
    return rows


def plan_xlsx(gold: dict) -> bytes:
    """The gold plan's task list as a workbook: a header row, section rows, one row per task."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Nhiệm vụ"
    sheet.append(TASK_HEADER)
    for row in _task_rows(gold):
        sheet.append([row[0], row[1]] if isinstance(row, tuple) else row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def print_pdf(docx_path: Path) -> Path:
    """Print the Word file to PDF with LibreOffice, as a coordinator's "Save as PDF" would."""
    if SOFFICE is None:
        raise SystemExit("LibreOffice (soffice) is not installed: scripts/bootstrap installs it")
    return print_to_pdf(docx_path, timeout=300)


def scan_pdf(pdf_path: Path, dpi: int = 300) -> bytes:
    """Render each page at ``dpi`` in grey and put the images back together with no text layer."""
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    pages = [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(pdf))]
    out = io.BytesIO()
    first, rest = pages[0].convert("L"), [p.convert("L") for p in pages[1:]]
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=float(dpi))
    return out.getvalue()


def rough_scan_pdf(pdf_path: Path, dpi: int = 200, seed: int = 57) -> bytes:
    """A worse scan: 200 dpi, each page turned by up to half a degree, blurred, speckled, JPEG'd."""
    rng = random.Random(seed)
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    pages = []
    for i in range(len(pdf)):
        page = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        page = page.rotate(rng.uniform(-0.5, 0.5), resample=Image.BICUBIC, fillcolor=255)
        page = page.filter(ImageFilter.GaussianBlur(0.7))
        speckled = page.load()
        for _ in range(page.width * page.height // 2000):  # dust: 0.05 % of the pixels
            speckled[rng.randrange(page.width), rng.randrange(page.height)] = rng.choice((0, 255))
        buffer = io.BytesIO()
        page.save(buffer, format="JPEG", quality=60)
        pages.append(Image.open(io.BytesIO(buffer.getvalue())))
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=float(dpi))
    return out.getvalue()


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", default="003,000,002", help="gold plans by the start of their name")
    parser.add_argument("--formats", default="docx,pdf,scan,rough,xlsx")
    parser.add_argument("--gold", default=str(ROOT / "tests" / "data" / "gold"))
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "bin" / "score-plan"))
    parser.add_argument("--keep", default=None, help="folder for the made files and extracted JSON")
    args = parser.parse_args(argv)
    scorer = load_scorer(Path(args.scorer))
    formats = args.formats.split(",")
    keep = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="theodoi-formats-"))
    keep.mkdir(parents=True, exist_ok=True)
    Image.MAX_IMAGE_PIXELS = None

    summary = []
    for prefix in args.plans.split(","):
        gold_path = next(Path(args.gold).glob(prefix + "*.json"))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        stem = gold_path.stem[:3]
        made: dict[str, Path] = {}
        docx_path = keep / f"{stem}.docx"
        docx_path.write_bytes(plan_docx(gold))
        made["docx"] = docx_path
        if {"pdf", "scan", "rough"} & set(formats):
            made["pdf"] = print_pdf(docx_path)
        if "scan" in formats:
            made["scan"] = keep / f"{stem}-scan.pdf"
            made["scan"].write_bytes(scan_pdf(made["pdf"]))
        if "rough" in formats:
            made["rough"] = keep / f"{stem}-rough.pdf"
            made["rough"].write_bytes(rough_scan_pdf(made["pdf"]))
        if "xlsx" in formats:
            made["xlsx"] = keep / f"{stem}.xlsx"
            made["xlsx"].write_bytes(plan_xlsx(gold))
        for kind in formats:
            path = made[kind]
            start, cpu = time.perf_counter(), _cpu()
            try:
                result = extract_document(read_document(path, limits=LIMITS))
            except IngestError as e:
                print(f"{stem} {kind:<5} ERROR {e.code}: {e.message}")
                continue
            elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
            pred = result.plan.to_dict()
            (keep / f"{path.stem}.{kind}.json").write_text(json.dumps(pred, ensure_ascii=False, indent=1))
            reference = dict(gold, indicators=[]) if kind == "xlsx" else gold
            score = scorer.score(reference, pred)
            summary.append((stem, kind, score, elapsed, cpu, len(result.document.lines)))
            t, i = score["tasks"], score.get("indicators")
            print(
                f"{stem} {kind:<5} {elapsed:6.1f} s  tasks {t['matched']}/{t['gold']} (pred {t['pred']}) "
                f"S={fmt(t['score'])} | " + " ".join(f"{k}={v:.3f}" for k, v in t["fields"].items())
            )
            if i:
                print(
                    f"          indicators {i['matched']}/{i['gold']} (pred {i['pred']}) S={fmt(i['score'])} | "
                    + " ".join(f"{k}={v:.3f}" for k, v in i["fields"].items())
                )
            print("          document " + " ".join(f"{k}={v:.2f}" for k, v in score["document"].items()))

    print(f"\nfiles and extracted plans in {keep}")
    print("\nplan format  tasks R  tasks S  ind R   ind S   diacr   overall   wall s   CPU s")
    for stem, kind, s, elapsed, cpu, _ in summary:
        t, i = s.get("tasks") or {}, s.get("indicators") or {}
        print(
            f"{stem}  {kind:<5}  {fmt(t.get('recall'))}   {fmt(t.get('score'))}   {fmt(i.get('recall'))}   "
            f"{fmt(i.get('score'))}   {fmt(s['diacritics'])}   "
            f"{'  -   ' if kind == 'xlsx' else format(s['overall'], '.4f')}   {elapsed:6.1f}  {cpu:6.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
