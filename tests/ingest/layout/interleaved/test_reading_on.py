"""A line of agency-like words below a name cut inside a word pair carries the name on.

Corpora: name ends and lines written for these tests in the shape the samples show (a name
wrapped inside a compound, "... địa giới hành" / "chính"; its last line made of words the
agency vocabulary also has), with the words kept expected; negative cases where the line is
the other columns' (it carries on an open cell, opens capitalised, reads on poorly, or
finishes a directory name the name's last words began).
"""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.directory_ends import runs_into_directory_name
from theodoi.ingest.layout.interleaved.reading_on import name_words_read_on


def _no_cell(_text: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("name", "line", "kept"),
    [
        ("Cơ sở dữ liệu về Chính quyền địa phương và địa giới hành", "chính", 1),
        ("Cơ sở dữ liệu người hưởng chính sách ưu đãi người có", "công", 1),
        ("kỹ năng số, công nghệ số cơ bản trong cán bộ, công chức, viên", "chức và Nhân dân", 4),
        # the partner "Bảo hiểm Xã hội" / "tỉnh," wraps on after the name's end: "tỉnh tỉnh,"
        ("Triển khai Đề án chuyển đổi số của Bệnh viện đa", "khoa tỉnh tỉnh, Công an tỉnh", 2),
    ],
)
def test_a_name_cut_inside_a_word_pair_takes_the_line(name: str, line: str, kept: int) -> None:
    assert name_words_read_on(name, line, _no_cell) == kept


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("Đẩy mạnh phát triển kinh tế số, xã hội số", "địa phương"),  # reads on poorly
        ("Cơ sở dữ liệu người hưởng chính sách ưu đãi người có", "Công an tỉnh"),  # capitalised
        ("lên bộ số kinh tế xã hội tỉnh vienthong, internet, công", "nghệ thông tin"),  # an agency's
        ("Cơ sở dữ liệu về Chính quyền địa phương và địa giới hành", ""),
    ],
)
def test_the_other_columns_lines_stay_theirs(name: str, line: str) -> None:
    assert name_words_read_on(name, line, _no_cell) == 0


def test_a_line_carrying_on_an_open_cell_stays_the_cells() -> None:
    name = "Cơ sở dữ liệu về Chính quyền địa phương và địa giới hành"
    assert name_words_read_on(name, "chính", lambda text: True) == 0


def test_a_directory_names_end_after_the_names_last_words() -> None:
    assert runs_into_directory_name("... tỉnh vienthong, internet, công", "nghệ thông tin")
    assert not runs_into_directory_name("... trong cơ quan", "nhà nước")
    assert not runs_into_directory_name("... địa giới hành", "chính")
