"""Fixtures of the core tests: the tracking and draft fixtures the fault tests use."""

from tests.web.review_fixtures import make_draft, review_media  # noqa: F401
from tests.web.tracking_fixtures import duties_a, report_a, task_1, tracking_media  # noqa: F401
