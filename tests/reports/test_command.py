"""``theodoi report PLAN --period 2025-Q3 --out DIR``."""

from __future__ import annotations

from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from theodoi.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_report_and_its_appendix(q3: Plan, tmp_path: Path) -> None:
    out = StringIO()
    call_command(
        "report",
        "37/KH-UBND",
        "--period",
        "2025-Q3",
        "--out",
        str(tmp_path),
        "--date",
        "15/10/2025",
        stdout=out,
    )

    docx = tmp_path / "bao-cao-tong-hop-37-KH-UBND-2025-Q3.docx"
    xlsx = tmp_path / "phu-luc-37-KH-UBND-2025-Q3.xlsx"
    assert str(docx) in out.getvalue() and str(xlsx) in out.getvalue()
    assert "Gia Lai, ngày 15 tháng 10 năm 2025" in [
        p.text for p in Document(BytesIO(docx.read_bytes())).tables[0].cell(0, 1).paragraphs
    ]
    assert load_workbook(xlsx).sheetnames == ["Nhiệm vụ", "Chỉ tiêu"]


def test_the_command_takes_the_plan_id_too(q3: Plan, tmp_path: Path) -> None:
    call_command("report", str(q3.pk), "--period", "2025", "--out", str(tmp_path), stdout=StringIO())

    assert (tmp_path / "bao-cao-tong-hop-37-KH-UBND-2025.docx").exists()


def test_a_bad_period_is_refused_in_vietnamese(q3: Plan, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as caught:
        call_command("report", "37/KH-UBND", "--period", "2025-Q7", "--out", str(tmp_path), stdout=StringIO())

    assert "Kỳ báo cáo “2025-Q7” không hợp lệ" in str(caught.value)
    assert "2025-Q3 (quý)" in str(caught.value) and "2025-M07 (tháng)" in str(caught.value)
    assert not list(tmp_path.iterdir())


def test_an_unknown_plan_is_refused(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy kế hoạch số “99/KH-UBND”"):
        call_command("report", "99/KH-UBND", "--period", "2025-Q3", "--out", str(tmp_path), stdout=StringIO())
