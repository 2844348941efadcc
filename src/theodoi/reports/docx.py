"""Write the consolidated report as .docx in the administrative layout of Decree 30/2020/NĐ-CP.

Appendix I of the Decree fixes the layout of an administrative document; the parts used:

- A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm (the Decree's 20-25,
  30-35 and 15-20 mm); Times New Roman, Vietnamese Unicode (TCVN 6909:2001);
- the header as a two-column borderless table: left, the governing body (regular) and the
  issuing body (bold) in capitals with a short rule under them, then "Số: .../BC-SKHCN";
  right, the national name "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (bold capitals) and the
  motto "Độc lập - Tự do - Hạnh phúc" (bold) with a rule as long as the motto, then the
  place and date in italics ("Gia Lai, ngày 05 tháng 01 năm 2026": day below 10 and
  months 1 and 2 with a leading zero);
- the kind "BÁO CÁO" and the subject (trích yếu) bold and centred with a short rule under;
- the body 14 pt, justified, first line indented 1.27 cm, 6 pt between paragraphs, numbered
  I, II, III (bold capitals) and 1, 2 ... (bold);
- "Nơi nhận:" bold italic 12 pt with the recipients in 11 pt, bottom left; the signature
  block bottom right: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" bold capitals, room to sign, the name bold;
- page numbers centred at the top from the second page on.

Rules are drawn as the top border of an empty paragraph indented to the rule's length, which
Word and LibreOffice both render where the Decree puts them (no drawing objects).
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from theodoi.ingest.text import fold
from theodoi.reports.build import (
    STATUS_ORDER,
    ConsolidatedReport,
    SectionResult,
    TaskLine,
    period_phrase,
    section_heading,
)

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
ISSUER_PT = 12  # the Decree allows 12-13; 13 wraps the Department's name in its column
PAGE_WIDTH_CM, LEFT_CM, RIGHT_CM = 21.0, 3.0, 1.5
TEXT_WIDTH_CM = PAGE_WIDTH_CM - LEFT_CM - RIGHT_CM
HEADER_LEFT_CM = 7.0
FOOTER_LEFT_CM = 8.0
MISSING_LISTED = 10  # agencies named in the compliance paragraph before "and N others"
HEADING_CHARS = 220  # OCR'd section titles run on; the body prints the start of them


def vn_date_line(place: str, day: dt.date) -> str:
    """Return the place-and-date line: "Gia Lai, ngày 05 tháng 01 năm 2026" (Decree 30 zeros)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _percent(part: int, whole: int) -> str:
    if not whole:
        return "0%"
    return f"{100 * part / whole:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def _clip(text: str, limit: int = HEADING_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-–") + "…"


