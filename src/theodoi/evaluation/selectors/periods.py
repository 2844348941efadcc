"""The period a dashboard or scorecard is read for (kỳ đánh giá) and the periods the filter offers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from theodoi.tracking import rules


@dataclass(frozen=True)
class EvaluationPeriod:
    """The period a dashboard or scorecard is read for (kỳ đánh giá): a month, quarter or year."""

    key: str
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        return rules.period_label(self.key)

    @property
    def in_sentence(self) -> str:
        """Return the label as it reads inside a sentence: "quý IV/2025", "năm 2025"."""
        label = self.label
        return label[:1].lower() + label[1:]

    def judged_on(self, today: dt.date) -> dt.date:
        """Return the day tasks are judged on: the period's last day, or today while it runs."""
        return min(today, self.end)


def period_from_key(key: str | None, *, today: dt.date) -> EvaluationPeriod:
    """Return the period a key names (month, quarter or year); the current quarter otherwise."""
    if key:
        try:
            cadence, start, end = rules.period_bounds(key)
        except ValueError:
            cadence = ""
        if cadence in (rules.MONTHLY, rules.QUARTERLY, rules.ANNUAL) and start <= today:
            return EvaluationPeriod(key, start, end)
    key, start, end = rules.period_containing(rules.QUARTERLY, today)
    return EvaluationPeriod(key, start, end)


def period_choices(*, today: dt.date, years: int = 2) -> list[EvaluationPeriod]:
    """Return the periods offered in the filter: this year's and last year's quarters and years."""
    out = []
    for year in range(today.year, today.year - years, -1):
        for q in (4, 3, 2, 1):
            if dt.date(year, 3 * q - 2, 1) <= today:
                out.append(period_from_key(f"{year}-Q{q}", today=today))
        out.append(period_from_key(str(year), today=today))
    return out
