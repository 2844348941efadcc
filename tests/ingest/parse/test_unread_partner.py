"""Tests for parse/unread_partner: an empty partners' cell given the named agency its row's words hold after its head."""

from theodoi.ingest.parse.faint_words import rest_name
from theodoi.ingest.parse.unread_partner import with_unread_partner
from theodoi.ingest.plan import Task

SKHCN = "Sở Khoa học và Công nghệ"


def _task(lead: list[str], support: list[str]) -> Task:
    return Task(section="I", code="1", name="Triển khai", lead=lead, support=support)


def test_a_row_without_partners_names_the_agency_its_words_hold_whole_after_its_head() -> None:
    tasks = [_task([SKHCN], []), _task(["Sở Ngoại vụ"], [])]
    fragments = [
        [(961, ["59 Khoa hộ -"]), (962, ["và Công Sở'Tài Chính Mạng lưới kétnéi"]), (964, ["nghệ"])],
        [
            (1545, ["SỞ Ngoại vụ 50 Khoa học và Cacrban ghi nổ,hộ Ở'An()’độ"]),
            (1546, ["Công nghệ tác được ký kết"]),
        ],
    ]
    with_unread_partner(tasks, fragments)
    assert [t.support for t in tasks] == [["Sở Tài chính"], [SKHCN]]
    assert tasks[0].provenance.confidence["support"] < 0.9


def test_a_name_without_its_head_or_with_words_lost_or_beside_a_read_partner_is_not_given() -> None:
    tasks = [
        _task(["Trường Đại học Quảng Trị"], []),
        _task(["Công an tỉnh"], []),
        _task([SKHCN], ["Sở Nội vụ"]),
    ]
    fragments = [
        [(1097, ["dục chiến lược"]), (1098, ["Giáo dục và Đào tạo"])],  # an output's words, no "Sở" before
        [(1301, ["Phát hiện xử Lý"]), (1303, ["100% hành vi xâm"])],  # part of "Đài Phát thanh ..."
        [(1, ["Sở Tài chính"])],
    ]
    with_unread_partner(tasks, fragments)
    assert [t.support for t in tasks] == [[], [], ["Sở Nội vụ"]]


def test_rest_name_headed_needs_the_head_before_all_the_telling_words() -> None:
    assert rest_name(["so", "tai", "chinh"], [], headed=True) == "Sở Tài chính"
    assert rest_name(["luoc", "tai", "chinh"], [], headed=True) is None
    assert rest_name(["luoc", "tai", "chinh"], []) == "Sở Tài chính"  # unheaded, as twin_lead reads
