"""Progress reporting on the plan's own calendar (issue 6): báo cáo tiến độ, đôn đốc, điều chỉnh.

Where things are:

- ``rules``        pure functions: periods and due moments from the plan's wording, the five task
                   statuses, indicator progress (tested as tables, no database);
- ``calendar``     who owes which report when, computed from active plans' reporting duties;
- ``models``       ProgressReport (one per agency, plan, cadence, period; ``version`` for optimistic
                   locking), TaskUpdate, IndicatorValue, Evidence, PartnerContribution, ChaseUp,
                   Amendment, Notification, NotificationPreference, ReminderLog;
- ``permissions``  object-by-object checks (reporter: own agency; coordinator: own province);
- ``services``     every write (``report_save_draft``, ``report_submit``, ``report_accept``,
                   ``report_return``, ``evidence_attach``, ``contribution_save``, ``chase_up_send``,
                   ``amendment_propose/approve/reject``, ``task_amend``, ``preferences_update``,
                   ``notification_mark_read``, the reminders);
- ``selectors``    the reads pages are built on (``reporter_open_reports``, ``report_form``,
                   ``partner_tasks``, ``coordinator_inbox``, ``task_statuses``,
                   ``indicator_progress_for_plan``, ``task_history``, ``object_history`` ...);
- ``progress``     each task's current progress in one row (``TaskProgress``), written with the
                   reports and plans that change it, judged in SQL from ``rules.STATUS_RULES``;
                   what the dashboards count with GROUP BY;
- ``tasks``        django-tasks jobs (reminders, notification e-mails, the nightly progress
                   rebuild), safe to run twice;
                   ``manage.py send_reminders`` runs or enqueues them (from cron, hourly).

Settings read (all optional): ``TRACKING_HOLIDAYS`` (ISO dates that move a due day to the next
day; none by default), ``TRACKING_REMIND_DAYS_BEFORE`` (3), ``TRACKING_EVIDENCE_MAX_BYTES``
(20 MB), ``THEODOI_SITE_URL`` (prefix of links in e-mails).
"""
