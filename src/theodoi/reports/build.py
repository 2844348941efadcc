"""The consolidated report's content for one plan and period (báo cáo tổng hợp định kỳ).

The Department of Science and Technology (Sở KH&CN) reports to the People's Committee each
period on the plan as a whole: results by section (tasks per status, what was finished with
its proof, what is late), indicators (latest value against the target), the difficulties and
proposals the agencies wrote in their accepted reports, and who reported on time.

``report_content`` gathers all of it in a fixed number of queries whatever the number of
agencies and periods (``selectors``); the writers (``docx``, ``xlsx``) only lay it out.
Statuses follow ``theodoi.tracking.rules``: judged on the period's last day, or today while
the period runs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from theodoi.directory.models import AdministrativeUnit, UnitLevel
from theodoi.plans.models import Indicator, Plan, Task
from theodoi.reports import selectors
from theodoi.reports.selectors import Compliance
from theodoi.tracking import rules
from theodoi.tracking.rules import TaskStatus, Trend

STATUS_ORDER = (
    TaskStatus.DONE_ON_TIME,
    TaskStatus.DONE_LATE,
    TaskStatus.IN_PROGRESS_ON_TIME,
    TaskStatus.IN_PROGRESS_OVERDUE,
    TaskStatus.NOT_STARTED,
)
DONE = (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)
PERIOD_FORMS = "2025 (năm), 2025-H1 (6 tháng), 2025-Q3 (quý), 2025-M07 (tháng), 2025-W28 (tuần)"
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodError(ValueError):
    """A period the user typed that is not a period key; the message is for the user."""

    code = "bad_period"

    def __init__(self, value: str) -> None:
        self.value = value
        self.message = f"Kỳ báo cáo “{value}” không hợp lệ. Các dạng được chấp nhận: {PERIOD_FORMS}."
        super().__init__(self.message)


def period_parse(value: str) -> rules.Period:
    """Return the period a key names ("2025-Q3", "2025-M07" ...); PeriodError if it names none.

    "2025-q3" and "2025-m7" are read too: people type them so.
    """
    text = (value or "").strip().upper()
    m = re.fullmatch(r"(\d{4})(?:-([WMQH])(\d{1,2}))?", text)
    if m and m.group(2) in ("M", "W"):
        text = f"{m.group(1)}-{m.group(2)}{int(m.group(3)):02d}"
    try:
        return rules.period_for_key(text, "")
    except ValueError as e:
        raise PeriodError(value) from e


def period_phrase(period: rules.Period) -> str:
    """Return the period as a report's subject line says it: "quý III năm 2025", "tháng 7 năm 2025"."""
    start = period.start
    if period.cadence == rules.QUARTERLY:
        return f"quý {_ROMAN[(start.month - 1) // 3 + 1]} năm {start.year}"
    if period.cadence == rules.MONTHLY:
        return f"tháng {start.month} năm {start.year}"
    if period.cadence == rules.SEMIANNUAL:
        return f"6 tháng {'đầu' if start.month == 1 else 'cuối'} năm {start.year}"
    if period.cadence == rules.WEEKLY:
        return f"tuần {period.key[-2:]} năm {period.key[:4]} (từ {start:%d/%m} đến {period.end:%d/%m/%Y})"
    return f"năm {start.year}"


# --- what the report holds ---------------------------------------------------------------------


@dataclass
class TaskLine:
    """One task as the report shows it: status, percent, who, and what was reported done."""

    task: Task
    status: TaskStatus
    percent: int
    leads: list[str]
    partners: list[str]
    done_on: dt.date | None = None
    done_text: str = ""
    evidence: list[str] = field(
        default_factory=list
    )  # "Quyết định số 12/QĐ-UBND ngày 01/08/2025", file names

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def is_done(self) -> bool:
        return self.status in DONE

    @property
    def is_overdue(self) -> bool:
        return self.status == TaskStatus.IN_PROGRESS_OVERDUE

    @property
    def result(self) -> str:
        """Return what was done with its proof in one text (the appendix's last column)."""
        parts = [self.done_text] if self.done_text else []
        if self.evidence:
            parts.append("Minh chứng: " + "; ".join(self.evidence))
        return ". ".join(p.rstrip(". ") for p in parts)


