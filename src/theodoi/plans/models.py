"""Plans and what they hold: sections, tasks, indicators and reporting duties.

A plan is stored as extracted and reviewed, printed text beside parsed form: a task keeps
the deadline as printed and its parsed kind and due date; an indicator keeps the target as
printed and its op/value/value_max; an agency mention keeps the printed name beside the
agency it resolved to, so that an export gives back what the document printed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from theodoi.directory.models import AdministrativeUnit, Agency


class PlanLevel(models.TextChoices):
    CENTRAL = "central", "Trung ương"
    PROVINCE = "province", "Tỉnh"
    AGENCY = "agency", "Sở, ban, ngành"
    COMMUNE = "commune", "Xã, phường"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ACTIVE = "active", "Đang hiệu lực"
    SUPERSEDED = "superseded", "Đã được thay thế"


class Plan(models.Model):
    """An implementation plan or programme (kế hoạch, chương trình)."""

    number = models.CharField(max_length=64, blank=True)  # "103/KH-UBND", as printed, no spaces
    kind = models.CharField(max_length=32, blank=True)  # "KH-UBND", "KH/TU", "CTr/TU"
    issuer = models.CharField(max_length=300, blank=True)  # cơ quan ban hành, as printed
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="plans")
    province_text = models.CharField(max_length=200, blank=True)  # the province as printed
    level = models.CharField(max_length=16, choices=PlanLevel.choices, default=PlanLevel.PROVINCE)
    date = models.DateField(null=True, blank=True)  # ngày ký
    title = models.TextField(blank=True)
    signer = models.CharField(max_length=200, blank=True)  # người ký
    status = models.CharField(max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    source_file = models.CharField(max_length=300, blank=True)  # name of the document it came from
    source_hash = models.CharField(max_length=64, blank=True, db_index=True)  # sha256 of the document
    source_text = models.TextField(blank=True)  # the restored text, for review and retraining
    extraction = models.JSONField(default=dict, blank=True)  # {"warnings": [...], "provenance": {...}}
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-date", "number", "id")
        indexes = (models.Index(fields=["unit", "status"]), models.Index(fields=["number"]))
        constraints = (
            # One plan per number in a unit: re-importing a document updates it in place.
            models.UniqueConstraint(
                fields=["unit", "number"], condition=~models.Q(number=""), name="plan_unique_number_in_unit"
            ),
        )
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"

    def __str__(self) -> str:
        return self.number or f"Kế hoạch #{self.pk}"


class ReferenceRelation(models.TextChoices):
    IMPLEMENTS = "implements", "Thực hiện"
    SUPERSEDES = "supersedes", "Thay thế"


class PlanReference(models.Model):
    """A document the plan carries out or replaces, linked when it is in the database."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="references")
    relation = models.CharField(max_length=16, choices=ReferenceRelation.choices)
    number = models.CharField(max_length=64)  # as printed: "57-NQ/TW"
    target = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="referenced_by"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("plan_id", "relation", "position")
        constraints = (
            models.UniqueConstraint(fields=["plan", "relation", "number"], name="plan_reference_unique"),
        )
        verbose_name = "văn bản liên quan"
        verbose_name_plural = "văn bản liên quan"

    def __str__(self) -> str:
        return f"{self.get_relation_display()} {self.number}"


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "Hằng tuần"
    MONTHLY = "monthly", "Hằng tháng"
    QUARTERLY = "quarterly", "Hằng quý"
    SEMIANNUAL = "semiannual", "6 tháng"
    ANNUAL = "annual", "Hằng năm"
    AD_HOC = "ad_hoc", "Đột xuất"


class ReportingDuty(models.Model):
    """A reporting duty the plan sets (chế độ báo cáo): how often, by when, to whom."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_duties")
    cadence = models.CharField(max_length=16, choices=Cadence.choices)
    due_text = models.CharField(max_length=300, blank=True)  # "trước ngày 15 của tháng"
    recipient_text = models.CharField(max_length=300, blank=True)  # as printed
    recipient = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveIntegerField(default=0)
    source_lines = models.JSONField(default=list, blank=True)
    confidence = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("plan_id", "position", "id")
        verbose_name = "chế độ báo cáo"
        verbose_name_plural = "chế độ báo cáo"

    def __str__(self) -> str:
        return f"{self.get_cadence_display()} {self.due_text}".strip()


class Section(models.Model):
    """A group of the task table (I, II, ...)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(max_length=16)
    title = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("plan_id", "position", "id")
        constraints = (models.UniqueConstraint(fields=["plan", "code"], name="section_unique_code_in_plan"),)
        verbose_name = "nhóm nhiệm vụ"
        verbose_name_plural = "nhóm nhiệm vụ"

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class DeadlineKind(models.TextChoices):
    """Forms of "thời gian hoàn thành" found in plans."""

    DATE = "date", "Ngày"
    MONTH = "month", "Tháng"
    QUARTER = "quarter", "Quý"
    YEAR = "year", "Năm"
    YEAR_RANGE = "range", "Giai đoạn"
    RECURRING = "recurring", "Định kỳ"
    CONTINUOUS = "continuous", "Thường xuyên"
    EVENT = "event", "Theo sự kiện"
    UNKNOWN = "unknown", "Chưa xác định"


