"""Settings of one Athena server process, fixed at start-up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024
UPLOAD_MARGIN = 1 * MIB
"""Room in a multipart body for its text fields (a 20,000-character body) and headers."""


@dataclass(frozen=True)
class ServerSettings:
    """What a server needs to know: where its store is and which doors are open."""

    db_url: str = "sqlite:///athena.db"
    demo: bool = False
    # eID login (F1): a directory of trusted root certificates (PEM or DER; in production
    # the Belgium Root CAs) — None closes the eID login — and the origin the clients reach
    # this server at, which the card signs (None: the origin of each request)
    trust_anchors_dir: Path | None = None
    origin: str | None = None
    eid_challenge_ttl: dt.timedelta = dt.timedelta(minutes=2)
    # repeated eID failures from one certificate or address: free tries, then a delay
    # doubling from ``eid_backoff`` up to ``eid_backoff_max``
    eid_free_failures: int = 5
    eid_backoff: dt.timedelta = dt.timedelta(seconds=2)
    eid_backoff_max: dt.timedelta = dt.timedelta(minutes=15)
    max_attachment_bytes: int = 10 * MIB
    max_attachments: int = 5
    # request bodies, enforced while they are read: a JSON body, and a multipart one
    # (None: every attachment at its cap, plus room for the fields)
    max_json_bytes: int = 1 * MIB
    max_upload_bytes: int | None = None
    # /docs, /redoc and /openapi.json (also on demo servers)
    docs: bool = False
    # sessions: a token lives at most ``session_ttl`` (a working day), dies after
    # ``session_idle`` without a request, and an agent holds at most
    # ``max_sessions_per_agent`` live sessions (a new login drops the oldest)
    session_ttl: dt.timedelta = dt.timedelta(hours=8)
    session_idle: dt.timedelta = dt.timedelta(minutes=30)
    max_sessions_per_agent: int = 3
    long_poll_max: int = 60
    # how often a waiting sync re-reads the change feed, so that changes committed by
    # another process on the same database are seen without an in-process notification
    poll_interval: float = 0.5
    sync_limit_max: int = 5000
    idempotency_ttl: dt.timedelta = dt.timedelta(days=2)
    # the demo feed (demo servers only): citizens writing in at ``feed_rate`` per minute
    feed: bool = False
    feed_rate: float = 4.0
    feed_seed: int = 7
    # the day that separates past from future in career views; None = the real date
    # (fixed by tests and demos whose data are dated relative to one day)
    today: dt.date | None = None

    def upload_limit(self) -> int:
        """The cap of a multipart body."""
        if self.max_upload_bytes is not None:
            return self.max_upload_bytes
        return self.max_attachment_bytes * self.max_attachments + UPLOAD_MARGIN

    def current_date(self) -> dt.date:
        """The server's notion of today."""
        return self.today or dt.date.today()
