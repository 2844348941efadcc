"""The consolidated report's two files for (plan, period), with the names they are saved under."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from theodoi.plans.models import Plan
from theodoi.reports.build import ConsolidatedReport, report_content
from theodoi.reports.docx import write_docx
from theodoi.reports.xlsx import write_xlsx
from theodoi.tracking import rules

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class ReportFiles:
    report: ConsolidatedReport
    docx: bytes
    xlsx: bytes

    @property
    def stem(self) -> str:
        number = re.sub(r"[^0-9A-Za-z]+", "-", self.report.plan.number or f"ke-hoach-{self.report.plan.pk}")
        return f"{number.strip('-')}-{self.report.period.key}"

    @property
    def docx_name(self) -> str:
        return f"bao-cao-tong-hop-{self.stem}.docx"

    @property
    def xlsx_name(self) -> str:
        return f"phu-luc-{self.stem}.xlsx"

    @property
    def period_label(self) -> str:
        return rules.period_label(self.report.period.key)


def report_files(
    *,
    plan: Plan,
    period: rules.Period | str,
    issued_on: dt.date | None = None,
    signer: str = "",
    number: str = "",
    docx: bool = True,
    xlsx: bool = True,
) -> ReportFiles:
    """Build the report of ``plan`` for ``period`` and write the files asked for (PeriodError on a bad key)."""
    report = report_content(plan=plan, period=period, issued_on=issued_on, signer=signer, number=number)
    return ReportFiles(
        report=report,
        docx=write_docx(report) if docx else b"",
        xlsx=write_xlsx(report) if xlsx else b"",
    )
