"""Fixtures of the evaluation tests: the small known data set (``known.py``)."""

from tests.evaluation.known import known  # noqa: F401
