"""OCR debris on raw table lines: what is dropped from a task name and what stays."""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.debris import DEBRIS, DOUBT, WORD, debris_mask, token_level
from theodoi.ingest.layout.interleaved.debris import (
    cut_at_lone_letter,
    debris_words,
    drop_debris_words,
    drop_lone_consonants,
    lone_letter_words,
    whole_words,
)
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.text import fold


@pytest.mark.parametrize(
    ("raw", "restored", "level"),
    [
        ("S10a", "S10a", DEBRIS),  # letters and digits mixed
        ("KI0d", "KI0d", DEBRIS),
        ("2As", "2As", DEBRIS),
        ("aRT", "aRT", DOUBT),  # odd case: debris only with neighbours
        ("£", "£", DEBRIS),  # a clump of marks
        ("lf.hal", "lf.hậu", DEBRIS),  # a mark inside a word
        ("~ban", "~ban", WORD),  # a tone mark read apart at the word's edge
        ("~10d", "~10d", DEBRIS),
        ("nu’oc", "nữ’óc", WORD),  # a stray accent inside a word whose letters spell a syllable
        ("dO’I", "dO’I", DOUBT),  # ... in odd case
        ("kh’q", "kh’q", DOUBT),  # ... spelling none
        ("LR", "LR", DOUBT),  # two capitals may spell nothing
        ("N", "Nổ", DOUBT),  # a lone letter the restorer made a word of
        ("nganh,", "ngành,", WORD),
        ("S0,", "Sở,", WORD),  # a look-alike digit the restorer read back
        ("nhi¢m", "nhiệm", WORD),
        ("57-NQ/TW", "57-NQ/TW", WORD),
        ("1552/BTTTT-TTH", "1552/BTTTT-TTH", WORD),
        ("5G,", "5G,", WORD),
        ("IoT", "IoT", DOUBT),
        ("UBND", "UBND", WORD),
        ("GRDP", "GRDP", WORD),
        ("KH&CN", "KH&CN", WORD),
        ("15%", "15%", WORD),
        ("2021-2030,", "2021-2030,", WORD),
        ("-", "-", WORD),
        ("06", "06", DOUBT),
    ],
)
def test_token_levels(raw: str, restored: str, level: int) -> None:
    assert token_level(raw, restored) == level


def mask(raw: str, restored: str | None = None) -> list[str]:
    tokens = raw.split()
    flags = debris_mask(tokens, restored.split() if restored else None)
    return [t for t, drop in zip(tokens, flags, strict=True) if drop]


def test_a_run_of_debris_goes_whole_numbers_and_all() -> None:
    assert mask("vi phat T KI0d 06, 56 S10a ROt Cac") == ["T", "KI0d", "06,", "56", "S10a", "ROt"]


def test_capitals_that_spell_nothing_go_with_their_run() -> None:
    assert mask("nhiem vu, LA LT re LR NP du an") == ["LA", "LT", "re", "LR", "NP"]


def test_capitals_no_text_holds_go_amid_debris() -> None:
    assert mask("nang luc 5O e TNAL A C . Sau khi") == ["5O", "e", "TNAL", "A", "C"]


def test_capitals_beside_a_word_and_capitals_that_spell_a_syllable_stay() -> None:
    assert mask("trien khai TNAL cho nguoi dan") == []
    assert mask("trinh 5O e UBND tinh") == ["5O", "e"]  # a word on one side
    assert "NAM" not in mask("VIET . e NAM A C")  # a syllable in capitals


def test_a_lone_ampersand_read_as_o_between_words_stays() -> None:
    assert mask("Dinh & ngoai tinh va", "Định ở ngoài tỉnh và") == []
    assert mask("P & P & Y", "P ở P ở Y") == ["P", "&", "P", "&", "Y"]  # debris around it
    assert "&" in mask("tin dung & S LA cua", "tín dụng ở S LÀ của")  # a lone letter after it
    assert "&" in mask("Dinh & ngoai tinh", "Định & ngoài tỉnh")  # the restorer did not read it


def test_a_lone_mixed_token_between_words_goes() -> None:
    assert mask("so tren Ai 2T Truyen hinh") == ["2T"]


def test_odd_case_letters_go_in_a_run_of_three() -> None:
    assert mask("phat trien R N aRT e, Cac So,") == ["R", "N", "aRT", "e,"]


@pytest.mark.parametrize(
    "raw",
    [
        "thuc hien Nghi quyet 57-NQ/TW cua Bo Chinh tri",
        "ha tang 5G, IoT trong cac khu cong nghiep",
        "UBND tinh va So KH&CN theo doi GRDP",
        "bo tri it nhat 15% du toan giai doan 2026 2030",
        "S Nong nghiep va Phat trien nong thon",
        "de an 06 cua Chinh phu",
    ],
)
def test_codes_numbers_and_abbreviations_stay(raw: str) -> None:
    assert mask(raw) == []


def line(raw: str, text: str) -> Line:
    return Line(number=7, raw=raw, text=text, key=fold(text))


def test_debris_words_are_the_restored_words_of_debris_tokens() -> None:
    got = debris_words(line("4 | cong nghe Ai 2T . A so", "4 | công nghệ Ai 2T . A số"))
    assert got == frozenset({"2T"})


def test_the_row_number_opening_a_line_is_no_debris() -> None:
    assert debris_words(line("12 S10a KI0d trien khai", "12 S10a KI0d triển khai")) == frozenset(
        {"S10a", "KI0d"}
    )


def test_a_line_whose_tokens_do_not_line_up_gives_nothing() -> None:
    assert debris_words(line("S10a KI0d", "S10a")) == frozenset()


