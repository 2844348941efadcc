"""Read what a report covers: the tasks of its plan its agency leads and the indicators it monitors."""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import QuerySet

from theodoi.plans.models import AgencyRole, Indicator, IndicatorAgency, Task, TaskAgency
from theodoi.tracking.models import (
    ProgressReport,
    TaskUpdate,
)


def _led_tasks(report: ProgressReport) -> QuerySet[Task]:
    """The tasks of the report's plan its agency leads: the tasks it must report on."""
    return Task.objects.filter(
        plan_id=report.plan_id,
        pk__in=TaskAgency.objects.filter(agency_id=report.agency_id, role=AgencyRole.LEAD).values("task_id"),
    )


class LedTask(NamedTuple):
    """A task the report's agency leads, with whether the report has a row for it already."""

    id: int
    code: str
    reported: bool


@functools.cache
def _led_tasks_reported_sql() -> str:
    """The statement of ``_led_tasks_reported``, built once from the models' tables and columns."""
    qn = connection.ops.quote_name
    task, update, lead = Task._meta, TaskUpdate._meta, TaskAgency._meta

    def col(meta: Any, name: str) -> str:
        return qn(meta.get_field(name).column)

    return (
        f"SELECT t.{col(task, 'id')}, t.{col(task, 'code')},"
        f" EXISTS(SELECT 1 FROM {qn(update.db_table)} u"
        f" WHERE u.{col(update, 'report')} = %s AND u.{col(update, 'task')} = t.{col(task, 'id')})"
        f" FROM {qn(task.db_table)} t WHERE t.{col(task, 'plan')} = %s AND t.{col(task, 'id')} IN"
        f" (SELECT a.{col(lead, 'task')} FROM {qn(lead.db_table)} a"
        f" WHERE a.{col(lead, 'agency')} = %s AND a.{col(lead, 'role')} = %s)"
    )


def _led_tasks_reported(report: ProgressReport) -> dict[int, LedTask]:
    """Return ``_led_tasks(report)`` by id as plain rows, each with whether the report has its row.

    Written out rather than compiled by the ORM on every submission: compiling the subquery
    and the EXISTS cost about ten times running them (0.7 ms of a submission's CPU).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            _led_tasks_reported_sql(), [report.pk, report.plan_id, report.agency_id, AgencyRole.LEAD.value]
        )
        return {row[0]: LedTask(row[0], row[1], bool(row[2])) for row in cursor.fetchall()}


def _monitored_indicators(report: ProgressReport) -> dict[int, Indicator]:
    """Return the indicators of the report's plan its agency monitors, by id."""
    indicators = Indicator.objects.filter(
        plan_id=report.plan_id,
        pk__in=IndicatorAgency.objects.filter(agency_id=report.agency_id).values("indicator_id"),
    )
    return {i.pk: i for i in indicators}


def _report_scope(report: ProgressReport) -> tuple[dict[int, Task], dict[int, Indicator]]:
    """Return the tasks the report's agency leads and the indicators it monitors in the plan."""
    return {t.pk: t for t in _led_tasks(report)}, _monitored_indicators(report)
