"""``theodoi train-restore``: the restorer learns from clean plans and reviewed text in the database."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from theodoi.ingest.plan import Plan as PlanDocument
from theodoi.ingest.restore import SHIPPED_MODEL_DIR, Model, default_restorer, load_restorer, model_dir
from theodoi.plans import models
from theodoi.plans.management.commands.train_restore import restore_training_data
from theodoi.plans.services import plan_import

from .conftest import small_plan

pytestmark = pytest.mark.django_db

CLEAN_TEXT = (
    "Ủy ban nhân dân tỉnh giao Ban Quản lý Khu kinh tế Dung Quất chủ trì xây dựng đề án phát triển "
    "khu công nghệ thông tin tập trung. Sở Khoa học và Công nghệ phối hợp với các sở, ngành triển khai "
    "thực hiện, định kỳ báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 15 hằng tháng."
)
OCR_TEXT = (
    "Uy ban nhan dan tinh giao Ban Quan ly Khu kinh té Dung Quat chii tri xay dyng dé an phat trién " * 3
)
LINE = "Ban Quan ly Khu kinh te Dung Quat"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("THEODOI_DATA_DIR", str(tmp_path))
    default_restorer.cache_clear()
    yield tmp_path
    default_restorer.cache_clear()


def import_plan(number: str, source_text: str) -> None:
    plan_import(plan=PlanDocument.from_dict(small_plan(number=number)), source_text=source_text)


def test_train_restore_learns_from_a_clean_plan(data_dir: Path) -> None:
    import_plan("12/KH-UBND", CLEAN_TEXT)
    assert load_restorer(SHIPPED_MODEL_DIR).restore_line(LINE) != "Ban Quản lý Khu kinh tế Dung Quất"

    call_command("train_restore", stderr=io.StringIO())

    assert model_dir() == data_dir / "restore-model"
    assert default_restorer().restore_line(LINE) == "Ban Quản lý Khu kinh tế Dung Quất"


def test_ocr_text_of_a_plan_is_not_learnt_but_its_reviewed_tasks_are() -> None:
    import_plan("12/KH-UBND", OCR_TEXT)

    texts, pairs = restore_training_data()

    assert OCR_TEXT not in texts
    assert set(models.Task.objects.values_list("name", flat=True)) <= set(texts)
    assert pairs == []


def test_corrections_are_used_when_the_table_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    class Corrections:
        objects = type("Manager", (), {"values_list": staticmethod(lambda *f: [("Tinh Gy", "Tỉnh ủy")])})()

    monkeypatch.setattr(models, "Correction", Corrections, raising=False)

    texts, pairs = restore_training_data()

    assert pairs == [("Tinh Gy", "Tỉnh ủy")]
    assert "Tỉnh ủy" in texts


def test_shipped_option_rebuilds_the_package_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "shipped"
    monkeypatch.setattr("theodoi.plans.management.commands.train_restore.SHIPPED_MODEL_DIR", target)

    call_command("train_restore", "--shipped", stderr=io.StringIO())

    assert Model.load(target) == Model.load(SHIPPED_MODEL_DIR)
