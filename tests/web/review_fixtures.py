"""Drafts for the import pages' tests: a small reviewed document, made without extraction."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile

from theodoi.directory.models import AdministrativeUnit
from theodoi.plans.models import DraftStatus, PlanDraft


def small_document(*, number: str = "12/KH-UBND", tasks: int = 3) -> dict[str, Any]:
    """Return a valid nq57-plan/1 document; the second task's name is low-confidence."""
    return {
        "format": "nq57-plan/1",
        "source": "ke-hoach.txt",
        "document": {
            "number": number,
            "issuer": "UBND tỉnh Gia Lai",
            "province": "Gia Lai",
            "date": "2025-08-01",
            "title": "Thực hiện Nghị quyết số 57-NQ/TW",
            "signer": "Phạm Anh Tuấn",
            "implements": ["57-NQ/TW"],
            "supersedes": [],
            "reporting": [
                {
                    "cadence": "monthly",
                    "due": "trước ngày 15 của tháng",
                    "to": "Sở Khoa học và Công nghệ",
                    "source_lines": [30],
                    "confidence": {"cadence": 0.9, "due": 0.9, "to": 0.9},
                },
            ],
            "source_lines": [1, 2, 3],
            "confidence": {"number": 0.9, "date": 0.9, "issuer": 0.9, "title": 0.9},
        },
        "sections": [{"code": "I", "title": "Nâng cao nhận thức"}],
        "indicators": [
            {
                "horizon": 2030,
                "group": None,
                "code": "1",
                "name": "Tỷ lệ dịch vụ công trực tuyến",
                "unit": "%",
                "target": "≥ 80",
                "op": ">=",
                "value": 80,
                "value_max": None,
                "lead": ["Sở Khoa học và Công nghệ"],
                "source_lines": [20],
                "confidence": {"name": 0.9, "target": 0.9},
            },
        ],
        "tasks": [
            {
                "section": "I",
                "code": str(n + 1),
                "name": f"Nhiệm vụ chuyển đổi số thứ {n + 1}" if n != 1 else "Tuyen truyen ve chuyen doi so",
                "lead": ["Sở Khoa học và Công nghệ"],
                "support": [],
                "output": "Kế hoạch",
                "deadline": "Quý I/2026" if n == 0 else "Hằng tháng",
                "source_lines": [10 + 2 * n, 11 + 2 * n],
                "confidence": {"name": 0.4 if n == 1 else 0.95, "lead": 0.9, "deadline": 0.9},
            }
            for n in range(tasks)
        ],
        "warnings": [],
    }


@pytest.fixture
def make_draft(
    coordinator_a: Any, units: dict[str, AdministrativeUnit], review_media: None
) -> Callable[..., PlanDraft]:
    """Return a draft of Gia Lai ready for review (as if extraction had read ``doc``)."""

    def make(
        doc: dict[str, Any] | None = None, *, unit: AdministrativeUnit | None = None, **kw: Any
    ) -> PlanDraft:
        doc = doc or small_document()
        draft = PlanDraft(
            unit=unit or units["a"],
            created_by=coordinator_a,
            file_name="ke-hoach.txt",
            file_sha256="0" * 64,
            extracted=copy.deepcopy(doc),
            document=copy.deepcopy(doc),
            source_lines=[{"n": n, "raw": f"dong {n}", "text": f"dòng {n}"} for n in range(1, 40)],
            **{"status": DraftStatus.READY, **kw},
        )
        draft.file.save("ke-hoach.txt", ContentFile(b"ke hoach"), save=False)
        draft.save()
        return draft

    return make


@pytest.fixture
def review_media(settings: Any, tmp_path: Any) -> None:
    """Uploads under the test's own folder; background jobs run at once."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
