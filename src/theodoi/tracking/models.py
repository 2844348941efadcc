"""Progress reporting (báo cáo tiến độ): reports, their rows, chase-ups, amendments, notifications.

An agency owes one report per plan, cadence and period (the calendar says which, from the
plan's reporting duties). A report holds one ``TaskUpdate`` per task the agency leads and one
``IndicatorValue`` per indicator it monitors; partners add a ``PartnerContribution`` to the
task they partner on. ``version`` grows with every write, and a write names the version it
was made on, so two people editing one report never overwrite each other silently.

Nothing here is deleted outright: evidence files are marked removed, reports move through
statuses, and every change is in the audit trail (``theodoi.core``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from theodoi.directory.models import Agency
from theodoi.plans.models import Cadence, Indicator, Plan, Task


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi"
    ACCEPTED = "accepted", "Đã tiếp nhận"
    RETURNED = "returned", "Bị trả lại"


class ProgressReport(models.Model):
    """An agency's report on a plan for one period (báo cáo định kỳ)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="progress_reports")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="progress_reports")
    cadence = models.CharField(max_length=16, choices=Cadence.choices)
    period = models.CharField(max_length=16)  # "2025-W28", "2025-M07", "2025-Q3", "2025-H2", "2025"
    period_start = models.DateField()
    period_end = models.DateField()
    due_at = models.DateTimeField()  # from the plan's due rule, Asia/Ho_Chi_Minh
    status = models.CharField(max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    summary = models.TextField(blank=True)  # general remarks (đánh giá chung)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)  # the first submission, for lateness
    last_submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = models.TextField(blank=True)  # why the coordinator returned it (lý do trả lại)

    class Meta:
        ordering = ("-period_end", "plan_id", "agency_id", "cadence")
        indexes = (
            models.Index(fields=["plan", "cadence", "period"]),
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["status", "due_at"]),
        )
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "plan", "cadence", "period"], name="progress_report_one_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="progress_report_period_ordered",
            ),
        )
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"

    def __str__(self) -> str:
        return f"{self.agency} – {self.plan} – {self.period}"

    @property
    def is_editable(self) -> bool:
        """Tell whether the agency may still change the report (a draft, or returned to it)."""
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)

    def is_late(self, *, at: dt.datetime) -> bool:
        """Tell whether the report was (or, unsent, is by ``at``) later than its due moment."""
        sent = self.submitted_at
        return (sent or at) > self.due_at


class WorkStatus(models.TextChoices):
    """What the agency reports for a task (its own words); the five statuses are computed."""

    NOT_STARTED = "not_started", "Chưa triển khai"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"


class TaskUpdate(models.Model):
    """A report's row for one task the agency leads (kết quả thực hiện nhiệm vụ)."""

    # No index of its own: the unique (report, task) index serves every look-up by report, and
    # each of the tens of millions of rows inserted would keep a second one up to date.
    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="task_updates", db_index=False
    )
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="updates")
    status = models.CharField(max_length=16, choices=WorkStatus.choices, default=WorkStatus.NOT_STARTED)
    percent = models.PositiveSmallIntegerField(default=0)
    done_on = models.DateField(null=True, blank=True)  # the day it was finished, when done
    done_text = models.TextField(blank=True)  # kết quả đã thực hiện
    difficulties = models.TextField(blank=True)  # khó khăn, vướng mắc
    proposals = models.TextField(blank=True)  # đề xuất, kiến nghị
    evidence_number = models.CharField(max_length=100, blank=True)  # số văn bản
    evidence_date = models.DateField(null=True, blank=True)  # ngày văn bản
    evidence_link = models.URLField(max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("report_id", "task__position", "task_id")
        constraints = (
            models.UniqueConstraint(fields=["report", "task"], name="task_update_one_per_report"),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="task_update_percent_max_100"),
        )
        verbose_name = "kết quả thực hiện nhiệm vụ"
        verbose_name_plural = "kết quả thực hiện nhiệm vụ"

    def __str__(self) -> str:
        return f"{self.task} ({self.percent}%)"


def _evidence_upload_to(evidence: Evidence, filename: str) -> str:
    return f"evidence/{evidence.sha256[:2]}/{evidence.sha256[:16]}-{filename}"


