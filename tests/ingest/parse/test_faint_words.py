"""A directory name's words sought in order among an OCR'd row's words.

Corpora: folded token streams in the shape OCR'd interleaved rows give (a lead cell
"Sở Khoa học và" / "Công nghệ" spread over lines, other columns' words between its lines),
with where each wanted word was found; negative cases where the words stand too far apart.
"""

from __future__ import annotations

from theodoi.ingest.parse.faint_words import another_word, word_like, word_places, words_found, words_in_order

# "56 ~10d học" / "Các sở, ngành, Kế hoạch được ban" / "và Công địa phương hành" / "nghệ"
TOKENS = [
    "56",
    "10d",
    "hoc",
    "cac",
    "so",
    "nganh",
    "ke",
    "hoach",
    "duoc",
    "ban",
    "va",
    "cong",
    "dia",
    "phuong",
]
TOKENS += ["hanh", "nghe"]
LINES = [0] * 10 + [1] * 5 + [2]


def test_a_wrapped_cells_next_word_is_found_on_the_line_below_past_the_token_gap() -> None:
    assert words_in_order(TOKENS, ["hoc", "cong", "nghe"], LINES) == [2, 11, 15]


def test_without_the_lines_the_next_word_must_stand_within_the_token_gap() -> None:
    assert words_in_order(TOKENS, ["hoc", "cong", "nghe"]) == [2, None, None]


def test_a_word_two_lines_below_is_too_far_for_a_wrapped_cell() -> None:
    tokens, lines = ["hoc", *["x"] * 9, "cong"], [0] * 10 + [2]
    assert words_in_order(tokens, ["hoc", "cong"], lines) == [0, None]


def test_ocr_slips_keep_a_word_like_itself() -> None:
    assert word_like("kh0a", "khoa")
    assert not word_like("so", "sa"), "two letters: too short to tell"


def test_a_name_read_across_its_cells_lines_counts_with_three_words_found() -> None:
    assert words_found(TOKENS, ["khoa", "hoc", "cong", "nghe"], LINES) == 3


def test_two_words_on_two_lines_count_only_within_the_token_gap() -> None:
    tokens, lines = ["hoc", *["x"] * 9, "nghe"], [0] * 10 + [1]
    assert words_found(tokens, ["khoa", "hoc", "cong", "nghe"], lines) == 1


def test_a_garbled_middle_word_is_passed_over_and_the_words_after_it_still_placed() -> None:
    # "Sở Khoa hộ'.)cố và" / "Công nghệ; các": "học" is lost, "và Công nghệ" still stand after "Khoa"
    lines = [["so", "khoa", "ho'.)co", "va", "do%nho"], ["cong", "nghe", "cac"], ["so", "tai", "chinh"]]
    assert word_places("Sở Khoa học và Công nghệ", lines) == [
        (0, 0, "so"),
        (0, 1, "khoa"),
        (0, 3, "va"),
        (1, 0, "cong"),
        (1, 1, "nghe"),
    ]


def test_a_name_whose_first_word_is_not_found_has_no_places() -> None:
    assert word_places("Sở Khoa học và Công nghệ", [["khoa", "hoc", "va", "cong", "nghe"]]) == []


def test_words_too_far_apart_for_a_match_are_told_without_weighing_their_letters() -> None:
    # The bounds (lengths, letters shared) settle most pairs; near them the ratio decides, with
    # the first letter for a ratio from 0.75 to 0.85.
    assert word_like("nghe", "nghs")  # 0.75, same first letter
    assert not word_like("nghe", "sghe")  # 0.75, another first letter
    assert not word_like("khoa", "khoang cach")  # lengths alone rule it out
    assert not word_like("khoa", "tinh")  # no letter shared


def test_a_token_spelling_another_directory_word_is_that_word() -> None:
    assert word_like("truong", "thuong")  # alike letters...
    assert another_word("truong", "thuong")  # ...but "trường" is a word of the directory itself
    assert not another_word("thuong", "thuong")
    assert not another_word("thuonq", "thuong")  # OCR damage spells no word
