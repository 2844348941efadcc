"""A partner named by its last words alone before a listed collective (parse.tail_partners)."""

from __future__ import annotations

import pytest

from theodoi.ingest.parse.tail_partners import tail_partner, with_tail_partner


def test_the_head_garbled_above_the_tail():
    fragments = [
        (982, ["Số(i Khoa học và Nghị a yếu của,"]),
        (983, ["2R", "Công nghệ, các", "HDND tỉnh,"]),
        (984, ["Sở Tài chính"]),
        (985, ["Sở, ngành, địa định của chủ tịch"]),
        (986, ["Chè : phương", "UBND tỉnh"]),
    ]
    assert tail_partner(fragments) == ("Sở Khoa học và Công nghệ", "các sở, ngành, địa phương")
    assert with_tail_partner(["UBND tỉnh"], ["Sở Tài chính"], fragments) == [
        "Sở Khoa học và Công nghệ",
        "các sở, ngành, địa phương",
        "UBND tỉnh",
    ]


def test_the_head_lost_beside_the_lead():
    fragments = [
        (723, ["Công an tỉnh Công nghệ; các hành, triển"]),
        (724, ["Dữ liệu tại tỉnh số, ban, ngành, khai, hướng"]),
        (725, ["địa phương dẫn"]),
    ]
    support = with_tail_partner(["Các sở, ban, ngành, địa phương"], ["Công an tỉnh"], fragments)
    assert support == ["Sở Khoa học và Công nghệ", "Các sở, ban, ngành, địa phương"]


@pytest.mark.parametrize(
    ("fragments", "why"),
    [
        ([(1, ["ứng dụng khoa học và công nghệ, các doanh nghiệp"])], "a task name's lower-case words"),
        ([(1, ["Sở Khoa học và Công nghệ Các sở, ngành"])], "no list mark: two columns side by side"),
        ([(1, ["Công nghệ; tác động"])], "no collective after the mark"),
        ([(1, ["phát triển kinh tế, các ngành"])], "no capital where the name prints one"),
    ],
)
def test_no_listed_tail(fragments, why):
    assert tail_partner(fragments) is None, why


def test_a_name_either_cell_reads_is_not_added_twice():
    fragments = [(1, ["Sở Khoa học và"]), (2, ["Công nghệ; các", "Kế hoạch"]), (3, ["sở, ngành"])]
    assert with_tail_partner([], ["Sở Khoa học và Công nghệ"], fragments) == []
    assert with_tail_partner(["Sở Khoa học và Công nghệ"], [], fragments) == ["Sở Khoa học và Công nghệ"]


def test_an_abbreviation_glued_to_its_head_before_a_collective():
    fragments = [
        (1241, ["Văn phòng SOWKHC‘N và các Đưa Hệ thống đi"]),
        (1242, ["ngành, địa Số"]),
        (1244, ["UBND tỉnh phương vào sử dụng"]),
    ]
    assert tail_partner(fragments) == ("Sở KHCN", "các địa phương")
    support = with_tail_partner(["Các sở, ngành, địa phương"], ["Văn phòng UBND tỉnh"], fragments)
    assert support == ["Sở KHCN", "Các sở, ngành, địa phương"]
    # the long name read already: no second reading of it
    assert with_tail_partner([], ["Sở Khoa học và Công nghệ"], fragments) == []


@pytest.mark.parametrize(
    "line",
    ["Văn phòng SOWKHC‘N Đưa Hệ thống", "Văn phòng SOWXKHCN và các", "Văn phòng SoKhcn và các"],
    ids=["no-collective-after-it", "two-stray-letters", "not-capitals"],
)
def test_no_glued_abbreviation(line):
    assert tail_partner([(1, [line]), (2, ["sở, ngành, địa phương"])]) is None
