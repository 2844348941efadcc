"""A short line ending the directory name the line above's other columns began leaves the
name; the name's own wrapped words, capitalised lines and longer lines stay."""

from __future__ import annotations

from theodoi.ingest.layout.interleaved.directory_ends import finishes_directory_name


def test_wrapped_directory_name_end_is_the_other_columns() -> None:
    name = "Triển khai các giải pháp (theo chỉ đạo, hướng dẫn của"
    assert finishes_directory_name("Bộ Y tế) internet, công", "nghệ thông tin", name)


def test_the_names_own_wrapped_words_stay() -> None:
    name = "Đẩy mạnh ứng dụng công"
    assert not finishes_directory_name("internet, công", "nghệ thông tin", name)


def test_words_that_end_no_directory_name_stay() -> None:
    name = "Triển khai các giải pháp của"
    assert not finishes_directory_name("internet, công", "nghệ cao trong sản xuất", name)
    assert not finishes_directory_name("", "nghệ thông tin", name)
    assert not finishes_directory_name("internet, công", "Nghệ thông tin", name)
