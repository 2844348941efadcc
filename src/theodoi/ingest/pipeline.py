"""Extraction: a document in, the whole plan in nq57-plan/1 out, ready for review.

``extract(path)`` reads the file, restores every line once (the raw text kept beside it),
finds the tables and prose blocks, and parses header, reporting duties, sections, tasks and
indicators. ``extract_document(doc)`` does the same for a document a caller already read (the
web upload). Nothing here prints; warnings for the reviewer are Vietnamese strings on the
plan.

Failure policy: a document that is not a plan raises ``NotAPlan``; a plan without a task
appendix, or with a table cut short, comes back as a partial ``Plan`` with warnings and low
confidences, never an exception.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from theodoi.ingest.document import SourceDocument, SourceLine
from theodoi.ingest.errors import NotAPlan
from theodoi.ingest.layout.lines import Line, make_lines
from theodoi.ingest.normalise.glued_names import unglue_names
from theodoi.ingest.parse.tasks import parse_tasks
from theodoi.ingest.plan import DocumentHeader, Indicator, Plan, ReportingDuty

logger = logging.getLogger(__name__)

try:  # the readers' dispatcher (another module's work); plain text is read here until it lands
    from theodoi.ingest.read import SUPPORTED_SUFFIXES, read_document
except ImportError:  # pragma: no cover - only while theodoi.ingest.read has no dispatcher
    from theodoi.ingest.read.text import read_text

    SUPPORTED_SUFFIXES = frozenset({".txt"})

    def read_document(path: Path) -> SourceDocument:
        """Read a .txt document (fallback until the readers' dispatcher exists)."""
        from theodoi.ingest.errors import UnsupportedFormat

        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise UnsupportedFormat(f"Chưa đọc được tệp dạng “{path.suffix}”; hãy dùng tệp .txt.")
        return read_text(path.read_bytes(), name=path.name)


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """Import a parser another stage provides; None while it does not exist yet."""
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        logger.info("%s.%s is not available; the field stays empty", module, name)
        return None


__all__ = ["SUPPORTED_SUFFIXES", "ExtractConfig", "Extraction", "extract", "extract_document"]


@dataclass(frozen=True)
class ExtractConfig:
    """How extraction runs. Defaults fit the plans seen so far.

    - ``restore``: restore OCR'd Vietnamese (diacritics, letter slips) before parsing. Off only
      for debugging the parsers on raw text.
    - ``reference_texts``: clean texts of similar plans (say the plan this one replaces); the
      restorer prefers their words and spellings.
    - ``max_lines``: longest document accepted; the rest is cut with a warning (the plans seen
      have under 2,500 lines).
    """

    restore: bool = True
    reference_texts: tuple[str, ...] | list[str] = field(default_factory=tuple)
    max_lines: int = 50_000


@dataclass
class Extraction:
    """The extracted plan, the document it came from and its restored lines."""

    plan: Plan
    document: SourceDocument
    lines: list[Line]


def extract(path: Path, *, config: ExtractConfig | None = None) -> Extraction:
    """Read ``path`` and extract its plan."""
    doc = read_document(Path(path))
    return extract_document(doc, config=config)


def extract_document(doc: SourceDocument, *, config: ExtractConfig | None = None) -> Extraction:
    """Extract the plan from an already read document."""
    config = config or ExtractConfig()
    warnings = list(doc.warnings)
    sources = doc.lines
    if len(sources) > config.max_lines:
        warnings.append(
            f"Văn bản dài {len(sources)} dòng, vượt giới hạn {config.max_lines}; chỉ đọc {config.max_lines} dòng đầu."
        )
        sources = sources[: config.max_lines]
    # OCR ran some agency names' words together ("Congantinh"): split them in the restored text
    restored = _restore([s.text for s in sources], config)
    lines = make_lines(sources, [unglue_names(t) for t in restored] if restored is not None else None)
    table = parse_tasks(lines)
    if not _looks_like_plan(lines) and not (table.layout == "cells" and table.tasks):
        # a bare task list (.xlsx/.docx table) is a plan too, though it says little else
        raise NotAPlan(
            "Văn bản này không giống một kế hoạch hay chương trình thực hiện Nghị quyết 57-NQ/TW "
            "(không thấy tiêu đề kế hoạch, nhiệm vụ hay chỉ tiêu)."
        )

    plan = Plan(source=doc.name)
    header = _call("theodoi.ingest.parse.header", "parse_header", lines)
    if isinstance(header, DocumentHeader):
        plan.document = header
    elif header is None:
        warnings.append("Chưa đọc phần đầu văn bản (số, ngày, cơ quan ban hành); cần nhập tay.")
    reporting = _call("theodoi.ingest.parse.reporting", "parse_reporting", lines)
    if isinstance(reporting, list) and all(isinstance(r, ReportingDuty) for r in reporting):
        plan.document.reporting = reporting
    indicators = _call("theodoi.ingest.parse.indicators", "parse_indicators", lines)
    if isinstance(indicators, list) and all(isinstance(i, Indicator) for i in indicators):
        plan.indicators = indicators

    plan.sections = table.sections
    plan.tasks = table.tasks
    warnings.extend(table.warnings)
    if not plan.tasks and not plan.indicators:
        warnings.append("Không đọc được nhiệm vụ hay chỉ tiêu nào: kết quả chỉ là một phần, cần kiểm tra kỹ.")
    _check_sections(plan, warnings)
    plan.warnings = list(dict.fromkeys(warnings))
    return Extraction(plan=plan, document=doc, lines=lines)


def _restore(texts: list[str], config: ExtractConfig) -> list[str] | None:
    if not config.restore:
        return None
    restorer_factory = _optional("theodoi.ingest.restore", "default_restorer")
    if restorer_factory is None:
        return None
    try:
        restorer = restorer_factory()
    except OSError as e:  # the restorer's model file is missing: parse the raw text
        logger.warning("restorer unavailable (%s); lines are parsed as read", e)
        return None
    if config.reference_texts:
        restorer = restorer.with_reference(list(config.reference_texts))
    restored = restorer.restore_lines(texts)
    if len(restored) != len(texts):
        logger.warning("restorer returned %d lines for %d; restoration skipped", len(restored), len(texts))
        return None
    return restored


def _call(module: str, name: str, lines: list[Line]) -> Any:
    func = _optional(module, name)
    if func is None:
        return None
    return func(lines)


_PLAN_WORDS = re.compile(r"\b(ke hoach|chuong trinh|nhiem vu|chi tieu|nghi quyet|de an)\b")


def _looks_like_plan(lines: list[Line]) -> bool:
    """Return True when the text reads like a plan: plan words and some numbered structure."""
    keys = [line.key for line in lines if line.key]
    if len(keys) < 3:
        return False
    text = " ".join(keys[:4000])
    hits = len(_PLAN_WORDS.findall(text))
    return hits >= 3 and ("ke hoach" in text or "chuong trinh" in text or "nhiem vu" in text)


def _check_sections(plan: Plan, warnings: list[str]) -> None:
    """Keep tasks and sections consistent, so that the plan always validates."""
    codes = {s.code for s in plan.sections}
    for task in plan.tasks:
        if task.section is not None and plan.sections and task.section not in codes:
            task.section = None
    if plan.tasks and not plan.sections:
        warnings.append("Bảng nhiệm vụ không có các mục I, II, ...; nhiệm vụ được để chung một nhóm.")


def source_document_from_text(text: str, *, name: str = "text.txt") -> SourceDocument:
    """Build a document from plain text (tests, the web's paste box)."""
    lines = [SourceLine(number=n, text=t) for n, t in enumerate(text.split("\n"), start=1)]
    return SourceDocument(name=name, kind="txt", lines=lines)