class Evidence(models.Model):
    """A file attached to a report row as proof (tài liệu minh chứng); never deleted, only removed."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=_evidence_upload_to, max_length=400)
    file_name = models.CharField(max_length=255)  # the sender's name, sanitised
    content_type = models.CharField(max_length=100)  # from sniffing the content, not the sender
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("report_id", "uploaded_at", "id")
        verbose_name = "tài liệu minh chứng"
        verbose_name_plural = "tài liệu minh chứng"

    def __str__(self) -> str:
        return self.file_name


class PartnerContribution(models.Model):
    """What a partner agency (cơ quan phối hợp) did on a task in a period; the lead sees it."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="contributions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="contributions")
    period = models.CharField(max_length=16)  # the same keys as ProgressReport.period
    text = models.TextField()
    evidence_number = models.CharField(max_length=100, blank=True)
    evidence_date = models.DateField(null=True, blank=True)
    evidence_link = models.URLField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("task_id", "period", "agency_id")
        constraints = (
            models.UniqueConstraint(fields=["task", "agency", "period"], name="contribution_one_per_period"),
        )
        verbose_name = "đóng góp của cơ quan phối hợp"
        verbose_name_plural = "đóng góp của cơ quan phối hợp"

    def __str__(self) -> str:
        return f"{self.agency} → {self.task} ({self.period})"


class IndicatorValue(models.Model):
    """A value reported for an indicator the agency monitors: a number, yes/no, or text."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    number = models.FloatField(null=True, blank=True)
    boolean = models.BooleanField(null=True, blank=True)  # Có / Không
    text = models.TextField(blank=True)
    note = models.TextField(blank=True)
    source = models.CharField(max_length=500, blank=True)  # nguồn số liệu
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("report_id", "indicator__position", "indicator_id")
        constraints = (
            models.UniqueConstraint(fields=["report", "indicator"], name="indicator_value_one_per_report"),
        )
        verbose_name = "giá trị chỉ tiêu"
        verbose_name_plural = "giá trị chỉ tiêu"

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value_display}"

    @property
    def value(self) -> float | bool | None:
        if self.number is not None:
            return self.number
        return self.boolean

    @property
    def value_display(self) -> str:
        if self.number is not None:
            return f"{self.number:g}".replace(".", ",")
        if self.boolean is not None:
            return "Có" if self.boolean else "Không"
        return self.text


class ChaseUp(models.Model):
    """A reminder the coordinator sent to an agency about a report (đôn đốc)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="chase_ups")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="chase_ups")
    cadence = models.CharField(max_length=16, choices=Cadence.choices)
    period = models.CharField(max_length=16)
    message = models.TextField(blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-sent_at", "-id")
        indexes = (models.Index(fields=["plan", "cadence", "period"]),)
        verbose_name = "đôn đốc"
        verbose_name_plural = "đôn đốc"

    def __str__(self) -> str:
        return f"Đôn đốc {self.agency} ({self.period})"


class NotificationKind(models.TextChoices):
    DUE = "due", "Sắp đến hạn báo cáo"
    OVERDUE = "overdue", "Quá hạn báo cáo"
    TASK_OVERDUE = "task_overdue", "Nhiệm vụ quá hạn"
    SUBMITTED = "submitted", "Báo cáo mới được gửi"
    REVIEWED = "reviewed", "Báo cáo được tiếp nhận hoặc trả lại"
    CHASE_UP = "chase_up", "Đôn đốc"
    AMENDMENT = "amendment", "Đề xuất điều chỉnh nhiệm vụ"


class Notification(models.Model):
    """A message to one user (thông báo): shown in the app if wanted, e-mailed if wanted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    in_app = models.BooleanField(default=True)
    email_wanted = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(null=True, blank=True)  # claimed by the sender, see services
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=["user", "read_at"]),)
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """Which channels a user wants for one kind of notification; no row means both."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    email = models.BooleanField(default=True)
    in_app = models.BooleanField(default=True)

    class Meta:
        ordering = ("user_id", "kind")
        constraints = (
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique"),
        )
        verbose_name = "tùy chọn nhận thông báo"
        verbose_name_plural = "tùy chọn nhận thông báo"

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}"


