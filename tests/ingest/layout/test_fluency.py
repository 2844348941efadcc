"""Which cell above a line's word completes (``layout.fluency``), by the restorer's model."""

from __future__ import annotations

from theodoi.ingest.layout.fluency import completing_cells


def test_a_compounds_second_syllable_completes_the_cell_it_was_wrapped_from():
    cells = ["Sở Giáo dục và", "", "Các hoạt động nghiên"]
    assert completing_cells(cells, ["cứu"]) == [2]


def test_a_word_that_merely_reads_on_completes_no_cell():
    # "Kế hoạch" / "phương" (phương án) reads on, but is no word's second syllable
    assert completing_cells(["", "", "Kế hoạch"], ["phương"]) == [None]
    # the partners' "địa" / "phương" is
    assert completing_cells(["", "Các sở, ngành, địa", "Kế hoạch"], ["phương"]) == [1]


def test_a_word_two_cells_end_alike_for_is_left_undecided():
    assert completing_cells(["Sở Khoa học và", "Sở Khoa học và", "Kế hoạch"], ["Công"]) == [None]


def test_gap_marks_stray_marks_and_empty_cells_complete_nothing():
    assert completing_cells(["", "", ""], ["cứu"]) == [None]
    assert completing_cells(["Sở Khoa học và", "", "Các hoạt động nghiên"], ["", "…"]) == [None, None]


def test_a_word_completing_the_lines_own_word_before_it_completes_no_cell():
    cells = ["", "", "Hệ thống được xây"]
    # "Sở Xây" / "dựng": the agency's own word on the line; at the line's start the output's
    assert completing_cells(cells, ["dựng", "dựng"], ["Sở Xây", ""]) == [None, 2]


def test_a_phrases_next_word_reads_on_the_one_cell_it_follows():
    from theodoi.ingest.layout.fluency import reading_on_cells

    cells = [
        "Sở Khoa học và Công",
        "Các sở, ngành, địa phương liên",
        "Các sản phẩm, giải pháp được đánh giá,",
    ]
    # "được đánh giá," / "lựa chọn": no compound, but the output's phrase goes on; "liên" / "lựa" does not
    assert reading_on_cells(cells, ["lựa"], ["nghệ quan"]) == [2]


def test_a_word_reading_on_the_lines_own_words_or_two_cells_reads_on_none():
    from theodoi.ingest.layout.fluency import reading_on_cells

    cells = ["", "", "Các sản phẩm, giải pháp được đánh giá,"]
    # negative: "lựa" / "chọn" goes on the line's own word before it
    assert reading_on_cells(cells, ["chọn"], ["quan lựa"]) == [None]
    # negative: two cells ending alike leave it undecided
    assert reading_on_cells(["", cells[2], cells[2]], ["lựa"], [""]) == [None]
