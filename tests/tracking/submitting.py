"""What the tracking tests send: one task row as a reporter fills it, and the one-step submission.

Shared by the submission, incremental-progress and concurrency tests so that they send the same
report the same way the API's save-and-submit does.
"""

from __future__ import annotations

from typing import Any

from theodoi.tracking import services
from theodoi.tracking.models import ProgressReport

# A task row as a reporter fills it in: in progress, 40%, what was done (kết quả đã đạt).
REPORTED_ROW = {"status": "in_progress", "percent": 40, "done_text": "Đã ban hành kế hoạch tuyên truyền"}


def save_and_submit(report: ProgressReport, actor: Any, **data: Any) -> ProgressReport:
    """Save ``data`` into ``report`` and submit it in one step, at the version the test holds."""
    return services.report_save_and_submit(report=report, actor=actor, version=report.version, data=data)