@dataclass
class SectionResult:
    """The tasks of one section of the plan (I, II, ...) with their counts per status."""

    code: str
    title: str
    tasks: list[TaskLine]
    period: rules.Period

    @property
    def counts(self) -> dict[TaskStatus, int]:
        found = Counter(t.status for t in self.tasks)
        return {s: found.get(s, 0) for s in STATUS_ORDER}

    @property
    def done_in_period(self) -> list[TaskLine]:
        return [t for t in self.tasks if t.is_done and t.done_on and self.period.contains(t.done_on)]

    @property
    def overdue(self) -> list[TaskLine]:
        return [t for t in self.tasks if t.is_overdue]


@dataclass
class IndicatorLine:
    indicator: Indicator
    latest: str  # the value as printed ("82,5", "Có"), "" when none was stated
    met: bool | None
    trend: Trend
    agency: str = ""  # who stated the latest value

    @property
    def assessment(self) -> str:
        if not self.latest:
            return "Chưa có số liệu"
        return {True: "Đạt", False: "Chưa đạt", None: "Chưa đánh giá được"}[self.met]

    @property
    def target(self) -> str:
        text = self.indicator.target_text or "—"
        return f"{text} (năm {self.indicator.horizon})" if self.indicator.horizon else text


@dataclass
class Remark:
    """A difficulty or proposal, with the agencies that wrote it (same words, one line)."""

    text: str
    agencies: list[str]


@dataclass
class Issuer:
    """Who issues the report: the Department under the province's People's Committee."""

    parent: str  # "UBND TỈNH GIA LAI" (cơ quan chủ quản); empty for a ministry
    name: str  # "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    symbol: str  # "BC-SKHCN"
    place: str  # "Gia Lai"
    recipient: str  # "Ủy ban nhân dân tỉnh" (to whom it reports)
    recipient_short: str  # "UBND tỉnh"
    head: str = "GIÁM ĐỐC"


@dataclass
class ConsolidatedReport:
    """Everything the consolidated report and its appendix print."""

    plan: Plan
    period: rules.Period
    on: dt.date  # the day statuses are judged on
    issued_on: dt.date
    issuer: Issuer
    sections: list[SectionResult]
    indicators: list[IndicatorLine]
    difficulties: list[Remark]
    proposals: list[Remark]
    compliance: list[Compliance]
    signer: str = ""
    number: str = ""  # the register number; blank until the clerk (văn thư) gives one

    @property
    def tasks(self) -> list[TaskLine]:
        return [t for s in self.sections for t in s.tasks]

    @property
    def counts(self) -> dict[TaskStatus, int]:
        found = Counter(t.status for t in self.tasks)
        return {s: found.get(s, 0) for s in STATUS_ORDER}

    @property
    def subject(self) -> str:
        """Return the subject line (trích yếu) under "BÁO CÁO"."""
        plan = self.plan
        number = f"Kế hoạch số {plan.number}" if plan.number else "Kế hoạch"
        dated = f" ngày {plan.date:%d/%m/%Y}" if plan.date else ""
        by = f" của {plan.issuer}" if plan.issuer else ""
        return f"Kết quả thực hiện {number}{dated}{by} {period_phrase(self.period)}"

    @property
    def reference(self) -> str:
        """Return the number as printed: "Số:      /BC-SKHCN" until registered."""
        return f"{self.number or ' ' * 6}/{self.issuer.symbol}"

    @property
    def indicators_met(self) -> int:
        return sum(1 for i in self.indicators if i.latest and i.met)

    @property
    def indicators_stated(self) -> int:
        return sum(1 for i in self.indicators if i.latest)


# --- gathering ---------------------------------------------------------------------------------


def issuer_for(unit: AdministrativeUnit) -> Issuer:
    """Return the Department of Science and Technology of the province ``unit`` is in today.

    A plan of Bình Định (merged into Gia Lai on 01/07/2025) is reported on by Gia Lai's
    Department; a national plan by the Ministry.
    """
    province = unit.parent if unit.level in (UnitLevel.COMMUNE, UnitLevel.DISTRICT) and unit.parent else unit
    province = province.successor if province.successor_id else province
    if province.level == UnitLevel.COUNTRY:
        return Issuer(
            parent="",
            name="BỘ KHOA HỌC VÀ CÔNG NGHỆ",
            symbol="BC-BKHCN",
            place="Hà Nội",
            recipient="Chính phủ",
            recipient_short="Chính phủ",
            head="BỘ TRƯỞNG",
        )
    kind = "thành phố" if province.is_city else "tỉnh"
    return Issuer(
        parent=f"UBND {kind.upper()} {province.name.upper()}",
        name="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        symbol="BC-SKHCN",
        place=province.name,
        recipient=f"Ủy ban nhân dân {kind}",
        recipient_short=f"UBND {kind}",
    )


