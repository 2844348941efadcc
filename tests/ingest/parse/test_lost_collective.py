"""Tests for parse/lost_collective: a garbled collective lead read as the partner's name."""

from theodoi.ingest.parse.lost_collective import opens_collective, with_lost_collectives
from theodoi.ingest.plan import Task

SKHCN = "Sở Khoa học và Công nghệ"
WIDE = "Các sở, ban, ngành, địa phương"


def _task(lead: list[str], support: list[str]) -> Task:
    return Task(section="I", code="1", name="Triển khai", lead=lead, support=support)


def test_a_lead_cell_opening_a_collective_gets_the_plans_collective() -> None:
    tasks = [
        _task(["Sở Tài chính"], [f"{WIDE[:1].lower()}{WIDE[1:]}"]),
        _task([WIDE], [SKHCN]),
        _task(["Sở Nội vụ"], ["Các sở, ngành"]),
        _task([SKHCN], [SKHCN]),
    ]
    with_lost_collectives(tasks, ["Sở Tài chính", "Các sở, ban,", "Sở Nội vụ", "xã hội Các‘ 59, bơn, phương"])
    assert tasks[3].lead == [WIDE] and tasks[3].support == [SKHCN]


def test_the_lead_stays_when_its_cell_read_it_or_opens_no_collective() -> None:
    tasks = [_task([WIDE], []), _task([SKHCN], [SKHCN]), _task(["Sở Y tế"], ["Sở Y tế"])]
    with_lost_collectives(tasks, ["Các sở, ban,", "Sở Khoa học và các số, ban,", "triển khai phương"])
    assert tasks[1].lead == [SKHCN] and tasks[2].lead == ["Sở Y tế"]


def test_a_collective_opener_is_a_capitalised_cac_or_a_collective_noun_and_a_comma() -> None:
    assert opens_collective("Các‘ 59, bơn,") and opens_collective("ngành, cơ quan")
    assert not opens_collective("các quy trình ngành") and not opens_collective(None)
