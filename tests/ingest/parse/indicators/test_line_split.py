"""One scanned line of an interleaved indicator table split into its columns."""

from __future__ import annotations

import pytest

from theodoi.ingest.parse.indicators.line_split import split_scanned

RAW = "27 Ty 1& ngudi dan c6 hd so strc khoe dién tur % >95 SoY té"
RESTORED = "27 Tỷ lệ người dân có hồ sơ sức khỏe điện tử % >95 Số tế"


def test_an_agency_cell_restoration_garbled_is_taken_from_the_raw_line():
    parts = split_scanned(RESTORED, RAW, with_code=True)
    assert (parts.name, parts.unit, parts.target) == ("Tỷ lệ người dân có hồ sơ sức khỏe điện tử", "%", ">95")
    assert parts.lead == "SoY té"


def test_a_line_restoration_left_alone_is_split_as_it_is():
    text = "27 Tỷ lệ người dân có hồ sơ sức khỏe điện tử % ≥ 95 Sở Y tế"
    parts = split_scanned(text, text, with_code=True)
    assert (parts.unit, parts.target, parts.lead) == ("%", "≥ 95", "Sở Y tế")


def test_a_raw_cell_that_names_no_known_agency_is_not_taken():
    raw = "27 Ty 1& ngudi dan c6 hd so strc khoe dién tur % >95 Xyz abc"
    parts = split_scanned(RESTORED, raw, with_code=True)
    assert parts.lead == ""


def test_bars_around_a_cell_give_the_cells_of_a_line_whose_number_was_lost():
    # The row number is a smudge ("*!"); the bars the scan kept bound the unit cell (a smudge
    # too, "MREHM"), then come the target and the end of the agency cell.
    raw = "*! ihy hit nha khoa hoc, doanh| MREHM |33 Cong nghé"
    text = "hý hút nhà khoa học, doanh MREHM 33 Công nghệ"
    parts = split_scanned(text, raw, with_code=True)
    assert (parts.code, parts.name, parts.unit) == (None, "hý hút nhà khoa học, doanh", "")
    assert (parts.target, parts.lead) == ("33", "Công nghệ")


def test_a_barred_unit_cell_that_spells_a_unit_is_kept_as_the_unit():
    raw = "*! ihy hit nha khoa hoc, doanh| Trung tam |33 Cong nghé"
    text = "hý hút nhà khoa học, doanh Trung tâm 33 Công nghệ"
    parts = split_scanned(text, raw, with_code=True)
    assert (parts.unit, parts.target) == ("Trung tâm", "33")


def test_a_number_inside_a_name_continuation_without_bars_stays_name_text():
    text = "cố định với tốc độ trên 01 Gb/s"
    parts = split_scanned(text, "co dinh voi toc do trén 01 Gb/s", with_code=True)
    assert (parts.target, parts.lead) == ("", "")
    assert parts.name.endswith("01 Gb/s")


def test_a_bar_before_a_number_followed_by_lower_case_text_is_not_a_target():
    raw = "phat trién | cong nghé |10 nam tai cac tinh"
    text = "phát triển công nghệ 10 năm tại các tỉnh"
    parts = split_scanned(text, raw, with_code=True)
    assert (parts.target, parts.lead) == ("", "")


# (restored line, raw line, expected name part, comment)
DEBRIS_CASES = [
    (
        "trong sản xuất, kinh doanh. ứng nhu",
        "trong san xuat, kinh doanh. g nehs",
        "trong sản xuất, kinh doanh.",
        "a speck, then the garbled end of Công nghệ",
    ),
    ("nghiệm thu mỗi năm ở nghệ", "nghiém thu moi ndm & nEhe", "nghiệm thu mỗi năm", "& and nEhe"),
    (
        "trong sản xuất, kinh doanh. ở NN",
        "trong san xuat, kinh doanh. & NN",
        "trong sản xuất, kinh doanh.",
        "a smudge",
    ),
    # negative cases: words at the end of a name stay
    (
        "ứng dụng khoa học và công nghệ",
        "ung dung khoa hoc va cong nghe",
        "ứng dụng khoa học và công nghệ",
        "no speck",
    ),
    (
        "phát triển kinh tế ở mức cao",
        "phat trien kinh te & muc cao",
        "phát triển kinh tế ở mức cao",
        "& for ở",
    ),
    ("trung tâm ở tỉnh", "trung tam & tinh", "trung tâm ở tỉnh", "a word after the speck, not debris"),
]


@pytest.mark.parametrize(("text", "raw", "name", "comment"), DEBRIS_CASES)
def test_the_debris_of_a_wrapped_agency_at_a_line_end_is_judged_on_the_raw_line(text, raw, name, comment):
    assert split_scanned(text, raw, with_code=False).name == name, comment


