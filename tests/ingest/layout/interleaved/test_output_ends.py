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


def test_a_phrases_next_word_moves_where_the_name_breaks_before_it():
    # "triển khai" / "định mức" reads on as a phrase (0.38), "lĩnh vực" / "định" does not
    head = "Xây dựng cơ sở dữ liệu dùng chung, chuyên ngành, lĩnh vực"
    output, run = "Văn bản ban hành hoặc hướng dẫn triển khai", "định mức, đơn giá"
    assert give_completing_end(f"{head} {run}", output) == (head, f"{output} {run}")


def test_a_phrases_next_word_stays_where_the_name_may_end_with_it():
    # the name reads on into "Công" (0.30): a phrase's next word, not a break
    name = "Xây dựng Kế hoạch triển khai Chương trình của Ban Thường vụ Tỉnh ủy Công nghệ"
    assert give_completing_end(name, "Kế hoạch") == (name, "Kế hoạch")
    # a sentence mark closes the name ("." ends a third of names, hardly any output)
    name = "Thúc đẩy thị trường văn hóa trên môi trường số)."
    assert give_completing_end(name, "Văn bản thực hiện") == (name, "Văn bản thực hiện")
    # the output's "pháp" completes the name's "giải": the name runs on into the output
    name = "Khai thác giá trị sáng chế, giải hữu ích"
    output = "Kế hoạch triển khai đề án được ban hành pháp"
    assert give_completing_end(name, output) == (name, output)
