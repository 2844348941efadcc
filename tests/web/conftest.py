"""Fixtures of the web tests: drafts for the plan import pages, the evaluation data set."""

from tests.evaluation.known import known  # noqa: F401
from tests.web.review_fixtures import make_draft, review_media  # noqa: F401
