"""Tests for parse/sibling_names: a lead read as its sibling, told by the plan's own names."""

from theodoi.ingest.parse.sibling_names import with_plan_siblings
from theodoi.ingest.plan import GUESSED_CONFIDENCE, Provenance, Task

NEW = "Sở Nông nghiệp và Môi trường"
OLD = "Sở Nông nghiệp và Phát triển nông thôn"
SKHCN = "Sở Khoa học và Công nghệ"
STC = "Sở Tài chính"

# The faintly read row: "Môi trường" two lines below "nghiệp", "triển" of "triển khai" between.
FAINT = [(1, ["Nông 4 hệ thống"]), (2, ["nghiệp và các địa phương được triển"]), (3, ["Môi trường khai"])]
# A row with none of the sibling's own words.
BARE = [(1, ["Nông nghiệp và"]), (2, ["Phát triển"])]
CLEAR = [(1, ["Sở Nông nghiệp và Môi trường"])]


def _task(lead: list[str], support: list[str] | None = None) -> Task:
    return Task(
        section="I",
        code="1",
        name="Nhiệm vụ",
        lead=lead,
        support=support or [],
        provenance=Provenance(confidence={"lead": 0.7}),
    )


def test_a_lead_takes_the_sibling_the_plan_prints_far_more_often() -> None:
    tasks = [_task([NEW]) for _ in range(3)] + [_task([OLD, STC])]
    with_plan_siblings(tasks, [CLEAR] * 3 + [FAINT])
    assert tasks[-1].lead == [NEW, STC]
    assert tasks[-1].provenance.confidence["lead"] == GUESSED_CONFIDENCE


def test_a_partner_naming_counts_as_the_plan_printing_it() -> None:
    tasks = [_task([SKHCN], [NEW]) for _ in range(3)] + [_task([OLD])]
    with_plan_siblings(tasks, [CLEAR] * 3 + [FAINT])
    assert tasks[-1].lead == [NEW]


def test_a_row_without_the_siblings_own_words_keeps_its_lead() -> None:
    tasks = [_task([NEW]) for _ in range(3)] + [_task([OLD])]
    with_plan_siblings(tasks, [CLEAR] * 3 + [BARE])
    assert tasks[-1].lead == [OLD]


def test_a_plan_naming_both_siblings_alike_keeps_its_leads() -> None:
    tasks = [_task([NEW]), _task([NEW]), _task([NEW]), _task([OLD]), _task([OLD])]
    with_plan_siblings(tasks, [CLEAR] * 3 + [FAINT] * 2)
    assert [t.lead for t in tasks[3:]] == [[OLD], [OLD]]


def test_names_sharing_only_one_word_after_the_head_are_no_siblings() -> None:
    tasks = [_task(["Sở Tài nguyên và Môi trường"]) for _ in range(4)] + [_task([STC])]
    with_plan_siblings(tasks, [CLEAR] * 4 + [[(1, ["Sở Tài nguyên và Môi trường"])]])
    assert tasks[-1].lead == [STC]
