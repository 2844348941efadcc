"""Render the report to PDF with LibreOffice, as a reader would print it, and keep the pages.

The PDF and one PNG per page go to ``test-artifacts/reports/`` so that a person can look at
them (the layout of Decree 30 is checked by eye there; the texts are checked in test_files).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.office import SOFFICE, print_to_pdf
from tests.reports.conftest import ISSUED

from theodoi.plans.models import Plan
from theodoi.reports.render import report_files

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"


@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
)
def test_the_report_renders_to_pdf_pages(q3: Plan, tmp_path: Path) -> None:
    files = report_files(plan=q3, period="2025-Q3", issued_on=ISSUED, signer="Nguyễn Văn Minh")
    source = tmp_path / files.docx_name
    source.write_bytes(files.docx)

    pdf = print_to_pdf(source)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages >= 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf, ARTIFACTS / pdf.name)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "trang")], check=True, timeout=60
        )
        assert len(list(ARTIFACTS.glob("trang-*.png"))) >= pages
