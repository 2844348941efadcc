"""An association of one kind of members among the partners."""

from __future__ import annotations

from theodoi.ingest.parse.association_names import association, with_associations

CELL = "Sở Khoa học và Công nghệ, Sở Tài chính, Hội doanh nghiệp, Chương"


def test_hoi_and_a_collective_noun_is_an_association() -> None:
    assert association("Hội doanh nghiệp") == "Hội doanh nghiệp"
    assert association("Hội doanh nghiệp tỉnh") == "Hội doanh nghiệp tỉnh"


def test_other_words_after_hoi_or_a_lower_case_hoi_are_none() -> None:
    assert association("Hội nghị sơ kết") is None
    assert association("hội doanh nghiệp") is None
    assert association("Hội") is None


def test_the_cells_association_joins_the_partners() -> None:
    support = ["Sở Khoa học và Công nghệ", "Sở Tài chính"]
    assert with_associations(support, [], CELL) == [*support, "Hội doanh nghiệp"]
    assert with_associations([*support, "Hội doanh nghiệp"], [], CELL) == [*support, "Hội doanh nghiệp"]