class AmendmentStatus(models.TextChoices):
    PROPOSED = "proposed", "Đề xuất"
    APPROVED = "approved", "Đã phê duyệt"
    REJECTED = "rejected", "Không phê duyệt"


class Amendment(models.Model):
    """An agency's proposal to change one of its tasks (đề xuất điều chỉnh nhiệm vụ).

    ``changes`` holds the proposed values by field ("deadline_text", "output", "lead_agency_id");
    ``before`` the task's values when proposed, so the history reads without the audit trail.
    """

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="amendments")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="amendments")
    changes = models.JSONField()
    before = models.JSONField(default=dict)
    reason = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=AmendmentStatus.choices, default=AmendmentStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ("-proposed_at", "-id")
        indexes = (models.Index(fields=["status", "proposed_at"]),)
        verbose_name = "đề xuất điều chỉnh"
        verbose_name_plural = "đề xuất điều chỉnh"

    def __str__(self) -> str:
        return f"Điều chỉnh {self.task} ({self.get_status_display()})"


class ReminderLog(models.Model):
    """One reminder to one user, keyed so that a job running twice sends it once.

    The job inserts the row (a duplicate key is ignored), then claims it with a conditional
    UPDATE on ``sent_at IS NULL``: only the run that changes the row sends.
    """

    key = models.CharField(max_length=200)  # "due:<plan>:<agency>:<cadence>:<period>"
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = (models.UniqueConstraint(fields=["key", "user"], name="reminder_once_per_user"),)
        verbose_name = "nhật ký nhắc việc"
        verbose_name_plural = "nhật ký nhắc việc"

    def __str__(self) -> str:
        return f"{self.key} → {self.user_id}"


