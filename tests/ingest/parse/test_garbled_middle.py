"""Tests for parse/garbled_middle: a name told by its head and last words, its middle garbled."""

from theodoi.ingest.parse.garbled_middle import name_by_head_and_end


def test_a_garbled_middle_between_head_and_end_names_the_directory_name() -> None:
    assert name_by_head_and_end("Ban 9L K hl? doanh nghiệp kinh tế") == "Ban Quản lý Khu kinh tế"


def test_a_cleanly_read_middle_is_another_name_not_a_garbled_one() -> None:
    assert name_by_head_and_end("Ban Quản lý dự án kinh tế") is None


def test_an_end_several_names_share_tells_none() -> None:
    assert name_by_head_and_end("Sở 9L K hl? môi trường") is None


def test_a_middle_far_longer_than_the_names_is_other_columns_words() -> None:
    assert name_by_head_and_end("Ban 9L K hl? doanh nghiệp viễn thông, internet kinh tế") is None


def test_another_head_tells_none() -> None:
    assert name_by_head_and_end("Trung tâm 9L K hl? kinh tế") is None
