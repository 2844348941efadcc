"""Tests for parse/lead_list: a lead cell's list marks carry it on to its next names."""

import pytest

from theodoi.ingest.parse.lead_list import listed_below, with_listed_head, with_listed_leads
from theodoi.ingest.parse.listed_lead import listed_after

# "Sở Khoa học," / "Công nghệ, Sở" / "Tài chính": the lead cell lists two departments; the OCR
# cut "Số ." off into a fragment of its own, read into the partners' cell.
WRAPPED_LIST = [(10, ["Sở Khoa học,"]), (11, ["Kết nối"]), (12, ["Công nghệ,", "Số ."]), (14, ["Tài chính"])]


@pytest.mark.parametrize(
    ("lead", "support", "fragments", "found", "expected"),
    [
        pytest.param(
            ["Sở Khoa học và Công nghệ"],
            ["Sở Tài chính"],
            WRAPPED_LIST,
            (),
            (["Sở Khoa học và Công nghệ", "Sở Tài chính"], []),
            id="comma-then-name-below",
        ),
        pytest.param(
            ["Công an tỉnh", "Chi cục Thuế tỉnh"],
            ["Sở Tài chính"],
            [(10, ["Công an"]), (11, ["tỉnh,", "Sở Tài"]), (12, ["Chính"]), (13, ["Chi cục Thuế tỉnh"])],
            (),
            (["Công an tỉnh", "Sở Tài chính", "Chi cục Thuế tỉnh"], []),
            id="chain-from-first-name",
        ),
        pytest.param(
            ["Công an tỉnh"],
            [],
            [
                (10, ["Công an"]),
                (11, ["tỉnh,", "Sở Nội"]),
                (12, ["vụ,", "Sở Nông"]),
                (13, ["nghiệp và Môi trường"]),
            ],
            ("Công an tỉnh", "Sở Nội vụ", "Sở Nông nghiệp và Môi trường"),
            (["Công an tỉnh", "Sở Nội vụ", "Sở Nông nghiệp và Môi trường"], []),
            id="unheld-found-names-chain",
        ),
        pytest.param(
            ["Sở Khoa học và Công nghệ"],
            ["Sở Tài chính"],
            [(10, ["Sở Khoa học và"]), (11, ["Công nghệ", "Sở Tài chính"])],
            (),
            (["Sở Khoa học và Công nghệ"], ["Sở Tài chính"]),
            id="no-list-mark-two-cells",
        ),
        pytest.param(
            ["Sở Khoa học và Công nghệ"],
            ["Các sở, ngành, địa phương"],
            [(10, ["Sở Khoa học và"]), (11, ["Công nghệ;", "Các sở, ngành,"]), (12, ["địa phương"])],
            (),
            (["Sở Khoa học và Công nghệ"], ["Các sở, ngành, địa phương"]),
            id="collective-stays-partner",
        ),
        pytest.param(
            ["Số LÀ của cấp có thẩm quyền xã hội nghệ"],
            ["Sở Tài chính"],
            [
                (10, ["Số LÀ của cấp có thẩm"]),
                (11, ["quyền"]),
                (12, ["xã hội nghệ,", "Sở Tài"]),
                (13, ["chính"]),
            ],
            (),
            (["Số LÀ của cấp có thẩm quyền xã hội nghệ"], ["Sở Tài chính"]),
            id="debris-lead-lists-nothing",
        ),
    ],
)
def test_with_listed_leads(lead, support, fragments, found, expected):
    assert with_listed_leads(lead, support, fragments, found) == expected


def test_listed_after_passes_over_a_stray_mark():
    assert listed_after("Sở Khoa học và Công nghệ", "Sở Tài chính", WRAPPED_LIST)
    assert not listed_after("Sở Khoa học và Công nghệ", "Công an tỉnh", WRAPPED_LIST)


# "Sở Nội vụ;" / "Sở Giáo dục" / "và Đào tạo": the lead cell's first name was read into the
# partners' cell, the partners' own "Các sở, ngành" line between the two.
LISTED_BELOW = [
    (10, ["Sở Nội vụ; e", "Văn bản triển khai"]),
    (11, ["Các số, ngành của cấp có thẩm"]),
    (12, ["Sở Giáo dục"]),
    (13, ["và Đào tạo"]),
]
# "Sở Tài chính;" / "các sở, ban," read into one fragment with the lead's "Sở Khoa học và".
PARTNERS_LIST = [
    (10, ["Sở Tài chính; -"]),
    (11, ["3R re", "Văn bản"]),
    (12, ["Số Khoa học và các số, bản,"]),
    (13, ["Công nghệ ngành, địa"]),
]


