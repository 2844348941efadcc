"""Tests for parse/usual_lead: a faintly read lead told by the plan's usual lead."""

from theodoi.ingest.parse.usual_lead import with_usual_lead
from theodoi.ingest.plan import Task

SKHCN = "Sở Khoa học và Công nghệ"
STC = "Sở Tài chính"
COLLECTIVE = "các Sở, ngành, địa phương"

# The lead cell garbled ("Sở Khoa học" read as ">0 M08 00C"), its last words on the lines below;
# the partners' "Sở Tài chính" read clearly beside it.
FAINT = [(1, [">0 M08 00C", "sở Tài chính và"]), (2, ["và Công", "các Sở, ngành,"]), (3, ["nghệ địa phương"])]
# A row with no word of the usual lead's.
BARE = [(1, ["sở Tài chính"]), (2, ["Văn bản triển khai"])]
CLEAR = [(1, ["Sở Khoa học và Công nghệ"])]


def _task(lead: list[str], support: list[str] | None = None, confidence: float = 0.3) -> Task:
    task = Task(section="I", code="1", name="Nhiệm vụ", lead=lead, support=support or [])
    task.provenance.confidence["lead"] = confidence
    return task


def _plan(last: Task, usual: int = 10) -> list[Task]:
    return [_task([SKHCN], confidence=0.6) for _ in range(usual)] + [last]


def test_a_guessed_lead_yields_to_the_usual_lead_the_row_holds() -> None:
    tasks = _plan(_task([STC], [COLLECTIVE]))
    with_usual_lead(tasks, [CLEAR] * 10 + [FAINT])
    assert (tasks[-1].lead, tasks[-1].support) == ([SKHCN], [STC, COLLECTIVE])


def test_a_row_without_the_usual_leads_words_keeps_its_guess() -> None:
    tasks = _plan(_task([STC]))
    with_usual_lead(tasks, [CLEAR] * 10 + [BARE])
    assert tasks[-1].lead == [STC]


def test_a_clearly_read_lead_is_kept() -> None:
    tasks = _plan(_task([STC], confidence=0.6))
    with_usual_lead(tasks, [CLEAR] * 10 + [FAINT])
    assert tasks[-1].lead == [STC]


def test_a_plan_without_a_usual_lead_keeps_its_rows() -> None:
    tasks = _plan(_task([STC]), usual=9)
    with_usual_lead(tasks, [CLEAR] * 9 + [FAINT])
    assert tasks[-1].lead == [STC]


def test_a_usual_lead_already_a_partner_is_not_taken() -> None:
    tasks = _plan(_task([STC], [SKHCN]))
    with_usual_lead(tasks, [CLEAR] * 10 + [FAINT])
    assert tasks[-1].lead == [STC]
