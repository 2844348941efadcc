"""Tests for parse/twin_collectives: a faint named lead beside a collective printed twice."""

from theodoi.ingest.parse.twin_collectives import with_twin_collectives
from theodoi.ingest.plan import Task

SNNMT = "Sở Nông nghiệp và Môi trường"
COLLECTIVE = "Các sở, ngành, địa phương"
TWICE = [(1, ["NÉ mại, quản lý năng lượng, ngành, địa ngành, địa trong", "Kế hoạch"]), (2, ["Chuyển đổi số"])]
ONCE = [(1, ["NÉ mại, quản lý năng lượng, ngành, địa trong", "Kế hoạch"]), (2, ["Chuyển đổi số"])]


def _task(confidence: float) -> Task:
    task = Task(section="III", code="36", name="Nhiệm vụ", lead=[SNNMT], support=[COLLECTIVE])
    task.provenance.confidence["lead"] = confidence
    return task


def test_a_faint_lead_beside_a_collective_printed_twice_is_that_collective() -> None:
    task = _task(0.3)
    with_twin_collectives([task], [TWICE])
    assert (task.lead, task.support) == ([COLLECTIVE], [COLLECTIVE])


def test_a_collective_printed_once_leaves_the_guess() -> None:
    task = _task(0.3)
    with_twin_collectives([task], [ONCE])
    assert task.lead == [SNNMT]


def test_a_lead_read_from_its_cell_is_kept() -> None:
    task = _task(0.8)
    with_twin_collectives([task], [TWICE])
    assert task.lead == [SNNMT]
