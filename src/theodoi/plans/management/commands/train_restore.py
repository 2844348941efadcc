"""``theodoi train-restore [--shipped]``: retrain the OCR restorer on what the database has learnt.

Clean text comes from plans whose stored text reads as proper Vietnamese (typed or born-digital
documents; OCR'd ones, even restored, are left out so their slips are not learnt), from the
reviewed names and outputs of tasks and indicators, and from reviewers' corrections when the
corrections table exists. It is added to the shipped corpus and the model is written to
THEODOI_DATA_DIR/restore-model, which ``default_restorer()`` prefers to the shipped model. The
worker reruns this command, so every import and every correction feeds the next model.

``--shipped`` rebuilds the model shipped inside the package from the repository corpus alone.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from theodoi.ingest.restore import (
    SHIPPED_MODEL_DIR,
    default_restorer,
    text_is_clean,
    train_with_corpus,
    trained_model_dir,
)
from theodoi.plans import models

logger = logging.getLogger(__name__)


def restore_training_data() -> tuple[list[str], list[tuple[str, str]]]:
    """Return (clean texts, (before, after) pairs) the database holds for the restorer."""
    stored = models.Plan.objects.exclude(source_text="").values_list("source_text", flat=True)
    texts = [text for text in stored if text_is_clean(text)]
    texts.extend(t for t in models.Plan.objects.exclude(title="").values_list("title", flat=True))
    texts.extend(t for t in models.Section.objects.exclude(title="").values_list("title", flat=True))
    for name, output in models.Task.objects.values_list("name", "output"):
        texts.append(name)
        if output:
            texts.append(output)
    texts.extend(models.Indicator.objects.values_list("name", flat=True))
    pairs: list[tuple[str, str]] = []
    correction = getattr(models, "Correction", None)  # issue 5 adds reviewers' corrections
    if correction is not None:
        pairs = [
            (before, after) for before, after in correction.objects.values_list("before", "after") if after
        ]
        texts.extend(after for _, after in pairs)
    return texts, pairs


def restore_retrain() -> tuple[Path, int, int]:
    """Retrain the restorer on the database and save it; return (model folder, texts, pairs).

    Shared by this command and the worker's periodic job (``theodoi.plans.tasks.retrain_restorer``).
    """
    texts, pairs = restore_training_data()
    path = train_with_corpus(texts, pairs).save(trained_model_dir())
    default_restorer.cache_clear()
    return Path(path), len(texts), len(pairs)


class Command(BaseCommand):
    help = "Huấn luyện lại mô hình khôi phục dấu tiếng Việt từ văn bản sạch và các sửa lỗi đã duyệt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--shipped",
            action="store_true",
            help="Dựng lại mô hình kèm theo gói từ kho văn bản của mã nguồn (không dùng cơ sở dữ liệu).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["shipped"]:
            path = train_with_corpus().save(SHIPPED_MODEL_DIR)
            self.stderr.write(f"Đã dựng lại mô hình kèm theo gói: {path}.")
            return
        path, texts, pairs = restore_retrain()
        self.stderr.write(
            f"Đã huấn luyện mô hình khôi phục dấu với {texts} đoạn văn bản sạch và {pairs} sửa lỗi: {path}."
        )
