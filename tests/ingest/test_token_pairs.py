"""Raw OCR tokens paired one to one with the restored ones where restoration split a glued
token ("Vanban," -> "Văn bản,", "Congantinh" -> "Cong an tinh").

Negative cases: a line restored token for token is paired as it is; a restored line with
words no raw token spells (or fewer words) is left unpaired, as the callers expect.
"""

from __future__ import annotations

import pytest

from theodoi.ingest.layout.interleaved.debris import drop_debris_runs, whole_words
from theodoi.ingest.layout.lines import Line
from theodoi.ingest.text import fold
from theodoi.ingest.token_pairs import paired_tokens


@pytest.mark.parametrize(
    ("raw", "text", "expected"),
    [
        pytest.param("Vanban, hoat", "Văn bản, hoạt", ["Van", "ban,", "hoat"], id="restorer-split"),
        pytest.param("| (Congantinh", "| (Cong an tinh", ["|", "(Cong", "an", "tinh"], id="directory-name"),
        pytest.param(
            "I | Dénnim 2030", "I | Đến năm 2030", ["I", "|", "Dén", "nim", "2030"], id="letters-changed"
        ),
        pytest.param(
            "S¢ Khoahocva | dia",
            "Sở Khoa hoc va | địa",
            ["S¢", "Khoa", "hoc", "va", "|", "dia"],
            id="three-words",
        ),
        pytest.param("trien khai", "triển khai", ["trien", "khai"], id="one-to-one"),
    ],
)
def test_raw_token_split_like_restored(raw: str, text: str, expected: list[str]) -> None:
    tokens, words = paired_tokens(raw, text)
    assert tokens == expected
    assert len(tokens) == len(words)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        pytest.param("a b", "a b c d e f g", id="words-no-token-spells"),
        pytest.param("Vanban, hoat", "Văn, hoạt", id="fewer-words"),
        pytest.param("abc", "xyz uvw", id="token-spells-other-letters"),
    ],
)
def test_unmatched_line_left_unpaired(raw: str, text: str) -> None:
    tokens, words = paired_tokens(raw, text)
    assert tokens == raw.split()
    assert words == text.split()


def _line(raw: str, text: str) -> Line:
    return Line(number=1, raw=raw, text=text, key=fold(text))


def test_debris_run_dropped_on_line_with_split_token() -> None:
    """The stray run before "Vanban," was kept whole when the split broke the pairing."""
    line = _line("A ~ A 3R re s \\ 2 2. , \\ , ) Vanban, \\", "A ~ A 3R re số \\ 2 2. , \\ , ) Văn bản, \\")
    dropped = drop_debris_runs(line)
    assert "số" not in dropped.text.split()
    assert "Văn bản," in dropped.text


def test_whole_words_on_line_with_split_token() -> None:
    line = _line("Trien khai Vanban, hoat", "Triển khai Văn bản, hoạt")
    assert {"Văn", "bản,", "Triển"} <= whole_words(line)
