"""Tell users: notifications written with the change, e-mailed after commit by the worker, once
per user and key for reminders; marking them read and choosing the channels per kind.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from theodoi.core.audit import audit_record
from theodoi.tracking.models import (
    Notification,
    NotificationKind,
    NotificationPreference,
    ProgressReport,
    ReminderLog,
)
from theodoi.tracking.permissions import require

logger = logging.getLogger(__name__)


# Links in notifications and e-mails: the web app serves these paths (domain apps import no web).
REPORT_URL = "/bao-cao/{pk}/"


REPORTS_URL = "/bao-cao/"


def _report_url(report: ProgressReport) -> str:
    return REPORT_URL.format(pk=report.pk)


def notify(
    *,
    users: Iterable[Any],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    obj: Model | None = None,
    email_now: bool = False,
) -> list[Notification]:
    """Write a notification for each user that wants this kind; e-mail the ones that want that.

    Inside a transaction the e-mails are handed to the worker after commit; ``email_now``
    (the worker itself sending reminders) sends them at once.
    """
    recipients = list({u.pk: u for u in users}.values())
    if not recipients:
        return []
    prefs = {
        p.user_id: p
        for p in NotificationPreference.objects.filter(user__in=[u.pk for u in recipients], kind=kind)
    }
    rows = []
    for user in recipients:
        pref = prefs.get(user.pk)
        in_app = pref.in_app if pref else True
        email = (pref.email if pref else True) and bool(user.email)
        if not (in_app or email):
            continue
        rows.append(
            Notification(
                user=user,
                kind=kind,
                title=title[:300],
                body=body,
                url=url,
                object_type=obj._meta.label_lower if obj is not None else "",
                object_id=str(obj.pk) if obj is not None else "",
                in_app=in_app,
                email_wanted=email,
            )
        )
    created = Notification.objects.bulk_create(rows)  # PostgreSQL and SQLite >= 3.35 return the ids
    ids = [n.pk for n in created if n.email_wanted]
    if email_now:
        for pk in ids:
            notification_email_send(notification_id=pk)
    elif ids:
        transaction.on_commit(lambda: _enqueue_emails(ids))
    return created


def _enqueue_emails(ids: list[int]) -> None:
    from theodoi.tracking.tasks import send_notification_email  # the task module imports services

    for pk in ids:
        send_notification_email.enqueue(pk)


def notification_email_send(*, notification_id: int) -> bool:
    """Send one notification's e-mail once: claim it with a conditional UPDATE, then send.

    Returns whether this call sent it. A failed send gives the claim back so a later run retries.
    """
    claimed = Notification.objects.filter(
        pk=notification_id, email_wanted=True, emailed_at__isnull=True
    ).update(emailed_at=timezone.now())
    if not claimed:
        return False
    note = Notification.objects.select_related("user").get(pk=notification_id)
    body = note.body + (f"\n\n{settings_site_url()}{note.url}" if note.url else "")
    try:
        send_mail(f"[theodoi] {note.title}", body, None, [note.user.email])
    except (smtplib.SMTPException, OSError) as e:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        logger.warning("e-mail for notification %s failed: %s", notification_id, e)
        return False
    return True


def settings_site_url() -> str:
    return getattr(settings, "THEODOI_SITE_URL", "").rstrip("/")


def notification_mark_read(
    *, actor: Any, notification: Notification | None = None, all_unread: bool = False
) -> int:
    """Mark one of the actor's notifications read, or all of them; returns how many changed."""
    rows = Notification.objects.filter(user_id=actor.pk, read_at__isnull=True)
    if notification is not None:
        require(notification.user_id == actor.pk)
        rows = rows.filter(pk=notification.pk)
    elif not all_unread:
        return 0
    return rows.update(read_at=timezone.now())


def preferences_update(*, actor: Any, preferences: Mapping[str, Mapping[str, bool]]) -> None:
    """Set which channels the actor wants per kind: ``{"due": {"email": False, "in_app": True}}``."""
    unknown = sorted(set(preferences) - set(NotificationKind.values))
    if unknown:
        raise ValidationError({"preferences": f"Loại thông báo không hợp lệ: {', '.join(unknown)}."})
    with transaction.atomic():
        before = {
            p.kind: {"email": p.email, "in_app": p.in_app}
            for p in NotificationPreference.objects.filter(user_id=actor.pk)
        }
        for kind, channels in preferences.items():
            NotificationPreference.objects.update_or_create(
                user_id=actor.pk,
                kind=kind,
                defaults={
                    "email": bool(channels.get("email", True)),
                    "in_app": bool(channels.get("in_app", True)),
                },
            )
        audit_record(
            actor=actor,
            action="notification_preference.update",
            obj=actor,
            summary="Cập nhật tùy chọn nhận thông báo",
            before=before,
            after={k: dict(v) for k, v in preferences.items()},
        )


def _remind(
    *,
    users: list[Any],
    key: str,
    kind: str,
    title: str,
    body: str,
    url: str,
    at: dt.datetime,
    obj: Model | None = None,
) -> int:
    """Send one reminder per user and key, ever: insert the log row, claim it, then send."""
    if not users:
        return 0
    ReminderLog.objects.bulk_create(
        [ReminderLog(key=key, user=u, kind=kind) for u in users], ignore_conflicts=True
    )
    sent = 0
    for user in users:
        if ReminderLog.objects.filter(key=key, user=user, sent_at__isnull=True).update(sent_at=at):
            notify(users=[user], kind=kind, title=title, body=body, url=url, obj=obj, email_now=True)
            sent += 1
    return sent
