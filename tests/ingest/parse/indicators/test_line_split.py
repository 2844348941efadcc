"""One scanned line of an interleaved indicator table split into its columns."""

from __future__ import annotations

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
