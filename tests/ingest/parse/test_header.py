"""Header block: number, issuer, province, date, title, documents carried out and replaced."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from theodoi.ingest.layout.lines import lines_from_text
from theodoi.ingest.parse.header import find_codes, match_province, parse_header

CLEAN = """\
ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BÌNH ĐỊNH Độc lập - Tự do - Hạnh phúc
Số: 37/KH-UBND Bình Định, ngày 26 tháng 02 năm 2025
KẾ HOẠCH
Thực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ và Chương trình hành động
số 32-CTr/TU ngày 17/02/2025 của Tỉnh ủy thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024

Thực hiện Nghị quyết số 03/NQ-CP; Quyết định số 970/QĐ-TTg ngày 19/5/2025 ...
I. MỤC TIÊU
III. TỔ CHỨC THỰC HIỆN
Kế hoạch này thay thế Kế hoạch số 12/KH-UBND ngày 10/01/2025 của UBND tỉnh.
Nơi nhận:
- Như trên;
- Lưu: VT, K9.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Phạm Anh Tuấn
"""

# The same header as a scan reads it: marks lost, letters and digits garbled.
OCR = """\
UY BAN NHAN DAN CONG HOA XA HQI CHU NGHIA VIET NAM

TINH BINH PINH Péc lap - Tw do - Hanh phiic
Sb: 103 /KH-UBND Binh Dinh, ngay 01 thing6 ndm 2025
KE HOACH

Thue hién Nghi quyét s6 71/NQ-CP ngay 01/4/2025 ciia Chinh phii va
K¢ hoach hanh ddng s6 152-KH/TU ngay 13/5/2025 ciia Tinh uy thuc
hi¢n Nghi quyét s6 5 7-NQ/TW ngay 22/12/2024 ciia By Chinh trj

Thuc hién ...
 Ké hoach nay thay thé Ké hoach sé 37/KH-UBND ngay 26/02/2025 cua
