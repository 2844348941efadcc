"""Restoring OCR'd Vietnamese: a corpus of cases, properties that hold for any input, the CLI."""

from __future__ import annotations

import gc
import itertools
import json
import math
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from theodoi.ingest.restore import (
    SHIPPED_MODEL_DIR,
    Change,
    Model,
    RestoreConfig,
    Restorer,
    default_restorer,
    load_restorer,
    model_dir,
    train,
    train_with_corpus,
)
from theodoi.ingest.restore.decoder import CLEAN_MARKS, CODE
from theodoi.ingest.restore.glued import MIN_LETTERS
from theodoi.ingest.restore.model import toneless
from theodoi.ingest.restore.syllables import fold_word, syllables

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "cases.jsonl").read_text("utf-8").splitlines()
    if line
]
INVENTORY = syllables()
CORE = re.compile(r"[\w&¢€@]+")


@pytest.fixture(scope="module")
def restorer():
    return load_restorer(SHIPPED_MODEL_DIR)  # not a model some earlier train-restore left in the data folder


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            c, id=c["comment"], marks=pytest.mark.xfail(strict=True) if c.get("known_failure") else ()
        )
        for c in CASES
    ],
)
def test_case_restores_as_expected(restorer, case):
    assert restorer.restore_line(case["input"]) == case["expected"]


def test_syllable_inventory_has_both_tone_placements_and_no_impossible_tones():
    inventory = syllables()

    assert {"hóa", "hoá", "thủy", "thuỷ", "quốc", "nghị", "giữa", "đổi"} <= inventory
    assert not {"cap", "nhat", "tìêng", "ka"} & inventory  # stop finals take only sắc/nặng; k before a


def test_toneless_keeps_vowel_marks_and_drops_the_tone():
    assert toneless("quyết") == "quyêt"
    assert toneless("Đổi") == "Đôi"


def test_restore_lines_keeps_the_number_of_lines(restorer):
    lines = ["KE HOACH", "", "Nghi quyét s6 57-NQ/TW", "The report", "   "]

    assert len(restorer.restore_lines(lines)) == len(lines)


def test_explain_line_names_each_changed_span(restorer):
    text = "ciia Chinh phii"

    changes = restorer.explain_line(text)

    assert changes and all(isinstance(c, Change) for c in changes)
    assert [text[c.start : c.end] for c in changes] == [c.before for c in changes]
    rebuilt = text
    for c in reversed(changes):
        rebuilt = rebuilt[: c.start] + c.after + rebuilt[c.end :]
    assert rebuilt == restorer.restore_line(text)


def test_explain_line_is_empty_for_correct_vietnamese(restorer):
    assert restorer.explain_line("Sở Khoa học và Công nghệ chủ trì.") == []


def test_reference_document_pulls_toward_its_wording():
    base = load_restorer(SHIPPED_MODEL_DIR)
    line = "khu kinh te Dung Quat"

    biased = base.with_reference(["Phát triển khu kinh tế Dung Quất thành trung tâm công nghiệp."])

    assert biased.restore_line(line) == "khu kinh tế Dung Quất"


def test_training_on_a_new_text_makes_a_wrong_word_right(tmp_path):
    line = "Xay dung khu kinh te Dung Quat"
    before = load_restorer(SHIPPED_MODEL_DIR).restore_line(line)

    model = train_with_corpus(["Khu kinh tế Dung Quất là khu kinh tế ven biển của tỉnh Quảng Ngãi."])
    model.save(tmp_path)
    after = load_restorer(tmp_path).restore_line(line)

    assert before != "Xây dựng khu kinh tế Dung Quất"
    assert after == "Xây dựng khu kinh tế Dung Quất"


def test_model_round_trips_through_save_and_load(tmp_path):
    model = train(["Sở Khoa học và Công nghệ chủ trì."], [("S& Khoa hoc", "Sở Khoa học")])

    model.save(tmp_path)

    assert Model.load(tmp_path) == model


def test_a_model_from_tiny_training_text_still_restores_without_crashing():
    tiny = Restorer(train(["Kế hoạch"], []))

    assert tiny.restore_line("Ke hoach 57-NQ/TW") == "Kế hoạch 57-NQ/TW"


