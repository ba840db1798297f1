"""PostgreSQL LISTEN: a change committed by another server process wakes this one's hub."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import sqlalchemy as sa

from athena_server.journal import CHANGES_CHANNEL

log = logging.getLogger("athena_server.pg_listen")

RETRY = 1.0  # s between tries when the listening connection failed


class ChangeListener:
    """A daemon thread holding one ``LISTEN athena_changes`` connection; ``on_change`` is
    called (from that thread) for each notification until ``stop``."""

    def __init__(self, engine: sa.Engine, on_change: Callable[[], None]) -> None:
        self.url = engine.url
        self.on_change = on_change
        self._stop = threading.Event()
        self.listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="athena-pg-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        import psycopg

        conninfo = self.url.set(drivername="postgresql").render_as_string(hide_password=False)
        while not self._stop.is_set():
            try:
                with psycopg.connect(conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANGES_CHANNEL}")
                    self.listening.set()
                    while not self._stop.is_set():
                        # bounded waits, so that stop() is noticed
                        for _ in conn.notifies(timeout=RETRY, stop_after=1):
                            self.on_change()
            except psycopg.Error as exc:
                self.listening.clear()
                log.warning("listening for changes failed, retrying: %s", exc)
                self._stop.wait(RETRY)
