"""Tests for parse/university_places: a university's one-word place name finished from the plan."""

from theodoi.ingest.layout.table import Cell, Row
from theodoi.ingest.parse.university_places import finish_university_places
from theodoi.ingest.plan import Task

CUT = "Xây dựng đề án nhân lực chip bán dẫn, AI và an Nhơn tịch toàn thông tin mạng"
ELSEWHERE = "Thành lập trung tâm đào tạo trí tuệ nhân tạo Quy Nhơn, Tài chính"


def _finish(lead: list[str], texts: list[str | list[str]]) -> list[str]:
    cells = [[t] if isinstance(t, str) else t for t in texts]
    tasks = [
        Task(section="I", code=str(i), name=" ".join(c), lead=list(lead) if i == 0 else [])
        for i, c in enumerate(cells)
    ]
    rows = [Row("row", str(i), cells={str(k): Cell(t) for k, t in enumerate(c)}) for i, c in enumerate(cells)]
    finish_university_places(tasks, rows)
    return tasks[0].lead


def test_the_place_names_second_word_in_the_row_and_after_it_in_the_plan_finishes_it() -> None:
    assert _finish(["Đại học Quy"], [CUT, ELSEWHERE]) == ["Đại học Quy Nhơn"]
    assert _finish(["Trường Đại học Quy", "Sở Tài chính"], [CUT, ELSEWHERE]) == [
        "Trường Đại học Quy Nhơn",
        "Sở Tài chính",
    ]


def test_a_name_the_plan_or_the_row_alone_does_not_tell_is_left_alone() -> None:
    # the plan prints "Quy Nhơn" but the row holds no "Nhơn": the name may be whole
    assert _finish(["Đại học Quy"], ["Xây dựng đề án nhân lực chip", ELSEWHERE]) == ["Đại học Quy"]
    # the row holds "Nhơn" but nowhere does the plan print it after "Quy"
    assert _finish(["Đại học Quy"], [CUT, "Thành lập trung tâm đào tạo"]) == ["Đại học Quy"]
    # a cell ending "Quy" and the next opening "Quyết": no place name "Quy Quyết"
    assert _finish(["Đại học Quy"], [["Đại học Quy", "Quyết định của chủ"], "Ban hành"]) == ["Đại học Quy"]
    # a whole name, or no university
    assert _finish(["Đại học Quy Nhơn"], [CUT, ELSEWHERE]) == ["Đại học Quy Nhơn"]
    assert _finish(["Sở Quy"], [CUT, ELSEWHERE]) == ["Sở Quy"]
