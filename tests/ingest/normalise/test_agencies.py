"""Agency cells -> single agencies, per the format's rules (collective entries kept whole)."""

from __future__ import annotations

import pytest

from theodoi.ingest.normalise.agencies import (
    agency_continuation,
    agency_score,
    compact_directory_match,
    complete_agency,
    may_name_collective,
    names_a_collective,
    resolve_agency,
    split_agencies,
    trim_to_known_agency,
)

# (cell as printed, agencies, comment)
SPLITS = [
    ("Sở Khoa học và Công nghệ", ["Sở Khoa học và Công nghệ"], "'và' inside a name is not a split"),
    (
        "Sở Nội vụ, Sở Khoa học và Công nghệ",
        ["Sở Nội vụ", "Sở Khoa học và Công nghệ"],
        "comma between agencies",
    ),
    (
        "Ban Tuyên giáo - Dân vận Tỉnh ủy; các Sở, ngành, địa phương; Đài Phát thanh và Truyền hình tỉnh; Báo Bình Định",
        [
            "Ban Tuyên giáo - Dân vận Tỉnh ủy",
            "các Sở, ngành, địa phương",
            "Đài Phát thanh và Truyền hình tỉnh",
            "Báo Bình Định",
        ],
        "semicolons",
    ),
    ("Các sở, ban, ngành, địa phương", ["Các sở, ban, ngành, địa phương"], "collective entry kept whole"),
    ("Sở, ngành, địa phương", ["Sở, ngành, địa phương"], "collective without 'các'"),
    ("Các Sở, ngành có liên quan", ["Các Sở, ngành có liên quan"], ""),
    ("Các cơ quan, đơn vị, địa phương liên quan", ["Các cơ quan, đơn vị, địa phương liên quan"], ""),
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"], "comma inside a name"),
    (
        "Sở Tài chính, UBND các huyện, thị xã, thành phố",
        ["Sở Tài chính", "UBND các huyện, thị xã, thành phố"],
        "",
    ),
    (
        "các doanh nghiệp viễn thông, internet, công nghệ thông tin",
        ["các doanh nghiệp viễn thông, internet, công nghệ thông tin"],
        "collective with a list of fields",
    ),
    (
        "Công an tỉnh, Sở Khoa học và Công nghệ và các Sở, ngành",
        ["Công an tỉnh", "Sở Khoa học và Công nghệ", "các Sở, ngành"],
        "'và' between two agencies",
    ),
    (
        "Ban quản lý Khu kinh tế tỉnh và Sở Công thương",
        ["Ban quản lý Khu kinh tế tỉnh", "Sở Công thương"],
        "",
    ),
    (
        "Báo và Đài Phát thanh - Truyền hình Quảng Trị",
        ["Báo và Đài Phát thanh - Truyền hình Quảng Trị"],
        "one body",
    ),
    ("Cơ quan, tổ chức và doanh nghiệp", ["Cơ quan, tổ chức và doanh nghiệp"], ""),
    (
        "Các cơ quan Đảng, HĐND, Tòa án nhân dân tỉnh, Viện Kiểm sát nhân dân tỉnh",
        ["Các cơ quan Đảng", "HĐND", "Tòa án nhân dân tỉnh", "Viện Kiểm sát nhân dân tỉnh"],
        "abbreviation and courts",
    ),
    (
        "Sở Khoa học và Công nghệ, Văn phòng UBND tỉnh",
        ["Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh"],
        "",
    ),
    ("Sở KHCN, FPT, trung tâm ICISE", ["Sở KHCN", "FPT", "trung tâm ICISE"], "abbreviations as printed"),
    (
        "Sở Nông nghiệp và Môi trường (cung cấp, chia sẻ bản đồ nền địa lý, hành chính của tỉnh)",
        ["Sở Nông nghiệp và Môi trường (cung cấp, chia sẻ bản đồ nền địa lý, hành chính của tỉnh)"],
        "never split inside parentheses",
    ),
    (
        "Văn phòng UBND tỉnh , Sở Khoa học và Công nghệ",
        ["Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ"],
        "space",
    ),
    ("UBND Thành phố Quy Nhơn, UBND thị xã An Nhơn", ["UBND Thành phố Quy Nhơn", "UBND thị xã An Nhơn"], ""),
    (
        "Đảng ủy UBND tỉnh, Đảng ủy các cơ quan Đảng tỉnh",
        ["Đảng ủy UBND tỉnh", "Đảng ủy các cơ quan Đảng tỉnh"],
        "party committees",
    ),
    (
        "Sở Tư pháp, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Đoàn Thanh niên tỉnh",
        ["Sở Tư pháp", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Đoàn Thanh niên tỉnh"],
        "front and youth union",
    ),
    (
        "Các cơ quan, đoàn thể, địa phương",
        ["Các cơ quan, đoàn thể, địa phương"],
        "negative: 'đoàn thể' is generic",
    ),
    (
        "UBND các xã, phường, đặc khu",
        ["UBND các xã, phường, đặc khu"],
        "the two-tier local level, one collective",
    ),
]


@pytest.mark.parametrize(("cell", "expected", "comment"), SPLITS, ids=[c[0][:40] for c in SPLITS])
def test_agency_cell_splits_into_single_agencies(cell, expected, comment):
    assert split_agencies(cell) == expected


@pytest.mark.parametrize("empty", ["", "  ", ";", " , "])
def test_empty_cell_has_no_agencies(empty):
    assert split_agencies(empty) == []


def test_unrestored_text_splits_like_restored_text():
    assert split_agencies("So Noi vu, So Khoa hoc va Cong nghe; cac so, ban, nganh") == [
        "So Noi vu",
        "So Khoa hoc va Cong nghe",
        "cac so, ban, nganh",
    ]


def test_directory_name_resolves_to_itself_with_full_confidence():
    assert resolve_agency("Sở Tài Chính") == ("Sở Tài Chính", 1.0)


def test_ocr_slip_is_repaired_from_the_directory():
    name, confidence = resolve_agency("Sở Khoa hoc và Công nghê")
    assert name == "Sở Khoa học và Công nghệ"
    assert 0.8 <= confidence < 1.0


def test_unknown_agency_is_kept_as_printed():
    assert resolve_agency("Trường Đại học Quảng Trị")[0] == "Trường Đại học Quảng Trị"


@pytest.mark.parametrize("text", ["Sở Nội vụ", "Các sở, ngành, địa phương", "UBND tỉnh", "Công an tỉnh"])
def test_agency_cells_score_high(text):
    assert agency_score(text) >= 0.8


@pytest.mark.parametrize("text", ["Kế hoạch của UBND tỉnh", "Các quy trình nội bộ được ban hành", "12/2025"])
def test_other_cells_score_low(text):
    assert agency_score(text) < 0.5


def test_fragment_that_completes_a_directory_name_continues_the_cell():
    assert agency_continuation("Sở Khoa học và", "Công nghệ") > agency_continuation("Các Sở,", "Công nghệ")


def test_ocr_cell_with_debris_is_trimmed_to_the_directory_name():
    assert trim_to_known_agency("Sở Khoa học và Công nghệ phuong tỉnh")[0] == "Sở Khoa học và Công nghệ"


def test_clean_name_is_not_trimmed():
    assert trim_to_known_agency("Trường Đại học Quảng Trị") is None


def test_ocr_cell_cut_short_is_completed_when_one_name_fits():
    assert complete_agency("Sở Khoa học và Công")[0] == "Sở Khoa học và Công nghệ"


def test_ambiguous_start_is_not_completed():
    assert complete_agency("Sở Tài") is None


# compact_directory_match: (OCR'd text, expected directory name or None, comment)
COMPACT_CASES = [
    ("S6Y tế", "Sở Y tế", "a short name glued, a digit for a letter"),
    ("S&Y tế", "Sở Y tế", "a mark for a letter"),
    ("SoY té", "Sở Y tế", "marks lost"),
    ("Sở Xây dựng", "Sở Xây dựng", "negative: a clean name is itself"),
    ("y tế", None, "negative: too short to be a name"),
    ("Thể thao và Du lịch", None, "negative: part of a name is not the name"),
]


@pytest.mark.parametrize(("text", "name", "comment"), COMPACT_CASES, ids=lambda v: str(v)[:30])
def test_glued_ocr_agency_name_matches_its_directory_entry(text, name, comment):
    assert compact_directory_match(text) == name, comment


@pytest.mark.parametrize(
    ("word", "expected"),
    [("so", True), ("doanh", True), ("dia", True), ("quy", False), ("bai", False)],
)
def test_a_word_after_cac_may_open_an_agency_collective_only_when_one_starts_with_it(word, expected):
    assert may_name_collective(word) is expected


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param("Các‘ 59, bơn, Công nghệ hoạt động phương", id="a-garbled-collective"),
        pytest.param("xã hội Các số, bản, phương", id="after-the-names-bled-words"),
    ],
)
def test_an_agency_cell_reading_a_capitalised_các_names_a_collective(cell):
    assert names_a_collective(cell)


@pytest.mark.parametrize(
    ("cell", "comment"),
    [
        (
            "Sở Khoa học và Công nghệ; các sở, ban, ngành",
            "lower-case: a list's collective after a named agency",
        ),
        ("Sở Tài chính", "no collective"),
        (None, "no cell"),
    ],
)
def test_a_cell_without_a_capitalised_các_names_no_collective(cell, comment):
    assert not names_a_collective(cell), comment


def test_a_cells_end_is_read_once_whatever_the_fragment():
    # What the cell so far says (its last name, complete or not, ending with "và" or a comma)
    # does not depend on the fragment weighed: a cell ending open takes a lower-case word on
    # as it did, a complete name followed by a capitalised non-agency word does not.
    assert agency_continuation("Sở Tài chính,", "Sở Nội vụ") == 0.85
    assert agency_continuation("Sở Khoa học và", "Công nghệ") == 0.95
    assert agency_continuation("Sở Tài chính", "Kế hoạch") == 0.2
    assert agency_continuation("Sở Tài chính và", "quy") == 0.5
