"""Repeated indicators: a plan that sets targets per horizon prints each indicator in several
blocks, and the copies repair what a scan damaged in one of them."""

from __future__ import annotations

import pytest

from theodoi.ingest.parse.indicators.repeats import repair_from_repeats, repair_openings
from theodoi.ingest.parse.indicators.scan import is_damaged
from theodoi.ingest.plan import Indicator

SKHCN = "Sở Khoa học và Công nghệ"
VP = "Văn phòng UBND tỉnh"


def ind(horizon: int, name: str, unit: str | None = "%", lead: list[str] | None = None) -> Indicator:
    return Indicator(horizon=horizon, name=name, unit=unit, lead=[SKHCN] if lead is None else lead)


def repaired(*rows: Indicator) -> list[Indicator]:
    rows_ = list(rows)
    repair_from_repeats(rows_)
    return rows_


@pytest.mark.parametrize(
    ("token", "damaged"),
    [
        ("rihle;nổ}", True),
        ("nglilen", True),
        ("klAen", True),
        ("Số(,)", True),
        ("(6", True),
        ("k", True),
        ("lilhO", True),
        ("IAlhO", True),
        # negative cases: words, abbreviations, numbers and names as printed
        ("nghiệm", False),
        ("học,", False),
        ("VNeID", False),
        ("IoT", False),
        ("LGSP", False),
        ("5G", False),
        ("(Scopus/ISI)", False),
        ("viện/trường", False),
        ("2,5%", False),
        ("ở", False),
    ],
)
def test_a_damaged_word_is_told_from_a_word_as_printed(token, damaged):
    assert is_damaged(token) is damaged


def test_a_damaged_word_is_replaced_by_the_word_the_other_copies_print_there():
    rows = repaired(
        ind(2025, "Số lượng rihle;nổ} vụ khoa học, công nghệ cấp tỉnh được nghiệm thu"),
        ind(2030, "Số lượng nhiệm vụ khoa học, công nghệ cấp tỉnh được nghiệm thu mỗi năm"),
        ind(2035, "Số lượng nhiệm vụ khoa học, công nghệ cấp tỉnh được nghiệm thu mỗi năm"),
    )
    # the repaired copy keeps its own end ("mỗi năm" is not added): only damage is repaired
    assert rows[0].name == "Số lượng nhiệm vụ khoa học, công nghệ cấp tỉnh được nghiệm thu"
    assert rows[0].provenance.confidence["name"] <= 0.6


def test_clean_words_that_differ_between_copies_stay_as_each_copy_prints_them():
    names = [
        "Tỷ lệ phủ sóng 5G trên địa bàn",
        "Tỷ lệ phủ sóng 6G trên địa bàn",
        "Bảo đảm chi ngân sách cho khoa học ≥ 1,5% tổng chi ngân sách",
        "Bảo đảm chi ngân sách cho khoa học >2,5% tổng chi ngân sách",
    ]
    rows = repaired(*(ind(2025 + 5 * k, name) for k, name in enumerate(names)))
    assert [r.name for r in rows] == names


def test_a_span_of_specks_no_other_copy_prints_is_dropped():
    rows = repaired(
        ind(2040, "Số lượng vườn ươm, trung tâm được bổ sung chức năng đổi Vụ:Gia, mới sáng tạo"),
        ind(2045, "Số lượng vườn ươm, trung tâm được bổ sung chức năng đổi mới sáng tạo"),
    )
    assert rows[0].name == "Số lượng vườn ươm, trung tâm được bổ sung chức năng đổi mới sáng tạo"


def test_a_word_only_partly_damaged_is_not_replaced_by_another_indicator():
    # "Sự’ văn" (dự án) beside "doanh nghiệp" of a similar indicator: half the span reads as a
    # word, so the copy may be another indicator and nothing is replaced
    rows = repaired(
        ind(2040, "Số lượng Sự’ văn khởi nghiệp sáng tạo mỗi năm"),
        ind(2045, "Số lượng doanh nghiệp khởi nghiệp sáng tạo mỗi năm"),
    )
    assert rows[0].name == "Số lượng Sự’ văn khởi nghiệp sáng tạo mỗi năm"


def test_copies_in_the_same_horizon_are_other_indicators_and_repair_nothing():
    rows = repaired(
        ind(2030, "Số lượng rihle;nổ} vụ khoa học cấp tỉnh"),
        ind(2030, "Số lượng nhiệm vụ khoa học cấp tỉnh"),
    )
    assert rows[0].name == "Số lượng rihle;nổ} vụ khoa học cấp tỉnh"


