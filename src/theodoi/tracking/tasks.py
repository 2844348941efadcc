"""Background jobs of progress reporting (django-tasks): thin, taking ids, safe to run twice.

Each job calls one service. Reminders claim their ``ReminderLog`` rows with a conditional
UPDATE and notification e-mails claim ``Notification.emailed_at`` the same way, so a job
that runs twice (a retry, two workers) sends each message once.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from theodoi.tracking import services


def _at(at_iso: str | None) -> dt.datetime:
    return dt.datetime.fromisoformat(at_iso) if at_iso else timezone.now()


@task()
def send_due_reminders(at_iso: str | None = None) -> int:
    """Remind reporters of reports due in the next days (``TRACKING_REMIND_DAYS_BEFORE``)."""
    return services.reminders_send_due(at=_at(at_iso))


@task()
def send_overdue_reminders(at_iso: str | None = None) -> int:
    """Remind reporters of late reports and overdue tasks, once a week each."""
    return services.reminders_send_overdue(at=_at(at_iso))


@task()
def send_notification_email(notification_id: int) -> bool:
    """E-mail one notification, once."""
    return services.notification_email_send(notification_id=notification_id)
