"""Progress reporting writes: the report lifecycle, validation, permissions, conflicts, amendments."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from theodoi.core.models import AuditEvent
from theodoi.directory.models import Agency
from theodoi.plans.models import AgencyRole, Plan, Task, TaskAgency
from theodoi.tracking import services
from theodoi.tracking.models import (
    Amendment,
    AmendmentStatus,
    ChaseUp,
    Evidence,
    IndicatorValue,
    Notification,
    NotificationKind,
    PartnerContribution,
    ProgressReport,
    ReportStatus,
    TaskUpdate,
)
from theodoi.tracking.selectors import report_get_for_user, task_history
from theodoi.tracking.services.errors import InvalidTransition, ReportConflict, TrackingError

pytestmark = pytest.mark.django_db


def _fill(report: ProgressReport, actor: Any, task: Task, **fields: Any) -> ProgressReport:
    row = {"status": "in_progress", "percent": 40, "done_text": "Đã ban hành kế hoạch tuyên truyền", **fields}
    return services.report_save_draft(
        report=report, actor=actor, version=report.version, data={"tasks": {task.pk: row}}
    )


# --- opening and saving --------------------------------------------------------------------


def test_opening_a_period_creates_one_draft_with_the_plans_due_moment(report_a: ProgressReport) -> None:
    assert report_a.status == ReportStatus.DRAFT
    assert report_a.due_at == dt.datetime(2025, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert (report_a.period_start, report_a.period_end) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    assert AuditEvent.objects.filter(action="report.create", object_id=str(report_a.pk)).count() == 1


def test_opening_the_same_period_again_returns_the_same_report(
    report_a: ProgressReport, reporter_a: Any, agencies: dict[str, Agency], duties_a: Plan
) -> None:
    again = services.report_get_or_create_draft(
        actor=reporter_a, agency=agencies["science_a"], plan=duties_a, cadence="quarterly", period="2025-Q3"
    )

    assert again.pk == report_a.pk


def test_a_cadence_the_plan_does_not_report_on_is_refused(
    reporter_a: Any, agencies: dict[str, Agency], duties_a: Plan
) -> None:
    with pytest.raises(TrackingError, match="không quy định"):
        services.report_get_or_create_draft(
            actor=reporter_a, agency=agencies["science_a"], plan=duties_a, cadence="weekly", period="2025-W28"
        )


def test_saving_a_draft_keeps_what_was_typed_and_bumps_the_version(
    report_a: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    saved = _fill(report_a, reporter_a, task_1, evidence_number="123/KH-SKHCN", evidence_date="15/07/2025")

    row = TaskUpdate.objects.get(report=saved, task=task_1)
    assert (row.status, row.percent, row.evidence_date) == ("in_progress", 40, dt.date(2025, 7, 15))
    assert saved.version == report_a.version + 1
    assert saved.status == ReportStatus.DRAFT


def test_saving_records_before_and_after_in_the_audit_trail(
    report_a: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    saved = _fill(report_a, reporter_a, task_1)
    _fill(saved, reporter_a, task_1, percent=60)

    event = AuditEvent.objects.filter(action="report.save_draft", object_id=str(report_a.pk)).first()
    assert event.before == {"tasks": {str(task_1.pk): {"percent": 40}}, "indicators": {}}
    assert event.after == {"tasks": {str(task_1.pk): {"percent": 60}}, "indicators": {}}
    assert event.actor == reporter_a


def test_indicator_values_are_read_the_vietnamese_way(
    report_a: ProgressReport, reporter_a: Any, indicator_online: Any
) -> None:
    services.report_save_draft(
        report=report_a,
        actor=reporter_a,
        version=report_a.version,
        data={
            "indicators": {
                indicator_online.pk: {"value": "72,5", "note": "Số liệu tháng 8", "source": "Cổng DVC"}
            }
        },
    )

    value = IndicatorValue.objects.get(report=report_a, indicator=indicator_online)
    assert (value.number, value.source, value.value_display) == (72.5, "Cổng DVC", "72,5")


# --- bad input -----------------------------------------------------------------------------


def test_a_percent_of_140_is_refused_with_a_vietnamese_message_on_the_field(
    report_a: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    with pytest.raises(ValidationError) as caught:
        _fill(report_a, reporter_a, task_1, percent="140")

    messages = caught.value.message_dict
    assert list(messages) == [f"tasks.{task_1.pk}.percent"]
    assert "từ 0 đến 100" in messages[f"tasks.{task_1.pk}.percent"][0]
    assert not TaskUpdate.objects.filter(report=report_a).exists()
    assert ProgressReport.objects.get(pk=report_a.pk).version == report_a.version


def test_an_evidence_date_in_the_future_is_refused(
    report_a: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    with pytest.raises(ValidationError) as caught:
        _fill(report_a, reporter_a, task_1, evidence_date=tomorrow.strftime("%d/%m/%Y"))

    assert "không được sau hôm nay" in caught.value.message_dict[f"tasks.{task_1.pk}.evidence_date"][0]


def test_a_word_where_a_number_is_expected_is_refused(
    report_a: ProgressReport, reporter_a: Any, indicator_online: Any
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.report_save_draft(
            report=report_a,
            actor=reporter_a,
            version=report_a.version,
            data={"indicators": {indicator_online.pk: {"value": "khoảng tám mươi"}}},
        )

    assert "phải là một số" in caught.value.message_dict[f"indicators.{indicator_online.pk}.value"][0]


def test_every_bad_field_is_reported_at_once(report_a: ProgressReport, reporter_a: Any, task_1: Task) -> None:
    with pytest.raises(ValidationError) as caught:
        _fill(report_a, reporter_a, task_1, percent=-5, evidence_link="không phải đường dẫn", status="xong")

    assert set(caught.value.message_dict) == {
        f"tasks.{task_1.pk}.percent",
        f"tasks.{task_1.pk}.evidence_link",
        f"tasks.{task_1.pk}.status",
    }


def test_a_task_the_agency_does_not_lead_cannot_be_written(
    report_a: ProgressReport, reporter_a: Any, plan_a: Plan
) -> None:
    other = plan_a.tasks.get(code="2")  # led by the radio station

    with pytest.raises(ValidationError) as caught:
        _fill(report_a, reporter_a, other)

    assert f"tasks.{other.pk}" in caught.value.message_dict


def test_a_pdf_that_is_not_a_pdf_is_refused(report_a: ProgressReport, reporter_a: Any, task_1: Task) -> None:
    fake = SimpleUploadedFile(
        "bien-ban.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf"
    )

    with pytest.raises(ValidationError) as caught:
        services.evidence_attach(actor=reporter_a, report=report_a, upload=fake, task=task_1)

    assert "không đúng định dạng" in caught.value.message_dict[f"tasks.{task_1.pk}.evidence_file"][0]
    assert not Evidence.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    settings: Any, report_a: ProgressReport, reporter_a: Any
) -> None:
    settings.TRACKING_EVIDENCE_MAX_BYTES = 1024
    big = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.7\n" + b"0" * 2048)

    with pytest.raises(ValidationError, match="lớn quá"):
        services.evidence_attach(actor=reporter_a, report=report_a, upload=big)


def test_a_real_pdf_is_attached_and_can_be_removed_without_deleting_it(
    report_a: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    pdf = SimpleUploadedFile("quyet dinh 12.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n")

    evidence = services.evidence_attach(actor=reporter_a, report=report_a, upload=pdf, task=task_1)
    services.evidence_remove(actor=reporter_a, evidence=evidence)

    row = Evidence.objects.get(pk=evidence.pk)
    assert (row.content_type, row.file_name) == ("application/pdf", "quyet_dinh_12.pdf")
    assert row.removed_at is not None


# --- conflicts -----------------------------------------------------------------------------


def test_a_stale_version_is_refused_and_nothing_is_overwritten(
    report_a: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    opened_at = report_a.version
    _fill(report_a, reporter_a, task_1, percent=50)  # a colleague saves first

    with pytest.raises(ReportConflict) as caught:
        services.report_save_draft(
            report=report_a, actor=reporter_a, version=opened_at, data={"tasks": {task_1.pk: {"percent": 10}}}
        )

    assert caught.value.current_version == opened_at + 1
    assert TaskUpdate.objects.get(report=report_a, task=task_1).percent == 50


# --- the lifecycle -------------------------------------------------------------------------


def test_report_return_fix_resubmit_accept(
    report_a: ProgressReport, reporter_a: Any, coordinator_a: Any, task_1: Task
) -> None:
    report = _fill(report_a, reporter_a, task_1)
    report = services.report_submit(report=report, actor=reporter_a, version=report.version)
    assert report.status == ReportStatus.SUBMITTED
    first_sent = report.submitted_at

    report = services.report_return(
        report=report, actor=coordinator_a, comment="Thiếu số văn bản minh chứng."
    )
    assert (report.status, report.return_comment) == (ReportStatus.RETURNED, "Thiếu số văn bản minh chứng.")

    report = _fill(report, reporter_a, task_1, evidence_number="45/KH-SKHCN", evidence_date="01/08/2025")
    report = services.report_submit(report=report, actor=reporter_a, version=report.version)
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_at == first_sent  # lateness counts from the first submission

    report = services.report_accept(report=report, actor=coordinator_a)
    assert (report.status, report.reviewed_by) == (ReportStatus.ACCEPTED, coordinator_a)
    actions = list(
        AuditEvent.objects.filter(object_type="tracking.progressreport", object_id=str(report.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "report.create",
        "report.save_draft",
        "report.submit",
        "report.return",
        "report.save_draft",
        "report.resubmit",
        "report.accept",
    ]


def test_the_agency_sees_why_its_report_was_returned(
    report_a: ProgressReport, reporter_a: Any, coordinator_a: Any, task_1: Task
) -> None:
    report = _fill(report_a, reporter_a, task_1)
    report = services.report_submit(report=report, actor=reporter_a, version=report.version)

    services.report_return(report=report, actor=coordinator_a, comment="Bổ sung khó khăn, vướng mắc.")

    note = Notification.objects.get(user=reporter_a, kind=NotificationKind.REVIEWED)
    assert note.title == "Báo cáo Quý III/2025 bị trả lại"
    assert note.body == "Lý do: Bổ sung khó khăn, vướng mắc."


def test_returning_without_a_reason_is_refused(
    report_a: ProgressReport, reporter_a: Any, coordinator_a: Any, task_1: Task
) -> None:
    report = _fill(report_a, reporter_a, task_1)
    report = services.report_submit(report=report, actor=reporter_a, version=report.version)

    with pytest.raises(ValidationError) as caught:
        services.report_return(report=report, actor=coordinator_a, comment="  ")

    assert "return_comment" in caught.value.message_dict


def test_a_report_cannot_be_submitted_with_a_task_unreported(
    report_a: ProgressReport, reporter_a: Any, task_1: Task
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.report_submit(report=report_a, actor=reporter_a, version=report_a.version)

    assert f"tasks.{task_1.pk}.status" in caught.value.message_dict


def test_a_submitted_report_cannot_be_edited(report_a: ProgressReport, reporter_a: Any, task_1: Task) -> None:
    report = _fill(report_a, reporter_a, task_1)
    report = services.report_submit(report=report, actor=reporter_a, version=report.version)

    with pytest.raises(InvalidTransition):
        _fill(report, reporter_a, task_1, percent=90)


def test_a_draft_cannot_be_accepted(report_a: ProgressReport, coordinator_a: Any) -> None:
    with pytest.raises(InvalidTransition):
        services.report_accept(report=report_a, actor=coordinator_a)


# --- permissions ---------------------------------------------------------------------------


def test_a_reporter_of_another_agency_can_neither_read_nor_write_the_report(
    report_a: ProgressReport, reporter_finance_a: Any, reporter_b: Any, task_1: Task
) -> None:
    for stranger in (reporter_finance_a, reporter_b):
        with pytest.raises(PermissionDenied):
            report_get_for_user(user=stranger, pk=report_a.pk)
        with pytest.raises(PermissionDenied):
            _fill(report_a, stranger, task_1)
        with pytest.raises(PermissionDenied):
            services.report_submit(report=report_a, actor=stranger, version=report_a.version)


def test_a_reporter_cannot_open_a_report_for_another_agency(
    reporter_b: Any, agencies: dict[str, Agency], duties_a: Plan
) -> None:
    with pytest.raises(PermissionDenied):
        services.report_get_or_create_draft(
            actor=reporter_b,
            agency=agencies["science_a"],
            plan=duties_a,
            cadence="quarterly",
            period="2025-Q3",
        )


def test_only_the_coordinator_of_the_plans_province_reviews(
    report_a: ProgressReport, reporter_a: Any, coordinator_b: Any, leader_a: Any, central: Any, task_1: Task
) -> None:
    report = _fill(report_a, reporter_a, task_1)
    report = services.report_submit(report=report, actor=reporter_a, version=report.version)

    for reader in (coordinator_b, leader_a, central, reporter_a):
        with pytest.raises(PermissionDenied):
            services.report_accept(report=report, actor=reader)


def test_readers_of_the_province_and_the_centre_may_read_but_not_write(
    report_a: ProgressReport,
    leader_a: Any,
    central: Any,
    coordinator_a: Any,
    coordinator_b: Any,
    outsider: Any,
    task_1: Task,
) -> None:
    for reader in (leader_a, central, coordinator_a):
        assert report_get_for_user(user=reader, pk=report_a.pk) == report_a
        with pytest.raises(PermissionDenied):
            _fill(report_a, reader, task_1)
    for stranger in (coordinator_b, outsider):
        with pytest.raises(PermissionDenied):
            report_get_for_user(user=stranger, pk=report_a.pk)


# --- partners ------------------------------------------------------------------------------


def test_a_partner_adds_its_contribution_and_a_stale_one_is_refused(
    reporter_finance_a: Any, task_1: Task
) -> None:
    first = services.contribution_save(
        actor=reporter_finance_a, task=task_1, period="2025-Q3", text="Bố trí kinh phí"
    )
    second = services.contribution_save(
        actor=reporter_finance_a,
        task=task_1,
        period="2025-Q3",
        text="Bố trí 2 tỷ đồng",
        version=first.version,
    )

    assert (second.text, second.version) == ("Bố trí 2 tỷ đồng", 2)
    with pytest.raises(ReportConflict):
        services.contribution_save(
            actor=reporter_finance_a, task=task_1, period="2025-Q3", text="x", version=1
        )
    assert PartnerContribution.objects.count() == 1


def test_an_agency_that_does_not_partner_cannot_contribute(reporter_b: Any, task_1: Task) -> None:
    with pytest.raises(PermissionDenied):
        services.contribution_save(actor=reporter_b, task=task_1, period="2025-Q3", text="...")


# --- chase-ups -----------------------------------------------------------------------------


def test_chasing_up_all_late_agencies_reaches_those_without_a_submitted_report(
    duties_a: Plan,
    coordinator_a: Any,
    reporter_a: Any,
    reporter_finance_a: Any,
    task_1: Task,
    report_a: ProgressReport,
) -> None:
    report = _fill(report_a, reporter_a, task_1)
    services.report_submit(report=report, actor=reporter_a, version=report.version)
    at = dt.datetime(2025, 9, 20, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))

    sent = services.chase_up_send(
        actor=coordinator_a, plan=duties_a, cadence="quarterly", period="2025-Q3", all_late=True, at=at
    )

    # Science (submitted) is not chased; finance (monitors an indicator) and the radio station (leads task 2) are.
    assert sorted(c.agency.name for c in sent) == ["Sở Tài chính", "Đài Phát thanh và Truyền hình tỉnh"]
    assert Notification.objects.filter(user=reporter_finance_a, kind=NotificationKind.CHASE_UP).count() == 1
    assert AuditEvent.objects.filter(action="chase_up.send").count() == 2


def test_chasing_one_agency(duties_a: Plan, coordinator_a: Any, agencies: dict[str, Agency]) -> None:
    sent = services.chase_up_send(
        actor=coordinator_a,
        plan=duties_a,
        cadence="quarterly",
        period="2025-Q3",
        agencies=[agencies["radio_a"]],
    )

    assert [c.agency for c in sent] == [agencies["radio_a"]]
    assert ChaseUp.objects.get().message.startswith("Đề nghị quý cơ quan gửi báo cáo Quý III/2025")


def test_a_coordinator_of_another_province_cannot_chase(
    duties_a: Plan, coordinator_b: Any, agencies: dict[str, Agency]
) -> None:
    with pytest.raises(PermissionDenied):
        services.chase_up_send(
            actor=coordinator_b,
            plan=duties_a,
            cadence="quarterly",
            period="2025-Q3",
            agencies=[agencies["radio_a"]],
        )


# --- amendments ----------------------------------------------------------------------------


def test_an_approved_amendment_changes_the_deadline_with_its_history_kept(
    reporter_a: Any, coordinator_a: Any, task_1: Task
) -> None:
    amendment = services.amendment_propose(
        actor=reporter_a, task=task_1, changes={"deadline_text": "Quý I/2026"}, reason="Chờ hướng dẫn của Bộ"
    )

    services.amendment_approve(actor=coordinator_a, amendment=amendment, comment="Đồng ý")

    task = Task.objects.get(pk=task_1.pk)
    assert (task.deadline_text, task.deadline_kind, task.deadline_due) == (
        "Quý I/2026",
        "quarter",
        dt.date(2026, 3, 31),
    )
    event = AuditEvent.objects.get(action="task.amend", object_id=str(task.pk))
    assert (event.before["deadline_text"], event.after["deadline_text"]) == ("06/2025", "Quý I/2026")
    assert Amendment.objects.get(pk=amendment.pk).status == AmendmentStatus.APPROVED
    history = task_history(task=task)
    assert [e.action for e in history.events] == ["task.amend"]
    assert [a.before for a in history.amendments] == [{"deadline_text": "06/2025"}]


def test_a_rejected_amendment_changes_nothing_and_says_why(
    reporter_a: Any, coordinator_a: Any, task_1: Task
) -> None:
    amendment = services.amendment_propose(actor=reporter_a, task=task_1, changes={"output": "Quyết định"})

    services.amendment_reject(actor=coordinator_a, amendment=amendment, comment="Giữ sản phẩm là Kế hoạch")

    assert Task.objects.get(pk=task_1.pk).output == "Kế hoạch"
    assert Amendment.objects.get(pk=amendment.pk).comment == "Giữ sản phẩm là Kế hoạch"


def test_an_amendment_of_the_lead_moves_the_task_without_deleting_a_mention(
    reporter_a: Any, coordinator_a: Any, task_1: Task, agencies: dict[str, Agency]
) -> None:
    amendment = services.amendment_propose(
        actor=reporter_a, task=task_1, changes={"lead_agency_id": agencies["finance_a"].pk}
    )
    mentions = TaskAgency.objects.filter(task=task_1).count()

    services.amendment_approve(actor=coordinator_a, amendment=amendment)

    lead = TaskAgency.objects.get(task=task_1, role=AgencyRole.LEAD)
    assert lead.agency == agencies["finance_a"]
    assert TaskAgency.objects.filter(task=task_1).count() == mentions


def test_an_unreadable_deadline_cannot_be_proposed(reporter_a: Any, task_1: Task) -> None:
    with pytest.raises(ValidationError) as caught:
        services.amendment_propose(
            actor=reporter_a, task=task_1, changes={"deadline_text": "sớm nhất có thể"}
        )

    assert "deadline_text" in caught.value.message_dict


def test_only_the_lead_agency_proposes_and_only_the_coordinator_decides(
    reporter_finance_a: Any, reporter_a: Any, task_1: Task, coordinator_b: Any
) -> None:
    with pytest.raises(PermissionDenied):
        services.amendment_propose(actor=reporter_finance_a, task=task_1, changes={"output": "Quyết định"})
    amendment = services.amendment_propose(actor=reporter_a, task=task_1, changes={"output": "Quyết định"})
    with pytest.raises(PermissionDenied):
        services.amendment_approve(actor=coordinator_b, amendment=amendment)
    with pytest.raises(PermissionDenied):
        services.amendment_approve(actor=reporter_a, amendment=amendment)


def test_a_decided_amendment_cannot_be_decided_again(
    reporter_a: Any, coordinator_a: Any, task_1: Task
) -> None:
    amendment = services.amendment_propose(actor=reporter_a, task=task_1, changes={"output": "Quyết định"})
    services.amendment_approve(actor=coordinator_a, amendment=amendment)

    with pytest.raises(InvalidTransition):
        services.amendment_reject(actor=coordinator_a, amendment=amendment, comment="nhầm")


# --- notifications -------------------------------------------------------------------------


def test_marking_read_touches_only_the_users_own_notifications(
    report_a: ProgressReport, reporter_a: Any, coordinator_a: Any, task_1: Task
) -> None:
    report = _fill(report_a, reporter_a, task_1)
    services.report_submit(report=report, actor=reporter_a, version=report.version)
    note = Notification.objects.get(user=coordinator_a)

    with pytest.raises(PermissionDenied):
        services.notification_mark_read(actor=reporter_a, notification=note)
    assert services.notification_mark_read(actor=coordinator_a, notification=note) == 1
