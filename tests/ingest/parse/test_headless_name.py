"""Tests for parse/headless_name: an agency read without its head ("Y tế" for "Sở Y tế")."""

from theodoi.ingest.parse.headless_name import headless_name


def test_a_fragment_spelling_a_name_but_its_head_is_that_name() -> None:
    assert headless_name([(942, ["Y tế"])]) == "Sở Y tế"
    assert headless_name([(10, ["Hệ thống"]), (11, ["Nội vụ,", "2025"])]) == "Sở Nội vụ"


def test_no_name_without_a_whole_tail() -> None:
    assert headless_name([(10, ["Y tế cơ sở"])]) is None  # more words than the tail
    assert headless_name([(10, ["khoa học"])]) is None  # part of a tail only
    assert headless_name([(10, ["sở, ngành"])]) is None  # a collective's words are no tail of one name
    assert headless_name([]) is None


def test_a_lead_cell_lists_a_later_name_by_its_tail() -> None:
    from theodoi.ingest.parse.headless_name import with_listed_tails

    cell = "Sở Công Thương, Nông nghiệp trường, Xây dựng"
    assert with_listed_tails(["Sở Công Thương"], [], cell) == ["Sở Công Thương", "Sở Xây dựng"]
    # a list opening with no directory name is a task name's words ("lĩnh vực tư pháp, y tế")
    assert with_listed_tails(["Sở Nội vụ"], [], "Các ở tư pháp, y tế, ngành") == ["Sở Nội vụ"]
    # a name the cells hold already is not named twice
    assert with_listed_tails(["Sở Công Thương"], ["Sở Xây dựng"], cell) == ["Sở Công Thương"]