def test_default_restorer_prefers_the_trained_model_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("THEODOI_DATA_DIR", str(tmp_path))
    assert model_dir() == SHIPPED_MODEL_DIR

    train(["Kế hoạch"], []).save(tmp_path / "restore-model")

    assert model_dir() == tmp_path / "restore-model"
    default_restorer.cache_clear()


# --- properties ---------------------------------------------------------------------------

OCR_ALPHABET = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐKNQTU0123456789 &¢€@é,.;:()/-|\\'\"≥>"))
ocr_text = st.text(OCR_ALPHABET, max_size=120)
GLUED = re.compile(r"(?<=[\w&¢€@])[?’\":\\](?=[\w&¢€@])")
BETWEEN_WORDS = re.compile(r"(?<=[\w&¢€@]) (?=[\w&¢€@])")
OPENING_ONE = re.compile(r"^(\s*)1\)")  # "1)" opening a line is a list's letter "l)", not a number
any_text = st.text(max_size=200)
vietnamese_words = st.lists(st.sampled_from(sorted(syllables())), min_size=1, max_size=12)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(text=any_text)
def test_never_crashes_and_returns_one_line_of_text(restorer, text):
    line = text.replace("\n", " ").replace("\r", " ")

    out = restorer.restore_line(line)

    assert isinstance(out, str) and "\n" not in out


@FAST
@given(text=st.text(st.sampled_from(list("0123456789٣AĐKNQTUVXbcđx-/.,&¢ ")), max_size=40))
def test_every_code_has_a_dash_a_slash_or_a_digit_and_a_dot(text):
    # What lets the decoder leave the code search out on a line without them.
    for match in CODE.finditer(text):
        code = match.group()
        assert "-" in code or "/" in code or ("." in code and any(ch.isdecimal() for ch in code))


@FAST
@given(text=ocr_text)
@example(text="trienkhai, 12 (A0 A)")  # a glued token comes back as two words; "A0" reads "Áo"
def test_keeps_numbers_codes_and_punctuation(restorer, text):
    out = restorer.restore_line(text)

    kept = [w for w in CORE.findall(text) if w.isdigit()]
    read_as_l = [w for w in CORE.findall(OPENING_ONE.sub(r"\1l)", text)) if w.isdigit()]
    assert [w for w in CORE.findall(out) if w.isdigit()] in (kept, read_as_l)
    assert CODE.findall(out) == CODE.findall(text)
    # A mark between two letters may be the letter a scan broke a word with ("t?mg" -> "tầng"),
    # and a space between two words the gap a scan lost ("trienkhai" -> "triển khai").
    assert _marks(out) == _marks(text)


def _marks(text: str) -> str:
    """The line's marks and spaces, less those a restorer may add or read as letters."""
    return re.sub(r"[\w&¢€@]", "", BETWEEN_WORDS.sub("", GLUED.sub("", text)))


@FAST
@given(text=ocr_text)
def test_changes_only_letters_and_splits_only_long_words(restorer, text):
    out = restorer.restore_line(text)

    # a token of two syllables run together ("trienkhai") comes back as two words (``glued``)
    long_words = sum(len(re.sub(r"\W", "", t)) >= MIN_LETTERS for t in text.split())
    assert len(text.split()) <= len(out.split()) <= len(text.split()) + long_words


@FAST
@given(words=vietnamese_words)
def test_restoring_its_own_output_changes_nothing_more(restorer, words):
    once = restorer.restore_line(" ".join(fold_word(w) for w in words))
    words_out = once.split()
    # What reads as finished Vietnamese: real syllables, enough of them marked with more than
    # the "é" this OCR prints for any marked e. Anything else is (rightly) worked on again.
    assume(all(word in INVENTORY for word in words_out))
    assume(sum(bool(set(word) & CLEAN_MARKS) for word in words_out) >= 0.3 * len(words_out))

    assert restorer.restore_line(once) == once


@FAST
@given(lines=st.lists(ocr_text, max_size=8))
def test_restore_lines_returns_as_many_lines_as_given(restorer, lines):
    assert len(restorer.restore_lines(lines)) == len(lines)


