"""A long unit wrapped over the whole height of an interleaved row, put back together."""

from __future__ import annotations

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.parse.indicators.rows import Parts, Row
from theodoi.ingest.parse.indicators.tall_units import tall_unit
from theodoi.ingest.text import fold


def _row(lines: list[tuple[str, Parts]]) -> Row:
    row = Row(code="11", horizon=2030, group=None)
    for n, (text, parts) in enumerate(lines, start=1):
        row.lines.append(Line(number=n, raw=text, text=text, key=fold(text)))
        row.parts.append(parts)
    return row


def hdi_row(head: str) -> Row:
    """An HDI row as scans print it: the unit over four lines, the target two lines below."""
    return _row(
        [
            (f"11 Khoa học góp phần {head}", Parts(code="11", name=f"Khoa học góp phần {head}")),
            ("quan trọng xây dựng, xã | triển con \\ NP A", Parts(name="quan trọng xây dựng, xã")),
            (
                "hội, duy trì chỉ số phát triển người 0,75 Sở Khoa học và Công nghệ",
                Parts(
                    name="hội, duy trì chỉ số phát triển",
                    unit="Người",
                    target="0,75",
                    lead="Sở Khoa học và Công nghệ",
                ),
            ),
            ("con người (HDI) (HDI)", Parts(name="con người (HDI) (HDI)")),
        ]
    )


def test_unit_wrapped_from_numbered_line_to_below_target() -> None:
    row = hdi_row("Chivsc‘) phát")
    tall_unit(row)
    assert row.parts[2].unit == "Chỉ số phát triển con người (HDI)"
    assert [p.name for p in row.parts] == [
        "Khoa học góp phần",
        "quan trọng xây dựng, xã",
        "hội, duy trì chỉ số phát triển",
        "con người (HDI)",
    ]


def test_name_words_that_spell_no_unit_stay() -> None:
    row = hdi_row("bảo tồn")  # the numbered line's end is name text: no unit opens there
    tall_unit(row)
    assert row.parts[2].unit == "Người"
    assert row.parts[0].name == "Khoa học góp phần bảo tồn"
    assert row.parts[3].name == "con người (HDI) (HDI)"


def test_numbered_line_with_cells_is_left_to_wrapped_unit() -> None:
    row = hdi_row("Chivsc‘) phát")
    row.parts[0].target = "1"
    tall_unit(row)
    assert row.parts[2].unit == "Người"
