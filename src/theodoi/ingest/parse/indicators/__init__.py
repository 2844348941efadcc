"""Indicators (chỉ tiêu): the appendix table in any of its layouts, or prose targets.

Plans give their indicators in one of three shapes:

- a table flattened one cell per line (TT / Chỉ tiêu / Đơn vị / Kết quả / Cơ quan chủ trì
  theo dõi, đánh giá), empty cells left out;
- an OCR'd table whose columns interleave: the row number, the start of the name, the unit,
  the target and the monitoring agency share one physical line, and the rest of the name (and
  of long cells) wraps onto the lines above and below;
- prose: bullets under "Đến hết năm 2025" headings ("- Có ≥ 15 doanh nghiệp ...").

The table is found by its appendix title or header ("chỉ tiêu" with "đơn vị" / "kết quả" /
"theo dõi"), horizons by "Đến năm 2030" rows, and rows by the TT numbering, accepted in
sequence (1, 2, 8, 8.1, 8.2, 9 ...) with repairs for the usual OCR slips ("83" for "8.3", a
row number lost or misread). Each physical line of an OCR'd row is split from the right by the
vocabulary of the columns: an agency head ("Sở ...", "Văn phòng", "Công an", "Ngân hàng" ...)
opens the agency cell, a comparison or number before it is the target, a unit word before that
the unit, and the rest is name. Lines between two numbered rows go to the row below from the
last one that opens a sentence (a capital letter), since an OCR'd row number sits on a middle
line of its row.

Every rule is about the form of these tables, never about a given plan's rows. Each indicator
carries its source lines and a confidence per field.

The package, a module a job:

- ``table``: where the table is (appendix title or header row), its header and noise lines,
  horizon rows;
- ``numbering``: the TT sequence, with the readings of misprinted row numbers;
- ``cells`` (a real table), ``cell_per_line`` and ``interleaved`` (with ``line_split`` and
  ``wraps``): the three layouts, each turning the table into ``rows.Row``;
- ``units``, ``target_cell``, ``leads``, ``names``: one column each (its vocabulary and
  repairs); ``scan``: what a scan does to tokens;
- ``indicator``: a row becomes an ``Indicator``; ``repairs``: table-wide repairs of a scan;
  ``repeats``: repairs from the same indicator printed in other horizons (damaged name words,
  lost units, smudged agencies) and from a sub-row's siblings (a damaged opening);
- ``prose``: targets written as bullets under "Đến hết năm 2025" headings.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from theodoi.ingest.layout.lines import Line
from theodoi.ingest.parse.indicators.cell_per_line import is_cell_per_line, rows_cell_per_line
from theodoi.ingest.parse.indicators.cells import rows_from_cells
from theodoi.ingest.parse.indicators.indicator import row_indicator
from theodoi.ingest.parse.indicators.interleaved import rows_interleaved
from theodoi.ingest.parse.indicators.prose import prose_indicators
from theodoi.ingest.parse.indicators.repairs import (
    fill_merged_agency_cells,
    repair_lost_signs,
    repair_smudged_agencies,
)
from theodoi.ingest.parse.indicators.repeats import repair_from_repeats, repair_openings
from theodoi.ingest.parse.indicators.scan import looks_scanned
from theodoi.ingest.parse.indicators.table import find_table
from theodoi.ingest.plan import Indicator

logger = logging.getLogger(__name__)


def parse_indicators(lines: Sequence[Line]) -> list[Indicator]:
    """Return the plan's indicators in document order: from its indicator table, else prose."""
    region = find_table(lines)
    if region is not None:
        start, end = region
        body = list(lines[start:end])
        if sum(1 for line in body if line.cell is not None) >= max(3, len(body) // 2):
            rows = rows_from_cells(body)
        elif is_cell_per_line(body):
            rows = rows_cell_per_line(body)
        else:
            rows = rows_interleaved(body)
        indicators = [row_indicator(row) for row in rows if not row.is_group]
        indicators = [i for i in indicators if i is not None]
        if indicators:
            if looks_scanned(body):
                repair_lost_signs(indicators)
                repair_smudged_agencies(indicators)
                fill_merged_agency_cells(indicators)
                repair_from_repeats(indicators)
                repair_openings(indicators)
            return indicators
        logger.info("indicator table at line %s gave no rows; trying prose targets", lines[start].number)
    return prose_indicators(lines)