class Task(models.Model):
    """A task of a plan (nhiệm vụ)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    section_code = models.CharField(max_length=16, blank=True)  # as printed, even with no Section row
    code = models.CharField(max_length=32, blank=True)  # TT as printed: "1", "39.12"
    name = models.TextField()
    output = models.TextField(blank=True)  # kết quả, sản phẩm
    deadline_text = models.CharField(max_length=300, blank=True)  # as printed
    deadline_kind = models.CharField(
        max_length=16, choices=DeadlineKind.choices, default=DeadlineKind.UNKNOWN
    )
    deadline_due = models.DateField(null=True, blank=True, db_index=True)  # last day to finish, if any
    deadline_parsed = models.JSONField(null=True, blank=True)  # full parsed form (cadence, years...)
    position = models.PositiveIntegerField(default=0)
    search_key = models.TextField(blank=True)  # fold() of name, output, agencies: diacritic-free search
    source_lines = models.JSONField(default=list, blank=True)
    confidence = models.JSONField(default=dict, blank=True)
    agencies = models.ManyToManyField(Agency, through="TaskAgency", related_name="tasks")
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )  # the task of the superseded plan this one continues; progress history follows the chain

    class Meta:
        ordering = ("plan_id", "position", "id")
        indexes = (models.Index(fields=["plan", "section", "position"]),)
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"

    def __str__(self) -> str:
        return f"{self.code}. {self.name[:80]}"


class AgencyRole(models.TextChoices):
    LEAD = "lead", "Chủ trì"
    PARTNER = "partner", "Phối hợp"


class TaskAgency(models.Model):
    """An agency named on a task, as lead (chủ trì) or partner (phối hợp), as printed."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="task_assignments")
    role = models.CharField(max_length=8, choices=AgencyRole.choices)
    printed_name = models.CharField(max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("task_id", "role", "position")
        indexes = (models.Index(fields=["agency", "role"]),)
        verbose_name = "cơ quan thực hiện nhiệm vụ"
        verbose_name_plural = "cơ quan thực hiện nhiệm vụ"

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.printed_name}"


class TargetOp(models.TextChoices):
    GE = ">=", "≥"
    LE = "<=", "≤"
    GT = ">", ">"
    LT = "<", "<"
    EQ = "=", "="
    RANGE = "range", "Khoảng"
    TEXT = "text", "Định tính"