def test_lone_letter_words_are_the_restored_words_of_one_letter_tokens() -> None:
    got = lone_letter_words(line("Ke hoach trien khai X nganh N", "Kế hoạch triển khai Xồ ngành Nổ"))
    assert got == frozenset({"Xồ", "Nổ"})


@pytest.mark.parametrize(
    ("raw", "text", "comment"),
    [
        ("Bo y te", "Bộ y tế", "'y' before 'tế'"),
        ("s6 hoa s", "số hóa số", "a word the line also prints from a longer token"),
        ("A B", "À", "tokens that do not line up"),
    ],
)
def test_lone_letter_words_leave_out_real_words(raw: str, text: str, comment: str) -> None:
    assert lone_letter_words(line(raw, text)) == frozenset(), comment


def test_a_lone_capital_near_a_name_parts_end_ends_it() -> None:
    head = "phát triển bền vững các vùng A nghiệp"
    lone = lone_letter_words(line("phat trien ben vung cac vung A nghiep", head))
    assert cut_at_lone_letter(head, "Năm 2026", lone) == ("phát triển bền vững các vùng", "nghiệp Năm 2026")


def test_a_lone_capital_after_a_lines_first_word_ends_its_short_part() -> None:
    head = "phủ A số viễn thông, hiệu quả"
    lone = lone_letter_words(line("phu A s vien thong, hieu qua", head))
    assert cut_at_lone_letter(head, "", lone) == ("phủ", "số viễn thông, hiệu quả")


@pytest.mark.parametrize(
    ("raw", "head", "comment"),
    [
        ("Du an nhom A ve ha tang so", "Dự án nhóm A về hạ tầng số", "more words after it: the name's own"),
        ("phuong . A hanh", "phương . A hành", "after a mark: debris around a stop"),
        ("A phuong lien quan", "A phương liên quan", "opening the part"),
        ("Bo Y te chu tri", "Bộ Y tế chủ trì", "'Y' before 'tế' is a word"),
        ("nhom A ve ha tang so", "nhóm A về hạ tầng số", "a class named by its letter"),
    ],
)
def test_a_lone_capital_left_in_the_name(raw: str, head: str, comment: str) -> None:
    lone = lone_letter_words(line(raw, head))
    assert cut_at_lone_letter(head, "", lone) == (head, ""), comment


def test_whole_words_are_the_words_ocr_read_letter_for_letter() -> None:
    got = whole_words(line("kien toan to Cong nghe truc, don", "kiện toàn tổ Công nghệ trúc, đơn"))
    assert got == frozenset({"kiện", "toàn", "Công", "nghệ", "trúc,", "đơn"})


@pytest.mark.parametrize(
    ("raw", "text", "comment"),
    [
        ("X N o", "Xồ Nổ ở", "lone letters the restorer made words of"),
        ("Lo ok", "Lồ ô", "two-letter tokens: accents or rules read as letters"),
        ("NEANA cecgs", "NEANA cécgs", "letters read whole but no syllable"),
        ("Vrfm bar;", "Văn bản;", "letters the restorer changed: OCR misread the word"),
        ("kien toan", "kiện", "tokens that do not line up"),
    ],
)
def test_whole_words_leave_out_debris_and_misread_words(raw: str, text: str, comment: str) -> None:
    assert whole_words(line(raw, text)) == frozenset(), comment


def test_a_lone_consonants_word_the_name_reads_on_without_is_dropped() -> None:
    head = "tổ chức nghiên cứu mạnh trên địa bàn tỉnh nổ Quy Nhơn"
    lone = lone_letter_words(line("to chuc nghien cuu manh tren dia ban tinh n Quy Nhon", head))
    assert drop_lone_consonants(head, lone, "Tập trung đầu tư") == (
        "tổ chức nghiên cứu mạnh trên địa bàn tỉnh Quy Nhơn"
    )


@pytest.mark.parametrize(
    ("raw", "head", "comment"),
    [
        ("can b cong chuc", "cán bộ công chức", "a word cut short that the name reads with"),
        ("dia ban tinh n", "địa bàn tỉnh nổ", "last on the line: nothing after it to weigh"),
        ("dia ban tinh N Quy Nhon", "địa bàn tỉnh Nổ Quy Nhơn", "a capital: the other rules' letter"),
    ],
)
def test_a_lone_consonants_word_the_name_reads_with_stays(raw: str, head: str, comment: str) -> None:
    lone = lone_letter_words(line(raw, head))
    assert drop_lone_consonants(head, lone, "Tập trung đầu tư") == head, comment


def test_debris_before_a_gap_mark_leaves_the_name_blank_on_its_line() -> None:
    assert drop_debris_words("NN EUNRY | đề án được", "ban", frozenset({"NN", "EUNRY"})) == (
        "",
        "đề án được ban",
    )


def test_debris_dropped_inside_the_names_part_keeps_the_rest() -> None:
    head, rest = drop_debris_words("năng lực 5O e TNAL", "| Sau khi", frozenset({"5O", "e", "TNAL"}))
    assert (head, rest) == ("năng lực", "| Sau khi")


def test_debris_words_hold_syllables_the_restorer_made_up() -> None:
    got = debris_words(line("ky nang huon Cone nghe", "kỹ năng huỗn Công nghệ"))
    assert got == frozenset({"huỗn"})
    assert debris_words(line("ky nang so", "kỹ năng số")) == frozenset()


def test_drop_debris_words_keeps_a_word_without_its_edge_tilde() -> None:
    assert drop_debris_words("Xây ~ban hành", "Các sở", frozenset()) == ("Xây ban hành", "Các sở")
    # no syllable after the tilde: left as it is
    assert drop_debris_words("Xây ~10d hành", "Các sở", frozenset()) == ("Xây ~10d hành", "Các sở")
