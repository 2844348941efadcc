"""An agency read from an output's "của ..." prose is no partner."""

from __future__ import annotations

from theodoi.ingest.parse.possessed_names import possessed_only, without_possessed

ROW = [
    (771, ["Sở", "Các số, bản,", "Ỉ?ê hoạch"]),
    (772, ["sở Khoa học và", "của UBND ,"]),
    (774, ["ong", "nghệ tỉnh được"]),
]


def test_a_name_standing_only_after_cua_is_prose() -> None:
    assert possessed_only("UBND", ROW)
    assert without_possessed(["Các sở, ban, ngành, địa phương", "UBND"], ROW) == [
        "Các sở, ban, ngành, địa phương"
    ]


def test_a_name_also_standing_elsewhere_stays() -> None:
    fragments = [*ROW, (775, ["UBND tỉnh;"])]
    assert not possessed_only("UBND", fragments)


def test_a_name_not_found_or_a_collective_stays() -> None:
    assert not possessed_only("Sở Tài chính", ROW)
    fragments = [(1, ["Công nghệ; các", "của các Sở, ngành,"])]
    assert without_possessed(["Các sở, ngành"], fragments) == ["Các sở, ngành"]