class TaskProgress(models.Model):
    """A task's current progress (tiến độ hiện tại): its latest counted update, one row per task.

    What the dashboards, scorecards and the national view count with GROUP BY instead of
    judging every task's updates on every request. Written by ``tracking.progress`` in the
    same transaction as what changes it (report submitted, accepted, returned; a plan
    published with its carried-over tasks; a task's deadline amended) and rebuilt from the
    updates every night and by ``theodoi rebuild-task-progress``.

    The lead agency is not copied here: a task may have several leads (chủ trì) and each is
    counted (by-agency tables, scorecards), so the per-agency GROUP BY joins ``TaskAgency``
    on the task instead; one column would count only the first lead.

    The update columns are the latest update of a submitted or accepted report whose period
    had begun when the row was written, searched over the task and the tasks it carries on
    from (``Task.carried_from``). The deadline columns are ``rules.deadline_basis``: with them
    ``progress.status_at`` judges the status in SQL for any day, so a deadline passing needs
    no write. ``status`` is the judgement on ``judged_on``, the day the row was written.
    Derived data: rows are replaced, never audited on their own (what changed them is).
    """

    task = models.OneToOneField(Task, primary_key=True, on_delete=models.CASCADE, related_name="progress")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey(
        "directory.AdministrativeUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # the plan's province in force (after the 2025 mergers); None for national plans
    deadline_due = models.DateField(null=True, blank=True)
    per_period = models.BooleanField(default=False)
    continues = models.BooleanField(default=False)
    cadence = models.CharField(max_length=16)
    update = models.ForeignKey(TaskUpdate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    work_status = models.CharField(max_length=16, blank=True)  # WorkStatus; "" when nothing was reported
    percent = models.PositiveSmallIntegerField(default=0)
    done_on = models.DateField(null=True, blank=True)  # the day counted as done: reported, else sent
    report_period = models.CharField(max_length=16, blank=True)
    report_period_start = models.DateField(null=True, blank=True)
    report_period_end = models.DateField(null=True, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)  # the report's last submission
    status = models.CharField(max_length=24)  # rules.TaskStatus on judged_on
    judged_on = models.DateField()

    class Meta:
        ordering = ("plan_id", "task_id")
        indexes = (
            models.Index(fields=["plan", "deadline_due"], name="task_progress_plan_due"),
            models.Index(fields=["province", "plan"], name="task_progress_province"),
        )
        verbose_name = "tiến độ hiện tại của nhiệm vụ"
        verbose_name_plural = "tiến độ hiện tại của nhiệm vụ"

    def __str__(self) -> str:
        return f"{self.task_id}: {self.status} ({self.percent}%)"


class IndicatorProgress(models.Model):
    """An indicator's current standing (chỉ tiêu: đạt, đúng tiến độ, chậm), one row per indicator row.

    What the dashboards, the national view and the public page count with GROUP BY instead
    of judging every indicator's values on every request. Written by ``tracking.standings``
    in the same transaction as what changes it (a report with values submitted, accepted,
    returned; a plan imported) and rebuilt every night with the task progress.

    The rows of a plan with the same name and unit are one indicator set for several
    horizons: each holds the set's figures, and ``judged`` marks the row whose target the set
    is judged against on ``judged_on`` (the first horizon not yet past) — the one readers
    count. Derived data: rows are replaced, never audited on their own.
    """

    indicator = models.OneToOneField(
        Indicator, primary_key=True, on_delete=models.CASCADE, related_name="progress"
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey(
        "directory.AdministrativeUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # the plan's province in force (after the 2025 mergers); None for national plans
    judged = models.BooleanField(default=False)
    standing = models.CharField(max_length=16)  # standings.Standing
    trend = models.CharField(max_length=16)  # rules.Trend
    latest_number = models.FloatField(null=True, blank=True)
    latest_boolean = models.BooleanField(null=True, blank=True)
    latest_on = models.DateField(null=True, blank=True)  # the end of the period it was stated for
    series = models.JSONField(default=list)  # [[quarter label, last number stated in it], ...]
    monitor_ids = models.JSONField(default=list)  # agencies monitoring any row of the set
    judged_on = models.DateField()

    class Meta:
        ordering = ("plan_id", "indicator_id")
        indexes = (
            models.Index(fields=["plan", "judged"], name="indicator_progress_plan"),
            models.Index(fields=["province", "judged"], name="indicator_progress_province"),
        )
        verbose_name = "tình hình hiện tại của chỉ tiêu"
        verbose_name_plural = "tình hình hiện tại của chỉ tiêu"

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.standing}"


class ReportObligation(models.Model):
    """A report an agency owes on a plan, due in a built quarter, and whether it was sent.

    Materialised from the calendar (``tracking.obligations``) so that reporting compliance
    (chấp hành chế độ báo cáo) is counted with GROUP BY: ``sent`` and ``submitted_at`` follow
    the counted (submitted or accepted) report of the same plan, agency, cadence and period.
    Derived data: rows are replaced, never audited on their own.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey(
        "directory.AdministrativeUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # the plan's province in force (after the 2025 mergers)
    cadence = models.CharField(max_length=16, choices=Cadence.choices)
    period = models.CharField(max_length=16)
    due_at = models.DateTimeField()
    quarter = models.CharField(max_length=8)  # the quarter holding the due day (local time): "2026-Q4"
    sent = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)  # the counted report's first sending

    class Meta:
        ordering = ("quarter", "plan_id", "agency_id", "due_at")
        constraints = (
            models.UniqueConstraint(
                fields=["plan", "agency", "cadence", "period"], name="report_obligation_once"
            ),
        )
        indexes = (models.Index(fields=["quarter", "province"], name="report_obligation_quarter"),)
        verbose_name = "báo cáo phải gửi"
        verbose_name_plural = "báo cáo phải gửi"

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.agency_id} {self.period}: {'đã gửi' if self.sent else 'chưa gửi'}"


class ObligationQuarter(models.Model):
    """A quarter whose ``ReportObligation`` rows are built: the pages read it from the table."""

    key = models.CharField(max_length=8, primary_key=True)  # "2026-Q4"
    built_at = models.DateTimeField()

    class Meta:
        ordering = ("key",)
        verbose_name = "quý đã lập danh sách báo cáo phải gửi"
        verbose_name_plural = "quý đã lập danh sách báo cáo phải gửi"

    def __str__(self) -> str:
        return self.key