def report_content(
    *,
    plan: Plan,
    period: rules.Period | str,
    issued_on: dt.date | None = None,
    on: dt.date | None = None,
    signer: str = "",
    number: str = "",
) -> ConsolidatedReport:
    """Return the consolidated report of ``plan`` for ``period`` (a Period or its key).

    ``on`` is the day statuses are judged on: the period's last day, or ``issued_on`` while
    the period is still running. ``issued_on`` (the report's date) defaults to today.
    Raises PeriodError for a key that names no period. Fixed number of queries.
    """
    if isinstance(period, str):
        period = period_parse(period)
    issued_on = issued_on or timezone.localdate()
    on = on or min(period.end, issued_on)
    unit = AdministrativeUnit.objects.select_related("parent__successor", "successor").get(pk=plan.unit_id)
    facts = selectors.plan_facts(plan=plan, on=on, period=period)

    by_section: dict[int | None, list[TaskLine]] = {}
    for task in facts.tasks:
        judged = facts.statuses[task.pk]
        latest = judged.latest
        done = judged.status in DONE
        line = TaskLine(
            task=task,
            status=judged.status,
            percent=100 if done else (latest.percent if latest else 0),
            leads=facts.agencies.get((task.pk, "lead"), []),
            partners=facts.agencies.get((task.pk, "partner"), []),
            done_on=judged.done_on,
            done_text=latest.done_text if latest and done else "",
            evidence=_evidence(latest, facts.files.get(task.pk, [])) if latest and done else [],
        )
        by_section.setdefault(task.section_id, []).append(line)
    sections = [
        SectionResult(code=s.code, title=s.title, tasks=by_section.pop(s.pk, []), period=period)
        for s in facts.sections
    ]
    sections = [s for s in sections if s.tasks]
    if by_section:
        loose = [t for rows in by_section.values() for t in rows]
        loose.sort(key=lambda t: (t.task.position, t.task.pk))
        sections.append(SectionResult(code="", title="Nhiệm vụ khác", tasks=loose, period=period))

    indicators = [
        IndicatorLine(
            indicator=row.indicator,
            latest=row.latest.value_display if row.latest else "",
            met=row.met,
            trend=row.trend,
            agency=row.agency,
        )
        for row in facts.indicators
    ]
    return ConsolidatedReport(
        plan=plan,
        period=period,
        on=on,
        issued_on=issued_on,
        issuer=issuer_for(unit),
        sections=sections,
        indicators=indicators,
        difficulties=_remarks(facts.difficulties),
        proposals=_remarks(facts.proposals),
        compliance=facts.compliance,
        signer=signer,
        number=number,
    )


def _evidence(update: selectors.LatestUpdate, files: list[str]) -> list[str]:
    out = []
    if update.evidence_number:
        dated = f" ngày {update.evidence_date:%d/%m/%Y}" if update.evidence_date else ""
        out.append(f"Văn bản số {update.evidence_number}{dated}")
    if update.evidence_link:
        out.append(update.evidence_link)
    out.extend(f"tệp {name}" for name in files)
    return out


def _remarks(rows: list[tuple[str, str]]) -> list[Remark]:
    """Group (agency, text) pairs by text, keeping first-seen order; blank texts dropped."""
    grouped: dict[str, Remark] = {}
    for agency, text in rows:
        text = " ".join(text.split())
        if not text:
            continue
        key = text.casefold().rstrip(" .;")
        remark = grouped.setdefault(key, Remark(text=text.rstrip(" ;"), agencies=[]))
        if agency not in remark.agencies:
            remark.agencies.append(agency)
    return list(grouped.values())


def section_heading(section: SectionResult) -> str:
    """Return a section's title as the body prints it: first letter capital, no OCR tail."""
    title = " ".join(section.title.split()) or "Nhiệm vụ khác"
    return title[:1].upper() + title[1:]
