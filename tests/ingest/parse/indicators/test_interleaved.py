"""Lines between two numbered rows of an interleaved table: which row each belongs to."""

from __future__ import annotations

from theodoi.ingest.layout.lines import lines_from_text
from theodoi.ingest.parse.indicators import parse_indicators

HEAD = "Phu luc I\nCHI TIEU\nTT Chi tieu Don vi Ket qua Co quan chu tri\nDen nam 2040\n"


def names(body: str) -> dict[str, str]:
    return {i.code: i.name for i in parse_indicators(lines_from_text(HEAD + body))}


def test_a_line_opening_an_agency_of_its_own_starts_the_row_below_when_the_row_above_has_one():
    # Row 3.2's agency opens on the line above its number ("So Khoa hoc va" / "Cong nghe");
    # the scan garbled the opening of 3.3's name, so no line opens a sentence: the line that
    # opens an agency cell again starts row 3.3.
    body = (
        "3 | Phat trien tiem luc\n"
        "3.1 Ty le ket qua duoc ung dung % > 60 So Khoa hoc va Cong nghe\n"
        "So luong don dang ky so huu So Khoa hoc va\n"
        "3.2 tri tue (sang che, giai phap huu Don >25\n"
        "Cong nghe\n"
        "ich) moi nam\n"
        "quie doanh nghiep su dung ket o So Khoa hoc va\n"
        "3.3 qua nghien cuu tu vien, truong % > 60 Cong nghe\n"
        "trong san xuat, kinh doanh.\n"
    )
    got = names(body)
    assert got["3.2"].endswith("giai phap huu ich) moi nam")
    assert got["3.3"].startswith("quie doanh nghiep su dung ket")


def test_without_an_agency_above_the_lines_between_stay_with_the_row_above():
    # negative case: the row above has no agency yet, so the agency line continues it
    body = (
        "3 | Phat trien tiem luc\n"
        "3.1 Ty le ket qua duoc ung dung % > 60\n"
        "So luong don dang ky so huu\n"
        "3.2 tri tue (sang che, giai phap huu Don >25\n"
        "ich) moi nam\n"
        "quie doanh nghiep su dung ket o So Khoa hoc va\n"
        "3.3 qua nghien cuu tu vien, truong % > 60 Cong nghe\n"
    )
    got = names(body)
    assert got["3.3"].startswith("qua nghien cuu")


def test_a_table_rule_before_a_name_does_not_hide_that_it_opens_a_sentence():
    # "[Chi so ...": the name opens on the numbered line, so the line above is another
    # column's wrapped cell (the unit "Diem (khung 1.0)"), not the start of the name
    body = (
        "1 | Phat trien chuyen doi so\n"
        ".z A ke Diem (khung So Khoa hoc va\n"
        "1.1 [Chi so chuyen doi so cap tinh 1.0) >0,92 Cong nghe\n"
    )
    assert names(body)["1.1"] == "Chi so chuyen doi so cap tinh"
