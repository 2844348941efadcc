"""Fixtures of the web tests: drafts for the plan import pages."""

from tests.web.review_fixtures import make_draft, review_media  # noqa: F401
