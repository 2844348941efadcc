"""A long directory name wrapped down an agency cell leaves the name's lines when its pieces,
read up the row, spell it whole; the name's own words (one word, an unfinished chain) stay."""

from __future__ import annotations

from theodoi.ingest.layout.interleaved.directory_chains import cut_directory_chains, directory_chain_cuts

PARTS = [
    (5, "Xây dựng, nâng cấp Trung tâm an toàn, an ninh mạng của"),
    (7, "thống thông tin quan trọng của các sở, ban, ngành, địa doanh nghiệp"),
    (9, "phương, cơ quan, doanh nghiệp viễn thông, Lộ ;"),
    (11, "internet, công Lỗ lệ"),
]
FRAGMENTS = [(6, ["địa phương; các"]), (8, ["Công an tỉnh"]), (13, ["nghệ thông tin \\"])]


def test_wrapped_directory_pieces_leave_the_name() -> None:
    cuts = directory_chain_cuts(PARTS, FRAGMENTS)
    kept, taken = cut_directory_chains(PARTS, cuts)
    assert kept == [
        (5, "Xây dựng, nâng cấp Trung tâm an toàn, an ninh mạng của"),
        (7, "thống thông tin quan trọng của các sở, ban, ngành, địa"),
        (9, "phương, cơ quan, doanh nghiệp"),
    ]
    assert taken == [(7, ["doanh nghiệp"]), (9, ["viễn thông,", "Lộ ;"]), (11, ["internet, công", "Lỗ lệ"])]


def test_cuts_hold_after_the_names_other_repairs_took_line_ends() -> None:
    cuts = directory_chain_cuts(PARTS, FRAGMENTS)
    kept, _taken = cut_directory_chains([*PARTS[:3], (11, "internet, công")], cuts)
    assert kept[-1] == (9, "phương, cơ quan, doanh nghiệp")


def test_an_unfinished_chain_keeps_the_name() -> None:
    # no piece opens with the directory name's last words below: nothing ends the chain
    assert directory_chain_cuts(PARTS, FRAGMENTS[:2]) == {}
    # nothing above spells its first word ("các")
    assert directory_chain_cuts(PARTS, [(8, ["Công an tỉnh"]), (13, ["nghệ thông tin"])]) == {}


def test_one_word_in_a_name_line_is_the_names_own() -> None:
    parts = [(1, "Xây dựng, công bố danh mục các dự án trọng điểm, các"), (2, "khu vực có tiềm năng")]
    fragments = [(3, ["Sở Tài chính"]), (4, ["số, ban, ngành, bộ"]), (5, ["địa phương"])]
    assert directory_chain_cuts(parts, fragments) == {}
