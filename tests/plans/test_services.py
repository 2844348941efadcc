"""plan_import / plan_export: lossless round trip, re-import in place, refusal without writes."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from theodoi.core.models import AuditEvent
from theodoi.directory.models import AdministrativeUnit, Agency
from theodoi.ingest.plan import Plan as PlanDocument
from theodoi.ingest.plan import PlanFormatError
from theodoi.plans import services
from theodoi.plans.models import (
    AgencyRole,
    DeadlineKind,
    Indicator,
    Plan,
    PlanReference,
    PlanStatus,
    ReferenceRelation,
    Task,
    TaskAgency,
)
from theodoi.plans.services import plan_export, plan_import

from .conftest import GOLD_FILES, gold, small_plan

pytestmark = pytest.mark.django_db


def load(doc: dict[str, Any], **kwargs: Any) -> Plan:
    return plan_import(plan=PlanDocument.from_dict(doc), **kwargs)


def exported(plan: Plan) -> dict[str, Any]:
    return plan_export(plan=plan).to_dict()


def counts() -> tuple[int, ...]:
    return (Plan.objects.count(), Task.objects.count(), Indicator.objects.count(), Agency.objects.count())


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_round_trip_gives_back_the_gold_document(path: Any) -> None:
    doc = gold(path.name[:3])

    plan = load(doc)

    assert exported(plan) == doc


def test_round_trip_keeps_the_extras_producers_add() -> None:
    doc = small_plan(tasks=2)
    doc["tasks"][0]["deadline_parsed"] = {"kind": "month", "due": "2025-12-31"}
    doc["tasks"][0]["source_lines"] = [101, 102]
    doc["tasks"][0]["confidence"] = {"name": 0.9, "lead": 0.75}
    doc["indicators"][1]["source_lines"] = [40]
    doc["document"]["reporting"][0]["confidence"] = {"due": 0.5}
    doc["document"]["source_lines"] = [1, 2, 3]
    doc["warnings"] = ["Không đọc được dòng 12."]

    assert exported(load(doc)) == doc


def test_round_trip_of_a_plan_with_no_sections_keeps_the_task_section_code() -> None:
    doc = small_plan(tasks=1)
    doc["sections"] = []

    assert exported(load(doc)) == doc


def test_reimport_of_every_gold_file_updates_in_place() -> None:
    for path in GOLD_FILES:
        load(gold(path.name[:3]))
    before = counts()
    task_ids = set(Task.objects.values_list("pk", flat=True))

    for path in GOLD_FILES:
        load(gold(path.name[:3]))

    assert counts() == before
    assert set(Task.objects.values_list("pk", flat=True)) == task_ids


def test_reimport_applies_an_edited_field() -> None:
    doc = gold("000")
    plan = load(doc)
    doc["tasks"][5]["deadline"] = "Quý IV/2025"
    doc["indicators"][0]["target"] = "≥ 90"

    again = load(doc)

    assert again.pk == plan.pk
    assert exported(again) == doc


def test_reimport_removes_a_task_that_disappeared() -> None:
    doc = gold("003")
    plan = load(doc)
    gone = doc["tasks"].pop(10)

    load(doc)

    assert plan.tasks.count() == len(doc["tasks"])
    assert not plan.tasks.filter(name=gone["name"]).exists()
    assert exported(plan) == doc


def test_rows_with_a_repeated_code_stay_separate() -> None:
    doc = gold("002")  # task V.74 and indicators 2030/5.8, 2045/4.5 are printed twice

    plan = load(doc)
    load(doc)

    assert plan.tasks.filter(section_code="V", code="74").count() == 2
    assert plan.indicators.filter(horizon=2030, code="5.8").count() == 2


def test_each_mention_keeps_its_printed_name_beside_the_one_agency() -> None:
    plan = load(small_plan(tasks=2))  # task 1 prints "Sở Khoa học và Công nghệ", task 2 "Sở KH&CN"

    leads = TaskAgency.objects.filter(task__plan=plan, role=AgencyRole.LEAD).order_by("task__position")

    assert [m.printed_name for m in leads] == ["Sở Khoa học và Công nghệ", "Sở KH&CN"]
    assert len({m.agency_id for m in leads}) == 1


def test_import_resolves_the_pre_merger_province_to_its_old_unit() -> None:
    plan = load(gold("000"))

    assert plan.unit.code == "binh-dinh"
    assert plan.unit.successor.code == "gia-lai"


def test_every_import_writes_an_audit_event() -> None:
    doc = small_plan()

    plan = load(doc)
    load(doc)

    events = AuditEvent.objects.filter(action="plan.import", object_id=str(plan.pk))
    assert events.count() == 2
    assert "12/KH-UBND" in events.first().summary


def test_active_plan_supersedes_the_plan_it_replaces() -> None:
    old = load(gold("003"), status=PlanStatus.ACTIVE)

    new = load(gold("000"), status=PlanStatus.ACTIVE)

    old.refresh_from_db()
    assert old.status == PlanStatus.SUPERSEDED
    assert PlanReference.objects.get(plan=new, relation=ReferenceRelation.SUPERSEDES).target == old
    assert AuditEvent.objects.filter(action="plan.supersede", object_id=str(old.pk)).exists()


def test_replaced_plan_imported_after_its_replacement_is_superseded() -> None:
    new = load(gold("000"), status=PlanStatus.ACTIVE)

    old = load(gold("003"), status=PlanStatus.ACTIVE)

    assert old.status == PlanStatus.SUPERSEDED
    assert PlanReference.objects.get(plan=new, relation=ReferenceRelation.SUPERSEDES).target == old


def test_draft_plan_does_not_supersede_anything() -> None:
    old = load(gold("003"), status=PlanStatus.ACTIVE)

    load(gold("000"))

    old.refresh_from_db()
    assert old.status == PlanStatus.ACTIVE


def test_reimport_without_a_status_keeps_the_plan_active() -> None:
    plan = load(small_plan(), status=PlanStatus.ACTIVE)

    load(small_plan())

    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE


def test_parsed_deadline_fills_kind_and_due_date() -> None:
    doc = small_plan(tasks=1)
    doc["tasks"][0]["deadline_parsed"] = {"kind": "quarter", "quarter": 1, "due": "2026-03-31"}

    task = load(doc).tasks.get()

    assert task.deadline_kind == DeadlineKind.QUARTER
    assert task.deadline_due.isoformat() == "2026-03-31"


def test_subnumbered_task_points_at_its_parent() -> None:
    doc = small_plan(tasks=1)
    doc["tasks"].append({**copy.deepcopy(doc["tasks"][0]), "code": "1.1", "name": "Nhiệm vụ con"})

    plan = load(doc)

    assert plan.tasks.get(code="1.1").parent == plan.tasks.get(code="1")


def test_search_key_is_diacritic_free() -> None:
    task = load(small_plan(tasks=1)).tasks.get()

    assert "nhiem vu so 1" in task.search_key
    assert "so khoa hoc va cong nghe" in task.search_key


def test_unknown_province_is_refused_naming_the_field_and_writing_nothing() -> None:
    before = counts()

    with pytest.raises(PlanFormatError) as e:
        load(small_plan(province="Xứ Sở Thần Tiên"))

    assert e.value.path == "document.province"
    assert counts() == before


def test_too_long_agency_name_is_refused_naming_the_row() -> None:
    doc = small_plan(tasks=3)
    doc["tasks"][2]["support"] = ["x" * 600]

    with pytest.raises(PlanFormatError) as e:
        load(doc)

    assert e.value.path == "tasks[2].support[0]"
    assert counts()[0] == 0


def test_failure_midway_leaves_nothing_half_written(monkeypatch: pytest.MonkeyPatch) -> None:
    before = counts()

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_indicators_sync", broken)

    with pytest.raises(RuntimeError):
        load(small_plan())

    assert counts() == before
    assert not AuditEvent.objects.exists()


def test_document_without_a_province_belongs_to_the_country() -> None:
    doc = small_plan(number="03/NQ-CP")
    doc["document"]["province"] = None

    plan = load(doc)

    assert plan.unit == AdministrativeUnit.objects.get(code="vn")
    assert plan.level == "central"
    assert plan.kind == "NQ-CP"


def test_printed_deadline_gets_a_due_date_without_a_parse_in_the_file() -> None:
    doc = small_plan(tasks=1)  # deadline "12/2025", no deadline_parsed

    plan = load(doc)

    task = plan.tasks.get()
    assert (task.deadline_kind, task.deadline_due.isoformat()) == (DeadlineKind.MONTH, "2025-12-31")
    assert exported(plan) == doc  # the computed parse is not exported as if printed


def _user(username: str, role: str, unit_code: str | None = None) -> Any:
    from django.contrib.auth import get_user_model

    from theodoi.accounts.models import Profile

    user = get_user_model().objects.create(username=username)
    unit = AdministrativeUnit.objects.get(code=unit_code) if unit_code else None
    Profile.objects.create(user=user, role=role, unit=unit)
    return user


def test_coordinator_imports_a_plan_of_the_province_merged_into_theirs() -> None:
    coordinator = _user("dieuphoi", "coordinator", "gia-lai")

    plan = load(gold("003"), actor=coordinator)

    assert plan.unit.code == "binh-dinh"
    assert AuditEvent.objects.get(action="plan.import").actor == coordinator


def test_coordinator_of_another_province_may_not_import() -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match="tỉnh Bình Định"):
        load(gold("003"), actor=_user("khac", "coordinator", "quang-tri"))

    assert counts()[0] == 0


def test_leader_may_not_import() -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        load(small_plan(), actor=_user("lanhdao", "leader", "gia-lai"))


def test_reimport_summary_counts_what_changed() -> None:
    doc = small_plan(tasks=3)
    plan = load(doc)
    doc["tasks"][0]["support"] = ["Sở Nội vụ"]
    doc["tasks"].pop()

    load(doc)

    after = AuditEvent.objects.filter(action="plan.import", object_id=str(plan.pk)).first().after
    assert after["changes"]["tasks"] == {"created": 0, "updated": 1, "deleted": 1}
    assert after["changes"]["indicators"] == {"created": 0, "updated": 0, "deleted": 0}


def test_report_recipient_links_to_a_known_agency_and_creates_none() -> None:
    doc = small_plan()
    doc["document"]["reporting"].append(
        {"cadence": "ad_hoc", "due": None, "to": "UBND tỉnh, Chủ tịch UBND tỉnh"}
    )

    plan = load(doc)

    duties = list(plan.reporting_duties.order_by("position"))
    assert duties[0].recipient.name == "Sở Khoa học và Công nghệ"
    assert duties[1].recipient is None
    assert not Agency.objects.filter(name__startswith="UBND").exists()
