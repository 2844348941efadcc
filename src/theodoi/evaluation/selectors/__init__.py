"""The evaluation figures (đánh giá): dashboards, agency scorecards, the national view.

Every figure is computed in bulk from a few aggregate queries, whatever the number of tasks,
agencies and reports; no query runs per row. The judgements are tracking's
(``theodoi.tracking.rules``): a task's status is judged from its latest submitted or accepted
update exactly as ``tracking.selectors.task_statuses`` does (a test compares them), but the
latest update per task is found by the database (a window function) rather than by loading
every update of the plan, and only over recent reports first (see ``_latest_updates``).

Definitions the pages print beside the figures:

- *on-time completion rate* (tỷ lệ hoàn thành đúng hạn): tasks done on time over the tasks
  that are done or past their deadline (a task not yet due and not done is not counted);
- *reporting compliance* (chấp hành chế độ báo cáo) for a period: the reports owed whose due
  moment falls in the period and has passed, split into on time, late (sent after the due
  moment) and missing (not sent, or returned and not sent again);
- *indicator standing* (chỉ tiêu): met (đạt) when the latest value meets the target of the
  next horizon; on track (đúng tiến độ) when it does not yet but the line through its first and
  latest values reaches the target by the end of the horizon year; behind (chậm) otherwise;
  no data (chưa có số liệu) without a numeric or yes/no value.

One module per figure: ``periods`` (the period read), ``scope`` (a province's plans),
``judging`` (tasks judged in bulk, today from ``TaskProgress`` or an earlier day from the
updates), ``task_counts``, ``indicators``, ``compliance``, then the pages' reads built on them:
``dashboards``, ``scorecards``, ``comparison`` and ``national`` (the national view), ``public``.
The names callers use are re-exported here.
"""

from theodoi.evaluation.selectors.comparison import (
    KEY_INDICATORS,
    MATCH_THRESHOLD,
    ComparisonRow,
    indicator_comparison,
    name_key,
    name_similarity,
)
from theodoi.evaluation.selectors.compliance import (
    COMPLIANCE_LABELS,
    COMPLIANCES,
    Compliance,
    OwedReport,
    compliance_counts,
    compliance_counts_by,
    compliance_rate,
    owed_reports,
)
from theodoi.evaluation.selectors.dashboards import Breakdown, Dashboard, dashboard
from theodoi.evaluation.selectors.indicators import indicator_standings, standing_counts, standing_counts_by
from theodoi.evaluation.selectors.judging import (
    RECENT_DAYS,
    STATUS_BY_SLUG,
    STATUS_SLUGS,
    STATUSES,
    UPCOMING_DAYS,
    JudgedTask,
    JudgedTaskList,
    current_progress,
    filter_tasks,
    is_current,
    judged_from_updates,
    judged_tasks,
    overdue_tasks,
    upcoming_tasks,
)
from theodoi.evaluation.selectors.national import NationalOverview, ProvinceOverview, national_overview
from theodoi.evaluation.selectors.periods import EvaluationPeriod, period_choices, period_from_key
from theodoi.evaluation.selectors.public import PublicPlan, public_province
from theodoi.evaluation.selectors.scope import (
    current_provinces,
    lead_agencies,
    province_in_sql,
    province_plans,
)
from theodoi.evaluation.selectors.scorecards import SCORE_COLUMNS, Scorecard, ScoreRow, scorecard, sort_scores
from theodoi.evaluation.selectors.task_counts import (
    TaskFigures,
    status_counts,
    status_counts_by,
    task_figures,
)

__all__ = [
    "COMPLIANCES",
    "COMPLIANCE_LABELS",
    "KEY_INDICATORS",
    "MATCH_THRESHOLD",
    "RECENT_DAYS",
    "SCORE_COLUMNS",
    "STATUSES",
    "STATUS_BY_SLUG",
    "STATUS_SLUGS",
    "UPCOMING_DAYS",
    "Breakdown",
    "ComparisonRow",
    "Compliance",
    "Dashboard",
    "EvaluationPeriod",
    "JudgedTask",
    "JudgedTaskList",
    "NationalOverview",
    "OwedReport",
    "ProvinceOverview",
    "PublicPlan",
    "ScoreRow",
    "Scorecard",
    "TaskFigures",
    "compliance_counts",
    "compliance_counts_by",
    "compliance_rate",
    "current_progress",
    "current_provinces",
    "dashboard",
    "filter_tasks",
    "indicator_comparison",
    "indicator_standings",
    "is_current",
    "judged_from_updates",
    "judged_tasks",
    "lead_agencies",
    "name_key",
    "name_similarity",
    "national_overview",
    "overdue_tasks",
    "owed_reports",
    "period_choices",
    "period_from_key",
    "province_in_sql",
    "province_plans",
    "public_province",
    "scorecard",
    "sort_scores",
    "standing_counts",
    "standing_counts_by",
    "status_counts",
    "status_counts_by",
    "task_figures",
    "upcoming_tasks",
]
