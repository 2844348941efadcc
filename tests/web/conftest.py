"""Fixtures of the web tests: drafts for the plan import pages, the evaluation data set."""

from tests.evaluation.known import known  # noqa: F401
from tests.web.review_fixtures import make_draft, review_media  # noqa: F401
from tests.web.tracking_fixtures import (  # noqa: F401
    duties_a,
    indicator_online,
    report_a,
    reporter_b,
    reporter_finance_a,
    task_1,
    tracking_media,
)