def test_a_unit_lost_or_read_only_at_its_end_is_taken_from_the_copies():
    name = "Số lượng vườn ươm, trung tâm được bổ sung chức năng đổi mới sáng tạo"
    rows = repaired(
        ind(2025, name, unit=None),
        ind(2030, name, unit="Trung tâm"),
        ind(2035, name, unit="Vườn, Trung tâm"),
    )
    assert [r.unit for r in rows] == ["Vườn, Trung tâm"] * 3


def test_a_unit_the_copies_disagree_on_is_not_guessed():
    name = "Chỉ số chuyển đổi số cấp tỉnh"
    rows = repaired(ind(2025, name, unit=None), ind(2030, name, unit="Điểm"), ind(2035, name, unit="%"))
    assert rows[0].unit is None


def test_a_smudged_or_lost_agency_cell_is_taken_from_the_copies():
    name = "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính"
    rows = repaired(
        ind(2025, name, lead=[VP]),
        ind(2030, name, lead=[VP]),
        ind(2035, name, lead=[]),
        ind(2040, name, lead=["Solthoahocva"]),
        ind(2045, name, lead=[VP, '"aﬂh‘}’l‘và']),
    )
    assert [r.lead for r in rows] == [[VP]] * 5


def test_an_agency_of_its_own_a_copy_names_is_kept():
    # "Ban Dân tộc" is not in the directory, yet it reads as words: the plan's own agency
    name = "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến"
    rows = repaired(ind(2025, name, lead=[VP]), ind(2030, name, lead=["Ban Dân tộc tỉnh"]))
    assert rows[1].lead == ["Ban Dân tộc tỉnh"]


def group(*names: str) -> list[Indicator]:
    rows = [Indicator(horizon=2030, code=f"8.{k + 1}", name=name) for k, name in enumerate(names)]
    repair_openings(rows)
    return rows


def test_a_sub_row_whose_opening_the_scan_damaged_takes_the_opening_its_siblings_print():
    rows = group(
        "Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình",
        'Z" ;lồ lộ!}số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
        "Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử",
        "Tỷ lệ thanh toán trực tuyến",
    )
    # the clean end of the last damaged word ("số") is kept
    assert rows[1].name == "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính"


def test_an_opening_printed_clean_or_siblings_that_disagree_change_nothing():
    rows = group(
        "Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình",
        "Số lượng hồ sơ được số hóa",  # clean: a sub-row may open otherwise
        "Tỷ lệ thanh toán trực tuyến",
    )
    assert rows[1].name == "Số lượng hồ sơ được số hóa"
    rows = group(
        "Tỷ lệ cung cấp dịch vụ công trực tuyến",
        'Z" ;lồ lộ!}số hóa hồ sơ',
        "Số lượng hồ sơ được số hóa",
        "Chỉ số chuyển đổi số",
    )
    assert rows[1].name == 'Z" ;lồ lộ!}số hóa hồ sơ'


def test_copies_garbled_around_the_same_words_repair_each_other_word_by_word():
    # every copy is damaged in this span, each in its own words: a clean word one copy prints
    # replaces the damaged word another prints at its place
    rows = repaired(
        ind(2025, "Số người làm công tác nglilen hộ(_)’cố., phát triển công nghệ trên 01 vạn dân"),
        ind(2030, "Số người làm công tác nglilen hộ(_),Cố., đô,hút triển công nghệ trên 01 vạn dân"),
        ind(2035, "Số người làm công tác nglilen hộ(_)’cố., phát triển công nghệ trên 01 vạn dân"),
    )
    assert rows[1].name == "Số người làm công tác nglilen hộ(_),Cố., phát triển công nghệ trên 01 vạn dân"
    # negative case: a clean word is never replaced, even where the copies differ
    rows = repaired(
        ind(2025, "Số người làm công tác nglilen hộ(_)’cố., phát triển công nghệ trên 01 vạn dân"),
        ind(2030, "Số người làm công tác nglilen hộ(_),Cố., thúc triển công nghệ trên 01 vạn dân"),
    )
    assert "thúc triển" in rows[1].name


