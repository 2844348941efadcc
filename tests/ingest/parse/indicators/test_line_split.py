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
