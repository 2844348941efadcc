"""Property tests: the layout step never crashes or hangs, whatever lines it is given.

Random lines, tables cut short, shuffled lines and lines made of table vocabulary must all
come back as a list of rows (possibly empty) in bounded time.
"""

from __future__ import annotations

import random
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from theodoi.ingest.layout import lines_from_text
from theodoi.ingest.layout.table import Row, find_row_starts, find_table, rebuild_rows
from theodoi.ingest.parse.tasks import TASK_COLUMNS, TASK_HEADER, parse_tasks

VOCABULARY = [
    "TT",
    "Tên nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Kết quả",
    "Thời gian hoàn thành",
    "I.",
    "II",
    "Il",
    "1.",
    "2",
    "39.1",
    "3 |",
    "Sở Khoa học và Công nghệ",
    "Các sở, ban, ngành, địa phương",
    "Kế hoạch",
    "12/2025",
    "Thường xuyên",
    "Quý I/2026",
    "| . . A",
    "Triển khai thực hiện Đề án chuyển đổi số",
    "",
    "PHỤ LỤC",
    "[1] chú thích",
    "\x00",
    "ǅ",
]

line_text = st.one_of(
    st.sampled_from(VOCABULARY),
    st.text(max_size=80),
    st.lists(st.sampled_from(VOCABULARY), max_size=6).map(" ".join),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def sample_table() -> list[str]:
    rows = [
        "TT",
        "Tên nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Kết quả",
        "Thời gian hoàn thành",
        "I.",
    ]
    for n in range(1, 30):
        rows += [
            f"{n}.",
            f"Nhiệm vụ số {n} về chuyển đổi số",
            "Sở Nội vụ",
            "Các sở, ngành",
            "Kế hoạch",
            "12/2025",
        ]
    return rows


@SETTINGS
@given(st.lists(line_text, max_size=120))
def test_random_lines_give_rows_without_error(texts):
    lines = lines_from_text("\n".join(texts))
    for layout in (None, "cell_per_line", "interleaved"):
        rows = rebuild_rows(lines, TASK_COLUMNS, layout=layout)
        assert all(isinstance(r, Row) for r in rows)


@SETTINGS
@given(st.lists(line_text, max_size=120))
def test_task_parser_never_raises(texts):
    result = parse_tasks(lines_from_text("\n".join(texts)))
    assert all(t.name for t in result.tasks)


@SETTINGS
@given(st.integers(min_value=0, max_value=180))
def test_truncated_table_gives_a_prefix_of_its_rows(cut):
    full = sample_table()
    result = parse_tasks(lines_from_text("\n".join(full[:cut])))
    codes = [t.code for t in result.tasks]
    assert codes == [str(n) for n in range(1, len(codes) + 1)]


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_shuffled_table_never_raises(rnd: random.Random):
    texts = sample_table()
    rnd.shuffle(texts)
    lines = lines_from_text("\n".join(texts))
    region = find_table(lines, header_terms=TASK_HEADER)
    if region is not None:
        rebuild_rows(lines[region.start : region.end], TASK_COLUMNS, skip=region.header)
    find_row_starts(lines)


def test_long_document_of_numbers_finishes_quickly():
    texts = [f"{n % 97} |" for n in range(8_000)]
    lines = lines_from_text("\n".join(texts))
    started = time.process_time()
    rebuild_rows(lines, TASK_COLUMNS, layout="interleaved")
    assert time.process_time() - started < 20