def test_a_line_restoration_garbled_the_agency_head_of_is_split_at_the_raw_head():
    # "vanp hg;g" (Văn phòng) restored as "vạn hộ;ở": the restored line shows no cells at all
    text = "5.12 |dụng phần mềm quản trị điều % 100 vạn hộ;ở Tỉnh"
    raw = "5.12 |dung phan mém quan tri diéu % 100 vanp hg;g Tinh"
    parts = split_scanned(text, raw, with_code=True)
    assert (parts.name, parts.unit, parts.target) == ("dụng phần mềm quản trị điều", "%", "100")
    assert parts.lead == "vanp hg;g Tinh"


def test_a_raw_head_restoration_kept_leaves_the_restored_split_alone():
    text = "phát triển kinh tế 100 vạn hộ dân"
    parts = split_scanned(text, "phat trien kinh te 100 van ho dan", with_code=False)
    assert (parts.target, parts.lead) == ("", "")


def test_a_lone_raw_capital_restoration_made_a_word_of_stays_a_speck():
    # ". X o Cong nghé": the "X" is a speck at the column edge, not the word "Xô"
    parts = split_scanned(". Xô ở Công nghệ", ". X o Cong nghé", with_code=False)
    assert not parts.name.startswith("Xô")
    # negative case: a capital the restorer left alone is kept as printed
    assert split_scanned("Sở Y tế", "S& Y té", with_code=False).lead == "Sở Y tế"


def test_a_bar_after_a_sign_whose_number_was_garbled_closes_the_target_cell():
    text = "510 |ngành được tích hợp với với| % >gs | SOKhoahocva"
    parts = split_scanned(text, "510 |nganh duoc tich hop voi voi| % >gs | SOKhoahocva", with_code=True)
    assert (parts.unit, parts.target, parts.lead) == ("%", ">gs", "SOKhoahocva")
    assert parts.name == "ngành được tích hợp với với"


@pytest.mark.parametrize(
    ("line", "target"),
    [
        ("2.5 Số lượng người thực hiện nghiên cứu Người - 12 Sở Khoa học và", "- 12"),
        ("47 Số lượng sáng chế, giải pháp | Sáng chế, giải >~ 15 Sở Khoa học và", ">~ 15"),
        # negative case: a hyphen between two numbers is a range
        ("17 Số lượng đơn đăng ký sáng chế %/năm 16 - 18 Sở Khoa học và Công nghệ", "16 - 18"),
    ],
)
def test_a_sign_the_scan_printed_as_a_hyphen_or_with_a_tilde_stays_with_its_number(line, target):
    assert split_scanned(line, line, with_code=True).target == target


def test_a_smudged_cell_between_the_bar_closing_the_name_and_the_target_is_not_name_text():
    parts = split_scanned("44 Số lượng sản phẩm đổi mới| ở phẩm >0 Sở Khoa học", "", with_code=True)
    assert (parts.name, parts.target) == ("Số lượng sản phẩm đổi mới", ">0")
    # negative cases: a cell that may begin a unit wrapped over lines stays for the wraps
    line = "46 Số lượng sáng chế, giải pháp| Sáng chế, giải -1 Sở Khoa học và"
    assert split_scanned(line, line, with_code=True).name.endswith("Sáng chế, giải")
    line = "2.1 |công nghệ, đổi mới sáng tạo,| đảm/Không | Bảo đảm Sở Tài chính"
    assert "đảm/Không" in split_scanned(line, line, with_code=True).name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        # a continuation line: the bar closes the name cell, a wrapped unit follows it
        ("Ban Thường vụ Tỉnh ủy thực| hoàn thành Y", "Ban Thường vụ Tỉnh ủy thực"),
        (
            "quan trọng xây dựng, giá trị văn hóa, xã | triển con NP",
            "quan trọng xây dựng, giá trị văn hóa, xã",
        ),
        # a numbered line with no target: the other columns' fragments after the bar
        ("5.16 [quan đảng và Kế hoạch của| thành/Không thành độ i ở", "[quan đảng và Kế hoạch của"),
    ],
)
def test_a_bar_closing_the_name_cell_ends_the_name_on_a_line_without_a_target(line, name):
    assert split_scanned(line, line, with_code=line[:1].isdigit()).name == name


def test_a_bar_before_the_second_word_or_a_bar_on_a_line_with_a_target_keeps_the_name_whole():
    # negative cases: one word before the bar is no closed name cell; on a line with a target
    # the words after the bar are left to the unit rules (a unit wrapped over lines)
    assert split_scanned("dịch| vụ công trực tuyến", "", with_code=False).name == "dịch vụ công trực tuyến"
    line = "46 Số lượng sáng chế, giải pháp| Sáng chế, giải -1 Sở Khoa học và"
    assert split_scanned(line, line, with_code=True).name.endswith("Sáng chế, giải")