UBND tinh thuc hién Chuong trinh hanh dong
"""


def test_clean_header_gives_every_field():
    header = parse_header(lines_from_text(CLEAN))
    assert header.number == "37/KH-UBND"
    assert header.issuer == "UBND tỉnh Bình Định"
    assert header.province == "Bình Định"
    assert header.date == dt.date(2025, 2, 26)
    assert set(header.implements) == {"03/NQ-CP", "32-CTr/TU", "57-NQ/TW"}
    assert header.supersedes == ["12/KH-UBND"]
    assert header.signer == "Phạm Anh Tuấn"


def test_title_is_the_block_under_the_kind_of_document():
    header = parse_header(lines_from_text(CLEAN))
    assert header.title.startswith("Thực hiện Nghị quyết số 03/NQ-CP")
    assert header.title.endswith("ngày 22/12/2024")
    assert "970/QĐ-TTg" not in header.implements  # cited in the preamble, not the title


def test_ocr_damaged_header_is_read_on_folded_text():
    header = parse_header(lines_from_text(OCR))
    assert header.number == "103/KH-UBND"
    assert header.province == "Bình Định"
    assert header.issuer == "UBND tỉnh Bình Định"
    assert header.date == dt.date(2025, 6, 1)
    assert set(header.implements) == {"71/NQ-CP", "152-KH/TU", "57-NQ/TW"}
    assert header.supersedes == ["37/KH-UBND"]


def test_unreadable_date_is_left_empty():
    text = "TINH QUANG TRI Doc lap - Tu do - Hanh phuc\nSb: 635 /KH-UBND Quang Tri, ngay2? thang § nam 2025\nKE HOACH\n"
    header = parse_header(lines_from_text(text))
    assert header.number == "635/KH-UBND"
    assert header.date is None
    assert header.province == "Quảng Trị"
    assert header.provenance.confidence["date"] == 0.0


@pytest.mark.parametrize(
    "issuer_line, province",
    [
        ("UBND TỈNH QUẢNG TRỊ", "Quảng Trị"),
        ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "Quảng Trị"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "Hải Phòng"),
        ("ỦY BAN NHÂN DÂN", None),  # the province on the next line, not here
    ],
    ids=["abbreviated", "one-line", "city", "negative: no province on the line"],
)
def test_an_issuer_written_on_one_line_names_its_province(issuer_line, province):
    """A Word header cell often holds "ỦY BAN NHÂN DÂN TỈNH ..." as one paragraph; the date may be unset."""
    text = f"{issuer_line}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 635/KH-UBND\nngày     tháng     năm\nKẾ HOẠCH\n"
    header = parse_header(lines_from_text(text))
    assert header.province == province
    assert header.issuer == (
        f"UBND {'thành phố' if 'PHỐ' in issuer_line else 'tỉnh'} {province}" if province else None
    )


def test_party_committee_plan_is_issued_by_the_provincial_party_committee():
    text = " TiINH UY TIEN GIANG DANG CONG SAN VIET NAM\n) Tién Giang, ngay 06 thang 5 nam 2025\nS0 195-KH/TU\n\nKE HOACH\n"
    header = parse_header(lines_from_text(text))
    assert header.number == "195-KH/TU"
    assert header.issuer == "Tỉnh ủy Tiền Giang"
    assert header.date == dt.date(2025, 5, 6)


def test_header_fields_cite_their_source_lines():
    header = parse_header(lines_from_text(CLEAN))
    assert {1, 2, 3, 5, 6}.issubset(header.provenance.source_lines)
    assert header.provenance.confidence["number"] > 0.5


def test_a_document_that_is_not_a_plan_gives_an_empty_header():
    header = parse_header(lines_from_text("Biên bản họp giao ban\nNội dung: ..."))
    assert header.number is None
    assert header.date is None
    assert header.implements == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nghị quyết số 57-NQ/TW ngày 22/12/2024", ["57-NQ/TW"]),
        ("Nghi quyét s6 5 7-NQ/TW", ["57-NQ/TW"]),  # OCR split the digits
        ("Nghị quyết số 71/NQ-CP", ["71/NQ-CP"]),
        ("Chương trình hành động số 32-CTR/TU", ["32-CTr/TU"]),  # printed case restored
        ("Kế hoạch số 09-KH/TU", ["09-KH/TU"]),  # the printed zero kept
        ("Quyết định số 970/QD-TTg", ["970/QĐ-TTg"]),
        ("ngày 01/4/2025 và 13/5/2025", []),  # dates are not document codes
    ],
)
def test_document_codes_are_rebuilt_in_their_printed_form(text, expected):
    assert [code.text for code, _, _ in find_codes(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Binh Dinh", "Bình Định"),
        ("BINH PINH", "Bình Định"),
        ("tỉnh Quảng Trị", "Quảng Trị"),
        ("Quang Nam", "Quảng Nam"),
        ("Hà Nội", "Hà Nội"),
        ("Nơi nhận", None),
    ],
)
def test_provinces_are_matched_despite_ocr_slips(text, expected):
    assert match_province(text) == expected


def test_a_plan_replaced_in_the_title_is_not_one_the_plan_carries_out():
    text = CLEAN.replace(
        "số 32-CTr/TU ngày 17/02/2025 của Tỉnh ủy thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024",
        "số 32-CTr/TU ngày 17/02/2025 của Tỉnh ủy; thay thế Kế hoạch số 12/KH-UBND ngày 10/01/2025",
    )
    header = parse_header(lines_from_text(text))
    assert header.supersedes == ["12/KH-UBND"]
    assert set(header.implements) == {"03/NQ-CP", "32-CTr/TU"}


def header_of(top: str, body: str = "") -> object:
    """The header of a plan whose first lines are ``top``, under a title naming 57-NQ/TW."""
    title = "KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị\n"
    return parse_header(lines_from_text(top + title + body))


def test_a_number_read_after_the_date_column_is_the_plan_number():
    top = "ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nLong An, ngày 15 tháng 3 năm 2025 Số: 123/KH-UBND\n"
    assert header_of(top).number == "123/KH-UBND"


def test_a_document_cited_in_a_line_is_not_the_plan_number():
    # Only "Số:" with its colon, above the kind of document, opens the plan's number.
    top = "ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nLong An, ngày 15 tháng 3 năm 2025 theo Nghị quyết số 12/NQ-CP\n"
    assert header_of(top).number is None


def test_a_title_naming_no_document_leaves_them_to_the_paragraph_under_it():
    lines = lines_from_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nSố: 123/KH-UBND\nKẾ HOẠCH\n"
        "Phát triển khoa học, công nghệ và chuyển đổi số năm 2025\n\n"
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Nghị quyết số\n"
        "03/NQ-CP của Chính phủ; xét Tờ trình số 87/TTr-SKHCN, UBND tỉnh ban hành Kế hoạch:\n"
        "I. MỤC TIÊU\nTriển khai Quyết định số 5/QĐ-UBND.\n"
    )
    header = parse_header(lines)
    assert header.implements == ["57-NQ/TW", "03/NQ-CP"]
    assert header.provenance.confidence["implements"] == 0.5


def test_a_title_naming_its_documents_is_not_read_past():
    body = "\nThực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ.\nI. MỤC TIÊU\n"
    assert header_of("ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nSố: 123/KH-UBND\n", body).implements == ["57-NQ/TW"]


def test_a_plan_that_repeals_or_ends_another_supersedes_it():
    body = (
        "III. TỔ CHỨC THỰC HIỆN\nKế hoạch này có hiệu lực từ ngày ký và bãi bỏ Kế hoạch số 14/KH-UBND.\n"
        "Kế hoạch số 12/KH-UBND hết hiệu lực kể từ ngày Kế hoạch này được ban hành.\n"
    )
    assert header_of("ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nSố: 123/KH-UBND\n", body).supersedes == [
        "14/KH-UBND",
        "12/KH-UBND",
    ]


def test_a_task_that_repeals_a_document_does_not_supersede_it():
    body = "II. NHIỆM VỤ\n1. Trình bãi bỏ Quyết định số 9/QĐ-UBND về quy chế cũ.\n"
    assert header_of("ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nSố: 123/KH-UBND\n", body).supersedes == []


def test_a_city_party_committee_is_a_thanh_uy():
    top = "THÀNH ỦY HÀ NỘI ĐẢNG CỘNG SẢN VIỆT NAM\nSố 45-KH/TU Hà Nội, ngày 5 tháng 4 năm 2025\n"
    assert header_of(top).issuer == "Thành ủy Hà Nội"


def test_a_long_table_without_full_stops_is_read_in_linear_time():
    # A task table runs for pages without "." or ";": each clause is searched once for "Kế
    # hoạch này", not once per letter (that took a fifth of a second per plan, cubic in length).
    rows = "I. NHIỆM VỤ\n" + "".join(
        f"{n} Sở Khoa học và Công nghệ chủ trì nhiệm vụ {n}\n" for n in range(200)
    )
    start = time.process_time()
    assert header_of("ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nSố: 123/KH-UBND\n", rows).supersedes == []
    assert time.process_time() - start < 1.0
    body = rows + "Kế hoạch này bãi bỏ Kế hoạch số 14/KH-UBND.\n"
    assert header_of("ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nSố: 123/KH-UBND\n", body).supersedes == ["14/KH-UBND"]
