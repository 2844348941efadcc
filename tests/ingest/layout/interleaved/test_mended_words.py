"""A name's debris word OCR put marks inside is read again without them (interleaved/mended_words).

Corpora: raw table lines in the shape the samples show (an accent read as ";" or "}" inside a
word, a circumflex read as a capital "A"), restored by the shipped restorer; negative cases
where the reading fits neither the words before nor after it (another column's debris), and
tokens with nothing inside to take out.
"""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.debris import drop_debris_words
from theodoi.ingest.layout.interleaved.mended_words import mended_words, unmarked_core
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.restore import default_restorer
from theodoi.ingest.text import fold


def line(raw: str) -> Line:
    text = default_restorer().restore_line(raw)
    return Line(number=7, raw=raw, text=text, key=fold(text))


@pytest.mark.parametrize(
    ("token", "core"),
    [
        ("dun;g,,", "dung"),  # an accent read as a mark inside the word
        ("kl}al", "klal"),
        ("KAhoa", "Khoa"),  # a circumflex read as a capital A
        ("khqlA", "khql"),
        ("dung,", ""),  # nothing inside to take out
        ("UBND", ""),  # no lower-case letter
        ("£", ""),
        ("A", ""),
    ],
)
def test_unmarked_core(token: str, core: str) -> None:
    assert unmarked_core(token) == core


def test_a_word_with_a_mark_inside_reads_on_after_the_words_before_it() -> None:
    got = mended_words(line('Xay dun;g,, tr19€ " khal‘ He th9ng'))
    assert list(got.values()) == ["dựng,"]


def test_a_run_of_damaged_words_is_read_at_once() -> None:
    got = mended_words(line("TArlen khqlA khl;l cong IAlghlA@p cgngAnghe s0/khu"))
    assert {"Triển", "khai"} <= set(got.values())


def test_a_reading_that_fits_no_neighbour_is_no_word_of_the_name() -> None:
    # "dor}g" reads "đồng" between another column's debris and a number: it stays debris
    got = mended_words(line("qu2‘? t.hAanh el gh,mg, kqet oL Ch} as¢ dor}g 130 o 0 Cong an tinh"))
    assert "đồng" not in got.values()
    assert mended_words(line("Xay dung, trien khai He thong")) == {}


def test_drop_debris_words_puts_the_mended_word_in_place() -> None:
    head, rest = drop_debris_words("Xây đùn;ứng,, tr19€ khai", "Văn phòng", frozenset({"đùn;ứng,,", "tr19€"}))
    assert head == "Xây khai"
    head, rest = drop_debris_words(
        "Xây đùn;ứng,, tr19€ khai", "Văn phòng", frozenset({"đùn;ứng,,", "tr19€"}), {"đùn;ứng,,": "dựng,"}
    )
    assert (head, rest) == ("Xây dựng, khai", "Văn phòng")


def test_only_runs_holding_the_names_words_are_read() -> None:
    damaged = line('Xay dun;g,, tr19€ " khal‘ He th9ng')
    assert mended_words(damaged, among=["Hệ"]) == {}
    assert list(mended_words(damaged, among=[damaged.text.split()[1]]).values()) == ["dựng,"]
