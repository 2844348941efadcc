"""Tests for parse/lead_habit: unplaced collective leads read by the plan's clear rows."""

from theodoi.ingest.parse.lead_habit import clear_lead, lead_by_habit
from theodoi.ingest.plan import GUESSED_CONFIDENCE, Provenance, Task

COLLECTIVE = "Các sở, ngành, địa phương"
SKHCN = "Sở Khoa học và Công nghệ"
SNV = "Sở Nội vụ"

# A line prints the named lead's words before the partners' collective.
NAMED_FIRST = [(10, ["Sở Khoa học và", "Các sở, ngành,"]), (11, ["Công nghệ", "địa phương"])]
# A line prints the collective lead's words before the named partner's.
COLLECTIVE_FIRST = [(10, ["Các sở, ngành,", "Sở Khoa học và"]), (11, ["địa phương", "Công nghệ"])]
# The collective opens above the named agency; no line holds both.
UNPLACED = [(10, ["Các sở, ngành,"]), (11, ["Sở Nội vụ"]), (12, ["địa phương"])]


def _task(lead: list[str], support: list[str]) -> Task:
    confidence = {"lead": 0.7, "support": 0.7}
    return Task(
        section="I",
        code="1",
        name="Nhiệm vụ",
        lead=lead,
        support=support,
        provenance=Provenance(confidence=confidence),
    )


def test_clear_lead_reads_the_side_a_line_prints_first() -> None:
    assert clear_lead(_task([SKHCN], [COLLECTIVE]), NAMED_FIRST) == "named"
    assert clear_lead(_task([COLLECTIVE], [SKHCN]), COLLECTIVE_FIRST) == "collective"
    assert clear_lead(_task([COLLECTIVE], [SNV]), UNPLACED) is None
    assert clear_lead(_task([SKHCN], [SNV]), NAMED_FIRST) is None  # no collective: no vote


def test_an_unplaced_collective_lead_follows_a_named_lead_habit() -> None:
    tasks = [_task([SKHCN], [COLLECTIVE]) for _ in range(6)] + [_task([COLLECTIVE], [SNV])]
    lead_by_habit(tasks, [NAMED_FIRST] * 6 + [UNPLACED])
    assert (tasks[-1].lead, tasks[-1].support) == ([SNV], [COLLECTIVE])
    assert tasks[-1].provenance.confidence["lead"] == GUESSED_CONFIDENCE  # a vote: the review queue shows it
    assert tasks[0].provenance.confidence["lead"] == 0.7  # the rows the vote leaves keep theirs


def test_a_mixed_or_thin_habit_or_a_placed_row_keeps_the_collective_lead() -> None:
    # mixed: 6 named to 3 collective is short of 3 to 1
    tasks = [_task([SKHCN], [COLLECTIVE]) for _ in range(6)] + [
        _task([COLLECTIVE], [SKHCN]) for _ in range(3)
    ]
    tasks.append(_task([COLLECTIVE], [SNV]))
    lead_by_habit(tasks, [NAMED_FIRST] * 6 + [COLLECTIVE_FIRST] * 3 + [UNPLACED])
    assert (tasks[-1].lead, tasks[-1].support) == ([COLLECTIVE], [SNV])
    assert tasks[-1].provenance.confidence["lead"] == 0.7
    # thin: too few clear rows
    tasks = [_task([SKHCN], [COLLECTIVE]) for _ in range(5)] + [_task([COLLECTIVE], [SNV])]
    lead_by_habit(tasks, [NAMED_FIRST] * 5 + [UNPLACED])
    assert tasks[-1].lead == [COLLECTIVE]
    # the row's own lines print the collective first: it stays the lead
    tasks = [_task([SKHCN], [COLLECTIVE]) for _ in range(6)] + [_task([COLLECTIVE], [SKHCN])]
    lead_by_habit(tasks, [NAMED_FIRST] * 6 + [COLLECTIVE_FIRST])
    assert tasks[-1].lead == [COLLECTIVE]


GARBLED_BEFORE = [(10, ["theo 56 ~10d học", "Các số, ngành,"]), (11, ["và Công địa phương"]), (12, ["nghệ"])]


def test_a_garbled_name_before_the_collective_leads_only_in_a_named_lead_habit() -> None:
    tasks = [_task([SKHCN], [COLLECTIVE]) for _ in range(6)] + [_task([COLLECTIVE], [])]
    lead_by_habit(tasks, [NAMED_FIRST] * 6 + [GARBLED_BEFORE])
    assert (tasks[-1].lead, tasks[-1].support) == ([SKHCN], [COLLECTIVE])
    assert tasks[-1].provenance.confidence["lead"] == GUESSED_CONFIDENCE
    tasks = [_task([COLLECTIVE], [SKHCN]) for _ in range(6)] + [_task([COLLECTIVE], [])]
    lead_by_habit(tasks, [COLLECTIVE_FIRST] * 6 + [GARBLED_BEFORE])
    assert (tasks[-1].lead, tasks[-1].support) == ([COLLECTIVE], [])
