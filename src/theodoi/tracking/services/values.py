"""Read values the way people type them (dates, Vietnamese numbers, ids), what an indicator's value
must be, and today's date they are checked against; dates written back for the audit trail.

Pure reads of a value, no query: selectors, standings and reports judge indicators with them too.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone

from theodoi.ingest.normalise.targets import parse_target
from theodoi.ingest.text import fold
from theodoi.plans.models import Indicator


def today() -> dt.date:
    return timezone.localdate()


_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


def parse_date(value: Any) -> dt.date | None:
    """Read a date the way forms send it (dd/mm/yyyy or ISO); ValueError if unreadable."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_number(value: Any) -> float | None:
    """Read a number written the Vietnamese way ("12,5", "1.234,5", "80 %"); ValueError if not one."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValueError(value)
    return float(text)


def indicator_target(indicator: Indicator) -> tuple[str, float | None, float | None]:
    """Return (op, value, value_max): as stored when imported, else read from the printed target."""
    if indicator.op != "text" or indicator.value is not None:
        return indicator.op, indicator.value, indicator.value_max
    return parse_target(indicator.target_text)


def indicator_expects(indicator: Indicator) -> str:
    """Return what a value of the indicator is: "number", "boolean" (Có/Không) or "text"."""
    if indicator_target(indicator)[0] != "text":
        return "number"
    key = fold(f"{indicator.unit} {indicator.target_text}")
    if "co/khong" in key.replace(" ", "") or fold(indicator.target_text).strip() in ("co", "bao dam", "dat"):
        return "boolean"
    return "text"


def _as_id(key: Any) -> int | None:
    try:
        return int(key)
    except (TypeError, ValueError):
        return None


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
