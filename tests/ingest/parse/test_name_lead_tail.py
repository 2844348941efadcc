"""Tests for parse/name_lead_tail: the lead's "các địa phương" read as the task name's end."""

from theodoi.ingest.parse.name_lead_tail import lead_tail_in_name

NAME = "Triển khai Đề án theo chỉ đạo, hướng dẫn của Trung ương địa phương"
FRAGMENTS = [
    (10, ["SoDantdcva", "Sở Khoa học và"]),
    (11, ["Tôn giáo; các Công nghệ,"]),
    (12, ["Công an tỉnh"]),
]


def test_the_localities_ending_the_name_go_to_a_lead_that_opens_a_list() -> None:
    lead = ["Sở Dân tộc và Tôn giáo"]
    cell = "SoDantdcva Tôn giáo; các"
    assert lead_tail_in_name(NAME, lead, ["Công an tỉnh"], cell, FRAGMENTS) == (
        "Triển khai Đề án theo chỉ đạo, hướng dẫn của Trung ương",
        ["Sở Dân tộc và Tôn giáo", "Các địa phương"],
    )
    fragments = [(10, ["Sở Nông nghiệp"]), (11, ["và Môi trường; ở triển"])]
    assert lead_tail_in_name(
        "Phát triển xanh, bền vững các địa phương", ["Sở Nông nghiệp và Môi trường"], [], "", fragments
    ) == ("Phát triển xanh, bền vững", ["Sở Nông nghiệp và Môi trường", "Các địa phương"])


def test_the_name_keeps_its_localities_without_a_listing_lead() -> None:
    lead = ["Sở Dân tộc và Tôn giáo"]
    fragments = [(10, ["SoDantdcva"]), (11, ["Tôn giáo"])]
    assert lead_tail_in_name(NAME, lead, [], "SoDantdcva Tôn giáo", fragments) == (NAME, lead)
    # a cell already names the localities
    support = ["Các sở, ngành, địa phương"]
    assert lead_tail_in_name(NAME, lead, support, "Tôn giáo; các", FRAGMENTS) == (NAME, lead)
    # the name ends otherwise
    assert lead_tail_in_name("Triển khai Đề án", lead, [], "Tôn giáo; các", FRAGMENTS) == (
        "Triển khai Đề án",
        lead,
    )