def test_a_repair_most_copies_agree_on_is_finished_by_a_copy_that_repairs_the_whole_span():
    # three copies repair only "Ilghlip", one the whole "doar,lh Ilghlip": both words are taken
    rows = repaired(
        ind(2025, "Tỷ lệ doar,lh Ilghlip vừa và nhỏ có hợp tác nghiên cứu với các viện/trường"),
        ind(2030, "Tỷ lệ doanh nghiệp vừa và nhỏ có hợp tác nghiên cứu với các viện/trường"),
        ind(2035, "Tỷ lệ đoàn,lý nghiệp vừa và nhỏ có hợp tác nghiên cứu với các viện/trường"),
        ind(2040, "Tỷ lệ đoàn,lý nghiệp vừa và nhỏ) có hợp tác nghiên cứu với các viện/trường"),
        ind(2045, "Tỷ lệ đoàn,lý nghiệp vừa và nhỏ có hợp tác nghiên cứu, với các viện/trường"),
    )
    assert rows[0].name.startswith("Tỷ lệ doanh nghiệp vừa")


def test_a_damaged_opening_takes_the_opening_every_other_copy_prints():
    # the scan read the opening's first words as other words; one of them is damaged
    copy = "Tỷ lệ doanh nghiệp sử dụng kết quả nghiên cứu từ viện, trường trong sản xuất"
    rows = repaired(
        ind(2025, copy),
        ind(2030, copy),
        ind(2035, "quyết: định nổ,học‘độ Sử dụng kết quả nghiên cứu từ viện, trường trong sản xuất"),
    )
    assert rows[2].name.startswith("Tỷ lệ doanh nghiệp Sử dụng kết quả")
    # negative cases: an opening of clean words stays; so does one only a single copy prints
    other = "Số lượng hợp tác xã sử dụng kết quả nghiên cứu từ viện, trường trong sản xuất"
    assert repaired(ind(2025, copy), ind(2030, copy), ind(2035, other))[2].name == other
    damaged = "quyết: định nổ,học‘độ Sử dụng kết quả nghiên cứu từ viện, trường trong sản xuất"
    assert repaired(ind(2025, copy), ind(2035, damaged))[1].name == damaged


@pytest.mark.parametrize("units", [("Hộ", "Xã"), ("Xã", "Hộ")])
def test_two_units_of_one_length_the_copies_disagree_on_are_not_guessed_in_either_order(units):
    """A tie on the longest unit is no agreement, whichever copy the document prints first."""
    name = "Số đơn vị được hỗ trợ chuyển đổi số"
    rows = repaired(
        ind(2025, name, unit=None), ind(2030, name, unit=units[0]), ind(2035, name, unit=units[1])
    )
    assert rows[0].unit is None
    # negative case: copies agreeing on one unit give it
    rows = repaired(ind(2025, name, unit=None), ind(2030, name, unit="Hộ"), ind(2035, name, unit="Hộ"))
    assert rows[0].unit == "Hộ"


def test_a_pair_weighed_at_one_cutoff_answers_another_as_if_weighed_there() -> None:
    """_alike keeps what it learnt of a pair (its ratio, or bounds below a cutoff) for the other
    cutoff: the answer is the one weighed afresh at that cutoff, in either order of asking."""
    from theodoi.ingest.parse.indicators import repeats
    from theodoi.ingest.text import similarity_at_least

    names = [
        "Tỷ lệ hồ sơ giải quyết trực tuyến",
        "Tỷ lệ hồ sơ giải quyết truc tuyen toàn trình",
        "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình",
        "Tỷ lệ dân số trưởng thành có chữ ký số",
        "Tỷ lệ hồ sơ",
        "Số doanh nghiệp công nghệ số",
    ]

    def fresh(a: str, b: str, cutoff: float) -> bool:
        (key_a, words_a), (key_b, words_b) = repeats._folded(a), repeats._folded(b)
        if len(words_a & words_b) < 0.3 * min(len(words_a), len(words_b)):
            return False
        return similarity_at_least(key_a, key_b, cutoff) >= cutoff

    for order in ((0.7, 0.9), (0.9, 0.7), (0.8, 0.7, 0.9)):
        repeats._WEIGHED.clear()
        for a in names:
            for b in names:
                for cutoff in order:
                    assert repeats._alike(a, b, cutoff) == fresh(a, b, cutoff), (a, b, cutoff)
    assert any(fresh(a, b, 0.7) and not fresh(a, b, 0.9) for a in names for b in names)
