"""Print a Word file to PDF with LibreOffice, as a coordinator's "Save as PDF" or a reader's printer would.

Used by the tests that need a real office PDF: the PDF reader's fixture and the consolidated
report's page check. ``SOFFICE`` is None where LibreOffice is not installed (the tests skip).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def print_to_pdf(docx_path: Path, *, timeout: float = 120) -> Path:
    """Write ``docx_path``'s PDF beside it (its own LibreOffice profile there) and return its path."""
    assert SOFFICE is not None, "LibreOffice (soffice) is not installed"
    folder = docx_path.parent
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    return docx_path.with_suffix(".pdf")
