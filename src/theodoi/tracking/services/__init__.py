"""Writes for progress reporting: reports, contributions, chase-ups, amendments, notifications.

Every service takes keyword-only arguments, checks the actor's permission on the object
(``tracking.permissions``), validates before it saves, runs in one transaction and records
one audit event per state change. E-mails go out after commit, through the background worker
(``tracking.tasks``); in-app notifications are rows written with the change.

Errors the user must see come back as ``django.core.exceptions.ValidationError`` with a dict
keyed by field ("tasks.12.percent", "indicators.3.value", "return_comment") and Vietnamese
messages; a write made on a version somebody else has changed meanwhile raises
``ReportConflict`` and changes nothing.

One module per job: ``drafts`` (open and save a report), ``submissions`` (send it),
``reviews`` (accept or return it), ``evidence``, ``contributions``, ``chase_ups``,
``amendments``, ``reminders`` and ``notifications``; beside them what they share: ``errors``,
``values`` (reading typed values), ``people`` (whom a write records and tells), and a report's
``report_state`` (its version claimed), ``report_scope`` (what it covers) and ``report_rows``
(its rows validated and written). The names callers use are re-exported here.
"""

from theodoi.tracking.services.amendments import (
    AMENDABLE,
    amendment_approve,
    amendment_propose,
    amendment_reject,
    task_amend,
)
from theodoi.tracking.services.chase_ups import chase_up_send, late_agency_ids
from theodoi.tracking.services.contributions import contribution_save
from theodoi.tracking.services.drafts import report_get_or_create_draft, report_save_draft
from theodoi.tracking.services.errors import InvalidTransition, ReportConflict, TrackingError
from theodoi.tracking.services.evidence import (
    EVIDENCE_MAX_BYTES,
    evidence_attach,
    evidence_max_bytes,
    evidence_remove,
    sniff,
)
from theodoi.tracking.services.notifications import (
    REPORT_URL,
    REPORTS_URL,
    notification_email_send,
    notification_mark_read,
    notify,
    preferences_update,
    settings_site_url,
)
from theodoi.tracking.services.reminders import remind_days_before, reminders_send_due, reminders_send_overdue
from theodoi.tracking.services.report_scope import LedTask
from theodoi.tracking.services.report_state import DONE_STATES
from theodoi.tracking.services.reviews import report_accept, report_return
from theodoi.tracking.services.submissions import (
    report_save_and_submit,
    report_submit,
    report_submitted_notify,
)
from theodoi.tracking.services.values import (
    indicator_expects,
    indicator_target,
    parse_date,
    parse_number,
    today,
)

__all__ = [
    "AMENDABLE",
    "DONE_STATES",
    "EVIDENCE_MAX_BYTES",
    "REPORTS_URL",
    "REPORT_URL",
    "InvalidTransition",
    "LedTask",
    "ReportConflict",
    "TrackingError",
    "amendment_approve",
    "amendment_propose",
    "amendment_reject",
    "chase_up_send",
    "contribution_save",
    "evidence_attach",
    "evidence_max_bytes",
    "evidence_remove",
    "indicator_expects",
    "indicator_target",
    "late_agency_ids",
    "notification_email_send",
    "notification_mark_read",
    "notify",
    "parse_date",
    "parse_number",
    "preferences_update",
    "remind_days_before",
    "reminders_send_due",
    "reminders_send_overdue",
    "report_accept",
    "report_get_or_create_draft",
    "report_return",
    "report_save_and_submit",
    "report_save_draft",
    "report_submit",
    "report_submitted_notify",
    "settings_site_url",
    "sniff",
    "task_amend",
    "today",
]