class _Writer:
    """Paragraph helpers over one python-docx Document."""

    def __init__(self) -> None:
        self.doc = Document()
        self._page_setup()

    def _page_setup(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin, section.right_margin = Cm(LEFT_CM), Cm(RIGHT_CM)
        section.header_distance = section.footer_distance = Cm(1)
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        fmt = normal.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
        # Page numbers at the top centre, not on the first page (Decree 30, Appendix I).
        section.different_first_page_header_footer = True
        number = section.header.paragraphs[0]
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _field(number, "PAGE", size=BODY_PT)

    def para(
        self,
        text: str = "",
        *,
        container: _Cell | None = None,
        size: int = BODY_PT,
        bold: bool = False,
        italic: bool = False,
        align: int | None = WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent: bool = False,
        before: float = 0,
        after: float = 0,
    ) -> Paragraph:
        target = container if container is not None else self.doc
        if container is not None and len(container.paragraphs) == 1 and not container.paragraphs[0].text:
            p = container.paragraphs[0]
        else:
            p = target.add_paragraph()
        p.alignment = align
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if indent:
            fmt.first_line_indent = Cm(1.27)
        if text:
            run = p.add_run(text)
            run.font.size, run.bold, run.italic = Pt(size), bold, italic
        return p

    def body(self, text: str, *, bold: bool = False, italic: bool = False) -> Paragraph:
        return self.para(text, bold=bold, italic=italic, indent=True, after=6)

    def rule(self, *, container: _Cell | None = None, width_cm: float, line_cm: float) -> None:
        """Draw a centred horizontal rule ``line_cm`` long in a cell (or the page) ``width_cm`` wide.

        The rule is the bottom border of an empty paragraph 3 pt high, so it sits just under
        the line above it; the indents on both sides give its length.
        """
        p = self.para(container=container, align=WD_ALIGN_PARAGRAPH.CENTER)
        side = max((width_cm - line_cm) / 2, 0)
        fmt = p.paragraph_format
        fmt.left_indent = fmt.right_indent = Cm(side)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(3)
        border = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
            bottom.set(qn(key), value)
        border.append(bottom)
        p._p.get_or_add_pPr().append(border)

    def table(self, widths: list[float]) -> list[_Cell]:
        table = self.doc.add_table(rows=1, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _fixed_layout(table._tbl)
        # A header or signature block split over two pages is not a document any more.
        row_props = table.rows[0]._tr.get_or_add_trPr()
        row_props.append(OxmlElement("w:cantSplit"))
        cells = list(table.rows[0].cells)
        for column, cell, width in zip(table.columns, cells, widths, strict=True):
            column.width = cell.width = Cm(width)
        return cells


def _fixed_layout(tbl: OxmlElement) -> None:
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl.tblPr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        node = OxmlElement(f"w:{side}")
        node.set(qn("w:w"), "0")
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    tbl.tblPr.append(margins)


def _field(p: Paragraph, code: str, *, size: int) -> None:
    """Append a Word field (PAGE) to ``p``."""
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        run = p.add_run()
        run.font.size = Pt(size)
        if kind is not None:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
            run._r.append(node)
        elif text == code:
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = f" {code} "
            run._r.append(node)
        else:
            run.text = text or ""


def _status_sentence(counts: dict, total: int) -> str:
    parts = [f"{status.label.lower()} {counts[status]}" for status in STATUS_ORDER]
    return f"Tổng số {total} nhiệm vụ: " + "; ".join(parts) + "."


def _leads(line: TaskLine) -> str:
    return f" ({'; '.join(line.leads)})" if line.leads else ""


def _task_name(line: TaskLine) -> str:
    code = f"Nhiệm vụ {line.task.code}: " if line.task.code else ""
    return code + _clip(line.task.name, 300)


def write_docx(report: ConsolidatedReport) -> bytes:
    """Return the consolidated report as a .docx file's bytes."""
    w = _Writer()
    issuer = report.issuer

    left, right = w.table([HEADER_LEFT_CM, TEXT_WIDTH_CM - HEADER_LEFT_CM])
    center = WD_ALIGN_PARAGRAPH.CENTER
    if issuer.parent:
        w.para(issuer.parent, container=left, size=ISSUER_PT, align=center)
    w.para(issuer.name, container=left, size=ISSUER_PT, bold=True, align=center)
    w.rule(container=left, width_cm=HEADER_LEFT_CM, line_cm=2.4)
    w.para(f"Số: {report.reference}", container=left, size=HEADER_PT, align=center, before=6)
    w.para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", container=right, size=12, bold=True, align=center)
    w.para("Độc lập - Tự do - Hạnh phúc", container=right, size=HEADER_PT, bold=True, align=center)
    w.rule(container=right, width_cm=TEXT_WIDTH_CM - HEADER_LEFT_CM, line_cm=6.0)
    w.para(
        vn_date_line(issuer.place, report.issued_on),
        container=right,
        size=BODY_PT,
        italic=True,
        align=center,
        before=6,
    )

    w.para("BÁO CÁO", bold=True, align=center, before=18)
    w.para(report.subject, bold=True, align=center)
    w.rule(width_cm=TEXT_WIDTH_CM, line_cm=5.0)
    w.para(after=6)

    plan = report.plan
    plan_name = f"Kế hoạch số {plan.number}" if plan.number else "Kế hoạch"
    w.body(
        f"Thực hiện {plan_name}"
        + (f" ngày {plan.date:%d/%m/%Y}" if plan.date else "")
        + (f" của {plan.issuer}" if plan.issuer else "")
        + f", trên cơ sở báo cáo của các cơ quan, đơn vị, Sở Khoa học và Công nghệ báo cáo kết quả thực hiện "
        f"{_period(report)} như sau:"
    )

    w.body("I. KẾT QUẢ THỰC HIỆN", bold=True)
    _general(w, report)
    number = 2
    for section in report.sections:
        _section(w, number, section)
        number += 1
    _indicators(w, number, report)

    w.body("II. KHÓ KHĂN, VƯỚNG MẮC", bold=True)
    overdue = report.counts[STATUS_ORDER[3]]
    missing = sorted({a for c in report.compliance for a in c.missing})
    wrote = False
    for remark in report.difficulties:
        w.body(f"- {remark.text.rstrip('.')} ({'; '.join(remark.agencies)}).")
        wrote = True
    if overdue:
        w.body(f"- Còn {overdue} nhiệm vụ đang thực hiện quá thời hạn của Kế hoạch.")
        wrote = True
    if missing:
        w.body(f"- Còn {len(missing)} cơ quan, đơn vị chưa gửi đủ báo cáo định kỳ trong kỳ.")
        wrote = True
    if not wrote:
        w.body("Trong kỳ, các cơ quan, đơn vị không phản ánh khó khăn, vướng mắc.")

    w.body("III. ĐỀ XUẤT, KIẾN NGHỊ", bold=True)
    for remark in report.proposals:
        w.body(f"- {remark.text.rstrip('.')} ({'; '.join(remark.agencies)}).")
    recipient = issuer.recipient
    if overdue or missing:
        w.body(
            f"- Đề nghị {recipient} chỉ đạo các cơ quan, đơn vị có nhiệm vụ chậm tiến độ khẩn trương "
            "triển khai, hoàn thành và báo cáo đầy đủ, đúng hạn theo quy định."
        )
    elif not report.proposals:
        w.body("Trong kỳ, các cơ quan, đơn vị không có đề xuất, kiến nghị.")
    closing = w.body(
        f"Trên đây là báo cáo kết quả thực hiện {_period(report)}, "
        f"Sở Khoa học và Công nghệ kính báo cáo {recipient} xem xét, chỉ đạo./."
    )
    # The signature page must carry text of the report, never the signature alone.
    closing.paragraph_format.keep_with_next = True

    _closing(w, report)
    out = BytesIO()
    w.doc.save(out)
    return out.getvalue()


def _period(report: ConsolidatedReport) -> str:
    plan = report.plan
    name = f"Kế hoạch số {plan.number}" if plan.number else "Kế hoạch"
    return f"{name} {period_phrase(report.period)}"


def _general(w: _Writer, report: ConsolidatedReport) -> None:
    counts, tasks = report.counts, report.tasks
    w.body("1. Tình hình chung", bold=True)
    w.body(
        f"Kế hoạch có {len(tasks)} nhiệm vụ thuộc {len(report.sections)} nhóm nhiệm vụ và "
        f"{len(report.indicators)} chỉ tiêu. Tính đến ngày {report.on:%d/%m/%Y}, kết quả thực hiện nhiệm vụ như sau:"
    )
    for status in STATUS_ORDER:
        w.body(f"- {status.label}: {counts[status]} nhiệm vụ ({_percent(counts[status], len(tasks))});")
    if not report.compliance:
        w.body("Trong kỳ, Kế hoạch không quy định báo cáo định kỳ của các cơ quan, đơn vị.")
        return
    w.body("Tình hình gửi báo cáo của các cơ quan, đơn vị trong kỳ:")
    for c in report.compliance:
        text = (
            f"- Báo cáo {c.cadence_label}: {c.sent}/{c.owed} báo cáo đã gửi ({c.on_time} đúng hạn, "
            f"{c.late} quá hạn), {c.accepted} báo cáo đã được tiếp nhận"
        )
        if c.missing:
            named = "; ".join(c.missing[:MISSING_LISTED])
            more = (
                f" và {len(c.missing) - MISSING_LISTED} cơ quan khác"
                if len(c.missing) > MISSING_LISTED
                else ""
            )
            text += f"; cơ quan chưa gửi đủ: {named}{more}"
        w.body(text + ".")


def _section(w: _Writer, number: int, section: SectionResult) -> None:
    label = f"Nhóm nhiệm vụ {section.code}: " if section.code else ""
    w.body(f"{number}. {label}{_clip(section_heading(section))}", bold=True)
    w.body(_status_sentence(section.counts, len(section.tasks)))
    done = section.done_in_period
    if done:
        w.body("- Nhiệm vụ hoàn thành trong kỳ:", italic=True)
        for line in done:
            result = f": {line.result}" if line.result else ""
            w.body(f"+ {_task_name(line)}{_leads(line)}{result.rstrip('.')}.")
    else:
        w.body("- Trong kỳ không có nhiệm vụ hoàn thành.", italic=True)
    overdue = section.overdue
    if overdue:
        w.body("- Nhiệm vụ chậm tiến độ:", italic=True)
        for line in overdue:
            deadline = line.task.deadline_text or "chưa xác định"
            w.body(f"+ {_task_name(line)}{_leads(line)}: thời hạn {deadline}, đạt {line.percent}%.")
    else:
        w.body("- Không có nhiệm vụ chậm tiến độ.", italic=True)


def _indicators(w: _Writer, number: int, report: ConsolidatedReport) -> None:
    w.body(f"{number}. Kết quả thực hiện các chỉ tiêu", bold=True)
    total, stated, met = len(report.indicators), report.indicators_stated, report.indicators_met
    if not total:
        w.body("Kế hoạch không đặt chỉ tiêu.")
        return
    w.body(
        f"Kế hoạch có {total} chỉ tiêu; {stated} chỉ tiêu đã có số liệu, trong đó {met} chỉ tiêu đạt mục tiêu, "
        f"{stated - met} chỉ tiêu chưa đạt hoặc chưa đánh giá được; {total - stated} chỉ tiêu chưa có số liệu "
        "(chi tiết tại Phụ lục kèm theo)."
    )
    for line in report.indicators:
        if not line.latest:
            continue
        ind = line.indicator
        unit = ind.unit.strip() if ind.unit and fold(ind.unit).replace(" ", "") != "co/khong" else ""
        value = f"{line.latest}{'' if unit.startswith('%') else ' '}{unit}".strip()
        target = f"mục tiêu năm {ind.horizon}" if ind.horizon else "mục tiêu"
        w.body(
            f"- {_clip(ind.name, 300)}: {value} ({target}: {ind.target_text or '—'}); {line.assessment.lower()}."
        )


def _closing(w: _Writer, report: ConsolidatedReport) -> None:
    w.para(after=6).paragraph_format.keep_with_next = True
    left, right = w.table([FOOTER_LEFT_CM, TEXT_WIDTH_CM - FOOTER_LEFT_CM])
    issuer = report.issuer
    w.para("Nơi nhận:", container=left, size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    recipients = [
        f"- {issuer.recipient_short} (để báo cáo);",
        f"- {issuer.head.capitalize()} Sở (để báo cáo);" if issuer.parent else "- Lãnh đạo Bộ;",
        "- Các sở, ban, ngành, địa phương;",
        "- Lưu: VT, QLKH.",
    ]
    for line in recipients:
        w.para(line, container=left, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    center = WD_ALIGN_PARAGRAPH.CENTER
    w.para(f"KT. {issuer.head}", container=right, bold=True, align=center)
    w.para(f"PHÓ {issuer.head}", container=right, bold=True, align=center)
    for _ in range(4):
        w.para(container=right, align=center)
    w.para(report.signer or "", container=right, bold=True, align=center)
