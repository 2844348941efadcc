"""The import, export and demo commands, as an operator runs them."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from theodoi.accounts.models import Profile, Role
from theodoi.core.models import AuditEvent
from theodoi.directory.models import Agency
from theodoi.ingest.plan import Plan as PlanDocument
from theodoi.plans import demo
from theodoi.plans.models import Plan, PlanStatus, Task

from .conftest import gold, small_plan

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, name: str, doc: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def nothing_written() -> bool:
    return not (Plan.objects.exists() or Agency.objects.exists() or AuditEvent.objects.exists())


def test_import_then_export_gives_back_the_file(tmp_path: Path) -> None:
    source = write(tmp_path, "in.json", gold("000"))
    out = tmp_path / "out.json"

    call_command("import", str(source), stdout=_Sink())
    call_command("export", "103/KH-UBND", "--json", str(out), stderr=_Sink())

    assert json.loads(out.read_text(encoding="utf-8")) == gold("000")


def test_export_without_json_option_writes_to_stdout(tmp_path: Path) -> None:
    call_command("import", str(write(tmp_path, "in.json", small_plan())), stdout=_Sink())
    sink = _Sink()

    call_command("export", "12/KH-UBND", stdout=sink)

    assert json.loads(sink.text)["document"]["number"] == "12/KH-UBND"


def test_import_twice_updates_in_place(tmp_path: Path) -> None:
    source = write(tmp_path, "in.json", gold("003"))

    call_command("import", str(source), stdout=_Sink())
    call_command("import", str(source), stdout=_Sink())

    assert Plan.objects.count() == 1
    assert Task.objects.count() == len(gold("003")["tasks"])


def test_import_with_status_active(tmp_path: Path) -> None:
    call_command(
        "import", str(write(tmp_path, "in.json", small_plan())), "--status", "active", stdout=_Sink()
    )

    assert Plan.objects.get().status == PlanStatus.ACTIVE


def _task_without_name(doc: dict[str, Any]) -> None:
    doc["tasks"][12]["name"] = ""


def _wrong_format(doc: dict[str, Any]) -> None:
    doc["format"] = "nq57-plan/2"


def _text_value(doc: dict[str, Any]) -> None:
    doc["indicators"][3]["value"] = "tám mươi"


@pytest.mark.parametrize(
    ("damage", "named"),
    [(_wrong_format, "format"), (_task_without_name, "tasks[12].name"), (_text_value, "indicators[3].value")],
    ids=["wrong-format-tag", "task-without-name", "non-numeric-value"],
)
def test_malformed_file_is_refused_naming_the_field_and_row(tmp_path: Path, damage: Any, named: str) -> None:
    doc = small_plan(tasks=15)
    damage(doc)

    with pytest.raises(CommandError) as e:
        call_command("import", str(write(tmp_path, "bad.json", doc)))

    assert named in str(e.value)
    assert "không có gì được ghi" in str(e.value)
    assert nothing_written()


def test_one_bad_file_among_several_writes_nothing(tmp_path: Path) -> None:
    good = write(tmp_path, "good.json", small_plan())
    partial = write(tmp_path, "partial.json", {"format": "nq57-plan/1", "tasks": []})

    with pytest.raises(CommandError, match="document"):
        call_command("import", str(good), str(partial))

    assert nothing_written()


def test_unknown_province_in_the_second_file_rolls_back_the_first(tmp_path: Path) -> None:
    good = write(tmp_path, "good.json", small_plan())
    elsewhere = write(tmp_path, "elsewhere.json", small_plan(number="5/KH-UBND", province="Atlantis"))

    with pytest.raises(CommandError, match=r"document\.province"):
        call_command("import", str(good), str(elsewhere))

    assert nothing_written()


def test_file_that_is_not_json_is_refused_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "nq57-plan/1",', encoding="utf-8")

    with pytest.raises(CommandError, match="dòng 1"):
        call_command("import", str(path))


def test_export_of_an_unknown_plan_says_so() -> None:
    with pytest.raises(CommandError, match="Không tìm thấy kế hoạch số “1/KH-UBND”"):
        call_command("export", "1/KH-UBND")


# --- demo ----------------------------------------------------------------------------------


def test_demo_refuses_to_run_without_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> None:
        raise demo.ExtractorMissing("Chưa có bộ trích xuất kế hoạch.")

    monkeypatch.setattr("theodoi.plans.management.commands.demo.load_extractor", missing)

    with pytest.raises(CommandError, match="Chưa có bộ trích xuất"):
        call_command("demo", "--no-serve", stdout=_Sink())

    assert not Plan.objects.exists()


@pytest.fixture
def fake_extraction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Any) -> Path:
    """Samples whose 'extraction' is a gold file: stands in for the pipeline in this test only."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
    samples = tmp_path / "samples"
    samples.mkdir()
    for name in ("000", "003"):
        (samples / f"{name}.txt").write_text(f"sample {name}", encoding="utf-8")

    def extract(path: Path) -> SimpleNamespace:
        lines = [SimpleNamespace(text=path.read_text(encoding="utf-8"))]
        return SimpleNamespace(plan=PlanDocument.from_dict(gold(path.stem)), lines=lines)

    monkeypatch.setattr("theodoi.plans.management.commands.demo.load_extractor", lambda: extract)
    return samples


def test_demo_loads_the_samples_and_one_account_per_role(fake_extraction: Path) -> None:
    sink = _Sink()

    call_command("demo", "--no-serve", "--samples", str(fake_extraction), stdout=sink)

    statuses = dict(Plan.objects.values_list("number", "status"))
    assert statuses == {"103/KH-UBND": PlanStatus.ACTIVE, "37/KH-UBND": PlanStatus.SUPERSEDED}
    assert Plan.objects.get(number="103/KH-UBND").source_text == "sample 000"
    assert set(Profile.objects.values_list("role", flat=True)) == set(Role.values)
    assert get_user_model().objects.get(username="baocao").check_password(demo.DEMO_PASSWORD)
    assert demo.DEMO_PASSWORD in sink.text
    assert "baocao" in sink.text


def test_demo_run_twice_changes_nothing(fake_extraction: Path) -> None:
    call_command("demo", "--no-serve", "--samples", str(fake_extraction), stdout=_Sink())
    before = (
        Plan.objects.count(),
        Task.objects.count(),
        Agency.objects.count(),
        get_user_model().objects.count(),
    )

    call_command("demo", "--no-serve", "--samples", str(fake_extraction), stdout=_Sink())

    after = (
        Plan.objects.count(),
        Task.objects.count(),
        Agency.objects.count(),
        get_user_model().objects.count(),
    )
    assert after == before


class _Sink:
    """A stdout stand-in that keeps what the command wrote."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


@pytest.mark.slow
def test_demo_extracts_the_real_samples(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    call_command("demo", "--no-serve", stdout=_Sink(), stderr=_Sink())

    plans = {p.number: p for p in Plan.objects.all()}
    assert {"103/KH-UBND", "37/KH-UBND"} <= set(plans)
    assert plans["37/KH-UBND"].status == PlanStatus.SUPERSEDED
    assert all(p.source_hash and p.source_text for p in plans.values())  # extracted, not hand-made
