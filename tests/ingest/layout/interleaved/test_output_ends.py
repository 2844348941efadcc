"""An output's last words left at the end of the task name (interleaved/output_ends)."""

from __future__ import annotations

from theodoi.ingest.layout.interleaved.output_ends import give_completing_end
from theodoi.ingest.layout.interleaved.result_tails import give_result_tail


def test_words_reading_on_from_the_output_and_not_the_name_go_to_the_output():
    name = "Xây dựng hệ thống theo quy hoạch, lấn chiếm rừng dịch vụ"
    output = "Hệ thống được triển khai theo hình thức thuê"
    assert give_completing_end(name, output) == (
        "Xây dựng hệ thống theo quy hoạch, lấn chiếm rừng",
        "Hệ thống được triển khai theo hình thức thuê dịch vụ",
    )


def test_they_go_before_a_result_phrase_the_name_also_kept():
    name = "Triển khai các nền tảng đào tạo cho người dân, doanh nghiệp đại trà được triển khai"
    assert give_result_tail(name, "Nền tảng trực tuyến mở") == (
        "Triển khai các nền tảng đào tạo cho người dân, doanh nghiệp",
        "Nền tảng trực tuyến mở đại trà được triển khai",
    )


def test_the_names_own_words_stay():
    # "doanh nghiệp" reads on from the name's "cho người dân," as well as from anything
    name = "Triển khai các nền tảng đào tạo cho người dân, doanh nghiệp"
    assert give_completing_end(name, "Nền tảng trực tuyến mở") == (name, "Nền tảng trực tuyến mở")
    # a compound the name itself wraps ("thủ tục hành" / "chính") is the name's
    name = "Cắt giảm thành phần hồ sơ của thủ tục hành chính"
    assert give_completing_end(name, "Hồ sơ được cắt giảm hành") == (name, "Hồ sơ được cắt giảm hành")


def test_no_output_or_a_short_name_keeps_everything():
    assert give_completing_end("Triển khai dịch vụ", "Hệ thống thuê") == (
        "Triển khai dịch vụ",
        "Hệ thống thuê",
    )
    assert give_completing_end("Xây dựng hệ thống lấn chiếm rừng dịch vụ", "") == (
        "Xây dựng hệ thống lấn chiếm rừng dịch vụ",
        "",
    )