@pytest.mark.parametrize(
    ("name", "other", "fragments", "expected"),
    [
        pytest.param("Sở Nội vụ", "Sở Giáo dục và Đào tạo", LISTED_BELOW, True, id="mark-ends-fragment"),
        pytest.param("Sở Giáo dục và Đào tạo", "Sở Nội vụ", LISTED_BELOW, False, id="no-mark"),
        pytest.param("Sở Tài chính", "Sở Khoa học và Công nghệ", PARTNERS_LIST, False, id="goes-on-to-cac"),
        pytest.param(
            "Sở Nội vụ",
            "Sở Giáo dục và Đào tạo",
            [(10, ["Sở Nội vụ;", "Văn bản"]), (14, ["Sở Giáo dục"])],
            False,
            id="too-far-below",
        ),
    ],
)
def test_listed_below(name, other, fragments, expected):
    assert listed_below(name, other, fragments) is expected


# "Đào tạo, SOY" / "tế, Sở Nông" / "nghiệp và Môi": a narrow lead cell's two lines read side by
# side, "Sở Y" run into one token, the description's own "y tế," further on the line.
BESIDE = [
    (10, ["Đào tạo,", "SOY", "Công an tỉnh, pháp, giáo"]),
    (11, ["tế,", "Sở Nông", "Sở Khoa học và dục, y tế,"]),
    (12, ["nghiệp và Môi Công nghệ đất đai"]),
    (13, ["trường; các địa tạo lập"]),
]


@pytest.mark.parametrize(
    ("name", "fragments", "expected"),
    [
        pytest.param("Sở Y tế", BESIDE, True, id="next-fragment-on-its-line"),
        pytest.param(
            "Sở Y tế",
            [(10, ["Đào tạo,", "SOY"]), (11, ["tế", "Sở Nông"]), (12, ["nghiệp và Môi"])],
            False,
            id="beside-without-mark",
        ),
        pytest.param(
            "Sở Y tế",
            [(10, ["Đào tạo,", "SOY"]), (11, ["tế,", "Triển khai", "Sở Nông"]), (12, ["nghiệp"])],
            False,
            id="only-the-next-fragment",
        ),
    ],
)
def test_listed_beside(name, fragments, expected):
    assert listed_below(name, "Sở Nông nghiệp và Môi trường", fragments) is expected


def test_partner_listing_the_lead_joins_it_first():
    got = with_listed_leads(["Sở Giáo dục và Đào tạo"], ["Sở Nội vụ", "Các sở, ngành"], LISTED_BELOW)
    assert got == (["Sở Nội vụ", "Sở Giáo dục và Đào tạo"], ["Các sở, ngành"])


def test_partners_list_stays_with_partners():
    got = with_listed_leads(["Sở Khoa học và Công nghệ"], ["Sở Tài chính"], PARTNERS_LIST)
    assert got == (["Sở Khoa học và Công nghệ"], ["Sở Tài chính"])


# "Sở Khoa học" / "và Công" / "nghệ, Văn" / ("phòng" lost to the name) / "UBND tỉnh"
LISTED_HEAD = [
    (10, ["Sở Khoa học"]),
    (11, ["và Công Hoàn thành kết nối"]),
    (12, ["nghệ,", "Văn", "Các sở, ngành"]),
    (14, ["UBND tỉnh"]),
]


def test_a_head_after_the_list_mark_with_its_rest_below_is_the_next_lead_name():
    got = with_listed_head(["Sở Khoa học và Công nghệ"], LISTED_HEAD)
    assert got == ["Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh"]


@pytest.mark.parametrize(
    "fragments",
    [
        pytest.param(
            [*LISTED_HEAD[:2], (12, ["nghệ", "Văn", "Các sở, ngành"]), LISTED_HEAD[3]], id="no-mark"
        ),
        pytest.param([*LISTED_HEAD[:3], (18, ["UBND tỉnh"])], id="rest-too-far-below"),
        pytest.param([*LISTED_HEAD[:3], (14, ["Kế hoạch"])], id="no-rest"),
    ],
)
def test_no_listed_head_without_its_mark_and_rest(fragments):
    assert with_listed_head(["Sở Khoa học và Công nghệ"], fragments) == ["Sở Khoa học và Công nghệ"]