def test_a_one_megabyte_line_returns_quickly(restorer):
    line = ("Nghi quyét s6 57-NQ/TW ciia B6 Chinh tri " * 30_000)[:1_000_000]
    started = time.process_time()

    out = restorer.restore_line(line)

    assert time.process_time() - started < 5
    assert len(out.split()) == len(line.split())


def test_binary_garbage_comes_back_unchanged(restorer):
    garbage = bytes(range(256)).decode("latin-1").replace("\n", " ").replace("\r", " ") * 4

    assert len(restorer.restore_line(garbage).split()) == len(garbage.split())


# --- the command --------------------------------------------------------------------------


def run_restore(args: list[str], tmp_path: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "THEODOI_DATA_DIR": str(tmp_path)}  # the shipped model
    return subprocess.run(
        [sys.executable, "-m", "theodoi", "restore", *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        **kwargs,
    )


def test_theodoi_restore_keeps_the_line_count(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text(
        "KE HOACH\n\nNghi quyét s6 57-NQ/TW\n   \nThe report is due.\nciia Chinh phii\n", "utf-8"
    )

    run = run_restore([str(source)], tmp_path)

    assert run.stdout.split("\n")[:-1] == [
        "KẾ HOẠCH",
        "",
        "Nghị quyết số 57-NQ/TW",
        "   ",
        "The report is due.",
        "của Chính phủ",
    ]


def test_theodoi_restore_reads_standard_input(tmp_path):
    run = run_restore([], tmp_path, input="S& Noi vu\n")

    assert run.stdout == "Sở Nội vụ\n"


def test_restore_lines_mends_list_markers_by_their_order(restorer):
    lines = ["c) Trien khai", "d) Xay dung", "d) Hoan thien", "e) Tang cuong"]

    markers = [line.split(")")[0] for line in restorer.restore_lines(lines)]

    assert markers == ["c", "d", "đ", "e"]


def test_the_module_command_mends_list_markers_as_it_streams():
    lines = "c) Trien khai\nd) Xay dung\nd) Hoan thien\ne) Tang cuong\n"
    command = [sys.executable, "-m", "theodoi.ingest.restore", "--model", str(SHIPPED_MODEL_DIR)]

    run = subprocess.run(command, input=lines, capture_output=True, text=True, check=True)

    assert [line.split(")")[0] for line in run.stdout.splitlines()] == ["c", "d", "đ", "e"]


def test_decoding_a_scanned_document_leaves_no_reference_cycles():
    # ``python -m theodoi.ingest.restore`` turns the cycle collector off: only sound while the
    # decoder frees everything it makes by reference counting alone.
    sample = next((Path(__file__).parents[3] / "samples" / "plans").glob("000_*.txt"))
    lines = sample.read_text(encoding="utf-8").splitlines()[:400]
    fresh = load_restorer(SHIPPED_MODEL_DIR)  # its caches, the near-syllable index and spellings made here
    gc.collect()
    gc.disable()
    try:
        restored = fresh.restore_lines(lines)
        left = gc.collect()
    finally:
        gc.enable()

    assert restored != lines  # the scan was decoded: candidates, the search, the document cache
    assert left == 0


def test_a_line_opening_with_1_bracket_is_the_letter_l(restorer):
    assert restorer.restore_line("1) Bao dam ty 1€ chi ngan sach") == "l) Bảo đảm tỷ lệ chi ngân sách"
    assert restorer.restore_line("(1) Bao dam") == "(1) Bảo đảm"


def test_a_kept_word_keeps_its_own_case_whatever_was_seen_before(restorer):
    restorer.restore_line("Xay dung ZZQX va")

    assert restorer.restore_line("xay dung zzqx va") == "xây dựng zzqx và"


def test_the_clean_sample_comes_back_unchanged(restorer):
    sample = next((Path(__file__).parents[3] / "samples" / "plans").glob("003_*.txt"))
    lines = sample.read_text(encoding="utf-8").splitlines()

    assert restorer.restore_lines(lines) == lines


# --- words damaged past the learnt confusions -------------------------------------------------


@pytest.mark.parametrize(
    ("scanned", "expected"),
    [
        ("nghien cuu khoa hoc quoxbc gia", "nghiên cứu khoa học quốc gia"),  # two stray letters
        ("thu hut doanh nghiep tren the gihoqi", "thu hút doanh nghiệp trên thế giới"),
        ("phat trien kinh te xa hozi", "phát triển kinh tế xã hội"),  # one stray letter
        ("bao dam an toan thong t§n mang", "bảo đảm an toàn thông tin mạng"),  # one letter off
        ("cac nén tang dung chung cét 1ői", "các nền tảng dùng chung cốt lõi"),  # 1 read as l
    ],
)
def test_a_word_damaged_past_the_channel_is_read_as_a_syllable_a_letter_or_two_off(
    restorer, scanned, expected
):
    assert restorer.restore_line(scanned) == expected


@pytest.mark.parametrize(
    ("scanned", "expected"),
    [
        ("Trien lfhal De an chuyen doi so", "Triển khai Đề án chuyển đổi số"),  # "lf" for "k", "l" for "i"
        ("thiet bi clien tu", "thiết bị điện tử"),  # "cl" for "d"
        ("- M0i ndin c6 > 80 nhiem vu", "- Mỗi năm có > 80 nhiệm vụ"),  # "in" for "m", "d" for "a"
    ],
)
def test_a_word_whose_letters_the_scan_split_is_read_past_the_near_search(restorer, scanned, expected):
    assert restorer.restore_line(scanned) == expected
    unshaped = Restorer(restorer.model, RestoreConfig(near_shape_candidates=0))
    assert unshaped.restore_line(scanned) != expected  # the plain near search alone misses it


def test_a_shape_rewrite_does_not_outbid_a_plain_edit_the_context_prefers(restorer):
    """Negative case: "liien" is "liên" one letter off and "hiện" one rewrite ("li" for "h") off;
    the rewrite costs what the edit does, and "liên kết" wins. Foreign words stay as they are."""
    assert restorer.restore_line("tang cuong liien ket vung") == "tăng cường liên kết vùng"
    assert restorer.restore_line("ung dung internet va camera trong cac linh vuc kinh te") == (
        "ứng dụng internet và camera trong các lĩnh vực kinh tế"
    )


@pytest.mark.parametrize(
    "line",
    [
        "hop luc 8:30, 20h, 3km, ty le 1:3, ma 2x4",  # numbers, times, ratios and units
        "the report it's due on page 12",  # English
        "y kien cua ong O'Neil",  # an apostrophe in a name is not a broken word
        "Mục tiêu:chung là phát triển khoa học",  # a missing space between two syllables
        "Quyết định số 204-QĐ/TW ngày 29/11/2024",  # a code
    ],
)
def test_numbers_codes_and_words_that_are_fine_are_not_pulled_to_a_near_syllable(restorer, line):
    restored = restorer.restore_line(line)

    assert re.findall(r"\d+", restored) == re.findall(r"\d+", line)
    assert fold_word(restored) == fold_word(line)  # at most marks were given back


def test_a_standalone_number_stays_a_number_even_where_a_word_was_meant(restorer):
    assert restorer.restore_line("nhat 13 doi voi cac thu tuc") == "nhất 13 đối với các thủ tục"


@pytest.mark.parametrize(
    ("scanned", "expected"),
    [
        ("ha t?mg so va ha tang vien thong", "hạ tầng số và hạ tầng viễn thông"),
        ("cung cé\\p dich vu cong", "cung cấp dịch vụ công"),
        ("u:ng pho voi bien doi khi hau", "ứng phó với biến đổi khí hậu"),
        ("T}em luc khoa hoc tr}en dia ban", "Tiềm lực khoa học trên địa bàn"),
    ],
)
def test_a_word_a_stray_mark_broke_in_two_is_glued_back(restorer, scanned, expected):
    assert restorer.restore_line(scanned) == expected


def test_a_mark_between_two_syllables_or_two_numbers_does_not_glue_them(restorer):
    assert restorer.restore_line("muc tieu:chung") == "mục tiêu:chung"
    assert restorer.restore_line("hop luc 8:30 sang").split()[2] == "8:30"


# --- the document cache (second pass) -------------------------------------------------------

WELL_WRITTEN = "Phát triển hạ tầng số và hạ tầng viễn thông, bảo đảm an toàn thông tin mạng."


def test_a_damaged_word_is_read_as_the_word_the_document_surely_wrote_between_the_same_neighbours(
    restorer,
):
    damaged = "bao dam an toan thong §in mang"  # a symbol first: past the one-or-two-letter fallback

    alone = restorer.restore_line(damaged)
    in_document = restorer.restore_lines([WELL_WRITTEN, damaged])[1]

    assert alone == "bảo đảm an toàn thông §in mạng"
    assert in_document == "bảo đảm an toàn thông tin mạng"


def test_the_cache_does_not_turn_correct_distinct_words_into_the_documents_phrase(restorer):
    document = [
        "Chú trọng đào tạo nhân lực; chú trọng phát triển doanh nghiệp.",
        "giao quyen tu chu trong su dung kinh phi",
        "Phát triển hạ tầng số và hạ tầng viễn thông.",
        "phat trien ha tang du lieu, ha tang so",
    ]

    restored = restorer.restore_lines(document)

    assert restored[1] == "giao quyền tự chủ trong sử dụng kinh phí"
    assert restored[3] == restorer.restore_line(document[3])


def test_restore_stream_holds_at_most_a_window_of_lines(restorer):
    small = Restorer(restorer.model, RestoreConfig(cache_window=3))
    endless = itertools.cycle(["Ke hoach phat trien", "", "ha tang so"])

    first_four = list(itertools.islice(small.restore_stream(endless), 4))

    assert first_four == ["Kế hoạch phát triển", "", "hạ tầng số", "Kế hoạch phát triển"]


def test_restore_lines_keeps_order_and_count_across_windows(restorer):
    lines = [f"Muc {i}: xay dung ha tang so" if i % 3 else "" for i in range(10)]
    small = Restorer(restorer.model, RestoreConfig(cache_window=4))

    assert small.restore_lines(lines) == [restorer.restore_line(line) for line in lines]


def test_each_change_carries_how_sure_the_restorer_was(restorer):
    changes = restorer.explain_line("Nghi quyét s6 57-NQ/TW ciia B6 Chinh tri")

    assert all(0 < change.margin < math.inf for change in changes)


def test_a_word_the_context_settles_is_surer_than_one_it_leaves_open(restorer):
    settled = {c.before: c.margin for c in restorer.explain_line("Nghi quyet so 57 cua Bo Chinh tri")}
    open_ = {c.before: c.margin for c in restorer.explain_line("cac nuoc tien")}

    assert settled["quyet"] > 5
    assert open_["tien"] < settled["quyet"]


def test_a_line_printed_again_restores_as_it_does_alone(restorer):
    # Each distinct line is decoded once per pass (a page's running head, a repeated table
    # header): the copies come back as the line does, and the other lines are untouched.
    head = "Co quan chu tri Thoi gian hoan thanh"
    lines = [head, "Trien khai nen tang so dung chung cua tinh", head, "", head]
    restored = restorer.restore_lines(lines)
    alone = restorer.restore_lines([lines[1]])[0]
    assert restored[0] == restored[2] == restored[4] != head
    assert restored[3] == ""
    assert restored[1] == alone


def test_the_second_pass_reads_a_line_as_the_first_did(restorer):
    """restore_lines hands each line's tokens from the first pass to the second (a window's
    first pass keeps them, the second takes them, none is left after): the text is the one
    each line gets decoded afresh in the second pass."""
    lines = [
        "Xây dựng hạ tầng số, phát triển hạ tầng sổ",
        "phat trien ha tang so va chuyen doi so",
        "Phát triển hạ tầng số và chuyển đổi số",
        "phat trien ha tﬁng so",
    ] * 2
    kept = restorer.restore_lines(lines)
    assert not restorer._tokenized
    twin = Restorer(restorer.model)
    twin._tokenized = type("Forgetful", (dict,), {"__setitem__": lambda self, key, value: None})()
    assert twin.restore_lines(lines) == kept
