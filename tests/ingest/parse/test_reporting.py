"""Reporting duties: each phrasing of the organisation section found in the sample plans."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.lines import lines_from_text
from theodoi.ingest.parse.reporting import parse_reporting


def duties(body: str, heading: str = "III. TỔ CHỨC THỰC HIỆN") -> list[tuple[str, str | None, str | None]]:
    text = f"II. NHIỆM VỤ\nNội dung.\n{heading}\n{body}\nNơi nhận:\n- Như trên;\n"
    return [(d.cadence, d.due, d.to) for d in parse_reporting(lines_from_text(text))]


def test_cadence_list_with_a_due_rule_in_brackets_after_each():
    got = duties(
        "3. Người đứng đầu các sở, ban, ngành tập trung chỉ đạo; định kỳ hằng tuần (trước\n"
        "10h00 thứ năm trong tuần), hằng tháng (trước ngày 18 của tháng), hằng quý\n"
        "(trước ngày 15 tháng cuối quý), hằng năm (trước ngày 15 tháng 12) báo cáo\n"
        "tình hình, kết quả thực hiện về Sở Khoa học và Công nghệ để tổng hợp, báo cáo UBND tỉnh."
    )
    assert got == [
        ("weekly", "trước 10h00 thứ năm trong tuần", "Sở Khoa học và Công nghệ"),
        ("monthly", "trước ngày 18 của tháng", "Sở Khoa học và Công nghệ"),
        ("quarterly", "trước ngày 15 tháng cuối quý", "Sở Khoa học và Công nghệ"),
        ("annual", "trước ngày 15 tháng 12", "Sở Khoa học và Công nghệ"),
    ]


def test_cadence_list_sharing_one_due_rule():
    got = duties(
        "2. Thủ trưởng sở, ban, ngành tăng cường kiểm tra, đôn đốc, định kỳ hằng tháng, quý, năm "
        "báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ trước ngày 15 của tháng để tổng hợp, "
        "báo cáo UBND tỉnh."
    )
    assert got == [
        ("monthly", "trước ngày 15 của tháng", "Sở Khoa học và Công nghệ"),
        ("quarterly", "trước ngày 15 của tháng", "Sở Khoa học và Công nghệ"),
        ("annual", "trước ngày 15 của tháng", "Sở Khoa học và Công nghệ"),
    ]


def test_yearly_report_and_its_consolidation_at_the_year_end_meeting():
    got = duties(
        "2. Thủ trưởng sở, ban, ngành ... định kỳ hằng năm báo cáo kết quả thực hiện về Sở Khoa học "
        "và Công nghệ trước ngày 01 tháng 12 để tổng hợp, báo cáo UBND tỉnh tại phiên họp cuối năm.\n"
        "3. Giám đốc Sở Khoa học và Công nghệ chủ trì ..., định kỳ hằng năm báo cáo và kiến nghị UBND "
        "tỉnh các biện pháp cần thiết."
    )
    assert got == [
        ("annual", "trước ngày 01 tháng 12", "Sở Khoa học và Công nghệ"),
        ("annual", "tại phiên họp cuối năm", "UBND tỉnh"),
    ]


def test_proposals_sent_to_the_department_are_an_ad_hoc_duty():
    got = duties(
        "5. Trong quá trình tổ chức thực hiện, nếu thấy cần sửa đổi, bổ sung, các sở, ban, ngành chủ "
        "động đề xuất gửi Sở Khoa học và Công nghệ để tổng hợp và báo cáo UBND tỉnh xem xét, quyết định./."
    )
    assert got == [("ad_hoc", None, "Sở Khoa học và Công nghệ")]


def test_timely_report_is_ad_hoc_with_its_due_word():
    got = duties(
        "4. Sở Khoa học và Công nghệ chủ trì, theo dõi, đôn đốc việc triển khai thực hiện, kịp thời báo "
        "cáo và đề xuất, kiến nghị UBND tỉnh, Chủ tịch UBND tỉnh các biện pháp cần thiết."
    )
    assert got == [("ad_hoc", "kịp thời", "UBND tỉnh, Chủ tịch UBND tỉnh")]


def test_three_six_and_twelve_month_reviews():
    got = duties(
        "7. Thông tin, báo cáo\n- Các cấp ủy, sở, ban, ngành định kỳ hằng tháng, 3 tháng, 6 tháng, 1 năm "
        "báo cáo kết quả thực hiện gửi về Ban Chỉ đạo (qua Văn phòng Tỉnh ủy) để tổng hợp.",
        heading="V- TỔ CHỨC THỰC HIỆN",
    )
    assert [c for c, _, _ in got] == ["monthly", "quarterly", "semiannual", "annual"]
    assert {to for _, _, to in got} == {"Ban Chỉ đạo"}


def test_yearly_or_on_request_reports():
    got = duties(
        "1. Sở Khoa học và Công nghệ ... định kỳ hằng năm hoặc đột xuất (khi có yêu cầu) báo cáo UBND tỉnh tình hình thực hiện."
    )
    assert [(c, to) for c, _, to in got] == [("annual", "UBND tỉnh"), ("ad_hoc", "UBND tỉnh")]


def test_ocr_damaged_section_is_read_on_folded_text():
    got = duties(
        "2. Thu trudng sd, ban, nganh ... dinh ky\nhang thang, quy, nim bao cdo két qua thyuc hién vé Sé Khoa hoc va Cong nghé\n"
        "trude ngdy 15 cta thang dé tong hop, bao cao UBND tinh.",
        heading="III. TO CHUC THU'C HIEN",
    )
    assert [c for c, _, _ in got] == ["monthly", "quarterly", "annual"]
    assert got[0][1] == "trude ngdy 15 cta thang"  # the due rule as printed (restoration repairs it)


def test_each_duty_cites_its_lines_and_confidence():
    lines = lines_from_text(
        "III. TỔ CHỨC THỰC HIỆN\n1. Các sở định kỳ hằng năm báo cáo\nUBND tỉnh.\nNơi nhận:"
    )
    (duty,) = parse_reporting(lines)
    assert duty.provenance.source_lines == [2, 3]
    assert set(duty.provenance.confidence) == {"cadence", "due", "to"}


def test_no_organisation_section_gives_no_duties():
    assert parse_reporting(lines_from_text("Biên bản\nCác sở báo cáo hằng tháng về Sở Tài chính.")) == []


def test_organisation_section_without_reporting_gives_no_duties():
    assert duties("1. Sở Tài chính bảo đảm kinh phí thực hiện hằng năm.") == []


def test_a_heading_garbled_by_restoration_is_found_on_the_raw_line():
    from theodoi.ingest.document import SourceLine
    from theodoi.ingest.layout.lines import make_lines

    raw = ["III. TO CHUC THU'C HIEN", "2. Cac so dinh ky hang nam bao cao UBND tinh.", "Noi nhan:"]
    restored = ["III. TỔ CHỨC THU'Cổ HIỆN", "2. Các sở định kỳ hằng năm báo cáo UBND tỉnh.", "Nơi nhận:"]
    lines = make_lines([SourceLine(number=n, text=t) for n, t in enumerate(raw, start=1)], restored)
    assert [(d.cadence, d.to) for d in parse_reporting(lines)] == [("annual", "UBND tỉnh")]


# Phrasings other plans use, written for these tests: (clause, expected duties, comment)
OTHER_PHRASINGS = [
    (
        "2. Các sở, ngành, địa phương báo cáo tình hình thực hiện định kỳ hằng quý (trước ngày 20 "
        "của tháng cuối quý) gửi Sở Khoa học và Công nghệ.",
        [("quarterly", "trước ngày 20 của tháng cuối quý", "Sở Khoa học và Công nghệ")],
        "the cadence after the verb",
    ),
    (
        "2. Định kỳ hằng tháng, trước ngày 25 gửi báo cáo về Sở Khoa học và Công nghệ để tổng hợp.",
        [("monthly", "trước ngày 25", "Sở Khoa học và Công nghệ")],
        "the due rule before the verb",
    ),
    (
        "4. Sở Khoa học và Công nghệ tổng hợp, báo cáo Ban Chỉ đạo Trung ương định kỳ 6 tháng, hằng năm "
        "hoặc đột xuất theo yêu cầu.",
        [
            ("semiannual", None, "Ban Chỉ đạo Trung ương"),
            ("annual", None, "Ban Chỉ đạo Trung ương"),
            ("ad_hoc", None, "Ban Chỉ đạo Trung ương"),
        ],
        "the recipient ends where the cadence list begins",
    ),
    (
        "2. Các sở, ngành gửi báo cáo sơ kết 6 tháng trước ngày 10/6, báo cáo năm trước ngày 10/12 "
        "về Sở Khoa học và Công nghệ.",
        [
            ("semiannual", "trước ngày 10/6", "Sở Khoa học và Công nghệ"),
            ("annual", "trước ngày 10/12", "Sở Khoa học và Công nghệ"),
        ],
        "each report named with its own due date; 'sơ kết' is no recipient",
    ),
    (
        "3. Sở Tài chính báo cáo UBND tỉnh bố trí kinh phí thực hiện Kế hoạch trong dự toán.",
        [],
        "negative: no cadence, no ad-hoc word",
    ),
    (
        "2. Các sở định kỳ hằng quý, 6 tháng và năm báo cáo kết quả về Sở Khoa học và Công nghệ.",
        [
            ("quarterly", None, "Sở Khoa học và Công nghệ"),
            ("semiannual", None, "Sở Khoa học và Công nghệ"),
            ("annual", None, "Sở Khoa học và Công nghệ"),
        ],
        "the last cadence joined by 'và'",
    ),
    (
        "2. Các sở báo cáo định kỳ 6 tháng đầu năm và cả năm về Sở Khoa học và Công nghệ.",
        [("semiannual", None, "Sở Khoa học và Công nghệ"), ("annual", None, "Sở Khoa học và Công nghệ")],
        "'cả năm' is the year's report; 'đầu năm' is no cadence",
    ),
    (
        "2. Các sở báo cáo tình hình, kết quả thực hiện Kế hoạch này hằng quý (trước ngày 20 tháng "
        "cuối quý) gửi Sở Khoa học và Công nghệ.",
        [("quarterly", "trước ngày 20 tháng cuối quý", "Sở Khoa học và Công nghệ")],
        "the cadence some words after the verb",
    ),
    (
        "2. Các sở báo cáo kết quả về Sở Khoa học và Công nghệ khi có yêu cầu.",
        [("ad_hoc", None, "Sở Khoa học và Công nghệ")],
        "a report on request is ad hoc, and the recipient ends before 'khi'",
    ),
    (
        "2. Các sở báo cáo kết quả thực hiện năm 2025 về Sở Khoa học và Công nghệ.",
        [],
        "negative: a year named is no cadence",
    ),
]


@pytest.mark.parametrize(
    ("clause", "expected", "comment"), OTHER_PHRASINGS, ids=[c[2] for c in OTHER_PHRASINGS]
)
def test_other_phrasings_of_a_reporting_duty(clause, expected, comment):
    assert duties(clause) == expected


@pytest.mark.parametrize(
    "heading",
    ["PHẦN III. TỔ CHỨC THỰC HIỆN", "IV. TỔ CHỨC THỰC HIỆN VÀ CHẾ ĐỘ BÁO CÁO", "IV. TRIỂN KHAI THỰC HIỆN"],
)
def test_the_organisation_part_under_other_capital_headings(heading):
    assert duties("1. Các sở định kỳ hằng năm báo cáo UBND tỉnh.", heading) == [("annual", None, "UBND tỉnh")]


def test_a_lower_case_line_about_carrying_out_is_no_organisation_heading():
    assert (
        duties("1. Các sở định kỳ hằng năm báo cáo UBND tỉnh.", "2. Triển khai thực hiện các nhiệm vụ") == []
    )
