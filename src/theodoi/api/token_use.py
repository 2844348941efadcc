"""When each API token was last used (lần dùng cuối), written in batches, to the minute.

Why: writing ``last_used_at`` when a token is looked up was a statement and a commit of its
own on an agency's first request, and an agency's system sends one submission then stays
quiet: in a busy server nearly every look-up was a first. A "last used" to the minute is all
an operator needs (which tokens are still in use), so the process notes the uses and writes
them in one UPDATE at most ``EVERY`` after the first use noted: by a timer, or by the next
look-up once that is due, whichever comes first; ``MAX_PENDING`` uses are written at once.

What that costs: a server process that stops loses up to ``EVERY`` of uses (a token's
``last_used_at`` stays older than its real last use); a token used again within ``EVERY`` of
its recorded use is not written again.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from typing import TYPE_CHECKING

from django.db import DatabaseError, connections

if TYPE_CHECKING:
    from theodoi.api.models import ApiToken

logger = logging.getLogger(__name__)

EVERY = dt.timedelta(minutes=1)
MAX_PENDING = 500

_lock = threading.Lock()
_pending: dict[int, dt.datetime] = {}  # token pk -> when it was used, not yet written
_due = 0.0  # monotonic moment the pending uses must be written by
_timer: threading.Timer | None = None


def note(token: ApiToken, now: dt.datetime) -> None:
    """Note that ``token`` was used at ``now`` (when its recorded use is older than ``EVERY``)."""
    global _due, _timer
    if token.last_used_at is not None and now - token.last_used_at < EVERY:
        return
    token.last_used_at = now
    with _lock:
        if not _pending:
            _due = time.monotonic() + EVERY.total_seconds()
            _timer = threading.Timer(EVERY.total_seconds(), _write_from_timer)
            _timer.daemon = True
            _timer.start()
        _pending[token.pk] = now
        due = len(_pending) >= MAX_PENDING or time.monotonic() >= _due
    if due:
        write()


def write() -> int:
    """Write the pending uses in one UPDATE; return how many tokens it wrote."""
    global _timer
    from theodoi.api.models import ApiToken

    with _lock:
        rows = [ApiToken(pk=pk, last_used_at=at) for pk, at in _pending.items()]
        _pending.clear()
        if _timer is not None:
            _timer.cancel()
            _timer = None
    if rows:
        ApiToken.objects.bulk_update(rows, ["last_used_at"])
    return len(rows)


def forget() -> None:
    """Drop the pending uses unwritten (tests start from none)."""
    global _timer
    with _lock:
        _pending.clear()
        if _timer is not None:
            _timer.cancel()
            _timer = None


def _write_from_timer() -> None:
    """The timer's thread: write, then close the connection it opened (no request closes it)."""
    try:
        write()
    except DatabaseError:
        logger.warning("Không ghi được lần dùng cuối của mã truy cập.", exc_info=True)
    finally:
        connections.close_all()
