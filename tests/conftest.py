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


# The named cast (two provinces, their agencies and plans, one user per role) for every app's tests.
from tests.cast import (  # noqa: E402,F401
    agencies,
    central,
    coordinator_a,
    coordinator_b,
    leader_a,
    make_indicator,
    make_task,
    outsider,
    password,
    plan_a,
    plan_b,
    reporter_a,
    units,
)
