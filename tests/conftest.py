"""Shared fixtures: the named cast of users and the sample documents."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "plans"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES
