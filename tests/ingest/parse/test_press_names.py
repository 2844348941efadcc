"""A province's newspaper or newsroom among a row's agencies."""

from __future__ import annotations

from theodoi.ingest.parse.press_names import press_names, with_press_names

# The newsroom's name wrapped over four lines among the lead's and the output's words.
NEWSROOM = [
    (551, ["Tỉnh ủy; các sở,", "Kế hoạch"]),
    (552, ["Sở Khoa hoc va", "ban, ngành, địa của UBND 212025"]),
    (553, ["Công nghệ phương;", "Báo và tỉnh"]),
    (554, ["Phát thanh -"]),
    (555, ["Truyền hình"]),
    (557, ["Quảng Trị"]),
]
NEWSPAPER = [(693, ["Truyền hình tỉnh;"]), (694, ["Báo Bình Định"])]


def test_a_newspaper_is_named_by_the_province_after_bao() -> None:
    assert press_names(NEWSPAPER) == ["Báo Bình Định"]


def test_a_newsroom_is_read_over_its_wrapped_lines() -> None:
    assert press_names(NEWSROOM) == ["Báo và Phát thanh - Truyền hình Quảng Trị"]


def test_a_report_or_a_lower_case_bao_names_no_press() -> None:
    assert press_names([(1, ["Báo cáo UBND tỉnh Bình Định"])]) == []
    assert press_names([(1, ["cơ quan báo Bình Định"])]) == []
    assert press_names([(1, ["Báo và tỉnh"]), (2, ["Quảng Trị"])]) == []


def test_the_press_closes_the_partners() -> None:
    lead, support = ["Sở Khoa học và Công nghệ"], ["Ban Tuyên giáo và Dân vận Tỉnh ủy"]
    assert with_press_names(lead, support, NEWSROOM) == (
        lead,
        [*support, "Báo và Phát thanh - Truyền hình Quảng Trị"],
    )


def test_a_name_read_from_the_press_names_garbled_words_gives_its_place() -> None:
    fragments = [
        (564, ["Báo và bài Độ};lát Sở{ Khoa học và ."]),
        (565, ["thanh - Truyền Công nghệ; các Chương"]),
        (567, ["hình Quảng Trị,", "sở, ban, ngành, trình"]),
    ]
    lead, support = with_press_names(["Báo và bài Độ}"], ["Sở Khoa học và Công nghệ"], fragments)
    assert lead == ["Báo và Phát thanh - Truyền hình Quảng Trị"]
    assert support == ["Sở Khoa học và Công nghệ"]


def test_a_press_name_a_cell_reads_is_not_added_twice() -> None:
    assert with_press_names(["Báo Bình Định"], [], NEWSPAPER) == (["Báo Bình Định"], [])
