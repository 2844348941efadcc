"""Display filters: Vietnamese numbers and dates, search marks, page links.

Formatting only; what to show is decided in selectors and views.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import numberformat, timezone
from django.utils.safestring import SafeString

from theodoi.web.highlight import highlight

register = template.Library()

DASH = "—"


@register.filter(name="so")
def vn_number(value: int | float | Decimal | None, decimal_pos: int | None = None) -> str:
    """Format a number the Vietnamese way: ``1.234.567`` and ``0,75`` (no trailing ``,0``)."""
    if value is None or value == "":
        return DASH
    if isinstance(value, float) and value.is_integer() and decimal_pos is None:
        value = int(value)
    return numberformat.format(
        value, ",", decimal_pos=decimal_pos, grouping=3, thousand_sep=".", force_grouping=True
    )


@register.filter(name="ngay")
def vn_date(value: dt.date | dt.datetime | None) -> str:
    """Format a date as dd/mm/yyyy (a dash when there is none)."""
    if value is None:
        return DASH
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%d/%m/%Y")


@register.filter(name="danh_dau")
def mark_words(text: str | None, words: list[str] | None) -> SafeString | str:
    """Escape ``text`` and wrap the searched words in ``<mark>`` (diacritics ignored)."""
    return highlight(text, words or [])


@register.simple_tag
def page_url(query: str, number: int) -> str:
    """Return ``?<query>&trang=<number>`` for a pagination link, keeping the filters."""
    return f"?{query}&trang={number}" if query else f"?trang={number}"
