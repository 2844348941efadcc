"""Fixtures for plan tests: the dev gold documents and a factory for small plans."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

GOLD_DIR = Path(__file__).resolve().parents[1] / "data" / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))


def gold(name: str) -> dict[str, Any]:
    """Return a fresh copy of the gold document whose file name starts with ``name``."""
    (path,) = [p for p in GOLD_FILES if p.name.startswith(name)]
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def gold_doc() -> Callable[[str], dict[str, Any]]:
    return gold


def small_plan(
    *, number: str = "12/KH-UBND", province: str = "Gia Lai", tasks: int = 3, **document: Any
) -> dict[str, Any]:
    """Return a valid nq57-plan/1 document with ``tasks`` tasks and one indicator per task."""
    return {
        "format": "nq57-plan/1",
        "source": f"{number.replace('/', '_')}.txt",
        "document": {
            "number": number,
            "issuer": f"UBND tỉnh {province}",
            "province": province,
            "date": "2025-08-01",
            "title": "Thực hiện Nghị quyết số 57-NQ/TW",
            "signer": "Nguyễn Văn A",
            "implements": ["57-NQ/TW"],
            "supersedes": [],
            "reporting": [
                {"cadence": "monthly", "due": "trước ngày 15 của tháng", "to": "Sở Khoa học và Công nghệ"}
            ],
            **document,
        },
        "sections": [{"code": "I", "title": "Nhiệm vụ chung"}],
        "indicators": [
            {
                "horizon": 2030,
                "group": None,
                "code": str(n + 1),
                "name": f"Chỉ tiêu số {n + 1}",
                "unit": "%",
                "target": "≥ 80",
                "op": ">=",
                "value": 80,
                "value_max": None,
                "lead": ["Sở Khoa học và Công nghệ"],
            }
            for n in range(tasks)
        ],
        "tasks": [
            {
                "section": "I",
                "code": str(n + 1),
                "name": f"Nhiệm vụ số {n + 1}",
                "lead": ["Sở KH&CN" if n % 2 else "Sở Khoa học và Công nghệ"],
                "support": ["Các sở, ban, ngành, địa phương", "Sở Tài chính"],
                "output": "Báo cáo",
                "deadline": "12/2025",
            }
            for n in range(tasks)
        ],
    }


@pytest.fixture
def plan_doc() -> Callable[..., dict[str, Any]]:
    return small_plan


def edited(doc: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    change(out)
    return out
