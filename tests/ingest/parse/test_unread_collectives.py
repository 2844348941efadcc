"""Tests for parse/unread_collectives: an empty partners' cell given the plan's garbled collective."""

from theodoi.ingest.parse.unread_collectives import with_unread_collectives
from theodoi.ingest.plan import Task

SKHCN = "Sở Khoa học và Công nghệ"
USUAL = "Các sở, ngành, địa phương"
PLACES = "Các địa phương"


def _task(lead: list[str], support: list[str]) -> Task:
    return Task(section="I", code="1", name="Triển khai", lead=lead, support=support)


def _plan(*rows: Task) -> list[Task]:
    """The rows after three that print the plan's collectives (the usual one most)."""
    return [
        _task(["Sở Nội vụ"], [USUAL]),
        _task(["Sở Y tế"], [USUAL]),
        _task(["Sở Tư pháp"], [PLACES]),
        *rows,
    ]


def test_an_empty_partners_cell_gets_the_collective_its_garbled_words_hold_side_by_side() -> None:
    tasks = _plan(_task(["Sở Nội vụ"], []), _task([SKHCN], []), _task([SKHCN], []))
    fragments = [[]] * 3 + [
        [(774, ["Y NTA Sở, ngành, địa"]), (776, ["Sở Nội vụ"])],
        [(1227, [">0 KRB0 0OC"]), (1230, ["địa phương"])],  # a tie on the run: the usual one
        [(1275, ["nghiệp và các địa phương tảng số"])],  # "các địa phương" is the longer run
    ]
    with_unread_collectives(tasks, fragments)
    assert [t.support for t in tasks[3:]] == [[USUAL], [USUAL], [PLACES]]
    assert tasks[3].provenance.confidence["support"] < 0.9


def test_lone_words_a_collective_lead_or_a_read_partner_give_no_collective() -> None:
    tasks = _plan(
        _task([SKHCN], []), _task([SKHCN], []), _task([USUAL], []), _task([SKHCN], ["Sở Tài chính"])
    )
    fragments = [[]] * 3 + [
        [(1, ["Sở Khoa học", "số 1 địa"]), (2, ["ngành"])],  # no two words side by side
        [(1, ["Công văn gửi các sở"])],  # "sở" heads named agencies: no telling noun
        [(1, ["Các sở, ngành, địa phương"])],  # the words are the lead's
        [(1, ["Sở Tài chính; các sở, ngành"])],
    ]
    with_unread_collectives(tasks, fragments)
    assert [t.support for t in tasks[3:]] == [[], [], [], ["Sở Tài chính"]]