class Indicator(models.Model):
    """A target of a plan (chỉ tiêu), for one horizon year."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    horizon = models.PositiveSmallIntegerField(null=True, blank=True)  # 2025, 2030 ...
    group = models.CharField(max_length=300, blank=True)
    code = models.CharField(max_length=32, blank=True)
    name = models.TextField()
    unit = models.CharField(max_length=100, blank=True)  # đơn vị tính
    target_text = models.TextField(blank=True)  # as printed: "≥ 80", "Có"
    op = models.CharField(max_length=8, choices=TargetOp.choices, default=TargetOp.TEXT)
    value = models.FloatField(null=True, blank=True)
    value_max = models.FloatField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    search_key = models.TextField(blank=True)
    source_lines = models.JSONField(default=list, blank=True)
    confidence = models.JSONField(default=dict, blank=True)
    agencies = models.ManyToManyField(Agency, through="IndicatorAgency", related_name="indicators")

    class Meta:
        ordering = ("plan_id", "position", "id")
        indexes = (models.Index(fields=["plan", "horizon", "position"]),)
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(op="range")
                | models.Q(value_max__isnull=True)
                | models.Q(value__lte=models.F("value_max")),
                name="indicator_range_ordered",
            ),
        )
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self) -> str:
        return f"{self.code or '-'}. {self.name[:80]}"


class IndicatorAgency(models.Model):
    """An agency that monitors and evaluates an indicator (cơ quan chủ trì theo dõi), as printed."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="assignments")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="indicator_assignments")
    printed_name = models.CharField(max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("indicator_id", "position")
        verbose_name = "cơ quan theo dõi chỉ tiêu"
        verbose_name_plural = "cơ quan theo dõi chỉ tiêu"

    def __str__(self) -> str:
        return self.printed_name


class DraftStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ trích xuất"
    EXTRACTING = "extracting", "Đang trích xuất"
    READY = "ready", "Sẵn sàng rà soát"
    FAILED = "failed", "Trích xuất lỗi"
    PUBLISHED = "published", "Đã ban hành"
    DISCARDED = "discarded", "Đã hủy"


def _draft_upload_to(draft: PlanDraft, filename: str) -> str:
    # The hash prefix keeps two uploads of different files with the same name apart.
    return f"uploads/{draft.file_sha256[:12]}-{filename}"


class PlanDraft(models.Model):
    """A plan document under review (bản nháp kế hoạch): uploaded, extracted, corrected, published.

    ``document`` is the nq57-plan/1 JSON as the reviewers have corrected it; ``extracted`` is
    what extraction returned, kept as it was so that every correction can be compared with it.
    ``version`` grows with every write: an edit names the version it was made on and is refused
    when somebody else wrote in between.
    """

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="plan_drafts")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    file = models.FileField(upload_to=_draft_upload_to, max_length=400)
    file_name = models.CharField(max_length=255)  # the sender's name, sanitised
    file_sha256 = models.CharField(max_length=64, db_index=True)
    file_size = models.PositiveBigIntegerField(default=0)
    status = models.CharField(max_length=16, choices=DraftStatus.choices, default=DraftStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # 0..100
    progress_text = models.CharField(max_length=200, blank=True)  # the step running, in Vietnamese
    error = models.TextField(blank=True)  # why extraction failed, in Vietnamese
    extracted = models.JSONField(null=True, blank=True)  # nq57-plan/1 as extracted, frozen
    document = models.JSONField(null=True, blank=True)  # nq57-plan/1 as corrected
    source_lines = models.JSONField(default=list, blank=True)  # [{"n": 1, "raw": ..., "text": ...}]
    version = models.PositiveIntegerField(default=1)
    same_file = models.BooleanField(default=False)  # this exact file was imported before (target_plan)
    target_plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="update_drafts"
    )  # the plan this upload updates: same file or same number in the province
    supersedes_plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="superseding_drafts"
    )  # the plan this one replaces, from the header or picked by the reviewer
    published_plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="source_drafts"
    )
    task_result_id = models.CharField(max_length=64, blank=True)  # the django-tasks result

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=["unit", "status"]),)
        constraints = (
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="plan_draft_progress_max_100"),
        )
        verbose_name = "bản nháp kế hoạch"
        verbose_name_plural = "bản nháp kế hoạch"

    def __str__(self) -> str:
        return f"Bản nháp {self.file_name}"

    @property
    def is_open(self) -> bool:
        """Tell whether the draft can still change (not published, not discarded)."""
        return self.status not in (DraftStatus.PUBLISHED, DraftStatus.DISCARDED)

    @property
    def update_notice(self) -> str:
        """Return what the review screen says when this upload updates a plan already stored."""
        if self.target_plan_id is None:
            return ""
        plan = self.target_plan
        if self.same_file:
            return f"Tệp này đã được nhập (kế hoạch {plan}): bản này sẽ cập nhật kế hoạch đó."
        return f"Đã có kế hoạch số {plan} của tỉnh: bản này sẽ cập nhật kế hoạch đó."


class CorrectionKind(models.TextChoices):
    EDIT = "edit", "Sửa ô"
    ADD = "add", "Thêm dòng"
    DELETE = "delete", "Xóa dòng"
    SPLIT = "split", "Tách dòng"
    MERGE = "merge", "Gộp dòng"
    MOVE = "move", "Chuyển dòng"


class Correction(models.Model):
    """A reviewer's change to a draft (sửa lỗi trích xuất): who, when, before and after.

    Text edits (``kind`` edit, ``before``/``after`` filled) teach the restorer: ``theodoi
    train-restore`` reads (before, after) pairs. Structural changes keep the rows they touched
    in ``row_before``/``row_after`` and leave ``after`` empty, so they are not learnt as text.
    """

    draft = models.ForeignKey(PlanDraft, on_delete=models.CASCADE, related_name="corrections")
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    path = models.CharField(max_length=200)  # "tasks[3].name", "document.number", "tasks[3]"
    field = models.CharField(max_length=64, blank=True)  # "name"; empty for whole-row changes
    kind = models.CharField(max_length=8, choices=CorrectionKind.choices, default=CorrectionKind.EDIT)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    row_before = models.JSONField(null=True, blank=True)
    row_after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ("at", "id")
        indexes = (models.Index(fields=["draft", "at"]),)
        verbose_name = "sửa lỗi trích xuất"
        verbose_name_plural = "sửa lỗi trích xuất"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.path}"
